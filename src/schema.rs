//! JSON Schemas of the files replylint reads (packs, rule files, `replylint.toml`, rubrics) and of its JSON
//! output, generated from the types that read and write them, so a schema cannot drift from the format.
//! `replylint schema KIND` prints one; they are committed under `schemas/` for editors to point at.
//!
//! ```
//! let rule = replylint::schema::json(replylint::schema::SchemaKind::Rule);
//! assert!(rule.contains("\"forbid\""));
//! ```

use schemars::generate::SchemaSettings;
use schemars::transform::{transform_subschemas, Transform};
use schemars::Schema;
use serde_json::Value;

/// A schema replylint generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// A rule pack: a pack folder's `pack.toml`, or a single-file pack with its `[[rule]]`s
    Pack,
    /// A rule file, `rules/<pack>/<rule-id>.toml`
    Rule,
    /// `replylint.toml`
    Config,
    /// A grading rubric (`--rubric FILE`)
    Rubric,
    /// The output of `check --format json` (contract version 1)
    Output,
}

impl SchemaKind {
    pub const ALL: [SchemaKind; 5] = [
        SchemaKind::Pack,
        SchemaKind::Rule,
        SchemaKind::Config,
        SchemaKind::Rubric,
        SchemaKind::Output,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SchemaKind::Pack => "pack",
            SchemaKind::Rule => "rule",
            SchemaKind::Config => "config",
            SchemaKind::Rubric => "rubric",
            SchemaKind::Output => "output",
        }
    }

    /// Its file under `schemas/`: `pack.json`, ...
    pub fn file_name(self) -> String {
        format!("{}.json", self.as_str())
    }
}

/// The schema as pretty-printed JSON, ending with a newline: what `schemas/<kind>.json` holds.
pub fn json(kind: SchemaKind) -> String {
    let mut text = serde_json::to_string_pretty(&schema(kind)).expect("a schema serialises");
    text.push('\n');
    text
}

/// The schema as a value. Draft 7, with its definitions under `definitions`: the dialect TOML editors
/// (taplo, Even Better TOML) and SchemaStore support most widely.
pub fn schema(kind: SchemaKind) -> Schema {
    let toml = || {
        let mut settings = SchemaSettings::draft07();
        // First, so that the draft's own transforms see the result.
        settings.transforms.insert(0, Box::new(NoNull));
        settings
    };
    let (mut schema, title) = match kind {
        SchemaKind::Pack => (
            toml()
                .into_generator()
                .into_root_schema_for::<crate::pack::schema::PackFile>(),
            "replylint rule pack",
        ),
        SchemaKind::Rule => (
            toml()
                .into_generator()
                .into_root_schema_for::<crate::pack::schema::RuleDef>(),
            "replylint rule file",
        ),
        SchemaKind::Config => (
            toml()
                .into_generator()
                .into_root_schema_for::<crate::config::ConfigFile>(),
            "replylint.toml",
        ),
        SchemaKind::Rubric => (
            toml()
                .into_generator()
                .into_root_schema_for::<crate::grade::RubricFile>(),
            "replylint rubric",
        ),
        SchemaKind::Output => (
            SchemaSettings::draft07()
                .for_serialize()
                .into_generator()
                .into_root_schema_for::<crate::report::json::JsonReport<'static>>(),
            "replylint check --format json",
        ),
    };
    schema.insert("title".into(), title.into());
    schema
}

/// TOML has no null: a key left out is how a file says "none", so the schema of a file offers no null
/// where serde would take one for an `Option`.
#[derive(Clone)]
struct NoNull;

impl Transform for NoNull {
    fn transform(&mut self, schema: &mut Schema) {
        transform_subschemas(self, schema);
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        if let Some(Value::Array(types)) = object.get_mut("type") {
            types.retain(|t| t != "null");
            if let [only] = types.as_slice() {
                let only = only.clone();
                object.insert("type".into(), only);
            }
        }
        if let Some(Value::Array(values)) = object.get_mut("enum") {
            values.retain(|v| !v.is_null());
        }
        if let Some(Value::Array(alternatives)) = object.get_mut("anyOf") {
            alternatives.retain(|a| a.get("type").is_none_or(|t| t != "null"));
            if let [Value::Object(_)] = alternatives.as_slice() {
                let Some(Value::Array(mut alternatives)) = object.remove("anyOf") else {
                    unreachable!("just matched")
                };
                if let Some(Value::Object(only)) = alternatives.pop() {
                    object.extend(only);
                }
            }
        }
    }
}
