//! Literal prefilters: what text a pattern cannot match without. A draft that lacks the literals is
//! never searched by that pattern, and the pattern is never compiled for it; compiling is the costly
//! part of a first check, so most patterns of a pack are never compiled for a typical draft.
//!
//! A requirement is a conjunction of clauses; a clause is a set of alternative literals (lower case),
//! at least one of which must occur in the lower-cased view text. Anything the analysis does not
//! understand yields no clause, so the filter only ever lets more through, never less.

/// Clauses with literals shorter than this are not worth checking ("a", "in" occur everywhere).
const MIN_USEFUL_BYTES: usize = 2;
/// An alternation wider than this is not worth turning into a clause.
const MAX_ALTERNATIVES: usize = 64;

#[derive(Debug, Clone, Default)]
pub struct Requirement {
    clauses: Vec<Vec<String>>,
}

impl Requirement {
    /// The requirement of a pattern; an unparsable pattern has none (it is reported elsewhere).
    pub fn of(pattern: &str) -> Self {
        let Some(node) = Parser::new(pattern).parse() else {
            return Requirement::default();
        };
        let mut clauses = analyse(&node).into_clauses();
        clauses.retain(|c| c.iter().all(|lit| lit.len() >= MIN_USEFUL_BYTES) && c.len() <= MAX_ALTERNATIVES);
        Requirement { clauses }
    }

    /// Whether text (already lower-cased) can match: every clause has a literal in it.
    pub fn admits(&self, lower_text: &str) -> bool {
        self.clauses
            .iter()
            .all(|clause| clause.iter().any(|lit| lower_text.contains(lit.as_str())))
    }

    /// The clauses: each a set of alternative literals, one of which must occur.
    pub fn clauses(&self) -> &[Vec<String>] {
        &self.clauses
    }
}

/// What one node contributes: the clauses it requires, and, when the node is exactly one literal
/// string, that string (so neighbouring literals join into one longer, more selective literal).
struct Facts {
    clauses: Vec<Vec<String>>,
    exact: Option<String>,
}

impl Facts {
    fn nothing() -> Self {
        Facts {
            clauses: Vec::new(),
            exact: None,
        }
    }

    /// A literal string: its clause is made only if something needs it (see `into_clauses`), since
    /// most literals are single characters that a concatenation joins into words first.
    fn literal(text: String) -> Self {
        Facts {
            clauses: Vec::new(),
            exact: Some(text),
        }
    }

    fn into_clauses(self) -> Vec<Vec<String>> {
        match self.exact {
            Some(text) if self.clauses.is_empty() => vec![vec![text]],
            _ => self.clauses,
        }
    }
}

fn analyse(node: &Node) -> Facts {
    match node {
        Node::Literal(c) => Facts::literal(c.to_lowercase().collect()),
        Node::Concat(items) => concatenation(items),
        Node::Alternation(branches) => alternation(branches),
        Node::Repeat(inner, at_least_once) => Facts {
            clauses: if *at_least_once {
                analyse(inner).into_clauses()
            } else {
                Vec::new()
            },
            exact: None,
        },
        // A character class, `.`, an assertion or flags: no literal to require; a break in any run.
        Node::Other | Node::Empty => Facts::nothing(),
    }
}

fn concatenation(items: &[Node]) -> Facts {
    let mut clauses = Vec::new();
    let mut run = String::new();
    let mut all_exact = true;
    for item in items {
        match item {
            // Flags such as (?i) consume nothing and do not interrupt a literal run.
            Node::Empty => continue,
            // Most nodes are single characters: extend the run without building facts for each.
            Node::Literal(c) => run.extend(c.to_lowercase()),
            _ => {
                let facts = analyse(item);
                match facts.exact {
                    Some(text) => run.push_str(&text),
                    None => {
                        all_exact = false;
                        if !run.is_empty() {
                            clauses.push(vec![std::mem::take(&mut run)]);
                        }
                        clauses.extend(facts.into_clauses());
                    }
                }
            }
        }
    }
    // When every item was exact, nothing was flushed and the run is the whole concatenation.
    if all_exact {
        return Facts {
            clauses,
            exact: Some(run),
        };
    }
    if !run.is_empty() {
        clauses.push(vec![run]);
    }
    Facts { clauses, exact: None }
}

