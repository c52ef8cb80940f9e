//! `check --fix` and `check --diff`: the safe rewrites of each file, applied round after round until
//! none is left (a fix held back by an overlap gets its turn), then written in place or shown as a diff.

use super::args::CheckArgs;
use super::check::{sources_of, Setup};
use super::{print, write_atomically, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::error::Result;
use crate::fix::{self, Edit};
use crate::input::Source;
use rayon::prelude::*;
use std::path::PathBuf;

/// Enough rounds for fixes that overlap; a file still changing after them is reported.
const MAX_ROUNDS: usize = 10;

/// One file's text before and after its fixes.
struct Fixed {
    /// The file to write; `-` for standard input.
    path: PathBuf,
    name: String,
    before: String,
    after: String,
    applied: usize,
    settled: bool,
}

/// Fixes (or, with `--diff`, previews) every source, then returns what `check` should do next: `None`
/// to go on and report what is left, or the exit code when there is nothing more to do.
pub(super) fn run(args: &CheckArgs, setup: &mut Setup) -> Result<Option<u8>> {
    let (sources, errors) = sources_of(args)?;
    let mut failed = !errors.is_empty();
    for error in &errors {
        eprintln!("replylint: error: {}", crate::report::printable(&error.to_string()));
    }
    // Each file is read once; its fixes are worked out on the text in memory.
    let mut fixed = Vec::new();
    for source in sources {
        match in_memory(source).and_then(|source| fix_source(setup, args, source)) {
            Ok(f) => fixed.push(f),
            Err(e) => {
                failed = true;
                eprintln!("replylint: error: {}", crate::report::printable(&e.to_string()));
            }
        }
    }
    let changed: Vec<&Fixed> = fixed.iter().filter(|f| f.after != f.before).collect();
    let applied: usize = changed.iter().map(|f| f.applied).sum();
    for f in fixed.iter().filter(|f| !f.settled) {
        eprintln!(
            "replylint: {}: fixes were still changing the file after {MAX_ROUNDS} rounds; check the result",
            f.name
        );
    }
    if args.diff {
        let diffs: String = changed.iter().map(|f| unified_diff(f)).collect();
        print(&diffs);
        eprintln!(
            "replylint: {} fix(es) available in {} file(s); run with --fix (without --diff) to apply them",
            applied,
            changed.len()
        );
        return Ok(Some(if failed {
            EXIT_ERROR
        } else if changed.is_empty() {
            EXIT_CLEAN
        } else {
            EXIT_FINDINGS
        }));
    }
    let stdin = fixed.iter().find(|f| f.name == "-");
    for f in changed.iter().filter(|f| f.name != "-") {
        write_atomically(&f.path, &f.after)?;
    }
    eprintln!("replylint: fixed {} finding(s) in {} file(s)", applied, changed.len());
    // Standard input has nowhere to be written back: the fixed text is the output.
    if let Some(f) = stdin {
        print(&f.after);
        return Ok(Some(EXIT_CLEAN));
    }
    Ok(None)
}

/// A source with its text read, so that rounds of fixes can re-read it from memory.
fn in_memory(source: Source) -> Result<Source> {
    let text = source.read_batch()?;
    Ok(match source {
        Source::Stdin => Source::Text {
            path: PathBuf::from("-"),
            shown: "-".into(),
            text,
        },
        Source::File { path, shown } => Source::Text { path, shown, text },
        text @ Source::Text { .. } => text,
    })
}

fn fix_source(setup: &mut Setup, args: &CheckArgs, source: Source) -> Result<Fixed> {
    let Source::Text { path, shown, text } = source else {
        unreachable!("sources are read into memory first")
    };
    let before = text.clone();
    let mut text = text;
    let mut applied = 0;
    let mut settled = false;
    for _ in 0..MAX_ROUNDS {
        let current = Source::Text {
            path: path.clone(),
            shown: shown.clone(),
            text: text.clone(),
        };
        let report = setup.check(args, vec![current]);
        if let Some(error) = report.errors.into_iter().next() {
            return Err(error);
        }
        let edits: Vec<Edit> = report.results.par_iter().flat_map(fix::edits_of).collect();
        let edits = fix::resolve(edits);
        if edits.is_empty() {
            settled = true;
            break;
        }
        applied += edits.len();
        text = fix::apply(&text, &edits);
    }
    Ok(Fixed {
        path,
        name: shown,
        before,
        after: text,
        applied,
        settled,
    })
}

/// A unified diff of one file, with the path as `a/…` and `b/…` as `git diff` shows it.
fn unified_diff(f: &Fixed) -> String {
    let name = &f.name;
    similar::TextDiff::from_lines(&f.before, &f.after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}
