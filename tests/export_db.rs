//! Every export format from a `--db` store, read back: the same graph as the JSON export.

use std::path::PathBuf;
use std::process::Command;

fn relgraph(args: &[&str]) -> std::process::Output {
    let o = Command::new(env!("CARGO_BIN_EXE_relgraph")).args(args).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

#[test]
fn every_format_from_a_store() {
    let d: PathBuf = std::env::temp_dir().join(format!("relgraph-export-db-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let db = d.join("g.db");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples/seed_legend_west.txt");
    relgraph(&["build", sample, "--db", db.to_str().unwrap()]);
    let out = |ext: &str| d.join(format!("g.{ext}"));
    let export = |ext: &str, format: &str| relgraph(&["export", "--db", db.to_str().unwrap(), "--format", format, "-o", out(ext).to_str().unwrap()]);
    export("json", "json");
    let g: serde_json::Value = serde_json::from_slice(&std::fs::read(out("json")).unwrap()).unwrap();
    let nodes = g["nodes"].as_array().unwrap().len();
    let edges = g["edges"].as_array().unwrap().len();
    assert!(nodes > 5 && edges > 3, "{nodes} nodes, {edges} edges");

    export("graphml", "graphml");
    let gm = std::fs::read_to_string(out("graphml")).unwrap();
    assert_eq!(gm.matches("<node ").count(), nodes);
    assert_eq!(gm.matches("<edge ").count(), edges);

    export("csv", "csv");
    let mut r = csv::Reader::from_path(out("csv")).unwrap();
    assert!(r.headers().unwrap().iter().any(|h| h == "evidence"));
    assert_eq!(r.records().count(), edges);

    export("ftm", "ftm");
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(out("ftm")).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.iter().filter(|e| e["schema"] == "Person").count() >= 5);

    export("html", "html");
    let html = std::fs::read_to_string(out("html")).unwrap();
    assert!(html.contains("John Legend") && html.contains("cytoscape"));

    export("svg", "svg");
    assert!(std::fs::read_to_string(out("svg")).unwrap().contains("Kanye West"));

    let neo = d.join("neo4j");
    relgraph(&["export", "--db", db.to_str().unwrap(), "--format", "neo4j", "-o", neo.to_str().unwrap()]);
    let mut n = csv::Reader::from_path(neo.join("nodes.csv")).unwrap();
    assert_eq!(n.headers().unwrap().get(0), Some("id:ID"));
    assert_eq!(n.records().count(), nodes);
    assert!(std::fs::read_to_string(neo.join("import.cypher")).unwrap().matches("MERGE").count() >= nodes + edges);
}
