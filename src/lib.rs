//! replylint: lint customer-support replies in Korean and English.
//!
//! ```no_run
//! use replylint::{CheckOptions, Draft, Linter, Rubric, RuleSet};
//! let linter = Linter::new(RuleSet::builtin()?);
//! let rubric = Rubric::builtin()?;
//! let draft = Draft::new("Sorry for the inconvenience. We're looking into it.");
//! let outcome = linter.check(&draft, &CheckOptions::default())?;
//! let grade = rubric.grade(&outcome);
//! println!("{} {}", grade.score, grade.letter);
//! # Ok::<(), replylint::Error>(())
//! ```

pub mod baseline;
pub mod cli;
pub mod config;
pub mod engine;
pub mod error;
pub mod finding;
pub mod fix;
pub mod grade;
pub mod input;
pub mod lsp;
pub mod pack;
pub mod report;
pub mod schema;
mod suggest;
pub mod suppress;
pub mod text;

pub use engine::{CheckOptions, Linter, Outcome, Profile};
pub use error::{Error, Origin, Result};
pub use finding::{Finding, Severity, Span, SuggestionAction};
pub use grade::{Deduction, Grade, Rubric};
pub use pack::RuleSet;
pub use text::{Classification, Draft, DraftText, KindSource, Lang, Langs, ReplyKind};
