//! Queries over a graph: finding an entity by name, its neighbors (several
//! steps deep), the shortest path between two entities, the relations
//! between two entities, rankings (degree, documents, betweenness) and
//! subgraph selection.
//!
//! Free functions over [`Graph`], in the manner of petgraph:
//!
//! ```no_run
//! use relgraph::query::{find_entity, neighbors, shortest_path};
//! # fn demo(g: &relgraph::graph::Graph) -> Result<(), relgraph::query::QueryError> {
//! let legend = find_entity(g, "Legend")?;
//! for hop in neighbors(g, legend, None) {
//!     println!("{} {} {}", hop.relation.kind, hop.direction, hop.entity.label);
//! }
//! let trump = find_entity(g, "Donald Trump")?;
//! let path = shortest_path(g, legend, trump, None);
//! # Ok(()) }
//! ```

mod rank;
mod select;
mod walk;

pub use rank::{adjacency, betweenness, degrees, entity_documents, top, RankBy, Ranked};
pub use select::{
    around, between, drop_isolated, entity_summary, induced_subgraph, neighbors_within,
    shortest_path_within, EntitySummary,
};
pub use walk::{neighbors, shortest_path, Hop, HopDirection};

use crate::graph::{EntityKind, Graph};
use petgraph::graph::NodeIndex;
use std::fmt;

/// An entity offered to the user when a name is unknown or ambiguous.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    /// Entity id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Its kind.
    pub kind: EntityKind,
}

impl fmt::Display for Candidate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, id {})", self.label, self.kind, self.id)
    }
}

fn list(c: &[Candidate]) -> String {
    c.iter().map(|c| format!("\n  - {c}")).collect()
}

/// Why a name does not designate exactly one entity.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// No entity goes by this name.
    #[error("no entity named '{name}' in the graph{}", unknown_tail(.candidates))]
    Unknown {
        /// The name asked for.
        name: String,
        /// The closest entities, best first (may be empty).
        candidates: Vec<Candidate>,
    },
    /// Several entities go by this name and none has it as label.
    #[error("the name '{name}' is ambiguous; it may mean:{}\nuse a full name or the id", list(.candidates))]
    Ambiguous {
        /// The name asked for.
        name: String,
        /// The entities carrying it.
        candidates: Vec<Candidate>,
    },
}

fn unknown_tail(c: &[Candidate]) -> String {
    if c.is_empty() {
        String::new()
    } else {
        format!("; did you mean:{}", list(c))
    }
}

impl QueryError {
    /// The candidate entities the error lists.
    pub fn candidates(&self) -> &[Candidate] {
        match self {
            QueryError::Unknown { candidates, .. } | QueryError::Ambiguous { candidates, .. } => {
                candidates
            }
        }
    }
}

