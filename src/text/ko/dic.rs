//! A lexicon file (layout in `format.rs`) opened in place: surfaces looked up through its fst, entries,
//! features, connection costs and character classes read straight from the bytes.

use super::format::{
    read_u16, read_u32, verify_checksum, DicError, Entry, CATEGORY_LEN, CHAR_RANGE_LEN, COUNT_BITS, HEADER_LEN, MAGIC,
    PARAMS_LEN, SECTIONS, VERSION,
};
use std::fmt;

/// How MeCab treats a character category: its unknown-word templates and how they are formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// Unknown words are tried even where the dictionary has a word.
    pub invoke: bool,
    /// A run of characters of this category is one unknown word.
    pub group: bool,
    /// Unknown words of 1..=length characters are tried as well.
    pub length: u8,
    /// Its unknown-word templates: a range of entries.
    pub first: u32,
    pub count: u32,
}

/// A character's class as MeCab packs it: the categories it belongs to (bits 0..18) and its
/// default category (bits 18..26).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharClass(pub u32);

impl CharClass {
    pub fn kinds(self) -> u32 {
        self.0 & 0x3FFFF
    }

    pub fn category(self) -> usize {
        ((self.0 >> 18) & 0xFF) as usize
    }

    /// Shares a category with `other` (MeCab's `isKindOf`).
    pub fn is_kind_of(self, other: CharClass) -> bool {
        self.kinds() & other.kinds() != 0
    }
}

/// A lexicon file opened in place.
pub struct Dictionary<'a> {
    meta: &'a [u8],
    fst: fst::raw::Fst<&'a [u8]>,
    entries: &'a [u8],
    lexicon_entries: usize,
    features: &'a [u8],
    feature_text: &'a [u8],
    chars: &'a [u8],
    matrix: &'a [u8],
    columns: usize,
    rows: usize,
    pub(crate) bos_row: u16,
    pub(crate) eos_column: u16,
    penalties: [i32; 4],
    pub(crate) categories: Vec<Category>,
    pub(crate) space: CharClass,
    /// The classes of ASCII, and of Hangul syllables where they are one range: most of what is looked up.
    ascii: [CharClass; 128],
    syllables: Option<CharClass>,
}

impl fmt::Debug for Dictionary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dictionary")
            .field("meta", &String::from_utf8_lossy(self.meta))
            .field("entries", &self.lexicon_entries)
            .field("matrix", &(self.rows, self.columns))
            .finish_non_exhaustive()
    }
}

impl<'a> Dictionary<'a> {
    /// Opens a lexicon file after checking its checksum (a pass over every byte).
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self, DicError> {
        verify_checksum(bytes)?;
        Self::open(bytes)
    }

