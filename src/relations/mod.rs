//! Relations: typed, directed, evidenced edges between resolved entities.

use crate::resources::LexiconError;

/// Relation trigger lexicons.
#[derive(Debug, Default)]
pub struct Triggers {}

impl Triggers {
    /// Parses the embedded trigger files.
    pub fn load() -> Result<Self, LexiconError> {
        Ok(Triggers {})
    }
}
