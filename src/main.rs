//! The `replylint` binary: parse arguments, run, map the result to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = replylint::cli::Cli::parse();
    match replylint::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("replylint: error: {error}");
            ExitCode::from(replylint::cli::EXIT_ERROR)
        }
    }
}
