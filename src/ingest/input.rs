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
    /// For an input with NUL characters (a text with a few stray NUL bytes;
    /// more make it binary): the byte offset of the first in the input, and
    /// how many there are. They stay in the text, where the tokenizer reads
    /// them as white space (the HTML parser drops them from a page's text).
    pub nul: Option<(usize, usize)>,
    /// For UTF-16 without a byte order mark: the byte order it was decoded with
    /// ([`super::guess_utf16`]).
    pub utf16_guessed: Option<super::Utf16>,
}

impl Input {
    /// The warnings to give about how the input was read (without the input's
    /// name): invalid UTF-8, NUL bytes, UTF-16 guessed without a byte order mark.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(order) = self.utf16_guessed {
            out.push(format!("no byte order mark, but looks like {order}; decoded as {order} (guessed)"));
        }
        if let Some(off) = self.invalid_utf8_at {
            out.push(format!("invalid UTF-8 at byte {off}; decoded with replacement characters"));
        }
        if let Some((off, n)) = self.nul {
            let more = if n > 1 { format!(" ({n} in all)") } else { String::new() };
            let how = if self.html { "dropped by the HTML parser" } else { "read as white space" };
            out.push(format!("NUL byte at byte {off}{more}; {how}"));
        }
        out
    }
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
    /// A NUL character (at this byte offset of the input), with strict decoding.
    #[error("NUL byte at byte {0}")]
    Nul(usize),
}

/// How an input is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The input is named as HTML (`.html`, `.htm`, `.xhtml`); without it,
    /// HTML is recognised by its first tag ([`looks_like_html`]).
    pub html: bool,
    /// Reject invalid UTF-8 instead of decoding it with replacement
    /// characters, and a text with NUL bytes instead of reading them as white space.
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
    if super::utf16_order(&bytes).is_some() {
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

/// Reads one input's bytes: rejects binary files ([`super::looks_binary`]),
/// decodes (see [`super::decode`]), and reduces an HTML page to its text
/// ([`html_to_text`]). What was repaired or guessed is noted in the
/// [`Input`] ([`Input::warnings`]); with `strict`, invalid UTF-8 and NUL bytes
/// are errors. An input that is only white space gives an empty
/// [`Input::text`]; the caller decides.
pub fn read_input(bytes: Vec<u8>, opts: ReadOptions) -> Result<Input, InputError> {
    if super::looks_binary(&bytes) {
        return Err(InputError::Binary);
    }
    let nul = super::first_nul(&bytes);
    if let (Some((at, _)), true) = (nul, opts.strict) {
        return Err(InputError::Nul(at));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
    let utf16_guessed = super::utf16_order(body).filter(|&(_, bom)| bom == 0).map(|(order, _)| order);
    let (text, bad) = decode_owned(bytes);
    if let (Some(at), true) = (bad, opts.strict) {
        return Err(InputError::InvalidUtf8(at));
    }
    let mut input = from_text(text);
    if opts.html && !input.html {
        let h = html_to_text(&input.text);
        input = Input { text: h.text, title: h.title, html: true, ..Input::default() };
    }
    input.invalid_utf8_at = bad;
    input.nul = nul;
    input.utf16_guessed = utf16_guessed;
    Ok(input)
}

/// A text that is already decoded (a JSON Lines record): an HTML page is
/// reduced to its text, anything else is kept as it is.
pub fn from_text(text: String) -> Input {
    if looks_like_html(&text) {
        let h = html_to_text(&text);
        return Input { text: h.text, title: h.title, html: true, ..Input::default() };
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
    fn stray_nuls_are_read_with_a_warning_or_rejected_with_strict() {
        let bytes = b"Kanye West praised John Legend.\0 Legend later criticized West.".to_vec();
        let t = read_input(bytes.clone(), ReadOptions::default()).unwrap();
        assert_eq!((t.text.as_bytes(), t.nul, t.utf16_guessed), (&bytes[..], Some((31, 1)), None));
        assert_eq!(t.warnings(), vec!["NUL byte at byte 31; read as white space".to_string()]);
        assert_eq!(read_input(bytes, ReadOptions { html: false, strict: true }), Err(InputError::Nul(31)));
        let two = read_input(b"a\0b c d e f g h i j k l m n o p q r s t u v w x y z\0".to_vec(), ReadOptions::default()).unwrap();
        assert_eq!(two.warnings(), vec!["NUL byte at byte 1 (2 in all); read as white space".to_string()]);
        assert_eq!(read_input(b"no NUL at all".to_vec(), ReadOptions::default()).unwrap().warnings(), Vec::<String>::new());
        let page = read_input(b"<p>Kanye West praised John Legend.\0Legend later criticized West.</p>".to_vec(), ReadOptions { html: true, strict: false }).unwrap();
        assert_eq!(page.text, "Kanye West praised John Legend.Legend later criticized West.");
        assert_eq!(page.warnings(), vec!["NUL byte at byte 34; dropped by the HTML parser".to_string()]);
    }

    #[test]
    fn utf16_without_a_bom_is_read_with_a_warning() {
        let text = "Kanye West praised John Legend.";
        for (order, bytes) in [
            (super::super::Utf16::Le, text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()),
            (super::super::Utf16::Be, text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        ] {
            let t = read_input(bytes.clone(), ReadOptions { html: false, strict: true }).unwrap();
            assert_eq!((t.text.as_str(), t.utf16_guessed, t.nul), (text, Some(order), None));
            assert_eq!(t.warnings(), vec![format!("no byte order mark, but looks like {order}; decoded as {order} (guessed)")]);
            // with a byte order mark nothing is guessed
            let bom = if order == super::super::Utf16::Le { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
            let b = read_input([&bom[..], &bytes].concat(), ReadOptions::default()).unwrap();
            assert_eq!((b.text.as_str(), b.utf16_guessed), (text, None));
        }
    }

    #[test]
    fn decode_owned_agrees_with_decode() {
        let le: Vec<u8> = "hi there".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "hi there".encode_utf16().flat_map(u16::to_be_bytes).collect();
        for b in [&b"\xEF\xBB\xBFhi"[..], &[0xFF, 0xFE, b'h', 0, b'i', 0], b"ok\xFFno", b"", b"\xEF\xBB\xBF\xEF\xBB\xBFx", &le, &be, b"a\0b"] {
            assert_eq!(decode_owned(b.to_vec()), super::super::decode(b));
        }
        assert!(is_html_path(std::path::Path::new("a/B.XHTML")) && !is_html_path(std::path::Path::new("a.txt")));
    }
}
