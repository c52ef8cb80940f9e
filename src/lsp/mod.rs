//! `replylint lsp`: a Language Server on standard input and output. Editors get each finding as a
//! diagnostic where its words are (in text and Markdown drafts, and inside help-desk exports and
//! batches), the rule's rationale on hover, and quick fixes for rewrites and missing sentences. Documents
//! are checked as `replylint check` checks files, under the `replylint.toml` found from their folder.
//!
//! One module per job: `server` runs the protocol, `documents` holds the open texts, `linting` checks
//! them with each config's packs compiled once, `findings` places what was found in the document,
//! `diagnostics` and `actions` turn it into LSP, `positions` converts offsets to LSP positions, and
//! `transport` carries the messages over standard input and output.

mod actions;
mod diagnostics;
mod documents;
mod findings;
mod linting;
mod positions;
mod server;
mod transport;

pub use lsp_server::Connection;

/// Serves one client on a connection until it exits; returns the exit status LSP asks for (0 after a
/// shutdown request, 1 otherwise).
pub fn serve(connection: &Connection) -> u8 {
    server::serve(connection)
}

/// Serves the client on standard input and output. Only protocol messages are written to standard
/// output; anything else goes to standard error.
pub fn run_stdio() -> u8 {
    let (connection, threads) = transport::stdio();
    let status = serve(&connection);
    // Dropping the connection lets the writer finish sending what is queued.
    drop(connection);
    threads.finish();
    status
}
