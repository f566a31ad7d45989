//! Replays what the fuzz targets (`fuzz/fuzz_targets/`) do on every input in
//! `tests/fuzz_regressions/TARGET/` (inputs that once crashed or hung a
//! target) and on the seed corpus `fuzz/seeds/TARGET/`, so a fixed crash
//! stays fixed without nightly Rust or cargo-fuzz. See docs/fuzzing.md.

use relgraph::doc::{Document, Span};
use relgraph::ingest::{read_input, ReadOptions};
use relgraph::pipeline::{extract_document, Options};
use relgraph::resources::Resources;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The files of `tests/fuzz_regressions/TARGET/` and `fuzz/seeds/TARGET/`.
fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("tests/fuzz_regressions").join(target), root.join("fuzz/seeds").join(target)] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep" && n != "README.md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Runs `f` on every input of `target`; each must finish within a time limit
/// that a hang would exceed (generous: debug builds are slow).
fn replay(target: &str, f: impl Fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no inputs for {target}");
    for p in files {
        let bytes = std::fs::read(&p).unwrap();
        let clock = Instant::now();
        f(&bytes);
        assert!(clock.elapsed() < Duration::from_secs(60), "{} took {:?}", p.display(), clock.elapsed());
    }
}

fn check_segmented(doc: &Document) {
    let mut last = 0;
    for s in &doc.sentences {
        assert!(s.span.end <= doc.text.len() && doc.text.is_char_boundary(s.span.start) && doc.text.is_char_boundary(s.span.end));
        for t in &s.tokens {
            assert!(t.span.start >= last && t.span.start < t.span.end && s.span.contains(t.span));
            assert!(doc.text.is_char_boundary(t.span.start) && doc.text.is_char_boundary(t.span.end));
            last = t.span.end;
        }
    }
}

#[test]
fn ingest_inputs() {
    let res = Resources::get();
    replay("ingest", |data| {
        let Some((&flags, bytes)) = data.split_first() else { return };
        let Ok(input) = read_input(bytes.to_vec(), ReadOptions { html: flags & 1 != 0, strict: flags & 2 != 0 }) else { return };
        let doc = relgraph::ingest::ingest("fuzz", input.text, &res.furniture);
        for p in &doc.paragraphs {
            assert!(p.end <= doc.text.len() && doc.text.is_char_boundary(p.start) && doc.text.is_char_boundary(p.end));
        }
        for h in &doc.dropped {
            assert!(doc.paragraphs.iter().any(|p| p.contains(*h)), "a dropped range lies in a kept paragraph");
        }
        let pieces: Vec<_> = relgraph::ingest::chunk::chunks(&doc.text, 1 + (flags >> 2) as usize * 4).collect();
        assert_eq!(pieces.last().map_or(0, |r| r.end), doc.text.len());
    });
}

#[test]
fn segment_inputs() {
    let res = Resources::get();
    replay("segment", |data| {
        let Ok(text) = std::str::from_utf8(data) else { return };
        let mut whole = Document::new("fuzz", text);
        whole.paragraphs = vec![Span::new(0, text.len())];
        relgraph::text::segment(&mut whole, &res.lexicon.abbreviations);
        check_segmented(&whole);
        let mut doc = relgraph::ingest::ingest("fuzz", text.to_string(), &res.furniture);
        relgraph::text::segment(&mut doc, &res.lexicon.abbreviations);
        check_segmented(&doc);
    });
}

#[test]
fn extract_inputs() {
    let res = Resources::get();
    replay("extract", |data| {
        let Some((&flags, bytes)) = data.split_first() else { return };
        let Ok(input) = read_input(bytes.to_vec(), ReadOptions { html: flags & 1 != 0, strict: false }) else { return };
        if input.text.trim().is_empty() {
            return;
        }
        let chunk = if flags & 0x80 != 0 { 16 + ((flags >> 1) & 0x3f) as usize * 16 } else { usize::MAX };
        let text = input.text.clone();
        let ex = extract_document("fuzz", input.text, res, Options::default(), chunk, |_| {});
        let chars: Vec<char> = text.chars().collect();
        for (_, e) in ex.graph.entities() {
            for m in &e.mentions {
                assert_eq!(chars[m.start..m.end].iter().collect::<String>(), &*m.text);
            }
        }
        for r in ex.graph.relations() {
            for ev in &r.relation.evidence {
                assert_eq!(chars[ev.start..ev.end].iter().collect::<String>(), ev.text);
            }
        }
    });
}

#[test]
fn graph_json_inputs() {
    let dir = std::env::temp_dir().join(format!("relgraph-fuzz-regressions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("g.json");
    replay("graph_json", |data| {
        std::fs::write(&path, data).unwrap();
        let Ok(g) = relgraph::graph::read_json_file(&path) else { return };
        let json = relgraph::graph::to_json_value(&g).to_string();
        std::fs::write(&path, json).unwrap();
        let back = relgraph::graph::read_json_file(&path).expect("a written graph reads back");
        let merged = relgraph::graph::merge([g, back]);
        let _ = relgraph::query::top(&merged, relgraph::query::RankBy::Betweenness, 5);
        let opts = relgraph::export::DotOptions { show_negated: true, layout: None, title: None };
        for f in [relgraph::export::Format::Json, relgraph::export::Format::Dot, relgraph::export::Format::Graphml, relgraph::export::Format::Csv] {
            relgraph::export::graph_bytes(&merged, f, &opts).unwrap();
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
}
