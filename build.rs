//! Checks the Korean lexicon compiled into the binary against its checksum, so that a damaged or
//! truncated `src/text/ko/ko.dic` stops the build with a clear message instead of being read at run time.

#[path = "src/text/ko/format.rs"]
#[allow(dead_code)]
mod format;

fn main() {
    const LEXICON: &str = "src/text/ko/ko.dic";
    println!("cargo:rerun-if-changed={LEXICON}");
    println!("cargo:rerun-if-changed=src/text/ko/format.rs");
    let bytes = std::fs::read(LEXICON).unwrap_or_else(|e| panic!("{LEXICON}: {e}"));
    if let Err(e) = format::verify_checksum(&bytes) {
        panic!("{LEXICON}: {e}");
    }
    let version = format::read_u32(&bytes, 8);
    if version != format::VERSION {
        panic!(
            "{LEXICON}: format version {version}, this source reads version {}; regenerate it with .ci/make-ko-dic",
            format::VERSION
        );
    }
}
