//! The relationship graph: entities as nodes, typed relations as edges.
//!
//! Plain data plus algorithms as free functions, in the manner of petgraph:
//! [`Graph`] wraps a `petgraph::graph::DiGraph` and keeps an index from
//! entity id to node. It knows nothing of text processing; the extractor
//! builds it, and `query`, `export` and `merge` read it.

mod json;
mod merge;
mod model;

pub use json::{read_json_file, to_json_value, write_json, GraphReadError};
pub use merge::{merge, name_key};
pub use model::*;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::HashMap;

/// A relationship graph of one document or of many merged.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    inner: DiGraph<Entity, Relation>,
    by_id: HashMap<String, NodeIndex>,
    /// Ids of the documents the graph was built from.
    pub documents: Vec<String>,
}

/// An edge seen from outside: its ends and its data.
#[derive(Clone, Copy, Debug)]
pub struct EdgeView<'g> {
    /// Edge index (stable while the graph is not modified).
    pub index: EdgeIndex,
    /// Source entity.
    pub source: &'g Entity,
    /// Target entity.
    pub target: &'g Entity,
    /// The relation.
    pub relation: &'g Relation,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// The underlying petgraph graph, for algorithms.
    pub fn petgraph(&self) -> &DiGraph<Entity, Relation> {
        &self.inner
    }

    /// Number of entities.
    pub fn node_count(&self) -> usize {
        self.inner.node_count()
    }

    /// Number of relations.
    pub fn edge_count(&self) -> usize {
        self.inner.edge_count()
    }

    /// Adds an entity, or merges it into the existing one with the same id
    /// (aliases and mentions accumulate). Returns its node.
    pub fn add_entity(&mut self, entity: Entity) -> NodeIndex {
        if let Some(&n) = self.by_id.get(&entity.id) {
            let e = &mut self.inner[n];
            absorb_entity(e, entity);
            return n;
        }
        let id = entity.id.clone();
        let n = self.inner.add_node(entity);
        self.by_id.insert(id, n);
        n
    }

    /// The node of the entity with this id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.by_id.get(id).copied()
    }

    /// The entity at a node.
    pub fn entity(&self, n: NodeIndex) -> &Entity {
        &self.inner[n]
    }

    /// Mutable access to the entity at a node (the id must not change).
    pub fn entity_mut(&mut self, n: NodeIndex) -> &mut Entity {
        &mut self.inner[n]
    }

    /// All entities in node order.
    pub fn entities(&self) -> impl Iterator<Item = (NodeIndex, &Entity)> {
        self.inner.node_indices().map(move |n| (n, &self.inner[n]))
    }

    /// Adds a relation, or merges it into the existing edge with the same
    /// (source, target, kind, directed, negated): evidence accumulates, the
    /// confidence is the highest seen, and an edge is `ended` only when every
    /// source says so. Symmetric edges are stored with their ends in id order.
    pub fn add_relation(&mut self, mut a: NodeIndex, mut b: NodeIndex, rel: Relation) -> EdgeIndex {
        if !rel.directed && self.inner[a].id > self.inner[b].id {
            std::mem::swap(&mut a, &mut b);
        }
        let existing = self
            .inner
            .edges_connecting(a, b)
            .find(|e| {
                let r = e.weight();
                r.kind == rel.kind && r.directed == rel.directed && r.negated == rel.negated
            })
            .map(|e| e.id());
        match existing {
            Some(ei) => {
                let r = &mut self.inner[ei];
                r.confidence = r.confidence.max(rel.confidence);
                r.ended = r.ended && rel.ended;
                if r.role.is_none() {
                    r.role = rel.role;
                }
                for ev in rel.evidence {
                    if !r.evidence.contains(&ev) {
                        r.evidence.push(ev);
                    }
                }
                ei
            }
            None => self.inner.add_edge(a, b, rel),
        }
    }

    /// All relations in edge order.
    pub fn relations(&self) -> impl Iterator<Item = EdgeView<'_>> {
        self.inner.edge_references().map(move |e| EdgeView {
            index: e.id(),
            source: &self.inner[e.source()],
            target: &self.inner[e.target()],
            relation: e.weight(),
        })
    }

    /// The relations touching a node, in either direction, with the other end.
    pub fn incident(&self, n: NodeIndex) -> Vec<(NodeIndex, EdgeView<'_>)> {
        let mut out = Vec::new();
        for e in self.inner.edges_directed(n, petgraph::Direction::Outgoing) {
            out.push((e.target(), self.view(e.id())));
        }
        for e in self.inner.edges_directed(n, petgraph::Direction::Incoming) {
            if e.source() != n {
                out.push((e.source(), self.view(e.id())));
            }
        }
        out
    }

    /// The view of one edge.
    pub fn view(&self, index: EdgeIndex) -> EdgeView<'_> {
        let (s, t) = self.inner.edge_endpoints(index).expect("edge index from this graph");
        EdgeView { index, source: &self.inner[s], target: &self.inner[t], relation: &self.inner[index] }
    }

    /// Sorts aliases and mentions and evidence so that output is deterministic.
    pub fn normalize(&mut self) {
        for n in self.inner.node_indices().collect::<Vec<_>>() {
            let e = &mut self.inner[n];
            e.aliases.sort();
            e.aliases.dedup();
            e.mentions.sort();
            e.mentions.dedup();
        }
        for ei in self.inner.edge_indices().collect::<Vec<_>>() {
            let r = &mut self.inner[ei];
            r.evidence.sort();
            r.evidence.dedup();
        }
        self.documents.sort();
        self.documents.dedup();
    }
}

