//! From the bytes of one input to the text that is extracted: binary
//! detection, decoding, and HTML pages reduced to their article text.
//!
//! `relgraph extract`, `relgraph build` and the fuzz targets all read inputs
//! through [`read_input`], so a file gives the same text whichever command
//! reads it.

use super::html::{html_to_text, looks_like_html};

/// One input, decoded, ready for [`super::ingest`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Input {
    /// The document text; every offset relgraph reports refers to it. For an
    /// HTML page it is the page's article text, not the HTML source.
    pub text: String,
    /// The page's `<title>`, for HTML.
    pub title: Option<String>,
    /// True when the input was read as an HTML page.
    pub html: bool,
    /// For invalid UTF-8 decoded with replacement characters, the byte offset
    /// of the first invalid sequence.
    pub invalid_utf8_at: Option<usize>,
}

/// Why an input cannot be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// NUL bytes or many control characters.
    #[error("looks like a binary file, not text")]
    Binary,
    /// Invalid UTF-8, with strict decoding.
    #[error("invalid UTF-8 at byte {0}")]
    InvalidUtf8(usize),
}

/// How an input is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The input is named as HTML (`.html`, `.htm`, `.xhtml`); without it,
    /// HTML is recognised by its first tag ([`looks_like_html`]).
    pub html: bool,
    /// Reject invalid UTF-8 instead of decoding it with replacement characters.
    pub strict: bool,
}

/// True for the file extensions of HTML pages: `html`, `htm`, `xhtml` (any case).
pub fn is_html_path(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| ["html", "htm", "xhtml"].iter().any(|h| e.eq_ignore_ascii_case(h)))
}

/// Decodes like [`super::decode`] but takes the bytes by value, so valid
/// UTF-8 (the usual case, and a very large file) is not copied.
pub fn decode_owned(mut bytes: Vec<u8>) -> (String, Option<usize>) {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        return decode_owned(bytes);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return super::decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    }
}

/// Reads one input's bytes: rejects binary files, decodes (see
/// [`super::decode`]), and reduces an HTML page to its text ([`html_to_text`]).
/// An input that is only white space gives an empty [`Input::text`]; the caller decides.
pub fn read_input(bytes: Vec<u8>, opts: ReadOptions) -> Result<Input, InputError> {
    if super::looks_binary(&bytes) {
        return Err(InputError::Binary);
    }
    let (text, bad) = decode_owned(bytes);
    if let (Some(at), true) = (bad, opts.strict) {
        return Err(InputError::InvalidUtf8(at));
    }
    let mut input = from_text(text);
    input.invalid_utf8_at = bad;
    if opts.html && !input.html {
        let h = html_to_text(&input.text);
        input = Input { text: h.text, title: h.title, html: true, invalid_utf8_at: bad };
    }
    Ok(input)
}

/// A text that is already decoded (a JSON Lines record): an HTML page is
/// reduced to its text, anything else is kept as it is.
pub fn from_text(text: String) -> Input {
    if looks_like_html(&text) {
        let h = html_to_text(&text);
        return Input { text: h.text, title: h.title, html: true, invalid_utf8_at: None };
    }
    Input { text, ..Input::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_html_binary_and_strict() {
        let t = read_input(b"Kanye West praised John Legend.".to_vec(), ReadOptions::default()).unwrap();
        assert_eq!((t.text.as_str(), t.html), ("Kanye West praised John Legend.", false));
        let page = b"\xEF\xBB\xBF<!doctype html><title>T</title><p>Kanye &amp; Kim</p>".to_vec();
        let h = read_input(page, ReadOptions::default()).unwrap();
        assert_eq!((h.text.as_str(), h.title.as_deref(), h.html), ("Kanye & Kim", Some("T"), true));
        // named as HTML: a fragment is HTML too
        let f = read_input(b"<p>a</p><p>b</p>".to_vec(), ReadOptions { html: true, strict: false }).unwrap();
        assert_eq!(f.text, "a\n\nb");
        assert_eq!(read_input(vec![0x89, b'P', 0, 0], ReadOptions::default()), Err(InputError::Binary));
        let bad = b"ok\xFFno".to_vec();
        assert_eq!(read_input(bad.clone(), ReadOptions { html: false, strict: true }), Err(InputError::InvalidUtf8(2)));
        let lossy = read_input(bad, ReadOptions::default()).unwrap();
        assert_eq!((lossy.text.as_str(), lossy.invalid_utf8_at), ("ok\u{fffd}no", Some(2)));
    }

    #[test]
    fn decode_owned_agrees_with_decode() {
        for b in [&b"\xEF\xBB\xBFhi"[..], &[0xFF, 0xFE, b'h', 0, b'i', 0], b"ok\xFFno", b"", b"\xEF\xBB\xBF\xEF\xBB\xBFx"] {
            assert_eq!(decode_owned(b.to_vec()), super::super::decode(b));
        }
        assert!(is_html_path(std::path::Path::new("a/B.XHTML")) && !is_html_path(std::path::Path::new("a.txt")));
    }
}
