//! Ingest: from raw bytes to a [`Document`] whose paragraphs exclude page furniture.
//!
//! The original text is kept unchanged; ingest only decides which parts of it
//! are article text. Each non-empty line is a paragraph (headlines, list
//! lines and captions end where their line ends). Dropped:
//! - furniture lines ("Oops!", "Something went wrong.") from `data/lexicons/furniture.txt`,
//! - a line repeated verbatim (captions printed twice),
//! - credits: "(Photo: REUTERS/...)" brackets and "Image: X." tails,
//! - citation marks such as "\[4\]" or "\[16, 17\]".
//!
//! Dropped ranges inside a kept paragraph are listed in [`Document::dropped`]
//! so that the tokenizer skips them and offsets stay true to the original.
//!
//! Before that, [`read_input`] turns an input's bytes into that text (binary
//! detection, decoding, HTML pages reduced to their article text by
//! [`html::html_to_text`]), and [`chunk::chunks`] cuts a very large text into
//! pieces at paragraph boundaries for `pipeline::extract_document`.

pub mod chunk;
pub mod html;
pub mod stream;
mod input;

pub use input::{decode_owned, from_text, is_html_path, read_input, Input, InputError, ReadOptions};

use crate::doc::{Document, Span};
use crate::resources::Furniture;
use std::collections::HashSet;

/// The byte order of a UTF-16 input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Utf16 {
    /// Little-endian (`FF FE` byte order mark; ASCII text has a NUL after each letter).
    Le,
    /// Big-endian (`FE FF` byte order mark; ASCII text has a NUL before each letter).
    Be,
}

impl std::fmt::Display for Utf16 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Utf16::Le => "UTF-16LE",
            Utf16::Be => "UTF-16BE",
        })
    }
}

/// How much of an input's head the binary and UTF-16 checks look at.
pub const HEAD_BYTES: usize = 8192;

/// The UTF-16 byte order of bytes without a byte order mark, guessed from
/// their head (the first [`HEAD_BYTES`]): at least 2 code units, and at least
/// 3 in 4 code units an ASCII text character (a printable character, tab, line
/// feed, carriage return or form feed) with a NUL high byte: the NUL byte
/// after the letter is little-endian, before it big-endian. Text in UTF-8 never
/// qualifies (it would need NULs in more than a third of its bytes).
pub fn guess_utf16(bytes: &[u8]) -> Option<Utf16> {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let text = |b: u8| matches!(b, 0x20..=0x7E | b'\t' | b'\n' | b'\r' | 0x0C);
    let (mut le, mut be) = (0, 0);
    for c in head.chunks_exact(2) {
        le += usize::from(c[1] == 0 && text(c[0]));
        be += usize::from(c[0] == 0 && text(c[1]));
    }
    if le * 4 >= units * 3 {
        Some(Utf16::Le)
    } else if be * 4 >= units * 3 {
        Some(Utf16::Be)
    } else {
        None
    }
}

/// The UTF-16 byte order of the bytes and the length of their byte order mark
/// (0 when it is guessed), or `None` for bytes that are not UTF-16.
fn utf16_order(bytes: &[u8]) -> Option<(Utf16, usize)> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        Some((Utf16::Le, 2))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some((Utf16::Be, 2))
    } else {
        guess_utf16(bytes).map(|o| (o, 0))
    }
}

/// Decodes UTF-16 code units (a trailing odd byte is ignored), with
/// replacement characters for unpaired surrogates.
fn decode_utf16(order: Utf16, bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| match order {
            Utf16::Le => u16::from_le_bytes([c[0], c[1]]),
            Utf16::Be => u16::from_be_bytes([c[0], c[1]]),
        })
        .collect();
    String::from_utf16_lossy(&units)
}

