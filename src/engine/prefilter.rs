//! Literal prefilters: what text a pattern cannot match without. A draft that lacks the literals is
//! never searched by that pattern, and the pattern is never compiled for it; compiling is the costly
//! part of a first check, so most patterns of a pack are never compiled for a typical draft.
//!
//! A requirement is a conjunction of clauses; a clause is a set of alternative literals (lower case),
//! at least one of which must occur in the lower-cased view text. Anything the analysis does not
//! understand yields no clause, so the filter only ever lets more through, never less.

use regex_syntax::ast::{self, Ast, RepetitionKind, RepetitionRange};

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
        let Ok(ast) = ast::parse::Parser::new().parse(pattern) else {
            return Requirement::default();
        };
        let mut clauses = analyse(&ast).into_clauses();
        clauses.retain(|c| c.iter().all(|lit| lit.len() >= MIN_USEFUL_BYTES) && c.len() <= MAX_ALTERNATIVES);
        Requirement { clauses }
    }

    /// Whether text (already lower-cased) can match: every clause has a literal in it.
    pub fn admits(&self, lower_text: &str) -> bool {
        self.clauses
            .iter()
            .all(|clause| clause.iter().any(|lit| lower_text.contains(lit.as_str())))
    }

    #[cfg(test)]
    fn clauses(&self) -> &[Vec<String>] {
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

fn analyse(ast: &Ast) -> Facts {
    match ast {
        Ast::Literal(lit) => Facts::literal(lit.c.to_lowercase().collect()),
        Ast::Group(group) => analyse(&group.ast),
        Ast::Concat(concat) => concatenation(&concat.asts),
        Ast::Alternation(alt) => alternation(&alt.asts),
        Ast::Repetition(rep) => {
            let at_least_once = match &rep.op.kind {
                RepetitionKind::OneOrMore => true,
                RepetitionKind::Range(RepetitionRange::Exactly(n) | RepetitionRange::AtLeast(n)) => *n >= 1,
                RepetitionKind::Range(RepetitionRange::Bounded(min, _)) => *min >= 1,
                RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => false,
            };
            Facts {
                clauses: if at_least_once {
                    analyse(&rep.ast).into_clauses()
                } else {
                    Vec::new()
                },
                exact: None,
            }
        }
        // Empty, flags, assertions (\b, ^, $): they consume nothing, so they neither require text nor
        // break a run of literals apart... except that an assertion between two literals is rare and
        // treating it as a break is always safe.
        _ => Facts::nothing(),
    }
}

fn concatenation(items: &[Ast]) -> Facts {
    let mut clauses = Vec::new();
    let mut run = String::new();
    let mut all_exact = true;
    let mut whole = String::new();
    for item in items {
        // Flags such as (?i) consume nothing and do not interrupt a literal run.
        if matches!(item, Ast::Flags(_) | Ast::Empty(_)) {
            continue;
        }
        let facts = analyse(item);
        match facts.exact {
            Some(text) => {
                run.push_str(&text);
                whole.push_str(&text);
            }
            None => {
                all_exact = false;
                if !run.is_empty() {
                    clauses.push(vec![std::mem::take(&mut run)]);
                }
                clauses.extend(facts.into_clauses());
            }
        }
    }
    if !run.is_empty() {
        clauses.push(vec![run]);
    }
    Facts {
        clauses,
        exact: all_exact.then_some(whole),
    }
}

/// Every branch must contribute: pick each branch's most selective clause and offer them together.
fn alternation(branches: &[Ast]) -> Facts {
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
    }

    #[test]
    fn admits_only_text_with_every_clause() {
        let r = Requirement::of(r"(?i)within\s+\d+\s+(?:hours|days)");
        assert!(r.admits("fixed within 2 hours"));
        assert!(!r.admits("fixed within the week"));
    }
}
