//! The word lists of the mention and coreference stages, parsed from `data/`.

use crate::text::lower;
use crate::resources::{data, entries, word_set, LexiconError, SortedWords};
use crate::text::Abbreviations;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Grammatical gender of a person or pronoun, as far as the text tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Gender {
    /// Male.
    Male,
    /// Female.
    Female,
    /// Not a person (organizations, events: "it").
    Neuter,
    /// Not known, or either.
    #[default]
    Unknown,
}

impl Gender {
    fn parse(s: &str) -> Gender {
        match s {
            "m" => Gender::Male,
            "f" => Gender::Female,
            "n" => Gender::Neuter,
            _ => Gender::Unknown,
        }
    }

    /// True when the two genders can describe the same referent.
    pub fn agrees(self, other: Gender) -> bool {
        self == other || self == Gender::Unknown || other == Gender::Unknown
    }
}

/// A personal pronoun's features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PronounInfo {
    /// 1, 2 or 3.
    pub person: u8,
    /// True for plural ("they", "we").
    pub plural: bool,
    /// Gender.
    pub gender: Gender,
}

/// Word lists the mention and coreference stages read.
#[derive(Debug)]
pub struct Lexicon {
    /// Abbreviations for the tokenizer and splitter.
    pub abbreviations: Abbreviations,
    /// Titles and honorifics with the gender they imply.
    pub titles: HashMap<String, Gender>,
    /// Personal pronouns.
    pub pronouns: HashMap<String, PronounInfo>,
    /// Last words that make a name an organization.
    pub org_last: HashSet<String>,
    /// First words that make a name an organization.
    pub org_first: HashSet<String>,
    /// Lower-case nouns after a name that make an organization ("Trump campaign").
    pub org_after: HashSet<String>,
    /// Party plurals and the party they stand for.
    pub party_plurals: HashMap<String, String>,
    /// Known organizations (lower case).
    pub organizations: HashSet<String>,
    /// Known places (lower case): not entities.
    pub places: HashSet<String>,
    /// Last words that make a name an event.
    pub event_named: HashSet<String>,
    /// First words that make a name an event.
    pub event_first: HashSet<String>,
    /// Common nouns heading a described event.
    pub event_common: HashSet<String>,
    /// Nouns for a show or a film: the title right after one is an event.
    pub event_before: HashSet<String>,
    /// Last words that make a name an event only with a place or a number
    /// in it ("Iowa Caucus"); without one the name is a group's
    /// ("Congressional Black Caucus"). Also in `event_named`.
    pub event_placed: HashSet<String>,
    /// Nouns describing people, with gender.
    pub role_nouns: HashMap<String, Gender>,
    /// Nouns that refer back to an organization ("the organization", "the
    /// church"), with whether any organization may be meant (else only one
    /// whose name holds the noun).
    pub org_nouns: HashMap<String, bool>,
    /// First names with gender.
    pub first_names: HashMap<String, Gender>,
    /// Surnames.
    pub surnames: SortedWords,
    /// Ordinary English words.
    pub common_words: HashSet<String>,
    /// Capitalised words that are never names (months, days, forms of address).
    pub non_names: HashSet<String>,
    /// Nationality and religion adjectives.
    pub demonyms: HashSet<String>,
    /// Last words of places, buildings and works: not a person's name.
    pub non_person_last: HashSet<String>,
    /// First words of places: not a person's name.
    pub non_person_first: HashSet<String>,
    /// Verbs of government action: a place as their subject is an organization.
    pub acting_verbs: HashSet<String>,
    /// Verbs that state an event: base form → (event noun, agent-style label).
    pub event_verbs: HashMap<String, (String, bool)>,
    /// Phrases that introduce another name of a person ("real name :",
    /// "known as"): lower-case tokens and whether the cue is strong (the
    /// person may be named some words before it).
    pub alias_cues: Vec<(Vec<String>, bool)>,
    /// Given names and their short forms (`data/lexicons/hypocorisms.txt`):
    /// each lower-case form to the ids of the formal names it belongs to.
    pub given_name_groups: HashMap<String, Vec<u32>>,
    /// Short forms of place names and the full name, for matching
    /// organization names (`data/lexicons/place_abbreviations.txt`).
    pub place_abbreviations: HashMap<String, String>,
    /// The statistical entity-type classifier (`data/models/entity.bin`),
    /// when one was trained.
    pub entity_model: Option<super::classifier::EntityClassifier>,
}

