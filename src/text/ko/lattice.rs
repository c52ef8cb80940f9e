//! The cheapest segmentation of a sentence (Viterbi over a word lattice), as MeCab and mecab-ko do
//! it: dictionary words and unknown words from character classes, word costs, connection costs, and
//! mecab-ko's extra cost for particles and endings written after a space.

use super::dic::{CharClass, Dictionary};

/// A word on the cheapest path: its byte range in the text and its dictionary entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
}

const NONE: u32 = u32::MAX;
/// MeCab's longest run of one character class read as a single unknown word (after its first character).
const MAX_GROUPING: usize = 24;

struct Node {
    start: u32,
    end: u32,
    entry: u32,
    right: u16,
    cost: i64,
    prev: u32,
    /// The next node that ends where this one does.
    next_same_end: u32,
}

/// Segments `text` (trailing white space is ignored).
pub fn best_path(dic: &Dictionary, text: &str) -> Vec<Token> {
    let text = text.trim_end_matches(|c: char| dic.char_class(c).is_kind_of(dic.space));
    let len = text.len();
    if len == 0 {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    // The class of the character at each char boundary, and where the next character starts.
    let mut class = vec![CharClass(0); len + 1];
    let mut next = vec![len; len + 1];
    for (i, c) in text.char_indices() {
        class[i] = dic.char_class(c);
        next[i] = i + c.len_utf8();
    }
    let space = dic.space;
    let mut nodes = vec![Node {
        start: 0,
        end: 0,
        entry: NONE,
        right: dic.bos_row,
        cost: 0,
        prev: NONE,
        next_same_end: NONE,
    }];
    let mut ends = vec![NONE; len + 1];
    ends[0] = 0;

    let mut candidates: Vec<(usize, u32)> = Vec::new();
    let mut left_words: Vec<(i64, &[u8], u32)> = Vec::new();
    let mut pos = 0;
    while pos < len {
        if ends[pos] == NONE {
            pos = next[pos];
            continue;
        }
        // Words start after any white space; they still connect to the words that end at `pos`.
        let mut begin = pos;
        while begin < len && class[begin].is_kind_of(space) {
            begin = next[begin];
        }
        candidates.clear();
        dic.prefixes(&bytes[begin..], |n, first, count| {
            candidates.extend((first..first + count).map(|e| (begin + n, e)));
        });
        add_unknown(dic, &class, &next, begin, len, &mut candidates);

        let after_space = begin > pos;
        // The words that end at `pos`, with their connection rows, once for every word that starts here.
        left_words.clear();
        let mut p = ends[pos];
        while p != NONE {
            let node = &nodes[p as usize];
            left_words.push((node.cost, dic.connection_row(node.right), p));
            p = node.next_same_end;
        }
        // In reverse, as MeCab links them: among words of equal cost, the first in dictionary order wins.
        for &(end, index) in candidates.iter().rev() {
            let entry = dic.entry(index);
            let column = entry.left as usize * 2;
            let mut best = i64::MAX;
            let mut prev = NONE;
            for &(cost, row, p) in &left_words {
                let cost = cost + i16::from_le_bytes([row[column], row[column + 1]]) as i64;
                if cost < best {
                    best = cost;
                    prev = p;
                }
            }
            let penalty = if after_space { dic.penalty(entry.penalty) } else { 0 };
            nodes.push(Node {
                start: begin as u32,
                end: end as u32,
                entry: index,
                right: entry.right,
                cost: best + entry.cost as i64 + penalty as i64,
                prev,
                next_same_end: ends[end],
            });
            ends[end] = (nodes.len() - 1) as u32;
        }
        pos = next[pos];
    }

    // End of sentence.
    let mut best = i64::MAX;
    let mut last = NONE;
    let mut p = ends[len];
    while p != NONE {
        let node = &nodes[p as usize];
        let cost = node.cost + dic.connection(node.right, dic.eos_column) as i64;
        if cost < best {
            best = cost;
            last = p;
        }
        p = node.next_same_end;
    }
    let mut path = Vec::new();
    while last != NONE && last != 0 {
        let node = &nodes[last as usize];
        path.push(Token {
            start: node.start as usize,
            end: node.end as usize,
            entry: node.entry,
        });
        last = node.prev;
    }
    path.reverse();
    path
}

/// MeCab's unknown words at `begin`: tried when the dictionary has nothing there or the character's
/// category asks for them (`invoke`); a whole run of the category (`group`) and its first
/// 1..=`length` characters.
fn add_unknown(
    dic: &Dictionary,
    class: &[CharClass],
    next: &[usize],
    begin: usize,
    len: usize,
    candidates: &mut Vec<(usize, u32)>,
) {
    let first = class[begin];
    let Some(category) = dic.categories.get(first.category()).copied() else {
        return;
    };
    if !candidates.is_empty() && !category.invoke {
        return;
    }
    let add = |end: usize, candidates: &mut Vec<(usize, u32)>| {
        candidates.extend((category.first..category.first + category.count).map(|e| (end, e)));
    };
    let mut group_end = None;
    if category.group {
        let mut current = first;
        let mut p = next[begin];
        let mut run = 0;
        while p < len && current.is_kind_of(class[p]) {
            current = class[p];
            p = next[p];
            run += 1;
        }
        if run <= MAX_GROUPING {
            add(p, candidates);
        }
        group_end = Some(p);
    }
    let mut p = next[begin];
    for _ in 0..category.length {
        if Some(p) == group_end {
            break;
        }
        add(p, candidates);
        if p >= len || !first.is_kind_of(class[p]) {
            break;
        }
        p = next[p];
    }
    if candidates.is_empty() {
        add(next[begin], candidates);
    }
}
