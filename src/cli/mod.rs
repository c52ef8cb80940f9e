//! The command line: clap definitions and one module per subcommand. Everything here calls the library.

pub(crate) mod args;
pub(crate) mod check;
mod config;
mod drafts;
mod explain;
mod fix;
mod grade;
mod rubric;
mod rules;
mod schema;
mod serve;

pub use args::Cli;
use args::{ColorChoice, Command, PackArgs};

use crate::error::Result;
use crate::pack::RuleSet;
use crate::report::Printed;
use std::io::{IsTerminal, Write};

/// Exit codes: 0 nothing at or above `--fail-on`, 1 findings at or above it, 2 usage, pack or input error.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line and returns the exit code. Meant to end the process: `check` leaves its
/// report for the operating system to take back at exit.
pub fn run(cli: Cli) -> Result<u8> {
    set_color(cli.color);
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Grade(args) => grade::run(args),
        Command::Rubric(args) => rubric::run(args),
        Command::Baseline(args) => check::record_baseline(args),
        Command::Config(args) => config::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Lsp => Ok(crate::lsp::run_stdio()),
    }
}

fn set_color(choice: ColorChoice) {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    };
    colored::control::set_override(on);
}

/// The built-in packs plus every `--pack`.
fn load_rules(packs: &PackArgs) -> Result<RuleSet> {
    let mut rules = RuleSet::builtin()?;
    for path in &packs.packs {
        rules.add_path(path)?;
    }
    Ok(rules)
}

/// The rubric given, or the built-in one, checked against the loaded rules.
fn load_rubric(path: Option<&std::path::Path>, rules: &RuleSet) -> Result<crate::grade::Rubric> {
    let rubric = match path {
        Some(path) => crate::grade::Rubric::from_path(path)?,
        None => crate::grade::Rubric::builtin()?,
    };
    rubric.check_rules(rules)?;
    Ok(rubric)
}

/// What the CLI writes out: a text, or a report in the pieces it was printed in.
trait Output {
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()>;
}

impl Output for str {
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(self.as_bytes())
    }
}

impl Output for String {
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        self.as_str().write_to(out)
    }
}

impl Output for Printed {
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        Printed::write_to(self, out)
    }
}

/// Writes a file whole or not at all: into a temporary file beside it, then renamed over it, so a
/// reader never sees half a report and a failed run leaves the old file as it was.
fn write_atomically(path: &std::path::Path, text: &(impl Output + ?Sized)) -> Result<()> {
    let shown = path.display().to_string();
    let fail = |e: std::io::Error| crate::error::Error::input(shown.clone(), format!("cannot write: {e}"));
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.replylint-{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp)
        .and_then(|mut f| text.write_to(&mut f).and_then(|_| f.sync_all()))
        .and_then(|_| std::fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(e));
    }
    Ok(())
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn print(text: &(impl Output + ?Sized)) {
    let mut stdout = std::io::stdout().lock();
    let _ = text.write_to(&mut stdout).and_then(|_| stdout.flush());
}
