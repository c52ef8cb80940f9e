//! Checking a document as `replylint check` would check the file: under the `replylint.toml` found from
//! the document's folder upward, read by its extension (text, Markdown, help-desk export, CSV or JSON
//! Lines batch). Each config's packs are loaded and compiled once and kept for every later check; a config
//! file that changes on disk is loaded again.

use super::findings::Checked;
use crate::cli::args::{CheckArgs, Cli, Command};
use crate::cli::check::Setup;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::input::Source;
use clap::Parser;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The settings of one config file (or of none), ready to check with.
struct Loaded {
    /// When the config file was last modified and its size, to notice edits.
    stamp: Option<(SystemTime, u64)>,
    /// The arguments `replylint check --config FILE` would have; they say how inputs are read.
    args: CheckArgs,
    /// The packs compiled under the config, or why the config cannot be used.
    setup: Result<Setup>,
}

/// The loaded configs, by config file (none: no `replylint.toml` above the document).
#[derive(Default)]
pub struct Linting {
    loaded: HashMap<Option<PathBuf>, Loaded>,
}

impl Linting {
    /// Checks a document's text as the file at `path`.
    pub fn check(&mut self, path: &Path, text: &str) -> Checked {
        // An empty buffer is a draft not written yet, not a mistake to report.
        if text.trim_start_matches('\u{FEFF}').trim().is_empty() {
            return Checked::default();
        }
        let config = path.parent().and_then(Config::find);
        let loaded = match self.load(config.clone()) {
            Ok(loaded) => loaded,
            Err(error) => return Checked::unchecked(&unusable(&error), text),
        };
        let setup = match &mut loaded.setup {
            Ok(setup) => setup,
            Err(error) => return Checked::unchecked(&unusable(error), text),
        };
        let shown = shown_name(path, config.as_deref());
        let source = Source::Text {
            path: path.to_path_buf(),
            shown: shown.clone(),
            text: text.to_string(),
        };
        let report = setup.check(&loaded.args, vec![source]);
        Checked::from_report(&report, &shown, text, setup.linter.rules())
    }

    /// The settings of a config file, loaded on first use and again when the file has changed since.
    fn load(&mut self, config: Option<PathBuf>) -> Result<&mut Loaded> {
        let stamp = config
            .as_deref()
            .and_then(|p| std::fs::metadata(p).ok())
            .and_then(|m| Some((m.modified().ok()?, m.len())));
        let fresh = self.loaded.get(&config).is_some_and(|l| l.stamp == stamp);
        if !fresh {
            let args = check_args(config.as_deref())?;
            let setup = Setup::new(&args);
            self.loaded.insert(config.clone(), Loaded { stamp, args, setup });
        }
        Ok(self.loaded.get_mut(&config).expect("loaded above"))
    }
}

fn unusable(error: &Error) -> String {
    format!("replylint cannot check this file: {error}")
}

/// The arguments of `replylint check --config FILE` (or `--no-config`), every other option at its
/// default: a document is read exactly as that command reads the file.
fn check_args(config: Option<&Path>) -> Result<CheckArgs> {
    let mut argv = vec!["replylint".into(), "check".into()];
    match config {
        Some(path) => argv.extend(["--config".into(), path.as_os_str().to_owned()]),
        None => argv.push("--no-config".into()),
    }
    match Cli::try_parse_from::<_, std::ffi::OsString>(argv) {
        Ok(Cli {
            command: Command::Check(args),
            ..
        }) => Ok(args),
        Ok(_) => Err(Error::Usage("`check` arguments did not parse as `check`".into())),
        Err(e) => Err(Error::Usage(e.to_string())),
    }
}

/// The name a document is reported and matched under: its path from the config file's folder (as
/// `replylint check` run there would show it, so the config's `[[override]]` globs match), else the path.
fn shown_name(path: &Path, config: Option<&Path>) -> String {
    let relative = config
        .and_then(Path::parent)
        .and_then(|base| path.strip_prefix(base).ok())
        .unwrap_or(path);
    relative.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_named_from_their_config_folder() {
        let config = Path::new("/work/team/replylint.toml");
        assert_eq!(
            shown_name(Path::new("/work/team/macros/legacy/a.json"), Some(config)),
            "macros/legacy/a.json"
        );
        assert_eq!(
            shown_name(Path::new("/elsewhere/a.txt"), Some(config)),
            "/elsewhere/a.txt"
        );
        assert_eq!(shown_name(Path::new("/elsewhere/a.txt"), None), "/elsewhere/a.txt");
    }

    #[test]
    fn check_arguments_name_the_config() {
        let args = check_args(Some(Path::new("/work/replylint.toml"))).unwrap();
        assert_eq!(args.config.config.as_deref(), Some(Path::new("/work/replylint.toml")));
        assert!(check_args(None).unwrap().config.no_config);
    }
}
