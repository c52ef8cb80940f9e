//! Builds `src/text/ko/ko.dic` from the compiled mecab-ko-dic files (`sys.dic`, `unk.dic`, `char.bin`,
//! `matrix.bin`, `dicrc`) that the PyPI package `python-mecab-ko-dic` ships. Run by `.ci/make-ko-dic`,
//! which fetches the pinned package with pip and checks its hash:
//!
//! ```sh
//! cargo run --release --manifest-path .ci/ko-dic/Cargo.toml -- DICTIONARY_DIR OUT \
//!     [--lexicon compact|no-proper-nouns|full] [--source TEXT]
//! ```
//!
//! `compact` (the default) leaves out people's names (NNP 인명: 295,000 entries) and surfaces written in
//! Hanja (126,000); `no-proper-nouns` leaves out every proper noun as well (places, organisations,
//! brands); `full` keeps all 816,283 entries. `README.md` ("Korean analysis") has what each costs. The layout is described in
//! `src/text/ko/format.rs`, which this program shares with the reader.

#[path = "../../../src/text/ko/format.rs"]
#[allow(dead_code)]
mod format;

use format::{
    crc32, Entry, Section, CATEGORY_LEN, CHAR_RANGE_LEN, COUNT_BITS, HEADER_LEN, MAGIC, PARAMS_LEN, SECTIONS, VERSION,
};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One entry of a compiled MeCab dictionary, decoded.
struct Raw {
    surface: String,
    left: u16,
    right: u16,
    posid: u16,
    cost: i16,
    feature: String,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

/// Decodes a compiled MeCab dictionary (`sys.dic`, `unk.dic`): walks its double-array trie for the
/// surfaces and reads each surface's tokens and features.
fn decode_dic(path: &Path) -> Vec<Raw> {
    let b = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        u32_at(&b, 0) ^ 0xef71_8f77,
        b.len() as u32,
        "{}: not a MeCab dictionary",
        path.display()
    );
    let (dsize, tsize, fsize) = (
        u32_at(&b, 24) as usize,
        u32_at(&b, 28) as usize,
        u32_at(&b, 32) as usize,
    );
    let charset = String::from_utf8_lossy(&b[40..72])
        .trim_end_matches('\0')
        .to_lowercase();
    assert!(
        charset == "utf-8" || charset == "utf8",
        "{}: charset {charset}",
        path.display()
    );
    let da = &b[72..72 + dsize];
    let tokens = &b[72 + dsize..72 + dsize + tsize];
    let features = &b[72 + dsize + tsize..72 + dsize + tsize + fsize];
    let units = dsize / 8;
    let base = |i: usize| i32::from_le_bytes(da[i * 8..i * 8 + 4].try_into().unwrap());
    let check = |i: usize| u32_at(da, i * 8 + 4);
    let mut out = Vec::new();
    let mut stack: Vec<(i32, Vec<u8>)> = vec![(base(0), Vec::new())];
    while let Some((node, key)) = stack.pop() {
        let at = node as usize;
        if !key.is_empty() && at < units && check(at) == node as u32 && base(at) < 0 {
            let value = (-base(at) - 1) as u32;
            let first = (value >> 8) as usize;
            for t in first..first + (value & 0xFF) as usize {
                let o = t * 16;
                let f = u32_at(tokens, o + 8) as usize;
                let end = features[f..].iter().position(|&c| c == 0).expect("feature ends") + f;
                out.push(Raw {
                    surface: String::from_utf8(key.clone()).expect("UTF-8 surface"),
                    left: u16_at(tokens, o),
                    right: u16_at(tokens, o + 2),
                    posid: u16_at(tokens, o + 4),
                    cost: u16_at(tokens, o + 6) as i16,
                    feature: String::from_utf8(features[f..end].to_vec()).expect("UTF-8 feature"),
                });
            }
        }
        for c in 1..=255usize {
            let next = at + c + 1;
            if next < units && check(next) == node as u32 {
                let mut k = key.clone();
                k.push(c as u8);
                stack.push((base(next), k));
            }
        }
    }
    out
}

/// Conjoining jamo (U+1100.., U+11A8..) as compatibility jamo: `ᄇ니다` → `ㅂ니다`, `ᆯ게요` → `ㄹ게요`.
fn compat_jamo(s: &str) -> String {
    const INITIAL: &str = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    const FINAL: &str = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x1112 => INITIAL.chars().nth(c as usize - 0x1100).unwrap(),
            0x11A8..=0x11C2 => FINAL.chars().nth(c as usize - 0x11A8).unwrap(),
            _ => c,
        })
        .collect()
}

