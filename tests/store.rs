//! End-to-end tests of `relgraph build`, `stats`, `query --db`, `export --db`
//! and `extract --jsonl`, running the built binary on real texts (copied from
//! `data/samples/`) and on hand-written graph fragments.

use relgraph::store::Store;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_relgraph");

fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("relgraph-store-{}-{}", test, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run relgraph")
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run relgraph");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

fn ok(args: &[&str]) -> Output {
    let o = run(args);
    assert!(o.status.success(), "relgraph {args:?} failed:\n{}{}", text(&o.stdout), text(&o.stderr));
    o
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_slice(&ok(args).stdout).expect("JSON output")
}

fn sample() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/seed_legend_west.txt");
    std::fs::read_to_string(p).expect("sample article")
}

/// Variants of the sample article: different content, same people.
fn variant(i: usize) -> String {
    format!("{}\n\nEditor's note {i}: this article was updated.\n", sample())
}

fn stats(db: &Path) -> Value {
    json_of(&["stats", "--db", db.to_str().unwrap(), "--json"])
}

#[test]
fn directory_build_is_incremental_and_idempotent() {
    let d = scratch("incremental");
    let corpus = d.join("corpus");
    std::fs::create_dir_all(corpus.join("sub")).unwrap();
    std::fs::write(corpus.join("a.txt"), variant(1)).unwrap();
    std::fs::write(corpus.join("sub/b.md"), variant(2)).unwrap();
    std::fs::write(corpus.join("ignored.csv"), "x,y").unwrap();
    let db = d.join("g.db");
    let dbs = db.to_str().unwrap();
    let o = ok(&["build", corpus.to_str().unwrap(), "--db", dbs]);
    assert!(text(&o.stderr).contains("2 added"), "{}", text(&o.stderr));
    let first = stats(&db);
    assert_eq!(first["documents"], 2);
    assert!(first["entities"].as_u64().unwrap() >= 3);
    // a third document, as HTML
    let html = format!("<html><head><title>T</title></head><body><p>{}</p></body></html>", variant(3).replace('\n', "<br>"));
    std::fs::write(corpus.join("c.html"), html).unwrap();
    let o = ok(&["build", corpus.to_str().unwrap(), "--db", dbs, "--threads", "1"]);
    assert!(text(&o.stderr).contains("1 added, 0 replaced, 2 unchanged"), "{}", text(&o.stderr));
    let second = stats(&db);
    assert_eq!(second["documents"], 3);
    // same people across documents: one node each (the HTML text differs
    // slightly, so a few new names may appear), more evidence
    assert!(second["entities"].as_u64().unwrap() < 2 * first["entities"].as_u64().unwrap());
    assert!(second["evidence"].as_u64() > first["evidence"].as_u64());
    // re-adding everything changes nothing
    let o = ok(&["build", corpus.to_str().unwrap(), "--db", dbs]);
    assert!(text(&o.stderr).contains("0 added, 0 replaced, 3 unchanged"), "{}", text(&o.stderr));
    assert_eq!(stats(&db), second);
    // an edited document replaces its old version
    std::fs::write(corpus.join("a.txt"), variant(4)).unwrap();
    let o = ok(&["build", corpus.join("a.txt").to_str().unwrap(), "--db", dbs]);
    assert!(text(&o.stderr).contains("0 added, 1 replaced"), "{}", text(&o.stderr));
    assert_eq!(stats(&db)["documents"], 3);
}

