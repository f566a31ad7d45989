//! DOT text for Graphviz, built with the `graphviz-rust` structures.
//!
//! Nodes are shaped and filled by entity kind, edges coloured by relation
//! kind; arrows only on directed edges, ended relations dashed, negated ones
//! hidden unless asked for (then dotted grey, labelled "not `kind`"). Nodes
//! and edges are sorted by id, so the same graph always gives the same bytes.

use crate::graph::{EntityKind, Graph, Relation, RelationKind};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph as DotGraph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::{BTreeSet, HashMap};

/// Past this many nodes the layout engine defaults to `sfdp`, which copes
/// with large graphs far better than `dot`.
pub const SFDP_THRESHOLD: usize = 150;

/// The layout engines Graphviz ships with.
pub const LAYOUT_ENGINES: &[&str] = &[
    "dot",
    "neato",
    "fdp",
    "sfdp",
    "circo",
    "twopi",
    "osage",
    "patchwork",
];

/// How to draw a graph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DotOptions {
    /// Draw negated relations (dotted, grey, labelled "not `kind`") instead of leaving them out.
    pub show_negated: bool,
    /// Graphviz layout engine (`dot`, `neato`, `sfdp`, ...); `None` picks
    /// `dot`, or `sfdp` past [`SFDP_THRESHOLD`] nodes.
    pub layout: Option<String>,
    /// A title printed above the drawing.
    pub title: Option<String>,
}

impl DotOptions {
    /// The layout engine these options select for `graph`.
    pub fn engine_for(&self, graph: &Graph) -> String {
        match &self.layout {
            Some(l) => l.clone(),
            None if graph.node_count() > SFDP_THRESHOLD => "sfdp".into(),
            None => "dot".into(),
        }
    }
}

/// Shape, fill colour and border colour of an entity kind.
pub fn entity_style(kind: EntityKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        EntityKind::Person => ("ellipse", "#cfe2ff", "#3d6fb6"),
        EntityKind::Organization => ("box", "#ffe3b3", "#b7791f"),
        EntityKind::Event => ("hexagon", "#d4f0d4", "#3b8a3b"),
    }
}

/// Line colour of a relation kind.
pub fn relation_color(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Disagreement => "#d62728",
        RelationKind::Support => "#2ca02c",
        RelationKind::Family => "#9467bd",
        RelationKind::Romance => "#e377c2",
        RelationKind::Friendship => "#1f77b4",
        RelationKind::Collaboration => "#17becf",
        RelationKind::Participation => "#8c564b",
        RelationKind::Membership => "#ff7f0e",
    }
}

/// Colour of negated (denied) relations.
pub const NEGATED_COLOR: &str = "#9a9a9a";

/// Escapes text for a double-quoted DOT string: backslashes and quotes are
/// escaped, line breaks become `\n`, other control characters are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A quoted DOT id.
fn q(s: &str) -> Id {
    Id::Escaped(format!("\"{}\"", escape(s)))
}

/// A plain (unquoted) DOT id; only for values known to be safe.
fn p(s: &str) -> Id {
    Id::Plain(s.to_string())
}

fn attr(k: &str, v: Id) -> Attribute {
    Attribute(p(k), v)
}

/// The label drawn on an edge: "support", "family (spouse)", "not support".
pub fn edge_label(r: &Relation) -> String {
    let mut s = match r.role {
        Some(role) if r.kind == RelationKind::Family => format!("family ({role})"),
        _ => r.kind.as_str().to_string(),
    };
    if r.negated {
        s = format!("not {s}");
    }
    if r.ended {
        s.push_str(" (ended)");
    }
    s
}

/// The tooltip of an edge: its first evidence sentence with the document id.
fn edge_tooltip(r: &Relation) -> String {
    match r.evidence.first() {
        Some(ev) => {
            let more = match r.evidence.len() {
                1 => String::new(),
                n => format!(" (+{} more)", n - 1),
            };
            format!("[{}] {}{}", ev.doc, ev.text, more)
        }
        None => edge_label(r),
    }
}

