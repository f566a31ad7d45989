//! Browser test of the HTML viewer: `scripts/test_viewer.sh` exports the
//! sample article's graph to HTML, loads it in headless Chromium, checks that
//! the page drew every node, and takes a screenshot (`output/viewer.png`).
//!
//! Needs Chromium (`scripts/deps.sh` installs it). Without it the test fails
//! with that message; it never skips silently.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_relgraph");

#[test]
fn viewer_draws_every_node_in_headless_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("relgraph-viewer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let graph = dir.join("seed.json");
    let sample = root.join("data/samples/seed_legend_west.txt");
    let ex = Command::new(BIN)
        .args(["extract", sample.to_str().unwrap(), "-o", graph.to_str().unwrap()])
        .output()
        .expect("run relgraph extract");
    assert!(ex.status.success(), "extract failed: {}", String::from_utf8_lossy(&ex.stderr));

    let shot = root.join("output/viewer.png");
    let _ = std::fs::remove_file(&shot);
    let out = Command::new(root.join("scripts/test_viewer.sh"))
        .args([BIN, graph.to_str().unwrap(), shot.to_str().unwrap()])
        .output()
        .expect("run scripts/test_viewer.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "scripts/test_viewer.sh failed:\n{stdout}{stderr}");
    assert!(stdout.contains("test_viewer: ok"), "{stdout}");

    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&graph).unwrap()).unwrap();
    let n = value["nodes"].as_array().unwrap().len();
    assert!(n > 0);
    assert!(stdout.contains(&format!("data-nodes=\"{n}\"")), "{stdout}");
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "screenshot is a PNG");
    std::fs::remove_dir_all(&dir).unwrap();
}
