//! End-to-end: `relgraph extract --debug` on the sample article of the shared
//! corpus, run as the real binary: every way the article refers to John
//! Legend ends in one node.

use std::path::PathBuf;
use std::process::Command;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seed_legend_west.txt");

/// The `--debug` report of the seed article and its JSON graph.
fn extract_seed() -> (String, serde_json::Value) {
    let out_file: PathBuf = std::env::temp_dir().join(format!("relgraph-coref-seed-{}.json", std::process::id()));
    let out = Command::new(env!("CARGO_BIN_EXE_relgraph")).args(["extract", SEED, "--debug", "-o"]).arg(&out_file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let graph = serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    let _ = std::fs::remove_file(&out_file);
    (String::from_utf8(out.stderr).unwrap(), graph)
}

/// (mention text, form, quoted, chain labels) of every mention line of the report.
fn mentions(report: &str) -> Vec<(String, String, bool, String)> {
    report
        .lines()
        .filter(|l| l.starts_with("    ") && l.contains(" -> "))
        .filter_map(|l| {
            let (left, chains) = l.trim().rsplit_once(" -> ")?;
            let quoted = left.ends_with("(quoted)");
            let left = left.trim_end_matches("(quoted)").trim_end();
            let (text, form) = left.rsplit_once(' ')?;
            Some((text.trim().to_string(), form.to_string(), quoted, chains.to_string()))
        })
        .collect()
}

#[test]
fn every_reference_to_john_legend_is_one_node() {
    let (report, graph) = extract_seed();
    let text = std::fs::read_to_string(SEED).unwrap();
    let ms = mentions(&report);
    let legend = "John Legend (person)";
    let of = |t: &str| ms.iter().filter(|m| m.0 == t).collect::<Vec<_>>();
    // "Legend" and the real name "John Stephens" (both occur in the text)
    assert!(text.contains("John Stephens"));
    assert!(!of("Legend").is_empty() && of("Legend").iter().all(|m| m.3 == legend), "{:?}", of("Legend"));
    assert!(of("John Stephens").iter().all(|m| m.3 == legend) && !of("John Stephens").is_empty(), "{:?}", of("John Stephens"));
    // "the singer" / "The singer" / "the EGOT-winning singer"
    let singers: Vec<_> = ms.iter().filter(|m| m.1 == "desc:singer").collect();
    assert!(singers.len() >= 2 && singers.iter().all(|m| m.3 == legend), "{singers:?}");
    // "I" inside his quotations (19 of them); the two in West's one quotation
    // ("I don't rock with neither of them and I need my apologies," he said) are West's
    let quoted_i: Vec<_> = ms.iter().filter(|m| m.0 == "I" && m.2).collect();
    let his = quoted_i.iter().filter(|m| m.3 == legend).count();
    assert_eq!(his, 19, "{quoted_i:?}");
    let others: Vec<&str> = quoted_i.iter().filter(|m| m.3 != legend).map(|m| m.3.as_str()).collect();
    assert_eq!(others, ["Kanye West (person)"; 2]);
    // one node carries the names
    let nodes = graph["nodes"].as_array().unwrap();
    let node = nodes.iter().find(|n| n["label"] == "John Legend").expect("a John Legend node");
    let aliases: Vec<&str> = node["aliases"].as_array().unwrap().iter().filter_map(|a| a.as_str()).collect();
    assert!(aliases.contains(&"Legend") && aliases.contains(&"John Stephens"), "{aliases:?}");
    assert!(!nodes.iter().any(|n| n["label"] == "John Stephens" || n["label"] == "Legend"), "a second node for Legend");
}