/// Builds the `graphviz-rust` structure of a graph.
pub fn to_dot_graph(graph: &Graph, opts: &DotOptions) -> DotGraph {
    let mut stmts: Vec<Stmt> = Vec::new();
    let engine = opts.engine_for(graph);
    let mut gattrs = vec![
        attr("layout", q(&engine)),
        attr("rankdir", p("LR")),
        attr("fontname", q("Helvetica")),
        attr("fontsize", p("12")),
    ];
    // No overlapping nodes or labels: `overlap` and `splines` for the force
    // engines, generous separations for `dot`.
    gattrs.push(attr("overlap", p("false")));
    gattrs.push(attr("splines", p("true")));
    gattrs.push(attr("nodesep", p("0.35")));
    gattrs.push(attr("ranksep", p("0.6")));
    gattrs.push(attr("pad", p("0.2")));
    if let Some(t) = &opts.title {
        gattrs.push(attr("label", q(t)));
        gattrs.push(attr("labelloc", p("t")));
        gattrs.push(attr("fontsize", p("16")));
    }
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(gattrs)));
    stmts.push(Stmt::GAttribute(GraphAttributes::Node(vec![
        attr("style", q("filled")),
        attr("fontname", q("Helvetica")),
        attr("fontsize", p("11")),
    ])));
    stmts.push(Stmt::GAttribute(GraphAttributes::Edge(vec![
        attr("fontname", q("Helvetica")),
        attr("fontsize", p("9")),
    ])));

    // Nodes, sorted by id.
    let mut entities: Vec<_> = graph.entities().map(|(_, e)| e).collect();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    let mut degree: HashMap<&str, usize> = HashMap::new();
    for e in graph.relations().filter(|e| opts.show_negated || !e.relation.negated) {
        *degree.entry(e.source.id.as_str()).or_default() += 1;
        *degree.entry(e.target.id.as_str()).or_default() += 1;
    }
    let mut kinds_present = BTreeSet::new();
    let mut unconnected: Vec<&str> = Vec::new();
    for e in &entities {
        kinds_present.insert(e.kind);
        let deg = degree.get(e.id.as_str()).copied().unwrap_or(0);
        if deg == 0 {
            unconnected.push(&e.id);
        }
        let (fontsize, penwidth, width) = degree_scale(deg);
        let (shape, fill, border) = entity_style(e.kind);
        let others: Vec<&str> = e
            .aliases
            .iter()
            .map(String::as_str)
            .filter(|a| *a != e.label)
            .collect();
        let tooltip = if others.is_empty() {
            format!("{} ({})", e.label, e.kind)
        } else {
            format!("{} ({}); also: {}", e.label, e.kind, others.join(", "))
        };
        stmts.push(Stmt::Node(Node::new(
            NodeId(q(&e.id), None),
            vec![
                attr("label", q(&e.label)),
                attr("shape", p(shape)),
                attr("fillcolor", q(fill)),
                attr("color", q(border)),
                attr("tooltip", q(&tooltip)),
                attr("fontsize", p(&fontsize)),
                attr("penwidth", p(&penwidth)),
                attr("width", p(&width)),
            ],
        )));
    }

    // Edges, sorted by (source, target, kind, flags).
    let mut edges: Vec<_> = graph
        .relations()
        .filter(|e| opts.show_negated || !e.relation.negated)
        .collect();
    edges.sort_by(|a, b| {
        (
            &a.source.id,
            &a.target.id,
            a.relation.kind,
            a.relation.negated,
            a.relation.directed,
        )
            .cmp(&(
                &b.source.id,
                &b.target.id,
                b.relation.kind,
                b.relation.negated,
                b.relation.directed,
            ))
            .then(a.index.cmp(&b.index))
    });
    let mut legend = Legend {
        kinds: kinds_present,
        ..Legend::default()
    };
    for e in &edges {
        let r = e.relation;
        let mut attrs = vec![
            attr("label", q(&edge_label(r))),
            attr("tooltip", q(&edge_tooltip(r))),
        ];
        if r.negated {
            legend.negated = true;
            attrs.push(attr("color", q(NEGATED_COLOR)));
            attrs.push(attr("fontcolor", q(NEGATED_COLOR)));
            attrs.push(attr("style", p("dotted")));
        } else {
            legend.relations.insert(r.kind);
            attrs.push(attr("color", q(relation_color(r.kind))));
            attrs.push(attr("fontcolor", q(relation_color(r.kind))));
            if r.ended {
                legend.ended = true;
                attrs.push(attr("style", p("dashed")));
            }
        }
        if !r.directed {
            attrs.push(attr("dir", p("none")));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(q(&e.source.id), None)),
                Vertex::N(NodeId(q(&e.target.id), None)),
            ),
            attributes: attrs,
        }));
    }

    if engine == "dot" && unconnected.len() > 1 {
        stmts.push(Stmt::Subgraph(unconnected_grid(&unconnected)));
    }

    if !legend.kinds.is_empty() {
        // `dot` lays clusters out well and can show real shapes and line
        // styles; the other engines ignore clusters, so they get one table.
        stmts.push(Stmt::Subgraph(if engine == "dot" {
            legend.cluster()
        } else {
            legend.table()
        }));
    }
    DotGraph::DiGraph {
        id: q("relgraph"),
        strict: false,
        stmts,
    }
}