/// How names are compared: lower case, punctuation as spaces, single spaces,
/// a leading "the" and a trailing possessive "'s" dropped.
pub fn name_key(s: &str) -> String {
    let lowered: String = s
        .replace(['\u{2019}', '\u{2018}'], "'")
        .chars()
        .flat_map(char::to_lowercase)
        .collect();
    let mut words: Vec<&str> = Vec::new();
    for w in lowered.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let w = w.trim_matches('\'');
        let w = w.strip_suffix("'s").unwrap_or(w);
        for part in w.split('\'').filter(|p| !p.is_empty()) {
            words.push(part);
        }
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

fn candidate(g: &Graph, n: NodeIndex) -> Candidate {
    let e = g.entity(n);
    Candidate {
        id: e.id.clone(),
        label: e.label.clone(),
        kind: e.kind,
    }
}

fn sorted_candidates(g: &Graph, mut nodes: Vec<NodeIndex>) -> Vec<Candidate> {
    nodes.sort_by(|a, b| g.entity(*a).id.cmp(&g.entity(*b).id));
    nodes.dedup();
    nodes.into_iter().map(|n| candidate(g, n)).collect()
}

/// How many candidates an unknown-name error lists at most.
pub const MAX_CANDIDATES: usize = 5;

/// The entity called `name`: its label, id or any alias, compared with
/// [`name_key`] (case, punctuation and a leading "the" ignored).
///
/// A label (or id) match wins over an alias match. A name that is the alias
/// of several entities and the label of none is [`QueryError::Ambiguous`];
/// a name nobody carries is [`QueryError::Unknown`], listing the closest
/// entities (names containing it or contained in it, then shared words).
pub fn find_entity(graph: &Graph, name: &str) -> Result<NodeIndex, QueryError> {
    let key = name_key(name);
    let mut by_label = Vec::new();
    let mut by_alias = Vec::new();
    if !key.is_empty() {
        for (n, e) in graph.entities() {
            if name_key(&e.label) == key || name_key(&e.id) == key {
                by_label.push(n);
            } else if e.aliases.iter().any(|a| name_key(a) == key) {
                by_alias.push(n);
            }
        }
    }
    for hits in [by_label, by_alias] {
        match hits.len() {
            0 => continue,
            1 => return Ok(hits[0]),
            _ => {
                return Err(QueryError::Ambiguous {
                    name: name.to_string(),
                    candidates: sorted_candidates(graph, hits),
                })
            }
        }
    }
    Err(QueryError::Unknown {
        name: name.to_string(),
        candidates: closest(graph, &key),
    })
}

/// The entities whose names look most like `key`, best first.
fn closest(graph: &Graph, key: &str) -> Vec<Candidate> {
    if key.is_empty() {
        return Vec::new();
    }
    let words: Vec<&str> = key.split(' ').collect();
    let mut scored: Vec<(u32, NodeIndex)> = Vec::new();
    for (n, e) in graph.entities() {
        let mut best = 0u32;
        for nm in std::iter::once(&e.label).chain(e.aliases.iter()) {
            let k = name_key(nm);
            if k.is_empty() {
                continue;
            }
            let score = if k.contains(key) || key.contains(&k) {
                100
            } else {
                let shared = k.split(' ').filter(|w| words.contains(w)).count() as u32;
                let prefix = k.split(' ').any(|w| {
                    words.iter().any(|q| {
                        q.len() >= 3 && w.len() >= 3 && (w.starts_with(q) || q.starts_with(w))
                    })
                });
                shared * 10 + u32::from(prefix) * 5
            };
            best = best.max(score);
        }
        if best > 0 {
            scored.push((best, n));
        }
    }
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| graph.entity(a.1).id.cmp(&graph.entity(b.1).id))
    });
    scored
        .into_iter()
        .take(MAX_CANDIDATES)
        .map(|(_, n)| candidate(graph, n))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::graph::{slug, Entity, Evidence, Relation, RelationKind};

    pub(crate) fn ent(g: &mut Graph, label: &str, aliases: &[&str], kind: EntityKind) -> NodeIndex {
        g.add_entity(Entity {
            id: slug(label),
            kind,
            label: label.into(),
            aliases: std::iter::once(label)
                .chain(aliases.iter().copied())
                .map(String::from)
                .collect(),
            mentions: vec![],
        })
    }

    pub(crate) fn rel(kind: RelationKind, directed: bool, text: &str) -> Relation {
        Relation {
            kind,
            role: None,
            directed,
            negated: false,
            ended: false,
            confidence: 0.8,
            evidence: vec![Evidence {
                doc: "seed".into(),
                text: text.into(),
                start: 0,
                end: text.len(),
            }],
        }
    }

    /// Legend, West, Teigen, Trump, Biden, the Trump campaign, Big Sean; Jeb Bush and George Bush share "Bush".
    pub(crate) fn sample() -> Graph {
        let mut g = Graph::new();
        let legend = ent(
            &mut g,
            "John Legend",
            &["Legend", "John Stephens"],
            EntityKind::Person,
        );
        let west = ent(&mut g, "Kanye West", &["West", "Kanye"], EntityKind::Person);
        let teigen = ent(&mut g, "Chrissy Teigen", &["Teigen"], EntityKind::Person);
        let trump = ent(&mut g, "Donald Trump", &["Trump"], EntityKind::Person);
        let biden = ent(&mut g, "Joe Biden", &["Biden"], EntityKind::Person);
        let camp = ent(&mut g, "the Trump campaign", &[], EntityKind::Organization);
        ent(&mut g, "Big Sean", &[], EntityKind::Person);
        ent(&mut g, "Jeb Bush", &["Bush"], EntityKind::Person);
        ent(&mut g, "George W. Bush", &["Bush"], EntityKind::Person);
        g.add_relation(
            legend,
            teigen,
            rel(
                RelationKind::Family,
                false,
                "John Legend (with wife Chrissy Teigen)",
            ),
        );
        let mut fr = rel(
            RelationKind::Friendship,
            false,
            "we haven't been friends since, really",
        );
        fr.ended = true;
        g.add_relation(legend, west, fr);
        g.add_relation(
            west,
            legend,
            rel(
                RelationKind::Disagreement,
                true,
                "accused him and fellow rapper Big Sean",
            ),
        );
        let mut neg = rel(
            RelationKind::Support,
            true,
            "he was very upset with me that I didn't support him",
        );
        neg.negated = true;
        g.add_relation(legend, west, neg);
        g.add_relation(
            legend,
            biden,
            rel(RelationKind::Support, true, "I supported Joe Biden"),
        );
        g.add_relation(
            west,
            trump,
            rel(RelationKind::Support, true, "his supporting Trump"),
        );
        g.add_relation(
            camp,
            west,
            rel(
                RelationKind::Support,
                true,
                "an operation run by the Trump campaign",
            ),
        );
        g.add_relation(
            trump,
            camp,
            rel(RelationKind::Membership, true, "the Trump campaign"),
        );
        g
    }

    #[test]
    fn exact_label_and_id_match() {
        let g = sample();
        let n = find_entity(&g, "john legend").unwrap();
        assert_eq!(g.entity(n).id, "john_legend");
        assert_eq!(
            find_entity(&g, "kanye_west")
                .map(|n| g.entity(n).label.clone())
                .unwrap(),
            "Kanye West"
        );
        // leading "the" and punctuation ignored
        assert_eq!(
            g.entity(find_entity(&g, "Trump Campaign").unwrap()).id,
            "the_trump_campaign"
        );
        assert_eq!(
            g.entity(find_entity(&g, "  Kanye   West's ").unwrap()).id,
            "kanye_west"
        );
    }

    #[test]
    fn alias_match_and_label_beats_alias() {
        let mut g = sample();
        assert_eq!(
            g.entity(find_entity(&g, "JOHN STEPHENS").unwrap()).id,
            "john_legend"
        );
        assert_eq!(
            g.entity(find_entity(&g, "Legend").unwrap()).id,
            "john_legend"
        );
        // an entity labelled "Legend" wins over John Legend's alias
        ent(&mut g, "Legend", &[], EntityKind::Organization);
        assert_eq!(
            g.entity(find_entity(&g, "legend").unwrap()).kind,
            EntityKind::Organization
        );
    }

    #[test]
    fn ambiguous_alias_lists_entities() {
        let g = sample();
        let err = find_entity(&g, "Bush").unwrap_err();
        assert!(matches!(err, QueryError::Ambiguous { .. }));
        let labels: Vec<_> = err.candidates().iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["George W. Bush", "Jeb Bush"]);
        let msg = err.to_string();
        assert!(msg.contains("Jeb Bush (person, id jeb_bush)"), "{msg}");
    }

    #[test]
    fn unknown_name_lists_closest() {
        let g = sample();
        let err = find_entity(&g, "Kanye Omari West").unwrap_err();
        assert!(matches!(err, QueryError::Unknown { .. }));
        assert_eq!(err.candidates()[0].id, "kanye_west");
        let err = find_entity(&g, "Chrissy").unwrap_err();
        assert_eq!(err.candidates()[0].id, "chrissy_teigen", "substring match");
        let err = find_entity(&g, "Zzyzx").unwrap_err();
        assert!(err.candidates().is_empty());
        assert!(err.to_string().contains("no entity named 'Zzyzx'"));
        assert!(find_entity(&g, "!!!").is_err());
    }

    #[test]
    fn name_keys() {
        assert_eq!(name_key("The Trump Campaign"), "trump campaign");
        assert_eq!(name_key("West’s"), "west");
        assert_eq!(name_key("George W. Bush"), "george w bush");
        assert_eq!(name_key("the"), "the");
    }
}
