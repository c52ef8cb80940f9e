//! `replylint rubric`: the grading rubric in force, as a summary or (`--print`) as its TOML.

use super::args::RubricArgs;
use super::{load_rubric, load_rules, print, EXIT_CLEAN};
use crate::error::Result;
use std::fmt::Write;

pub fn run(args: RubricArgs) -> Result<u8> {
    let rules = load_rules(&args.packs)?;
    let rubric = load_rubric(args.rubric.as_deref(), &rules)?;
    if args.print {
        print(&rubric.source);
        return Ok(EXIT_CLEAN);
    }
    let mut out = format!("rubric '{}' ({})\n", rubric.meta.name, rubric.file);
    if !rubric.meta.description.is_empty() {
        let _ = writeln!(out, "{}", rubric.meta.description);
    }
    out.push('\n');
    for c in &rubric.criteria {
        let fed: Vec<&str> = rules
            .rules
            .iter()
            .filter(|r| rubric.criterion_of(&r.id, &r.criterion) == c.id)
            .map(|r| r.id.as_str())
            .collect();
        let _ = writeln!(out, "{:<12} weight {:>3}  {}", c.id, c.weight, fed.join(", "));
    }
    let p = &rubric.penalties;
    let _ = writeln!(
        out,
        "\npenalties: error {}, warning {}, suggestion {}",
        p.error, p.warning, p.suggestion
    );
    let bands: Vec<String> = rubric
        .bands
        .iter()
        .map(|b| format!("{} >= {}", b.letter, b.min))
        .collect();
    let _ = writeln!(out, "letters: {}", bands.join(", "));
    for cap in &rubric.caps {
        let what: Vec<String> = [cap.rule.clone(), cap.severity.map(|s| s.to_string())]
            .into_iter()
            .flatten()
            .collect();
        let _ = writeln!(out, "cap: any {} finding caps the score at {}", what.join(" "), cap.max);
    }
    out.push_str("\n`replylint rubric --print` shows the TOML to copy and edit.\n");
    print(&out);
    Ok(EXIT_CLEAN)
}
