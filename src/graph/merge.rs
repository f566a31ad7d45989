//! Merging the graphs of several documents into one.
//!
//! Two entities are the same referent when they have the same kind and the
//! same canonical id, or when one's full label is among the other's names.
//! A short name ("Trump") joins a fuller one ("Donald Trump") only when
//! exactly one fuller entity of that kind carries it, so two people who share
//! a surname stay apart.

use super::{absorb_entity, Entity, Graph};
use petgraph::graph::NodeIndex;
use std::collections::HashMap;

/// How names are compared when resolving entities across documents: lower
/// case, letters, digits and spaces only, single spaces, the word "the" dropped.
pub fn name_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .filter(|w| *w != "the")
        .collect::<Vec<_>>()
        .join(" ")
}

/// Merges `graphs` into one graph: same referent, one node; names, mentions
/// and evidence accumulate; relations are deduplicated by (ends, kind, flags).
pub fn merge(graphs: impl IntoIterator<Item = Graph>) -> Graph {
    let graphs: Vec<Graph> = graphs.into_iter().collect();
    // Collect every entity, fullest labels first, so short names find their full form.
    let mut all: Vec<&Entity> = graphs.iter().flat_map(|g| g.entities().map(|(_, e)| e)).collect();
    all.sort_by(|a, b| {
        b.label
            .split_whitespace()
            .count()
            .cmp(&a.label.split_whitespace().count())
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut out = Graph::new();
    // (kind, normalized name) -> merged node ids carrying that name
    let mut names: HashMap<(super::EntityKind, String), Vec<String>> = HashMap::new();
    // (kind, source id) -> merged id
    let mut assigned: HashMap<(super::EntityKind, String), String> = HashMap::new();
    for e in all {
        let k = (e.kind, e.id.clone());
        if let Some(target) = assigned.get(&k).cloned() {
            let n = out.node(&target).expect("assigned node exists");
            absorb_entity(out.entity_mut(n), e.clone());
            register(&mut names, out.entity(n));
            continue;
        }
        let label_key = name_key(&e.label);
        let target = names
            .get(&(e.kind, label_key))
            .filter(|c| c.len() == 1)
            .map(|c| c[0].clone());
        let merged_id = match target {
            Some(t) => {
                let n = out.node(&t).expect("named node exists");
                absorb_entity(out.entity_mut(n), e.clone());
                t
            }
            None => {
                let mut fresh = e.clone();
                // keep ids unique when two kinds share an id
                if let Some(n) = out.node(&fresh.id) {
                    if out.entity(n).kind != fresh.kind {
                        fresh.id = format!("{}_{}", fresh.id, fresh.kind.as_str());
                    }
                }
                let id = fresh.id.clone();
                out.add_entity(fresh);
                id
            }
        };
        let n = out.node(&merged_id).expect("merged node exists");
        register(&mut names, out.entity(n));
        assigned.insert(k, merged_id);
    }
    for g in &graphs {
        out.documents.extend(g.documents.iter().cloned());
        for ev in g.relations() {
            let s = resolve(&out, &assigned, ev.source);
            let t = resolve(&out, &assigned, ev.target);
            if s != t {
                out.add_relation(s, t, ev.relation.clone());
            }
        }
    }
    out.normalize();
    out
}

fn resolve(
    out: &Graph,
    assigned: &HashMap<(super::EntityKind, String), String>,
    e: &Entity,
) -> NodeIndex {
    let id = &assigned[&(e.kind, e.id.clone())];
    out.node(id).expect("every entity was assigned a node")
}

fn register(names: &mut HashMap<(super::EntityKind, String), Vec<String>>, e: &Entity) {
    for a in e.aliases.iter().chain(std::iter::once(&e.label)) {
        let ids = names.entry((e.kind, name_key(a))).or_default();
        if !ids.contains(&e.id) {
            ids.push(e.id.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{slug, EntityKind, Evidence, Relation, RelationKind};

    fn graph(doc: &str, people: &[(&str, &[&str])], edges: &[(usize, usize)]) -> Graph {
        let mut g = Graph::new();
        g.documents.push(doc.into());
        let nodes: Vec<_> = people
            .iter()
            .map(|(label, aliases)| {
                g.add_entity(Entity {
                    id: slug(label),
                    kind: EntityKind::Person,
                    label: label.to_string(),
                    aliases: aliases.iter().map(|s| s.to_string()).collect(),
                    mentions: vec![],
                })
            })
            .collect();
        for &(a, b) in edges {
            g.add_relation(
                nodes[a],
                nodes[b],
                Relation {
                    kind: RelationKind::Support,
                    role: None,
                    directed: true,
                    negated: false,
                    ended: false,
                    confidence: 1.0,
                    evidence: vec![Evidence { doc: doc.into(), text: "x".into(), start: 0, end: 1 }],
                },
            );
        }
        g
    }

    #[test]
    fn short_name_joins_the_unique_full_name() {
        let g1 = graph("a", &[("Donald Trump", &["Trump"]), ("Kanye West", &["West"])], &[(1, 0)]);
        let g2 = graph("b", &[("Trump", &[]), ("Kanye West", &[])], &[(1, 0)]);
        let m = merge([g1, g2]);
        assert_eq!(m.node_count(), 2);
        let e = m.relations().next().unwrap();
        assert_eq!(e.relation.evidence.len(), 2);
        assert_eq!(m.documents, vec!["a", "b"]);
    }

    #[test]
    fn two_people_sharing_a_surname_stay_apart() {
        let g1 = graph("a", &[("George W. Bush", &["Bush"])], &[]);
        let g2 = graph("b", &[("Jeb Bush", &["Bush"])], &[]);
        let g3 = graph("c", &[("Bush", &[])], &[]);
        let m = merge([g1, g2, g3]);
        // the bare "Bush" is ambiguous: it joins neither
        assert_eq!(m.node_count(), 3);
    }
}
