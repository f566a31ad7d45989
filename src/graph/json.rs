//! Node-link JSON, the format `shared/eval/score.py`, networkx and D3 read.
//!
//! ```json
//! {"directed": true, "multigraph": true, "graph": {"documents": ["seed"]},
//!  "nodes": [{"id": "kanye_west", "kind": "person", "label": "Kanye West",
//!             "aliases": ["West"], "mentions": [...]}],
//!  "edges": [{"source": "kanye_west", "target": "john_legend", "kind": "disagreement",
//!             "directed": true, "negated": false, "ended": false, "confidence": 0.8,
//!             "evidence": [{"doc": "seed", "text": "...", "start": 10, "end": 60}]}]}
//! ```

use super::{Entity, Graph, Relation};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Serialize, Deserialize)]
struct NodeLink {
    #[serde(default = "yes")]
    directed: bool,
    #[serde(default = "yes")]
    multigraph: bool,
    #[serde(default)]
    graph: GraphAttrs,
    nodes: Vec<Entity>,
    edges: Vec<EdgeJson>,
}

fn yes() -> bool {
    true
}

#[derive(Serialize, Deserialize, Default)]
struct GraphAttrs {
    #[serde(default)]
    documents: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct EdgeJson {
    source: String,
    target: String,
    #[serde(flatten)]
    relation: Relation,
}

/// Why a graph file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GraphReadError {
    /// The file could not be opened or read.
    #[error("cannot read graph file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not a relgraph node-link graph.
    #[error("{path}:{line}:{column}: not a valid graph JSON file: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Line of the error (1-based).
        line: usize,
        /// Column of the error (1-based).
        column: usize,
        /// What was expected.
        message: String,
    },
    /// An edge names a node that is not in the file.
    #[error("{path}: edge {index} refers to unknown node '{node}'")]
    DanglingEdge {
        /// The file.
        path: PathBuf,
        /// Position of the edge in the `edges` array.
        index: usize,
        /// The missing node id.
        node: String,
    },
}

/// The graph as a node-link JSON value, nodes and edges in graph order.
pub fn to_json_value(g: &Graph) -> serde_json::Value {
    let doc = NodeLink {
        directed: true,
        multigraph: true,
        graph: GraphAttrs { documents: g.documents.clone() },
        nodes: g.entities().map(|(_, e)| e.clone()).collect(),
        edges: g
            .relations()
            .map(|e| EdgeJson {
                source: e.source.id.clone(),
                target: e.target.id.clone(),
                relation: e.relation.clone(),
            })
            .collect(),
    };
    serde_json::to_value(doc).expect("graph types always serialize")
}

/// The whole graph as a map with sorted keys (what [`to_json_value`] gives),
/// serialized one node and one edge at a time, so that writing a large graph
/// never holds a second copy of it as a `serde_json::Value`.
struct Streamed<'a>(&'a Graph);

/// A sequence whose items are made as they are written.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator<Item = serde_json::Value>,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

impl Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let g = self.0;
        let edges = Lazy(|| {
            g.relations().map(move |e| value(&EdgeJson { source: e.source.id.clone(), target: e.target.id.clone(), relation: e.relation.clone() }))
        });
        let nodes = Lazy(|| g.entities().map(move |(_, e)| value(e)));
        // keys in the order a `serde_json::Value` map keeps them: sorted
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("directed", &true)?;
        m.serialize_entry("edges", &edges)?;
        m.serialize_entry("graph", &GraphAttrs { documents: g.documents.clone() })?;
        m.serialize_entry("multigraph", &true)?;
        m.serialize_entry("nodes", &nodes)?;
        m.end()
    }
}

/// One item as a `serde_json::Value` (keys sorted, as [`to_json_value`] has them).
fn value<T: Serialize>(t: &T) -> serde_json::Value {
    serde_json::to_value(t).expect("graph types always serialize")
}

/// Writes the graph as pretty node-link JSON, streaming node by node.
pub fn write_json(g: &Graph, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write;
    let mut w = std::io::BufWriter::new(&mut *out);
    serde_json::to_writer_pretty(&mut w, &Streamed(g))?;
    w.write_all(b"\n")?;
    w.flush()
}

/// Parses node-link JSON text; `path` is only used in error messages.
pub fn parse_json(text: &str, path: &Path) -> Result<Graph, GraphReadError> {
    let nl: NodeLink = serde_json::from_str(text).map_err(|e| GraphReadError::Syntax {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string().split(" at line ").next().unwrap_or_default().to_string(),
    })?;
    let mut g = Graph::new();
    g.documents = nl.graph.documents;
    for n in nl.nodes {
        g.add_entity(n);
    }
    for (index, e) in nl.edges.into_iter().enumerate() {
        let find = |id: &str| {
            g.node(id).ok_or_else(|| GraphReadError::DanglingEdge {
                path: path.to_path_buf(),
                index,
                node: id.to_string(),
            })
        };
        let (s, t) = (find(&e.source)?, find(&e.target)?);
        g.add_relation(s, t, e.relation);
    }
    Ok(g)
}

/// Reads a graph JSON file written by relgraph (or any node-link file with the same fields).
pub fn read_json_file(path: &Path) -> Result<Graph, GraphReadError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| GraphReadError::Io { path: path.to_path_buf(), source })?;
    parse_json(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{slug, EntityKind, Evidence, RelationKind};

    #[test]
    fn round_trip_keeps_everything() {
        let mut g = Graph::new();
        let mk = |n: &str| Entity {
            id: slug(n),
            kind: EntityKind::Person,
            label: n.into(),
            aliases: vec![n.into()],
            mentions: vec![],
        };
        let a = g.add_entity(mk("Kanye West"));
        let b = g.add_entity(mk("Big Sean"));
        g.add_relation(
            a,
            b,
            Relation {
                kind: RelationKind::Disagreement,
                role: None,
                directed: true,
                negated: false,
                ended: false,
                confidence: 0.9,
                evidence: vec![Evidence { doc: "d".into(), text: "accused".into(), start: 3, end: 10 }],
            },
        );
        let text = serde_json::to_string(&to_json_value(&g)).unwrap();
        assert!(text.contains("\"kind\":\"disagreement\""));
        let back = parse_json(&text, Path::new("x.json")).unwrap();
        assert_eq!(back.node_count(), 2);
        let e = back.relations().next().unwrap();
        assert_eq!(e.source.label, "Kanye West");
        assert_eq!(e.relation.evidence[0].start, 3);
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let err = parse_json("{\n  \"nodes\": [\n    {\"id\": 3}\n  ]", Path::new("bad.json")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("bad.json:3:"), "{msg}");
        let err = parse_json(r#"{"nodes": [], "edges": [{"source": "a", "target": "b", "kind": "support", "directed": true}]}"#, Path::new("e.json")).unwrap_err();
        assert!(err.to_string().contains("unknown node 'a'"));
    }
}
