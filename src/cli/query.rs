//! `relgraph query`: who is connected to whom, and how.

use anyhow::Context;
use relgraph::graph::{read_json_file, Entity, Graph, RelationKind};
use relgraph::query::{
    between, entity_summary, find_entity, neighbors, neighbors_within, shortest_path,
    shortest_path_within, top, Hop, RankBy,
};
use relgraph::store::{Filter, Store};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `relgraph query`.
#[derive(clap::Args, Debug)]
#[command(after_help = "EXAMPLES:\n  \
    relgraph query corpus.json neighbors \"John Legend\"\n  \
    relgraph query corpus.json neighbors West --kind support --json\n  \
    relgraph query corpus.json path Legend Trump\n  \
    relgraph query corpus.json path \"Chrissy Teigen\" \"Joe Biden\" --json\n  \
    relgraph query corpus.json path West Biden --kind support\n  \
    relgraph query --db graph.db entity Trump\n  \
    relgraph query --db graph.db between Legend West\n  \
    relgraph query --db graph.db top --by betweenness --limit 20\n\n\
    Names match a label, id or alias, ignoring case, punctuation and a leading \"the\". \
    An unknown or ambiguous name is an error (exit 1) that lists the candidates. \
    Denied relations are listed with the flag 'negated' (\"X did NOT support Y\") \
    but paths never go through them.")]
pub struct Args {
    /// The graph JSON file (or give a store with --db).
    #[arg(value_name = "GRAPH.json", required_unless_present = "db", conflicts_with = "db")]
    pub graph: Option<PathBuf>,
    /// Query a store built by `relgraph build` instead of a graph file.
    #[arg(long, value_name = "graph.db")]
    pub db: Option<PathBuf>,
    /// What to ask.
    #[command(subcommand)]
    pub query: Query,
}

