//! `level`: the Korean speech level of each sentence in the agent's own voice (DOMAIN §5), read from the
//! sentence's final ending as the morphological analysis gives it. Banmal (해체, 해라체, 하게체), 하오체,
//! notice style and chat forms are reported at the eojeol that ends the sentence (or at the laughter);
//! the register mix is reported once, when a reply never uses the profile's main register.

use super::RuleRun;
use crate::finding::{Finding, SuggestionAction};
use crate::pack::{LevelDef, LevelProfile};
use crate::text::ko::SpeechLevel;
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
    // List items, headings, greetings and signatures are not the agent's running voice; quoted text is
    // blanked by the analysis.
    for (index, sentence) in run.draft.sentences().iter().enumerate() {
        if sentence.role != Role::Body {
            continue;
        }
        let Some(register) = run.draft.register(index) else {
            continue;
        };
        let reported = match register.level {
            SpeechLevel::Hae | SpeechLevel::Haera | SpeechLevel::Hage => levels.banmal.as_ref(),
            SpeechLevel::Hao => levels.hao.as_ref(),
            SpeechLevel::Notice => levels.notice.as_ref(),
            SpeechLevel::Hasipsio => {
                hasipsio.push(sentence.range.clone());
                None
            }
            SpeechLevel::Haeyo => {
                haeyo.push(sentence.range.clone());
                None
            }
            SpeechLevel::Unknown => None,
        };
        let ending = register.ending.clone().unwrap_or(sentence.range.clone());
        match (reported, levels.casual.as_ref(), register.casual.clone()) {
            (Some(def), _, _) => out.push(report(run, ending, def, None)),
            // "ㅋㅋ 다시 해 보세요", "드렸어용": a polite ending does not excuse the chat form.
            (None, Some(def), Some(found)) => out.push(report(run, found, def, None)),
            _ => {}
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
