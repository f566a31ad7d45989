//! A very large UTF-8 text read piece by piece, so that it is never held
//! whole in memory.
//!
//! [`Pieces`] reads a file in blocks and hands out the same pieces as
//! [`super::chunk::chunks`] would cut from the whole decoded text: each is cut
//! by the same rule from a window of `max` bytes, so the graph of a streamed
//! file is the graph of the file read whole. It decodes as
//! [`super::read_input`] does for UTF-8 (a byte order mark is dropped,
//! invalid bytes become U+FFFD, NUL bytes stay) and notes the same repairs,
//! with byte offsets into the file; with `strict`, a repair is an error
//! instead. UTF-16, HTML and binary files are not streamed: the caller reads
//! them whole ([`streamable`]).

use super::chunk::cut;
use super::input::{Input, InputError};
use std::io::Read;

/// The size of one read from the file.
const BLOCK: usize = 1 << 20;

/// Whether a file whose first bytes are `head` (up to 8 KiB) may be streamed:
/// UTF-8 text that is neither binary, nor UTF-16, nor an HTML page.
pub fn streamable(head: &[u8]) -> bool {
    let body = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    if super::looks_binary(head) || super::utf16_order(body).is_some() {
        return false;
    }
    // a cut in the middle of a character at the end of the head is no reason to refuse
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default(),
    };
    !super::html::looks_like_html(text)
}

/// The pieces of a UTF-8 text read from `R`, in order.
pub struct Pieces<R> {
    reader: R,
    max: usize,
    strict: bool,
    /// decoded text not handed out yet
    pending: String,
    /// the bytes of a character cut by the end of the last block
    tail: Vec<u8>,
    /// bytes of the file decoded so far (the offset of `tail`)
    read: usize,
    eof: bool,
    /// what was repaired (offsets into the file), for [`Pieces::warnings`]
    notes: Input,
}

impl<R: Read> Pieces<R> {
    /// Pieces of at most `max` bytes (see [`super::chunk::chunks`]).
    pub fn new(reader: R, max: usize, strict: bool) -> Self {
        Pieces { reader, max: max.max(1), strict, pending: String::new(), tail: Vec::new(), read: 0, eof: false, notes: Input::default() }
    }

    /// The next piece; `None` at the end of the file.
    pub fn next_piece(&mut self) -> Result<Option<String>, StreamError> {
        while !self.eof && self.pending.len() <= self.max + 4 {
            self.fill()?;
        }
        if self.pending.is_empty() {
            return Ok(None);
        }
        let end = if self.pending.len() <= self.max { self.pending.len() } else { cut(&self.pending, 0, self.max) };
        let rest = self.pending.split_off(end);
        Ok(Some(std::mem::replace(&mut self.pending, rest)))
    }

    /// The warnings [`Input::warnings`] gives for what was repaired so far.
    pub fn warnings(&self) -> Vec<String> {
        self.notes.warnings()
    }