/// Every branch must contribute: pick each branch's most selective clause and offer them together.
fn alternation(branches: &[Node]) -> Facts {
    let mut union = Vec::new();
    for branch in branches {
        let Some(best) = analyse(branch)
            .into_clauses()
            .into_iter()
            .max_by_key(|c| c.iter().map(String::len).min().unwrap_or(0))
        else {
            return Facts::nothing();
        };
        union.extend(best);
    }
    union.sort();
    union.dedup();
    Facts {
        clauses: vec![union],
        exact: None,
    }
}

/// The little of regex syntax the prefilter needs. Anything it does not know makes `parse` return
/// `None`, and the pattern then has no requirement (it is always searched): safe, never wrong.
#[derive(Debug)]
enum Node {
    Literal(char),
    Concat(Vec<Node>),
    Alternation(Vec<Node>),
    /// The repeated node, and whether it must occur at least once.
    Repeat(Box<Node>, bool),
    /// Something that consumes text but is no literal (a class, `.`, `\d`) or an assertion.
    Other,
    /// Consumes nothing and does not break a literal run: flags such as `(?i)`.
    Empty,
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

impl<'a> Parser<'a> {
    fn new(pattern: &'a str) -> Self {
        Parser {
            chars: pattern.chars().peekable(),
        }
    }

    fn parse(mut self) -> Option<Node> {
        let node = self.alternation()?;
        self.chars.peek().is_none().then_some(node)
    }

    fn alternation(&mut self) -> Option<Node> {
        let mut branches = vec![self.concat()?];
        while self.chars.next_if_eq(&'|').is_some() {
            branches.push(self.concat()?);
        }
        Some(if branches.len() == 1 {
            branches.pop()?
        } else {
            Node::Alternation(branches)
        })
    }

    fn concat(&mut self) -> Option<Node> {
        let mut items = Vec::new();
        while let Some(&c) = self.chars.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            items.push(self.quantified(atom)?);
        }
        Some(Node::Concat(items))
    }

    fn atom(&mut self) -> Option<Node> {
        match self.chars.next()? {
            '\\' => self.escape(),
            '[' => self.class(),
            '(' => self.group(),
            '.' | '^' | '$' => Some(Node::Other),
            '*' | '+' | '?' | '{' | ')' => None,
            c => Some(Node::Literal(c)),
        }
    }

    fn escape(&mut self) -> Option<Node> {
        match self.chars.next()? {
            // Classes and assertions; `\<` and `\>` are word boundaries, not the characters.
            'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'b' | 'B' | 'A' | 'z' | '<' | '>' => Some(Node::Other),
            'p' | 'P' => {
                if self.chars.next_if_eq(&'{').is_some() {
                    self.skip_past('}')?;
                } else {
                    self.chars.next()?;
                }
                Some(Node::Other)
            }
            'x' | 'u' | 'U' => {
                // \x{E000}, \xHH: a literal we do not decode; safe to treat as no literal.
                if self.chars.next_if_eq(&'{').is_some() {
                    self.skip_past('}')?;
                } else {
                    self.chars.next()?;
                    self.chars.next()?;
                }
                Some(Node::Other)
            }
            'n' => Some(Node::Literal('\n')),
            't' => Some(Node::Literal('\t')),
            c if c.is_ascii_punctuation() || c == ' ' => Some(Node::Literal(c)),
            _ => None,
        }
    }

    /// A bracketed class, nested classes and escapes included.
    fn class(&mut self) -> Option<Node> {
        let mut depth = 1;
        // A `]` right after `[` or `[^` is a literal member.
        self.chars.next_if_eq(&'^');
        self.chars.next_if_eq(&']');
        while depth > 0 {
            match self.chars.next()? {
                '\\' => {
                    self.chars.next()?;
                }
                '[' => depth += 1,
                ']' => depth -= 1,
                _ => {}
            }
        }
        Some(Node::Other)
    }

