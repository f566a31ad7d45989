//! Tokenizer and sentence splitter on arbitrary UTF-8: the whole input as one
//! paragraph, and the paragraphs (with dropped ranges) that ingest finds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relgraph::doc::{Document, Span};
use relgraph::resources::Resources;

/// Every token and sentence lies inside the text, on character boundaries, in order.
fn check(doc: &Document) {
    let mut last = 0;
    for s in &doc.sentences {
        assert!(s.span.start <= s.span.end && s.span.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(s.span.start) && doc.text.is_char_boundary(s.span.end));
        for t in &s.tokens {
            assert!(t.span.start >= last, "tokens out of order");
            assert!(t.span.start < t.span.end && t.span.end <= doc.text.len(), "bad token span");
            assert!(doc.text.is_char_boundary(t.span.start) && doc.text.is_char_boundary(t.span.end));
            assert!(s.span.contains(t.span), "token outside its sentence");
            last = t.span.end;
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let res = Resources::get();
    let mut whole = Document::new("fuzz", text);
    whole.paragraphs = vec![Span::new(0, text.len())];
    relgraph::text::segment(&mut whole, &res.lexicon.abbreviations);
    check(&whole);
    let mut doc = relgraph::ingest::ingest("fuzz", text.to_string(), &res.furniture);
    relgraph::text::segment(&mut doc, &res.lexicon.abbreviations);
    check(&doc);
});
