//! A self-contained interactive viewer: one HTML file that opens offline.
//!
//! The page embeds the vendored cytoscape.js (`data/viewer/cytoscape.min.js`,
//! MIT, see `data/README.md`), the viewer's own script and style
//! (`data/viewer/viewer.js`, `viewer.css`) and the graph as JSON in a
//! `<script type="application/json">` element (every `<`, `>` and `&` in it
//! written as a `\u` escape, so no `</script>` in a name or sentence can end
//! the element early).
//!
//! The page lays the graph out with cytoscape's force-directed `cose`
//! layout, colours nodes by entity kind and edges by relation kind (the DOT
//! export's palette, [`super::dot::entity_style`] and
//! [`super::dot::relation_color`]), and offers a search box (names and
//! aliases), checkboxes per entity and relation kind, a "show negated"
//! switch (off by default, as in the drawings; on with `--show-negated`), a
//! "hide unconnected" switch, and a side panel with the
//! label, aliases, documents and evidence sentences of the clicked node or
//! edge. When the layout is done the script writes the number of nodes shown
//! into `<div id="status" data-nodes="N" data-edges="M">` (the browser test
//! reads it). Same graph and options, same bytes.

use super::dot::{edge_label, entity_style, relation_color, DotOptions, NEGATED_COLOR};
use super::graphml::xml_escape;
use super::{evidence_documents, sorted_entities, sorted_relations};
use crate::graph::{EntityKind, Graph, RelationKind};
use serde_json::{json, Map, Value};
use std::collections::{BTreeSet, HashMap};

/// cytoscape.js, vendored from npm (`data/README.md`, section "Viewer").
pub const CYTOSCAPE_JS: &str = include_str!("../../data/viewer/cytoscape.min.js");
/// The viewer's own script.
pub const VIEWER_JS: &str = include_str!("../../data/viewer/viewer.js");
/// The viewer's style sheet.
pub const VIEWER_CSS: &str = include_str!("../../data/viewer/viewer.css");

/// The cytoscape.js node shape closest to the DOT shape of an entity kind.
pub fn cytoscape_shape(kind: EntityKind) -> &'static str {
    match entity_style(kind).0 {
        "box" => "round-rectangle",
        "hexagon" => "hexagon",
        _ => "ellipse",
    }
}

/// Makes JSON text safe inside an HTML `<script>` element: `<`, `>` and `&`
/// (which only occur inside JSON strings) and the JavaScript line
/// separators become `\u` escapes, which JSON and JavaScript read back as
/// the same characters.
pub fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Node diameter in pixels: grows with the square root of the degree.
fn node_size(degree: usize) -> u32 {
    28 + (10.0 * (degree as f64).sqrt()).round() as u32
}

/// The data the viewer script reads: title, palette, nodes and edges (all
/// relations, negated ones included; the page hides those by default).
pub fn viewer_data(graph: &Graph, opts: &DotOptions) -> Value {
    let entities = sorted_entities(graph);
    let relations = sorted_relations(graph, true);
    let mut degree: HashMap<&str, usize> = HashMap::new();
    for e in relations.iter().filter(|e| !e.relation.negated) {
        *degree.entry(e.source.id.as_str()).or_default() += 1;
        *degree.entry(e.target.id.as_str()).or_default() += 1;
    }
    let nodes: Vec<Value> = entities
        .iter()
        .map(|e| {
            let docs: Vec<&str> =
                e.mentions.iter().map(|m| &*m.doc).collect::<BTreeSet<_>>().into_iter().collect();
            let d = degree.get(e.id.as_str()).copied().unwrap_or(0);
            json!({
                "id": e.id, "label": e.label, "kind": e.kind.as_str(), "aliases": e.aliases,
                "documents": docs, "mentions": e.mentions.len(), "degree": d, "size": node_size(d),
            })
        })
        .collect();
    let edges: Vec<Value> = relations
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let r = e.relation;
            let evidence: Vec<Value> = r.evidence.iter().map(|ev| json!({"doc": ev.doc, "text": ev.text})).collect();
            json!({
                "id": format!("e{i}"), "source": e.source.id, "target": e.target.id,
                "kind": r.kind.as_str(), "role": r.role.map(|x| x.as_str()), "label": edge_label(r),
                "directed": r.directed, "negated": r.negated, "ended": r.ended,
                "confidence": (f64::from(r.confidence) * 1000.0).round() / 1000.0,
                "documents": evidence_documents(r), "evidence": evidence,
            })
        })
        .collect();
    let mut ent_palette = Map::new();
    for k in EntityKind::ALL {
        let (_, fill, border) = entity_style(*k);
        ent_palette.insert(k.as_str().into(), json!({"shape": cytoscape_shape(*k), "fill": fill, "border": border}));
    }
    let mut rel_palette = Map::new();
    for k in RelationKind::ALL {
        rel_palette.insert(k.as_str().into(), json!(relation_color(*k)));
    }
    json!({
        "title": page_title(graph, opts),
        "documents": graph.documents,
        "palette": {"entities": ent_palette, "relations": rel_palette, "negated": NEGATED_COLOR},
        "nodes": nodes,
        "edges": edges,
    })
}

/// The page title: the `--title`, else the documents, else "relgraph".
fn page_title(graph: &Graph, opts: &DotOptions) -> String {
    match &opts.title {
        Some(t) => t.clone(),
        None if graph.documents.len() == 1 => graph.documents[0].clone(),
        None if !graph.documents.is_empty() => format!("{} documents", graph.documents.len()),
        None => "relgraph".into(),
    }
}

