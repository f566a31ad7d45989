//! Lower-casing a word for a lexicon lookup without allocating.
//!
//! The mention, coreference and relation stages look words up in lower-case
//! word lists about a million times per 60,000 words of text. `str::to_lowercase`
//! allocates a string each time; [`lower`] gives the same text, borrowed when
//! the word has no capital, in a buffer on the stack when it is short ASCII,
//! and allocated only otherwise.

use std::ops::Deref;

/// Longest ASCII word lower-cased on the stack.
const INLINE: usize = 32;

/// A word in lower case (see [`lower`]); dereferences to `&str`.
#[derive(Clone, Debug)]
pub enum Lower<'a> {
    /// The word itself: it has no capital.
    Same(&'a str),
    /// Short ASCII: the lower-cased bytes and their length.
    Inline([u8; INLINE], u8),
    /// Anything else, lower-cased by `str::to_lowercase`.
    Owned(String),
}

/// `w.to_lowercase()`, without an allocation for a word with no capital or
/// a short ASCII one.
#[inline]
pub fn lower(w: &str) -> Lower<'_> {
    let b = w.as_bytes();
    if !b.is_ascii() {
        return Lower::Owned(w.to_lowercase());
    }
    if !b.iter().any(u8::is_ascii_uppercase) {
        return Lower::Same(w);
    }
    if b.len() > INLINE {
        return Lower::Owned(w.to_ascii_lowercase());
    }
    let mut buf = [0u8; INLINE];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Lower::Inline(buf, b.len() as u8)
}

impl Lower<'_> {
    /// The lower-case text.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Lower::Same(s) => s,
            // SAFETY: `lower` fills the buffer with ASCII bytes only, which are valid UTF-8
            Lower::Inline(buf, n) => unsafe { std::str::from_utf8_unchecked(&buf[..*n as usize]) },
            Lower::Owned(s) => s,
        }
    }
}

impl Deref for Lower<'_> {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for Lower<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_to_lowercase() {
        let long = "SUPERCALIFRAGILISTICEXPIALIDOCIOUS-AND-MORE";
        for w in ["", "the", "The", "NASA", "McDonald", "Luján", "ÉCOLE", "ΟΔΟΣ", "İstanbul", "ǅemal", long, "o'Neill", "U.S."] {
            assert_eq!(lower(w).as_str(), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn allocates_only_when_needed() {
        assert!(matches!(lower("senator"), Lower::Same("senator")));
        assert!(matches!(lower("Senator"), Lower::Inline(_, 7)));
        assert!(matches!(lower("Luján"), Lower::Owned(_)));
        assert_eq!(lower("Senator"), "senator");
    }
}