/// Node font size, border width and minimum width (inches) for a node with
/// `degree` drawn relations: hubs are drawn bigger and bolder, growing with
/// the square root of the degree (capped, so a hub never swamps the page).
pub fn degree_scale(degree: usize) -> (String, String, String) {
    let s = (degree.min(36) as f64).sqrt();
    (
        format!("{}", 11 + (1.5 * s).round() as u32),
        format!("{:.1}", 1.0 + 0.5 * s),
        format!("{:.2}", 0.75 + 0.1 * s),
    )
}

/// Entities without a drawn relation, boxed as a compact grid (rows of
/// [`GRID_COLUMNS`] joined by invisible edges) instead of one tall column.
fn unconnected_grid(ids: &[&str]) -> Subgraph {
    let mut stmts = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr("label", q("not connected")),
        attr("style", q("rounded,dashed")),
        attr("color", q("#cccccc")),
        attr("fontcolor", q("#888888")),
        attr("fontsize", p("10")),
    ]))];
    for id in ids {
        stmts.push(Stmt::Node(Node::new(NodeId(q(id), None), vec![])));
    }
    for row in ids.chunks(GRID_COLUMNS) {
        for pair in row.windows(2) {
            stmts.push(Stmt::Edge(Edge {
                ty: EdgeTy::Pair(Vertex::N(NodeId(q(pair[0]), None)), Vertex::N(NodeId(q(pair[1]), None))),
                attributes: vec![attr("style", p("invis"))],
            }));
        }
    }
    Subgraph { id: q("cluster_unconnected"), stmts }
}

/// Columns of the grid of unconnected entities.
pub const GRID_COLUMNS: usize = 3;

/// What the legend shows: the entity and relation kinds present, and
/// whether negated or ended relations are drawn.
#[derive(Default)]
struct Legend {
    kinds: BTreeSet<EntityKind>,
    relations: BTreeSet<RelationKind>,
    negated: bool,
    ended: bool,
}

impl Legend {
    /// (name, colour, line style) of each relation row.
    fn rows(&self) -> Vec<(String, &'static str, &'static str)> {
        let mut rows: Vec<_> = self
            .relations
            .iter()
            .map(|r| (r.as_str().to_string(), relation_color(*r), "solid"))
            .collect();
        if self.ended {
            rows.push(("ended".into(), "#555555", "dashed"));
        }
        if self.negated {
            rows.push(("negated".into(), NEGATED_COLOR, "dotted"));
        }
        rows
    }

