//! Corpus input for building a store: expanding files, directories and glob
//! patterns into sources, JSON Lines records, and crude HTML-to-text.

use std::path::{Path, PathBuf};

/// Where documents come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// One text file (`.txt`, `.md`, `.html`, or anything named explicitly).
    File(PathBuf),
    /// A JSON Lines file of [`Record`]s.
    Jsonl(PathBuf),
    /// JSON Lines records on standard input.
    Stdin,
}

/// One JSON Lines document: `{"id", "text", "title"?, "url"?, "date"?}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Record {
    /// Document id (when absent, the reader makes one from the file and line).
    #[serde(default)]
    pub id: Option<String>,
    /// The text.
    pub text: String,
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date (ISO 8601).
    #[serde(default)]
    pub date: Option<String>,
}

/// Why an input names no documents.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// Neither a file, a directory nor a glob pattern.
    #[error("{0}: no such file or directory")]
    NotFound(String),
    /// A glob pattern that matched nothing.
    #[error("{0}: the pattern matches no file")]
    NoMatch(String),
    /// A malformed glob pattern.
    #[error("{pattern}: bad glob pattern: {message}")]
    BadPattern {
        /// The pattern.
        pattern: String,
        /// What is wrong.
        message: String,
    },
    /// A directory could not be listed.
    #[error("cannot list {path}: {source}")]
    Io {
        /// The directory.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// The extensions a directory walk picks up.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "jsonl"];

fn extension(p: &Path) -> String {
    p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

/// True for `.html` and `.htm` files.
pub fn is_html(p: &Path) -> bool {
    matches!(extension(p).as_str(), "html" | "htm")
}

fn classify(p: PathBuf) -> Source {
    if extension(&p) == "jsonl" {
        Source::Jsonl(p)
    } else {
        Source::File(p)
    }
}

fn walk(dir: &Path, out: &mut Vec<Source>) -> Result<(), CorpusError> {
    let err = |source| CorpusError::Io { path: dir.to_path_buf(), source };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(err)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(err)?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if TEXT_EXTENSIONS.contains(&extension(&p).as_str()) {
            out.push(classify(p));
        }
    }
    Ok(())
}

/// The sources an input names: `-` is standard input; a directory is walked
/// recursively for [`TEXT_EXTENSIONS`] (sorted); a file is itself (JSON
/// Lines when it ends in `.jsonl`); anything else is tried as a glob pattern.
pub fn expand(input: &str) -> Result<Vec<Source>, CorpusError> {
    if input == "-" {
        return Ok(vec![Source::Stdin]);
    }
    let p = Path::new(input);
    if p.is_dir() {
        let mut out = Vec::new();
        walk(p, &mut out)?;
        return Ok(out);
    }
    if p.exists() {
        return Ok(vec![classify(p.to_path_buf())]);
    }
    if !input.contains(['*', '?', '[']) {
        return Err(CorpusError::NotFound(input.to_string()));
    }
    let paths = glob::glob(input)
        .map_err(|e| CorpusError::BadPattern { pattern: input.to_string(), message: e.msg.to_string() })?;
    let mut out = Vec::new();
    for p in paths {
        let p = p.map_err(|e| CorpusError::Io { path: e.path().to_path_buf(), source: std::io::Error::from(e) })?;
        if p.is_dir() {
            walk(&p, &mut out)?;
        } else {
            out.push(classify(p));
        }
    }
    if out.is_empty() {
        return Err(CorpusError::NoMatch(input.to_string()));
    }
    Ok(out)
}

/// Crude HTML to text: drops tags, comments, `<script>` and `<style>`;
/// block tags become paragraph breaks; common entities are decoded.
/// Returns the text and the `<title>`, if any.
pub fn html_to_text(html: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = None;
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if !rest.starts_with('<') {
            let next = rest.find('<').map_or(html.len(), |k| i + k);
            out.push_str(&decode_entities(&html[i..next]));
            i = next;
            continue;
        }
        if rest.starts_with("<!--") {
            i = lower[i..].find("-->").map_or(html.len(), |k| i + k + 3);
            continue;
        }
        let close_at = rest.find('>');
        let tag_end = close_at.map_or(html.len(), |k| i + k);
        let end = close_at.map_or(html.len(), |k| i + k + 1);
        let tag = lower[i + 1..tag_end].trim_start_matches('/');
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        match name.as_str() {
            "script" | "style" | "title" if !lower[i + 1..].starts_with('/') => {
                let close = format!("</{name}");
                let stop = lower[end..].find(&close).map_or(html.len(), |k| end + k);
                if name == "title" {
                    let t = decode_entities(&html[end..stop]).split_whitespace().collect::<Vec<_>>().join(" ");
                    if !t.is_empty() {
                        title = Some(t);
                    }
                }
                i = lower[stop..].find('>').map_or(html.len(), |k| stop + k + 1);
                continue;
            }
            "p" | "div" | "br" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote"
            | "section" | "article" | "header" | "footer" | "ul" | "ol" | "table"
                if !out.ends_with("\n\n") =>
            {
                out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
            }
            _ => {}
        }
        i = end;
    }
    (out.trim().to_string(), title)
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let semi = rest.char_indices().take(12).find(|(_, c)| *c == ';').map(|(j, _)| j);
        let decoded = semi.and_then(|j| {
            let name = &rest[1..j];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "rdquo" => Some('”'),
                "ldquo" => Some('“'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let v = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(v)
                }
            }?;
            Some((c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_stripped_crudely() {
        let (text, title) = html_to_text(
            "<html><head><title>A &amp; B</title><style>p{}</style></head><body>\
             <p>John Legend met <b>Kanye</b>.</p><script>x<y</script><!-- c --><p>It&#39;s over&nbsp;now</p></body></html>",
        );
        assert_eq!(title.as_deref(), Some("A & B"));
        assert_eq!(text, "John Legend met Kanye.\n\nIt's over now");
    }

    #[test]
    fn odd_html_never_panics() {
        for s in [
            "<", "<p", "é<", "<é>", "a<script>é", "<title>é", "<!--é", "&", "&#x110000;", "&#99999999999;",
            "&é;", "é&amp", "<p>é</p", "</script>", "<title></title>", "<b>é&nbsp;é</b>&",
        ] {
            let _ = html_to_text(s);
        }
        assert_eq!(html_to_text("caf&eacute; &amp; tea").0, "caf&eacute; & tea");
    }

    #[test]
    fn inputs_expand() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for f in ["a.txt", "sub/b.html", "sub/c.jsonl", "sub/d.png"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let all = expand(dir.path().to_str().unwrap()).unwrap();
        assert_eq!(all.len(), 3);
        assert!(matches!(&all[2], Source::Jsonl(p) if p.ends_with("c.jsonl")));
        let pat = format!("{}/sub/*.h*", dir.path().display());
        assert_eq!(expand(&pat).unwrap().len(), 1);
        assert!(matches!(expand("/no/such/file"), Err(CorpusError::NotFound(_))));
        assert!(matches!(expand("/no/such/*.txt"), Err(CorpusError::NoMatch(_))));
        assert_eq!(expand("-").unwrap(), vec![Source::Stdin]);
    }
}
