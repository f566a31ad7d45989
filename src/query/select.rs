//! Selecting parts of a graph: neighborhoods several steps deep, the
//! relations between two entities, an entity's summary, subgraphs.

use super::rank::entity_documents;
use super::walk::{neighbors, shortest_path, Hop};
use crate::graph::{Graph, RelationKind};
use petgraph::graph::NodeIndex;
use std::collections::{HashMap, HashSet, VecDeque};

/// The relations reachable from `node` within `depth` steps, each with the
/// distance (1 = a direct relation) of the entity it leads to. Walks go
/// along stated relations only; denials are listed but never walked through.
/// A relation back to a nearer entity, or between two entities at the same
/// distance, is listed once from the first of them reached.
pub fn neighbors_within(
    graph: &Graph,
    node: NodeIndex,
    kind: Option<RelationKind>,
    depth: usize,
) -> Vec<(usize, Hop<'_>)> {
    let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(node, 0)]);
    let mut seen_edges = HashSet::new();
    let mut out = Vec::new();
    let mut queue = VecDeque::from([node]);
    while let Some(n) = queue.pop_front() {
        let d = dist[&n];
        if d >= depth {
            continue;
        }
        for h in neighbors(graph, n, kind) {
            if !seen_edges.insert(h.edge) {
                continue;
            }
            let known = dist.get(&h.node).copied();
            if known.is_some_and(|k| k < d) {
                continue;
            }
            if known.is_none() && !h.relation.negated {
                dist.insert(h.node, d + 1);
                queue.push_back(h.node);
            }
            out.push((known.unwrap_or(d + 1), h));
        }
    }
    out
}

/// Every relation directly between `a` and `b`, either direction, denials
/// included, in the order of [`neighbors`].
pub fn between(graph: &Graph, a: NodeIndex, b: NodeIndex) -> Vec<Hop<'_>> {
    neighbors(graph, a, None).into_iter().filter(|h| h.node == b).collect()
}

/// A shortest path of at most `max_len` steps (see [`shortest_path`]).
pub fn shortest_path_within(
    graph: &Graph,
    a: NodeIndex,
    b: NodeIndex,
    kind: Option<RelationKind>,
    max_len: usize,
) -> Option<Vec<Hop<'_>>> {
    shortest_path(graph, a, b, kind).filter(|p| p.len() <= max_len)
}

/// What the graph knows about one entity.
#[derive(Clone, Debug, serde::Serialize)]
pub struct EntitySummary {
    /// Canonical id.
    pub id: String,
    /// Fullest name.
    pub label: String,
    /// Kind.
    pub kind: crate::graph::EntityKind,
    /// Every name it goes by.
    pub names: Vec<String>,
    /// Documents that name it or state one of its relations.
    pub documents: Vec<String>,
    /// Distinct entities it is related to (denials not counted).
    pub degree: usize,
    /// Relations touching it, denials included.
    pub relations: usize,
    /// Of those, denied ones.
    pub negated: usize,
}

/// The summary of one entity.
pub fn entity_summary(graph: &Graph, node: NodeIndex) -> EntitySummary {
    let e = graph.entity(node);
    let mut names: Vec<String> = std::iter::once(e.label.clone()).chain(e.aliases.iter().cloned()).collect();
    names.sort();
    names.dedup();
    let hops = neighbors(graph, node, None);
    let degree = hops.iter().filter(|h| !h.relation.negated).map(|h| h.node).collect::<HashSet<_>>().len();
    EntitySummary {
        id: e.id.clone(),
        label: e.label.clone(),
        kind: e.kind,
        names,
        documents: entity_documents(graph, node).into_iter().collect(),
        degree,
        relations: hops.len(),
        negated: hops.iter().filter(|h| h.relation.negated).count(),
    }
}

/// The subgraph of the given nodes: those entities and every relation
/// among them. `graph.documents` is kept.
pub fn induced_subgraph(graph: &Graph, nodes: &HashSet<NodeIndex>) -> Graph {
    let mut out = Graph::new();
    out.documents = graph.documents.clone();
    let mut map = HashMap::new();
    for (n, e) in graph.entities() {
        if nodes.contains(&n) {
            map.insert(n, out.add_entity(e.clone()));
        }
    }
    let pg = graph.petgraph();
    for ei in pg.edge_indices() {
        let Some((s, t)) = pg.edge_endpoints(ei) else { continue };
        if let (Some(&a), Some(&b)) = (map.get(&s), map.get(&t)) {
            out.add_relation(a, b, pg[ei].clone());
        }
    }
    out
}

/// The entities within `depth` steps of `node` (along stated relations)
/// and every relation among them.
pub fn around(graph: &Graph, node: NodeIndex, depth: usize) -> Graph {
    let mut keep: HashSet<NodeIndex> = HashSet::from([node]);
    for (_, h) in neighbors_within(graph, node, None, depth) {
        if !h.relation.negated {
            keep.insert(h.node);
        }
    }
    induced_subgraph(graph, &keep)
}

/// The graph without entities that have no relation left.
pub fn drop_isolated(graph: &Graph) -> Graph {
    let keep: HashSet<NodeIndex> = graph.entities().map(|(n, _)| n).filter(|&n| !graph.incident(n).is_empty()).collect();
    induced_subgraph(graph, &keep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::find_entity;
    use crate::query::tests::sample;

    #[test]
    fn depth_two_reaches_friends_of_friends() {
        let g = sample();
        let teigen = find_entity(&g, "Teigen").unwrap();
        let one = neighbors_within(&g, teigen, None, 1);
        assert_eq!(one.len(), 1);
        let two = neighbors_within(&g, teigen, None, 2);
        let at2: HashSet<_> = two.iter().filter(|(d, _)| *d == 2).map(|(_, h)| h.entity.id.as_str()).collect();
        assert!(at2.contains("kanye_west") && at2.contains("joe_biden"), "{at2:?}");
        assert!(two.iter().all(|(d, _)| *d <= 2));
    }

    #[test]
    fn between_lists_both_directions() {
        let g = sample();
        let (legend, west) = (find_entity(&g, "Legend").unwrap(), find_entity(&g, "West").unwrap());
        let hs = between(&g, legend, west);
        assert_eq!(hs.len(), 3);
        assert!(hs.iter().any(|h| h.relation.negated));
        let s = entity_summary(&g, west);
        assert_eq!(s.degree, 3);
        assert!(s.names.contains(&"Kanye".to_string()));
    }

    #[test]
    fn subgraph_around_an_entity() {
        let g = sample();
        let teigen = find_entity(&g, "Teigen").unwrap();
        let sub = around(&g, teigen, 1);
        assert_eq!(sub.node_count(), 2);
        assert_eq!(sub.edge_count(), 1);
        let legend = find_entity(&g, "Legend").unwrap();
        let trump = find_entity(&g, "Trump").unwrap();
        assert!(shortest_path_within(&g, legend, trump, None, 1).is_none());
        assert!(shortest_path_within(&g, legend, trump, None, 2).is_some());
        assert!(drop_isolated(&g).node("big_sean").is_none());
    }
}