    fn frame() -> Stmt {
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", q("Legend")),
            attr("style", q("rounded")),
            attr("color", q("#bbbbbb")),
            attr("fontsize", p("11")),
        ]))
    }

    /// A cluster with one sample node per entity kind and one sample edge
    /// per relation kind.
    fn cluster(&self) -> Subgraph {
        let mut stmts = vec![Self::frame()];
        for k in &self.kinds {
            let (shape, fill, border) = entity_style(*k);
            stmts.push(Stmt::Node(Node::new(
                NodeId(q(&format!("__legend_{k}")), None),
                vec![
                    attr("label", q(k.as_str())),
                    attr("shape", p(shape)),
                    attr("fillcolor", q(fill)),
                    attr("color", q(border)),
                    attr("tooltip", q(&format!("entity kind: {k}"))),
                ],
            )));
        }
        for (name, color, style) in self.rows() {
            let a = format!("__legend_{name}_a");
            let b = format!("__legend_{name}_b");
            for id in [&a, &b] {
                stmts.push(Stmt::Node(Node::new(
                    NodeId(q(id), None),
                    vec![
                        attr("label", q("")),
                        attr("shape", p("point")),
                        attr("style", q("invis")),
                    ],
                )));
            }
            stmts.push(Stmt::Edge(Edge {
                ty: EdgeTy::Pair(
                    Vertex::N(NodeId(q(&a), None)),
                    Vertex::N(NodeId(q(&b), None)),
                ),
                attributes: vec![
                    // xlabel: no label node, so the sample lines stay straight
                    attr("xlabel", q(&name)),
                    attr("color", q(color)),
                    attr("fontcolor", q(color)),
                    attr("style", p(style)),
                    attr("dir", p("none")),
                    attr("tooltip", q(&format!("relation kind: {name}"))),
                ],
            }));
        }
        Subgraph {
            id: q("cluster_legend"),
            stmts,
        }
    }

    /// A cluster holding a single node whose HTML-like label is a table of
    /// the kinds (for layout engines that do not place clusters).
    fn table(&self) -> Subgraph {
        let mut html = String::from(
            "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"3\">",
        );
        for k in &self.kinds {
            let (shape, fill, _) = entity_style(*k);
            html.push_str(&format!(
                "<TR><TD BGCOLOR=\"{fill}\">{k} ({shape})</TD></TR>"
            ));
        }
        for (name, color, style) in self.rows() {
            let line = match style {
                "dotted" => "&middot; &middot; &middot;",
                "dashed" => "- - -",
                _ => "&#8212;&#8212;",
            };
            html.push_str(&format!(
                "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"{color}\">{line} {name}</FONT></TD></TR>"
            ));
        }
        html.push_str("</TABLE>>");
        let node = Node::new(
            NodeId(q("__legend"), None),
            vec![
                attr("label", Id::Html(html)),
                attr("shape", p("plain")),
                attr("style", q("")),
            ],
        );
        Subgraph {
            id: q("cluster_legend"),
            stmts: vec![Self::frame(), Stmt::Node(node)],
        }
    }
}

