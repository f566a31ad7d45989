//! Cutting a very large text into pieces that are extracted one at a time.
//!
//! A piece ends, in order of preference, after the last blank line in the
//! second half of its window of `max` bytes, after the last line break in the
//! window, after the last white space, or at the last character boundary: a
//! cut never falls inside a UTF-8 character, and a text of at most `max`
//! bytes is one piece.

use std::ops::Range;

/// The default piece size: 1 MiB.
pub const DEFAULT_CHUNK_BYTES: usize = 1 << 20;

/// The environment variable that overrides [`DEFAULT_CHUNK_BYTES`] (a
/// testing knob: the end-to-end tests force small pieces with it).
pub const CHUNK_BYTES_VAR: &str = "RELGRAPH_CHUNK_BYTES";

/// The piece size in force: `RELGRAPH_CHUNK_BYTES` when it is set to a
/// positive number, else [`DEFAULT_CHUNK_BYTES`].
pub fn chunk_bytes() -> usize {
    std::env::var(CHUNK_BYTES_VAR).ok().and_then(|v| v.trim().parse::<usize>().ok()).filter(|&n| n > 0).unwrap_or(DEFAULT_CHUNK_BYTES)
}

/// The byte ranges of the pieces of `text`, in order; together they cover the
/// whole text. Each is at most `max` bytes (`max` is taken as at least 1),
/// except a single character longer than `max`.
pub fn chunks(text: &str, max: usize) -> Chunks<'_> {
    Chunks { text, at: 0, max: max.max(1) }
}

/// Iterator returned by [`chunks`].
#[derive(Clone, Debug)]
pub struct Chunks<'a> {
    text: &'a str,
    at: usize,
    max: usize,
}

impl Iterator for Chunks<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = self.at;
        if start >= self.text.len() {
            return None;
        }
        let end = if self.text.len() - start <= self.max { self.text.len() } else { cut(self.text, start, self.max) };
        self.at = end;
        Some(start..end)
    }
}

/// Where the piece starting at `start` ends, for a text longer than `start + max`.
pub(super) fn cut(text: &str, start: usize, max: usize) -> usize {
    let mut limit = start + max;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    if limit == start {
        // one character longer than the limit: take it whole
        limit = start + 1;
        while !text.is_char_boundary(limit) {
            limit += 1;
        }
        return limit;
    }
    let window = &text.as_bytes()[start..limit];
    let half = window.len() / 2;
    if let Some(k) = blank_line_end(window).filter(|&k| k > half) {
        return start + k;
    }
    if let Some(k) = window.iter().rposition(|&b| b == b'\n' || b == b'\r') {
        return start + k + 1;
    }
    if let Some(k) = window.iter().rposition(|&b| matches!(b, b' ' | b'\t' | 0x0C)) {
        return start + k + 1;
    }
    limit
}

/// The end (one past) of the last blank line in `w`: a line break followed by
/// optional spaces or tabs and another line break.
fn blank_line_end(w: &[u8]) -> Option<usize> {
    let mut end = w.len();
    while let Some(k) = w[..end].iter().rposition(|&b| b == b'\n' || b == b'\r') {
        let mut j = k;
        while j > 0 && matches!(w[j - 1], b' ' | b'\t') {
            j -= 1;
        }
        if j > 0 && matches!(w[j - 1], b'\n' | b'\r') && !(w[j - 1] == b'\r' && w[k] == b'\n' && j == k) {
            // a CRLF ending the blank line goes with it
            return Some(if w[k] == b'\r' && w.get(k + 1) == Some(&b'\n') { k + 2 } else { k + 1 });
        }
        end = k;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, max: usize) -> Vec<&str> {
        let v: Vec<&str> = chunks(text, max).map(|r| &text[r]).collect();
        assert_eq!(v.concat(), text);
        v
    }

    #[test]
    fn small_text_is_one_piece() {
        assert_eq!(pieces("a b c", 5), vec!["a b c"]);
        assert!(pieces("", 5).is_empty());
    }

    #[test]
    fn cuts_after_blank_lines_then_newlines_then_spaces() {
        let text = "First para one.\n\nSecond para.\nSame para line.\n\nThird.";
        assert_eq!(pieces(text, 20), vec!["First para one.\n\n", "Second para.\n", "Same para line.\n\n", "Third."]);
        // a blank line in the first half of the window loses to a later newline
        assert_eq!(pieces(text, 40), vec!["First para one.\n\nSecond para.\n", "Same para line.\n\nThird."]);
        // no blank line in the second half of the window: the last newline
        assert_eq!(pieces("a\n\nbbbbbbbbbb\ncccc dd", 16), vec!["a\n\nbbbbbbbbbb\n", "cccc dd"]);
        assert_eq!(pieces("aaaa bbbb cccc", 7), vec!["aaaa ", "bbbb ", "cccc"]);
        assert_eq!(pieces("abcdefgh", 3), vec!["abc", "def", "gh"]);
        // CRLF blank lines
        assert_eq!(pieces("one\r\n\r\ntwo three", 10), vec!["one\r\n\r\n", "two three"]);
    }

    #[test]
    fn never_inside_a_character() {
        let text = "日本語のテキスト".repeat(10);
        for max in 1..10 {
            for p in pieces(&text, max) {
                assert!(p.len() <= max.max(3));
            }
        }
        assert_eq!(pieces("é", 1), vec!["é"]);
    }

    #[test]
    fn chunk_size_comes_from_the_environment() {
        // the variable is not set in the tests
        if std::env::var_os(CHUNK_BYTES_VAR).is_none() {
            assert_eq!(chunk_bytes(), DEFAULT_CHUNK_BYTES);
        }
    }
}
