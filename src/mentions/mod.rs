//! Mentions: names of people, organizations and events, pronouns and
//! descriptions, found in the analysed sentences.
//!
//! [`find_mentions`] returns every mention in text order. Names are runs of
//! capitalised tokens (or proper nouns, when the tagger ran) with titles,
//! determiners and possessives stripped, typed by gazetteers and heads in
//! `data/`. Described events ("his 2020 presidential bid", "an interview with
//! the New Yorker") are noun phrases headed by an event noun. Pronouns and
//! role descriptions ("the singer") are mentions too; the coreference stage
//! decides what they refer to.

pub mod classifier;
pub mod classifier_train;
mod descriptions;
mod events;
mod lexicon;
mod names;
mod nicknames;
mod subtitles;
mod verb_events;

pub use lexicon::{Gender, Lexicon, PronounInfo};
pub use verb_events::mark_headline_verbs;

use crate::doc::{Document, Span};
use crate::graph::EntityKind;

/// How an entity is referred to.
#[derive(Clone, Debug, PartialEq)]
pub enum Form {
    /// By name ("Kanye West", "West", "the Democrats").
    Name,
    /// By a personal pronoun.
    Pronoun(PronounInfo),
    /// By a description ("the singer", "the rapper"), with its head noun.
    Description(String),
    /// By a group expression ("the pair", "the two"): two people.
    Group,
    /// By a noun that refers back to an organization ("the organization",
    /// "the church").
    OrgDescription {
        /// The noun, lower-case.
        noun: String,
        /// Any organization may be meant; else only one whose name holds the noun.
        any: bool,
    },
}

impl Form {
    /// A short tag for reports: "name", "pron:3sm", "desc:singer", "group".
    pub fn short(&self) -> String {
        match self {
            Form::Name => "name".into(),
            Form::Pronoun(p) => {
                let g = match p.gender {
                    Gender::Male => "m",
                    Gender::Female => "f",
                    Gender::Neuter => "n",
                    Gender::Unknown => "",
                };
                format!("pron:{}{}{g}", p.person, if p.plural { "p" } else { "s" })
            }
            Form::Description(r) => format!("desc:{r}"),
            Form::Group => "group".into(),
            Form::OrgDescription { noun, .. } => format!("org:{noun}"),
        }
    }
}

/// What a name looks like before coreference has decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameType {
    /// An entity of this kind.
    Entity(EntityKind),
    /// A capitalised name of unknown type: a person if it matches one, else dropped.
    Unknown,
}

/// One mention in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Sentence index in the document.
    pub sentence: usize,
    /// First token (inclusive) of the mention in its sentence.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// The token that stands for the mention in the parse (the last name token).
    pub head: usize,
    /// Bytes of the label in the original text.
    pub span: Span,
    /// The label: the mention's text without title, determiner or possessive.
    pub text: String,
    /// How the entity is referred to.
    pub form: Form,
    /// The type the name suggests (names and events); `Unknown` for pronouns.
    pub ty: NameType,
    /// Gender cue from a title, first name or role noun.
    pub gender: Gender,
    /// For names: a canonical label the name stands for ("Democrats" → "Democratic Party").
    pub canonical: Option<String>,
    /// Role nouns that the text attaches to this mention ("fellow rapper Big Sean" → rapper).
    pub roles: Vec<String>,
}

impl Mention {
    /// A mention of tokens `first..=last` of sentence `si` (head: the last token),
    /// labelled `text`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(si: usize, s: &crate::doc::Sentence, first: usize, last: usize, text: String, form: Form, ty: NameType, gender: Gender) -> Mention {
        Mention {
            sentence: si,
            first,
            last,
            head: last,
            span: Span::new(s.tokens[first].span.start, s.tokens[last].span.end),
            text,
            form,
            ty,
            gender,
            canonical: None,
            roles: Vec::new(),
        }
    }
}

/// Finds all mentions of a document whose sentences are tokenized (and,
/// ideally, tagged).
pub fn find_mentions(doc: &Document, lex: &Lexicon) -> Vec<Mention> {
    mentions_of(doc, lex, true)
}

