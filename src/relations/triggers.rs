//! The trigger lexicon (`data/lexicons/triggers.txt`): words that state a relation.

use crate::graph::{RelationKind, Role};
use crate::resources::{data, entries, word_map, LexiconError};
use rustc_hash::FxHashMap as HashMap;

/// How a trigger's arguments are found (see the header of `triggers.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pattern {
    /// `A <verb> B`, subject to object.
    Verb,
    /// `A and B <verb>`; `A <verb> with B`: symmetric.
    Mutual,
    /// Relational noun between two people.
    Noun,
    /// Agent noun: A, a supporter of B.
    Agent,
    /// Participation verb: `A <verb> E`.
    Event,
    /// Membership noun or verb: `A <word> O`.
    Member,
    /// The object of joint work, made "with" someone: "A recorded an album
    /// with B", "A does a weekly podcast with B": symmetric.
    Coagent,
}

/// One reading of a trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sense {
    /// Relation kind.
    pub kind: RelationKind,
    /// Family role, for family triggers.
    pub role: Option<Role>,
    /// How arguments are found.
    pub pattern: Pattern,
}

/// A trigger: its words in base form, and its senses.
#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    /// The words of the trigger, base form ("vote", "for").
    pub words: Vec<String>,
    /// What it can mean.
    pub senses: Vec<Sense>,
}

/// Every trigger, indexed by the inflected forms of its first word.
#[derive(Debug, Default)]
pub struct Triggers {
    /// All triggers.
    pub all: Vec<Trigger>,
    by_first: HashMap<String, Vec<usize>>,
    irregular: HashMap<String, String>,
    /// Title (lower case) → the endings of the body its holder sits in
    /// (`data/lexicons/title_bodies.txt`): "senator" → ["Senate"].
    pub bodies: HashMap<String, Vec<String>>,
    /// Verbs whose object noun carries their subject's relation
    /// (`data/lexicons/carrier_verbs.txt`): "filed a lawsuit against B".
    pub carriers: crate::resources::SortedWords,
}

/// Regular inflections of an English verb or noun: base, -s, -ed, -ing.
fn inflections(base: &str) -> Vec<String> {
    let mut v = vec![base.to_string()];
    let b = base;
    let ends = |s: &str| b.ends_with(s);
    let cons = |c: char| !"aeiou".contains(c);
    // -s
    if ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") {
        v.push(format!("{b}es"));
    } else if ends("y") && b.len() > 1 && cons(b.chars().rev().nth(1).unwrap_or('a')) {
        v.push(format!("{}ies", &b[..b.len() - 1]));
    } else {
        v.push(format!("{b}s"));
    }
    // -ed / -ing
    if ends("e") {
        v.push(format!("{b}d"));
        v.push(format!("{}ing", &b[..b.len() - 1]));
    } else if ends("y") && b.len() > 1 && cons(b.chars().rev().nth(1).unwrap_or('a')) {
        v.push(format!("{}ied", &b[..b.len() - 1]));
        v.push(format!("{b}ing"));
    } else {
        v.push(format!("{b}ed"));
        v.push(format!("{b}ing"));
        // doubled final consonant: "spar" -> "sparred", "plan" -> "planned"
        let cs: Vec<char> = b.chars().collect();
        if cs.len() >= 3 && b.len() <= 5 && cons(cs[cs.len() - 1]) && !cons(cs[cs.len() - 2]) && cons(cs[cs.len() - 3]) && !"wxy".contains(cs[cs.len() - 1]) {
            let last = cs[cs.len() - 1];
            v.push(format!("{b}{last}ed"));
            v.push(format!("{b}{last}ing"));
        }
    }
    v
}

/// Parses `title_bodies.txt`: `TITLES  BODIES` per line.
fn parse_bodies(file: &'static str, text: &str) -> Result<HashMap<String, Vec<String>>, LexiconError> {
    let mut out: HashMap<String, Vec<String>> = HashMap::default();
    for (line, l) in entries(text) {
        let fields: Vec<&str> = l.split("  ").map(str::trim).filter(|f| !f.is_empty()).collect();
        let fields: Vec<&str> = if fields.len() == 1 { l.split('\t').map(str::trim).filter(|f| !f.is_empty()).collect() } else { fields };
        if fields.len() != 2 {
            return Err(LexiconError { file, line, message: format!("expected TITLES and BODIES separated by two spaces, got {l:?}") });
        }
        let bodies: Vec<String> = fields[1].split(',').map(|b| b.trim().to_string()).filter(|b| !b.is_empty()).collect();
        for t in fields[0].split(',').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()) {
            out.entry(t).or_default().extend(bodies.iter().cloned());
        }
    }
    Ok(out)
}

impl Triggers {
    /// Parses the embedded trigger lexicon and irregular verb forms.
    pub fn load() -> Result<Self, LexiconError> {
        let (file, text) = data!("lexicons/triggers.txt");
        let (ifile, itext) = data!("lexicons/irregular_verbs.txt");
        let mut t = Self::parse(file, text, word_map(ifile, itext)?)?;
        let (bfile, btext) = data!("lexicons/title_bodies.txt");
        t.bodies = parse_bodies(bfile, btext)?;
        t.carriers = crate::resources::SortedWords::new(data!("lexicons/carrier_verbs.txt").1);
        Ok(t)
    }

