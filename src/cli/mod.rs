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
/// reader never sees half a report and a failed run leaves the old file as it was. A symlink is written
/// through: its target gets the text and the link stays a link. A file that exists keeps its permissions
/// (set on the temporary file before anything is written to it) and, where the process may set them, its
/// owner and group. Something that is not a regular file (`-o /dev/stdout`, a pipe) is written directly.
fn write_atomically(path: &std::path::Path, text: &(impl Output + ?Sized)) -> Result<()> {
    let shown = path.display().to_string();
    let fail = |e: std::io::Error| crate::error::Error::input(shown.clone(), format!("cannot write: {e}"));
    let target = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(crate::error::Error::input(shown, "cannot write: it is a folder"));
        }
        Ok(meta) if !meta.is_file() => {
            let mut out = std::fs::OpenOptions::new().write(true).open(path).map_err(fail)?;
            return text.write_to(&mut out).and_then(|_| out.flush()).map_err(fail);
        }
        // The file itself, wherever links (in the path or at its end) lead.
        Ok(_) => std::fs::canonicalize(path).map_err(fail)?,
        // A new file, or a link to one.
        Err(_) => resolve_links(path).map_err(fail)?,
    };
    let existing = std::fs::metadata(&target).ok();
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (temp, mut file) = create_temp(&dir, &name, existing.is_some()).map_err(fail)?;
    let written = (|| {
        if let Some(meta) = &existing {
            keep_owner(&file, meta);
            file.set_permissions(meta.permissions())?;
        }
        text.write_to(&mut file)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, &target)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(e));
    }
    // The rename itself reaches the disk with the folder (best effort: not every system can sync one).
    if let Ok(folder) = std::fs::File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Where a path that does not exist yet leads: a dangling symlink (or a chain of them) to where its target
/// would be, anything else to itself.
fn resolve_links(path: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// A new temporary file in a folder, named after the file it will replace. When it replaces one, it is
/// created readable by its owner only until it takes the original's permissions.
fn create_temp(
    dir: &std::path::Path,
    name: &str,
    private: bool,
) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut attempt = 0;
    loop {
        let temp = dir.join(format!(".{name}.replylint-{}-{attempt}.tmp", std::process::id()));
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Gives a new file the owner and group of the one it replaces, as far as the process may: its group
/// alone when only that is allowed, nothing when neither is.
fn keep_owner(file: &std::fs::File, original: &std::fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(new) = file.metadata() else { return };
        if (new.uid(), new.gid()) == (original.uid(), original.gid()) {
            return;
        }
        if std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid())).is_err() {
            let _ = std::os::unix::fs::fchown(file, None, Some(original.gid()));
        }
    }
    #[cfg(not(unix))]
    let _ = (file, original);
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn print(text: &(impl Output + ?Sized)) {
    let mut stdout = std::io::stdout().lock();
    let _ = text.write_to(&mut stdout).and_then(|_| stdout.flush());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Writes part of a report, then fails, as a full disk would.
    struct FailingWriter;

    impl Output for FailingWriter {
        fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
            out.write_all(b"half a rep")?;
            Err(std::io::Error::other("no space left on device"))
        }
    }

    fn names_in(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_write_leaves_the_original_whole_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.txt");
        fs::write(&path, "the old report").unwrap();
        let err = write_atomically(&path, &FailingWriter).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{}: cannot write: no space left on device", path.display())
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "the old report");
        assert_eq!(names_in(dir.path()), ["report.txt"]);
    }

    #[test]
    fn a_file_is_replaced_whole_with_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private.txt");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
            // Owned by someone else where the test may give it away (as root): the owner is kept too.
            let _ = std::os::unix::fs::chown(&path, Some(65534), Some(65534));
        }
        let before = fs::metadata(&path).unwrap();
        write_atomically(&path, "new").unwrap();
        let after = fs::metadata(&path).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(after.permissions(), before.permissions());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            assert_ne!(
                after.ino(),
                before.ino(),
                "a new file renamed over the old one, not written in place"
            );
            assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        }
        assert_eq!(names_in(dir.path()), ["private.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_written_through_and_stay_links() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/report.txt");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink("real/report.txt", dir.path().join("link.txt")).unwrap();
        // A link to a link, and a dangling one, whose target is created.
        std::os::unix::fs::symlink("link.txt", dir.path().join("link2.txt")).unwrap();
        std::os::unix::fs::symlink("real/new.txt", dir.path().join("dangling.txt")).unwrap();
        write_atomically(&dir.path().join("link2.txt"), "new").unwrap();
        write_atomically(&dir.path().join("dangling.txt"), "created").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(fs::read_to_string(dir.path().join("real/new.txt")).unwrap(), "created");
        for link in ["link.txt", "link2.txt", "dangling.txt"] {
            let meta = fs::symlink_metadata(dir.path().join(link)).unwrap();
            assert!(meta.file_type().is_symlink(), "{link} is still a link");
        }
        assert_eq!(names_in(&dir.path().join("real")), ["new.txt", "report.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        write_atomically(std::path::Path::new("/dev/null"), "a report").unwrap();
        assert!(fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    }
}
