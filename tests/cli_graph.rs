//! End-to-end tests of `relgraph merge`, `query` and `export`, running the
//! built binary on the hand-written fixtures in `tests/fixtures/` (two
//! document graphs of the Legend/West article).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_relgraph");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("relgraph-cli-{}-{}", test, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run relgraph")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(args: &[&str]) -> Output {
    let o = run(args);
    assert!(
        o.status.success(),
        "relgraph {args:?} failed:\n{}{}",
        stdout(&o),
        stderr(&o)
    );
    o
}

fn fails(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "relgraph {args:?} should exit 1:\n{}{}",
        stdout(&o),
        stderr(&o)
    );
    stderr(&o)
}

/// Merges the two fixture graphs into `dir/merged.json`.
fn merged(dir: &Path) -> PathBuf {
    let out = dir.join("merged.json");
    let a = fixture("legend_west_a.json");
    let b = fixture("legend_west_b.json");
    ok(&[
        "merge",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    out
}

fn read_json(p: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(p).expect("read")).expect("valid JSON")
}

#[test]
fn merge_joins_people_and_accumulates_evidence() {
    let dir = scratch("merge");
    let out = dir.join("merged.json");
    let a = fixture("legend_west_a.json");
    let b = fixture("legend_west_b.json");
    let o = ok(&[
        "merge",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let summary = stderr(&o);
    assert!(
        summary.contains("2 documents")
            && summary.contains("8 nodes")
            && summary.contains("11 edges"),
        "{summary}"
    );
    let g = read_json(&out);
    assert_eq!(
        g["graph"]["documents"],
        serde_json::json!(["legend_west_a", "legend_west_b"])
    );
    let nodes = g["nodes"].as_array().unwrap();
    let ids: Vec<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids.iter().filter(|i| **i == "john_legend").count(),
        1,
        "{ids:?}"
    );
    assert_eq!(ids.iter().filter(|i| **i == "kanye_west").count(), 1);
    // "Trump" of the second document joined "Donald Trump" of the first
    assert!(!ids.contains(&"trump"), "{ids:?}");
    let trump = nodes.iter().find(|n| n["id"] == "donald_trump").unwrap();
    let docs: Vec<&str> = trump["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["doc"].as_str().unwrap())
        .collect();
    assert!(docs.contains(&"legend_west_a") && docs.contains(&"legend_west_b"));
    // the ended friendship is stated in both documents: one edge, two pieces of evidence
    let edges = g["edges"].as_array().unwrap();
    let fr: Vec<_> = edges.iter().filter(|e| e["kind"] == "friendship").collect();
    assert_eq!(fr.len(), 1);
    assert_eq!(fr[0]["evidence"].as_array().unwrap().len(), 2);
    assert_eq!(fr[0]["ended"], true);
    // the merged file reads back
    ok(&["query", out.to_str().unwrap(), "neighbors", "Legend"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn query_neighbors_table() {
    let dir = scratch("neighbors");
    let g = merged(&dir);
    let o = ok(&["query", g.to_str().unwrap(), "neighbors", "John Legend"]);
    let out = stdout(&o);
    assert!(
        out.contains("John Legend (person, id john_legend): 6 relations"),
        "{out}"
    );
    let header = out
        .lines()
        .find(|l| l.starts_with("RELATION"))
        .expect("header");
    for col in ["DIRECTION", "ENTITY", "KIND", "FLAGS", "EVIDENCE"] {
        assert!(header.contains(col), "{header}");
    }
    // the columns line up: every row has its ENTITY at the header's offset
    let at = header.find("ENTITY").unwrap();
    let rows: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("RELATION"))
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 6);
    for r in &rows {
        assert!(
            r.chars().nth(at).is_some_and(|c| c != ' '),
            "misaligned: {r}"
        );
    }
    let denial = rows
        .iter()
        .find(|r| r.contains("not support"))
        .expect("negated edge listed");
    assert!(
        denial.contains("Kanye West") && denial.contains("negated"),
        "{denial}"
    );
    assert!(
        denial.contains("[legend_west_b]") && denial.contains("didn’t support him"),
        "{denial}"
    );
    let biden = rows.iter().find(|r| r.contains("Joe Biden")).unwrap();
    assert!(biden.contains("-> outgoing"), "{biden}");
    // --kind filters
    let o = ok(&[
        "query",
        g.to_str().unwrap(),
        "neighbors",
        "west",
        "--kind",
        "disagreement",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("Kanye West (person, id kanye_west): 3 relations of kind disagreement"),
        "{out}"
    );
    assert!(
        !out.lines()
            .any(|l| l.starts_with("support") || l.starts_with("not support")),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn query_neighbors_json() {
    let dir = scratch("neighbors-json");
    let g = merged(&dir);
    let o = ok(&["query", g.to_str().unwrap(), "neighbors", "Trump", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    assert_eq!(v["entity"]["id"], "donald_trump");
    let ns = v["neighbors"].as_array().unwrap();
    assert_eq!(ns.len(), 2);
    assert_eq!(ns[0]["to"]["id"], "kanye_west");
    assert_eq!(ns[0]["kind"], "support");
    assert_eq!(ns[0]["direction"], "incoming");
    assert!(ns[0]["evidence"][0]["text"]
        .as_str()
        .unwrap()
        .contains("his supporting Trump"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn query_path_table_and_json() {
    let dir = scratch("path");
    let g = merged(&dir);
    let o = ok(&[
        "query",
        g.to_str().unwrap(),
        "path",
        "Chrissy Teigen",
        "the Trump campaign",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("path from Chrissy Teigen to the Trump campaign: 3 steps"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("STEP") && l.contains("EVIDENCE")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("3 ") && l.contains("<-") && l.contains("the Trump campaign")),
        "{out}"
    );

    let o = ok(&[
        "query",
        g.to_str().unwrap(),
        "path",
        "chrissy teigen",
        "Biden",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    let path = v["path"].as_array().expect("a path");
    let hops: Vec<(&str, &str)> = path
        .iter()
        .map(|h| (h["kind"].as_str().unwrap(), h["to"]["id"].as_str().unwrap()))
        .collect();
    assert_eq!(hops, [("family", "john_legend"), ("support", "joe_biden")]);

    // no path: not an error, said plainly
    let o = ok(&[
        "query",
        g.to_str().unwrap(),
        "path",
        "chrissy teigen",
        "Big Sean",
        "--kind",
        "family",
    ]);
    assert!(stdout(&o).contains("no path between Chrissy Teigen and Big Sean of kind family"));
    let o = ok(&[
        "query",
        g.to_str().unwrap(),
        "path",
        "chrissy teigen",
        "Big Sean",
        "--kind",
        "family",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["path"].is_null());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_name_lists_candidates() {
    let dir = scratch("unknown");
    let g = merged(&dir);
    let err = fails(&[
        "query",
        g.to_str().unwrap(),
        "neighbors",
        "Kanye Omari West",
    ]);
    assert!(err.contains("no entity named 'Kanye Omari West'"), "{err}");
    assert!(err.contains("Kanye West (person, id kanye_west)"), "{err}");
    let err = fails(&["query", g.to_str().unwrap(), "path", "Legend", "Sean Combs"]);
    assert!(err.contains("Big Sean (person, id big_sean)"), "{err}");
    let err = fails(&["query", g.to_str().unwrap(), "neighbors", "Zzyzx"]);
    assert!(err.contains("no entity named 'Zzyzx'"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_dot_to_stdout_and_file() {
    let a = fixture("legend_west_a.json");
    let o = ok(&["export", a.to_str().unwrap(), "--format", "dot"]);
    let dot = stdout(&o);
    assert!(dot.starts_with("digraph \"relgraph\" {"), "{dot}");
    assert!(
        dot.contains("\"john_legend\"[label=\"John Legend\" shape=ellipse"),
        "{dot}"
    );
    assert!(dot.contains("label=\"family (spouse)\""));
    assert!(
        dot.contains("\\\"sellout s***\\\""),
        "quotes in evidence are escaped"
    );
    assert!(dot.contains("subgraph \"cluster_legend\""));
    // default format without -o is dot; same bytes every time
    let again = ok(&["export", a.to_str().unwrap()]);
    assert_eq!(stdout(&again), dot);
    // negated edges only with --show-negated
    let b = fixture("legend_west_b.json");
    assert!(!stdout(&ok(&["export", b.to_str().unwrap()])).contains("not support"));
    assert!(
        stdout(&ok(&["export", b.to_str().unwrap(), "--show-negated"]))
            .contains("label=\"not support\"")
    );
    // format from the -o extension
    let dir = scratch("export-dot");
    let out = dir.join("g.gv");
    ok(&["export", a.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), dot);
    let json = dir.join("g.json");
    ok(&["export", a.to_str().unwrap(), "-o", json.to_str().unwrap()]);
    assert_eq!(read_json(&json)["nodes"].as_array().unwrap().len(), 6);
    let err = fails(&["export", a.to_str().unwrap(), "--format", "png"]);
    assert!(err.contains("-o"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn dot_on_path() -> bool {
    Command::new("dot").arg("-V").output().is_ok()
}

#[test]
fn export_svg_draws_the_graph() {
    assert!(
        dot_on_path(),
        "Graphviz 'dot' is not on PATH: install it (sudo apt-get install graphviz) to run this test"
    );
    let dir = scratch("export-svg");
    let g = merged(&dir);
    let out = dir.join("sub/graph.svg");
    let o = ok(&[
        "export",
        g.to_str().unwrap(),
        "--format",
        "svg",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains("wrote"));
    let svg = std::fs::read_to_string(&out).expect("svg written");
    assert!(svg.contains("<svg"), "not an SVG");
    for label in [
        "John Legend",
        "Kanye West",
        "Chrissy Teigen",
        "Donald Trump",
        "Joe Biden",
        "the Trump campaign",
    ] {
        assert!(svg.contains(label), "{label} missing from the SVG");
    }
    // no temporary file left beside it
    let left: Vec<_> = std::fs::read_dir(dir.join("sub"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    // a missing Graphviz is a clear error and writes nothing
    let missing = dir.join("none.svg");
    let o = Command::new(BIN)
        .args([
            "export",
            g.to_str().unwrap(),
            "-o",
            missing.to_str().unwrap(),
        ])
        .env("PATH", dir.join("empty-path"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "Graphviz 'dot' not found on PATH; install it with `sudo apt-get install graphviz`"
        ),
        "{}",
        stderr(&o)
    );
    assert!(!missing.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let bad = fixture("malformed.json");
    let good = fixture("legend_west_a.json");
    let bad_s = bad.to_str().unwrap();
    let want = format!("{bad_s}:4:44:");
    let dir = scratch("malformed");
    let out = dir.join("m.json");
    for args in [
        vec!["query", bad_s, "neighbors", "Legend"],
        vec!["export", bad_s, "--format", "dot"],
        vec![
            "merge",
            good.to_str().unwrap(),
            bad_s,
            "-o",
            out.to_str().unwrap(),
        ],
    ] {
        let err = fails(&args);
        assert!(err.contains(&want), "{args:?}: {err}");
        assert!(err.contains("not a valid graph JSON file"), "{err}");
    }
    assert!(!out.exists(), "a failed merge writes nothing");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_file_is_a_clear_error() {
    for args in [
        vec!["query", "no/such/graph.json", "neighbors", "Legend"],
        vec!["export", "no/such/graph.json"],
        vec!["merge", "no/such/graph.json"],
    ] {
        let err = fails(&args);
        assert!(
            err.contains("cannot read graph file no/such/graph.json: No such file"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn help_has_examples() {
    for cmd in ["merge", "query", "export"] {
        let o = ok(&[cmd, "--help"]);
        assert!(
            stdout(&o).contains("EXAMPLES:"),
            "{cmd} --help:\n{}",
            stdout(&o)
        );
    }
}

#[test]
fn ambiguous_name_lists_labels_and_kinds() {
    let g = fixture("two_bushes.json");
    let err = fails(&["query", g.to_str().unwrap(), "neighbors", "Bush"]);
    assert!(err.contains("the name 'Bush' is ambiguous"), "{err}");
    assert!(err.contains("George W. Bush (person, id george_w_bush)"), "{err}");
    assert!(err.contains("Jeb Bush (person, id jeb_bush)"), "{err}");
    // the full name settles it; "the" and case do not matter
    let o = ok(&["query", g.to_str().unwrap(), "path", "george w. bush", "REPUBLICAN PARTY"]);
    assert!(stdout(&o).contains("2 steps"), "{}", stdout(&o));
    let o = ok(&["query", g.to_str().unwrap(), "neighbors", "jeb bush"]);
    assert!(stdout(&o).contains("family (sibling)"), "{}", stdout(&o));
}
