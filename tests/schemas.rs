//! The JSON Schemas under `schemas/`: each is the one generated from the types (`replylint schema KIND`),
//! every pack, rule, rubric and config file in the repository validates against its schema, so does the
//! JSON output, and a file with a key its kind does not have does not.

use assert_cmd::Command;
use replylint::schema::{self, SchemaKind};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn replylint() -> Command {
    let mut cmd = Command::cargo_bin("replylint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

fn committed(kind: SchemaKind) -> PathBuf {
    Path::new("schemas").join(kind.file_name())
}

/// The committed schema, compiled (which also checks it against the draft's meta-schema).
fn validator(kind: SchemaKind) -> jsonschema::Validator {
    let path = committed(kind);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{} does not compile: {e}", path.display()))
}

/// The reasons a document is not valid, empty when it is.
fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{e} at '{}'", e.instance_path()))
        .collect()
}

fn toml_as_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(table).unwrap()
}

fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    let mut stale = Vec::new();
    for kind in SchemaKind::ALL {
        let out = replylint().args(["schema", kind.as_str()]).assert().success();
        let printed = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert_eq!(
            printed,
            schema::json(kind),
            "`replylint schema {}` prints the library's schema",
            kind.as_str()
        );
        if fs::read_to_string(committed(kind)).ok().as_deref() != Some(printed.as_str()) {
            stale.push(committed(kind).display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "not the schemas the types generate: {}; regenerate them with\n  \
        for kind in pack rule config rubric output; do cargo run -q -- schema $kind > schemas/$kind.json; done",
        stale.join(", ")
    );
}

/// The schema each TOML file of the repository is written to: pack folders and their rule files under
/// `rules/`, the rubrics, the example pack, and any `replylint.toml` under `tests/` or `examples/`.
fn kind_of(path: &Path) -> Option<SchemaKind> {
    let name = path.file_name()?.to_str()?;
    let parent = path.parent()?;
    let grandparent = parent.parent();
    if name == "replylint.toml" {
        Some(SchemaKind::Config)
    } else if path == Path::new("rules/rubric.toml") || parent == Path::new("examples/grading") {
        Some(SchemaKind::Rubric)
    } else if parent == Path::new("examples/packs") || grandparent == Some(Path::new("rules")) && name == "pack.toml" {
        Some(SchemaKind::Pack)
    } else if grandparent == Some(Path::new("rules")) {
        Some(SchemaKind::Rule)
    } else {
        None
    }
}

#[test]
fn every_pack_rule_rubric_and_config_file_validates_against_its_schema() {
    let mut files = Vec::new();
    files_under(Path::new("rules"), &mut files);
    files_under(Path::new("examples"), &mut files);
    files.retain(|f| f.extension().is_some_and(|e| e == "toml"));
    let mut configs = Vec::new();
    files_under(Path::new("tests"), &mut configs);
    configs.retain(|f| f.ends_with("replylint.toml"));
    files.extend(configs);
    files.sort();

    let validators: Vec<_> = SchemaKind::ALL.iter().map(|&k| (k, validator(k))).collect();
    let mut checked = Vec::new();
    let mut failures = Vec::new();
    for file in &files {
        let kind = kind_of(file).unwrap_or_else(|| {
            panic!(
                "{}: which schema is this file written to? Say so in kind_of",
                file.display()
            )
        });
        let (_, validator) = validators.iter().find(|(k, _)| *k == kind).unwrap();
        for error in errors(validator, &toml_as_json(file)) {
            failures.push(format!("{} ({}): {error}", file.display(), kind.as_str()));
        }
        checked.push(kind);
    }
    assert!(failures.is_empty(), "not valid:\n{}", failures.join("\n"));
    for kind in [SchemaKind::Pack, SchemaKind::Rule, SchemaKind::Rubric] {
        let count = checked.iter().filter(|&&k| k == kind).count();
        assert!(count > 0, "no {} file was checked", kind.as_str());
    }
    let rule_files = checked.iter().filter(|&&k| k == SchemaKind::Rule).count();
    assert!(rule_files >= 20, "only {rule_files} rule files found under rules/");
}

/// The TOML examples in the READMEs, told apart by their first key: `[pack]` opens a pack, `title` a rule
/// file, `packs` a `replylint.toml`. Other blocks (an editor's settings) are not replylint files.
#[test]
fn the_readme_examples_validate_against_their_schemas() {
    let mut checked = Vec::new();
    let mut failures = Vec::new();
    for readme in ["README.md", "rules/README.md"] {
        let text = fs::read_to_string(readme).unwrap();
        for block in text.split("```toml\n").skip(1) {
            let block = &block[..block.find("```").unwrap()];
            let first = block
                .lines()
                .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .unwrap();
            let kind = if first == "[pack]" {
                SchemaKind::Pack
            } else if first.starts_with("title =") {
                SchemaKind::Rule
            } else if first.starts_with("packs =") {
                SchemaKind::Config
            } else {
                continue;
            };
            let table: toml::Table = toml::from_str(block).unwrap_or_else(|e| panic!("{readme}: {e}\n{block}"));
            for error in errors(&validator(kind), &serde_json::to_value(table).unwrap()) {
                failures.push(format!(
                    "{readme}, the {} example opening `{first}`: {error}",
                    kind.as_str()
                ));
            }
            checked.push(kind);
        }
    }
    assert!(failures.is_empty(), "not valid:\n{}", failures.join("\n"));
    for kind in [SchemaKind::Pack, SchemaKind::Rule, SchemaKind::Config] {
        assert!(
            checked.contains(&kind),
            "no {} example found in the READMEs",
            kind.as_str()
        );
    }
}

#[test]
fn the_json_output_validates_against_its_schema() {
    let validator = validator(SchemaKind::Output);
    let mut drafts = Vec::new();
    files_under(Path::new("examples/drafts"), &mut drafts);
    drafts.sort();
    assert!(drafts.len() >= 10, "examples/drafts/ holds {} drafts", drafts.len());
    let mut runs: Vec<Vec<String>> = drafts.iter().map(|d| vec![d.display().to_string()]).collect();
    // A help-desk export (each result has its `macro`), and a draft that cannot be read (`errors`).
    runs.push(vec!["examples/macros/zendesk-macros.json".into()]);
    runs.push(vec!["examples/drafts/mixed.ko.txt".into(), "no-such-draft.txt".into()]);
    let mut failures = Vec::new();
    for paths in &runs {
        let out = replylint()
            .args(["check", "--format", "json"])
            .args(paths)
            .output()
            .unwrap();
        assert!(
            out.status.code().is_some_and(|c| c <= 2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            !report["results"].as_array().unwrap().is_empty(),
            "{paths:?}: no results"
        );
        for error in errors(&validator, &report) {
            failures.push(format!("{}: {error}", paths.join(" ")));
        }
    }
    assert!(failures.is_empty(), "not valid:\n{}", failures.join("\n"));
}

/// The schemas are strict where the loader is: a key of another kind of rule, an unknown key, a rule of a
/// single-file pack without its `id`.
#[test]
fn the_schemas_reject_what_the_loader_rejects() {
    let rules = validator(SchemaKind::Rule);
    let forbid = toml_as_json(Path::new("rules/apology/no-template-opener.toml"));
    assert_eq!(forbid["kind"], "forbid");
    assert_eq!(errors(&rules, &forbid), Vec::<String>::new());
    // `insert` belongs to `require` rules.
    let mut with_insert = forbid.clone();
    with_insert["insert"] = "end".into();
    assert!(!rules.is_valid(&with_insert), "a forbid rule with `insert` validates");
    let mut other_kind = forbid.clone();
    other_kind["kind"] = "require".into();
    other_kind["fix"] = "safe".into();
    assert!(!rules.is_valid(&other_kind), "a require rule with `fix` validates");
    let mut no_kind = forbid.clone();
    no_kind.as_object_mut().unwrap().remove("kind");
    assert!(!rules.is_valid(&no_kind), "a rule without `kind` validates");

    let packs = validator(SchemaKind::Pack);
    let pack = toml_as_json(Path::new("examples/packs/acme.toml"));
    assert_eq!(errors(&packs, &pack), Vec::<String>::new());
    let mut unknown = pack.clone();
    unknown["pack"]["author"] = "ACME".into();
    assert!(
        !packs.is_valid(&unknown),
        "a pack with an unknown key in [pack] validates"
    );
    let mut unknown_table = pack.clone();
    unknown_table["rules"] = Value::Array(Vec::new());
    assert!(
        !packs.is_valid(&unknown_table),
        "a pack with a [[rules]] table validates"
    );
    let mut without_id = pack.clone();
    without_id["rule"][0].as_object_mut().unwrap().remove("id");
    assert!(!packs.is_valid(&without_id), "a [[rule]] without `id` validates");
}
