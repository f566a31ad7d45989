//! Command-line interface: clap definitions, one file per subcommand.
//!
//! Exit codes: 0 success, 1 some inputs failed or a command failed, 2 usage error.

use clap::{Parser, Subcommand};

mod build;
mod eval_coref;
mod eval_syntax;
mod export;
mod extract;
mod merge;
mod parse;
mod progress;
mod query;
mod stats;
mod train;

/// Reads news articles and builds a relationship knowledge graph.
#[derive(Parser, Debug)]
#[command(
    name = "relgraph",
    version,
    about = "Reads news articles and builds a relationship knowledge graph: people, organizations \
             and events, linked by friendship, family, romance, collaboration, support, \
             disagreement, participation and membership, each edge with its evidence sentence.",
    after_help = "EXAMPLES:\n  \
        relgraph extract data/samples/seed_legend_west.txt --format svg -o output/seed.svg\n  \
        relgraph extract articles/*.txt -o graphs/\n  \
        relgraph merge graphs/*.json -o corpus.json\n  \
        relgraph query corpus.json neighbors \"John Legend\"\n  \
        relgraph query corpus.json path Legend Trump\n  \
        relgraph build articles/ --db graph.db && relgraph stats --db graph.db\n  \
        relgraph query --db graph.db top --by betweenness\n  \
        relgraph export corpus.json --format png -o output/corpus.png\n\n\
        EXIT STATUS:\n  0 success, 1 an input or output failed, 2 usage error"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract a relationship graph from each input text.
    Extract(extract::Args),
    /// Merge graphs of several documents into one.
    Merge(merge::Args),
    /// Extract many documents in parallel into a store (SQLite).
    Build(build::Args),
    /// Count what a store holds.
    Stats(stats::Args),
    /// Ask a graph who is connected to whom, and how.
    Query(query::Args),
    /// Write a graph as DOT, SVG, PNG or JSON.
    Export(export::Args),
    /// Show the tokens, tags and dependency parse the extractor sees.
    Parse(parse::Args),
    /// Train the tagger, the parser or the entity-type classifier on CoNLL-U treebanks.
    Train(train::Args),
    /// Score the tagger and parser against a gold CoNLL-U file.
    EvalSyntax(eval_syntax::Args),
    /// Score pronoun resolution against GUM's coreference annotation.
    EvalCoref(eval_coref::Args),
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Merge(a) => merge::run(a),
        Command::Build(a) => build::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Query(a) => query::run(a),
        Command::Export(a) => export::run(a),
        Command::Parse(a) => parse::run(a),
        Command::Train(a) => train::run(a),
        Command::EvalSyntax(a) => eval_syntax::run(a),
        Command::EvalCoref(a) => eval_coref::run(a),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("relgraph: error: {e:#}");
            1
        }
    }
}
