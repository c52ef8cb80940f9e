//! Typed errors. Each names its place so the CLI can print one line and exit 2.

use std::fmt;

/// Where something was written: a file (or a built-in pack's name) and a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Origin {
    /// The place of a byte offset in a TOML source.
    pub fn at(file: &str, source: &str, offset: usize) -> Self {
        let offset = offset.min(source.len());
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Origin {
            file: file.to_string(),
            line,
            column: source[line_start..offset].chars().count() + 1,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// A rule pack or rubric that cannot be used.
    #[error("{origin}: {}{message}", rule.as_ref().map(|r| format!("rule '{r}': ")).unwrap_or_default())]
    Config {
        origin: Origin,
        rule: Option<String>,
        message: String,
    },
    /// A draft that cannot be read.
    #[error("{source_name}: {message}")]
    Input { source_name: String, message: String },
    /// A command-line value that does not fit.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn config(origin: Origin, rule: Option<&str>, message: impl Into<String>) -> Self {
        Error::Config {
            origin,
            rule: rule.map(str::to_string),
            message: message.into(),
        }
    }

    /// A pack error that happened inside a rule, named after the fact.
    pub fn with_rule(self, id: &str) -> Self {
        match self {
            Error::Config { origin, message, .. } => Error::config(origin, Some(id), message),
            other => other,
        }
    }

    pub fn input(source_name: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Input {
            source_name: source_name.into(),
            message: message.into(),
        }
    }

    /// A JSON file that cannot be read as `what` ("not valid JSON", "not a baseline"), placed at the line
    /// and column serde_json reports. serde_json appends " at line L column C" to its message; the
    /// position goes in front instead, as in every other error.
    pub fn json(source_name: &str, what: &str, e: &serde_json::Error) -> Self {
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        Error::input(
            format!("{source_name}:{}:{}", e.line(), e.column()),
            format!("{what}: {message}"),
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
