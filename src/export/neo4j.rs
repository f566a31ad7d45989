//! Neo4j: a directory of bulk-import CSV files and an equivalent Cypher script.
//!
//! `relgraph export g.json --format neo4j -o DIR` writes
//!
//! - `DIR/nodes.csv`: `id:ID,label,kind,aliases:string[],:LABEL` (aliases
//!   separated by `;`, Neo4j's array delimiter; labels `Entity;Person` etc.);
//! - `DIR/relationships.csv`: `:START_ID,:END_ID,:TYPE,kind,role,`
//!   `directed:boolean,negated:boolean,ended:boolean,confidence:double,evidence`
//!   (type = the kind in capitals, `SUPPORT`; evidence sentences joined with `" | "`);
//! - `DIR/import.cypher`: one `MERGE` per node and one per relation, for
//!   `cypher-shell -f import.cypher` on a running database.
//!
//! The CSV files are for `neo4j-admin database import full --nodes=nodes.csv
//! --relationships=relationships.csv` on an empty database. Negated
//! relations are exported with `negated = true`; filter them in queries.
//! Each file is written atomically.

use super::{sorted_entities, sorted_relations};
use super::bool_str;
use crate::graph::{EntityKind, Graph};
use std::fmt::Write as _;
use std::path::Path;

/// Header of `nodes.csv`.
pub const NODES_HEADER: &[&str] = &["id:ID", "label", "kind", "aliases:string[]", ":LABEL"];

/// Header of `relationships.csv`.
pub const RELATIONSHIPS_HEADER: &[&str] = &[
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "kind",
    "role",
    "directed:boolean",
    "negated:boolean",
    "ended:boolean",
    "confidence:double",
    "evidence",
];

/// The three files of a Neo4j export, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neo4jFiles {
    /// `nodes.csv`.
    pub nodes: String,
    /// `relationships.csv`.
    pub relationships: String,
    /// `import.cypher`.
    pub cypher: String,
}

/// Why the Neo4j files could not be produced or written.
#[derive(Debug, thiserror::Error)]
pub enum Neo4jError {
    /// The CSV writer failed.
    #[error("cannot write Neo4j CSV")]
    Csv(#[from] ::csv::Error),
    /// The CSV writer's buffer could not be taken back or was not UTF-8.
    #[error("cannot finish Neo4j CSV: {0}")]
    Finish(String),
    /// A file could not be written.
    #[error("cannot write {path}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// The Neo4j node label of an entity kind.
pub fn node_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organization",
        EntityKind::Event => "Event",
    }
}