fn gendered(file: &'static str, text: &str) -> Result<HashMap<String, Gender>, LexiconError> {
    let mut m = HashMap::default();
    for (line, l) in entries(text) {
        let mut it = l.split_whitespace();
        let (Some(w), Some(g), None) = (it.next(), it.next(), it.next()) else {
            return Err(LexiconError { file, line, message: format!("expected 'WORD GENDER', found '{l}'") });
        };
        m.insert(w.to_lowercase(), Gender::parse(g));
    }
    Ok(m)
}

impl Lexicon {
    /// Parses the embedded word lists.
    pub fn load() -> Result<Self, LexiconError> {
        let (f, t) = data!("lexicons/abbreviations.txt");
        let abbreviations = Abbreviations::parse(f, t)?;
        let (f, t) = data!("lexicons/titles.txt");
        let titles = gendered(f, t)?;
        let (f, t) = data!("lexicons/role_nouns.txt");
        let role_nouns = gendered(f, t)?;
        let (file, t) = data!("lexicons/org_nouns.txt");
        let mut org_nouns = HashMap::default();
        for (line, l) in entries(t) {
            match l.split_whitespace().collect::<Vec<_>>()[..] {
                [w, scope @ ("any" | "named")] => drop(org_nouns.insert(w.to_lowercase(), scope == "any")),
                _ => return Err(LexiconError { file, line, message: format!("expected 'NOUN any|named', found '{l}'") }),
            }
        }
        let (f, t) = data!("gazetteers/first_names.txt");
        let first_names = gendered(f, t)?;

        let (file, t) = data!("lexicons/pronouns.txt");
        let mut pronouns = HashMap::default();
        for (line, l) in entries(t) {
            let p: Vec<&str> = l.split_whitespace().collect();
            let ok = p.len() == 4 && matches!(p[1], "1" | "2" | "3") && matches!(p[2], "s" | "p");
            if !ok {
                return Err(LexiconError { file, line, message: format!("expected 'FORM PERSON NUMBER GENDER', found '{l}'") });
            }
            pronouns.insert(
                p[0].to_string(),
                PronounInfo { person: p[1].as_bytes()[0] - b'0', plural: p[2] == "p", gender: Gender::parse(p[3]) },
            );
        }

        let (file, t) = data!("lexicons/org_heads.txt");
        let (mut org_last, mut org_first, mut org_after, mut party_plurals) =
            (HashSet::default(), HashSet::default(), HashSet::default(), HashMap::default());
        for (line, l) in entries(t) {
            let mut it = l.splitn(3, ' ');
            match (it.next(), it.next(), it.next()) {
                (Some("last"), Some(w), None) => drop(org_last.insert(w.to_lowercase())),
                (Some("first"), Some(w), None) => drop(org_first.insert(w.to_lowercase())),
                (Some("after"), Some(w), None) => drop(org_after.insert(w.to_lowercase())),
                (Some("plural"), Some(w), Some(label)) => drop(party_plurals.insert(w.to_lowercase().replace('_', " "), label.trim().to_string())),
                _ => {
                    return Err(LexiconError {
                        file,
                        line,
                        message: format!("expected 'last|first|after WORD' or 'plural WORD LABEL', found '{l}'"),
                    })
                }
            }
        }

        let (file, t) = data!("lexicons/event_heads.txt");
        let (mut event_named, mut event_first, mut event_common, mut event_before) = (HashSet::default(), HashSet::default(), HashSet::default(), HashSet::default());
        let mut event_placed = HashSet::default();
        for (line, l) in entries(t) {
            match l.split_once(' ') {
                Some(("named", w)) => drop(event_named.insert(w.trim().to_lowercase())),
                Some(("first", w)) => drop(event_first.insert(w.trim().to_lowercase())),
                Some(("common", w)) => drop(event_common.insert(w.trim().to_lowercase())),
                Some(("before", w)) => drop(event_before.insert(w.trim().to_lowercase())),
                Some(("placed", w)) => {
                    let w = w.trim().to_lowercase();
                    event_named.insert(w.clone());
                    event_placed.insert(w);
                }
                _ => {
                    return Err(LexiconError { file, line, message: format!("expected 'named|first|common|before|placed WORD', found '{l}'") })
                }
            }
        }

        let (file, t) = data!("lexicons/non_person_words.txt");
        let (mut non_person_last, mut non_person_first) = (HashSet::default(), HashSet::default());
        for (line, l) in entries(t) {
            match l.split_once(' ') {
                Some(("last", w)) => drop(non_person_last.insert(w.trim().to_lowercase())),
                Some(("first", w)) => drop(non_person_first.insert(w.trim().to_lowercase())),
                _ => return Err(LexiconError { file, line, message: format!("expected 'last|first WORD', found '{l}'") }),
            }
        }
        let (file, t) = data!("lexicons/event_verbs.txt");
        let mut event_verbs = HashMap::default();
        for (line, l) in entries(t) {
            let p: Vec<&str> = l.split_whitespace().collect();
            match p[..] {
                [v, n, style @ ("agent" | "patient")] => drop(event_verbs.insert(v.to_string(), (n.to_string(), style == "agent"))),
                _ => return Err(LexiconError { file, line, message: format!("expected 'VERB NOUN agent|patient', found '{l}'") }),
            }
        }
        let (file, t) = data!("lexicons/alias_cues.txt");
        let mut alias_cues = Vec::new();
        for (line, l) in entries(t) {
            match l.split_once(' ') {
                Some((strength @ ("strong" | "weak"), phrase)) if !phrase.trim().is_empty() => {
                    alias_cues.push((phrase.split_whitespace().map(str::to_lowercase).collect(), strength == "strong"));
                }
                _ => return Err(LexiconError { file, line, message: format!("expected 'strong|weak PHRASE', found '{l}'") }),
            }
        }
        let (_, t) = data!("lexicons/hypocorisms.txt");
        let mut given_name_groups: HashMap<String, Vec<u32>> = HashMap::default();
        for (gi, (_, l)) in entries(t).enumerate() {
            for w in l.split_whitespace() {
                given_name_groups.entry(w.to_lowercase()).or_default().push(gi as u32);
            }
        }
        let (f, t) = data!("lexicons/place_abbreviations.txt");
        let place_abbreviations = crate::resources::word_map(f, t)?.into_iter().map(|(k, v)| (k.to_lowercase(), v.trim().to_lowercase())).collect();
        Ok(Lexicon {
            place_abbreviations,
            given_name_groups,
            entity_model: super::classifier::EntityClassifier::embedded(),
            alias_cues,
            acting_verbs: word_set(data!("lexicons/acting_verbs.txt").1),
            event_verbs,
            non_person_last,
            non_person_first,
            abbreviations,
            titles,
            pronouns,
            org_last,
            org_first,
            org_after,
            party_plurals,
            organizations: word_set(data!("gazetteers/organizations.txt").1),
            places: word_set(data!("gazetteers/places.txt").1),
            event_named,
            event_first,
            event_common,
            event_before,
            event_placed,
            role_nouns,
            org_nouns,
            first_names,
            surnames: SortedWords::new(data!("gazetteers/surnames.txt").1),
            common_words: word_set(data!("lexicons/common_words.txt").1),
            non_names: word_set(data!("lexicons/non_names.txt").1),
            demonyms: word_set(data!("lexicons/demonyms.txt").1),
        })
    }

