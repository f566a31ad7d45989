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
    // how many of this document's entities carry each name
    let mut carried: HashMap<(EntityKind, String), usize> = HashMap::new();
    for (_, e) in &order {
        let mut norms: Vec<String> = e.aliases.iter().chain(std::iter::once(&e.label)).map(|a| name_norm(a)).collect();
        norms.sort();
        norms.dedup();
        for n in norms {
            *carried.entry((e.kind, n)).or_default() += 1;
        }
    }
    let mut row_of: HashMap<petgraph::graph::NodeIndex, (i64, String)> = HashMap::new();
    for (n, e) in order {
        let (row, key) = resolve(tx, e)?;
        absorb(tx, row, e)?;
        for gone in claim_short_names(tx, row, &key, e, &carried)? {
            for v in row_of.values_mut() {
                if v.0 == gone {
                    *v = (row, key.clone());
                }
            }
        }
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
        let hits = carriers(tx, kind, &norm, 2)?;
        if let [only] = hits[..] {
            let (key, _) = key_label(tx, only)?;
            return Ok((only, key));
        }
    }
    // 3. a new entity; its key is the id, kind-suffixed when another kind has it
    let taken = tx.prepare_cached("SELECT 1 FROM entities WHERE key = ?1")?.exists([&e.id])?;
    let key = if taken { suffixed } else { e.id.clone() };
    tx.prepare_cached("INSERT INTO entities(key, kind, label) VALUES (?1, ?2, ?3)")?
        .execute(params![key, kind, e.label])?;
    Ok((tx.last_insert_rowid(), key))
}

/// The other side of "a short name joins the unique fuller entity carrying
/// it": when `e` (stored as `row`) carries a name that is the only name of a
/// stored entity with a shorter label, and no third entity carries that
/// name (in the store or in the document being added), that short entity is folded into `row` ("Trump" stored first, then
/// "Donald Trump, Trump" arrives). So the order in which documents arrive
/// matters less. Returns the rows folded away.
fn claim_short_names(
    tx: &Transaction<'_>,
    row: i64,
    key: &str,
    e: &Entity,
    carried: &HashMap<(EntityKind, String), usize>,
) -> Result<Vec<i64>, StoreError> {
    let kind = e.kind.as_str();
    let words = e.label.split_whitespace().count();
    let mut gone = Vec::new();
    let mut norms: Vec<String> = e.aliases.iter().map(|a| name_norm(a)).filter(|n| !n.is_empty()).collect();
    norms.sort();
    norms.dedup();
    for norm in norms {
        // another entity of the same document carries the name too: ambiguous
        if carried.get(&(e.kind, norm.clone())).is_some_and(|&c| c > 1) {
            continue;
        }
        let found = carriers(tx, kind, &norm, 3)?;
        if found.len() != 2 {
            continue;
        }
        let Some(short) = found.into_iter().find(|&c| c != row) else { continue };
        let (short_key, label) = key_label(tx, short)?;
        if label.split_whitespace().count() >= words || name_norm(&label) != norm {
            continue;
        }
        let names: i64 = tx
            .prepare_cached("SELECT count(DISTINCT norm) FROM aliases WHERE entity = ?1")?
            .query_row([short], |r| r.get(0))?;
        if names != 1 {
            continue;
        }
        fold(tx, short, &short_key, row, key)?;
        gone.push(short);
    }
    Ok(gone)
}

/// The distinct stored entities of `kind` carrying the name `norm`, at most `limit`.
fn carriers(tx: &Transaction<'_>, kind: &str, norm: &str, limit: usize) -> Result<Vec<i64>, StoreError> {
    let mut st = tx.prepare_cached("SELECT entity FROM aliases WHERE kind = ?1 AND norm = ?2")?;
    let mut rows = st.query(params![kind, norm])?;
    let mut out: Vec<i64> = Vec::new();
    while let Some(r) = rows.next()? {
        let e: i64 = r.get(0)?;
        if !out.contains(&e) {
            out.push(e);
            if out.len() >= limit {
                break;
            }
        }
    }
    Ok(out)
}

/// The key and label of a stored entity.
fn key_label(tx: &Transaction<'_>, row: i64) -> Result<(String, String), StoreError> {
    let mut st = tx.prepare_cached("SELECT key, label FROM entities WHERE id = ?1")?;
    Ok(st.query_row([row], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Moves everything of entity `from` onto entity `into` and deletes `from`.
fn fold(tx: &Transaction<'_>, from: i64, from_key: &str, into: i64, into_key: &str) -> Result<(), StoreError> {
    tx.execute("UPDATE OR IGNORE mentions SET entity = ?2 WHERE entity = ?1", params![from, into])?;
    tx.execute(
        "INSERT OR IGNORE INTO aliases(entity, name, kind, norm) SELECT ?2, name, kind, norm FROM aliases WHERE entity = ?1",
        params![from, into],
    )?;
    type Row = (i64, i64, i64, String, Option<String>, bool, bool, bool, f64);
    let rels: Vec<Row> = tx
        .prepare_cached(
            "SELECT id, source, target, kind, role, directed, negated, ended, confidence FROM relations
             WHERE source = ?1 OR target = ?1",
        )?
        .query_map([from], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
        })?
        .collect::<Result<_, _>>()?;
    let key_of = |id: i64| -> Result<String, StoreError> {
        if id == into {
            return Ok(into_key.to_string());
        }
        if id == from {
            return Ok(from_key.to_string());
        }
        Ok(tx.prepare_cached("SELECT key FROM entities WHERE id = ?1")?.query_row([id], |r| r.get(0))?)
    };
    for (old, s, t, kind, role, directed, negated, ended, confidence) in rels {
        let s = if s == from { into } else { s };
        let t = if t == from { into } else { t };
        if s != t {
            let (s, t) = if !directed && key_of(s)? > key_of(t)? { (t, s) } else { (s, t) };
            let new: i64 = tx.query_row(
                "INSERT INTO relations(source, target, kind, role, directed, negated, ended, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(source, target, kind, directed, negated) DO UPDATE SET
                   confidence = max(confidence, excluded.confidence),
                   ended = (ended AND excluded.ended),
                   role = coalesce(role, excluded.role)
                 RETURNING id",
                params![s, t, kind, role, directed, negated, ended, confidence],
                |r| r.get(0),
            )?;
            tx.execute("UPDATE OR IGNORE evidence SET relation = ?2 WHERE relation = ?1", params![old, new])?;
        }
        tx.execute("DELETE FROM relations WHERE id = ?1", [old])?;
    }
    tx.execute("DELETE FROM entities WHERE id = ?1", [from])?;
    Ok(())
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
