//! `relgraph merge`: several document graphs into one corpus graph.

use relgraph::export::{write_graph, DotOptions, Format};
use relgraph::graph::{merge, read_json_file};
use std::path::PathBuf;

/// Arguments of `relgraph merge`.
#[derive(clap::Args, Debug)]
#[command(after_help = "EXAMPLES:\n  \
    relgraph merge graphs/*.json -o corpus.json\n  \
    relgraph merge a.json b.json > corpus.json\n\n\
    The same referent in several documents becomes one node (\"Trump\" joins \"Donald Trump\" \
    when no other entity carries that name); relations are deduplicated and their evidence \
    accumulates. A one-line summary goes to stderr.")]
pub struct Args {
    /// Graph JSON files to merge (as written by `relgraph extract`).
    #[arg(value_name = "GRAPH.json", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Where to write the merged graph JSON (default: stdout).
    #[arg(short, long, value_name = "MERGED.json")]
    pub output: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut graphs = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        // The error names the file (and line:column for bad JSON) already.
        let g = read_json_file(path).map_err(|e| anyhow::anyhow!("{e}"))?;
        graphs.push(g);
    }
    let n_inputs = graphs.len();
    let merged = merge(graphs);
    write_graph(
        &merged,
        Format::Json,
        &DotOptions::default(),
        args.output.as_deref(),
    )?;
    let dest = match &args.output {
        Some(p) => p.display().to_string(),
        None => "stdout".to_string(),
    };
    eprintln!(
        "merged {} graph{} ({} document{}): {} nodes, {} edges -> {}",
        n_inputs,
        if n_inputs == 1 { "" } else { "s" },
        merged.documents.len(),
        if merged.documents.len() == 1 { "" } else { "s" },
        merged.node_count(),
        merged.edge_count(),
        dest
    );
    Ok(())
}
