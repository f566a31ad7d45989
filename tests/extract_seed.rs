//! End-to-end: `relgraph extract` on the sample article, run as the real binary.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples/seed_legend_west.txt");

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_relgraph"))
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("relgraph-e2e-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn extract_sample() -> Value {
    let out = bin().args(["extract", SAMPLE]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn node<'a>(g: &'a Value, label: &str) -> &'a Value {
    g["nodes"].as_array().unwrap().iter().find(|n| n["label"] == label).unwrap_or_else(|| panic!("no node {label}: {g}"))
}

fn edges<'a>(g: &'a Value, a: &str, b: &str, kind: &str) -> Vec<&'a Value> {
    let (ia, ib) = (node(g, a)["id"].clone(), node(g, b)["id"].clone());
    g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == kind && ((e["source"] == ia && e["target"] == ib) || (e["source"] == ib && e["target"] == ia)))
        .collect()
}

#[test]
fn names_of_one_person_are_one_node() {
    let g = extract_sample();
    let legend = node(&g, "John Legend");
    let aliases: Vec<&str> = legend["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert!(aliases.contains(&"Legend") && aliases.contains(&"John Stephens"), "{aliases:?}");
    let west = node(&g, "Kanye West");
    assert!(west["aliases"].as_array().unwrap().iter().any(|a| a == "West"));
    assert_eq!(node(&g, "Democratic Party")["kind"], "organization");
    assert_eq!(node(&g, "Fox News")["kind"], "organization");
    // mention offsets are character offsets that slice the original text
    let text: Vec<char> = std::fs::read_to_string(SAMPLE).unwrap().chars().collect();
    for m in legend["mentions"].as_array().unwrap() {
        let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
        assert_eq!(text[s..e].iter().collect::<String>(), m["text"].as_str().unwrap());
    }
}

#[test]
fn friendship_ended_spouse_and_negated_support() {
    let g = extract_sample();
    let friends = edges(&g, "John Legend", "Kanye West", "friendship");
    assert!(friends.iter().any(|e| e["ended"] == true && e["negated"] == false), "{friends:?}");
    let family = edges(&g, "John Legend", "Chrissy Teigen", "family");
    assert_eq!(family.len(), 1);
    assert_eq!(family[0]["role"], "spouse");
    assert_eq!(family[0]["directed"], false);
    let support = edges(&g, "John Legend", "Kanye West", "support");
    let denied = support.iter().find(|e| e["negated"] == true).expect("the denied support is extracted");
    assert_eq!(denied["source"], node(&g, "John Legend")["id"]);
    let ev = denied["evidence"][0]["text"].as_str().unwrap();
    assert!(ev.contains("support him"), "{ev}");
}

#[test]
fn page_furniture_and_credits_are_not_in_the_graph() {
    let g = extract_sample();
    let all = g.to_string();
    assert!(!all.contains("Oops") && !all.contains("REUTERS") && !all.contains("Moloshok"), "furniture leaked");
}

#[test]
fn dot_and_svg_carry_the_labels() {
    let d = tmpdir("svg");
    let out = bin().args(["extract", SAMPLE, "--format", "dot"]).output().unwrap();
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.contains("digraph") && dot.contains("Kanye West"), "{dot}");
    let svg = d.join("seed.svg");
    let out = bin().args(["extract", SAMPLE, "-o"]).arg(&svg).output().unwrap();
    assert!(out.status.success(), "is Graphviz installed (scripts/deps.sh)? {}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<svg") && text.contains("John Legend") && text.contains("Chrissy Teigen"));
}

#[test]
fn several_inputs_go_to_a_directory_and_stdin_works() {
    let d = tmpdir("multi");
    let other = d.join("second.txt");
    std::fs::write(&other, "Alice Walker praised Toni Morrison. Walker and Morrison were close friends.\n").unwrap();
    let out_dir = d.join("graphs");
    let st = bin().args(["extract", SAMPLE]).arg(&other).arg("-o").arg(&out_dir).status().unwrap();
    assert!(st.success());
    assert!(out_dir.join("seed_legend_west.json").exists());
    let g: Value = serde_json::from_slice(&std::fs::read(out_dir.join("second.json")).unwrap()).unwrap();
    assert_eq!(edges(&g, "Alice Walker", "Toni Morrison", "support").len(), 1);
    assert_eq!(edges(&g, "Alice Walker", "Toni Morrison", "friendship").len(), 1);
    // --sync flushes each file before the rename: the same files, and no temporary one left
    let synced = d.join("synced");
    let st = bin().args(["extract", SAMPLE]).arg(&other).arg("-o").arg(&synced).arg("--sync").status().unwrap();
    assert!(st.success());
    for name in ["seed_legend_west.json", "second.json"] {
        assert_eq!(std::fs::read(synced.join(name)).unwrap(), std::fs::read(out_dir.join(name)).unwrap(), "{name}");
    }
    for dir in [&out_dir, &synced] {
        let names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    let mut child = bin().args(["extract", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"Barack Obama endorsed Joe Biden.\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let g: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(edges(&g, "Barack Obama", "Joe Biden", "support").len(), 1);
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = bin().args(["extract", "/no/such/article.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/article.txt") && err.contains("No such file"), "{err}");
}

#[test]
fn bad_usage_exits_2() {
    let out = bin().args(["extract"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn same_input_same_bytes() {
    let d1 = tmpdir("det1");
    let d2 = tmpdir("det2");
    for d in [&d1, &d2] {
        let st = bin().current_dir(env!("CARGO_MANIFEST_DIR")).args(["extract", SAMPLE, "../shared/corpus/gum/bio_enfant.txt", "-o"]).arg(d).status().unwrap();
        assert!(st.success());
    }
    for f in ["seed_legend_west.json", "bio_enfant.json"] {
        assert_eq!(std::fs::read(d1.join(f)).unwrap(), std::fs::read(d2.join(f)).unwrap(), "{f} differs between runs");
    }
}

/// Every gold relation of `../shared/eval/dev/seed_legend_west.json` that the
/// rules find, with its direction where the kind has one.
#[test]
fn gold_relations_the_rules_find() {
    let g = extract_sample();
    let directed = |a: &str, b: &str, kind: &str| {
        let src = node(&g, a)["id"].clone();
        edges(&g, a, b, kind).iter().any(|e| e["source"] == src && e["negated"] == false)
    };
    for (a, kind, b) in [
        ("Kanye West", "disagreement", "Big Sean"),
        ("John Legend", "support", "Democratic Party"),
        ("Big Sean", "support", "Democratic Party"),
        ("Kanye West", "support", "Donald Trump"),
        ("John Legend", "support", "Joe Biden"),
        ("Kanye West", "participation", "2020 presidential bid"),
        ("Kanye West", "participation", "2006 Grammys after-party"),
        ("John Legend", "participation", "2006 Grammys after-party"),
        ("John Legend", "participation", "interview with the New Yorker"),
        ("John Legend", "participation", "August episode of David Axelrod's The Axe Files"),
        ("David Axelrod", "participation", "August episode of David Axelrod's The Axe Files"),
    ] {
        assert!(directed(a, b, kind), "{a} {kind} {b} missing");
    }
    // the pair's disagreement is found, whichever way it is stated
    assert!(!edges(&g, "Kanye West", "John Legend", "disagreement").is_empty());
}