#[test]
fn json_lines_from_a_file_a_glob_and_stdin() {
    let d = scratch("jsonl");
    let lines: Vec<String> = (0..3)
        .map(|i| json!({"id": format!("doc{i}"), "text": variant(10 + i), "title": "t", "date": format!("202{i}-01-01")}).to_string())
        .collect();
    std::fs::write(d.join("docs.jsonl"), lines.join("\n\n") + "\n").unwrap();
    let db = d.join("g.db");
    let dbs = db.to_str().unwrap();
    let pattern = format!("{}/*.jsonl", d.display());
    ok(&["build", &pattern, "--db", dbs]);
    assert_eq!(stats(&db)["documents"], 3);
    let db2 = d.join("stdin.db");
    let o = run_stdin(&["build", "-", "--db", db2.to_str().unwrap()], &(lines[0].clone() + "\n"));
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(stats(&db2)["documents"], 1);
    // the date filter of export sees the documents' dates
    let out = d.join("since.json");
    ok(&["export", "--db", dbs, "--since", "2021-06-01", "--format", "json", "-o", out.to_str().unwrap()]);
    let g: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(g["graph"]["documents"], json!(["doc2"]));
}

#[test]
fn bad_files_are_reported_and_the_others_added() {
    let d = scratch("bad");
    let corpus = d.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("good.txt"), variant(20)).unwrap();
    std::fs::write(corpus.join("binary.txt"), [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 0, 0, 255, 0]).unwrap();
    std::fs::write(corpus.join("empty.txt"), "  \n").unwrap();
    let mut latin1 = variant(21).into_bytes();
    latin1.extend_from_slice(b"Caf\xe9 au lait.\n");
    std::fs::write(corpus.join("latin1.txt"), latin1).unwrap();
    let db = d.join("g.db");
    let o = run(&["build", corpus.to_str().unwrap(), "no/such/file.txt", "--db", db.to_str().unwrap()]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("binary.txt: looks like a binary file"), "{err}");
    assert!(err.contains("no/such/file.txt: no such file"), "{err}");
    assert!(err.contains("latin1.txt: invalid UTF-8"), "{err}");
    assert!(err.contains("empty.txt: empty document"), "{err}");
    assert!(err.contains("2 added") && err.contains("2 failed"), "{err}");
    assert_eq!(stats(&db)["documents"], 2);
}

#[test]
fn an_interrupted_build_leaves_a_consistent_store() {
    let d = scratch("interrupt");
    let total = 1500;
    let mut jsonl = String::new();
    for i in 0..total {
        jsonl.push_str(&json!({"id": format!("d{i}"), "text": variant(1000 + i)}).to_string());
        jsonl.push('\n');
    }
    let input = d.join("many.jsonl");
    std::fs::write(&input, jsonl).unwrap();
    let db = d.join("g.db");
    let args = ["build", input.to_str().unwrap(), "--db", db.to_str().unwrap(), "--batch", "4"];
    let mut child = Command::new(BIN).args(args).stderr(Stdio::null()).spawn().unwrap();
    let clock = std::time::Instant::now();
    let mut seen = 0;
    while clock.elapsed().as_secs() < 60 && seen < 40 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        if db.exists() {
            if let Ok(s) = Store::open(&db) {
                seen = s.stats().map(|s| s.documents).unwrap_or(0);
            }
        }
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the build finished before it could be interrupted");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    let s = store.stats().unwrap();
    assert!(s.documents >= 40 && s.documents < total as u64, "{} documents", s.documents);
    assert_eq!(s.documents % 4, 0, "whole batches only");
    assert!(s.evidence >= s.documents, "every document's evidence is there");
    drop(store);
    // finishing the build adds the rest
    let o = ok(&args);
    let err = text(&o.stderr);
    assert!(err.contains(&format!("{} added", total as u64 - s.documents)), "{err}");
    assert_eq!(stats(&db)["documents"], total);
}