    fn group(&mut self) -> Option<Node> {
        if self.chars.next_if_eq(&'?').is_some() {
            match self.chars.next()? {
                ':' => {}
                'P' | '<' => {
                    self.chars.next_if_eq(&'<');
                    self.skip_past('>')?;
                }
                // Flags: `(?i)` sets them for the rest of the group; `(?i:...)` is a group.
                first => {
                    let mut flag = first;
                    loop {
                        match flag {
                            ')' => return Some(Node::Empty),
                            ':' => break,
                            // Verbose mode makes spaces and `#` comments insignificant: not worth reading.
                            'x' => return None,
                            c if c.is_ascii_alphabetic() || c == '-' => {}
                            _ => return None,
                        }
                        flag = self.chars.next()?;
                    }
                }
            }
        }
        let inner = self.alternation()?;
        (self.chars.next()? == ')').then_some(inner)
    }

    fn quantified(&mut self, atom: Node) -> Option<Node> {
        let at_least_once = match self.chars.peek() {
            Some('*') | Some('?') => {
                self.chars.next();
                false
            }
            Some('+') => {
                self.chars.next();
                true
            }
            Some('{') => {
                self.chars.next();
                let mut min = String::new();
                while let Some(c) = self.chars.next_if(|c| c.is_ascii_digit()) {
                    min.push(c);
                }
                self.skip_past('}')?;
                min.parse::<usize>().ok()? >= 1
            }
            _ => return Some(atom),
        };
        self.chars.next_if_eq(&'?');
        Some(Node::Repeat(Box::new(atom), at_least_once))
    }

    fn skip_past(&mut self, end: char) -> Option<()> {
        loop {
            if self.chars.next()? == end {
                return Some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(p: &str) -> Vec<Vec<String>> {
        Requirement::of(p).clauses().to_vec()
    }

    #[test]
    fn literals_join_and_alternatives_gather() {
        assert_eq!(
            clauses(r"\bsorry\s+for"),
            vec![vec!["sorry".to_string()], vec!["for".to_string()]]
        );
        assert_eq!(
            clauses(r"(?:within|under)\s+\d+\s+(?:hours?|days?)"),
            vec![
                vec!["under".to_string(), "within".to_string()],
                vec!["day".to_string(), "hour".to_string()]
            ]
        );
        assert_eq!(
            clauses("불편을\\s*드려"),
            vec![vec!["불편을".to_string()], vec!["드려".to_string()]]
        );
    }

    #[test]
    fn optional_parts_and_open_branches_require_nothing() {
        assert!(clauses(r"(?:sorry)?\s*x?").is_empty());
        assert!(clauses(r"(?:sorry|\d+)").is_empty());
        assert!(clauses(r"[가-힣]+").is_empty());
        assert!(clauses(r"(?i)(?P<x>a)|b").is_empty());
    }

    #[test]
    fn verbose_mode_and_word_boundary_escapes_never_require_text() {
        assert!(clauses(r"(?x) sorry \s+ for   # a comment").is_empty());
        assert!(clauses(r"(?ix:sorry for)").is_empty());
        assert_eq!(clauses(r"\<sorry\>"), vec![vec!["sorry".to_string()]]);
    }

    #[test]
    fn syntax_it_does_not_know_means_no_requirement() {
        assert!(clauses(r"abc\qdef").is_empty());
        assert!(clauses(r"(unclosed").is_empty());
        assert_eq!(
            clauses(r"(?i:sorry)\.\x{E000}[a\]b]x{2,}"),
            vec![vec!["sorry.".to_string()], vec!["x".to_string()]]
                .into_iter()
                .filter(|c| c[0].len() >= 2)
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn admits_only_text_with_every_clause() {
        let r = Requirement::of(r"(?i)within\s+\d+\s+(?:hours|days)");
        assert!(r.admits("fixed within 2 hours"));
        assert!(!r.admits("fixed within the week"));
    }
}
