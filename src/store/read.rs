//! Reading the store back: the whole graph or a filtered part, and counts.

use super::add::entity_kind;
use super::{Store, StoreError};
use crate::graph::{Entity, EntityKind, Evidence, Graph, MentionRef, Relation, RelationKind, Role};
use std::collections::{HashMap, HashSet};

/// Which part of the stored graph to load. The default loads everything.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only relations of these kinds (all kinds when empty).
    pub kinds: Vec<RelationKind>,
    /// Only relations with at least this many evidence sentences (counted
    /// after the date filter).
    pub min_evidence: usize,
    /// Only documents dated on or after this date (ISO text comparison);
    /// undated documents are left out when set.
    pub since: Option<String>,
}

impl Filter {
    /// True when the filter selects everything.
    pub fn is_all(&self) -> bool {
        self.kinds.is_empty() && self.min_evidence <= 1 && self.since.is_none()
    }
}

/// Counts of what the store holds.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Stats {
    /// Documents.
    pub documents: u64,
    /// Words of all documents.
    pub words: u64,
    /// Entities, by kind (every kind listed, in declaration order).
    pub entities: Vec<(EntityKind, u64)>,
    /// Relations that are stated (not negated), by kind.
    pub relations: Vec<(RelationKind, u64)>,
    /// Denied relations.
    pub negated: u64,
    /// Evidence sentences.
    pub evidence: u64,
    /// Name mentions.
    pub mentions: u64,
    /// Distinct names (aliases).
    pub aliases: u64,
}

impl Stats {
    /// All entities.
    pub fn entity_total(&self) -> u64 {
        self.entities.iter().map(|(_, n)| n).sum()
    }

    /// All stated relations.
    pub fn relation_total(&self) -> u64 {
        self.relations.iter().map(|(_, n)| n).sum()
    }
}