/// Folds the names and mentions of `other` into `e`.
pub(crate) fn absorb_entity(e: &mut Entity, other: Entity) {
    if other.label.len() > e.label.len() && other.label.contains(&e.label) {
        e.label = other.label.clone();
    }
    for a in other.aliases.into_iter().chain(std::iter::once(other.label)) {
        if !e.aliases.contains(&a) {
            e.aliases.push(a);
        }
    }
    for m in other.mentions {
        if !e.mentions.contains(&m) {
            e.mentions.push(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn person(name: &str) -> Entity {
        Entity {
            id: slug(name),
            kind: EntityKind::Person,
            label: name.into(),
            aliases: vec![name.into()],
            mentions: vec![],
        }
    }

    fn rel(kind: RelationKind, directed: bool, doc: &str) -> Relation {
        Relation {
            kind,
            role: None,
            directed,
            negated: false,
            ended: false,
            confidence: 0.5,
            evidence: vec![Evidence { doc: doc.into(), text: "s".into(), start: 0, end: 1 }],
        }
    }

    #[test]
    fn same_relation_twice_accumulates_evidence() {
        let mut g = Graph::new();
        let a = g.add_entity(person("Kanye West"));
        let b = g.add_entity(person("John Legend"));
        g.add_relation(a, b, rel(RelationKind::Friendship, false, "d1"));
        g.add_relation(b, a, rel(RelationKind::Friendship, false, "d2"));
        g.add_relation(a, b, rel(RelationKind::Support, true, "d1"));
        assert_eq!(g.edge_count(), 2);
        let f = g.relations().find(|e| e.relation.kind == RelationKind::Friendship).unwrap();
        assert_eq!(f.relation.evidence.len(), 2);
        // symmetric edges are stored in id order
        assert_eq!(f.source.id, "john_legend");
    }

    #[test]
    fn same_entity_id_merges_names() {
        let mut g = Graph::new();
        let a = g.add_entity(person("Trump"));
        let mut e = person("Donald Trump");
        e.id = "trump".into();
        let b = g.add_entity(e);
        assert_eq!(a, b);
        assert_eq!(g.entity(a).label, "Donald Trump");
        assert!(g.entity(a).aliases.contains(&"Trump".to_string()));
    }
}
