//! `relgraph export`: a graph as JSON, DOT, SVG, PNG, PDF, GraphML, Neo4j
//! import files, FollowTheMoney, a CSV edge list or an interactive HTML viewer.

use anyhow::Context;
use relgraph::export::{write_graph, DotOptions, Format};
use relgraph::graph::read_json_file;
use std::path::PathBuf;

/// Arguments of `relgraph export`.
#[derive(clap::Args, Debug)]
#[command(after_help = "EXAMPLES:\n  \
    relgraph export corpus.json -o corpus.svg\n  \
    relgraph export corpus.json --format png -o output/corpus.png --show-negated\n  \
    relgraph export corpus.json --format dot | dot -Tsvg > corpus.svg\n  \
    relgraph export corpus.json --layout neato -o corpus.pdf\n  \
    relgraph export --db graph.db --format json -o corpus.json\n  \
    relgraph export --db graph.db --around \"Kanye West\" --depth 2 --kind support --min-evidence 2 -o west.svg\n  \
    relgraph export corpus.json -o corpus.html            # interactive viewer, opens offline\n  \
    relgraph export corpus.json -o corpus.graphml         # networkx, Gephi, yEd\n  \
    relgraph export corpus.json --format neo4j -o neo4j/  # nodes.csv, relationships.csv, import.cypher\n  \
    relgraph export corpus.json --format ftm -o corpus.ftm.jsonl   # FollowTheMoney for Aleph\n  \
    relgraph export corpus.json -o edges.csv              # edge list with evidence\n\n\
    The format defaults from the extension of -o (.json .dot/.gv .svg .png .pdf .graphml \
    .html/.htm .csv .ftm/.jsonl), else DOT to stdout. SVG, PNG and PDF need Graphviz \
    (`sudo apt-get install graphviz`); PNG and PDF need -o FILE, neo4j needs -o DIR. \
    Graphs of more than 150 nodes are laid out with sfdp unless --layout says otherwise.")]
pub struct Args {
    /// The graph JSON file (or give a store with --db).
    #[arg(value_name = "GRAPH.json", required_unless_present = "db", conflicts_with = "db")]
    pub input: Option<PathBuf>,
    /// Output format (default: from the extension of -o, else dot).
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// Output file, or directory for neo4j (default: stdout, for the text formats).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Draw negated relations too (dotted grey, labelled "not <kind>"); the HTML viewer starts with them shown.
    #[arg(long)]
    pub show_negated: bool,
    /// Graphviz layout engine: dot, neato, fdp, sfdp, circo, twopi, osage, patchwork.
    #[arg(long, value_name = "ENGINE")]
    pub layout: Option<String>,
    /// Title drawn above the graph (DOT, drawings, and the HTML viewer's heading).
    #[arg(long)]
    pub title: Option<String>,
    /// Subgraph selection (--db, --around, --depth, --kind, --min-evidence, --since).
    #[command(flatten)]
    pub select: Select,
}

/// Which part of a graph or store to export.
#[derive(clap::Args, Debug)]
pub struct Select {
    /// Export from a store built by `relgraph build` instead of a graph file.
    #[arg(long, value_name = "graph.db")]
    pub db: Option<PathBuf>,
    /// Only the entities within --depth steps of this one, and the relations among them.
    #[arg(long, value_name = "NAME")]
    pub around: Option<String>,
    /// Steps out from --around.
    #[arg(long, default_value_t = 1, value_name = "N", requires = "around")]
    pub depth: usize,
    /// Only relations of this kind (repeatable); with --db.
    #[arg(long, value_name = "KIND", requires = "db")]
    pub kind: Vec<relgraph::graph::RelationKind>,
    /// Only relations with at least N evidence sentences; with --db.
    #[arg(long, default_value_t = 0, value_name = "N", requires = "db")]
    pub min_evidence: usize,
    /// Only documents dated on or after DATE (ISO 8601, e.g. 2020-01-01); with --db.
    #[arg(long, value_name = "DATE", requires = "db")]
    pub since: Option<String>,
}

/// The graph to export: a file or the selected part of a store, then --around.
fn select_graph(input: Option<&std::path::Path>, sel: &Select) -> anyhow::Result<relgraph::graph::Graph> {
    let graph = match (&sel.db, input) {
        (Some(db), _) => {
            anyhow::ensure!(db.exists(), "no store at {}", db.display());
            let store = relgraph::store::Store::open(db).map_err(|e| anyhow::anyhow!("{e}"))?;
            let filter = relgraph::store::Filter {
                kinds: sel.kind.clone(),
                min_evidence: sel.min_evidence,
                since: sel.since.clone(),
            };
            store.graph(&filter).map_err(|e| anyhow::anyhow!("{e}"))?
        }
        // The error names the file (and line:column for bad JSON) already.
        (None, Some(path)) => read_json_file(path).map_err(|e| anyhow::anyhow!("{e}"))?,
        (None, None) => anyhow::bail!("give a graph file or --db graph.db"),
    };
    match &sel.around {
        Some(name) => {
            let n = relgraph::query::find_entity(&graph, name)?;
            Ok(relgraph::query::around(&graph, n, sel.depth))
        }
        None => Ok(graph),
    }
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(out)) => Format::from_extension(out).with_context(|| {
            format!(
                "cannot tell the format from '{}'; add --format (one of: {})",
                out.display(),
                Format::names()
            )
        })?,
        (None, None) => Format::Dot,
    };
    let graph = select_graph(args.input.as_deref(), &args.select)?;
    let opts = DotOptions {
        show_negated: args.show_negated,
        layout: args.layout,
        title: args.title,
    };
    write_graph(&graph, format, &opts, args.output.as_deref())?;
    if let Some(out) = &args.output {
        eprintln!(
            "wrote {} ({}, {} nodes, {} edges)",
            out.display(),
            format,
            graph.node_count(),
            graph.edge_count()
        );
    }
    Ok(())
}