/// What the analyser keeps of a MeCab feature: the tag, and for inflected and pre-analysed words the
/// morphemes they are made of, as `lemma/TAG+lemma/TAG` (semantic classes dropped).
fn reduce_feature(feature: &str) -> String {
    let f: Vec<&str> = feature.split(',').collect();
    let tag = f[0];
    let kind = f.get(4).copied().unwrap_or("*");
    let expression = f.get(7).copied().unwrap_or("*");
    if !matches!(kind, "Inflect" | "Preanalysis") || expression == "*" {
        return tag.to_string();
    }
    let parts: Vec<String> = compat_jamo(expression)
        .split('+')
        .map(|part| {
            let mut fields = part.split('/');
            let lemma = fields.next().unwrap_or("");
            let tag = fields.next().unwrap_or("");
            format!("{lemma}/{tag}")
        })
        .collect();
    format!("{tag}\t{}", parts.join("+"))
}

/// How often a sentence is likely to meet a word, highest first: short surfaces are met at many more
/// positions, and closed classes (particles, endings, copula, auxiliaries, bound nouns) in every sentence.
fn hotness(r: &Raw) -> (usize, u8) {
    let tag = r.feature.split([',', '+']).next().unwrap_or("");
    let closed = ["J", "E", "XS", "VC", "VX", "NNB", "NP", "MM", "MAJ"]
        .iter()
        .any(|p| tag.starts_with(p));
    (r.surface.chars().count(), if closed { 0 } else { 1 })
}

