//! Batches of replies in one file: CSV (a header row, RFC 4180 quoting) or JSON Lines (one object per line),
//! with the reply text, an id and a scenario taken from named columns or fields. A row that cannot be used
//! is an error naming its line; the other rows are still read.

use super::{reply_problem, Source};
use crate::error::Error;
use std::path::Path;

/// The largest batch file accepted: hundreds of replies fit in a few megabytes.
pub const MAX_BATCH_BYTES: usize = 64 << 20;

/// Which columns (CSV) or fields (JSON Lines) hold what.
#[derive(Debug, Clone)]
pub struct Columns {
    pub text: Column,
    pub id: Column,
    pub scenario: Column,
    /// The kind of text (`full`, `fragment`, `faq`, ...), declared per row.
    pub kind: Column,
}

/// A column the user named (it must exist), or the usual names to look for when they did not.
#[derive(Debug, Clone)]
pub enum Column {
    Named(String),
    Usual(&'static [&'static str]),
}

impl Columns {
    /// The flags as given; unnamed columns are looked for under their usual names.
    pub fn new(text: Option<String>, id: Option<String>, scenario: Option<String>) -> Self {
        let pick = |named: Option<String>, usual| named.map_or(Column::Usual(usual), Column::Named);
        Columns {
            text: pick(text, &["text", "reply", "body", "message", "content"]),
            id: pick(id, &["id", "trainee", "ticket", "name"]),
            scenario: pick(scenario, &["scenario"]),
            kind: Column::Usual(&["reply_kind", "kind"]),
        }
    }
}

impl Column {
    /// Which of the available names this column is: `Err` when a named column is missing.
    fn resolve<'a>(&self, available: &[&'a str]) -> std::result::Result<Option<&'a str>, String> {
        match self {
            Column::Named(name) => available
                .iter()
                .find(|n| n.trim() == name)
                .copied()
                .map(Some)
                .ok_or_else(|| name.clone()),
            Column::Usual(names) => Ok(names
                .iter()
                .find_map(|u| available.iter().find(|n| n.trim() == *u).copied())),
        }
    }

    fn describe(&self) -> String {
        match self {
            Column::Named(name) => format!("'{name}'"),
            Column::Usual(names) => names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(" or "),
        }
    }
}

/// One reply read from a batch: where it came from (`answers.csv:12`), its id and scenario if the batch
/// gives them, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub origin: String,
    pub id: Option<String>,
    pub scenario: Option<String>,
    /// The kind of text the row declares.
    pub kind: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchFormat {
    Csv,
    Jsonl,
}

impl BatchFormat {
    /// The format a file's extension says, if it names a batch format.
    pub fn of_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(BatchFormat::Csv),
            "jsonl" | "ndjson" => Some(BatchFormat::Jsonl),
            _ => None,
        }
    }
}

/// Reads a batch from a file or standard input (within the batch size limit). A source that cannot be read
/// at all is one error; otherwise each unusable row is one.
pub fn read(source: &Source, format: BatchFormat, columns: &Columns) -> (Vec<Record>, Vec<Error>) {
    match source.read_batch() {
        Ok(text) => match format {
            BatchFormat::Csv => parse_csv(source.name(), &text, columns),
            BatchFormat::Jsonl => parse_jsonl(source.name(), &text, columns),
        },
        Err(e) => (Vec::new(), vec![e]),
    }
}

