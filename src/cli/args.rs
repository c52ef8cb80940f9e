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
        replylint check --format json drafts/\n  replylint check macros.json --format github --baseline .replylint-baseline.json\n  \
        replylint grade practice/ --format html -o report.html\n  replylint rules\n  replylint explain state-eta"
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
    /// Lint drafts: files, folders (recursively), help-desk exports, CSV/JSON Lines batches, or standard
    /// input (`-` or no path)
    Check(CheckArgs),
    /// List the rules of the loaded packs
    Rules(RulesArgs),
    /// Explain a rule: what it catches, why, examples and the rewrite
    Explain(ExplainArgs),
    /// Grade practice replies: a score, a letter and per-criterion scores per reply, and a class summary
    Grade(GradeArgs),
    /// Show the grading rubric in force
    Rubric(RubricArgs),
    /// Record today's findings in a baseline file (`-o FILE`), so `check --baseline FILE` fails only on
    /// new ones
    Baseline(CheckArgs),
    /// Show the configuration in force (replylint.toml)
    Config(ConfigArgs),
    /// Run a Language Server on standard input and output for editors: diagnostics as you type, the
    /// rule's rationale on hover, quick fixes for rewrites
    Lsp,
    /// Serve a web page and an HTTP API for checking drafts as they are written (http://127.0.0.1:7878)
    Serve(ServeArgs),
    /// Print the JSON Schema of a pack, a rule file, replylint.toml, a rubric or the JSON output, for
    /// editors and validators (the same as schemas/<kind>.json)
    Schema(SchemaArgs),
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema
    #[arg(value_enum)]
    pub kind: crate::schema::SchemaKind,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; the default keeps the server to this machine
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// Port to listen on (0: any free port, printed at start-up)
    #[arg(long, default_value_t = 7878)]
    pub port: u16,

    /// Largest request body accepted, in bytes (larger ones get 413)
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024)]
    pub max_body: usize,

    /// Most connections open at once; a connection past them is answered 503 and closed
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_connections: usize,

    /// Seconds a client has to send a request's headers, and then its body (408); an idle connection is
    /// closed after as long
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub read_timeout: f64,

    /// Seconds a check or grade may take, waiting for a free core included (503 past it)
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub request_timeout: f64,

    #[command(flatten)]
    pub config: ConfigArgs,

    #[command(flatten)]
    pub packs: PackArgs,

    /// Grading rubric to use instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
}

/// How `grade` reads its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// By file extension: .csv, .jsonl/.ndjson, anything else is one reply
    Auto,
    Text,
    Csv,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GradeFormat {
    Table,
    Json,
    Csv,
    Markdown,
    Html,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  replylint grade practice/\n  \
    replylint grade answers.csv --text-column reply --id-column trainee --scenario-column scenario\n  \
    replylint grade answers.jsonl --format csv > grades.csv\n  \
    replylint grade practice/ --format html -o report.html\n  \
    replylint grade reply.txt --rubric our-rubric.toml --explain\n\n\
    Exit codes: 0 every reply graded, 1 some replies or rows could not be read (the rest are graded), \
    2 nothing could be read, or a usage, pack or rubric error.")]
pub struct GradeArgs {
    /// Replies: text files, folders, CSV or JSON Lines files, or `-` for standard input
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to read the inputs
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    pub input: InputKind,

    /// CSV column or JSON field holding the reply [default: text, reply, body, message or content]
    #[arg(long, value_name = "NAME")]
    pub text_column: Option<String>,

    /// CSV column or JSON field naming the reply (trainee, ticket) [default: id, trainee, ticket or name]
    #[arg(long, value_name = "NAME")]
    pub id_column: Option<String>,

    /// CSV column or JSON field with the scenario, overriding detection [default: scenario]
    #[arg(long, value_name = "NAME")]
    pub scenario_column: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = GradeFormat::Table)]
    pub format: GradeFormat,

    /// Write the report to this file (written whole, or not at all) instead of standard output
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Show each criterion's deductions, line by line
    #[arg(long)]
    pub explain: bool,

    /// A model answer: show which criteria each reply loses that it keeps
    #[arg(long, value_name = "FILE")]
    pub reference: Option<PathBuf>,

    /// Language of the replies
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,

    /// The practice scenario (problem, refusal, ...) for replies whose batch does not say, instead of
    /// detecting it
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,

    #[command(flatten)]
    pub packs: PackArgs,

    /// Grading rubric to use instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RubricArgs {
    /// Print the rubric's TOML (ready to copy and edit) instead of a summary
    #[arg(long)]
    pub print: bool,

    /// The rubric to show instead of the built-in one
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,

    #[command(flatten)]
    pub packs: PackArgs,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckInput {
    /// `.json` as a help-desk export, `.csv` and `.jsonl` as batches, anything else as one draft
    Auto,
    Text,
    Zendesk,
    Freshdesk,
    Csv,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Findings with the source line underlined, then each draft's grade
    Human,
    /// The JSON contract (version 1)
    Json,
    /// GitHub Actions annotations (workflow commands), one per finding
    Github,
    /// SARIF 2.1.0, for code scanning (GitHub code scanning and other SARIF readers)
    Sarif,
}