/// Only the names of [`find_mentions`] (no events, pronouns or
/// descriptions): what the pipeline needs before the parse, to mark the
/// tokens of names as proper nouns.
pub fn find_names(doc: &Document, lex: &Lexicon) -> Vec<Mention> {
    mentions_of(doc, lex, false)
}

fn mentions_of(doc: &Document, lex: &Lexicon, everything: bool) -> Vec<Mention> {
    let mut out = Vec::new();
    let forms = classifier::FormIndex::new(&doc.sentences);
    let per_sentence: Vec<Vec<Mention>> = doc.sentences.iter().enumerate().map(|(si, s)| names::find_names(doc, &forms, si, s, lex)).collect();
    let surnames = known_surnames(&per_sentence);
    let lone = lone_names(&per_sentence);
    for ((si, s), mut names) in doc.sentences.iter().enumerate().zip(per_sentence) {
        names.extend(surname_at_start(si, s, &names, &surnames, &lone));
        nicknames::join_quoted_nicknames(doc, si, s, lex, &mut names);
        subtitles::join_subtitles(doc, si, s, &mut names);
        if !everything {
            out.extend(names);
            continue;
        }
        let events = events::find_events(doc, si, s, lex, &names);
        let verb_events = verb_events::find_verb_events(si, s, lex, &names);
        let mut all: Vec<Mention> = names.into_iter().chain(events).chain(verb_events).collect();
        all.extend(descriptions::find_pronouns_and_descriptions(si, s, lex, &all));
        all.sort_by_key(|m| (m.first, m.last));
        out.extend(all);
    }
    out
}

/// The indices of the mentions of each of `n_sentences` sentences, in list
/// order: the stages after this one look up a sentence's mentions here
/// instead of scanning the whole list (long documents have many thousands).
pub fn by_sentence(n_sentences: usize, mentions: &[Mention]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); n_sentences];
    for (mi, m) in mentions.iter().enumerate() {
        out[m.sentence].push(mi);
    }
    out
}

/// The last words of the person names of several words that a document uses
/// ("Marbles" of "Jenna Marbles").
fn known_surnames(per_sentence: &[Vec<Mention>]) -> std::collections::HashSet<String> {
    per_sentence
        .iter()
        .flatten()
        .filter(|m| m.ty == NameType::Entity(EntityKind::Person) && m.form == Form::Name && m.last > m.first)
        .filter_map(|m| m.text.split_whitespace().last().map(str::to_string))
        .filter(|w| w.chars().count() > 2)
        .collect()
}

/// The one-word names the document uses inside sentences ("Jerome",
/// "Euler"), where a capitalised word is a name by its place.
fn lone_names(per_sentence: &[Vec<Mention>]) -> std::collections::HashSet<String> {
    per_sentence
        .iter()
        .flatten()
        .filter(|m| m.form == Form::Name && m.first == m.last && m.first > 1 && matches!(m.ty, NameType::Unknown | NameType::Entity(EntityKind::Person)))
        .map(|m| m.text.clone())
        .filter(|w| w.chars().count() > 2)
        .collect()
}

/// A surname the document already gave a person, opening a sentence, where a
/// capitalised common word is otherwise not taken for a name ("Marbles does
/// a weekly podcast", once "Jenna Marbles" was named); or a one-word name the
/// document uses inside sentences, of a type coreference decides ("Jerome is
/// recognised as a saint").
fn surname_at_start(si: usize, s: &crate::doc::Sentence, names: &[Mention], surnames: &std::collections::HashSet<String>, lone: &std::collections::HashSet<String>) -> Option<Mention> {
    let k = s.tokens.iter().position(|t| t.form.chars().any(char::is_alphanumeric))?;
    let t = &s.tokens[k];
    let next_cap = s.tokens.get(k + 1).is_some_and(|n| n.form.starts_with(char::is_uppercase));
    if next_cap || names.iter().any(|m| m.first <= k && k <= m.last) {
        return None;
    }
    let ty = if surnames.contains(&t.form) {
        NameType::Entity(EntityKind::Person)
    } else if lone.contains(&t.form) {
        NameType::Unknown
    } else {
        return None;
    };
    Some(Mention::new(si, s, k, k, t.form.clone(), Form::Name, ty, Gender::Unknown))
}