/// A graph fragment line for one document.
fn fragment(doc: &str, people: &[(&str, &[&str])], edges: &[(usize, usize, &str)]) -> String {
    let slug = |s: &str| s.to_lowercase().replace(['.', ' '], "_").replace("__", "_");
    let nodes: Vec<Value> = people
        .iter()
        .map(|(label, aliases)| json!({"id": slug(label), "kind": "person", "label": label, "aliases": aliases,
            "mentions": [{"doc": doc, "start": 0, "end": label.len(), "text": label}]}))
        .collect();
    let edges: Vec<Value> = edges
        .iter()
        .map(|(a, b, kind)| json!({"source": slug(people[*a].0), "target": slug(people[*b].0), "kind": kind,
            "directed": *kind == "support", "negated": false, "ended": false, "confidence": 0.9,
            "evidence": [{"doc": doc, "text": format!("{} and {} ({kind})", people[*a].0, people[*b].0), "start": 0, "end": 10}]}))
        .collect();
    json!({"document": {"id": doc, "hash": format!("hash-{doc}"), "words": 100}, "nodes": nodes, "edges": edges}).to_string()
}

/// A store of five hand-written documents about the Bushes and others.
fn bush_store(d: &Path) -> PathBuf {
    let lines = [
        fragment("a", &[("George W. Bush", &["Bush"]), ("Laura Bush", &["Laura"]), ("Dick Cheney", &["Cheney"])], &[(0, 1, "family"), (2, 0, "support")]),
        fragment("b", &[("Jeb Bush", &["Bush"]), ("Marco Rubio", &["Rubio"])], &[(0, 1, "disagreement")]),
        fragment("c", &[("Bush", &[]), ("Karl Rove", &["Rove"])], &[(1, 0, "support")]),
        fragment("d", &[("Cheney", &[]), ("George W. Bush", &[])], &[(0, 1, "support"), (0, 1, "collaboration")]),
        fragment("e", &[("Rubio", &[]), ("Karl Rove", &[])], &[(1, 0, "collaboration")]),
    ];
    let frags = d.join("fragments.jsonl");
    std::fs::write(&frags, lines.join("\n") + "\n").unwrap();
    let db = d.join("bush.db");
    ok(&["build", "--from-fragments", frags.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    db
}

#[test]
fn two_bushes_stay_apart_across_documents() {
    let d = scratch("bushes");
    let db = bush_store(&d);
    let dbs = db.to_str().unwrap();
    let s = stats(&db);
    assert_eq!(s["documents"], 5);
    // George W., Laura, Jeb, the bare Bush, Cheney, Rubio, Rove
    assert_eq!(s["entities"], 7);
    let george = json_of(&["query", "--db", dbs, "entity", "George W. Bush", "--json"]);
    assert_eq!(george["documents"], json!(["a", "d"]));
    let cheney = json_of(&["query", "--db", dbs, "entity", "Cheney", "--json"]);
    assert_eq!(cheney["documents"], json!(["a", "d"]), "short name joined the unique full name");
    let jeb = json_of(&["query", "--db", dbs, "entity", "Jeb Bush", "--json"]);
    assert_eq!(jeb["documents"], json!(["b"]));
    // the bare "Bush" is its own entity; it did not join either Bush
    let bare = json_of(&["query", "--db", dbs, "neighbors", "bush", "--json"]);
    assert_eq!(bare["entity"]["id"], "bush");
    assert_eq!(bare["neighbors"][0]["to"]["id"], "karl_rove");
    // re-adding the fragments changes nothing
    let o = ok(&["build", "--from-fragments", d.join("fragments.jsonl").to_str().unwrap(), "--db", dbs]);
    assert!(text(&o.stderr).contains("5 unchanged"), "{}", text(&o.stderr));
    assert_eq!(stats(&db), s);
}

#[test]
fn every_query_form_on_a_store() {
    let d = scratch("queries");
    let db = bush_store(&d);
    let dbs = db.to_str().unwrap();
    let q = |args: &[&str]| {
        let mut all = vec!["query", "--db", dbs];
        all.extend_from_slice(args);
        json_of(&all)
    };
    let n = q(&["neighbors", "Cheney", "--json"]);
    assert_eq!(n["neighbors"].as_array().unwrap().len(), 2, "{n}");
    let deep = q(&["neighbors", "Laura Bush", "--depth", "2", "--json"]);
    let far: Vec<&str> = deep["neighbors"].as_array().unwrap().iter().filter(|h| h["distance"] == 2).map(|h| h["to"]["id"].as_str().unwrap()).collect();
    assert!(far.contains(&"dick_cheney"), "{deep}");
    let p = q(&["path", "Laura Bush", "Cheney", "--json"]);
    assert_eq!(p["path"].as_array().unwrap().len(), 2);
    let p = q(&["path", "Laura Bush", "Cheney", "--max-len", "1", "--json"]);
    assert_eq!(p["path"], Value::Null);
    let b = q(&["between", "Cheney", "George W. Bush", "--json"]);
    let rels = b["relations"].as_array().unwrap();
    assert_eq!(rels.len(), 2, "{b}");
    let support = rels.iter().find(|r| r["kind"] == "support").unwrap();
    assert_eq!(support["evidence"].as_array().unwrap().len(), 2, "evidence of both documents");
    let e = q(&["entity", "Karl Rove", "--json"]);
    assert_eq!((e["degree"].as_u64(), e["kind"].as_str()), (Some(2), Some("person")));
    for by in ["degree", "documents", "betweenness"] {
        let t = q(&["top", "--by", by, "--limit", "3", "--json"]);
        assert_eq!(t["entities"].as_array().unwrap().len(), 3, "{t}");
    }
    let t = q(&["top", "--by", "degree", "--limit", "1", "--json"]);
    assert_eq!(t["entities"][0]["id"], "george_w_bush");
    // tables too
    let o = ok(&["query", "--db", dbs, "top", "--by", "betweenness"]);
    assert!(text(&o.stdout).starts_with("RANK"));
    let o = ok(&["query", "--db", dbs, "between", "Cheney", "George W. Bush"]);
    assert!(text(&o.stdout).contains("[a] \"Dick Cheney and George W. Bush (support)\""), "{}", text(&o.stdout));
    // an unknown name fails with exit 1
    assert_eq!(run(&["query", "--db", dbs, "entity", "Zzyzx"]).status.code(), Some(1));
    // export with subgraph selection
    let out = d.join("sub.json");
    let outs = out.to_str().unwrap();
    let load = || -> Value { serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap() };
    ok(&["export", "--db", dbs, "--around", "Laura Bush", "--depth", "1", "--format", "json", "-o", outs]);
    assert_eq!(load()["nodes"].as_array().unwrap().len(), 2);
    ok(&["export", "--db", dbs, "--kind", "collaboration", "--format", "json", "-o", outs]);
    assert_eq!(load()["edges"].as_array().unwrap().len(), 2);
    ok(&["export", "--db", dbs, "--min-evidence", "2", "--format", "json", "-o", outs]);
    assert_eq!(load()["edges"].as_array().unwrap().len(), 1);
    let o = ok(&["stats", "--db", dbs]);
    assert!(text(&o.stdout).contains("documents  5"), "{}", text(&o.stdout));
}

#[test]
fn extract_jsonl_fragments_build_the_same_store() {
    let d = scratch("fragments");
    let input: String = (0..3).map(|i| json!({"id": format!("f{i}"), "text": variant(30 + i)}).to_string() + "\n").collect();
    let o = run_stdin(&["extract", "--jsonl"], &(input.clone() + "{\"id\": \"broken\"}\n"));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let frags = text(&o.stdout);
    assert_eq!(frags.lines().count(), 4);
    assert!(frags.lines().last().unwrap().contains("\"error\""));
    let f = d.join("frags.jsonl");
    std::fs::write(&f, &frags).unwrap();
    let db = d.join("g.db");
    let o = run(&["build", "--from-fragments", f.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("3 added") && text(&o.stderr).contains("1 failed"), "{}", text(&o.stderr));
    let s = stats(&db);
    assert_eq!(s["documents"], 3);
    // the same documents as text are the same content: nothing new
    let o = run_stdin(&["build", "-", "--db", db.to_str().unwrap()], &input);
    assert!(text(&o.stderr).contains("3 unchanged"), "{}", text(&o.stderr));
}
