//! Where drafts come from: files, folders (recursively) and standard input; and turning their bytes
//! into text with a clear error for anything that is not a usable draft.

pub mod exports;
pub mod origin;
pub mod records;

use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest draft accepted: a support reply is a few kilobytes; megabytes mean a wrong file.
pub const MAX_DRAFT_BYTES: usize = 1 << 20;

/// Extensions read when walking a folder. A file named on the command line is read whatever its name.
const DRAFT_EXTENSIONS: [&str; 4] = ["txt", "text", "md", "markdown"];

/// What a folder holds for `check`: drafts, and `json` help-desk exports (a folder of macros). A JSON file
/// there that is not an export is an error, to fix or to list in `.replylintignore`.
const CHECK_EXTENSIONS: [&str; 5] = ["txt", "text", "md", "markdown", "json"];

/// A draft to read: standard input, or a file shown as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File {
        path: PathBuf,
        shown: String,
    },
    /// A file's text already in memory (a file being fixed, or standard input read once), read as the
    /// file at `path` would be.
    Text {
        path: PathBuf,
        shown: String,
        text: String,
    },
}

impl Source {
    /// The name used in findings: `-` for standard input, otherwise the path as given.
    pub fn name(&self) -> &str {
        match self {
            Source::Stdin => "-",
            Source::File { shown, .. } | Source::Text { shown, .. } => shown,
        }
    }

    /// The file's path, whose extension says how to read it; none for standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Stdin => None,
            Source::File { path, .. } | Source::Text { path, .. } => Some(path),
        }
    }

    /// A named file as a source, shown as given.
    pub fn file(path: &Path) -> Self {
        file(path)
    }

    /// Reads a batch (an export, CSV, JSON Lines): the batch size limit, not the one-draft limit.
    pub fn read_batch(&self) -> Result<String> {
        let limit = records::MAX_BATCH_BYTES;
        let bytes = self.bytes(limit, |_| {
            Error::input(
                self.name(),
                format!("more than the {} MiB limit for a batch", limit >> 20),
            )
        })?;
        decode_text(self.name(), bytes)
    }

    /// Reads and decodes the draft.
    pub fn read(&self) -> Result<String> {
        let bytes = self.bytes(MAX_DRAFT_BYTES, |size| too_big(self.name(), size))?;
        decode(self.name(), bytes)
    }

    /// The source's bytes, or `too_big(size)` when there are more than `limit`: a file is measured before
    /// it is read, standard input is read no further than one byte past the limit.
    fn bytes(&self, limit: usize, too_big: impl Fn(usize) -> Error) -> Result<Vec<u8>> {
        let bytes = match self {
            Source::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .take(limit as u64 + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::input("-", format!("cannot read standard input: {e}")))?;
                bytes
            }
            Source::File { path, shown } => {
                let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                if size > limit as u64 {
                    return Err(too_big(size as usize));
                }
                std::fs::read(path).map_err(|e| Error::input(shown.as_str(), format!("cannot read: {e}")))?
            }
            Source::Text { text, .. } => text.clone().into_bytes(),
        };
        if bytes.len() > limit {
            return Err(too_big(bytes.len()));
        }
        Ok(bytes)
    }
}

fn too_big(name: &str, size: usize) -> Error {
    Error::input(
        name,
        format!(
            "{} bytes is more than the {} KiB limit for one draft",
            size,
            MAX_DRAFT_BYTES / 1024
        ),
    )
}

/// Why a reply in an export or a row of a batch is not checked: it is over the limit for one draft.
pub(crate) fn too_big_message(size: usize) -> String {
    format!(
        "the reply is {size} bytes, more than the {} KiB limit for one reply",
        MAX_DRAFT_BYTES / 1024
    )
}

/// Bytes to a draft's text: UTF-8 (a byte-order mark is fine), not empty, not too big for one draft, and
/// without NUL characters.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    if bytes.len() > MAX_DRAFT_BYTES {
        return Err(too_big(name, bytes.len()));
    }
    let text = decode_text(name, bytes)?;
    match nul_message(&text) {
        Some(message) => Err(Error::input(name, message)),
        None => Ok(text),
    }
}

/// Why a reply in an export or a row of a batch cannot be checked, if it cannot: it is over the limit
/// for one draft, or holds a NUL character.
pub(crate) fn reply_problem(text: &str) -> Option<String> {
    if text.len() > MAX_DRAFT_BYTES {
        return Some(too_big_message(text.len()));
    }
    nul_message(text)
}

/// A NUL character is never part of a reply: the file is binary, or UTF-16 read as UTF-8. Naming where
/// the first one is.
fn nul_message(text: &str) -> Option<String> {
    let at = text.find('\0')?;
    let line = text[..at].matches('\n').count() + 1;
    Some(format!(
        "a NUL character at line {line} (byte {at}): a reply is text (a UTF-16 file? save it as UTF-8)"
    ))
}