    /// Opens a lexicon file whose checksum is already known to match (the copy compiled into the
    /// binary, checked by `build.rs`). Checks the header and the sizes of the sections only.
    pub fn open(bytes: &'a [u8]) -> Result<Self, DicError> {
        let bad = |what: &str| DicError::Format(what.to_string());
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return Err(bad("not a replylint Korean lexicon file"));
        }
        let version = read_u32(bytes, 8);
        if version != VERSION {
            return Err(DicError::Format(format!(
                "format version {version}, this build reads version {VERSION}; regenerate it with .ci/make-ko-dic"
            )));
        }
        if read_u32(bytes, 16) as usize != bytes.len() || read_u32(bytes, 20) as usize != SECTIONS {
            return Err(bad("the file was cut short or has the wrong section table"));
        }
        let mut sections = [&bytes[..0]; SECTIONS];
        for (i, section) in sections.iter_mut().enumerate() {
            let offset = read_u32(bytes, 24 + 8 * i) as usize;
            let len = read_u32(bytes, 28 + 8 * i) as usize;
            *section = bytes
                .get(offset..offset.checked_add(len).ok_or_else(|| bad("section out of bounds"))?)
                .ok_or_else(|| bad("section out of bounds"))?;
        }
        let [meta, params, chars, fst, entries, features, feature_text, matrix] = sections;
        if params.len() < PARAMS_LEN {
            return Err(bad("parameters cut short"));
        }
        let rows = read_u16(params, 0) as usize;
        let columns = read_u16(params, 2) as usize;
        let bos_row = read_u16(params, 4);
        let eos_column = read_u16(params, 6);
        let mut penalties = [0i32; 4];
        for (i, p) in penalties.iter_mut().enumerate() {
            *p = read_u16(params, 8 + 2 * i) as i16 as i32;
        }
        let lexicon_entries = read_u32(params, 16) as usize;
        let category_count = params[20] as usize;
        let space_category = params[21] as u32;
        if params.len() != PARAMS_LEN + category_count * CATEGORY_LEN {
            return Err(bad("parameters have the wrong size"));
        }
        let categories: Vec<Category> = (0..category_count)
            .map(|i| {
                let c = &params[PARAMS_LEN + i * CATEGORY_LEN..];
                Category {
                    invoke: c[0] != 0,
                    group: c[1] != 0,
                    length: c[2],
                    first: read_u32(c, 4),
                    count: read_u32(c, 8),
                }
            })
            .collect();
        let entry_count = entries.len() / 8;
        let feature_count = (features.len() / 4).saturating_sub(1);
        let fits = entries.len() % 8 == 0
            && features.len() % 4 == 0
            && lexicon_entries <= entry_count
            && chars.len() % CHAR_RANGE_LEN == 0
            && !chars.is_empty()
            && matrix.len() == rows * columns * 2
            && (bos_row as usize) < rows
            && (eos_column as usize) < columns
            && (space_category as usize) < category_count
            && categories
                .iter()
                .all(|c| c.first as usize + c.count as usize <= entry_count && c.count > 0);
        if !fits || feature_count == 0 {
            return Err(bad("sections do not fit together"));
        }
        let fst = fst::raw::Fst::new(fst).map_err(|e| DicError::Format(format!("surface index: {e}")))?;
        let mut dic = Dictionary {
            meta,
            fst,
            entries,
            lexicon_entries,
            features,
            feature_text,
            chars,
            matrix,
            columns,
            rows,
            bos_row,
            eos_column,
            penalties,
            categories,
            space: CharClass(1 << space_category),
            ascii: [CharClass(0); 128],
            syllables: None,
        };
        for c in 0..128 {
            dic.ascii[c] = dic.lookup_class(c as u32);
        }
        let range = dic.range_of(0xAC00);
        if read_u32(chars, range * CHAR_RANGE_LEN) <= 0xAC00 && read_u32(chars, range * CHAR_RANGE_LEN + 4) >= 0xD7A3 {
            dic.syllables = Some(dic.lookup_class(0xAC00));
        }
        Ok(dic)
    }

    /// Where the data came from, as written by the generator.
    pub fn meta(&self) -> &str {
        std::str::from_utf8(self.meta).unwrap_or("")
    }

    /// Number of dictionary words (unknown-word templates not counted).
    pub fn len(&self) -> usize {
        self.lexicon_entries
    }

    pub fn is_empty(&self) -> bool {
        self.lexicon_entries == 0
    }

    pub fn entry(&self, index: u32) -> Entry {
        let at = index as usize * 8;
        let bytes: [u8; 8] = self.entries[at..at + 8].try_into().expect("8 bytes");
        Entry::unpack(u64::from_le_bytes(bytes))
    }

    /// The tag and expression of a feature: `("XSA+EF", "하/XSA+ㅂ니다/EF")`, or `("NNG", "")`.
    pub fn feature(&self, index: u32) -> (&'a str, &'a str) {
        let i = index as usize * 4;
        let (Some(start), Some(end)) = (self.features.get(i..i + 4), self.features.get(i + 4..i + 8)) else {
            return ("", "");
        };
        let (start, end) = (read_u32(start, 0) as usize, read_u32(end, 0) as usize);
        let text = self
            .feature_text
            .get(start..end)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("");
        text.split_once('\t').unwrap_or((text, ""))
    }

    /// The connection cost from a word whose right context is `row` to one whose left context is `column`.
    #[inline]
    pub fn connection(&self, row: u16, column: u16) -> i32 {
        let at = (row as usize * self.columns + column as usize) * 2;
        i16::from_le_bytes([self.matrix[at], self.matrix[at + 1]]) as i32
    }

    /// The connection costs from a word whose right context is `row`, by left context of the next word:
    /// two bytes each, little-endian.
    #[inline]
    pub fn connection_row(&self, row: u16) -> &'a [u8] {
        let at = row as usize * self.columns * 2;
        &self.matrix[at..at + self.columns * 2]
    }

    pub fn penalty(&self, code: u8) -> i32 {
        self.penalties[code as usize & 3]
    }

    /// The class of a character; code points past the Basic Multilingual Plane take U+0000's, as in MeCab.
    #[inline]
    pub fn char_class(&self, c: char) -> CharClass {
        match (c as u32, self.syllables) {
            (code @ 0..=127, _) => self.ascii[code as usize],
            (0xAC00..=0xD7A3, Some(class)) => class,
            (code @ 128..=0xFFFE, _) => self.lookup_class(code),
            _ => self.ascii[0],
        }
    }

    fn lookup_class(&self, code: u32) -> CharClass {
        let range = self.range_of(code);
        let at = range * CHAR_RANGE_LEN;
        match at < self.chars.len() && read_u32(self.chars, at) <= code {
            true => CharClass(read_u32(self.chars, at + 8)),
            false => CharClass(read_u32(self.chars, 8)),
        }
    }

    /// The first range whose last code point is at or past `code`.
    fn range_of(&self, code: u32) -> usize {
        let (mut lo, mut hi) = (0, self.chars.len() / CHAR_RANGE_LEN);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if read_u32(self.chars, mid * CHAR_RANGE_LEN + 4) < code {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Every dictionary surface that starts `text`: calls `found(byte length, first entry, count)`.
    pub fn prefixes(&self, text: &[u8], mut found: impl FnMut(usize, u32, u32)) {
        let mut node = self.fst.root();
        let mut out = fst::raw::Output::zero();
        for (i, &b) in text.iter().enumerate() {
            let Some(t) = node.find_input(b) else { return };
            let t = node.transition(t);
            out = out.cat(t.out);
            node = self.fst.node(t.addr);
            if node.is_final() {
                let v = out.cat(node.final_output()).value();
                found(i + 1, (v >> COUNT_BITS) as u32, (v & ((1 << COUNT_BITS) - 1)) as u32);
            }
        }
    }
}
