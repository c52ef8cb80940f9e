//! The `replylint` binary: parse arguments, run, map the result to an exit code.

use clap::Parser;
use std::process::ExitCode;

/// Compiling patterns and parsing packs make many small allocations; mimalloc serves them in a
/// fraction of the system allocator's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = replylint::cli::Cli::parse();
    match replylint::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("replylint: error: {}", replylint::report::printable(&error.to_string()));
            ExitCode::from(replylint::cli::EXIT_ERROR)
        }
    }
}
