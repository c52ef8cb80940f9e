//! Korean morphological analysis from the mecab-ko-dic lexicon (Apache-2.0; see `LICENSE-mecab-ko-dic`
//! beside this file).
//!
//! The lexicon is compiled into the binary (`ko.dic`, made by `.ci/make-ko-dic`); `format.rs` describes
//! its layout.

pub mod format;
