//! Big reports printed in parallel. A report of an export holds tens of thousands of items: each slice of
//! them is printed on its own task, indented to where it sits, and put into the array it belongs to in a
//! document printed without them. The text is the same as printing the whole document at once, without
//! holding the document as a tree or copying it.

use super::printed::Printed;
use rayon::prelude::*;
use serde::Serialize;

/// How many items one parallel task prints: enough to keep tasks few, small enough to share the work.
const ITEMS_PER_TASK: usize = 64;

/// Pretty-prints items as the elements of an array whose elements sit `depth` levels (of two spaces)
/// deep, in order, a slice per task: each slice's elements joined by `,` and a line break.
pub fn print_items<'a, T, V>(items: &'a [T], depth: usize, item: impl Fn(&'a T) -> V + Sync) -> Vec<String>
where
    T: Sync,
    V: Serialize,
{
    let indent = " ".repeat(2 * depth);
    items
        .par_chunks(ITEMS_PER_TASK)
        .map(|slice| {
            let mut out = Vec::new();
            for element in slice {
                if !out.is_empty() {
                    out.extend_from_slice(b",\n");
                }
                out.extend_from_slice(indent.as_bytes());
                let writer = Indented {
                    out: &mut out,
                    indent: indent.as_bytes(),
                };
                serde_json::to_writer_pretty(writer, &item(element)).expect("a report item serialises");
            }
            String::from_utf8(out).expect("serde_json writes UTF-8")
        })
        .collect()
}

/// Puts printed elements into the empty array `"key": []` of a pretty-printed document, whose elements
/// sit `depth` levels deep (the key one level less). The document ends with a line break.
pub fn fill_array(document: &str, key: &str, depth: usize, printed: Vec<String>) -> Printed {
    let key_indent = " ".repeat(2 * (depth - 1));
    let empty = format!("\n{key_indent}\"{key}\": []");
    match document.split_once(&empty) {
        Some((head, tail)) if !printed.is_empty() => {
            let mut pieces = vec![format!("{head}\n{key_indent}\"{key}\": [\n")];
            let last = printed.len() - 1;
            for (i, mut slice) in printed.into_iter().enumerate() {
                if i < last {
                    slice.push_str(",\n");
                }
                pieces.push(slice);
            }
            pieces.push(format!("\n{key_indent}]{tail}\n"));
            pieces.into_iter().collect()
        }
        _ => Printed::from(format!("{document}\n")),
    }
}

/// Writes pretty JSON with `indent` after every line break. JSON strings hold no raw line breaks, so
/// every one is a line of the layout.
struct Indented<'a> {
    out: &'a mut Vec<u8>,
    indent: &'a [u8],
}

impl std::io::Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.out.push(b'\n');
                self.out.extend_from_slice(self.indent);
            }
            self.out.extend_from_slice(line);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filled_document_is_the_document_printed_whole() {
        let items: Vec<u32> = (0..200).collect();
        let element = |i: &u32| json!({ "n": i, "text": "a\nb", "list": [i, i + 1] });
        for count in [0, 1, 64, 65, 200] {
            let shown = &items[..count];
            let whole =
                json!({ "a": 1, "runs": [{ "results": shown.iter().map(element).collect::<Vec<_>>(), "z": [] }] });
            let shell = json!({ "a": 1, "runs": [{ "results": [], "z": [] }] });
            let shell = serde_json::to_string_pretty(&shell).unwrap();
            let filled = fill_array(&shell, "results", 4, print_items(shown, 4, element)).into_string();
            assert_eq!(
                filled,
                serde_json::to_string_pretty(&whole).unwrap() + "\n",
                "{count} items"
            );
        }
    }
}