/// The questions `relgraph query` answers.
#[derive(clap::Subcommand, Debug)]
pub enum Query {
    /// List the relations of one entity, either direction (several steps deep with --depth).
    #[command(
        after_help = "EXAMPLES:\n  relgraph query corpus.json neighbors \"Kanye West\" --kind disagreement\n  \
                      relgraph query --db graph.db neighbors Legend --depth 2 --json"
    )]
    Neighbors {
        /// Entity name, alias or id.
        name: String,
        /// Only relations of this kind: friendship, family, romance, collaboration,
        /// support, disagreement, participation, membership.
        #[arg(long, value_name = "KIND", value_parser = parse_kind)]
        kind: Option<RelationKind>,
        /// Follow relations this many steps out (1 = direct relations only).
        #[arg(long, default_value_t = 1, value_name = "N")]
        depth: usize,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Find a shortest chain of relations between two entities.
    #[command(after_help = "EXAMPLE:\n  relgraph query corpus.json path \"Chrissy Teigen\" Trump --max-len 3")]
    Path {
        /// Entity to start from.
        from: String,
        /// Entity to reach.
        to: String,
        /// Only walk relations of this kind: friendship, family, romance, collaboration,
        /// support, disagreement, participation, membership.
        #[arg(long, value_name = "KIND", value_parser = parse_kind)]
        kind: Option<RelationKind>,
        /// Report no path when the shortest one is longer than N steps.
        #[arg(long, value_name = "N")]
        max_len: Option<usize>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one entity: names, kind, documents, degree.
    #[command(after_help = "EXAMPLE:\n  relgraph query --db graph.db entity Trump --json")]
    Entity {
        /// Entity name, alias or id.
        name: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List every direct relation between two entities, with all its evidence.
    #[command(after_help = "EXAMPLE:\n  relgraph query --db graph.db between Legend West")]
    Between {
        /// One entity.
        a: String,
        /// The other entity.
        b: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Rank entities by degree, number of documents, or betweenness centrality.
    #[command(after_help = "EXAMPLE:\n  relgraph query --db graph.db top --by betweenness --limit 20")]
    Top {
        /// degree (distinct related entities), documents, or betweenness.
        #[arg(long, default_value = "degree", value_parser = parse_rank)]
        by: RankBy,
        /// How many entities to list.
        #[arg(long, default_value_t = 10, value_name = "N")]
        limit: usize,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

fn parse_kind(s: &str) -> Result<RelationKind, String> {
    s.parse()
}

fn parse_rank(s: &str) -> Result<RankBy, String> {
    s.parse()
}

/// How much of an evidence sentence a table shows.
const EVIDENCE_CHARS: usize = 100;

/// Loads the graph a query reads: a graph file or a whole store.
pub(crate) fn load_graph(graph: Option<&Path>, db: Option<&Path>) -> anyhow::Result<Graph> {
    if let Some(db) = db {
        if !db.exists() {
            anyhow::bail!("no store at {}", db.display());
        }
        let store = Store::open(db).map_err(|e| anyhow::anyhow!("{e}"))?;
        return store.graph(&Filter::default()).map_err(|e| anyhow::anyhow!("{e}"));
    }
    let Some(path) = graph else { anyhow::bail!("give a graph file or --db graph.db") };
    // The error names the file (and line:column for bad JSON) already.
    read_json_file(path).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let graph = load_graph(args.graph.as_deref(), args.db.as_deref())?;
    let out = match args.query {
        Query::Neighbors { name, kind, depth, json } if depth > 1 => {
            let n = find_entity(&graph, &name)?;
            let hops = neighbors_within(&graph, n, kind, depth);
            if json {
                json_text(&serde_json::json!({
                    "entity": entity_json(graph.entity(n)),
                    "kind": kind,
                    "depth": depth,
                    "neighbors": hops.iter().map(|(d, h)| {
                        let mut v = h.to_json(&graph);
                        v["distance"] = (*d).into();
                        v
                    }).collect::<Vec<_>>(),
                }))
            } else {
                deep_table(&graph, graph.entity(n), kind, depth, &hops)
            }
        }
        Query::Neighbors { name, kind, json, .. } => {
            let n = find_entity(&graph, &name)?;
            let hops = neighbors(&graph, n, kind);
            if json {
                json_text(&serde_json::json!({
                    "entity": entity_json(graph.entity(n)),
                    "kind": kind,
                    "neighbors": hops.iter().map(|h| h.to_json(&graph)).collect::<Vec<_>>(),
                }))
            } else {
                neighbors_table(&graph, graph.entity(n), kind, &hops)
            }
        }
        Query::Path {
            from,
            to,
            kind,
            max_len,
            json,
        } => {
            let a = find_entity(&graph, &from)?;
            let b = find_entity(&graph, &to)?;
            let path = match max_len {
                Some(m) => shortest_path_within(&graph, a, b, kind, m),
                None => shortest_path(&graph, a, b, kind),
            };
            if json {
                json_text(&serde_json::json!({
                    "from": entity_json(graph.entity(a)),
                    "to": entity_json(graph.entity(b)),
                    "kind": kind,
                    "max_len": max_len,
                    "path": path.as_ref().map(|p| p.iter().map(|h| h.to_json(&graph)).collect::<Vec<_>>()),
                }))
            } else {
                path_table(
                    &graph,
                    graph.entity(a),
                    graph.entity(b),
                    kind,
                    path.as_deref(),
                )
            }
        }
        Query::Entity { name, json } => {
            let n = find_entity(&graph, &name)?;
            let s = entity_summary(&graph, n);
            if json {
                json_text(&serde_json::to_value(&s)?)
            } else {
                format!(
                    "{} ({}, id {})\nnames:     {}\ndocuments: {} ({})\ndegree:    {} related entities, {} relations ({} denied)\n",
                    s.label,
                    s.kind,
                    s.id,
                    s.names.join(", "),
                    s.documents.len(),
                    s.documents.join(", "),
                    s.degree,
                    s.relations,
                    s.negated
                )
            }
        }
        Query::Between { a, b, json } => {
            let x = find_entity(&graph, &a)?;
            let y = find_entity(&graph, &b)?;
            let hops = between(&graph, x, y);
            if json {
                json_text(&serde_json::json!({
                    "a": entity_json(graph.entity(x)),
                    "b": entity_json(graph.entity(y)),
                    "relations": hops.iter().map(|h| h.to_json(&graph)).collect::<Vec<_>>(),
                }))
            } else {
                between_text(graph.entity(x), graph.entity(y), &hops)
            }
        }
        Query::Top { by, limit, json } => {
            let ranked = top(&graph, by, limit);
            let name = match by {
                RankBy::Degree => "degree",
                RankBy::Documents => "documents",
                RankBy::Betweenness => "betweenness",
            };
            if json {
                json_text(&serde_json::json!({
                    "by": name,
                    "entities": ranked.iter().map(|r| {
                        let mut v = entity_json(graph.entity(r.node));
                        v["score"] = r.score.into();
                        v
                    }).collect::<Vec<_>>(),
                }))
            } else {
                let rows: Vec<Vec<String>> = ranked
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let e = graph.entity(r.node);
                        let score = if by == RankBy::Betweenness { format!("{:.1}", r.score) } else { format!("{}", r.score) };
                        vec![(i + 1).to_string(), e.label.clone(), e.kind.to_string(), score]
                    })
                    .collect();
                table(&["RANK", "ENTITY", "KIND", &name.to_ascii_uppercase()], &rows)
            }
        }
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(out.as_bytes()).and_then(|_| lock.flush()) {
        // a closed pipe (`| head`) is the reader's choice, not a failure
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("cannot write to stdout"),
    }
}

fn between_text(a: &Entity, b: &Entity, hops: &[Hop<'_>]) -> String {
    let mut out = format!(
        "{} and {}: {} direct relation{}\n",
        a.label,
        b.label,
        hops.len(),
        if hops.len() == 1 { "" } else { "s" }
    );
    for h in hops {
        let flags = h.flags();
        out.push_str(&format!(
            "\n{} {} {} {}{}\n",
            a.label,
            h.direction.arrow(),
            h.relation_label(),
            b.label,
            if flags.is_empty() { String::new() } else { format!(" [{flags}]") }
        ));
        for ev in h.evidence() {
            let text: String = ev.text.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push_str(&format!("  [{}] \"{}\"\n", ev.doc, text));
        }
    }
    out
}

fn deep_table(g: &Graph, e: &Entity, kind: Option<RelationKind>, depth: usize, hops: &[(usize, Hop<'_>)]) -> String {
    let mut out = format!(
        "{} ({}, id {}): {} relation{}{} within {} steps\n",
        e.label,
        e.kind,
        e.id,
        hops.len(),
        if hops.len() == 1 { "" } else { "s" },
        kind_note(kind),
        depth
    );
    if hops.is_empty() {
        return out;
    }
    let rows: Vec<Vec<String>> = hops
        .iter()
        .map(|(d, h)| {
            hop_row(g, d.to_string(), h)
        })
        .collect();
    out.push('\n');
    out.push_str(&table(&["DIST", "FROM", "RELATION", "DIR", "TO", "FLAGS", "EVIDENCE"], &rows));
    out
}

fn json_text(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

fn entity_json(e: &Entity) -> serde_json::Value {
    serde_json::json!({"id": e.id, "label": e.label, "kind": e.kind, "aliases": e.aliases})
}

/// "[doc] first evidence sentence", shortened to about [`EVIDENCE_CHARS`] characters.
/// One table row for a hop: its first cell, then from, relation, direction, to, flags, evidence.
fn hop_row(g: &Graph, first: String, h: &Hop) -> Vec<String> {
    vec![first, g.entity(h.from).label.clone(), h.relation_label(), h.direction.arrow().to_string(), h.entity.label.clone(), h.flags(), evidence_cell(h)]
}

fn evidence_cell(h: &Hop<'_>) -> String {
    let Some(ev) = h.evidence().first() else {
        return String::new();
    };
    let text: String = ev.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short = if text.chars().count() > EVIDENCE_CHARS {
        let mut t: String = text.chars().take(EVIDENCE_CHARS - 1).collect();
        t.push('…');
        t
    } else {
        text
    };
    let more = match h.evidence().len() {
        1 => String::new(),
        n => format!(" (+{} more)", n - 1),
    };
    format!("[{}] \"{}\"{}", ev.doc, short, more)
}

/// Rows as text columns separated by two spaces, the last column unpadded.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            s.push_str(c);
            if i < last {
                s.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(header.to_vec());
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

fn kind_note(kind: Option<RelationKind>) -> String {
    kind.map(|k| format!(" of kind {k}")).unwrap_or_default()
}

fn neighbors_table(_g: &Graph, e: &Entity, kind: Option<RelationKind>, hops: &[Hop<'_>]) -> String {
    let mut out = format!(
        "{} ({}, id {}): {} relation{}{}\n",
        e.label,
        e.kind,
        e.id,
        hops.len(),
        if hops.len() == 1 { "" } else { "s" },
        kind_note(kind)
    );
    if hops.is_empty() {
        return out;
    }
    let rows: Vec<Vec<String>> = hops
        .iter()
        .map(|h| {
            vec![
                h.relation_label(),
                format!("{} {}", h.direction.arrow(), h.direction),
                h.entity.label.clone(),
                h.entity.kind.to_string(),
                h.flags(),
                evidence_cell(h),
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&table(
        &[
            "RELATION",
            "DIRECTION",
            "ENTITY",
            "KIND",
            "FLAGS",
            "EVIDENCE",
        ],
        &rows,
    ));
    out
}

fn path_table(
    g: &Graph,
    a: &Entity,
    b: &Entity,
    kind: Option<RelationKind>,
    path: Option<&[Hop<'_>]>,
) -> String {
    let Some(path) = path else {
        return format!(
            "no path between {} and {}{}\n",
            a.label,
            b.label,
            kind_note(kind)
        );
    };
    let mut out = format!(
        "path from {} to {}{}: {} step{}\n",
        a.label,
        b.label,
        kind_note(kind),
        path.len(),
        if path.len() == 1 { "" } else { "s" }
    );
    if path.is_empty() {
        return out;
    }
    let rows: Vec<Vec<String>> = path
        .iter()
        .enumerate()
        .map(|(i, h)| {
            hop_row(g, (i + 1).to_string(), h)
        })
        .collect();
    out.push('\n');
    out.push_str(&table(
        &["STEP", "FROM", "RELATION", "DIR", "TO", "FLAGS", "EVIDENCE"],
        &rows,
    ));
    out
}
