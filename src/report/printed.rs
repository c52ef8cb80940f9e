//! A rendered report, in the pieces it was printed in. A report of a big export runs to tens of
//! megabytes, printed a slice per core: writing the pieces out one after the other spares copying them
//! into one string first.

use std::io::Write;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Printed {
    pieces: Vec<String>,
}

impl Printed {
    pub fn write_to(&self, out: &mut (impl Write + ?Sized)) -> std::io::Result<()> {
        self.pieces.iter().try_for_each(|piece| out.write_all(piece.as_bytes()))
    }

    /// The whole text, for a caller that needs it in one string.
    pub fn into_string(self) -> String {
        self.pieces.concat()
    }
}

impl From<String> for Printed {
    fn from(text: String) -> Self {
        Printed { pieces: vec![text] }
    }
}

impl FromIterator<String> for Printed {
    fn from_iter<I: IntoIterator<Item = String>>(pieces: I) -> Self {
        Printed {
            pieces: pieces.into_iter().collect(),
        }
    }
}
