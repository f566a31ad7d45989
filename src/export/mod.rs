//! Exports: node-link JSON, DOT, and SVG / PNG / PDF through Graphviz.
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

pub mod dot;
pub mod render;

pub use dot::{to_dot, DotOptions};
pub use render::{render, RenderError};

use crate::graph::Graph;
use anyhow::Context;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

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
}

impl Format {
    /// Every format.
    pub const ALL: &'static [Format] = &[
        Format::Json,
        Format::Dot,
        Format::Svg,
        Format::Png,
        Format::Pdf,
    ];

    /// The lower-case name, also the usual file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }

    /// The format a file name's extension asks for (`.json`, `.dot`/`.gv`,
    /// `.svg`, `.png`, `.pdf`, case-insensitive), if any.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "gv" => Some(Format::Dot),
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
                let all: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                format!(
                    "unknown format '{}' (expected one of: {})",
                    s,
                    all.join(", ")
                )
            })
    }
}

/// The bytes of `graph` in `format`. SVG, PNG and PDF run Graphviz.
pub fn graph_bytes(graph: &Graph, format: Format, opts: &DotOptions) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
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
/// JSON, DOT and SVG may go to stdout; PNG and PDF need an output file.
/// SVG, PNG and PDF need Graphviz's `dot` on `PATH` (a clear error says how
/// to install it otherwise). `opts` only matters for the drawn formats.
pub fn write_graph(
    graph: &Graph,
    format: Format,
    opts: &DotOptions,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    if out.is_none() && format.is_binary() {
        anyhow::bail!("{format} output is binary: give an output file with -o FILE.{format}");
    }
    if let Some(l) = &opts.layout {
        render::check_layout(l)?;
    }
    let bytes = graph_bytes(graph, format, opts)?;
    match out {
        Some(path) => crate::util::write_atomic(path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            match lock.write_all(&bytes).and_then(|_| lock.flush()) {
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
