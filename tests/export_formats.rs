//! End-to-end tests of `relgraph export` in every format, running the built
//! binary on the sample article's graph (`data/samples/seed_legend_west.txt`).
//!
//! The GraphML test reads the file back with Python's networkx and the FtM
//! test validates every entity with the `followthemoney` library, both from
//! the virtual environment `/tmp/relgraph-test-venv` (or
//! `$RELGRAPH_TEST_VENV`); `scripts/deps.sh` creates it, and these tests
//! create it too when it is missing (`python3 -m venv`, then
//! `pip install networkx followthemoney` from PyPI). The
//! SVG, PNG and PDF tests need Graphviz (`scripts/deps.sh` installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const BIN: &str = env!("CARGO_BIN_EXE_relgraph");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("relgraph-formats-{}-{}", test, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run relgraph")
}

fn ok(args: &[&str]) -> Output {
    let o = run(args);
    assert!(
        o.status.success(),
        "relgraph {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The sample article's graph, extracted once per test run.
fn sample_graph() -> &'static (PathBuf, serde_json::Value) {
    static G: OnceLock<(PathBuf, serde_json::Value)> = OnceLock::new();
    G.get_or_init(|| {
        let dir = scratch("sample");
        let out = dir.join("seed.json");
        let text = root().join("data/samples/seed_legend_west.txt");
        ok(&["extract", text.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        let v = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        (out, v)
    })
}

fn counts() -> (usize, usize) {
    let v = &sample_graph().1;
    (v["nodes"].as_array().unwrap().len(), v["edges"].as_array().unwrap().len())
}

fn node_ids() -> Vec<String> {
    sample_graph().1["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_string()).collect()
}

/// Exports the sample graph with `extra` arguments into `dir/name`; returns the path.
fn export(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut args = vec!["export", sample_graph().0.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    ok(&args);
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
}

#[test]
fn sample_graph_is_not_empty() {
    let (n, e) = counts();
    assert!(n > 5 && e > 5, "{n} nodes, {e} edges");
}

#[test]
fn json_dot_and_drawings() {
    let dir = scratch("classic");
    let (n, _) = counts();
    let json: serde_json::Value = serde_json::from_str(&read(&export(&dir, "g.json", &[]))).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), n);
    assert!(read(&export(&dir, "g.dot", &[])).starts_with("digraph"));
    assert!(read(&export(&dir, "g.svg", &[])).contains("<svg"));
    let png = std::fs::read(export(&dir, "g.png", &[])).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    let pdf = std::fs::read(export(&dir, "g.pdf", &[])).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The Python of the test venv, created with networkx and followthemoney when missing.
fn venv_python() -> PathBuf {
    static PY: OnceLock<PathBuf> = OnceLock::new();
    PY.get_or_init(make_venv).clone()
}

fn make_venv() -> PathBuf {
    let venv = std::env::var_os("RELGRAPH_TEST_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/relgraph-test-venv"));
    let py = venv.join("bin/python");
    let has = |py: &Path| {
        Command::new(py).args(["-c", "import networkx, followthemoney"]).output().is_ok_and(|o| o.status.success())
    };
    if !has(&py) {
        let made = Command::new("python3").args(["-m", "venv"]).arg(&venv).status();
        assert!(made.is_ok_and(|s| s.success()), "cannot create the venv {} (python3 -m venv)", venv.display());
        let pip = Command::new(venv.join("bin/pip")).args(["install", "-q", "networkx", "followthemoney"]).status();
        assert!(pip.is_ok_and(|s| s.success()), "cannot pip install networkx followthemoney into {}", venv.display());
    }
    assert!(has(&py), "networkx or followthemoney is not importable from {}", py.display());
    py
}

#[test]
fn graphml_reads_back_with_networkx() {
    let dir = scratch("graphml");
    let (n, e) = counts();
    // the format comes from the extension
    let path = export(&dir, "g.graphml", &[]);
    let script = r#"
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
kinds = sorted({d["kind"] for _, _, d in g.edges(data=True)})
types = sorted({type(d[k]).__name__ for _, _, d in g.edges(data=True) for k in ("directed", "negated", "ended", "confidence", "evidence_count")})
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "ids": sorted(g.nodes()),
                  "node_kinds": sorted({d["kind"] for _, d in g.nodes(data=True)}), "kinds": kinds, "types": types,
                  "evidence": all(d.get("evidence") for _, _, d in g.edges(data=True))}))
"#;
    let out = Command::new(venv_python()).args(["-c", script]).arg(&path).output().expect("run python");
    assert!(out.status.success(), "networkx failed: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["nodes"], n);
    assert_eq!(v["edges"], e);
    let mut ids = node_ids();
    ids.sort();
    assert_eq!(v["ids"], serde_json::json!(ids));
    assert!(v["node_kinds"].as_array().unwrap().contains(&"person".into()));
    // typed keys: booleans, doubles and ints come back as Python values, not strings
    assert_eq!(v["types"], serde_json::json!(["bool", "float", "int"]));
    assert_eq!(v["evidence"], true);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn neo4j_directory_has_import_files_and_cypher() {
    let dir = scratch("neo4j");
    let (n, e) = counts();
    let out = export(&dir, "neo4j", &["--format", "neo4j"]);
    let mut nodes = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
    assert_eq!(
        nodes.headers().unwrap().iter().collect::<Vec<_>>(),
        ["id:ID", "label", "kind", "aliases:string[]", ":LABEL"]
    );
    let nodes: Vec<csv::StringRecord> = nodes.records().collect::<Result<_, _>>().unwrap();
    assert_eq!(nodes.len(), n);
    let ids: Vec<&str> = nodes.iter().map(|r| r.get(0).unwrap()).collect();
    let mut expected = node_ids();
    expected.sort();
    assert_eq!(ids, expected);
    assert!(nodes.iter().all(|r| r[4].starts_with("Entity;")));
    let mut rels = csv::Reader::from_path(out.join("relationships.csv")).unwrap();
    assert_eq!(
        rels.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            ":START_ID", ":END_ID", ":TYPE", "kind", "role", "directed:boolean", "negated:boolean",
            "ended:boolean", "confidence:double", "evidence"
        ]
    );
    let rels: Vec<csv::StringRecord> = rels.records().collect::<Result<_, _>>().unwrap();
    assert_eq!(rels.len(), e);
    for r in &rels {
        assert!(ids.contains(&&r[0]) && ids.contains(&&r[1]), "{r:?}");
        assert!(["true", "false"].contains(&&r[5]) && r[8].parse::<f64>().is_ok(), "{r:?}");
    }
    let cy = read(&out.join("import.cypher"));
    assert_eq!(cy.lines().filter(|l| l.starts_with("MERGE (n:Entity {id: ")).count(), n);
    assert_eq!(cy.lines().filter(|l| l.starts_with("MATCH ") && l.contains(" MERGE (a)-[r:")).count(), e);
    assert_eq!(cy.matches("MERGE").count(), n + e);
    // the sample's evidence quotes "David Axelrod's": the apostrophe is escaped
    assert!(cy.contains("Axelrod\\'s"), "{cy}");
    assert!(!cy.contains("Axelrod's"));
    // without -o there is nowhere to put a directory
    let o = run(&["export", sample_graph().0.to_str().unwrap(), "--format", "neo4j"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("-o DIR"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ftm_lines_are_followthemoney_entities() {
    let dir = scratch("ftm");
    let (n, _) = counts();
    let text = read(&export(&dir, "g.ftm.jsonl", &[]));
    let lines: Vec<serde_json::Value> =
        text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    let things = ["Person", "Organization", "Event"];
    let links = [
        ("Family", ["person", "relative", "relationship"]),
        ("Associate", ["person", "associate", "relationship"]),
        ("Membership", ["member", "organization", "role"]),
        ("UnknownLink", ["subject", "object", "role"]),
    ];
    let ids: Vec<&str> = lines.iter().map(|o| o["id"].as_str().unwrap()).collect();
    // FtM ids: ASCII letters, digits, '.' and '-', not starting or ending with punctuation
    for id in &ids {
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                && id.starts_with(|c: char| c.is_ascii_alphanumeric())
                && id.ends_with(|c: char| c.is_ascii_alphanumeric()),
            "bad FtM id {id}"
        );
    }
    let mut entities = 0;
    for o in &lines {
        let schema = o["schema"].as_str().unwrap();
        let props = o["properties"].as_object().unwrap();
        assert!(props.values().all(|v| v.as_array().is_some_and(|a| a.iter().all(|x| x.is_string()))), "{o}");
        if things.contains(&schema) {
            entities += 1;
            assert_eq!(props["name"].as_array().unwrap().len(), 1, "{o}");
        } else {
            let (_, need) = links.iter().find(|(s, _)| *s == schema).unwrap_or_else(|| panic!("schema {schema}"));
            for p in need {
                assert!(props.contains_key(*p), "{schema} without {p}: {o}");
            }
            // both ends are entities of the file
            assert!(ids.contains(&props[need[0]][0].as_str().unwrap()));
            assert!(ids.contains(&props[need[1]][0].as_str().unwrap()));
            assert!(props["description"][0].as_str().unwrap().starts_with("[seed_legend_west] "));
        }
    }
    assert_eq!(entities, n);
    assert!(lines.iter().any(|o| o["schema"] == "Family"));
    // the FtM library itself accepts every entity and every link's ends
    let script = r#"
import json, sys
from followthemoney import model
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
schemas = {d["id"]: d["schema"] for d in rows}
for d in rows:
    schema = model.get(d["schema"])
    schema.validate(d)
    for name, values in d["properties"].items():
        prop = schema.get(name)
        assert prop is not None, (d["schema"], name)
        if prop.type.name == "entity":
            for v in values:
                assert model.get(schemas[v]).is_a(prop.range), (d["id"], name, v)
print(len(rows))
"#;
    let out = Command::new(venv_python()).args(["-c", script]).arg(dir.join("g.ftm.jsonl")).output().expect("run python");
    assert!(out.status.success(), "followthemoney rejects the export: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), lines.len().to_string());
    assert!(lines.iter().any(|o| o["schema"] == "UnknownLink"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn csv_edge_list_reads_back() {
    let dir = scratch("csv");
    let (_, e) = counts();
    let mut r = csv::Reader::from_path(export(&dir, "edges.csv", &[])).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "source", "source_kind", "target", "target_kind", "kind", "role", "directed", "negated", "ended",
            "confidence", "documents", "evidence"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), e);
    let labels: Vec<String> =
        sample_graph().1["nodes"].as_array().unwrap().iter().map(|n| n["label"].as_str().unwrap().into()).collect();
    for row in &rows {
        assert!(labels.contains(&row[0].to_string()) && labels.contains(&row[2].to_string()), "{row:?}");
        assert_eq!(&row[10], "seed_legend_west");
        assert!(!row[11].is_empty());
    }
    assert!(rows.iter().any(|r| &r[4] == "family" && &r[5] == "spouse"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn html_viewer_is_one_offline_file_with_the_graph() {
    let dir = scratch("html");
    let (n, e) = counts();
    let page = read(&export(&dir, "viewer.html", &["--title", "Legend & West"]));
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<h1>Legend &amp; West</h1>"));
    assert!(page.contains("<div id=\"status\""));
    // offline: no external scripts, styles or fetches
    for needle in ["<script src", "<link ", "@import", "url(http", "fetch("] {
        assert!(!page.contains(needle), "page contains {needle}");
    }
    let start = page.find("id=\"graph-data\">").unwrap() + "id=\"graph-data\">".len();
    let end = start + page[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(data["nodes"].as_array().unwrap().len(), n);
    assert_eq!(data["edges"].as_array().unwrap().len(), e);
    // deterministic: the same export twice gives the same bytes
    let again = read(&export(&dir, "again.htm", &["--title", "Legend & West"]));
    assert_eq!(page, again);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unknown_extension_names_every_format() {
    let dir = scratch("ext");
    let out = dir.join("g.xyz");
    let o = run(&["export", sample_graph().0.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    for f in ["graphml", "neo4j", "ftm", "csv", "html"] {
        assert!(err.contains(f), "{err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_reads_back_with_networkx_node_link_graph() {
    let dir = scratch("nodelink");
    let (n, e) = counts();
    let path = export(&dir, "g.json", &[]);
    let script = r#"
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1]))
g = nx.node_link_graph(data, edges="edges")
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "multi": g.is_multigraph(), "directed": g.is_directed()}))
"#;
    let out = Command::new(venv_python()).args(["-c", script]).arg(&path).output().expect("run python");
    assert!(out.status.success(), "networkx failed: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["nodes"], n);
    assert_eq!(v["edges"], e);
    assert_eq!(v["multi"], true);
    assert_eq!(v["directed"], true);
}
