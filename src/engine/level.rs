//! `level`: the Korean speech level of each sentence in the agent's own voice (DOMAIN §5). Banmal, 하오체
//! and chat forms are reported at the sentence's ending (or its laughter); the register mix is reported
//! once, when a reply never uses the profile's main register.

use super::RuleRun;
use crate::finding::{Finding, SuggestionAction};
use crate::pack::{LevelDef, LevelProfile};
use crate::text::speech_level::{classify, ending, laughter, SpeechLevel};
use crate::text::{Lang, Role};
use std::ops::Range;

/// The register mix is reported when a reply of at least this many sentences in the profile's other
/// register never uses its main one: a formal reply may lean on 해요체 for requests and empathy, but one
/// with no 하십시오체 at all is not formal.
const MIX_AT_LEAST: usize = 3;

pub fn run(run: &RuleRun, out: &mut Vec<Finding>) {
    let Some(text) = run.rule.lang(Lang::Ko) else {
        return;
    };
    let levels = &text.levels;
    let mut hasipsio = Vec::new();
    let mut haeyo = Vec::new();
    // Quoted text is masked by the classifier; list items, headings, greetings and signatures are not
    // the agent's running voice.
    for sentence in run.draft.sentences().iter().filter(|s| s.role == Role::Body) {
        let words = run.draft.sentence_text(sentence);
        let at = |local: Range<usize>| sentence.range.start + local.start..sentence.range.start + local.end;
        let level = classify(words);
        let reported = match level {
            SpeechLevel::Banmal => levels.banmal.as_ref(),
            SpeechLevel::Hao => levels.hao.as_ref(),
            SpeechLevel::Casual => levels.casual.as_ref(),
            SpeechLevel::Hasipsio => {
                hasipsio.push(sentence.range.clone());
                None
            }
            SpeechLevel::Haeyo => {
                haeyo.push(sentence.range.clone());
                None
            }
            SpeechLevel::Neutral => None,
        };
        if let Some(def) = reported {
            let span = match (level, laughter(words)) {
                (SpeechLevel::Casual, Some(found)) => at(found),
                _ => at(ending(words)),
            };
            out.push(report(run, span, def, None));
        } else if let (Some(def), Some(found)) = (levels.casual.as_ref(), laughter(words)) {
            // "ㅋㅋ 다시 해 보세요": a polite ending does not excuse the laughter.
            out.push(report(run, at(found), def, None));
        }
    }
    let (main, secondary) = match run.rule.profile {
        LevelProfile::Formal => (&hasipsio, &haeyo),
        LevelProfile::Friendly => (&haeyo, &hasipsio),
    };
    if let Some(def) = levels.mix.as_ref() {
        if main.is_empty() && secondary.len() >= MIX_AT_LEAST {
            let first = secondary[0].clone();
            out.push(report(run, first, def, Some((secondary.len(), main.len()))));
        }
    }
}

fn report(run: &RuleRun, span: Range<usize>, def: &LevelDef, count: Option<(usize, usize)>) -> Finding {
    let mut finding = run.finding(
        span,
        &def.message,
        def.suggestion.clone(),
        SuggestionAction::Advise,
        count,
    );
    finding.severity = def.severity;
    finding
}
