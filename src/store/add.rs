//! Adding a document's graph to the store, with cross-document entity resolution.

use super::{name_norm, AddOutcome, DocumentMeta, Store, StoreError};
use crate::graph::{Entity, EntityKind, Graph};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;

impl Store {
    /// Adds one document and its graph in one transaction.
    ///
    /// A document whose content hash is stored already changes nothing
    /// ([`AddOutcome::Unchanged`]); a document whose id is stored with other
    /// content replaces it ([`AddOutcome::Replaced`]: the old version's
    /// mentions and evidence are removed first).
    pub fn add_document(&mut self, meta: &DocumentMeta, graph: &Graph) -> Result<AddOutcome, StoreError> {
        let tx = self.conn.transaction()?;
        let outcome = add_in(&tx, meta, graph)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Adds several documents in one transaction (faster for many small
    /// documents; a crash loses the whole batch, never part of a document).
    pub fn add_documents<'a>(
        &mut self,
        docs: impl IntoIterator<Item = (&'a DocumentMeta, &'a Graph)>,
    ) -> Result<Vec<AddOutcome>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::new();
        for (meta, graph) in docs {
            out.push(add_in(&tx, meta, graph)?);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Removes a document: its mentions and evidence, then the relations
    /// left without evidence and the entities left without mentions or
    /// relations. Returns false when no document has this id.
    pub fn remove_document(&mut self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let doc: Option<i64> = tx
            .query_row("SELECT id FROM documents WHERE name = ?1", [id], |r| r.get(0))
            .optional()?;
        let Some(doc) = doc else { return Ok(false) };
        remove_in(&tx, doc)?;
        tx.commit()?;
        Ok(true)
    }
}

fn remove_in(tx: &Transaction<'_>, doc: i64) -> Result<(), StoreError> {
    tx.execute("DELETE FROM mentions WHERE doc = ?1", [doc])?;
    tx.execute("DELETE FROM evidence WHERE doc = ?1", [doc])?;
    tx.execute("DELETE FROM documents WHERE id = ?1", [doc])?;
    tx.execute(
        "DELETE FROM relations WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.relation = relations.id)",
        [],
    )?;
    tx.execute(
        "DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity = entities.id)
           AND NOT EXISTS (SELECT 1 FROM relations r WHERE r.source = entities.id OR r.target = entities.id)",
        [],
    )?;
    Ok(())
}

fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // days since the epoch to a civil date (proleptic Gregorian)
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem / 60 % 60, rem % 60)
}