/// Quotes text as a Cypher string literal: single quotes, with `\`, `'`
/// and line breaks escaped and other control characters dropped.
pub fn cypher_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn finish(w: ::csv::Writer<Vec<u8>>) -> Result<String, Neo4jError> {
    let bytes = w.into_inner().map_err(|e| Neo4jError::Finish(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Neo4jError::Finish(e.to_string()))
}

fn writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

/// The three files of the graph (deterministic: same graph, same bytes).
pub fn neo4j_files(graph: &Graph) -> Result<Neo4jFiles, Neo4jError> {
    let entities = sorted_entities(graph);
    let relations = sorted_relations(graph, true);

    let mut nodes = writer();
    nodes.write_record(NODES_HEADER)?;
    for e in &entities {
        // `;` separates array elements in the import tool.
        let aliases: Vec<String> = e.aliases.iter().map(|a| a.replace(';', ",")).collect();
        nodes.write_record([
            e.id.as_str(),
            &e.label,
            e.kind.as_str(),
            &aliases.join(";"),
            &format!("Entity;{}", node_label(e.kind)),
        ])?;
    }

    let mut rels = writer();
    rels.write_record(RELATIONSHIPS_HEADER)?;
    for e in &relations {
        let r = e.relation;
        rels.write_record([
            e.source.id.as_str(),
            &e.target.id,
            &r.kind.as_str().to_ascii_uppercase(),
            r.kind.as_str(),
            r.role.map(|x| x.as_str()).unwrap_or(""),
            bool_str(r.directed),
            bool_str(r.negated),
            bool_str(r.ended),
            &r.confidence.to_string(),
            &evidence_text(r),
        ])?;
    }

    let mut cy = String::new();
    let _ = writeln!(
        cy,
        "// relgraph: {} entities, {} relations. Run with: cypher-shell -f import.cypher",
        entities.len(),
        relations.len()
    );
    cy.push_str("CREATE CONSTRAINT relgraph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n");
    for e in &entities {
        let aliases: Vec<String> = e.aliases.iter().map(|a| cypher_string(a)).collect();
        let _ = writeln!(
            cy,
            "MERGE (n:Entity {{id: {}}}) SET n:{}, n.label = {}, n.kind = {}, n.aliases = [{}];",
            cypher_string(&e.id),
            node_label(e.kind),
            cypher_string(&e.label),
            cypher_string(e.kind.as_str()),
            aliases.join(", ")
        );
    }
    for e in &relations {
        let r = e.relation;
        let role = match r.role {
            Some(x) => cypher_string(x.as_str()),
            None => "null".into(),
        };
        let _ = writeln!(
            cy,
            "MATCH (a:Entity {{id: {}}}), (b:Entity {{id: {}}}) \
             MERGE (a)-[r:{} {{directed: {}, negated: {}}}]->(b) \
             SET r.kind = {}, r.role = {}, r.ended = {}, r.confidence = {}, r.evidence = {};",
            cypher_string(&e.source.id),
            cypher_string(&e.target.id),
            r.kind.as_str().to_ascii_uppercase(),
            bool_str(r.directed),
            bool_str(r.negated),
            cypher_string(r.kind.as_str()),
            role,
            bool_str(r.ended),
            r.confidence,
            cypher_string(&evidence_text(r)),
        );
    }

    Ok(Neo4jFiles { nodes: finish(nodes)?, relationships: finish(rels)?, cypher: cy })
}

/// Every evidence sentence of a relation, joined with `" | "`.
fn evidence_text(r: &crate::graph::Relation) -> String {
    r.evidence.iter().map(|ev| ev.text.as_str()).collect::<Vec<_>>().join(" | ")
}

/// Writes `nodes.csv`, `relationships.csv` and `import.cypher` into `dir`
/// (created when missing), each atomically.
pub fn write_neo4j(graph: &Graph, dir: &Path) -> Result<(), Neo4jError> {
    let files = neo4j_files(graph)?;
    for (name, text) in [
        ("nodes.csv", &files.nodes),
        ("relationships.csv", &files.relationships),
        ("import.cypher", &files.cypher),
    ] {
        let path = dir.join(name);
        crate::util::write_atomic(&path, text.as_bytes()).map_err(|source| Neo4jError::Io { path, source })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests_support::sample;

    fn records(text: &str) -> (Vec<String>, Vec<::csv::StringRecord>) {
        let mut r = ::csv::Reader::from_reader(text.as_bytes());
        let h = r.headers().unwrap().iter().map(String::from).collect();
        (h, r.records().collect::<Result<_, _>>().unwrap())
    }

    #[test]
    fn csv_files_have_neo4j_headers_and_matching_ids() {
        let g = sample();
        let f = neo4j_files(&g).unwrap();
        let (h, nodes) = records(&f.nodes);
        assert_eq!(h, NODES_HEADER);
        assert_eq!(nodes.len(), g.node_count());
        let ids: Vec<&str> = nodes.iter().map(|n| n.get(0).unwrap()).collect();
        let rock = nodes.iter().find(|n| &n[0] == "dwayne_the_rock_johnson").unwrap();
        assert_eq!(&rock[1], "Dwayne \"The Rock\" Johnson");
        assert_eq!(&rock[3], "Dwayne \"The Rock\" Johnson;The Rock");
        assert_eq!(&rock[4], "Entity;Person");
        let (h, rels) = records(&f.relationships);
        assert_eq!(h, RELATIONSHIPS_HEADER);
        assert_eq!(rels.len(), g.edge_count());
        for r in &rels {
            assert!(ids.contains(&&r[0]) && ids.contains(&&r[1]), "{r:?}");
            assert_eq!(r[2].to_ascii_lowercase(), r[3].to_string());
        }
        assert!(rels.iter().any(|r| &r[2] == "FAMILY" && &r[4] == "spouse" && &r[5] == "false"));
    }

    #[test]
    fn cypher_has_one_merge_per_node_and_edge_with_escaped_quotes() {
        let g = sample();
        let cy = neo4j_files(&g).unwrap().cypher;
        assert_eq!(cy.matches("MERGE").count(), g.node_count() + g.edge_count());
        assert_eq!(cy.lines().filter(|l| l.starts_with("MERGE (n:Entity")).count(), g.node_count());
        assert!(cy.contains("n.label = 'Sinéad O\\'Connor'"), "{cy}");
        assert!(cy.contains("'The Rock dated O\\'Connor.'"), "{cy}");
        assert!(cy.contains("-[r:DISAGREEMENT {directed: true, negated: false}]->"));
        assert!(cy.contains("r.role = 'spouse'"));
    }

    #[test]
    fn cypher_strings_escape_everything_that_ends_them() {
        assert_eq!(cypher_string("a'b\\c\nd\u{7}"), "'a\\'b\\\\c\\nd'");
    }

    #[test]
    fn writes_three_files_into_the_directory() {
        let dir = std::env::temp_dir().join(format!("relgraph-neo4j-{}", std::process::id()));
        write_neo4j(&sample(), &dir.join("out")).unwrap();
        for name in ["nodes.csv", "relationships.csv", "import.cypher"] {
            assert!(dir.join("out").join(name).is_file(), "{name}");
        }
        // a file in the way is an error, not a panic
        std::fs::write(dir.join("file"), b"x").unwrap();
        assert!(write_neo4j(&sample(), &dir.join("file")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
