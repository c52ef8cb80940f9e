use replylint::text::ko::{analyse, final_ending, speech_level};

use replylint::Draft;

#[test]
#[ignore]
fn probe() {
    let path = std::env::var("PROBE").unwrap();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["lang"] != "ko" {
            continue;
        }
        let text = v["text"].as_str().unwrap();
        let faults: Vec<String> = v["faults"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        let virt: Vec<String> = v["virtues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        let tag = if faults.iter().any(|f| f == "korean-speech-level") {
            "FAULT"
        } else if virt.iter().any(|f| f == "korean-speech-level") {
            "VIRT"
        } else {
            v["verdict"].as_str().unwrap()
        };
        println!(
            "=== {} {} {}",
            v["id"].as_str().unwrap(),
            tag,
            v["kind"].as_str().unwrap()
        );
        let draft = Draft::new(text);
        for s in draft.sentences() {
            let t = draft.sentence_text(s);
            let w = analyse(t);
            let e = final_ending(&w);
            println!(
                "  {:?} new={:?} end={:?} | {}",
                s.role,
                speech_level(&w),
                e.map(|e| format!("{}/{}", e.ending, e.tag)),
                t
            );
        }
    }
}

#[test]
#[ignore]
fn probe_sentences() {
    for t in std::env::var("S").unwrap().split('|') {
        let w = analyse(t);
        let e = final_ending(&w);
        let parts: Vec<String> = w
            .iter()
            .map(|m| {
                format!(
                    "{}/{}[{}]",
                    m.surface,
                    m.tag,
                    m.parts()
                        .map(|p| format!("{}/{}", p.lemma, p.tag))
                        .collect::<Vec<_>>()
                        .join("+")
                )
            })
            .collect();
        println!(
            "{t} => {:?} {:?} :: {}",
            speech_level(&w),
            e.map(|e| format!("{}/{}", e.ending, e.tag)),
            parts.join(" ")
        );
    }
}

#[test]
#[ignore]
fn probe_honorific() {
    use replylint::text::ko::honorific_on;
    let path = std::env::var("PROBE").unwrap();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["lang"] != "ko" {
            continue;
        }
        let text = v["text"].as_str().unwrap();
        let faults = v["faults"].to_string();
        let virt = v["virtues"].to_string();
        let tag = if faults.contains("korean-honorific-misuse") {
            "FAULT"
        } else if virt.contains("korean-honorific-misuse") {
            "VIRT"
        } else {
            v["verdict"].as_str().unwrap()
        };
        let draft = Draft::new(text);
        let mut hits = vec![];
        for s in draft.sentences() {
            let t = draft.sentence_text(s);
            let w = analyse(t);
            for h in honorific_on(&w) {
                if h.on_thing() {
                    hits.push(format!("{}<-{}", w[h.subject.unwrap()].surface, w[h.marker].surface));
                }
            }
        }
        if !hits.is_empty() || tag == "FAULT" {
            println!(
                "{} {} {:?} | {}",
                v["id"].as_str().unwrap(),
                tag,
                hits,
                text.chars().take(100).collect::<String>().replace('\n', " / ")
            );
        }
    }
}
