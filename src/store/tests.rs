use super::*;
use crate::graph::{slug, Entity, EntityKind, Evidence, Graph, MentionRef, Relation, RelationKind};

fn temp_db() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    (dir, store)
}

/// A document graph: people (label, aliases) and support edges between them.
fn doc(id: &str, people: &[(&str, &[&str])], edges: &[(usize, usize, RelationKind)]) -> (DocumentMeta, Graph) {
    let mut g = Graph::new();
    g.documents.push(id.into());
    let nodes: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(i, (label, aliases))| {
            g.add_entity(Entity {
                id: slug(label),
                kind: EntityKind::Person,
                label: label.to_string(),
                aliases: aliases.iter().map(|s| s.to_string()).chain([label.to_string()]).collect(),
                mentions: vec![MentionRef { doc: id.into(), start: i * 10, end: i * 10 + 5, text: (*label).into() }],
            })
        })
        .collect();
    for (i, &(a, b, kind)) in edges.iter().enumerate() {
        g.add_relation(
            nodes[a],
            nodes[b],
            Relation {
                kind,
                role: None,
                directed: !kind.always_symmetric(),
                negated: false,
                ended: false,
                confidence: 0.7,
                evidence: vec![Evidence { doc: id.into(), text: format!("sentence {i} of {id}"), start: i, end: i + 1 }],
            },
        );
    }
    let text = format!("{id}: {people:?} {edges:?}");
    (DocumentMeta::for_text(id, &text), g)
}

