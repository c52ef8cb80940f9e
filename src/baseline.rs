//! Baselines: the findings a team has accepted, so CI fails only on new ones. A finding's fingerprint is
//! its rule, its file, its macro (for exports) and its words, whitespace- and case-folded (none for a
//! missing sentence); never its line, so edits elsewhere in the file do not turn old findings into new ones. Identical fingerprints are
//! counted, so a second copy of the same phrase is still new.

use crate::error::{Error, Result};
use crate::finding::{Finding, SuggestionAction};
use crate::report::{DraftResult, Report};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fingerprint {
    pub rule: String,
    pub source: String,
    /// The macro's id for a reply in a help-desk export; empty otherwise.
    #[serde(default, rename = "macro", skip_serializing_if = "String::is_empty")]
    pub macro_id: String,
    pub excerpt: String,
}

impl Fingerprint {
    pub fn of(result: &DraftResult, finding: &Finding) -> Self {
        Fingerprint {
            rule: finding.rule.clone(),
            source: result.source.clone(),
            macro_id: result.macro_ref.as_ref().map(|m| m.id.clone()).unwrap_or_default(),
            // A missing sentence is about the reply as a whole; the sentence it is anchored at may change.
            excerpt: if finding.action == SuggestionAction::Insert {
                String::new()
            } else {
                finding
                    .excerpt
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            },
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(flatten)]
    fingerprint: Fingerprint,
    /// How many findings share the fingerprint.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// Accepted findings, counted per fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Fingerprint, usize>,
}

/// What applying a baseline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings dropped because the baseline knows them.
    pub known: usize,
    /// Baseline entries (counting repeats) that no longer occur: fixed since the baseline was made.
    pub fixed: usize,
}

impl Baseline {
    pub fn from_report(report: &Report) -> Self {
        let mut counts = BTreeMap::new();
        for result in &report.results {
            for finding in &result.outcome.findings {
                *counts.entry(Fingerprint::of(result, finding)).or_default() += 1;
            }
        }
        Baseline { counts }
    }

    /// The baseline file: sorted, so it diffs well in review.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: VERSION,
            findings: self
                .counts
                .iter()
                .map(|(fingerprint, &count)| Entry {
                    fingerprint: fingerprint.clone(),
                    count,
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    pub fn load(path: &Path) -> Result<Self> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::input(shown.as_str(), format!("cannot read baseline: {e}")))?;
        Baseline::parse(&shown, &text)
    }

    pub fn parse(shown: &str, text: &str) -> Result<Self> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| Error::json(shown, "not a baseline", &e))?;
        if file.version != VERSION {
            return Err(Error::input(
                shown,
                format!("baseline version {} is not {VERSION}", file.version),
            ));
        }
        let mut counts = BTreeMap::new();
        for entry in file.findings {
            *counts.entry(entry.fingerprint).or_default() += entry.count.max(1);
        }
        Ok(Baseline { counts })
    }

    /// Drops the findings the baseline knows from the report and counts what it no longer finds.
    pub fn apply(&self, report: &mut Report) -> Applied {
        let mut left = self.counts.clone();
        let mut known = 0;
        for result in &mut report.results {
            let fingerprints: Vec<Fingerprint> = result
                .outcome
                .findings
                .iter()
                .map(|f| Fingerprint::of(result, f))
                .collect();
            let mut keep = fingerprints.into_iter().map(|fp| match left.get_mut(&fp) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    known += 1;
                    false
                }
                _ => true,
            });
            result.outcome.findings.retain(|_| keep.next().unwrap_or(true));
        }
        Applied {
            known,
            fixed: left.values().sum(),
        }
    }
}
