//! Mentions: names of people, organizations and events in the sentences.

use crate::resources::{data, LexiconError};
use crate::text::Abbreviations;

/// Word lists the mention and coreference stages read.
#[derive(Debug)]
pub struct Lexicon {
    /// Abbreviations for the tokenizer and splitter.
    pub abbreviations: Abbreviations,
}

impl Lexicon {
    /// Parses the embedded word lists.
    pub fn load() -> Result<Self, LexiconError> {
        let (f, t) = data!("lexicons/abbreviations.txt");
        Ok(Lexicon { abbreviations: Abbreviations::parse(f, t)? })
    }
}
