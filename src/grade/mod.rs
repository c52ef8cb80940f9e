//! Grading: a 0-100 score, a letter and per-criterion scores from a draft's findings.

mod rubric;

pub use rubric::{Band, Cap, Criterion, Penalties, Rubric};

use crate::engine::Outcome;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionScore {
    pub id: String,
    /// `None` when no rule of this criterion applied to the draft.
    pub score: Option<u32>,
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

impl Rubric {
    pub fn grade(&self, outcome: &Outcome) -> Grade {
        let criteria: Vec<CriterionScore> = self
            .criteria
            .iter()
            .map(|c| {
                let applicable = outcome.applicable_criteria.contains(&c.id);
                let lost: u32 = outcome
                    .findings
                    .iter()
                    .filter(|f| f.criterion == c.id)
                    .map(|f| self.penalties.of(f.severity))
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
