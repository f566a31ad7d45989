//! Decode and ingest of arbitrary bytes, as `relgraph extract` and `build`
//! read a file: binary detection, decoding, HTML reduced to text, paragraphs
//! and dropped furniture, and the cutting of large texts into pieces; a
//! file that would be streamed is also read piece by piece (`ingest::stream`),
//! in reads of a few bytes, and must give the pieces of the whole text.
//!
//! The first byte chooses the options (bit 0: named as HTML, bit 1: strict
//! UTF-8; bits 2-7: a piece size for the chunker); the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relgraph::ingest::stream::{streamable, Pieces};
use relgraph::ingest::{chunk::chunks, read_input, ReadOptions};
use relgraph::resources::Resources;
use std::io::Read;

/// Reads at most `.1` bytes at a time.
struct Trickle<'a>(&'a [u8], usize);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.len().min(self.1).min(buf.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else { return };
    let opts = ReadOptions { html: flags & 1 != 0, strict: flags & 2 != 0 };
    let Ok(input) = read_input(bytes.to_vec(), opts) else { return };
    let max = 1 + (flags >> 2) as usize * 4;
    if !input.html && input.invalid_utf8_at.is_none() && streamable(&bytes[..bytes.len().min(8192)]) {
        let want: Vec<&str> = chunks(&input.text, max).map(|r| &input.text[r]).collect();
        let mut pieces = Pieces::new(Trickle(bytes, 1 + (flags as usize >> 3)), max, opts.strict);
        let mut got = Vec::new();
        while let Some(p) = pieces.next_piece().expect("valid UTF-8 streams") {
            got.push(p);
        }
        assert_eq!(got, want, "streamed pieces are the whole text's");
    }
    let doc = relgraph::ingest::ingest("fuzz", input.text, &Resources::get().furniture);
    let text = &doc.text;
    let mut last = 0;
    for p in &doc.paragraphs {
        assert!(p.start >= last && p.start < p.end && p.end <= text.len(), "paragraphs in order and inside the text");
        assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        last = p.end;
    }
    for h in &doc.dropped {
        assert!(doc.paragraphs.iter().any(|p| p.contains(*h)), "a dropped range lies in a paragraph");
        assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
    }
    let mut at = 0;
    for r in chunks(text, max) {
        assert_eq!(r.start, at, "pieces are contiguous");
        assert!(r.end > r.start && text.is_char_boundary(r.end));
        at = r.end;
    }
    assert_eq!(at, text.len(), "pieces cover the text");
});
