//! Rendering DOT text to SVG, PNG or PDF with the Graphviz command-line tool.

use super::dot::LAYOUT_ENGINES;
use std::io::Write;
use std::process::{Command, Stdio};

/// The message shown when Graphviz is not installed.
pub const DOT_MISSING: &str = "Graphviz 'dot' not found on PATH; install it with \
     `sudo apt-get install graphviz` (Debian/Ubuntu) or `brew install graphviz`";

/// Why Graphviz could not render a graph.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The `dot` program is not on `PATH`.
    #[error("{}", DOT_MISSING)]
    DotNotFound,
    /// The layout engine is not one Graphviz knows.
    #[error("unknown layout engine '{0}' (expected one of: {engines})", engines = LAYOUT_ENGINES.join(", "))]
    UnknownLayout(String),
    /// `dot` could not be started or talked to.
    #[error("cannot run Graphviz 'dot': {0}")]
    Io(#[from] std::io::Error),
    /// `dot` ran and failed.
    #[error("Graphviz 'dot' failed ({status}): {stderr}")]
    Failed {
        /// Exit status.
        status: String,
        /// What `dot` printed on stderr.
        stderr: String,
    },
}

/// Checks that `engine` is one of [`LAYOUT_ENGINES`].
pub fn check_layout(engine: &str) -> Result<(), RenderError> {
    if LAYOUT_ENGINES.contains(&engine) {
        Ok(())
    } else {
        Err(RenderError::UnknownLayout(engine.to_string()))
    }
}

/// Runs `dot -K<engine> -T<output_format>` on `dot_text` and returns what it
/// prints. `output_format` is a Graphviz output name (`svg`, `png`, `pdf`).
pub fn render(
    dot_text: &str,
    output_format: &str,
    engine: Option<&str>,
) -> Result<Vec<u8>, RenderError> {
    let mut cmd = Command::new("dot");
    if let Some(e) = engine {
        check_layout(e)?;
        cmd.arg(format!("-K{e}"));
    }
    cmd.arg(format!("-T{output_format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(RenderError::DotNotFound),
        Err(e) => return Err(RenderError::Io(e)),
    };
    // Feed stdin from a thread so a large output cannot dead-lock the pipes.
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| RenderError::Io(std::io::Error::other("no stdin pipe to Graphviz")))?;
    let input = dot_text.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output()?;
    let written = writer
        .join()
        .map_err(|_| std::io::Error::other("writer thread panicked"))?;
    if !output.status.success() {
        return Err(RenderError::Failed {
            status: output.status.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    written?;
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn have_dot() -> bool {
        Command::new("dot").arg("-V").output().is_ok()
    }

    #[test]
    fn renders_svg_when_graphviz_is_present() {
        if !have_dot() {
            eprintln!("skipping: {DOT_MISSING}");
            return;
        }
        let svg = render(
            "digraph { \"a\" -> \"b\" [label=\"x\"] }",
            "svg",
            Some("dot"),
        )
        .unwrap();
        let text = String::from_utf8(svg).unwrap();
        assert!(text.contains("<svg"));
    }

    #[test]
    fn bad_input_and_engine_are_errors() {
        assert!(matches!(
            render("digraph {}", "svg", Some("bogus")),
            Err(RenderError::UnknownLayout(_))
        ));
        if have_dot() {
            let err = render("digraph { a -> }", "svg", None).unwrap_err();
            assert!(matches!(err, RenderError::Failed { .. }), "{err}");
        }
        assert!(RenderError::DotNotFound
            .to_string()
            .contains("apt-get install graphviz"));
    }
}
