//! GraphML: the XML graph format of networkx, Gephi, yEd and Cytoscape.
//!
//! Every attribute is declared with a typed `<key>` (`string`, `boolean`,
//! `int`, `double`), so readers get booleans and numbers, not strings:
//!
//! - nodes: `kind`, `label`, `aliases` (joined with `"; "`), `mentions` (count);
//! - edges: `kind`, `role`, `directed`, `negated`, `ended`, `confidence`,
//!   `evidence` (the first sentence), `evidence_count`, `documents`;
//! - the graph: `documents` (joined with `"; "`).
//!
//! The graph is declared directed (`edgedefault="directed"`); a symmetric
//! relation carries `directed = false` as data rather than GraphML's
//! per-edge `directed` attribute, which most readers reject in a directed
//! graph. Negated relations are kept (`negated = true`). Nodes are sorted by
//! id and edges as in [`super::sorted_relations`], so the output is
//! deterministic.

use super::{evidence_documents, sorted_entities, sorted_relations};
use super::bool_str;
use crate::graph::Graph;
use std::fmt::Write as _;

/// Escapes text for XML character data and attribute values: `& < > " '`
/// become entities, and characters XML 1.0 forbids (control characters
/// other than tab, line feed and carriage return) are dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// One `<key>` declaration: (id, for, attr.name, attr.type).
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("g_documents", "graph", "documents", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_label", "node", "label", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_mentions", "node", "mentions", "int"),
    ("e_kind", "edge", "kind", "string"),
    ("e_role", "edge", "role", "string"),
    ("e_directed", "edge", "directed", "boolean"),
    ("e_negated", "edge", "negated", "boolean"),
    ("e_ended", "edge", "ended", "boolean"),
    ("e_confidence", "edge", "confidence", "double"),
    ("e_evidence", "edge", "evidence", "string"),
    ("e_evidence_count", "edge", "evidence_count", "int"),
    ("e_documents", "edge", "documents", "string"),
];

/// Appends `<data key="KEY">VALUE</data>` (value escaped) on its own line.
fn data(out: &mut String, indent: &str, key: &str, value: &str) {
    let _ = writeln!(out, "{indent}<data key=\"{key}\">{}</data>", xml_escape(value));
}

/// The graph as a GraphML document (deterministic: same graph, same bytes).
pub fn to_graphml(graph: &Graph) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, domain, name, ty) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <graph id=\"relgraph\" edgedefault=\"directed\">\n");
    data(&mut out, "    ", "g_documents", &graph.documents.join("; "));
    for e in sorted_entities(graph) {
        let _ = writeln!(out, "    <node id=\"{}\">", xml_escape(&e.id));
        data(&mut out, "      ", "n_kind", e.kind.as_str());
        data(&mut out, "      ", "n_label", &e.label);
        data(&mut out, "      ", "n_aliases", &e.aliases.join("; "));
        data(&mut out, "      ", "n_mentions", &e.mentions.len().to_string());
        out.push_str("    </node>\n");
    }
    for (i, e) in sorted_relations(graph, true).iter().enumerate() {
        let r = e.relation;
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            xml_escape(&e.source.id),
            xml_escape(&e.target.id)
        );
        data(&mut out, "      ", "e_kind", r.kind.as_str());
        if let Some(role) = r.role {
            data(&mut out, "      ", "e_role", role.as_str());
        }
        data(&mut out, "      ", "e_directed", bool_str(r.directed));
        data(&mut out, "      ", "e_negated", bool_str(r.negated));
        data(&mut out, "      ", "e_ended", bool_str(r.ended));
        data(&mut out, "      ", "e_confidence", &r.confidence.to_string());
        if let Some(ev) = r.evidence.first() {
            data(&mut out, "      ", "e_evidence", &ev.text);
        }
        data(&mut out, "      ", "e_evidence_count", &r.evidence.len().to_string());
        data(&mut out, "      ", "e_documents", &evidence_documents(r).join("; "));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests_support::sample;

    #[test]
    fn escapes_xml_specials_and_drops_forbidden_characters() {
        assert_eq!(xml_escape("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
        assert_eq!(xml_escape("x\u{1}y\tz\n"), "xy\tz\n");
    }

    #[test]
    fn declares_typed_keys_and_writes_every_node_and_edge() {
        let g = sample();
        let xml = to_graphml(&g);
        assert!(xml.contains(
            "<key id=\"e_confidence\" for=\"edge\" attr.name=\"confidence\" attr.type=\"double\"/>"
        ));
        assert!(xml.contains("attr.name=\"negated\" attr.type=\"boolean\""));
        assert_eq!(xml.matches("<node ").count(), g.node_count());
        assert_eq!(xml.matches("<edge ").count(), g.edge_count());
        assert!(xml.contains("<data key=\"e_role\">spouse</data>"));
        assert!(xml.contains("<data key=\"e_negated\">true</data>"));
        assert!(xml.contains("<data key=\"e_confidence\">0.9</data>"));
        // quotes, ampersands and angle brackets in names and evidence are escaped
        assert!(xml.contains("Dwayne &quot;The Rock&quot; Johnson"), "{xml}");
        assert!(xml.contains("&lt;b&gt; &amp; co"), "{xml}");
        assert!(!xml.contains("<b>"));
        assert!(xml.contains("<data key=\"n_aliases\">Dwayne &quot;The Rock&quot; Johnson; The Rock</data>"));
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(to_graphml(&sample()), to_graphml(&sample()));
    }

    #[test]
    fn empty_graph_is_valid() {
        let xml = to_graphml(&Graph::new());
        assert!(xml.ends_with("</graph>\n</graphml>\n"));
        assert!(!xml.contains("<node "));
    }
}
