//! The whole extraction of one document, as `relgraph extract FILE` does it:
//! read (decode, HTML), extract (in pieces when the text is larger than the
//! piece size), and write the graph JSON. Resources and models load once.
//!
//! The first byte: bit 0 names the input as HTML; bit 7 set forces pieces of
//! 16 to 1032 bytes (bits 1-6), to exercise the chunked path on small inputs.
//! Inputs are capped at 4 KiB to keep iterations fast.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relgraph::ingest::{read_input, ReadOptions};
use relgraph::pipeline::{extract_document, Options};
use relgraph::resources::Resources;
use std::sync::OnceLock;

fn resources() -> &'static Resources {
    static R: OnceLock<&'static Resources> = OnceLock::new();
    R.get_or_init(Resources::get)
}

/// The characters `start..end` of `text`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

fuzz_target!(|data: &[u8]| {
    if data.len() > 4096 {
        return;
    }
    let Some((&flags, bytes)) = data.split_first() else { return };
    let Ok(input) = read_input(bytes.to_vec(), ReadOptions { html: flags & 1 != 0, strict: false }) else { return };
    if input.text.trim().is_empty() {
        return;
    }
    let chunk = if flags & 0x80 != 0 { 16 + ((flags >> 1) & 0x3f) as usize * 16 } else { usize::MAX };
    let text = input.text.clone();
    let ex = extract_document("fuzz", input.text, resources(), Options::default(), chunk, |_| {});
    let total = text.chars().count();
    for (_, e) in ex.graph.entities() {
        for m in &e.mentions {
            assert!(m.start <= m.end && m.end <= total, "mention offsets inside the text");
            assert_eq!(chars(&text, m.start, m.end), &*m.text, "mention offsets slice the text");
        }
    }
    for r in ex.graph.relations() {
        for ev in &r.relation.evidence {
            assert!(ev.start <= ev.end && ev.end <= total, "evidence offsets inside the text");
            assert_eq!(chars(&text, ev.start, ev.end), ev.text, "evidence offsets slice the text");
        }
    }
    let json = relgraph::graph::to_json_value(&ex.graph).to_string();
    assert!(json.starts_with('{'));
});