/// Parses CSV text whose first row names the columns.
pub fn parse_csv(shown: &str, text: &str, columns: &Columns) -> (Vec<Record>, Vec<Error>) {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return (
                Vec::new(),
                vec![Error::input(shown, format!("cannot read the header row: {e}"))],
            )
        }
    };
    if let Some(open) = unclosed_quote(text, 0) {
        return (Vec::new(), vec![unclosed_quote_error(shown, text, open, 1)]);
    }
    let names: Vec<&str> = headers.iter().collect();
    let missing = |wanted: String| {
        Error::input(
            format!("{shown}:1"),
            format!("no column {wanted} in the header (columns: {})", names.join(", ")),
        )
    };
    let position = |column: &Column| -> std::result::Result<Option<usize>, Error> {
        let found = column.resolve(&names).map_err(|name| missing(format!("'{name}'")))?;
        Ok(found.and_then(|f| names.iter().position(|n| *n == f)))
    };
    let text_at = match position(&columns.text) {
        Ok(Some(at)) => at,
        Ok(None) => return (Vec::new(), vec![missing(columns.text.describe())]),
        Err(e) => return (Vec::new(), vec![e]),
    };
    let (id_at, scenario_at) = match (position(&columns.id), position(&columns.scenario)) {
        (Ok(id), Ok(scenario)) => (id, scenario),
        (Err(e), _) | (_, Err(e)) => return (Vec::new(), vec![e]),
    };
    let kind_at = position(&columns.kind).ok().flatten();
    let text_name = names[text_at];

    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut lines = LineCounter::new(text);
    // Where the last row starts, and whether it was read as a record (else as an error).
    let mut last: Option<(usize, bool)> = None;
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let byte = e.position().map_or(0, |p| p.byte() as usize);
                last = Some((byte, false));
                let line = lines.line_at(byte);
                errors.push(Error::input(format!("{shown}:{line}"), csv_problem(&e)));
                continue;
            }
        };
        let byte = row.position().map_or(0, |p| p.byte() as usize);
        let origin = format!("{shown}:{}", lines.line_at(byte));
        let cell = |at: Option<usize>| at.and_then(|i| row.get(i)).map(str::trim).filter(|s| !s.is_empty());
        match cell(Some(text_at)) {
            Some(text) => match reply_problem(text) {
                Some(problem) => {
                    last = Some((byte, false));
                    errors.push(Error::input(origin, problem));
                }
                None => {
                    last = Some((byte, true));
                    records.push(Record {
                        origin,
                        id: cell(id_at).map(str::to_string),
                        scenario: cell(scenario_at).map(str::to_string),
                        kind: cell(kind_at).map(str::to_string),
                        text: text.to_string(),
                    });
                }
            },
            None => {
                last = Some((byte, false));
                errors.push(Error::input(origin, format!("the '{text_name}' cell is empty")));
            }
        }
    }
    // A quote that is never closed makes the reader take the rest of the file as one cell: the rows after
    // it would be lost in silence. The row is dropped and the quote named instead.
    if let Some(open) = last.and_then(|(start, _)| unclosed_quote(text, start)) {
        match last {
            Some((_, true)) => drop(records.pop()),
            _ => drop(errors.pop()),
        }
        errors.push(unclosed_quote_error(shown, text, open, lines.line_at(open)));
    }
    if records.is_empty() && errors.is_empty() {
        errors.push(Error::input(shown, "no rows below the header: nothing to check"));
    }
    (records, errors)
}

fn unclosed_quote_error(shown: &str, text: &str, open: usize, line: usize) -> Error {
    let rest = text[open..].lines().count();
    Error::input(
        format!("{shown}:{line}"),
        format!(
            "a quote opened here is never closed, so the {rest} line(s) from here to the end of the file would be one cell; close it (a quote inside a quoted cell is written twice: \"\")"
        ),
    )
}

/// Where a quote opens a cell that is never closed, reading one CSV row from its first byte as the csv
/// reader does (a quote opens a quoted cell only at the cell's start; `""` inside is a quote).
fn unclosed_quote(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = start;
    loop {
        if bytes.get(i) == Some(&b'"') {
            let open = i;
            i += 1;
            loop {
                match bytes.get(i) {
                    None => return Some(open),
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
        }
        // The rest of the cell: to a comma (the next cell) or the end of the row.
        loop {
            match bytes.get(i) {
                None | Some(b'\n' | b'\r') => return None,
                Some(b',') => {
                    i += 1;
                    break;
                }
                Some(_) => i += 1,
            }
        }
    }
}

/// Lines of the records of one file, read in order: the line breaks are counted from the last record
/// on, not from the start of the file, so a batch is read in one pass.
struct LineCounter<'a> {
    text: &'a str,
    /// Where the count stopped, and the 1-based line there.
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter { text, at: 0, line: 1 }
    }

    /// The 1-based line a record starting at this byte begins on. The reader places a record after the
    /// `\r` of a CRLF line end, so a `\n` found there still belongs to the line before.
    fn line_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let start = byte + usize::from(self.text.as_bytes().get(byte) == Some(&b'\n'));
        if start < self.at {
            // Records come in order; should one not, count again from the start.
            (self.at, self.line) = (0, 1);
        }
        self.line += self.text.as_bytes()[self.at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = start;
        self.line
    }
}

fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("the row has {len} cells where the header has {expected_len}")
        }
        _ => e.to_string(),
    }
}

