//! Command-line definitions (clap derive).

use crate::finding::Severity;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "replylint",
    version,
    about = "Lint customer-support replies in Korean and English before they go out",
    long_about = "Lint customer-support replies in Korean and English before they go out.\n\n\
        replylint runs TOML rule packs (stock openers, missing ETA, missing workaround, \
        unacknowledged impact, ...) over draft replies and prints graded findings with rewrites.",
    after_help = "Examples:\n  replylint check draft.txt\n  echo \"Sorry for the inconvenience.\" | replylint check -\n  \
        replylint check --format json drafts/\n  replylint rules\n  replylint explain state-eta"
)]
pub struct Cli {
    /// When to colour output (NO_COLOR turns colour off under `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint drafts: files, folders (recursively), or standard input (`-` or no path)
    Check(CheckArgs),
    /// List the rules of the loaded packs
    Rules(RulesArgs),
    /// Explain a rule: what it catches, why, examples and the rewrite
    Explain(ExplainArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Auto,
    Ko,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Suggestion,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Suggestion => Some(Severity::Suggestion),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct PackArgs {
    /// Load an extra rule pack (a .toml file, or a folder of them); repeatable
    #[arg(long = "pack", value_name = "FILE|DIR")]
    pub packs: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Drafts to check: files, folders, or `-` for standard input (the default)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Language of the drafts
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,

    /// Scenarios to assume instead of detecting them (problem, apology, refusal, billing, feature-request)
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub scenario: Vec<String>,

    #[command(flatten)]
    pub packs: PackArgs,

    /// Grading rubric to use instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,

    /// Run only these rules or packs (comma-separated or repeated)
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Skip these rules or packs (comma-separated or repeated)
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Exit 1 when a finding is at or above this severity
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub packs: PackArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. state-eta
    pub rule: String,

    #[command(flatten)]
    pub packs: PackArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}