fn add_in(tx: &Transaction<'_>, meta: &DocumentMeta, graph: &Graph) -> Result<AddOutcome, StoreError> {
    if tx.prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")?.exists([&meta.hash])? {
        return Ok(AddOutcome::Unchanged);
    }
    let mut outcome = AddOutcome::Added;
    let old: Option<i64> = tx
        .prepare_cached("SELECT id FROM documents WHERE name = ?1")?
        .query_row([&meta.id], |r| r.get(0))
        .optional()?;
    if let Some(old) = old {
        remove_in(tx, old)?;
        outcome = AddOutcome::Replaced;
    }
    tx.prepare_cached(
        "INSERT INTO documents(name, hash, title, url, date, words, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![meta.id, meta.hash, meta.title, meta.url, meta.date, meta.words as i64, now()])?;
    let doc = tx.last_insert_rowid();

    // Fullest labels first, so that short names find their full form.
    let mut order: Vec<_> = graph.entities().collect();
    order.sort_by(|(_, a), (_, b)| {
        b.label
            .split_whitespace()
            .count()
            .cmp(&a.label.split_whitespace().count())
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut row_of: HashMap<petgraph::graph::NodeIndex, (i64, String)> = HashMap::new();
    for (n, e) in order {
        let (row, key) = resolve(tx, e)?;
        absorb(tx, row, e)?;
        let mut st = tx.prepare_cached(
            r#"INSERT OR IGNORE INTO mentions(doc, entity, "start", "end", text) VALUES (?1, ?2, ?3, ?4, ?5)"#,
        )?;
        for m in &e.mentions {
            st.execute(params![doc, row, m.start as i64, m.end as i64, m.text])?;
        }
        row_of.insert(n, (row, key));
    }
    let pg = graph.petgraph();
    for ei in pg.edge_indices() {
        let Some((s, t)) = pg.edge_endpoints(ei) else { continue };
        let (Some(s), Some(t)) = (row_of.get(&s), row_of.get(&t)) else { continue };
        if s.0 == t.0 {
            continue;
        }
        let r = &pg[ei];
        // symmetric relations are stored with their ends in key order, as in Graph
        let (s, t) = if !r.directed && s.1 > t.1 { (t, s) } else { (s, t) };
        let rel: i64 = tx
            .prepare_cached(
                "INSERT INTO relations(source, target, kind, role, directed, negated, ended, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(source, target, kind, directed, negated) DO UPDATE SET
                   confidence = max(confidence, excluded.confidence),
                   ended = (ended AND excluded.ended),
                   role = coalesce(role, excluded.role)
                 RETURNING id",
            )?
            .query_row(
                params![
                    s.0,
                    t.0,
                    r.kind.as_str(),
                    r.role.map(|x| x.as_str()),
                    r.directed,
                    r.negated,
                    r.ended,
                    f64::from(r.confidence)
                ],
                |row| row.get(0),
            )?;
        let mut st = tx.prepare_cached(
            r#"INSERT OR IGNORE INTO evidence(relation, doc, text, "start", "end") VALUES (?1, ?2, ?3, ?4, ?5)"#,
        )?;
        for ev in &r.evidence {
            st.execute(params![rel, doc, ev.text, ev.start as i64, ev.end as i64])?;
        }
    }
    Ok(outcome)
}

/// The stored entity this document entity is, creating it when new:
/// returns its row id and key.
fn resolve(tx: &Transaction<'_>, e: &Entity) -> Result<(i64, String), StoreError> {
    let kind = e.kind.as_str();
    let suffixed = format!("{}_{}", e.id, kind);
    // 1. the same canonical id (or its kind-suffixed form) and kind
    for key in [&e.id, &suffixed] {
        let hit: Option<i64> = tx
            .prepare_cached("SELECT id FROM entities WHERE key = ?1 AND kind = ?2")?
            .query_row(params![key, kind], |r| r.get(0))
            .optional()?;
        if let Some(row) = hit {
            return Ok((row, key.clone()));
        }
    }
    // 2. a name carried by exactly one stored entity of this kind
    let norm = name_norm(&e.label);
    if !norm.is_empty() {
        let mut st = tx.prepare_cached(
            "SELECT DISTINCT a.entity, x.key FROM aliases a JOIN entities x ON x.id = a.entity
             WHERE a.kind = ?1 AND a.norm = ?2 LIMIT 2",
        )?;
        let hits: Vec<(i64, String)> = st
            .query_map(params![kind, norm], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        if hits.len() == 1 {
            return Ok(hits[0].clone());
        }
    }
    // 3. a new entity; its key is the id, kind-suffixed when another kind has it
    let taken = tx.prepare_cached("SELECT 1 FROM entities WHERE key = ?1")?.exists([&e.id])?;
    let key = if taken { suffixed } else { e.id.clone() };
    tx.prepare_cached("INSERT INTO entities(key, kind, label) VALUES (?1, ?2, ?3)")?
        .execute(params![key, kind, e.label])?;
    Ok((tx.last_insert_rowid(), key))
}

/// Folds the names of `e` into the stored entity `row` (the rule of
/// `Graph::add_entity`: a longer label that contains the stored one wins).
fn absorb(tx: &Transaction<'_>, row: i64, e: &Entity) -> Result<(), StoreError> {
    let (label, kind): (String, String) = tx
        .prepare_cached("SELECT label, kind FROM entities WHERE id = ?1")?
        .query_row([row], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if e.label.len() > label.len() && e.label.contains(&label) {
        tx.prepare_cached("UPDATE entities SET label = ?1 WHERE id = ?2")?
            .execute(params![e.label, row])?;
    }
    let mut st = tx.prepare_cached("INSERT OR IGNORE INTO aliases(entity, name, kind, norm) VALUES (?1, ?2, ?3, ?4)")?;
    for a in e.aliases.iter().chain(std::iter::once(&e.label)) {
        let norm = name_norm(a);
        if !norm.is_empty() {
            st.execute(params![row, a, kind, norm])?;
        }
    }
    Ok(())
}

/// Parses a kind stored as text.
pub(super) fn entity_kind(s: &str) -> Result<EntityKind, StoreError> {
    s.parse().map_err(StoreError::Corrupt)
}
