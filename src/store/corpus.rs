//! Corpus input for building a store: expanding files, directories and glob
//! patterns into sources, and JSON Lines records. (HTML pages are reduced to
//! text by `ingest::html`, the same code `relgraph extract` uses.)

use std::path::{Path, PathBuf};

/// Where documents come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// One text file (`.txt`, `.md`, `.html`, `.htm`, `.xhtml`, or anything named explicitly).
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
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "xhtml", "jsonl"];

fn extension(p: &Path) -> String {
    p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

/// True for `.html`, `.htm` and `.xhtml` files (see [`crate::ingest::is_html_path`]).
pub fn is_html(p: &Path) -> bool {
    crate::ingest::is_html_path(p)
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

#[cfg(test)]
mod tests {
    use super::*;

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
