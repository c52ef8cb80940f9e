//! The lexicon file's layout: mecab-ko-dic's entries, connection costs and character classes in one
//! little-endian byte layout that is read in place, without copying or deserialising. Shared, without
//! dependencies, by the reader (`dic.rs`), `build.rs` (which checks the checksum) and the generator
//! (`.ci/ko-dic`).
//!
//! | bytes | what |
//! |---|---|
//! | 0..8 | magic `RLKODIC1` |
//! | 8..12 | format version ([`VERSION`]) |
//! | 12..16 | CRC-32 (IEEE) of every byte from 16 to the end |
//! | 16..20 | total length in bytes |
//! | 20..24 | number of sections ([`SECTIONS`]) |
//! | 24.. | per section: offset and length (two `u32`), in the order of [`Section`] |
//!
//! Sections: `Meta` (UTF-8: where the data came from), `Params` (matrix shape, BOS/EOS contexts, space
//! penalties, character categories: [`PARAMS_LEN`] bytes then [`CATEGORY_LEN`] per category), `Chars`
//! (code-point ranges with MeCab's packed character class, [`CHAR_RANGE_LEN`] bytes each), `Fst` (an
//! `fst` map from surface to first entry << [`COUNT_BITS`] | entry count), `Entries` (8 bytes each, see
//! [`Entry`]; the unknown-word templates follow the dictionary words), `Features` (`u32` offsets into
//! `FeatureText`, one more than there are features), `FeatureText` (UTF-8 `TAG` or `TAG\tEXPRESSION`),
//! `Matrix` (`i16` connection costs, row = right context of the left word, column = left context of the
//! right word, row by row).

use std::fmt;

pub const MAGIC: &[u8; 8] = b"RLKODIC1";
pub const VERSION: u32 = 1;
pub const SECTIONS: usize = 8;
pub const HEADER_LEN: usize = 24 + 8 * SECTIONS;

/// The sections, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Meta = 0,
    Params = 1,
    Chars = 2,
    Fst = 3,
    Entries = 4,
    Features = 5,
    FeatureText = 6,
    Matrix = 7,
}

/// Size of the fixed part of `Params`: rows, columns, BOS row, EOS column (`u16` each), four space
/// penalties (`i16`, code 0 is none), the number of dictionary words (`u32`), the number of categories and
/// the index of the space category (`u8` each), two bytes of padding.
pub const PARAMS_LEN: usize = 24;
/// Per category: invoke, group, length, padding (`u8` each), first template and template count (`u32`).
pub const CATEGORY_LEN: usize = 12;
/// Per code-point range: first, last, packed class (`u32` each).
pub const CHAR_RANGE_LEN: usize = 12;
/// Bits of an fst value that hold the number of entries of a surface; the rest is the first entry.
pub const COUNT_BITS: u32 = 6;

/// Why a lexicon file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DicError {
    /// Not a lexicon file of this kind, written for another format version, or inconsistent.
    Format(String),
    /// The bytes do not match their checksum: the file is damaged or was cut short.
    Checksum { expected: u32, found: u32 },
}

impl fmt::Display for DicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DicError::Format(message) => write!(f, "Korean lexicon: {message}"),
            DicError::Checksum { expected, found } => write!(
                f,
                "Korean lexicon is damaged: checksum {found:08x}, expected {expected:08x} \
                 (restore src/text/ko/ko.dic from git, or regenerate it with .ci/make-ko-dic)"
            ),
        }
    }
}

impl std::error::Error for DicError {}

/// CRC-32 (IEEE 802.3, as zlib's `crc32`).
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in bytes {
        crc = TABLE[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// Checks a whole file: magic, length and checksum.
pub fn verify_checksum(bytes: &[u8]) -> Result<(), DicError> {
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return Err(DicError::Format(
            "not a replylint Korean lexicon file (restore src/text/ko/ko.dic from git, or regenerate it \
             with .ci/make-ko-dic)"
                .into(),
        ));
    }
    let expected = read_u32(bytes, 12);
    let found = crc32(&bytes[16..]);
    if expected != found || read_u32(bytes, 16) as usize != bytes.len() {
        return Err(DicError::Checksum { expected, found });
    }
    Ok(())
}

pub fn read_u16(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

pub fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// One dictionary word (or an unknown-word template), packed into 8 bytes:
/// cost (16 bits), left context (12), right context (12), space-penalty code (2), feature (22).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub cost: i16,
    pub left: u16,
    pub right: u16,
    pub penalty: u8,
    pub feature: u32,
}

impl Entry {
    pub fn pack(&self) -> u64 {
        assert!(self.left < 1 << 12 && self.right < 1 << 12 && self.penalty < 4 && self.feature < 1 << 22);
        (self.cost as u16 as u64)
            | (self.left as u64) << 16
            | (self.right as u64) << 28
            | (self.penalty as u64) << 40
            | (self.feature as u64) << 42
    }

    pub fn unpack(v: u64) -> Entry {
        Entry {
            cost: v as u16 as i16,
            left: (v >> 16) as u16 & 0xFFF,
            right: (v >> 28) as u16 & 0xFFF,
            penalty: (v >> 40) as u8 & 3,
            feature: (v >> 42) as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn entries_round_trip() {
        let e = Entry {
            cost: -8239,
            left: 4095,
            right: 1901,
            penalty: 2,
            feature: (1 << 22) - 1,
        };
        assert_eq!(Entry::unpack(e.pack()), e);
    }
}
