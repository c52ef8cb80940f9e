//! Grading: a 0-100 score, a letter and per-criterion scores from a draft's findings.

mod rubric;

pub(crate) use rubric::RubricFile;
pub use rubric::{Band, Cap, Criterion, Penalties, Rubric};

use crate::engine::Outcome;
use serde::Serialize;

/// A criterion's score for one draft.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CriterionScore {
    pub id: String,
    /// `None` (`null` in JSON) when no rule of this criterion applied to the draft: it is left out of the
    /// score.
    pub score: Option<u32>,
    /// Its weight in the rubric.
    pub weight: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grade {
    pub score: u32,
    pub letter: String,
    pub criteria: Vec<CriterionScore>,
    /// The cap that lowered the score, as "rule-or-severity <= max".
    pub capped: Option<String>,
}

/// One point lost: which finding cost how much, against which criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deduction {
    pub criterion: String,
    pub rule: String,
    pub severity: crate::finding::Severity,
    pub penalty: u32,
    pub line: usize,
    pub excerpt: String,
    pub message: String,
    /// Whether the finding is about something missing (a sentence to add) rather than something written.
    pub missing: bool,
}

impl Rubric {
    /// Every finding's cost, in the order of the rubric's criteria and then of the findings.
    pub fn deductions(&self, outcome: &Outcome) -> Vec<Deduction> {
        self.criteria
            .iter()
            .flat_map(|c| {
                outcome
                    .findings
                    .iter()
                    .filter(move |f| self.criterion_of(&f.rule, &f.criterion) == c.id)
                    .map(move |f| Deduction {
                        criterion: c.id.clone(),
                        rule: f.rule.clone(),
                        severity: f.severity,
                        penalty: self.penalties.of(f.severity),
                        line: f.span.line,
                        excerpt: f.excerpt.clone(),
                        message: f.message.clone(),
                        missing: f.action == crate::finding::SuggestionAction::Insert,
                    })
            })
            .collect()
    }

    pub fn grade(&self, outcome: &Outcome) -> Grade {
        // The criteria the rules that ran feed, and each finding's criterion and penalty: each rule is
        // looked up once.
        let fed: Vec<&str> = outcome
            .applicable_rules
            .iter()
            .map(|(rule, own)| self.criterion_of(rule, own))
            .collect();
        let charged: Vec<(&str, u32)> = outcome
            .findings
            .iter()
            .map(|f| (self.criterion_of(&f.rule, &f.criterion), self.penalties.of(f.severity)))
            .collect();
        let criteria: Vec<CriterionScore> = self
            .criteria
            .iter()
            .map(|c| {
                let applicable = fed.contains(&c.id.as_str());
                let lost: u32 = charged
                    .iter()
                    .filter(|(criterion, _)| *criterion == c.id)
                    .map(|(_, penalty)| penalty)
                    .sum();
                CriterionScore {
                    id: c.id.clone(),
                    score: applicable.then(|| 100u32.saturating_sub(lost)),
                    weight: c.weight,
                }
            })
            .collect();
        let (weighted, weights) = criteria
            .iter()
            .filter_map(|c| c.score.map(|s| (s * c.weight, c.weight)))
            .fold((0u32, 0u32), |(a, b), (s, w)| (a + s, b + w));
        let mut score = if weights == 0 {
            100
        } else {
            (f64::from(weighted) / f64::from(weights)).round() as u32
        };
        let mut capped = None;
        for cap in &self.caps {
            let hit = outcome.findings.iter().any(|f| {
                cap.rule.as_ref().is_none_or(|r| r == &f.rule) && cap.severity.is_none_or(|s| s == f.severity)
            });
            if hit && score > cap.max {
                score = cap.max;
                let what = [cap.rule.clone(), cap.severity.map(|s| s.to_string())];
                capped = Some(format!(
                    "{} <= {}",
                    what.into_iter().flatten().collect::<Vec<_>>().join(" "),
                    cap.max
                ));
            }
        }
        Grade {
            score,
            letter: self.letter(score).to_string(),
            criteria,
            capped,
        }
    }
}