fn is_hanja(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FDF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: make-ko-dic DICTIONARY_DIR OUT [--lexicon compact|no-proper-nouns|full] [--source TEXT]";
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let lexicon = option("--lexicon").unwrap_or_else(|| "compact".into());
    let source = option("--source").unwrap_or_else(|| "mecab-ko-dic".into());
    let keep: fn(&Raw) -> bool = match lexicon.as_str() {
        "full" => |_| true,
        "compact" => |r| !r.surface.chars().any(is_hanja) && !r.feature.starts_with("NNP,인명"),
        "no-proper-nouns" => |r| !r.surface.chars().any(is_hanja) && !r.feature.starts_with("NNP,"),
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    let dir = Path::new(dir);

    // Character classes: category names, then one packed class per BMP code point below U+FFFF.
    let chars = std::fs::read(dir.join("char.bin")).expect("char.bin");
    let names: Vec<String> = (0..u32_at(&chars, 0) as usize)
        .map(|i| {
            let name = &chars[4 + 32 * i..4 + 32 * (i + 1)];
            String::from_utf8_lossy(&name[..name.iter().position(|&c| c == 0).unwrap_or(32)]).into_owned()
        })
        .collect();
    let table = 4 + 32 * names.len();
    let class_of = |code: usize| u32_at(&chars, table + 4 * code);
    let mut ranges: Vec<(u32, u32, u32)> = Vec::new();
    for code in 0..0xFFFF {
        match ranges.last_mut() {
            Some(last) if last.2 == class_of(code) => last.1 = code as u32,
            _ => ranges.push((code as u32, code as u32, class_of(code))),
        }
    }

    // Space penalties (mecab-ko): extra cost for words of these POS ids written after a space.
    let dicrc = std::fs::read_to_string(dir.join("dicrc")).expect("dicrc");
    let factors: Vec<i64> = dicrc
        .lines()
        .find_map(|l| l.trim().strip_prefix("left-space-penalty-factor"))
        .map(|v| {
            v.trim_start_matches([' ', '='])
                .split(',')
                .map(|n| n.trim().parse().unwrap())
                .collect()
        })
        .unwrap_or_default();
    let by_posid: HashMap<u16, i16> = factors.chunks(2).map(|p| (p[0] as u16, p[1] as i16)).collect();
    let mut costs: Vec<i16> = by_posid.values().copied().collect();
    costs.sort();
    costs.dedup();
    assert!(costs.len() <= 3, "more than three distinct space penalties");
    let penalty_code = |posid: u16| {
        by_posid
            .get(&posid)
            .map_or(0, |c| costs.iter().position(|x| x == c).unwrap() as u8 + 1)
    };

    let all = decode_dic(&dir.join("sys.dic"));
    let total = all.len();
    let mut lexicon_raw: Vec<Raw> = all.into_iter().filter(keep).collect();
    // Grouped by surface in byte order (the fst's, whose values then grow with its keys and stay small),
    // each surface's entries in the dictionary's order.
    lexicon_raw.sort_by(|a, b| a.surface.as_bytes().cmp(b.surface.as_bytes()));
    let mut unknown = decode_dic(&dir.join("unk.dic"));
    unknown.sort_by_key(|r| names.iter().position(|n| *n == r.surface).expect("unknown category"));

    // Connection matrix: rows are right contexts, columns left contexts; only those in use, each distinct
    // row and column once.
    let matrix = std::fs::read(dir.join("matrix.bin")).expect("matrix.bin");
    let n_right = u16_at(&matrix, 0) as usize;
    let cost = |right: usize, left: usize| u16_at(&matrix, 4 + 2 * (right + n_right * left)) as i16;
    let mut used_right: Vec<usize> = lexicon_raw.iter().chain(&unknown).map(|r| r.right as usize).collect();
    let mut used_left: Vec<usize> = lexicon_raw.iter().chain(&unknown).map(|r| r.left as usize).collect();
    used_right.push(0); // BOS
    used_left.push(0); // EOS
    for used in [&mut used_right, &mut used_left] {
        used.sort();
        used.dedup();
    }
    // Rows in the order of their hottest word, so that the rows a sentence needs share pages.
    let mut row_rank: HashMap<usize, (usize, u8)> = HashMap::from([(0, (0, 0))]);
    for r in lexicon_raw.iter() {
        let slot = row_rank.entry(r.right as usize).or_insert((usize::MAX, 1));
        *slot = (*slot).min(hotness(r));
    }
    for r in &unknown {
        row_rank.insert(r.right as usize, (0, 0));
    }
    used_right.sort_by_key(|r| (row_rank[r], *r));
    let mut row_of: HashMap<usize, u16> = HashMap::new();
    let mut rows: Vec<Vec<i16>> = Vec::new();
    let mut seen: HashMap<Vec<i16>, u16> = HashMap::new();
    for &r in &used_right {
        let row: Vec<i16> = used_left.iter().map(|&l| cost(r, l)).collect();
        let index = *seen.entry(row.clone()).or_insert_with(|| {
            rows.push(row);
            (rows.len() - 1) as u16
        });
        row_of.insert(r, index);
    }
    let mut column_of: HashMap<usize, u16> = HashMap::new();
    let mut columns: Vec<Vec<i16>> = Vec::new();
    let mut seen: HashMap<Vec<i16>, u16> = HashMap::new();
    for (j, &l) in used_left.iter().enumerate() {
        let column: Vec<i16> = rows.iter().map(|row| row[j]).collect();
        let index = *seen.entry(column.clone()).or_insert_with(|| {
            columns.push(column);
            (columns.len() - 1) as u16
        });
        column_of.insert(l, index);
    }
    assert!(
        rows.len() < 4096 && columns.len() < 4096,
        "contexts do not fit in 12 bits"
    );

    // Features likewise in the order of their hottest word.
    let mut feature_rank: HashMap<String, ((usize, u8), usize)> = HashMap::new();
    for (i, r) in unknown.iter().chain(&lexicon_raw).enumerate() {
        let rank = if i < unknown.len() { (0, 0) } else { hotness(r) };
        let slot = feature_rank.entry(reduce_feature(&r.feature)).or_insert((rank, i));
        slot.0 = slot.0.min(rank);
    }
    let mut feature_list: Vec<String> = feature_rank.keys().cloned().collect();
    feature_list.sort_by_key(|f| feature_rank[f]);
    let feature_index: HashMap<&str, u32> = feature_list
        .iter()
        .enumerate()
        .map(|(i, f)| (f.as_str(), i as u32))
        .collect();
    let entry = |r: &Raw| {
        let feature = feature_index[reduce_feature(&r.feature).as_str()];
        Entry {
            cost: r.cost,
            left: column_of[&(r.left as usize)],
            right: row_of[&(r.right as usize)],
            penalty: penalty_code(r.posid),
            feature,
        }
        .pack()
    };

    let mut entries: Vec<u64> = Vec::new();
    let mut fst = fst::MapBuilder::memory();
    let mut by_surface: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for r in &lexicon_raw {
        let at = entries.len();
        entries.push(entry(r));
        let slot = by_surface.entry(&r.surface).or_insert((at, 0));
        slot.1 += 1;
    }
    for (surface, (first, count)) in &by_surface {
        assert!(*count < 1 << COUNT_BITS, "{surface}: too many entries");
        fst.insert(surface, (*first as u64) << COUNT_BITS | *count as u64)
            .unwrap();
    }
    let fst = fst.into_inner().unwrap();
    let lexicon_entries = entries.len();
    let mut categories = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let class = ranges.iter().find(|r| (r.2 >> 18) & 0xFF == i as u32).map(|r| r.2);
        let first = entries.len();
        for r in unknown.iter().filter(|r| r.surface == *name) {
            entries.push(entry(r));
        }
        categories.push((class, first, entries.len() - first));
    }

    let mut params = Vec::new();
    params.extend((rows.len() as u16).to_le_bytes());
    params.extend((columns.len() as u16).to_le_bytes());
    params.extend(row_of[&0].to_le_bytes());
    params.extend(column_of[&0].to_le_bytes());
    for i in 0..4 {
        let p = if i == 0 {
            0
        } else {
            costs.get(i - 1).copied().unwrap_or(0)
        };
        params.extend(p.to_le_bytes());
    }
    params.extend((lexicon_entries as u32).to_le_bytes());
    params.push(names.len() as u8);
    params.push(names.iter().position(|n| n == "SPACE").expect("SPACE category") as u8);
    params.extend([0, 0]);
    assert_eq!(params.len(), PARAMS_LEN);
    for (name, (class, first, count)) in names.iter().zip(&categories) {
        // A category no character defaults to still needs its flags: MeCab keeps them in the class of
        // each character, so a category without characters is never used.
        let class = class.unwrap_or(0);
        assert!(*count > 0, "category {name} has no unknown-word entry");
        params.extend([
            (class >> 31) as u8 & 1,
            (class >> 30) as u8 & 1,
            (class >> 26) as u8 & 0xF,
            0,
        ]);
        params.extend((*first as u32).to_le_bytes());
        params.extend((*count as u32).to_le_bytes());
    }
    assert_eq!(params.len(), PARAMS_LEN + names.len() * CATEGORY_LEN);

    let mut char_bytes = Vec::new();
    for (first, last, class) in &ranges {
        char_bytes.extend(first.to_le_bytes());
        char_bytes.extend(last.to_le_bytes());
        char_bytes.extend(class.to_le_bytes());
    }
    assert_eq!(char_bytes.len(), ranges.len() * CHAR_RANGE_LEN);

    let mut feature_offsets = Vec::new();
    let mut feature_text = Vec::new();
    for f in &feature_list {
        feature_offsets.extend((feature_text.len() as u32).to_le_bytes());
        feature_text.extend(f.as_bytes());
    }
    feature_offsets.extend((feature_text.len() as u32).to_le_bytes());

    let mut matrix_bytes = Vec::with_capacity(rows.len() * columns.len() * 2);
    // `columns[c][r]` is the cost at row r, column c; written row by row.
    for r in 0..rows.len() {
        for column in &columns {
            matrix_bytes.extend(column[r].to_le_bytes());
        }
    }

    let meta = format!(
        "{source}; lexicon {lexicon}: {lexicon_entries} of {total} entries, {} surfaces, {} features; \
         matrix {}x{}; generated by .ci/ko-dic",
        by_surface.len(),
        feature_list.len(),
        rows.len(),
        columns.len()
    );
    let entry_bytes: Vec<u8> = entries.iter().flat_map(|e| e.to_le_bytes()).collect();
    let mut sections: Vec<(Section, Vec<u8>)> = vec![
        (Section::Meta, meta.clone().into_bytes()),
        (Section::Params, params),
        (Section::Chars, char_bytes),
        (Section::Fst, fst),
        (Section::Entries, entry_bytes),
        (Section::Features, feature_offsets),
        (Section::FeatureText, feature_text),
        (Section::Matrix, matrix_bytes),
    ];
    sections.sort_by_key(|(s, _)| *s as usize);
    assert_eq!(sections.len(), SECTIONS);

    let mut file = vec![0u8; HEADER_LEN];
    file[..8].copy_from_slice(MAGIC);
    file[8..12].copy_from_slice(&VERSION.to_le_bytes());
    file[20..24].copy_from_slice(&(SECTIONS as u32).to_le_bytes());
    for (i, (_, bytes)) in sections.iter().enumerate() {
        while file.len() % 8 != 0 {
            file.push(0);
        }
        let offset = file.len() as u32;
        file[24 + 8 * i..28 + 8 * i].copy_from_slice(&offset.to_le_bytes());
        file[28 + 8 * i..32 + 8 * i].copy_from_slice(&(bytes.len() as u32).to_le_bytes());
        file.extend(bytes);
    }
    let len = file.len() as u32;
    file[16..20].copy_from_slice(&len.to_le_bytes());
    let crc = crc32(&file[16..]);
    file[12..16].copy_from_slice(&crc.to_le_bytes());
    std::fs::write(out, &file).unwrap_or_else(|e| panic!("{out}: {e}"));
    eprintln!("{out}: {} bytes, crc32 {crc:08x}\n{meta}", file.len());
    for (section, bytes) in &sections {
        eprintln!("  {section:?}: {} bytes", bytes.len());
    }
}
