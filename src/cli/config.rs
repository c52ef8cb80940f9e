//! `replylint config`: the configuration in force, as the settings that apply.

use super::args::ConfigArgs;
use super::check::load_config;
use super::{print, EXIT_CLEAN};
use crate::error::Result;
use std::fmt::Write;

pub fn run(args: ConfigArgs) -> Result<u8> {
    let config = load_config(&args)?;
    let mut out = match &config.file {
        Some(path) => format!("config: {}\n", path.display()),
        None => format!(
            "config: none (no {} found; built-in defaults)\n",
            crate::config::FILE_NAME
        ),
    };
    let list = |items: &[String]| {
        if items.is_empty() {
            "-".to_string()
        } else {
            items.join(", ")
        }
    };
    let paths = |items: &[std::path::PathBuf]| {
        let shown: Vec<String> = items.iter().map(|p| p.display().to_string()).collect();
        list(&shown)
    };
    let _ = writeln!(out, "packs: {}", paths(&config.packs));
    let _ = writeln!(
        out,
        "rubric: {}",
        config
            .rubric
            .as_ref()
            .map_or("built-in".to_string(), |p| p.display().to_string())
    );
    let _ = writeln!(out, "select: {}", list(&config.select));
    let _ = writeln!(out, "ignore: {}", list(&config.ignore));
    let _ = writeln!(
        out,
        "fail-on: {}",
        config
            .fail_on
            .map_or("error (default)".to_string(), |f| format!("{f:?}").to_lowercase())
    );
    let _ = writeln!(
        out,
        "korean-profile: {}",
        config.korean_profile.map_or("formal (default)", |p| p.as_str())
    );
    for (rule, severity) in &config.severity {
        let _ = writeln!(out, "severity: {rule} = {severity}");
    }
    let _ = writeln!(out, "vocabulary: {}", list(&config.vocabulary.allow));
    for o in &config.overrides {
        let globs: Vec<String> = o.globs.iter().map(|(g, _)| g.clone()).collect();
        let severities: Vec<String> = o.severity.iter().map(|(r, s)| format!("{r} = {s}")).collect();
        let _ = writeln!(
            out,
            "override {}: ignore {}; severity {}",
            globs.join(", "),
            list(&o.ignore),
            list(&severities)
        );
    }
    for m in &config.ignore_macros {
        let which = match (&m.id, &m.title) {
            (Some(id), _) => format!("id {id}"),
            (None, Some((title, _))) => format!("title {title}"),
            (None, None) => String::new(),
        };
        let rules = if m.rules.is_empty() {
            "every rule".to_string()
        } else {
            m.rules.join(", ")
        };
        let _ = writeln!(out, "ignore macro {which}: {rules}");
    }
    print(&out);
    Ok(EXIT_CLEAN)
}
