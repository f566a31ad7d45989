//! Exports: node-link JSON, DOT, SVG / PNG / PDF through Graphviz, GraphML,
//! Neo4j bulk-import CSV, FollowTheMoney JSON Lines, a CSV edge list, and a
//! self-contained interactive HTML viewer.
//!
//! [`write_graph`] is the one entry point the commands use:
//!
//! ```no_run
//! use relgraph::export::{write_graph, DotOptions, Format};
//! # fn demo(graph: &relgraph::graph::Graph) -> anyhow::Result<()> {
//! write_graph(graph, Format::Svg, &DotOptions::default(), Some("out/graph.svg".as_ref()))?;
//! write_graph(graph, Format::Dot, &DotOptions::default(), None)?; // to stdout
//! # Ok(()) }
//! ```

pub mod csv_edges;
pub mod dot;
pub mod ftm;
pub mod graphml;
pub mod html;
pub mod neo4j;
pub mod render;
#[cfg(test)]
pub(crate) mod tests_support;

pub use csv_edges::to_csv;
pub use dot::{to_dot, DotOptions};
pub use ftm::to_ftm;
pub use graphml::to_graphml;
pub use html::to_html;
pub use neo4j::{write_neo4j, Neo4jFiles};
pub use render::{render, RenderError};

use crate::graph::{EdgeView, Entity, Graph};
use anyhow::Context;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

/// "true" or "false", as the text formats write booleans.
pub(crate) fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Node-link JSON (what `score.py`, networkx and D3 read).
    Json,
    /// Graphviz DOT text.
    Dot,
    /// SVG drawing (needs Graphviz).
    Svg,
    /// PNG image (needs Graphviz).
    Png,
    /// PDF document (needs Graphviz).
    Pdf,
    /// GraphML with typed attributes (networkx, Gephi, yEd, Cytoscape).
    Graphml,
    /// A directory of Neo4j bulk-import CSV files plus `import.cypher`.
    Neo4j,
    /// FollowTheMoney entities as JSON Lines (Aleph, `ftm` tools).
    Ftm,
    /// Edge list with evidence, for spreadsheets.
    Csv,
    /// A self-contained interactive viewer page (cytoscape.js, works offline).
    Html,
}

impl Format {
    /// Every format.
    pub const ALL: &'static [Format] = &[
        Format::Json,
        Format::Dot,
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Graphml,
        Format::Neo4j,
        Format::Ftm,
        Format::Csv,
        Format::Html,
    ];

    /// The lower-case name, also the usual file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Graphml => "graphml",
            Format::Neo4j => "neo4j",
            Format::Ftm => "ftm",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }

    /// The format a file name's extension asks for (`.json`, `.dot`/`.gv`,
    /// `.svg`, `.png`, `.pdf`, `.graphml`, `.neo4j` (a directory), `.ftm`/
    /// `.jsonl`/`.ndjson`, `.csv`, `.html`/`.htm`; case-insensitive), if any.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "gv" => Some(Format::Dot),
            "htm" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Ftm),
            e => Format::from_str(e).ok(),
        }
    }

    /// True for the formats drawn by Graphviz.
    pub fn needs_graphviz(self) -> bool {
        matches!(self, Format::Svg | Format::Png | Format::Pdf)
    }

    /// True for the formats that are not text and so are never written to stdout.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Png | Format::Pdf)
    }

    /// True for the formats written as a directory of files (`-o DIR`).
    pub fn is_directory(self) -> bool {
        matches!(self, Format::Neo4j)
    }

    /// Every format name, comma-separated (for messages).
    pub fn names() -> String {
        Format::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let l = s.trim().to_ascii_lowercase();
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == l)
            .ok_or_else(|| {
                format!("unknown format '{}' (expected one of: {})", s, Format::names())
            })
    }
}

/// The entities of `graph` sorted by id (the order every export uses).
pub fn sorted_entities(graph: &Graph) -> Vec<&Entity> {
    let mut v: Vec<&Entity> = graph.entities().map(|(_, e)| e).collect();
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

/// The relations of `graph` sorted by (source id, target id, kind, negated,
/// directed), ties by edge index: the same graph always gives the same order.
/// Negated relations are left out unless `with_negated`.
pub fn sorted_relations(graph: &Graph, with_negated: bool) -> Vec<EdgeView<'_>> {
    let mut v: Vec<EdgeView<'_>> =
        graph.relations().filter(|e| with_negated || !e.relation.negated).collect();
    v.sort_by(|a, b| {
        (&a.source.id, &a.target.id, a.relation.kind, a.relation.negated, a.relation.directed)
            .cmp(&(&b.source.id, &b.target.id, b.relation.kind, b.relation.negated, b.relation.directed))
            .then(a.index.cmp(&b.index))
    });
    v
}