fn count(store: &Store, sql: &str) -> Result<u64, StoreError> {
    Ok(store.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
}

impl Store {
    /// Counts documents, entities by kind, relations by kind and evidence.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let mut s = Stats {
            documents: count(self, "SELECT count(*) FROM documents")?,
            words: count(self, "SELECT coalesce(sum(words), 0) FROM documents")?,
            negated: count(self, "SELECT count(*) FROM relations WHERE negated")?,
            evidence: count(self, "SELECT count(*) FROM evidence")?,
            mentions: count(self, "SELECT count(*) FROM mentions")?,
            aliases: count(self, "SELECT count(*) FROM aliases")?,
            ..Stats::default()
        };
        let mut by_kind: HashMap<String, u64> = HashMap::new();
        let mut st = self.conn.prepare("SELECT kind, count(*) FROM entities GROUP BY kind")?;
        for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (k, n) = r?;
            by_kind.insert(k, n as u64);
        }
        s.entities = EntityKind::ALL.iter().map(|k| (*k, by_kind.get(k.as_str()).copied().unwrap_or(0))).collect();
        by_kind.clear();
        let mut st = self.conn.prepare("SELECT kind, count(*) FROM relations WHERE NOT negated GROUP BY kind")?;
        for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (k, n) = r?;
            by_kind.insert(k, n as u64);
        }
        s.relations = RelationKind::ALL.iter().map(|k| (*k, by_kind.get(k.as_str()).copied().unwrap_or(0))).collect();
        Ok(s)
    }

    /// The stored graph, or the part `filter` selects. With a filter that is
    /// not [`Filter::is_all`], only entities at an end of a selected relation
    /// are included; otherwise every entity is.
    pub fn graph(&self, filter: &Filter) -> Result<Graph, StoreError> {
        // documents: row -> name, with the date filter applied
        let mut docs: HashMap<i64, std::sync::Arc<str>> = HashMap::new();
        let mut doc_order: Vec<String> = Vec::new();
        let mut st = self.conn.prepare("SELECT id, name, date FROM documents ORDER BY id")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?;
        for r in rows {
            let (id, name, date) = r?;
            let keep = match (&filter.since, &date) {
                (None, _) => true,
                (Some(since), Some(d)) => d.as_str() >= since.as_str(),
                (Some(_), None) => false,
            };
            if keep {
                doc_order.push(name.clone());
                docs.insert(id, name.into());
            }
        }

        // relations with their evidence
        let mut evidence: HashMap<i64, Vec<Evidence>> = HashMap::new();
        let mut st = self.conn.prepare(r#"SELECT relation, doc, text, "start", "end" FROM evidence"#)?;
        let rows = st.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?, r.get::<_, i64>(4)?))
        })?;
        for r in rows {
            let (rel, doc, text, start, end) = r?;
            if let Some(name) = docs.get(&doc) {
                evidence.entry(rel).or_default().push(Evidence {
                    doc: name.clone(),
                    text,
                    start: start.max(0) as usize,
                    end: end.max(0) as usize,
                });
            }
        }
        let mut relations: Vec<(i64, i64, Relation)> = Vec::new();
        let mut st = self.conn.prepare(
            "SELECT id, source, target, kind, role, directed, negated, ended, confidence FROM relations ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, bool>(5)?,
                r.get::<_, bool>(6)?,
                r.get::<_, bool>(7)?,
                r.get::<_, f64>(8)?,
            ))
        })?;
        for r in rows {
            let (id, s, t, kind, role, directed, negated, ended, confidence) = r?;
            let kind: RelationKind = kind.parse().map_err(StoreError::Corrupt)?;
            let role: Option<Role> = role.map(|r| r.parse().map_err(StoreError::Corrupt)).transpose()?;
            let ev = evidence.remove(&id).unwrap_or_default();
            if !filter.kinds.is_empty() && !filter.kinds.contains(&kind) {
                continue;
            }
            if filter.since.is_some() && ev.is_empty() {
                continue;
            }
            if ev.len() < filter.min_evidence {
                continue;
            }
            relations.push((s, t, Relation { kind, role, directed, negated, ended, confidence: confidence as f32, evidence: ev }));
        }
        let wanted: Option<HashSet<i64>> =
            (!filter.is_all()).then(|| relations.iter().flat_map(|(s, t, _)| [*s, *t]).collect());

        // entities with names and mentions
        let mut aliases: HashMap<i64, Vec<String>> = HashMap::new();
        let mut st = self.conn.prepare("SELECT entity, name FROM aliases")?;
        for r in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (e, name) = r?;
            if wanted.as_ref().is_none_or(|w| w.contains(&e)) {
                aliases.entry(e).or_default().push(name);
            }
        }
        let mut mentions: HashMap<i64, Vec<MentionRef>> = HashMap::new();
        let mut st = self.conn.prepare(r#"SELECT entity, doc, "start", "end", text FROM mentions"#)?;
        let rows = st.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?, r.get::<_, String>(4)?))
        })?;
        for r in rows {
            let (e, doc, start, end, text) = r?;
            if wanted.as_ref().is_some_and(|w| !w.contains(&e)) {
                continue;
            }
            if let Some(name) = docs.get(&doc) {
                mentions.entry(e).or_default().push(MentionRef {
                    doc: name.clone(),
                    text: text.into(),
                    start: start.max(0) as usize,
                    end: end.max(0) as usize,
                });
            }
        }
        let mut g = Graph::new();
        g.documents = doc_order;
        let mut node_of = HashMap::new();
        let mut st = self.conn.prepare("SELECT id, key, kind, label FROM entities ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        for r in rows {
            let (row, key, kind, label) = r?;
            if wanted.as_ref().is_some_and(|w| !w.contains(&row)) {
                continue;
            }
            let kind = entity_kind(&kind)?;
            let n = g.add_entity(Entity {
                id: key,
                kind,
                label,
                aliases: aliases.remove(&row).unwrap_or_default(),
                mentions: mentions.remove(&row).unwrap_or_default(),
            });
            node_of.insert(row, n);
        }
        for (s, t, rel) in relations {
            let (Some(&a), Some(&b)) = (node_of.get(&s), node_of.get(&t)) else {
                return Err(StoreError::Corrupt(format!("relation between unknown entities {s} and {t}")));
            };
            g.add_relation(a, b, rel);
        }
        g.normalize();
        Ok(g)
    }

    /// The content hashes of every stored document.
    pub fn hashes(&self) -> Result<HashSet<String>, StoreError> {
        let mut st = self.conn.prepare("SELECT hash FROM documents")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The stored documents, in the order added.
    pub fn documents(&self) -> Result<Vec<super::DocumentMeta>, StoreError> {
        let mut st = self.conn.prepare("SELECT name, hash, title, url, date, words FROM documents ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(super::DocumentMeta {
                id: r.get(0)?,
                hash: r.get(1)?,
                title: r.get(2)?,
                url: r.get(3)?,
                date: r.get(4)?,
                words: r.get::<_, i64>(5)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