/// Decodes bytes into text: UTF-8 (a BOM is removed), UTF-16 with a BOM or
/// without one ([`guess_utf16`]), or lossy UTF-8. Returns the text and, for
/// lossy decoding, the byte offset of the first invalid sequence.
pub fn decode(bytes: &[u8]) -> (String, Option<usize>) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode(rest);
    }
    if let Some((order, bom)) = utf16_order(bytes) {
        return (decode_utf16(order, &bytes[bom..]), None);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => (String::from_utf8_lossy(bytes).into_owned(), Some(e.valid_up_to())),
    }
}

/// File signatures ("magic numbers") of common binary formats, each with
/// the offset where it starts. Those that are plain ASCII are long enough
/// (or end in a control byte) that no text starts with them by chance.
const MAGIC: &[(usize, &[u8])] = &[
    (0, b"\x89PNG"),                       // PNG
    (0, b"\xFF\xD8\xFF"),                   // JPEG
    (0, b"GIF87a"),                         // GIF
    (0, b"GIF89a"),
    (0, b"%PDF-"),                          // PDF
    (0, b"PK\x03\x04"),                     // ZIP: docx, xlsx, odt, epub, jar
    (0, b"PK\x05\x06"),                     // empty ZIP
    (0, b"PK\x07\x08"),                     // spanned ZIP
    (0, b"\x1F\x8B"),                       // gzip
    (0, b"\xFD7zXZ\x00"),                   // xz
    (0, b"\x28\xB5\x2F\xFD"),               // zstd
    (0, b"7z\xBC\xAF\x27\x1C"),             // 7-Zip
    (0, b"Rar!\x1A\x07"),                   // RAR
    (0, b"\x7FELF"),                        // ELF
    (0, b"\xCF\xFA\xED\xFE"),               // Mach-O (64-bit; 32-bit and fat below)
    (0, b"\xCE\xFA\xED\xFE"),
    (0, b"\xCA\xFE\xBA\xBE"),               // Mach-O fat binary, Java class
    (0, b"\x00asm"),                        // WebAssembly
    (0, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), // OLE2: doc, xls, ppt, msg
    (0, b"SQLite format 3\x00"),            // SQLite
    (0, b"II*\x00"),                        // TIFF
    (0, b"MM\x00*"),
    (0, b"OggS\x00"),                       // Ogg
    (0, b"fLaC"),                           // FLAC
    (0, b"\x1AE\xDF\xA3"),                  // Matroska, WebM
    (257, b"ustar\x00"),                    // tar (POSIX)
    (257, b"ustar  \x00"),                  // tar (GNU)
];

/// True when the bytes look like a binary file rather than text:
/// - not UTF-16, with a byte order mark or guessed ([`guess_utf16`]);
/// - a known file signature (`MAGIC`: images, PDF, archives and
///   compressed files, executables, office documents, SQLite, media; also
///   bzip2, RIFF WAV, AVI and WebP, and MP4, MOV and HEIC);
/// - else more than 1 byte in 20 of the head (the first [`HEAD_BYTES`]) a NUL
///   or another C0 control character other than tab, line feed, carriage
///   return and form feed. A text with a few stray NUL bytes is text
///   ([`first_nul`] finds them for a warning; the tokenizer reads them as white space).
pub fn looks_binary(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let magic = |at: usize, m: &[u8]| bytes.get(at..at + m.len()) == Some(m);
    // bzip2: "BZh", the block size '1'..'9', the block magic
    let bzip2 = magic(0, b"BZh") && bytes.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)) && magic(4, b"1AY&SY");
    let riff = magic(0, b"RIFF") && [&b"WAVE"[..], b"AVI ", b"WEBP"].iter().any(|f| magic(8, f));
    // ISO media: a box size below 16 MiB, then "ftyp"
    let mp4 = magic(0, b"\x00") && magic(4, b"ftyp");
    if bzip2 || riff || mp4 || MAGIC.iter().any(|&(at, m)| magic(at, m)) {
        return true;
    }
    if guess_utf16(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    controls * 20 > head.len().max(1)
}