#[test]
fn incremental_add_merges_across_documents() {
    let (_d, mut s) = temp_db();
    let (m1, g1) = doc("a", &[("Donald Trump", &["Trump"]), ("Kanye West", &["West"])], &[(1, 0, RelationKind::Support)]);
    assert_eq!(s.add_document(&m1, &g1).unwrap(), AddOutcome::Added);
    let (m2, g2) = doc("b", &[("Trump", &[]), ("Kanye West", &[])], &[(1, 0, RelationKind::Support)]);
    assert_eq!(s.add_document(&m2, &g2).unwrap(), AddOutcome::Added);
    let st = s.stats().unwrap();
    assert_eq!(st.documents, 2);
    assert_eq!(st.entity_total(), 2);
    assert_eq!(st.relation_total(), 1);
    assert_eq!(st.evidence, 2);
    let g = s.graph(&Filter::default()).unwrap();
    assert_eq!(g.node_count(), 2);
    let e = g.relations().next().unwrap();
    assert_eq!((e.source.id.as_str(), e.target.id.as_str()), ("kanye_west", "donald_trump"));
    assert_eq!(e.relation.evidence.len(), 2);
    assert_eq!(g.documents, vec!["a", "b"]);
    let trump = g.entity(g.node("donald_trump").unwrap());
    assert_eq!(trump.mentions.len(), 2);
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn re_adding_the_same_content_changes_nothing() {
    let (_d, mut s) = temp_db();
    let (m, g) = doc("a", &[("Donald Trump", &["Trump"]), ("Kanye West", &[])], &[(1, 0, RelationKind::Support)]);
    s.add_document(&m, &g).unwrap();
    let before = s.stats().unwrap();
    assert_eq!(s.add_document(&m, &g).unwrap(), AddOutcome::Unchanged);
    // the same content under another name is the same document
    let mut other = m.clone();
    other.id = "copy".into();
    assert_eq!(s.add_document(&other, &g).unwrap(), AddOutcome::Unchanged);
    assert_eq!(s.stats().unwrap(), before);
}

#[test]
fn new_content_under_the_same_id_replaces_the_old() {
    let (_d, mut s) = temp_db();
    let (m, g) = doc("a", &[("Donald Trump", &[]), ("Kanye West", &[])], &[(1, 0, RelationKind::Support)]);
    s.add_document(&m, &g).unwrap();
    let (mut m2, g2) = doc("a2", &[("Joe Biden", &[]), ("John Legend", &[])], &[(1, 0, RelationKind::Support)]);
    m2.id = "a".into();
    assert_eq!(s.add_document(&m2, &g2).unwrap(), AddOutcome::Replaced);
    let g = s.graph(&Filter::default()).unwrap();
    let ids: Vec<_> = g.entities().map(|(_, e)| e.id.clone()).collect();
    assert_eq!(ids, ["joe_biden", "john_legend"]);
    assert_eq!(s.stats().unwrap().documents, 1);
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn two_bushes_stay_apart_and_bare_bush_joins_neither() {
    let (_d, mut s) = temp_db();
    for (id, people) in [
        ("a", vec![("George W. Bush", &["Bush"][..])]),
        ("b", vec![("Jeb Bush", &["Bush"][..])]),
        ("c", vec![("Bush", &[][..])]),
        ("d", vec![("George W. Bush", &[][..])]),
    ] {
        let (m, g) = doc(id, &people, &[]);
        s.add_document(&m, &g).unwrap();
    }
    let g = s.graph(&Filter::default()).unwrap();
    let mut ids: Vec<_> = g.entities().map(|(_, e)| e.id.clone()).collect();
    ids.sort();
    assert_eq!(ids, ["bush", "george_w_bush", "jeb_bush"]);
    let george = g.entity(g.node("george_w_bush").unwrap());
    assert_eq!(george.mentions.len(), 2);
}

#[test]
fn a_full_name_arriving_later_claims_the_short_one() {
    let (_d, mut s) = temp_db();
    let (m, g) = doc("a", &[("Trump", &[]), ("Kanye West", &[])], &[(1, 0, RelationKind::Support)]);
    s.add_document(&m, &g).unwrap();
    let (m, g) = doc("b", &[("Donald Trump", &["Trump"]), ("Kanye West", &[])], &[(1, 0, RelationKind::Support)]);
    s.add_document(&m, &g).unwrap();
    let g = s.graph(&Filter::default()).unwrap();
    let ids: Vec<_> = g.entities().map(|(_, e)| e.id.clone()).collect();
    assert_eq!(ids, ["kanye_west", "donald_trump"]);
    let e = g.relations().next().unwrap();
    assert_eq!(e.target.id, "donald_trump");
    assert_eq!(e.relation.evidence.len(), 2);
    assert_eq!(g.entity(g.node("donald_trump").unwrap()).mentions.len(), 2);
    assert!(s.check().unwrap().is_empty());
    // a bare name that two fuller entities carry is not claimed
    let (_d, mut s) = temp_db();
    for (id, people) in [("a", vec![("Bush", &[][..])]), ("b", vec![("George W. Bush", &["Bush"][..]), ("Jeb Bush", &["Bush"][..])])] {
        let (m, g) = doc(id, &people, &[]);
        s.add_document(&m, &g).unwrap();
    }
    assert_eq!(s.stats().unwrap().entity_total(), 3);
}

#[test]
fn short_name_joins_the_unique_carrier_of_its_kind_only() {
    let (_d, mut s) = temp_db();
    let (m, g) = doc("a", &[("Kanye West", &["West"])], &[]);
    s.add_document(&m, &g).unwrap();
    // an organization called "West" is another kind: it stays apart
    let (m2, mut g2) = doc("b", &[("West", &[])], &[]);
    let n = g2.node("west").unwrap();
    g2.entity_mut(n).kind = EntityKind::Organization;
    s.add_document(&m2, &g2).unwrap();
    let (m3, g3) = doc("c", &[("West", &[])], &[]);
    s.add_document(&m3, &g3).unwrap();
    let st = s.stats().unwrap();
    assert_eq!(st.entity_total(), 2);
    let g = s.graph(&Filter::default()).unwrap();
    assert_eq!(g.entity(g.node("kanye_west").unwrap()).mentions.len(), 2);
}

#[test]
fn symmetric_relations_merge_whatever_their_order() {
    let (_d, mut s) = temp_db();
    let (m, g) = doc("a", &[("Kanye West", &[]), ("John Legend", &[])], &[(0, 1, RelationKind::Friendship)]);
    s.add_document(&m, &g).unwrap();
    let (m, g) = doc("b", &[("John Legend", &[]), ("Kanye West", &[])], &[(1, 0, RelationKind::Friendship)]);
    s.add_document(&m, &g).unwrap();
    let st = s.stats().unwrap();
    assert_eq!(st.relation_total(), 1);
    assert_eq!(st.evidence, 2);
}

#[test]
fn filters_select_kinds_evidence_and_dates() {
    let (_d, mut s) = temp_db();
    let (mut m, g) = doc(
        "a",
        &[("Kanye West", &[]), ("John Legend", &[]), ("Joe Biden", &[])],
        &[(0, 1, RelationKind::Friendship), (1, 2, RelationKind::Support)],
    );
    m.date = Some("2020-01-01".into());
    s.add_document(&m, &g).unwrap();
    let (mut m, g) = doc("b", &[("Kanye West", &[]), ("John Legend", &[])], &[(0, 1, RelationKind::Friendship)]);
    m.date = Some("2021-06-01".into());
    s.add_document(&m, &g).unwrap();
    let only = |f: Filter| {
        let g = s.graph(&f).unwrap();
        (g.node_count(), g.edge_count())
    };
    assert_eq!(only(Filter::default()), (3, 2));
    assert_eq!(only(Filter { kinds: vec![RelationKind::Support], ..Filter::default() }), (2, 1));
    assert_eq!(only(Filter { min_evidence: 2, ..Filter::default() }), (2, 1));
    assert_eq!(only(Filter { since: Some("2021".into()), ..Filter::default() }), (2, 1));
}

#[test]
fn fragments_round_trip() {
    let (m, g) = doc("a", &[("Kanye West", &["West"]), ("John Legend", &[])], &[(0, 1, RelationKind::Support)]);
    let line = write_fragment(&m, &g);
    assert!(!line.contains('\n'));
    let f = parse_fragment(&line).unwrap();
    assert_eq!(f.meta, m);
    assert_eq!(f.graph.node_count(), 2);
    assert_eq!(f.graph.relations().next().unwrap().relation.evidence.len(), 1);
    assert!(parse_fragment("{\"nodes\": []}").is_err());
    assert!(parse_fragment("not json").is_err());
}

#[test]
fn schema_version_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE schema_version SET version = 99", []).unwrap();
    drop(conn);
    let err = Store::open(&path).err().unwrap();
    assert!(err.to_string().contains("schema version 99"), "{err}");
}

#[test]
fn content_hash_is_stable() {
    assert_eq!(content_hash(""), "6c62272e07bb014262b821756295c58d");
    assert_ne!(content_hash("a"), content_hash("b"));
    assert_eq!(name_norm("The George W. Bush"), "george w bush");
}
