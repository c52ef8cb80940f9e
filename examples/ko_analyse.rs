//! Prints the analysis of each Korean line on standard input: its words (surface, tag, morphemes), final
//! ending, speech level and any -시- on a thing, and the line as a rule's `morphemes` patterns see it.
//! With `--levels`, one line per sentence instead.
//!
//! ```sh
//! echo "커피 나오셨습니다" | cargo run --release --example ko_analyse
//! cargo run --release --example ko_analyse -- --levels --dic other.dic < sentences.txt
//! ```

use replylint::text::ko::{final_ending, honorific_on, speech_level, Analyzer};
use std::io::BufRead;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let levels = args.iter().any(|a| a == "--levels");
    let bytes = args
        .iter()
        .position(|a| a == "--dic")
        .and_then(|i| args.get(i + 1))
        .map(|path| std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}")));
    let owned;
    let analyzer = match &bytes {
        Some(bytes) => {
            owned = Analyzer::from_bytes(bytes).unwrap_or_else(|e| panic!("{e}"));
            &owned
        }
        None => Analyzer::embedded().unwrap_or_else(|e| panic!("{e}")),
    };
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("UTF-8 input");
        let words = analyzer.analyse(&line);
        let level = speech_level(&words);
        let ending = final_ending(&words).map_or("-".to_string(), |e| format!("{}/{}", e.ending, e.tag));
        let on_things: Vec<String> = honorific_on(&words)
            .into_iter()
            .filter(|h| h.on_thing())
            .map(|h| format!("{}:{}", h.predicate, h.subject.map_or("", |s| words[s].surface)))
            .collect();
        if levels {
            println!("{}\t{ending}\t{}\t{line}", level.as_str(), on_things.join(","));
            continue;
        }
        for w in &words {
            let parts: Vec<String> = w.parts().map(|p| format!("{}/{}", p.lemma, p.tag)).collect();
            println!("{}\t{}\t{}\t{}..{}", w.surface, w.tag, parts.join("+"), w.start, w.end);
        }
        // What a `morphemes` pattern is matched against: every morpheme as lemma/TAG, joined by spaces.
        let stream: Vec<String> = words
            .iter()
            .flat_map(|w| w.parts().map(|p| format!("{}/{}", p.lemma, p.tag)).collect::<Vec<_>>())
            .collect();
        println!("morphemes: {}", stream.join(" "));
        println!(
            "= {} ({ending}){}\n",
            level.as_str(),
            on_things.iter().map(|h| format!(" -시- on {h}")).collect::<String>()
        );
    }
}