/// The viewer page for `graph` (deterministic: same graph, same bytes).
pub fn to_html(graph: &Graph, opts: &DotOptions) -> Result<String, serde_json::Error> {
    let data = script_safe_json(&serde_json::to_string(&viewer_data(graph, opts))?);
    let title = xml_escape(&page_title(graph, opts));
    let mut page = String::with_capacity(CYTOSCAPE_JS.len() + VIEWER_JS.len() + data.len() + 4096);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str("<meta name=\"generator\" content=\"relgraph\">\n");
    page.push_str(&format!("<title>{title} - relgraph viewer</title>\n<style>\n{VIEWER_CSS}</style>\n</head>\n"));
    page.push_str("<body>\n<header>\n");
    page.push_str(&format!("  <h1>{title}</h1>\n"));
    page.push_str(
        "  <input id=\"search\" type=\"search\" placeholder=\"Search names and aliases\" \
         aria-label=\"Search names and aliases\" autocomplete=\"off\">\n",
    );
    page.push_str("  <fieldset id=\"entity-filters\"><legend>Entities</legend></fieldset>\n");
    page.push_str("  <fieldset id=\"relation-filters\"><legend>Relations</legend></fieldset>\n");
    let checked = if opts.show_negated { " checked" } else { "" };
    page.push_str(&format!(
        "  <label class=\"negated-toggle\"><input id=\"show-negated\" type=\"checkbox\"{checked}> show negated</label>\n"
    ));
    page.push_str(
        "  <label class=\"negated-toggle\"><input id=\"hide-unconnected\" type=\"checkbox\"> hide unconnected</label>\n",
    );
    page.push_str("  <div id=\"status\" data-nodes=\"\" data-edges=\"\">loading...</div>\n");
    page.push_str("</header>\n<main>\n  <div id=\"cy\"></div>\n");
    page.push_str(
        "  <aside id=\"panel\"><p class=\"hint\">Click a node or an edge to see its names, \
         documents and evidence.</p></aside>\n</main>\n",
    );
    page.push_str(&format!("<script type=\"application/json\" id=\"graph-data\">{data}</script>\n"));
    page.push_str("<script>\n");
    page.push_str(CYTOSCAPE_JS);
    page.push_str("\n</script>\n<script>\n");
    page.push_str(VIEWER_JS);
    page.push_str("</script>\n</body>\n</html>\n");
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests_support::sample;

    fn data_of(page: &str) -> Value {
        let start = page.find("id=\"graph-data\">").unwrap() + "id=\"graph-data\">".len();
        let end = start + page[start..].find("</script>").unwrap();
        serde_json::from_str(&page[start..end]).unwrap()
    }

    #[test]
    fn embedded_scripts_cannot_close_their_element() {
        for (name, js) in [("cytoscape", CYTOSCAPE_JS), ("viewer", VIEWER_JS)] {
            let lower = js.to_ascii_lowercase();
            assert!(!lower.contains("</script") && !lower.contains("<!--"), "{name}");
        }
        assert!(CYTOSCAPE_JS.len() > 100_000, "the real cytoscape build is vendored");
    }

    #[test]
    fn page_inlines_the_graph_with_script_closers_escaped() {
        let g = sample();
        let page = to_html(&g, &DotOptions::default()).unwrap();
        // the evidence holds "</script>": only the page's own three closers remain
        assert_eq!(page.matches("</script>").count(), 3);
        assert!(page.contains("\\u003c/script\\u003e"));
        let data = data_of(&page);
        assert_eq!(data["nodes"].as_array().unwrap().len(), g.node_count());
        assert_eq!(data["edges"].as_array().unwrap().len(), g.edge_count());
        let dis = data["edges"].as_array().unwrap().iter().find(|e| e["kind"] == "disagreement").unwrap();
        assert_eq!(dis["evidence"][0]["text"], "West said, \"Legend is <b> & co\" </script> wrong.");
        assert_eq!(dis["documents"], json!(["seed", "third"]));
        assert_eq!(data["palette"]["relations"]["disagreement"], relation_color(RelationKind::Disagreement));
        assert_eq!(data["palette"]["entities"]["organization"]["shape"], "round-rectangle");
        assert!(page.contains("<div id=\"status\""));
        assert!(page.contains("<input id=\"show-negated\" type=\"checkbox\">"));
    }

    #[test]
    fn show_negated_option_checks_the_switch() {
        let opts = DotOptions { show_negated: true, ..Default::default() };
        let page = to_html(&sample(), &opts).unwrap();
        assert!(page.contains("<input id=\"show-negated\" type=\"checkbox\" checked>"));
    }

    #[test]
    fn title_is_escaped() {
        let opts = DotOptions { title: Some("<b>A & B</b>".into()), ..Default::default() };
        let page = to_html(&sample(), &opts).unwrap();
        assert!(page.contains("<h1>&lt;b&gt;A &amp; B&lt;/b&gt;</h1>"));
        assert_eq!(data_of(&page)["title"], "<b>A & B</b>");
    }

    #[test]
    fn output_is_deterministic_and_sizes_follow_degree() {
        let a = to_html(&sample(), &DotOptions::default()).unwrap();
        assert_eq!(a, to_html(&sample(), &DotOptions::default()).unwrap());
        let data = data_of(&a);
        let size = |id: &str| data["nodes"].as_array().unwrap().iter().find(|n| n["id"] == id).unwrap()["size"].as_u64().unwrap();
        assert!(size("kanye_west") > size("chrissy_teigen"));
        assert_eq!(script_safe_json("\"a<b>&\u{2028}\""), "\"a\\u003cb\\u003e\\u0026\\u2028\"");
    }
}