/// `--kind`: the kind of text the drafts are, or `auto` to detect it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Auto,
    Full,
    Fragment,
    Faq,
    AutoReply,
    Notice,
}

impl KindArg {
    pub fn kind(self) -> Option<crate::text::ReplyKind> {
        use crate::text::ReplyKind;
        match self {
            KindArg::Auto => None,
            KindArg::Full => Some(ReplyKind::Full),
            KindArg::Fragment => Some(ReplyKind::Fragment),
            KindArg::Faq => Some(ReplyKind::Faq),
            KindArg::AutoReply => Some(ReplyKind::AutoReply),
            KindArg::Notice => Some(ReplyKind::Notice),
        }
    }
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

#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// Use this config file instead of the replylint.toml found from the current folder upward
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore any replylint.toml
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct PackArgs {
    /// Load an extra rule pack: a .toml pack file, a pack folder (pack.toml and one file per rule), or a
    /// folder of them; repeatable
    #[arg(long = "pack", value_name = "FILE|DIR")]
    pub packs: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Drafts to check: files, folders, or `-` for standard input (the default)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Write the report to this file (written whole, or not at all) instead of standard output
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// How to read the inputs: `auto` reads `.json` files as help-desk exports (Zendesk macros or
    /// Freshdesk canned responses, told apart by content), `.csv` and `.jsonl` as batches of replies, and
    /// anything else as one draft
    #[arg(long, value_enum, default_value_t = CheckInput::Auto)]
    pub input: CheckInput,

    /// Also check macros that are switched off in the export
    #[arg(long)]
    pub include_inactive: bool,

    /// CSV column or JSON Lines field holding the reply [default: text, reply, body, message or content]
    #[arg(long, value_name = "NAME")]
    pub text_column: Option<String>,

    /// CSV column or JSON Lines field naming the reply [default: id, trainee, ticket or name]
    #[arg(long, value_name = "NAME")]
    pub id_column: Option<String>,

    /// Report (and fail on) only findings that are not in this baseline file (`replylint baseline`)
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    #[command(flatten)]
    pub config: ConfigArgs,

    /// Language of the drafts
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,

    /// Scenarios to assume instead of detecting them (problem, apology, refusal, billing, feature-request)
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub scenario: Vec<String>,

    /// The kind of text the drafts are, instead of detecting it: a whole reply (full), a snippet or macro
    /// part (fragment), an FAQ answer (faq), an automatic acknowledgement (auto-reply), a notice to many
    /// (notice); rules run only on the kinds they apply to
    #[arg(long, value_enum, default_value_t = KindArg::Auto)]
    pub kind: KindArg,

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

    /// Exit 1 when a finding is at or above this severity [default: the config's `fail-on`, else error]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Apply the safe rewrites in place (text files and JSON exports; standard input: print the fixed
    /// text), then report what is left
    #[arg(long)]
    pub fix: bool,

    /// Print the safe rewrites as a unified diff and change nothing (exit 1 when there is something to fix)
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub packs: PackArgs,

    /// Output format (`markdown` prints the table the README shows)
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
    Markdown,
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
