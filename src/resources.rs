//! Every lexicon, gazetteer and model the pipeline reads, loaded once.
//!
//! The files live in `data/` as reviewable text and are compiled into the
//! binary (`include_str!`), so the tool is one self-contained executable.
//! [`Resources::get`] parses them on first use (a few milliseconds) and
//! shares the result read-only across threads.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// A malformed line in a data file.
#[derive(Debug, thiserror::Error)]
#[error("data/{file}:{line}: {message}")]
pub struct LexiconError {
    /// File under `data/`.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The meaningful lines of a data file: `(line number, trimmed text)`,
/// skipping blank lines and `#` comments.
pub fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// Page furniture patterns (`data/lexicons/furniture.txt`).
#[derive(Debug, Default)]
pub struct Furniture {
    lines: HashSet<String>,
    credits: Vec<String>,
}

impl Furniture {
    /// Parses the furniture file.
    pub fn parse(file: &'static str, text: &str) -> Result<Self, LexiconError> {
        let mut f = Furniture::default();
        for (line, l) in entries(text) {
            match l.split_once(':') {
                Some(("line", v)) => {
                    f.lines.insert(v.trim().to_lowercase());
                }
                Some(("credit", v)) => f.credits.push(v.trim().to_lowercase()),
                _ => {
                    return Err(LexiconError {
                        file,
                        line,
                        message: format!("expected 'line: TEXT' or 'credit: WORD', found '{l}'"),
                    })
                }
            }
        }
        // longest first, so "Photo credit" wins over "Photo"
        f.credits.sort_by_key(|c| std::cmp::Reverse(c.len()));
        Ok(f)
    }

    /// True when a whole (trimmed) line is furniture.
    pub fn is_furniture_line(&self, line: &str) -> bool {
        self.lines.contains(&line.trim().to_lowercase())
    }

    /// True when `s` starts with a credit word followed by a colon ("Photo: ...").
    pub fn starts_with_credit(&self, s: &str) -> bool {
        let s = s.trim_start();
        self.credits.iter().any(|c| {
            s.len() > c.len()
                && s.is_char_boundary(c.len())
                && s[..c.len()].eq_ignore_ascii_case(c)
                && s[c.len()..].trim_start().starts_with(':')
        })
    }
}

/// A sorted word list used in place: lookups are binary searches over the
/// lines of an embedded file, so loading costs one pass over its lines.
#[derive(Debug, Default)]
pub struct SortedWords {
    words: Vec<&'static str>,
}

impl SortedWords {
    /// The entries of `text` (which must be in byte order, one lower-case word per line).
    pub fn new(text: &'static str) -> Self {
        SortedWords { words: text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect() }
    }

    /// True when the (lower-case) word is in the list.
    pub fn contains(&self, w: &str) -> bool {
        self.words.binary_search(&w).is_ok()
    }

    /// True when the list is in byte order (checked by the unit tests).
    pub fn is_sorted(&self) -> bool {
        self.words.windows(2).all(|p| p[0] < p[1])
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A word list: one entry per line, compared in lower case.
pub fn word_set(text: &str) -> HashSet<String> {
    entries(text).map(|(_, l)| l.to_lowercase()).collect()
}

/// A `key<TAB or spaces>value` table.
pub fn word_map(file: &'static str, text: &str) -> Result<HashMap<String, String>, LexiconError> {
    let mut m = HashMap::default();
    for (line, l) in entries(text) {
        let (k, v) = l.split_once(char::is_whitespace).ok_or_else(|| LexiconError {
            file,
            line,
            message: format!("expected 'WORD VALUE', found '{l}'"),
        })?;
        m.insert(k.to_lowercase(), v.trim().to_string());
    }
    Ok(m)
}

/// Everything the pipeline reads, parsed.
#[derive(Debug)]
pub struct Resources {
    /// Page furniture patterns.
    pub furniture: Furniture,
    /// Word lists and trigger lexicons for mentions, coreference and relations.
    pub lexicon: crate::mentions::Lexicon,
    /// Relation triggers.
    pub triggers: crate::relations::Triggers,
    /// Negation, hedge and ended cues.
    pub cues: crate::relations::polarity::Cues,
    /// Tagger and parser, when the models are present.
    pub syntax: Option<crate::syntax::Models>,
}

macro_rules! data {
    ($path:literal) => {
        ($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $path)))
    };
}
pub(crate) use data;

impl Resources {
    /// Parses every embedded data file.
    pub fn load() -> Result<Self, LexiconError> {
        let (f, t) = data!("lexicons/furniture.txt");
        // the models load on a second thread while the word lists are parsed
        std::thread::scope(|scope| {
            let models = scope.spawn(crate::syntax::Models::load_embedded);
            let lexicon = crate::mentions::Lexicon::load()?;
            Ok(Resources {
                furniture: Furniture::parse(f, t)?,
                lexicon,
                triggers: crate::relations::Triggers::load()?,
                cues: crate::relations::polarity::Cues::load()?,
                syntax: models.join().unwrap_or(None),
            })
        })
    }

    /// The process-wide resources, parsed on first use.
    ///
    /// # Panics
    /// When an embedded data file is malformed: that is a build defect, caught
    /// by the unit tests, never a run-time input.
    pub fn get() -> &'static Resources {
        static R: OnceLock<Resources> = OnceLock::new();
        R.get_or_init(|| Resources::load().unwrap_or_else(|e| panic!("embedded data file is malformed: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        Resources::load().unwrap();
    }

    #[test]
    fn bad_line_names_file_and_line() {
        let e = Furniture::parse("lexicons/x.txt", "# c\nline: ok\nnonsense\n").unwrap_err();
        assert_eq!(e.to_string(), "data/lexicons/x.txt:3: expected 'line: TEXT' or 'credit: WORD', found 'nonsense'");
    }

    #[test]
    fn credits_need_a_colon() {
        let f = Furniture::parse("f", "credit: Photo\ncredit: Photo credit").unwrap();
        assert!(f.starts_with_credit("Photo: REUTERS"));
        assert!(f.starts_with_credit("photo credit : AP"));
        assert!(!f.starts_with_credit("Photography is an art"));
    }
}