/// The graph as DOT text (deterministic: same graph, same bytes).
pub fn to_dot(graph: &Graph, opts: &DotOptions) -> String {
    let g = to_dot_graph(graph, opts);
    let mut ctx = PrinterContext::default();
    ctx.with_semi();
    let mut text = g.print(&mut ctx);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{slug, Entity, Evidence, Role};

    fn ent(name: &str, kind: EntityKind) -> Entity {
        Entity {
            id: slug(name),
            kind,
            label: name.into(),
            aliases: vec![name.into()],
            mentions: vec![],
        }
    }

    fn rel(kind: RelationKind, directed: bool) -> Relation {
        Relation {
            kind,
            role: None,
            directed,
            negated: false,
            ended: false,
            confidence: 0.9,
            evidence: vec![Evidence {
                doc: "seed".into(),
                text: "They \"clashed\" \\ badly.".into(),
                start: 0,
                end: 10,
            }],
        }
    }

    fn sample() -> Graph {
        let mut g = Graph::new();
        let legend = g.add_entity(ent("John Legend", EntityKind::Person));
        let west = g.add_entity(ent("Kanye West", EntityKind::Person));
        let teigen = g.add_entity(ent("Chrissy Teigen", EntityKind::Person));
        let fox = g.add_entity(ent("Fox News", EntityKind::Organization));
        let run = g.add_entity(ent("2020 presidential election", EntityKind::Event));
        g.add_relation(west, legend, rel(RelationKind::Disagreement, true));
        let mut fam = rel(RelationKind::Family, false);
        fam.role = Some(Role::Spouse);
        g.add_relation(legend, teigen, fam);
        let mut fr = rel(RelationKind::Friendship, false);
        fr.ended = true;
        g.add_relation(legend, west, fr);
        let mut neg = rel(RelationKind::Support, true);
        neg.negated = true;
        g.add_relation(legend, west, neg);
        g.add_relation(west, run, rel(RelationKind::Participation, true));
        let _ = fox;
        g
    }

    fn line_with<'a>(dot: &'a str, needle: &str) -> &'a str {
        dot.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle} in\n{dot}"))
    }

    #[test]
    fn nodes_are_styled_by_kind() {
        let dot = to_dot(&sample(), &DotOptions::default());
        assert!(line_with(&dot, "\"john_legend\"[").contains("shape=ellipse"));
        assert!(line_with(&dot, "\"fox_news\"[").contains("shape=box"));
        assert!(line_with(&dot, "\"2020_presidential_election\"[").contains("shape=hexagon"));
        let fills: BTreeSet<_> = EntityKind::ALL.iter().map(|k| entity_style(*k).1).collect();
        assert_eq!(fills.len(), 3, "distinct fill colours");
        let colors: BTreeSet<_> = RelationKind::ALL
            .iter()
            .map(|k| relation_color(*k))
            .collect();
        assert_eq!(
            colors.len(),
            RelationKind::ALL.len(),
            "distinct edge colours"
        );
    }

    #[test]
    fn edges_are_styled_by_kind_and_flags() {
        let dot = to_dot(&sample(), &DotOptions::default());
        let dis = line_with(&dot, "label=\"disagreement\"");
        assert!(dis.contains("\"kanye_west\" -> \"john_legend\""), "{dis}");
        assert!(
            dis.contains("#d62728") && !dis.contains("dir=none"),
            "{dis}"
        );
        let fam = line_with(&dot, "label=\"family (spouse)\"");
        assert!(fam.contains("dir=none") && fam.contains(relation_color(RelationKind::Family)));
        let fr = line_with(&dot, "label=\"friendship (ended)\"");
        assert!(fr.contains("style=dashed") && fr.contains("dir=none"));
        assert!(line_with(&dot, "label=\"participation\"").contains("#8c564b"));
        // tooltip carries the first evidence sentence, escaped
        assert!(
            dis.contains(r#"tooltip="[seed] They \"clashed\" \\ badly.""#),
            "{dis}"
        );
        // legend lists what is present
        assert!(dot.contains("subgraph \"cluster_legend\""));
        assert!(dot.contains("\"__legend_organization\"[label=\"organization\""));
        assert!(
            dot.contains("label=\"disagreement\",color=\"#d62728\"")
                || dot.contains("\"__legend_disagreement_a\"")
        );
        assert!(
            !dot.contains("__legend_romance"),
            "absent kinds stay out of the legend"
        );
        assert!(dot.contains("layout=\"dot\""));
    }

    #[test]
    fn negated_edges_hidden_unless_asked() {
        let hidden = to_dot(&sample(), &DotOptions::default());
        assert!(!hidden.contains("not support"));
        assert!(!hidden.contains("__legend_negated"));
        let shown = to_dot(
            &sample(),
            &DotOptions {
                show_negated: true,
                ..Default::default()
            },
        );
        let neg = line_with(&shown, "label=\"not support\"");
        assert!(
            neg.contains("style=dotted") && neg.contains(NEGATED_COLOR),
            "{neg}"
        );
        assert!(shown.contains("__legend_negated"));
    }

    #[test]
    fn quotes_in_labels_are_escaped() {
        let mut g = Graph::new();
        let mut e = ent("Dwayne \"The Rock\" Johnson", EntityKind::Person);
        e.aliases.push("back\\slash\nnewline".into());
        g.add_entity(e);
        let dot = to_dot(
            &g,
            &DotOptions {
                title: Some("A \"quoted\" title".into()),
                ..Default::default()
            },
        );
        assert!(
            dot.contains(r#"label="Dwayne \"The Rock\" Johnson""#),
            "{dot}"
        );
        assert!(dot.contains(r#"also: back\\slash\nnewline"#), "{dot}");
        assert!(dot.contains(r#"label="A \"quoted\" title""#));
        assert_eq!(escape("a\"b\\c\td"), "a\\\"b\\\\cd");
    }

    #[test]
    fn output_is_deterministic() {
        let a = to_dot(
            &sample(),
            &DotOptions {
                show_negated: true,
                ..Default::default()
            },
        );
        let b = to_dot(
            &sample(),
            &DotOptions {
                show_negated: true,
                ..Default::default()
            },
        );
        assert_eq!(a, b);
        // insertion order does not matter either
        let mut g = Graph::new();
        let names = [
            "Kanye West",
            "John Legend",
            "Chrissy Teigen",
            "Fox News",
            "2020 presidential election",
        ];
        let mut rev = sample()
            .entities()
            .map(|(_, e)| e.clone())
            .collect::<Vec<_>>();
        rev.reverse();
        for e in rev {
            g.add_entity(e);
        }
        let s = sample();
        let mut rels: Vec<_> = s.relations().collect();
        rels.reverse();
        for e in rels {
            let (a, b) = (g.node(&e.source.id).unwrap(), g.node(&e.target.id).unwrap());
            g.add_relation(a, b, e.relation.clone());
        }
        assert_eq!(g.node_count(), names.len());
        assert_eq!(
            to_dot(
                &g,
                &DotOptions {
                    show_negated: true,
                    ..Default::default()
                }
            ),
            a
        );
    }

    #[test]
    fn hubs_are_bigger_and_unconnected_nodes_form_a_grid() {
        let mut g = sample();
        for name in ["Big Sean", "Rupert Murdoch", "Axe Files", "New Yorker"] {
            g.add_entity(ent(name, EntityKind::Person));
        }
        let dot = to_dot(&g, &DotOptions::default());
        // Kanye West has 3 drawn relations, Chrissy Teigen 1
        let west = line_with(&dot, "\"kanye_west\"[");
        let teigen = line_with(&dot, "\"chrissy_teigen\"[");
        assert!(west.contains("fontsize=14 penwidth=1.9 width=0.92"), "{west}");
        assert!(teigen.contains("fontsize=13 penwidth=1.5 width=0.85"), "{teigen}");
        assert_eq!(degree_scale(0), ("11".to_string(), "1.0".to_string(), "0.75".to_string()));
        assert_eq!(degree_scale(1000), degree_scale(36), "capped");
        for a in ["overlap=false", "splines=true", "nodesep=0.35"] {
            assert!(dot.contains(a), "{a}");
        }
        // Fox News plus the four added entities: rows of three joined by invisible edges
        assert!(dot.contains("subgraph \"cluster_unconnected\""));
        assert_eq!(dot.matches("[style=invis]").count(), 5 - 2);
        // only `dot` places clusters; the force engines spread nodes themselves
        let neato = to_dot(&g, &DotOptions { layout: Some("neato".into()), ..Default::default() });
        assert!(!neato.contains("cluster_unconnected"));
    }

    #[test]
    fn large_graphs_use_sfdp() {
        let mut g = Graph::new();
        for i in 0..=SFDP_THRESHOLD {
            g.add_entity(ent(&format!("Person {i}"), EntityKind::Person));
        }
        assert!(to_dot(&g, &DotOptions::default()).contains("layout=\"sfdp\""));
        let forced = DotOptions {
            layout: Some("neato".into()),
            ..Default::default()
        };
        let neato = to_dot(&g, &forced);
        assert!(neato.contains("layout=\"neato\""));
        // engines other than dot get the legend as one table node
        assert!(neato.contains("\"__legend\"[label=<<TABLE"), "{neato}");
        assert!(neato.contains("person (ellipse)"));
    }
}
