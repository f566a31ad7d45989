//! Plain data types of the graph: entities, relations and their evidence.
//!
//! The serde names match `shared/eval/GUIDELINES.md` ("person", "disagreement",
//! "spouse", ...), so the JSON written from these types is what the scorer and
//! other tools read.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A real, individual person referred to by name.
    Person,
    /// A named group: company, party, band, team, government body, campaign, outlet.
    Organization,
    /// A specific happening that people take part in.
    Event,
}

/// The eight kinds of relation of the guidelines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// Personal friendship (symmetric).
    Friendship,
    /// Kinship or marriage (symmetric), with a [`Role`].
    Family,
    /// Dating, engagement, former partners (symmetric).
    Romance,
    /// Working together (symmetric).
    Collaboration,
    /// A endorses, backs, praises, defends, funds B (directed).
    Support,
    /// A criticizes, accuses, opposes B (directed, or symmetric when mutual).
    Disagreement,
    /// Person or organization takes part in an event (directed).
    Participation,
    /// Person is member, employee, leader, founder, candidate of an organization (directed).
    Membership,
}

/// The family role of a [`RelationKind::Family`] edge, seen from the target:
/// `A -family(parent)-> B` reads "B is A's parent".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Husband, wife, spouse.
    Spouse,
    /// Father, mother.
    Parent,
    /// Son, daughter.
    Child,
    /// Brother, sister.
    Sibling,
    /// Any other kin.
    Relative,
}

macro_rules! names {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            /// Every value, in declaration order.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),*];
            /// The lower-case name used in JSON, lexicons and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),* }
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $t {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let l = s.trim().to_ascii_lowercase();
                <$t>::ALL.iter().copied().find(|v| v.as_str() == l).ok_or_else(|| {
                    let all: Vec<&str> = <$t>::ALL.iter().map(|v| v.as_str()).collect();
                    format!("unknown value '{}' (expected one of: {})", s, all.join(", "))
                })
            }
        }
    };
}

names!(EntityKind { Person => "person", Organization => "organization", Event => "event" });
names!(RelationKind {
    Friendship => "friendship", Family => "family", Romance => "romance",
    Collaboration => "collaboration", Support => "support", Disagreement => "disagreement",
    Participation => "participation", Membership => "membership",
});
names!(Role { Spouse => "spouse", Parent => "parent", Child => "child", Sibling => "sibling", Relative => "relative" });

impl RelationKind {
    /// True for the kinds that are always symmetric (no arrow).
    pub fn always_symmetric(self) -> bool {
        matches!(
            self,
            RelationKind::Friendship
                | RelationKind::Family
                | RelationKind::Romance
                | RelationKind::Collaboration
        )
    }
}

/// Where an entity is named in a document (character offsets).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MentionRef {
    /// Document id (shared by the mentions of a document).
    pub doc: Arc<str>,
    /// First character of the mention.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The mention as written (one shared string per spelling in a document).
    pub text: Arc<str>,
}

/// A sentence that states a relation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id (shared by the evidence of a document).
    pub doc: Arc<str>,
    /// The quoted sentence (or its clearest part, at most about 25 words).
    pub text: String,
    /// First character of the quote in the original text.
    pub start: usize,
    /// One past the last character of the quote.
    pub end: usize,
}

/// A node: one real-world referent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical id: full name in lower case with `_` for spaces ("donald_trump").
    pub id: String,
    /// What the entity is.
    pub kind: EntityKind,
    /// The fullest name ("Donald Trump").
    pub label: String,
    /// Every name the entity goes by, label included ("Trump", "Donald Trump").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Where the entity is named.
    #[serde(default)]
    pub mentions: Vec<MentionRef>,
}

/// An edge: a typed relation with its flags and evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// Kind of relation.
    pub kind: RelationKind,
    /// Family role, for family edges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// True when the edge reads source → target; false when mutual.
    pub directed: bool,
    /// True when the text denies the relation.
    #[serde(default)]
    pub negated: bool,
    /// True when the relation has ended (former friends, ex-wife).
    #[serde(default)]
    pub ended: bool,
    /// How sure the extractor is, 0 to 1.
    #[serde(default = "one")]
    pub confidence: f32,
    /// The sentences that state it, one per document at least.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

fn one() -> f32 {
    1.0
}

/// Turns a name into a canonical id: lower case, letters and digits, `_` between words.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_and_print() {
        assert_eq!("Disagreement".parse::<RelationKind>().unwrap(), RelationKind::Disagreement);
        assert!("enemy".parse::<RelationKind>().unwrap_err().contains("friendship"));
        assert_eq!(serde_json::to_string(&EntityKind::Organization).unwrap(), "\"organization\"");
        assert_eq!(Role::Spouse.to_string(), "spouse");
    }

    #[test]
    fn slug_follows_guidelines() {
        assert_eq!(slug("Donald Trump"), "donald_trump");
        assert_eq!(slug("the 2006 Grammys after-party"), "the_2006_grammys_after_party");
        assert_eq!(slug("Légende's"), "légende_s");
    }
}