/// The distinct document ids of a relation's evidence, in order of first appearance.
pub fn evidence_documents(r: &crate::graph::Relation) -> Vec<&str> {
    let mut docs: Vec<&str> = Vec::new();
    for ev in &r.evidence {
        if !docs.contains(&&*ev.doc) {
            docs.push(&ev.doc);
        }
    }
    docs
}

/// The bytes of `graph` in `format`. SVG, PNG and PDF run Graphviz.
/// Neo4j is a directory of files, not one stream: use [`write_graph`] or
/// [`write_neo4j`] for it.
pub fn graph_bytes(graph: &Graph, format: Format, opts: &DotOptions) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        Format::Graphml => to_graphml(graph).into_bytes(),
        Format::Ftm => to_ftm(graph).context("cannot serialize graph as FollowTheMoney")?.into_bytes(),
        Format::Csv => to_csv(graph).context("cannot write the CSV edge list")?,
        Format::Html => to_html(graph, opts).context("cannot build the HTML viewer")?.into_bytes(),
        Format::Neo4j => anyhow::bail!("neo4j output is a directory of files: give -o DIR"),
        Format::Json => {
            let mut buf = Vec::new();
            crate::graph::write_json(graph, &mut buf).context("cannot serialize graph as JSON")?;
            buf
        }
        Format::Dot => to_dot(graph, opts).into_bytes(),
        Format::Svg | Format::Png | Format::Pdf => {
            let engine = opts.engine_for(graph);
            render(&to_dot(graph, opts), format.as_str(), Some(&engine))
                .with_context(|| format!("cannot render the graph as {format}"))?
        }
    })
}

/// Writes `graph` in `format` to the file `out` (atomically: a temporary file
/// renamed into place, so a failed run never leaves a half-written file), or
/// to stdout when `out` is `None`.
///
/// Every text format may go to stdout; PNG and PDF need an output file, and
/// Neo4j an output directory (each of its files is written atomically).
/// SVG, PNG and PDF need Graphviz's `dot` on `PATH` (a clear error says how
/// to install it otherwise). `opts` only matters for DOT, the drawn formats
/// and the HTML viewer (its title and whether negated relations start shown).
pub fn write_graph(
    graph: &Graph,
    format: Format,
    opts: &DotOptions,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    if out.is_none() && format.is_binary() {
        anyhow::bail!("{format} output is binary: give an output file with -o FILE.{format}");
    }
    if format.is_directory() {
        let dir = out.ok_or_else(|| {
            anyhow::anyhow!("{format} output is a directory of files: give an output directory with -o DIR")
        })?;
        write_neo4j(graph, dir)
            .with_context(|| format!("cannot write the neo4j export to {}", dir.display()))?;
        return Ok(());
    }
    if let Some(l) = &opts.layout {
        render::check_layout(l)?;
    }
    // JSON is streamed (a large graph is never held as text in memory); the
    // other formats are built whole, then written
    let bytes = if format == Format::Json { None } else { Some(graph_bytes(graph, format, opts)?) };
    let write = |w: &mut dyn Write| match &bytes {
        Some(b) => w.write_all(b),
        None => crate::graph::write_json(graph, w),
    };
    match out {
        Some(path) => crate::util::write_atomic_with(path, write)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut lock = std::io::stdout().lock();
            match write(&mut lock).and_then(|_| lock.flush()) {
                // a closed pipe (`| head`) is the reader's choice, not a failure
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                r => r.context("cannot write to stdout")?,
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_come_from_extensions() {
        assert_eq!("SVG".parse::<Format>().unwrap(), Format::Svg);
        assert!("gif".parse::<Format>().unwrap_err().contains("png"));
        assert_eq!(
            Format::from_extension(Path::new("out/a.PNG")),
            Some(Format::Png)
        );
        assert_eq!(Format::from_extension(Path::new("a.gv")), Some(Format::Dot));
        assert_eq!(Format::from_extension(Path::new("a.txt")), None);
        assert_eq!(Format::from_extension(Path::new("noext")), None);
    }

    #[test]
    fn binary_formats_need_a_file() {
        let err =
            write_graph(&Graph::new(), Format::Png, &DotOptions::default(), None).unwrap_err();
        assert!(err.to_string().contains("-o"), "{err}");
    }

    #[test]
    fn json_file_is_written_atomically_and_reads_back() {
        let dir = std::env::temp_dir().join(format!("relgraph-export-{}", std::process::id()));
        let path = dir.join("g.json");
        let mut g = Graph::new();
        g.documents.push("d".into());
        write_graph(&g, Format::Json, &DotOptions::default(), Some(&path)).unwrap();
        let back = crate::graph::read_json_file(&path).unwrap();
        assert_eq!(back.documents, vec!["d"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
