//! The corpus store: an embedded SQLite database that accumulates the graphs
//! of many documents, resolving entities across documents as they arrive.
//!
//! ```no_run
//! use relgraph::store::{DocumentMeta, Filter, Store};
//! # fn demo(g: &relgraph::graph::Graph) -> Result<(), relgraph::store::StoreError> {
//! let mut store = Store::open("graph.db".as_ref())?;
//! let meta = DocumentMeta::for_text("article", "John Legend met Kanye West.");
//! store.add_document(&meta, g)?;          // one transaction
//! let whole = store.graph(&Filter::default())?;
//! println!("{} entities", whole.node_count());
//! # Ok(()) }
//! ```
//!
//! Tables: `documents` (name, content hash, title, url, date, words, added),
//! `entities` (key = canonical id, kind, label), `aliases`, `mentions`,
//! `relations` (source, target, kind, role, directed, negated, ended,
//! confidence), `evidence`, and `schema_version`.
//!
//! Entity resolution follows the rules of [`crate::graph::merge`]: the same
//! canonical id (and kind) is the same entity; otherwise an entity whose label
//! is a name carried by exactly one stored entity of its kind joins that one;
//! otherwise it is new. Two people sharing a surname ("George W. Bush", "Jeb
//! Bush") stay apart and a bare "Bush" attaches to neither. The rule works
//! both ways round: when a fuller entity arrives carrying a name that is the
//! only name of a stored, shorter entity ("Trump" stored first, then "Donald
//! Trump" with alias "Trump"), and nothing else carries it, the short entity
//! is folded into the fuller one. Resolution happens when a document is added,
//! against what is stored at that moment: an entity that joined another is
//! not split again when a second carrier of the name arrives later.

mod add;
pub mod corpus;
mod fragment;
mod read;
#[cfg(test)]
mod tests;

pub use fragment::{parse_fragment, write_fragment, Fragment};
pub use read::{Filter, Stats};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The version of the schema this code writes and reads.
pub const SCHEMA_VERSION: i64 = 1;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened.
    #[error("cannot open store {path}: {source}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// The SQLite error.
        source: rusqlite::Error,
    },
    /// The database was written by a different version of relgraph.
    #[error("store {path} has schema version {found}, this relgraph reads version {expected}")]
    Version {
        /// The database file.
        path: PathBuf,
        /// Version found in the file.
        found: i64,
        /// Version this code understands.
        expected: i64,
    },
    /// A query or update failed.
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A stored value is not what relgraph writes (e.g. an unknown kind).
    #[error("store holds an invalid value: {0}")]
    Corrupt(String),
    /// A graph fragment line could not be parsed.
    #[error("not a graph fragment: {0}")]
    Fragment(String),
}

/// What is known about a document besides its graph.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocumentMeta {
    /// Document id (file stem or the `id` of a JSON Lines record).
    pub id: String,
    /// Content hash of the text (hex), see [`content_hash`].
    pub hash: String,
    /// Title, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Source URL or path, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date (ISO 8601 text, compared as text), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Number of whitespace-separated words of the text.
    #[serde(default)]
    pub words: u64,
}

impl DocumentMeta {
    /// Metadata for a text: its id, hash and word count; no title, url or date.
    pub fn for_text(id: &str, text: &str) -> Self {
        DocumentMeta {
            id: id.to_string(),
            hash: content_hash(text),
            title: None,
            url: None,
            date: None,
            words: text.split_whitespace().count() as u64,
        }
    }
}

/// A 128-bit FNV-1a hash of the text, as 32 hex digits: the identity of a
/// document's content (re-adding the same content changes nothing).
pub fn content_hash(text: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    for &b in text.as_bytes() {
        h ^= b as u128;
        h = h.wrapping_mul(PRIME);
    }
    format!("{h:032x}")
}

/// What adding a document did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddOutcome {
    /// The document was new and is now stored.
    Added,
    /// A document with the same content hash is stored already: nothing changed.
    Unchanged,
    /// A document with the same id but other content was stored: it was replaced.
    Replaced,
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE,
    title TEXT,
    url TEXT,
    date TEXT,
    words INTEGER NOT NULL DEFAULT 0,
    added TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    label TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS aliases (
    entity INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (entity, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS aliases_norm ON aliases(kind, norm);
CREATE TABLE IF NOT EXISTS mentions (
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc, entity, "start", "end")
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);
CREATE TABLE IF NOT EXISTS relations (
    id INTEGER PRIMARY KEY,
    source INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    target INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    role TEXT,
    directed INTEGER NOT NULL,
    negated INTEGER NOT NULL,
    ended INTEGER NOT NULL,
    confidence REAL NOT NULL,
    UNIQUE (source, target, kind, directed, negated)
);
CREATE INDEX IF NOT EXISTS relations_target ON relations(target);
CREATE TABLE IF NOT EXISTS evidence (
    relation INTEGER NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (relation, doc, "start", "end")
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS evidence_doc ON evidence(doc);
"#;

impl Store {
    /// Opens the store at `path`, creating it (and its schema) when missing.
    /// Uses write-ahead logging, so readers may open it while a build writes.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let err = |source| StoreError::Open { path: path.to_path_buf(), source };
        let conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(err)?;
        // 32 MB of page cache: entity resolution reads the alias index a lot
        conn.pragma_update(None, "cache_size", -32_768).map_err(err)?;
        // every statement of an add stays prepared (the default keeps 16)
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = Store { conn, path: path.to_path_buf() };
        store.migrate()?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(SCHEMA)?;
        let found: Option<i64> =
            tx.query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))?;
        match found {
            None => {
                tx.execute("INSERT INTO schema_version(version) VALUES (?1)", [SCHEMA_VERSION])?;
            }
            Some(v) if v == SCHEMA_VERSION => {}
            Some(v) => {
                return Err(StoreError::Version {
                    path: self.path.clone(),
                    found: v,
                    expected: SCHEMA_VERSION,
                })
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// True when a document with this content hash is stored.
    pub fn has_hash(&self, hash: &str) -> Result<bool, StoreError> {
        let mut st = self.conn.prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")?;
        Ok(st.exists([hash])?)
    }

    /// Runs SQLite's integrity and foreign-key checks; returns the problems
    /// found (empty when the database is sound).
    pub fn check(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        for r in rows {
            let r = r?;
            if r != "ok" {
                problems.push(r);
            }
        }
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = st.query_map([], |r| Ok(format!("foreign key violation in table {}", r.get::<_, String>(0)?)))?;
        for r in rows {
            problems.push(r?);
        }
        Ok(problems)
    }
}

/// How names are compared when resolving entities (the comparison
/// [`crate::graph::merge`] makes).
pub use crate::graph::name_key as name_norm;
