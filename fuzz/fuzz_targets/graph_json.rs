//! The node-link graph JSON reader used by `merge`, `query` and `export`
//! (`graph::read_json_file`), then what those commands do with the graph it
//! returns: arbitrary bytes must give a graph or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relgraph::export::{graph_bytes, DotOptions, Format};
use std::path::PathBuf;
use std::sync::OnceLock;

/// One scratch file per fuzzing process.
fn scratch() -> &'static PathBuf {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| std::env::temp_dir().join(format!("relgraph-fuzz-graph-{}.json", std::process::id())))
}

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    std::fs::write(path, data).expect("scratch file is writable");
    let Ok(g) = relgraph::graph::read_json_file(path) else { return };
    // what `merge` does: a written graph reads back the same
    let json = relgraph::graph::to_json_value(&g).to_string();
    std::fs::write(path, &json).expect("scratch file is writable");
    let back = relgraph::graph::read_json_file(path).expect("a written graph reads back");
    assert_eq!((back.node_count(), back.edge_count()), (g.node_count(), g.edge_count()));
    let merged = relgraph::graph::merge([g, back]);
    // what `query` does
    let _ = relgraph::query::top(&merged, relgraph::query::RankBy::Betweenness, 5);
    if let Some((n, _)) = merged.entities().next() {
        let _ = relgraph::query::neighbors(&merged, n, None);
        let _ = relgraph::query::around(&merged, n, 2);
        let _ = relgraph::query::entity_summary(&merged, n);
    }
    // what `export` does, for the formats that need no Graphviz
    let opts = DotOptions { show_negated: true, layout: None, title: Some("fuzz".into()) };
    for f in [Format::Json, Format::Dot, Format::Graphml, Format::Ftm, Format::Csv, Format::Html] {
        graph_bytes(&merged, f, &opts).expect("export of a read graph succeeds");
    }
});
