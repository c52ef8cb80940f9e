//! Korean patterns over morphemes, and the analyses a rule can report (`detect`): both read a sentence
//! as the morphological analysis gives it (`Draft::register`), so one pattern covers every conjugation
//! and spacing of what it names.
//!
//! A morpheme pattern is a regular expression over the sentence's morphemes written `lemma/TAG` and
//! joined by single spaces: `확인했습니다` reads `확인/NNG 하/XSV 았/EP 습니다/EF`, so `확인/NNG 하/XSV 시/EP`
//! finds 확인하셨나요 and 확인 하세요 alike. A match covers whole morphemes, and reports the words they
//! belong to.

use super::matching::Hit;
use crate::error::{Error, Result};
use crate::pack::{Detector, Pattern};
use crate::text::register::{eojeol_end, SentenceRegister};
use crate::text::{Draft, View};
use std::ops::Range;
use std::sync::OnceLock;

/// A morpheme pattern, compiled on first use.
#[derive(Debug)]
pub struct MorphemeMatcher {
    source: String,
    origin: String,
    regex: OnceLock<std::result::Result<regex::Regex, String>>,
}

impl MorphemeMatcher {
    pub fn new(pattern: &Pattern) -> Self {
        MorphemeMatcher {
            source: pattern.expanded.clone(),
            origin: pattern.origin.to_string(),
            regex: OnceLock::new(),
        }
    }

    fn regex(&self) -> Result<&regex::Regex> {
        // Whole morphemes only: the match starts after a space (or at the start) and ends before one.
        let compiled = self
            .regex
            .get_or_init(|| regex::Regex::new(&format!("(?:^| )({})(?: |$)", self.source)).map_err(|e| e.to_string()));
        compiled
            .as_ref()
            .map_err(|e| Error::Usage(format!("{}: bad morpheme pattern: {e}", self.origin)))
    }
}

/// A sentence's morphemes as one string, with the word each morpheme belongs to.
struct Encoded {
    text: String,
    /// For each morpheme: its byte range in `text` and its word's range in the normalised view.
    spans: Vec<(Range<usize>, Range<usize>)>,
}

fn encode(register: &SentenceRegister, normalized: &str) -> Encoded {
    let mut text = String::new();
    let mut spans = Vec::new();
    for word in register.morphemes(normalized) {
        for part in word.parts() {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(part.lemma);
            text.push('/');
            text.push_str(part.tag);
            spans.push((start..text.len(), word.start..word.end));
        }
    }
    Encoded { text, spans }
}

/// Matches of the morpheme patterns in the Korean sentences inside `scope` (normalised-view sentence
/// ranges), as hits over the words matched; `pattern` is the index in `matchers`.
pub fn hits(draft: &Draft, matchers: &[MorphemeMatcher], scope: &[Range<usize>]) -> Result<Vec<Hit>> {
    let mut out = Vec::new();
    if matchers.is_empty() {
        return Ok(out);
    }
    let text = draft.view(View::Normalized);
    for (index, sentence) in in_scope(draft, scope) {
        let Some(register) = draft.register(index) else {
            continue;
        };
        let encoded = encode(register, text);
        for (pattern, matcher) in matchers.iter().enumerate() {
            for caps in matcher.regex()?.captures_iter(&encoded.text) {
                let Some(m) = caps.get(1).filter(|m| !m.is_empty()) else {
                    continue;
                };
                let mut words = encoded
                    .spans
                    .iter()
                    .filter(|(at, _)| at.start < m.end() && m.start() < at.end)
                    .map(|(_, word)| word);
                let (Some(first), Some(last)) = (words.clone().next(), words.next_back()) else {
                    continue;
                };
                out.push(Hit {
                    range: first.start..eojeol_end(text, last.end, sentence.end),
                    pattern,
                    groups: Vec::new(),
                });
            }
        }
    }
    Ok(out)
}

/// What the rule's detectors find in the Korean sentences inside `scope`.
pub fn detected(draft: &Draft, detectors: &[Detector], scope: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if detectors.is_empty() {
        return out;
    }
    let text = draft.view(View::Normalized);
    for (index, sentence) in in_scope(draft, scope) {
        let Some(register) = draft.register(index) else {
            continue;
        };
        for detector in detectors {
            match detector {
                Detector::HonorificOnThing => {
                    out.extend(register.honorifics.iter().filter(|h| h.on_thing()).filter_map(|h| {
                        let (noun, marker) = (&register.words[h.subject?].range, &register.words[h.marker].range);
                        Some(noun.start.min(marker.start)..eojeol_end(text, noun.end.max(marker.end), sentence.end))
                    }))
                }
            }
        }
    }
    out
}

/// The sentences of the scope, by their index in `draft.sentences()`.
fn in_scope<'a>(draft: &'a Draft, scope: &'a [Range<usize>]) -> impl Iterator<Item = (usize, &'a Range<usize>)> {
    scope
        .iter()
        .filter_map(|range| Some((draft.sentence_index(range)?, range)))
}