/// The byte offset of the first NUL character of an input (of the first
/// U+0000 code unit for UTF-16) and how many there are, or `None`.
pub fn first_nul(bytes: &[u8]) -> Option<(usize, usize)> {
    let bom = usize::from(bytes.starts_with(&[0xEF, 0xBB, 0xBF])) * 3;
    if let Some((_, start)) = utf16_order(&bytes[bom..]) {
        let start = bom + start;
        let mut nuls = bytes[start..].chunks_exact(2).enumerate().filter(|(_, c)| c == &[0, 0]).map(|(i, _)| start + 2 * i);
        let first = nuls.next()?;
        return Some((first, 1 + nuls.count()));
    }
    let first = bytes.iter().position(|&b| b == 0)?;
    Some((first, 1 + bytes[first + 1..].iter().filter(|&&b| b == 0).count()))
}

/// Builds a document from text: finds paragraphs and drops furniture.
pub fn ingest(id: &str, text: String, furniture: &Furniture) -> Document {
    let mut doc = Document::new(id, text);
    let mut seen: HashSet<String> = HashSet::new();
    let text = doc.text.as_str();
    let mut paragraphs = Vec::new();
    let mut dropped = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        let start = pos;
        pos += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        if trimmed.is_empty() {
            continue;
        }
        let content = trimmed.trim_start_matches(['•', '*', '-', '·', '–', ' ', '\t']).trim();
        if furniture.is_furniture_line(content) {
            continue;
        }
        // a line printed twice (captions, pull quotes) is kept once
        if trimmed.chars().count() > 20 && !seen.insert(trimmed.to_string()) {
            continue;
        }
        let span = Span::new(start + lead, start + lead + trimmed.len());
        let mut holes = credit_holes(&text[span.start..span.end], furniture);
        holes.extend(citation_holes(&text[span.start..span.end]));
        let holes = coalesce(holes);
        // a paragraph that is all credit is dropped entirely
        let kept: usize = span.len() - holes.iter().map(Span::len).sum::<usize>();
        if holes.iter().any(|h| h.start == 0) && kept < 3 {
            continue;
        }
        for h in &holes {
            dropped.push(Span::new(span.start + h.start, span.start + h.end));
        }
        paragraphs.push(span);
    }
    doc.paragraphs = paragraphs;
    dropped.sort();
    doc.dropped = dropped;
    doc
}

/// Sorts ranges and joins those that overlap or touch, so that they never
/// count a byte twice (a credit sentence can contain a bracketed credit).
fn coalesce(mut holes: Vec<Span>) -> Vec<Span> {
    holes.sort();
    let mut out: Vec<Span> = Vec::with_capacity(holes.len());
    for h in holes {
        match out.last_mut() {
            Some(last) if h.start <= last.end => last.end = last.end.max(h.end),
            _ => out.push(h),
        }
    }
    out
}

/// Credits inside one line: "(Photo: X)" and a trailing "Image: X." sentence.
fn credit_holes(line: &str, furniture: &Furniture) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    // bracketed credits
    let mut i = 0;
    while let Some(off) = line[i..].find('(') {
        let open = i + off;
        let close = line[open..].find(')').map(|c| open + c + 1);
        if let Some(close) = close {
            let inner = &line[open + 1..close - 1];
            if furniture.starts_with_credit(inner) {
                out.push(Span::new(open, close));
            }
            i = close;
        } else {
            break;
        }
    }
    // a credit sentence at the start of the line or after a sentence end
    let mut starts = vec![0];
    for (k, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(k + 1) == Some(&b' ') {
            starts.push(k + 2);
        }
    }
    for s in starts {
        if s < line.len() && furniture.starts_with_credit(&line[s..]) && !out.iter().any(|h| h.start <= s && s < h.end) {
            out.push(Span::new(s, line.len()));
            break;
        }
    }
    out
}

