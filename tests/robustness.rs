//! Bad input: the real binary on broken, odd and hostile files. Each case
//! checks the message and the exit status, and that nothing partial is left.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("relgraph-robust-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn extract(args: &[&Path], extra: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_relgraph"));
    c.arg("extract");
    for a in args {
        c.arg(a);
    }
    c.args(extra).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn graph(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stderr(o)))
}

fn labels(g: &serde_json::Value) -> Vec<String> {
    g["nodes"].as_array().unwrap().iter().map(|n| n["label"].as_str().unwrap().to_string()).collect()
}

const TEXT: &str = "Kanye West praised John Legend. Legend later criticized West.";

#[test]
fn invalid_utf8_is_decoded_with_a_warning_or_rejected_with_strict() {
    let d = tmpdir("utf8");
    let f = d.join("bad.txt");
    let mut bytes = TEXT.as_bytes().to_vec();
    bytes.splice(10..10, [0xFF, 0xFE, 0x80]);
    std::fs::write(&f, &bytes).unwrap();
    let o = extract(&[&f], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("bad.txt: invalid UTF-8 at byte 10"), "{}", stderr(&o));
    assert!(labels(&graph(&o)).contains(&"John Legend".to_string()));
    let o = extract(&[&f], &["--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("rejected because of --strict"));
    assert!(o.stdout.is_empty());
}

#[test]
fn boms_utf16_and_line_endings() {
    let d = tmpdir("enc");
    let bom = d.join("bom.txt");
    std::fs::write(&bom, [&[0xEF, 0xBB, 0xBF][..], TEXT.as_bytes()].concat()).unwrap();
    let utf16 = d.join("utf16.txt");
    let mut b = vec![0xFF, 0xFE];
    for u in TEXT.encode_utf16() {
        b.extend(u.to_le_bytes());
    }
    std::fs::write(&utf16, b).unwrap();
    let crlf = d.join("crlf.txt");
    std::fs::write(&crlf, "Headline\r\n\r\nKanye West praised John Legend.\rLegend later criticized West.\r\n").unwrap();
    for f in [&bom, &utf16, &crlf] {
        let o = extract(&[f], &[]);
        assert!(o.status.success(), "{}: {}", f.display(), stderr(&o));
        let g = graph(&o);
        let l = labels(&g);
        assert!(l.contains(&"Kanye West".to_string()) && l.contains(&"John Legend".to_string()), "{}: {l:?}", f.display());
        assert!(g["edges"].as_array().unwrap().iter().any(|e| e["kind"] == "support"), "{}", f.display());
    }
}

#[test]
fn binary_and_empty_files_are_reported_and_good_ones_still_written() {
    let d = tmpdir("bin");
    let bin = d.join("image.txt");
    std::fs::write(&bin, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3]).unwrap();
    let empty = d.join("empty.txt");
    std::fs::write(&empty, "  \n\t\n").unwrap();
    let good = d.join("good.txt");
    std::fs::write(&good, TEXT).unwrap();
    let out = d.join("graphs");
    let o = extract(&[&bin, &empty, &good], &["-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("image.txt: looks like a binary file"), "{err}");
    assert!(err.contains("empty.txt: the file is empty"), "{err}");
    assert!(err.contains("2 of 3 inputs failed"), "{err}");
    assert!(out.join("good.json").exists());
    assert!(!out.join("image.json").exists() && !out.join("empty.json").exists());
    // no temporary files left behind
    assert!(std::fs::read_dir(&out).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp")));
}

#[test]
fn a_huge_unpunctuated_sentence_and_deep_nesting_finish() {
    let d = tmpdir("long");
    let f = d.join("long.txt");
    let mut text = String::from("Kanye West praised John Legend ");
    for i in 0..50_000 {
        text.push_str(["and ", "then ", "word ", "Legend "][i % 4]);
    }
    text.push_str(&"(".repeat(5_000));
    text.push_str(&"\u{201c}".repeat(2_000));
    text.push_str(" Big Sean ");
    text.push_str(&")".repeat(5_000));
    std::fs::write(&f, text).unwrap();
    let o = extract(&[&f], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(labels(&graph(&o)).contains(&"Kanye West".to_string()));
}

#[test]
fn unreadable_output_location_is_an_error_naming_it() {
    let d = tmpdir("out");
    let f = d.join("a.txt");
    std::fs::write(&f, TEXT).unwrap();
    let blocker = d.join("file");
    std::fs::write(&blocker, "x").unwrap();
    let o = extract(&[&f], &["-o", blocker.join("sub/graph.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("graph.json"), "{}", stderr(&o));
}
