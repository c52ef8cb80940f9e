//! Files replylint writes (`check --fix`, `check -o`, `baseline -o`) are replaced whole: they keep their
//! permissions and owner, symlinks are written through and stay links, and a write that cannot happen
//! leaves the original as it was.
#![cfg(unix)]

use assert_cmd::Command;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

fn replylint() -> Command {
    let mut cmd = Command::cargo_bin("replylint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A draft `--fix` changes: "귀하께서" becomes "고객님께서".
const FIXABLE: &str = "안녕하세요.\n귀하께서 문의하신 환불은 처리되었습니다.\n감사합니다.\n";

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn fix_keeps_a_private_file_private_and_its_owner() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reply.txt");
    fs::write(&path, FIXABLE).unwrap();
    set_mode(&path, 0o600);
    // Given away where the test may (as root), so that keeping the owner is tested too.
    let _ = std::os::unix::fs::chown(&path, Some(65534), Some(65534));
    let before = fs::metadata(&path).unwrap();

    replylint()
        .args(["check", "--no-config", "--fix"])
        .arg(&path)
        .assert()
        .code(0);
    let after = fs::metadata(&path).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("고객님께서 문의하신"));
    assert_eq!(mode(&path), 0o600, "the file stays readable by its owner only");
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert_ne!(
        after.ino(),
        before.ino(),
        "a new file renamed over the old, not written in place"
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["reply.txt"], "no temporary file left");
}

#[test]
fn fix_writes_through_a_symlink_which_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("drafts")).unwrap();
    let target = dir.path().join("drafts/reply.txt");
    fs::write(&target, FIXABLE).unwrap();
    let link = dir.path().join("reply.txt");
    std::os::unix::fs::symlink("drafts/reply.txt", &link).unwrap();

    replylint()
        .args(["check", "--no-config", "--fix"])
        .arg(&link)
        .assert()
        .code(0);
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(fs::read_to_string(&target).unwrap().contains("고객님께서 문의하신"));
}

#[test]
fn reports_and_baselines_keep_the_permissions_of_the_file_they_replace_and_write_through_links() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("reply.txt");
    fs::write(&draft, FIXABLE).unwrap();
    let report = dir.path().join("report.json");
    let baseline = dir.path().join("baseline.json");
    for file in [&report, &baseline] {
        fs::write(file, "old").unwrap();
        set_mode(file, 0o640);
    }
    let linked = dir.path().join("linked.sarif");
    std::os::unix::fs::symlink("report.json", &linked).unwrap();

    replylint()
        .args(["check", "--no-config", "--format", "json", "-o"])
        .arg(&linked)
        .arg(&draft)
        .assert()
        .code(0);
    assert!(fs::symlink_metadata(&linked).unwrap().file_type().is_symlink());
    let written: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(written["version"], 1);
    assert_eq!(mode(&report), 0o640);

    replylint()
        .args(["baseline", "--no-config", "-o"])
        .arg(&baseline)
        .arg(&draft)
        .assert()
        .code(0);
    assert!(fs::read_to_string(&baseline).unwrap().starts_with('{'));
    assert_eq!(mode(&baseline), 0o640);
}

/// Whether this process may create a file in a folder its permissions make read-only (root may).
fn permissions_bind_us(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    match fs::write(&probe, "") {
        Ok(()) => {
            fs::remove_file(&probe).unwrap();
            false
        }
        Err(_) => true,
    }
}

#[test]
fn a_fix_in_a_read_only_folder_fails_and_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    set_mode(dir.path(), 0o755);
    let folder = dir.path().join("locked");
    fs::create_dir(&folder).unwrap();
    let path = folder.join("reply.txt");
    fs::write(&path, FIXABLE).unwrap();
    set_mode(&path, 0o666);
    set_mode(&folder, 0o555);

    let mut cmd = if permissions_bind_us(&folder) {
        replylint()
    } else {
        // Root writes into any folder: the command runs as `nobody`, whom the folder's permissions bind.
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .expect("running as root: setpriv (util-linux) is needed to run replylint as another user");
        let mut cmd = Command::new(setpriv);
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(assert_cmd::cargo::cargo_bin("replylint"))
            .env("NO_COLOR", "1");
        cmd
    };
    let out = cmd.args(["check", "--no-config", "--fix"]).arg(&path).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(&format!("replylint: error: {}: cannot write: ", path.display())),
        "{stderr}"
    );
    set_mode(&folder, 0o755);
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXABLE);
    let names: Vec<_> = fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["reply.txt"], "no temporary file left");
}