/// Wikipedia-style citation marks: "[4]", "[16, 17]", "[citation needed]".
fn citation_holes(line: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = line[i..].find('[') {
        let open = i + off;
        match line[open..].find(']') {
            Some(c) => {
                let close = open + c + 1;
                let inner = &line[open + 1..close - 1];
                let numeric = !inner.is_empty() && inner.chars().all(|ch| ch.is_ascii_digit() || ch == ',' || ch == ' ');
                if numeric || inner == "citation needed" {
                    // take the space before the mark with it
                    let s = if open > 0 && line.as_bytes()[open - 1] == b' ' { open - 1 } else { open };
                    out.push(Span::new(s, close));
                }
                i = close;
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::Resources;

    fn doc(text: &str) -> Document {
        ingest("t", text.to_string(), &Resources::get().furniture)
    }

    fn kept(d: &Document) -> Vec<String> {
        d.paragraphs
            .iter()
            .map(|p| {
                let mut s = String::new();
                let mut at = p.start;
                for h in d.dropped.iter().filter(|h| p.contains(**h)) {
                    s.push_str(&d.text[at..h.start]);
                    at = h.end;
                }
                s.push_str(&d.text[at..p.end]);
                s
            })
            .collect()
    }

    #[test]
    fn drops_furniture_lines_and_repeats_and_credits() {
        let text = "Headline here\n\n  • Oops!\n    Something went wrong.\n\
            West and Legend at a party. (Photo: REUTERS/Mario Anzuoni)\n\
            West and Legend at a party. (Photo: REUTERS/Mario Anzuoni)\n\
            File photo of interviewee David Titley. Image: David Titley.\n";
        let d = doc(text);
        assert_eq!(
            kept(&d),
            vec!["Headline here", "West and Legend at a party. ", "File photo of interviewee David Titley. "]
        );
    }

    #[test]
    fn drops_citation_marks_but_keeps_offsets() {
        let d = doc("He left. [4] [7] Poisson asked him.[16]");
        assert_eq!(kept(&d), vec!["He left. Poisson asked him."]);
        for h in &d.dropped {
            assert!(d.slice(*h).contains('['));
        }
    }

    #[test]
    fn overlapping_credits_count_once_and_dropped_ranges_lie_in_kept_paragraphs() {
        // found by the fuzzers: a credit sentence holding a bracketed credit
        // overflowed the kept-length sum, and the ranges of a paragraph dropped
        // whole stayed in `dropped`
        let d = doc("Photo: REegend at a 2006 Grammys after-party.. (Photo: REUTERS/Mario Anzuoni)\n\nHe came.");
        assert_eq!(kept(&d), vec!["He came."]);
        assert!(d.dropped.iter().all(|h| d.paragraphs.iter().any(|p| p.contains(*h))));
        assert_eq!(coalesce(vec![Span::new(5, 9), Span::new(0, 50), Span::new(50, 52), Span::new(60, 61)]), vec![Span::new(0, 52), Span::new(60, 61)]);
    }

    #[test]
    fn decodes_boms_and_detects_binary() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").0, "hi");
        assert_eq!(decode(&[0xFF, 0xFE, b'h', 0, b'i', 0]).0, "hi");
        assert_eq!(decode(b"ok\xFFno").1, Some(2));
        assert!(looks_binary(b"\x7fELF\x02\x01\x01\x00\x00\x00"));
        assert!(!looks_binary("plain text, with “quotes”\n".as_bytes()));
    }

    fn utf16(text: &str, order: Utf16) -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if order == Utf16::Le { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
    }

    #[test]
    fn binary_by_signature_or_share_of_controls_not_by_one_nul() {
        // signatures, even without a NUL in sight
        let text = b" Kanye West praised John Legend. Legend later criticized West.".repeat(20);
        for magic in [
            &b"\x89PNG\r\n\x1a\n"[..],
            b"\xFF\xD8\xFF\xE0",
            b"GIF89a",
            b"%PDF-1.7\n",
            b"PK\x03\x04",
            b"\x1F\x8B\x08",
            b"\x7FELF",
            b"BZh91AY&SY",
            b"\xFD7zXZ\x00",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            b"RIFF\x10\x00\x00\x00WEBP",
            b"\x00\x00\x00\x18ftypmp42",
        ] {
            assert!(looks_binary(&[magic, &text].concat()), "{magic:?}");
        }
        let mut tar = text.clone();
        tar[257..263].copy_from_slice(b"ustar\x00");
        assert!(looks_binary(&tar));
        // text that merely starts like a signature
        assert!(!looks_binary(b"BZh, said the man. PK is his name. RIFF raff."));
        // a few stray NULs: text; more than 1 byte in 20 NUL or control: binary
        assert!(!looks_binary(b"Kanye West praised John Legend.\0 Legend later criticized West."));
        assert!(!looks_binary(&[&b"\xEF\xBB\xBF"[..], b"Kanye West praised John Legend.\0 Legend later criticized West."].concat()));
        let mut t = vec![b'a'; 100];
        t[..5].fill(0);
        assert!(!looks_binary(&t));
        t[5] = 0x01;
        assert!(looks_binary(&t));
        assert!(looks_binary(&[0u8; 64]) && looks_binary(b"\0") && looks_binary(b"Hi\0"));
        // beyond the 8 KiB head, NULs are not counted
        let mut long = vec![b'a'; HEAD_BYTES];
        long.extend([0u8; 1000]);
        assert!(!looks_binary(&long));
    }

    #[test]
    fn utf16_without_a_bom_is_guessed_and_decoded() {
        let text = "Kanye West praised John Legend.\r\nLegend later criticized West “again”.";
        for order in [Utf16::Le, Utf16::Be] {
            let b = utf16(text, order);
            assert_eq!(guess_utf16(&b), Some(order));
            assert!(!looks_binary(&b));
            assert_eq!(decode(&b), (text.to_string(), None));
            // with a BOM it is not guessed, and decodes the same
            let bom = if order == Utf16::Le { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
            assert_eq!(decode(&[&bom[..], &b].concat()).0, text);
            // an odd trailing byte is ignored
            assert_eq!(decode(&[&b[..], b"x"].concat()).0, text);
        }
        assert_eq!(guess_utf16(&utf16("Hi", Utf16::Le)), Some(Utf16::Le));
        assert_eq!(guess_utf16(&utf16("H", Utf16::Le)), None);
        // UTF-8, NULs alone, binary, UTF-32, text mostly outside ASCII: not UTF-16
        for b in [&b"plain text"[..], &[0; 64], b"\x7fELF\x02\x01\x01\x00\x00\x00", &[b'H', 0, 0, 0, b'i', 0, 0, 0]] {
            assert_eq!(guess_utf16(b), None, "{b:?}");
        }
        assert_eq!(guess_utf16(&utf16("Ким Кардашьян и Канье Уэст", Utf16::Le)), None);
        assert_eq!(first_nul(&utf16("no nul", Utf16::Be)), None);
        assert_eq!(first_nul(&[&[0xFF, 0xFE][..], &utf16("ab\0c\0", Utf16::Le)].concat()), Some((6, 2)));
    }

    #[test]
    fn stray_nuls_are_found_and_tokenized_as_white_space() {
        let text = "Kanye West praised John Legend.\0 Legend later\0criticized\x01West.";
        assert_eq!(first_nul(text.as_bytes()), Some((31, 2)));
        assert_eq!(first_nul(&[&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()), Some((34, 2)));
        assert_eq!(first_nul(b"no nul"), None);
        let r = Resources::get();
        let mut d = ingest("t", text.to_string(), &r.furniture);
        crate::text::segment(&mut d, &r.lexicon.abbreviations);
        // the text is unchanged, offsets index it, NUL and SOH separate tokens
        assert_eq!(d.text, text);
        let toks: Vec<Vec<&str>> = d.sentences.iter().map(|s| s.tokens.iter().map(|t| d.slice(t.span)).collect()).collect();
        assert_eq!(
            toks,
            vec![vec!["Kanye", "West", "praised", "John", "Legend", "."], vec!["Legend", "later", "criticized", "West", "."]]
        );
        assert!(d.sentences.iter().flat_map(|s| &s.tokens).all(|t| !t.form.contains(|c: char| c.is_control())));
    }
}