    /// Reads one block and decodes it onto `pending`.
    fn fill(&mut self) -> Result<(), StreamError> {
        let mut block = std::mem::take(&mut self.tail);
        let have = block.len();
        block.resize(have + BLOCK, 0);
        let n = loop {
            match self.reader.read(&mut block[have..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(StreamError::Io(e)),
            }
        };
        block.truncate(have + n);
        self.eof = n == 0;
        let mut start = 0;
        if self.read == 0 && block.starts_with(&[0xEF, 0xBB, 0xBF]) {
            start = 3;
        } else if self.read == 0 && !self.eof && block.len() < 3 && [0xEF, 0xBB, 0xBF].starts_with(&block) {
            // too few bytes yet to tell a byte order mark
            self.tail = block;
            return Ok(());
        }
        // keep a character cut by the end of the block for the next one
        let mut end = block.len();
        if !self.eof {
            end = complete_prefix(&block[start..]) + start;
        }
        let bytes = &block[start..end];
        let offset = self.read + start;
        if let Some((at, k)) = super::first_nul(bytes) {
            if self.strict {
                return Err(StreamError::Input(InputError::Nul(offset + at)));
            }
            let (first, count) = self.notes.nul.unwrap_or((offset + at, 0));
            self.notes.nul = Some((first, count + k));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => self.pending.push_str(s),
            Err(e) => {
                let at = offset + e.valid_up_to();
                if self.strict {
                    return Err(StreamError::Input(InputError::InvalidUtf8(at)));
                }
                self.notes.invalid_utf8_at.get_or_insert(at);
                self.pending.push_str(&String::from_utf8_lossy(bytes));
            }
        }
        self.read += end;
        self.tail = block[end..].to_vec();
        Ok(())
    }
}

/// The length of the longest prefix of `b` that does not end inside a UTF-8
/// character (invalid bytes count as whole; they are replaced later).
fn complete_prefix(b: &[u8]) -> usize {
    // a character is at most 4 bytes: look back for the lead byte of the last one
    for back in 1..=b.len().min(4) {
        let lead = b[b.len() - back];
        if lead & 0xC0 == 0x80 {
            continue; // a continuation byte
        }
        let need = match lead {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if need > back { b.len() - back } else { b.len() };
    }
    b.len()
}

/// Why a streamed file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// The file could not be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The text is not accepted (strict decoding).
    #[error("{0}")]
    Input(InputError),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that returns at most `n` bytes per call, to cut blocks anywhere.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn all(bytes: &[u8], max: usize, per_read: usize, strict: bool) -> Result<(Vec<String>, Vec<String>), StreamError> {
        let mut p = Pieces::new(Trickle(bytes, per_read), max, strict);
        let mut out = Vec::new();
        while let Some(piece) = p.next_piece()? {
            out.push(piece);
        }
        Ok((out, p.warnings()))
    }

    #[test]
    fn the_pieces_of_the_whole_text() {
        let text = "Kanye West praised John Legend.\n\nLegend later criticized West. 日本語のテキスト é\nThird line here.\n\n".repeat(40);
        for max in [7, 20, 64, 300, 5000] {
            let want: Vec<&str> = super::super::chunk::chunks(&text, max).map(|r| &text[r]).collect();
            for per_read in [1, 3, 1000, usize::MAX] {
                let (got, warnings) = all(text.as_bytes(), max, per_read, true).unwrap();
                assert_eq!(got, want, "max {max}, {per_read} bytes per read");
                assert!(warnings.is_empty());
            }
        }
        assert!(all(b"", 10, 5, false).unwrap().0.is_empty());
        // a byte order mark is dropped, even when it comes in two reads
        assert_eq!(all(b"\xEF\xBB\xBFab cd", 3, 1, true).unwrap().0, vec!["ab ", "cd"]);
    }

    #[test]
    fn repairs_are_noted_with_file_offsets_or_rejected() {
        let bytes = b"ok text\xFF more \0 and\0 end";
        let (pieces, warnings) = all(bytes, 6, 2, false).unwrap();
        assert_eq!(pieces.concat(), String::from_utf8_lossy(bytes));
        assert_eq!(warnings, vec!["invalid UTF-8 at byte 7; decoded with replacement characters".to_string(), "NUL byte at byte 14 (2 in all); read as white space".to_string()]);
        assert!(matches!(all(bytes, 6, 2, true), Err(StreamError::Input(InputError::InvalidUtf8(7)))));
        assert!(matches!(all(b"a b\0", 6, 2, true), Err(StreamError::Input(InputError::Nul(3)))));
    }

    #[test]
    fn what_is_streamed() {
        assert!(streamable(b"Kanye West praised John Legend."));
        assert!(streamable(b"\xEF\xBB\xBFplain text \xE6\x97"));
        assert!(!streamable(b"<!doctype html><p>x</p>"));
        assert!(!streamable(b"\xFF\xFEh\0i\0"));
        assert!(!streamable(b"\x89PNG\r\n\x1a\n\0\0"));
    }
}