/// Bytes to text: UTF-8 (a byte-order mark is fine) and not empty. Batches and exports check their own,
/// larger size limit first.
pub fn decode_text(name: &str, bytes: Vec<u8>) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::input(
            name,
            format!("invalid UTF-8 at line {line} (byte {valid}); save the draft as UTF-8"),
        )
    })?;
    if text.trim_start_matches('\u{FEFF}').trim().is_empty() {
        return Err(Error::input(name, "the draft is empty"));
    }
    Ok(text)
}

/// Expands the paths given on the command line into sources: `-` (or nothing) is standard input,
/// folders are walked recursively in name order for draft files. Paths that do not exist are errors.
pub fn collect(paths: &[PathBuf]) -> (Vec<Source>, Vec<Error>) {
    collect_from(paths, &DRAFT_EXTENSIONS)
}

/// `collect`, with the help-desk exports found in folders too: what `check` reads.
pub fn collect_with_exports(paths: &[PathBuf]) -> (Vec<Source>, Vec<Error>) {
    collect_from(paths, &CHECK_EXTENSIONS)
}

fn collect_from(paths: &[PathBuf], extensions: &[&str]) -> (Vec<Source>, Vec<Error>) {
    if paths.is_empty() {
        return (vec![Source::Stdin], Vec::new());
    }
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source::Stdin);
        } else if path.is_dir() {
            let found = sources.len();
            walk(path, extensions, &mut sources, &mut errors);
            if sources.len() == found {
                let kinds: Vec<String> = extensions.iter().map(|e| format!("*.{e}")).collect();
                errors.push(Error::input(
                    path.display().to_string(),
                    format!(
                        "no drafts in this folder (no {} files other than those .gitignore or .replylintignore leave out)",
                        kinds.join(", ")
                    ),
                ));
            }
        } else if path.exists() {
            sources.push(file(path));
        } else {
            errors.push(Error::input(path.display().to_string(), "no such file or folder"));
        }
    }
    (sources, errors)
}

fn file(path: &Path) -> Source {
    Source::File {
        path: path.to_path_buf(),
        shown: path.display().to_string(),
    }
}

fn walk(root: &Path, extensions: &[&str], sources: &mut Vec<Source>, errors: &mut Vec<Error>) {
    // `.gitignore` is honoured, and `.replylintignore` (same syntax) lists files that are not replies.
    let walker = ignore::WalkBuilder::new(root)
        .add_custom_ignore_filename(".replylintignore")
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_draft = entry.file_type().is_some_and(|t| t.is_file())
                    && path
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()));
                if is_draft {
                    sources.push(file(path));
                }
            }
            Err(e) => errors.push(Error::input(root.display().to_string(), e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = decode("a.txt", b"ok\nbad \xff here".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt: invalid UTF-8 at line 2 (byte 7); save the draft as UTF-8"
        );
    }

    #[test]
    fn empty_and_bom_only_drafts_are_errors() {
        assert!(decode("e.txt", Vec::new()).is_err());
        assert!(decode("e.txt", "\u{FEFF} \n".as_bytes().to_vec()).is_err());
        assert_eq!(decode("b.txt", "\u{FEFF}Hi".as_bytes().to_vec()).unwrap(), "\u{FEFF}Hi");
    }

    #[test]
    fn nul_characters_are_errors_naming_the_line() {
        let err = decode("a.txt", b"Hi\nthere\0".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt: a NUL character at line 2 (byte 8): a reply is text (a UTF-16 file? save it as UTF-8)"
        );
        assert!(reply_problem("fine\u{7}").is_none());
        assert!(reply_problem("x\0").is_some());
    }

    #[test]
    fn a_folder_without_drafts_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.pdf"), "x").unwrap();
        let (sources, errors) = collect(&[dir.path().to_path_buf()]);
        assert!(sources.is_empty());
        assert_eq!(
            errors[0].to_string(),
            format!(
                "{}: no drafts in this folder (no *.txt, *.text, *.md, *.markdown files other than those .gitignore or .replylintignore leave out)",
                dir.path().display()
            )
        );
    }

    #[test]
    fn too_big_is_an_error() {
        let err = decode("big.txt", vec![b'a'; MAX_DRAFT_BYTES + 1]).unwrap_err();
        assert!(err.to_string().contains("limit for one draft"));
    }

    #[test]
    fn a_batch_may_be_bigger_than_one_draft() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("macros.json");
        std::fs::write(&path, "x".repeat(MAX_DRAFT_BYTES * 2)).unwrap();
        let source = Source::file(&path);
        assert!(source.read().is_err(), "too big for one draft");
        assert_eq!(source.read_batch().unwrap().len(), MAX_DRAFT_BYTES * 2);
    }
}
