//! The command line: clap definitions and one module per subcommand. Everything here calls the library.

mod args;
mod check;
mod explain;
mod rules;

pub use args::Cli;
use args::{ColorChoice, Command, PackArgs};

use crate::error::Result;
use crate::pack::RuleSet;
use std::io::{IsTerminal, Write};

/// Exit codes: 0 nothing at or above `--fail-on`, 1 findings at or above it, 2 usage, pack or input error.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    set_color(cli.color);
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
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

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush());
}
