//! The documents the editor has open: their text as the editor holds it (not as saved), kept up to date
//! from the change notifications, with what the last check found in them.

use super::findings::Checked;
use super::positions::{Encoding, LineMap};
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::HashMap;
use std::path::PathBuf;

/// One open document.
pub struct Document {
    /// Where the file is (or would be): its extension says how to read it, and its folder where to look
    /// for `replylint.toml`.
    pub path: PathBuf,
    pub text: String,
    pub version: i32,
    /// What the last check of `text` found.
    pub checked: Checked,
}

#[derive(Default)]
pub struct Documents {
    open: HashMap<Uri, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, text: String, version: i32) -> &mut Document {
        let document = Document {
            path: path_of(&uri),
            text,
            version,
            checked: Checked::default(),
        };
        self.open.insert(uri.clone(), document);
        self.open.get_mut(&uri).expect("just inserted")
    }

    /// Applies an editor's changes in order: a change with a range replaces that range, one without
    /// replaces the whole text. Returns the document, or none when it is not open.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Option<&mut Document> {
        let document = self.open.get_mut(uri)?;
        for change in changes {
            match change.range {
                None => document.text = change.text,
                Some(range) => {
                    let lines = LineMap::new(&document.text, encoding);
                    let start = lines.offset(range.start);
                    let end = lines.offset(range.end).max(start);
                    document.text.replace_range(start..end, &change.text);
                }
            }
        }
        document.version = version;
        Some(document)
    }

    pub fn close(&mut self, uri: &Uri) {
        self.open.remove(uri);
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.open.keys().cloned().collect()
    }
}

/// The file a `file:` URI names. Any other document (an unsaved buffer) is read as the name its URI
/// ends with, in the server's current folder, so that its extension still says how to read it.
pub fn path_of(uri: &Uri) -> PathBuf {
    let decoded = uri.path().as_estr().decode().into_string_lossy().into_owned();
    let is_file = uri.scheme().is_some_and(|s| s.as_str().eq_ignore_ascii_case("file"));
    if is_file {
        return PathBuf::from(without_drive_slash(&decoded));
    }
    let name = decoded
        .rsplit('/')
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or("untitled");
    std::env::current_dir().unwrap_or_default().join(name)
}

/// `/C:/Users/…` is `C:/Users/…` on Windows.
fn without_drive_slash(path: &str) -> &str {
    let bytes = path.as_bytes();
    let has_drive = bytes.len() >= 3 && bytes[0] == b'/' && bytes[1].is_ascii_alphabetic() && bytes[2] == b':';
    if has_drive && cfg!(windows) {
        &path[1..]
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn file_uris_are_decoded_paths() {
        let uri = Uri::from_str("file:///home/dana/%EB%A7%A4%ED%81%AC%EB%A1%9C/reply%20one.ko.txt").unwrap();
        assert_eq!(path_of(&uri), PathBuf::from("/home/dana/매크로/reply one.ko.txt"));
    }

    #[test]
    fn unsaved_buffers_keep_their_name() {
        let uri = Uri::from_str("untitled:draft.md").unwrap();
        assert!(path_of(&uri).ends_with("draft.md"));
    }

    #[test]
    fn incremental_changes_count_in_the_agreed_units() {
        let mut documents = Documents::default();
        let uri = Uri::from_str("file:///tmp/a.txt").unwrap();
        documents.open(uri.clone(), "귀하께서 확인\n".into(), 1);
        let change = TextDocumentContentChangeEvent {
            range: Some(lsp_types::Range::new(
                lsp_types::Position::new(0, 0),
                lsp_types::Position::new(0, 4),
            )),
            range_length: None,
            text: "고객님께서".into(),
        };
        let document = documents.change(&uri, 2, vec![change], Encoding::Utf16).unwrap();
        assert_eq!(document.text, "고객님께서 확인\n");
        assert_eq!(document.version, 2);
    }
}
