//! What the benchmarks share: drafts of a realistic size, and durations as they are reported.

use std::time::Duration;

/// Repeats a draft's body until it is about `bytes` long, so a benchmark reads a realistic 2 KB reply.
pub fn draft_of_size(seed: &str, bytes: usize) -> String {
    let mut text = String::new();
    while text.len() < bytes {
        text.push_str(seed);
        text.push('\n');
    }
    text
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}