/// Parses JSON Lines: one object per non-blank line.
pub fn parse_jsonl(shown: &str, text: &str, columns: &Columns) -> (Vec<Record>, Vec<Error>) {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let origin = format!("{shown}:{}", index + 1);
        match parse_object(line, columns) {
            Ok(record) if reply_problem(&record.text).is_some() => {
                errors.push(Error::input(origin, reply_problem(&record.text).unwrap_or_default()))
            }
            Ok(mut record) => {
                record.origin = origin;
                records.push(record);
            }
            Err(message) => errors.push(Error::input(origin, message)),
        }
    }
    (records, errors)
}

fn parse_object(line: &str, columns: &Columns) -> std::result::Result<Record, String> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
    let object = value.as_object().ok_or("the line is not a JSON object")?;
    let keys: Vec<&str> = object.keys().map(String::as_str).collect();
    // Ids are often numbers (ticket 1042); scenarios and text must be strings.
    let field = |column: &Column, numbers: bool| -> std::result::Result<Option<String>, String> {
        let name = column
            .resolve(&keys)
            .map_err(|name| format!("no field '{name}' (fields: {})", keys.join(", ")))?;
        match name.and_then(|n| object.get(n)) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
            Some(serde_json::Value::Number(n)) if numbers => Ok(Some(n.to_string())),
            Some(_) => Err(format!("field '{}' is not a string", name.unwrap_or_default())),
        }
    };
    let text = field(&columns.text, false)?.ok_or_else(|| {
        format!(
            "no text in field {} (fields: {})",
            columns.text.describe(),
            keys.join(", ")
        )
    })?;
    Ok(Record {
        origin: String::new(),
        id: field(&columns.id, true)?,
        scenario: field(&columns.scenario, false)?,
        kind: field(&columns.kind, false)?,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::MAX_DRAFT_BYTES;

    fn columns() -> Columns {
        Columns::new(Some("reply".into()), Some("trainee".into()), None)
    }

    #[test]
    fn csv_quoting_newlines_and_bad_rows() {
        let text = "trainee,reply\nana,\"Hi, Dana.\nLine two with \"\"quotes\"\".\"\nbo,\nci,ok,extra\ndee,Fine.\n";
        let (records, errors) = parse_csv("a.csv", text, &columns());
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].text, "Hi, Dana.\nLine two with \"quotes\".");
        assert_eq!(records[0].id.as_deref(), Some("ana"));
        assert_eq!(records[0].origin, "a.csv:2");
        assert_eq!(records[1].origin, "a.csv:6");
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "a.csv:4: the 'reply' cell is empty",
                "a.csv:5: the row has 3 cells where the header has 2"
            ]
        );
    }

    #[test]
    fn rows_of_a_crlf_file_are_placed_on_their_own_lines() {
        let text = "trainee,reply\r\nana,\"one\r\ntwo\"\r\nbo,three\r\n";
        let (records, _) = parse_csv("a.csv", text, &columns());
        let origins: Vec<&str> = records.iter().map(|r| r.origin.as_str()).collect();
        assert_eq!(origins, ["a.csv:2", "a.csv:4"]);
    }

    #[test]
    fn every_row_of_a_long_batch_is_placed_on_its_line() {
        // Rows of one to four lines, some with CRLF ends, some empty (errors), some with a cell too many.
        let mut text = String::from("trainee,reply\n");
        let mut line = 2;
        let mut expected_records = Vec::new();
        let mut expected_errors = Vec::new();
        for i in 0..100_000 {
            let breaks = i % 4;
            let end = if i % 3 == 0 { "\r\n" } else { "\n" };
            match i % 97 {
                0 => {
                    text.push_str(&format!("t{i},{end}"));
                    expected_errors.push(format!("a.csv:{line}: the 'reply' cell is empty"));
                }
                1 => {
                    text.push_str(&format!("t{i},ok,extra{end}"));
                    expected_errors.push(format!("a.csv:{line}: the row has 3 cells where the header has 2"));
                }
                _ => {
                    let reply = vec!["Hi, 고객님."; breaks + 1].join(end);
                    text.push_str(&format!("t{i},\"{reply}\"{end}"));
                    expected_records.push(format!("a.csv:{line}"));
                }
            }
            line += breaks * usize::from(i % 97 > 1) + 1;
        }
        let (records, errors) = parse_csv("a.csv", &text, &columns());
        let origins: Vec<&str> = records.iter().map(|r| r.origin.as_str()).collect();
        assert_eq!(origins.len(), expected_records.len());
        assert!(origins == expected_records, "the first row placed wrong: {:?}", {
            let at = origins.iter().zip(&expected_records).position(|(a, b)| a != b);
            at.map(|at| (origins[at], &expected_records[at]))
        });
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown, expected_errors);
    }

    #[test]
    fn a_row_over_the_limit_for_one_reply_is_an_error_naming_its_line() {
        let big = "a".repeat(MAX_DRAFT_BYTES + 1);
        let csv = format!("trainee,reply\nana,Hello\nbo,{big}\nci,Bye\n");
        let (records, errors) = parse_csv("a.csv", &csv, &columns());
        assert_eq!(records.len(), 2);
        let limit = MAX_DRAFT_BYTES / 1024;
        let expected = format!(
            "a.csv:3: the reply is {} bytes, more than the {limit} KiB limit for one reply",
            big.len()
        );
        assert_eq!(errors[0].to_string(), expected);
        let jsonl = format!("{{\"trainee\": 1, \"reply\": \"Hello\"}}\n{{\"trainee\": 2, \"reply\": \"{big}\"}}\n");
        let (records, errors) = parse_jsonl("a.jsonl", &jsonl, &columns());
        assert_eq!(records.len(), 1);
        assert_eq!(errors[0].to_string(), expected.replace("a.csv:3", "a.jsonl:2"));
    }

    #[test]
    fn a_quote_never_closed_is_named_instead_of_swallowing_the_rows_after_it() {
        let text = "trainee,reply\nana,Hello\nbo,\"Hi there,\nci,Third\ndee,Fourth\n";
        let (records, errors) = parse_csv("a.csv", text, &columns());
        assert_eq!(records.len(), 1);
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            ["a.csv:3: a quote opened here is never closed, so the 3 line(s) from here to the end of the file would be one cell; close it (a quote inside a quoted cell is written twice: \"\")"]
        );
        // Quotes that close, doubled quotes and a quote inside an unquoted cell are fine.
        let text = "trainee,reply\nana,\"Say \"\"hi\"\"\"\nbo,5\" screen\n";
        let (records, errors) = parse_csv("a.csv", text, &columns());
        assert_eq!((records.len(), errors.len()), (2, 0), "{errors:?}");
        // In the header itself.
        let (records, errors) = parse_csv("a.csv", "trainee,\"reply\nana,Hello\n", &columns());
        assert!(records.is_empty());
        assert!(
            errors[0]
                .to_string()
                .starts_with("a.csv:1: a quote opened here is never closed"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_csv_without_rows_is_an_error() {
        let (records, errors) = parse_csv("a.csv", "trainee,reply\n", &columns());
        assert!(records.is_empty());
        assert_eq!(
            errors[0].to_string(),
            "a.csv: no rows below the header: nothing to check"
        );
    }

    #[test]
    fn csv_missing_column_is_named() {
        let (records, errors) = parse_csv("a.csv", "name,body\nx,y\n", &columns());
        assert!(records.is_empty());
        assert_eq!(
            errors[0].to_string(),
            "a.csv:1: no column 'reply' in the header (columns: name, body)"
        );
    }

    #[test]
    fn jsonl_objects_numbers_and_broken_lines() {
        let text = "{\"trainee\": 7, \"reply\": \"Hello\"}\n\nnot json\n[1]\n{\"trainee\": \"x\"}\n";
        let (records, errors) = parse_jsonl("a.jsonl", text, &columns());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].id.as_deref(), Some("7"));
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(shown[0].starts_with("a.jsonl:3: not valid JSON"), "{shown:?}");
        assert_eq!(shown[1], "a.jsonl:4: the line is not a JSON object");
        assert_eq!(shown[2], "a.jsonl:5: no field 'reply' (fields: trainee)");
    }

    #[test]
    fn usual_column_names_are_found_when_none_is_named() {
        let usual = Columns::new(None, None, None);
        let (records, _) = parse_csv(
            "a.csv",
            "trainee,scenario,reply
ana,refusal,Hello
",
            &usual,
        );
        assert_eq!(records[0].id.as_deref(), Some("ana"));
        assert_eq!(records[0].scenario.as_deref(), Some("refusal"));
        let (_, errors) = parse_csv(
            "a.csv",
            "who,what
ana,Hello
",
            &usual,
        );
        assert_eq!(
            errors[0].to_string(),
            "a.csv:1: no column 'text' or 'reply' or 'body' or 'message' or 'content' in the header (columns: who, what)"
        );
    }
}
