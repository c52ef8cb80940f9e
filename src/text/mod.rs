//! A draft parsed once: the original text, its matching views with offset maps, languages,
//! sentences with roles, and placeholders. Every rule reads the same `Draft`.

mod graphemes;
pub mod kinds;
pub mod ko;
pub mod korean;
pub mod lang;
pub mod lines;
pub mod liquid;
mod lower;
pub mod normalize;
pub mod placeholders;
pub mod register;
pub mod sentences;
pub mod structure;

pub use kinds::{Classification, KindSource, ReplyKind};
pub use lang::{Lang, Langs};
pub use placeholders::Placeholder;
pub use sentences::{Role, Sentence};

use lines::LineIndex;
use normalize::{Compact, Normalized};
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct Draft {
    /// The text as given, with its lines.
    text: DraftText,
    normalized: Normalized,
    compact: Compact,
    langs: Langs,
    sentences: Vec<Sentence>,
    placeholders: Vec<Placeholder>,
    /// Lower-cased views with where each sentence lies in them, made on first use, for the literal
    /// prefilters.
    lower: [OnceLock<lower::LowerCase>; 2],
    /// Each sentence's Korean analysis (`None` for a sentence without Hangul), made on first use so a
    /// draft no rule reads in Korean never runs the analyser.
    registers: OnceLock<Vec<Option<register::SentenceRegister>>>,
}

/// A draft as written, with its lines: all a report needs once the rules have run. A checked draft keeps
/// this rather than the whole `Draft`, whose matching views take several times the text's size: an
/// export keeps thousands of checked drafts until it is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftText {
    original: String,
    lines: LineIndex,
}

impl DraftText {
    pub fn new(text: impl Into<String>) -> Self {
        let original = text.into();
        let lines = LineIndex::new(&original);
        DraftText { original, lines }
    }

    /// The text exactly as given.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.original, offset)
    }

    /// The text of a 1-based line.
    pub fn line_text(&self, line: usize) -> &str {
        self.lines.line_text(&self.original, line)
    }

    /// Where the text of a 1-based line lies in the draft, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        self.lines.line_range(&self.original, line)
    }
}

impl From<Draft> for DraftText {
    fn from(draft: Draft) -> Self {
        draft.text
    }
}

/// Which matching view a pattern runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Normalised text, spaces as written.
    Normalized,
    /// Normalised text without the spaces between Hangul syllables.
    Compact,
}

impl Draft {
    pub fn new(text: impl Into<String>) -> Self {
        let text = DraftText::new(text);
        let placeholders = placeholders::find(text.original());
        let mut normalized = Normalized::new(text.original(), &placeholders);
        let sentences = sentences::split(&mut normalized);
        let compact = Compact::new(&normalized.text);
        let langs = lang::detect(&normalized.text);
        Draft {
            text,
            normalized,
            compact,
            langs,
            sentences,
            placeholders,
            lower: Default::default(),
            registers: OnceLock::new(),
        }
    }

    /// The text exactly as given.
    pub fn original(&self) -> &str {
        self.text.original()
    }

    /// The text of a matching view.
    pub fn view(&self, view: View) -> &str {
        match view {
            View::Normalized => &self.normalized.text,
            View::Compact => &self.compact.text,
        }
    }

    /// A view in lower case; only for checking whether literals occur, never for offsets.
    pub fn lower_view(&self, view: View) -> &str {
        &self.lower_case(view).text
    }

    /// The range of each sentence (as in `sentences`) in `lower_view(view)`.
    pub fn lower_sentence_ranges(&self, view: View) -> &[Range<usize>] {
        &self.lower_case(view).ranges
    }

    fn lower_case(&self, view: View) -> &lower::LowerCase {
        self.lower[view as usize].get_or_init(|| {
            let bounds = self
                .sentences
                .iter()
                .map(|s| self.from_normalized(view, s.range.start)..self.from_normalized(view, s.range.end));
            lower::LowerCase::new(self.view(view), bounds)
        })
    }

    /// The index in `sentences` of the sentence with this normalised-view range.
    pub fn sentence_index(&self, range: &Range<usize>) -> Option<usize> {
        let index = self.sentences.partition_point(|s| s.range.start < range.start);
        (self.sentences.get(index)?.range == *range).then_some(index)
    }

    /// A range of a view as a range of the normalised view.
    pub fn to_normalized(&self, view: View, range: Range<usize>) -> Range<usize> {
        match view {
            View::Normalized => range,
            View::Compact => self.compact.to_normalized(range),
        }
    }

    /// A normalised-view offset in the given view.
    pub fn from_normalized(&self, view: View, offset: usize) -> usize {
        match view {
            View::Normalized => offset,
            View::Compact => self.compact.from_normalized(offset),
        }
    }

    /// The original byte range of a normalised-view range.
    pub fn to_original(&self, normalized: Range<usize>) -> Range<usize> {
        self.normalized.to_original(normalized, self.original().len())
    }

    /// 1-based line and column (in characters) of an original byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.text.line_col(offset)
    }

    pub fn langs(&self) -> Langs {
        self.langs
    }

    /// Overrides the detected languages (`--lang`).
    pub fn set_langs(&mut self, langs: Langs) {
        self.langs = langs;
    }

    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// Sentences in the agent's own voice that rules read: body sentences and list items.
    pub fn body(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences
            .iter()
            .filter(|s| matches!(s.role, Role::Body | Role::ListItem))
    }

    pub fn placeholders(&self) -> &[Placeholder] {
        &self.placeholders
    }

    /// The Korean analysis of the sentence at `index` in `sentences()`: its words, final ending, speech
    /// level and uses of -시-; `None` when it holds no Hangul.
    pub fn register(&self, index: usize) -> Option<&register::SentenceRegister> {
        let all = self.registers.get_or_init(|| {
            self.sentences
                .iter()
                .map(|s| register::read(self.sentence_text(s), s.range.start))
                .collect()
        });
        all.get(index)?.as_ref()
    }

    /// The normalised text of a sentence.
    pub fn sentence_text(&self, sentence: &Sentence) -> &str {
        &self.normalized.text[sentence.range.clone()]
    }
}

/// Text shown inside a one-line message: line breaks and runs of spaces folded, and cut with `…` to at
/// most `max` characters.
pub fn one_line(text: &str, max: usize) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() > max {
        format!("{}…", folded.chars().take(max - 1).collect::<String>())
    } else {
        folded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_is_masked_in_views_and_maps_back_whole() {
        let draft = Draft::new("Hi {{ticket.requester.first_name}},\nSorry about that.");
        assert!(draft.view(View::Normalized).starts_with("Hi \u{E000},"));
        let at = draft.view(View::Normalized).find('\u{E000}').unwrap();
        let original = draft.to_original(at..at + 3);
        assert_eq!(&draft.original()[original], "{{ticket.requester.first_name}}");
        assert_eq!(draft.sentences()[0].role, Role::Greeting);
    }
}