    /// Gender of a first name, if it is one.
    pub fn first_name_gender(&self, w: &str) -> Option<Gender> {
        self.first_names.get(&*lower(w)).copied()
    }

    /// True when `w` (any case, singular or plural) is a title or a role noun:
    /// "Generals", "Mathematician".
    pub fn is_title_or_role(&self, w: &str) -> bool {
        let l = lower(w.trim_end_matches('.'));
        let l = l.as_str();
        let stem = l.strip_suffix('s').unwrap_or(l);
        self.titles.contains_key(l) || self.titles.contains_key(stem) || self.role_nouns.contains_key(l) || self.role_nouns.contains_key(stem)
    }

    /// True when two lower-case given names can be one person's: equal, or
    /// one a usual short form of the other ("larry" and "lawrence").
    pub fn same_given_name(&self, a: &str, b: &str) -> bool {
        a == b || self.given_name_groups.get(a).zip(self.given_name_groups.get(b)).is_some_and(|(x, y)| x.iter().any(|g| y.contains(g)))
    }

    /// True when `w` is an ordinary English word (lower-cased lookup).
    pub fn is_common(&self, w: &str) -> bool {
        self.common_words.contains(&*lower(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_with_expected_entries() {
        let l = Lexicon::load().unwrap();
        assert_eq!(l.titles["mrs"], Gender::Female);
        assert_eq!(l.pronouns["their"], PronounInfo { person: 3, plural: true, gender: Gender::Unknown });
        assert_eq!(l.first_name_gender("John"), Some(Gender::Male));
        assert_eq!(l.party_plurals["democrats"], "Democratic Party");
        assert!(l.org_last.contains("party") && l.event_common.contains("interview"));
        assert!(l.surnames.contains("smith") && l.places.contains("china"));
        assert!(l.surnames.is_sorted() && l.surnames.len() > 80_000, "surnames.txt must stay in byte order");
        assert!(l.is_common("The") && !l.is_common("Kanye"));
    }
}
