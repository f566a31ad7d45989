//! Graph fragments: one document's graph and metadata as one line of
//! compact node-link JSON, the unit of scale-out extraction
//! (`relgraph extract --jsonl` writes them, `relgraph build --from-fragments`
//! reads them).
//!
//! ```json
//! {"document": {"id": "a1", "hash": "…", "words": 412, "title": "…"},
//!  "directed": true, "multigraph": true, "graph": {"documents": ["a1"]},
//!  "nodes": [{"id": "kanye_west", "kind": "person", "label": "Kanye West", …}],
//!  "edges": [{"source": "kanye_west", "target": "john_legend", "kind": "support", …}]}
//! ```

use super::{DocumentMeta, StoreError};
use crate::graph::{to_json_value, Entity, Graph, Relation};
use serde::Deserialize;

/// One document's graph with its metadata.
#[derive(Debug)]
pub struct Fragment {
    /// The document.
    pub meta: DocumentMeta,
    /// Its graph.
    pub graph: Graph,
}

#[derive(Deserialize)]
struct Line {
    document: DocumentMeta,
    #[serde(default)]
    nodes: Vec<Entity>,
    #[serde(default)]
    edges: Vec<Edge>,
}

#[derive(Deserialize)]
struct Edge {
    source: String,
    target: String,
    #[serde(flatten)]
    relation: Relation,
}

/// The fragment line of a document's graph (compact JSON, no newline).
pub fn write_fragment(meta: &DocumentMeta, graph: &Graph) -> String {
    let mut v = to_json_value(graph);
    if let Some(obj) = v.as_object_mut() {
        let meta = serde_json::to_value(meta).unwrap_or_default();
        obj.insert("document".to_string(), meta);
    }
    v.to_string()
}

/// Parses one fragment line.
pub fn parse_fragment(line: &str) -> Result<Fragment, StoreError> {
    let l: Line = serde_json::from_str(line).map_err(|e| StoreError::Fragment(e.to_string()))?;
    let mut g = Graph::new();
    g.documents.push(l.document.id.clone());
    for n in l.nodes {
        g.add_entity(n);
    }
    for (i, e) in l.edges.into_iter().enumerate() {
        let (Some(s), Some(t)) = (g.node(&e.source), g.node(&e.target)) else {
            return Err(StoreError::Fragment(format!(
                "edge {i} refers to unknown node '{}' or '{}'",
                e.source, e.target
            )));
        };
        g.add_relation(s, t, e.relation);
    }
    if l.document.hash.is_empty() {
        return Err(StoreError::Fragment("document has no content hash".into()));
    }
    Ok(Fragment { meta: l.document, graph: g })
}