    /// Parses a trigger lexicon; `irregular` maps inflected forms to base forms.
    pub fn parse(file: &'static str, text: &str, irregular: HashMap<String, String>) -> Result<Self, LexiconError> {
        let mut t = Triggers { irregular, ..Default::default() };
        for (line, l) in entries(text) {
            let err = |message: String| LexiconError { file, line, message };
            let mut parts = l.split_whitespace();
            let (kind_s, pattern_s) = match (parts.next(), parts.next()) {
                (Some(k), Some(p)) => (k, p),
                _ => return Err(err(format!("expected 'KIND PATTERN words...', found '{l}'"))),
            };
            // the word list is what follows the pattern name
            let after_kind = l[kind_s.len()..].trim_start();
            let rest_start = after_kind[pattern_s.len()..].trim_start();
            let (kind_name, role) = match kind_s.split_once(':') {
                Some((k, r)) => (k, Some(r.parse::<Role>().map_err(err)?)),
                None => (kind_s, None),
            };
            let kind: RelationKind = kind_name.parse().map_err(err)?;
            let pattern = match pattern_s {
                "verb" => Pattern::Verb,
                "mutual" => Pattern::Mutual,
                "noun" => Pattern::Noun,
                "agent" => Pattern::Agent,
                "event" => Pattern::Event,
                "member" => Pattern::Member,
                "coagent" => Pattern::Coagent,
                other => return Err(err(format!("unknown pattern '{other}' (expected verb, mutual, noun, agent, event, member or coagent)"))),
            };
            for w in rest_start.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                let words: Vec<String> = w.split_whitespace().map(str::to_lowercase).collect();
                let sense = Sense { kind, role, pattern };
                match t.all.iter_mut().find(|x| x.words == words) {
                    Some(x) => {
                        if !x.senses.contains(&sense) {
                            x.senses.push(sense);
                        }
                    }
                    None => t.all.push(Trigger { words, senses: vec![sense] }),
                }
            }
        }
        let irregular_by_base: Vec<(String, String)> = t.irregular.iter().map(|(f, b)| (b.clone(), f.clone())).collect();
        for (i, tr) in t.all.iter().enumerate() {
            let first = &tr.words[0];
            let mut forms = inflections(first);
            forms.extend(irregular_by_base.iter().filter(|(b, _)| b == first).map(|(_, f)| f.clone()));
            for f in forms {
                let v = t.by_first.entry(f).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        Ok(t)
    }

    /// The base form of a word if it is an inflection of a trigger's word.
    fn base_matches(&self, form: &str, base: &str) -> bool {
        // every regular inflection starts with the base without its last letter
        let stem = base.char_indices().last().map_or(base, |(i, _)| &base[..i]);
        form == base || form.starts_with(stem) && inflections(base).iter().any(|f| f == form) || self.irregular.get(form).is_some_and(|b| b == base)
    }

    /// Two-word triggers whose first word is token `i` of `forms`
    /// (lower-case), whatever follows it: a verb and its preposition may be
    /// apart ("donated over $60,000 to charities"), which the caller checks
    /// in the parse.
    pub fn two_word_at(&self, forms: &[String], i: usize) -> impl Iterator<Item = usize> + '_ {
        self.by_first.get(&forms[i]).into_iter().flatten().copied().filter(|&ti| self.all[ti].words.len() == 2)
    }

    /// Triggers starting at token `i` of `forms` (lower-case), longest first,
    /// with the number of tokens each covers. Words of a multiword trigger may
    /// be separated by one adverb or determiner ("fell out with", "took part in").
    pub fn matches_at(&self, forms: &[String], i: usize) -> Vec<(usize, usize)> {
        let Some(cands) = self.by_first.get(&forms[i]) else { return Vec::new() };
        let mut out = Vec::new();
        for &ti in cands {
            let tr = &self.all[ti];
            let mut k = i + 1;
            let mut ok = true;
            for w in &tr.words[1..] {
                // be: "be friends" matches "were friends", "are friends"
                if k < forms.len() && self.base_matches(&forms[k], w) {
                    k += 1;
                } else if k + 1 < forms.len() && self.base_matches(&forms[k + 1], w) && forms[k].len() > 1 && forms[k].chars().all(char::is_alphabetic) && forms[k].ends_with("ly") {
                    k += 2;
                } else {
                    ok = false;
                    break;
                }
            }
            if ok {
                out.push((ti, k - i));
            }
        }
        out.sort_by_key(|&(ti, n)| (std::cmp::Reverse(n), ti));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_cover_regular_forms() {
        assert!(inflections("support").contains(&"supported".to_string()));
        assert!(inflections("criticize").contains(&"criticizing".to_string()));
        assert!(inflections("marry").contains(&"married".to_string()));
        assert!(inflections("spar").contains(&"sparred".to_string()));
        assert!(inflections("accuse").contains(&"accuses".to_string()));
    }

    #[test]
    fn lexicon_loads_and_matches_multiword_triggers() {
        let t = Triggers::load().unwrap();
        let forms: Vec<String> = "they fell out with him".split(' ').map(String::from).collect();
        let m = t.matches_at(&forms, 1);
        assert_eq!(t.all[m[0].0].words, ["fall", "out", "with"]);
        assert_eq!(m[0].1, 3);
        let forms: Vec<String> = "we were friends".split(' ').map(String::from).collect();
        let m = t.matches_at(&forms, 1);
        assert!(m.iter().any(|&(ti, n)| t.all[ti].words == ["be", "friends"] && n == 2));
    }

    #[test]
    fn bad_kind_names_the_line() {
        let e = Triggers::parse("lexicons/t.txt", "# x\nenmity  verb  hate\n", HashMap::default()).unwrap_err();
        assert!(e.to_string().starts_with("data/lexicons/t.txt:2: unknown value 'enmity'"), "{e}");
    }
}
