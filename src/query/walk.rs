//! Walking the graph: neighbors and shortest paths, with edges taken as
//! undirected for reachability but their direction reported on each hop.

use crate::graph::{Entity, Evidence, Graph, Relation, RelationKind};
use petgraph::graph::{EdgeIndex, NodeIndex};
use std::collections::{HashMap, VecDeque};
use std::fmt;

/// Which way a relation points, seen from the entity the walk stands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HopDirection {
    /// A directed relation from the current entity to the other ("X supports Y").
    Outgoing,
    /// A directed relation from the other entity to the current one ("Y supports X").
    Incoming,
    /// A symmetric relation.
    Mutual,
}

impl HopDirection {
    /// "outgoing", "incoming" or "mutual".
    pub fn as_str(self) -> &'static str {
        match self {
            HopDirection::Outgoing => "outgoing",
            HopDirection::Incoming => "incoming",
            HopDirection::Mutual => "mutual",
        }
    }

    /// An arrow for tables: "->", "<-" or "--".
    pub fn arrow(self) -> &'static str {
        match self {
            HopDirection::Outgoing => "->",
            HopDirection::Incoming => "<-",
            HopDirection::Mutual => "--",
        }
    }
}

impl fmt::Display for HopDirection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step of a walk: from an entity, along a relation, to another entity.
#[derive(Clone, Copy, Debug)]
pub struct Hop<'g> {
    /// The node the step starts from.
    pub from: NodeIndex,
    /// The node the step arrives at.
    pub node: NodeIndex,
    /// The entity the step arrives at (the other end of the relation).
    pub entity: &'g Entity,
    /// The edge walked along.
    pub edge: EdgeIndex,
    /// The relation walked along.
    pub relation: &'g Relation,
    /// The relation's direction relative to the walk.
    pub direction: HopDirection,
}

impl<'g> Hop<'g> {
    /// The sentences stating the relation.
    pub fn evidence(&self) -> &'g [Evidence] {
        &self.relation.evidence
    }

    /// The relation as the user reads it: "support", "family (spouse)",
    /// "not support" for a negated relation.
    pub fn relation_label(&self) -> String {
        let r = self.relation;
        let base = match r.role {
            Some(role) if r.kind == RelationKind::Family => format!("family ({role})"),
            _ => r.kind.to_string(),
        };
        if r.negated {
            format!("not {base}")
        } else {
            base
        }
    }

    /// The flags of the relation: "ended", "negated", comma-separated, or "".
    pub fn flags(&self) -> String {
        let mut f = Vec::new();
        if self.relation.ended {
            f.push("ended");
        }
        if self.relation.negated {
            f.push("negated");
        }
        f.join(",")
    }

    /// The hop as a JSON object (ids, relation fields, direction, evidence).
    pub fn to_json(&self, graph: &Graph) -> serde_json::Value {
        let from = graph.entity(self.from);
        let r = self.relation;
        serde_json::json!({
            "from": {"id": from.id, "label": from.label, "kind": from.kind},
            "to": {"id": self.entity.id, "label": self.entity.label, "kind": self.entity.kind},
            "kind": r.kind,
            "role": r.role,
            "direction": self.direction.as_str(),
            "directed": r.directed,
            "negated": r.negated,
            "ended": r.ended,
            "confidence": r.confidence,
            "evidence": r.evidence,
        })
    }
}

/// The hops from `node` along every relation touching it, either way.
fn hops(graph: &Graph, node: NodeIndex, kind: Option<RelationKind>) -> Vec<Hop<'_>> {
    let pg = graph.petgraph();
    graph
        .incident(node)
        .into_iter()
        .filter(|(_, e)| kind.is_none_or(|k| e.relation.kind == k))
        .map(|(other, e)| {
            let (s, _) = pg.edge_endpoints(e.index).expect("edge of this graph");
            let direction = if !e.relation.directed {
                HopDirection::Mutual
            } else if s == node {
                HopDirection::Outgoing
            } else {
                HopDirection::Incoming
            };
            Hop {
                from: node,
                node: other,
                entity: graph.entity(other),
                edge: e.index,
                relation: e.relation,
                direction,
            }
        })
        .collect()
}

/// The relations of `node` (of `kind` only, when given), in either direction,
/// negated ones included: sorted by the other entity's label, then
/// negation (denials last), kind, direction and edge, so the order is always the same.
pub fn neighbors(graph: &Graph, node: NodeIndex, kind: Option<RelationKind>) -> Vec<Hop<'_>> {
    let mut out = hops(graph, node, kind);
    out.sort_by(|a, b| {
        (
            &a.entity.label,
            &a.entity.id,
            a.relation.negated,
            a.relation.kind,
            a.direction,
            a.edge,
        )
            .cmp(&(
                &b.entity.label,
                &b.entity.id,
                b.relation.negated,
                b.relation.kind,
                b.direction,
                b.edge,
            ))
    });
    out
}

/// A shortest chain of relations from `a` to `b` (of `kind` only, when
/// given), found by breadth-first search with edges taken as undirected.
/// Negated relations are not connections and are never walked.
///
/// Returns `None` when `b` cannot be reached, `Some(vec![])` when `a == b`.
/// Ties are broken by entity id and edge order, so the answer is deterministic.
pub fn shortest_path(
    graph: &Graph,
    a: NodeIndex,
    b: NodeIndex,
    kind: Option<RelationKind>,
) -> Option<Vec<Hop<'_>>> {
    if a == b {
        return Some(Vec::new());
    }
    let mut came_by: HashMap<NodeIndex, Hop<'_>> = HashMap::new();
    let mut queue = VecDeque::from([a]);
    'bfs: while let Some(n) = queue.pop_front() {
        let mut next: Vec<Hop<'_>> = hops(graph, n, kind)
            .into_iter()
            .filter(|h| !h.relation.negated)
            .collect();
        next.sort_by(|x, y| {
            (&x.entity.id, x.relation.kind, x.edge).cmp(&(&y.entity.id, y.relation.kind, y.edge))
        });
        for h in next {
            if h.node == a || came_by.contains_key(&h.node) {
                continue;
            }
            came_by.insert(h.node, h);
            if h.node == b {
                break 'bfs;
            }
            queue.push_back(h.node);
        }
    }
    let mut path = Vec::new();
    let mut at = b;
    while at != a {
        let h = *came_by.get(&at)?;
        at = h.from;
        path.push(h);
    }
    path.reverse();
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::find_entity;
    use crate::query::tests::sample;

    fn id(g: &Graph, name: &str) -> NodeIndex {
        find_entity(g, name).unwrap()
    }

    #[test]
    fn neighbors_in_both_directions_with_negated_flagged() {
        let g = sample();
        let legend = id(&g, "John Legend");
        let hs = neighbors(&g, legend, None);
        let rows: Vec<(String, &str, &str, String)> = hs
            .iter()
            .map(|h| {
                (
                    h.relation_label(),
                    h.direction.arrow(),
                    h.entity.label.as_str(),
                    h.flags(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("family".to_string(), "--", "Chrissy Teigen", String::new()),
                ("support".to_string(), "->", "Joe Biden", String::new()),
                (
                    "friendship".to_string(),
                    "--",
                    "Kanye West",
                    "ended".to_string()
                ),
                (
                    "disagreement".to_string(),
                    "<-",
                    "Kanye West",
                    String::new()
                ),
                (
                    "not support".to_string(),
                    "->",
                    "Kanye West",
                    "negated".to_string()
                ),
            ]
        );
        assert_eq!(hs[1].evidence()[0].text, "I supported Joe Biden");
        let j = hs[4].to_json(&g);
        assert_eq!(j["from"]["id"], "john_legend");
        assert_eq!(j["direction"], "outgoing");
        assert_eq!(j["negated"], true);
    }

    #[test]
    fn neighbors_kind_filter() {
        let g = sample();
        let west = id(&g, "West");
        let sup = neighbors(&g, west, Some(RelationKind::Support));
        let got: Vec<_> = sup
            .iter()
            .map(|h| (h.entity.id.as_str(), h.direction, h.relation.negated))
            .collect();
        assert_eq!(
            got,
            [
                ("donald_trump", HopDirection::Outgoing, false),
                ("john_legend", HopDirection::Incoming, true),
                ("the_trump_campaign", HopDirection::Incoming, false),
            ]
        );
        assert!(neighbors(&g, west, Some(RelationKind::Romance)).is_empty());
    }

    #[test]
    fn path_found_shortest_and_directed_per_hop() {
        let g = sample();
        let (legend, trump, teigen) = (id(&g, "Legend"), id(&g, "Trump"), id(&g, "Teigen"));
        let p = shortest_path(&g, legend, trump, None).unwrap();
        let steps: Vec<_> = p
            .iter()
            .map(|h| (h.entity.id.as_str(), h.relation.kind, h.direction))
            .collect();
        assert_eq!(
            steps,
            [
                ("kanye_west", RelationKind::Friendship, HopDirection::Mutual),
                (
                    "donald_trump",
                    RelationKind::Support,
                    HopDirection::Outgoing
                ),
            ]
        );
        assert_eq!(p[0].from, legend);
        assert_eq!(p[1].from, p[0].node);
        // deterministic
        let again: Vec<_> = shortest_path(&g, legend, trump, None)
            .unwrap()
            .iter()
            .map(|h| h.edge)
            .collect();
        assert_eq!(again, p.iter().map(|h| h.edge).collect::<Vec<_>>());
        // reverse direction walks the same edges backwards
        let back = shortest_path(&g, teigen, trump, None).unwrap();
        assert_eq!(back.len(), 3);
        assert_eq!(shortest_path(&g, legend, legend, None).unwrap().len(), 0);
    }

    #[test]
    fn no_path_with_filter_or_through_negated_or_isolated() {
        let g = sample();
        let (legend, trump, sean) = (id(&g, "Legend"), id(&g, "Trump"), id(&g, "Big Sean"));
        assert!(
            shortest_path(&g, legend, sean, None).is_none(),
            "Big Sean is isolated"
        );
        assert!(shortest_path(&g, legend, trump, Some(RelationKind::Family)).is_none());
        let camp = id(&g, "Trump campaign");
        let sup = shortest_path(&g, trump, camp, Some(RelationKind::Support)).unwrap();
        // support only: West -> Trump, campaign -> West
        let got: Vec<_> = sup
            .iter()
            .map(|h| (h.entity.id.as_str(), h.direction))
            .collect();
        assert_eq!(
            got,
            [
                ("kanye_west", HopDirection::Incoming),
                ("the_trump_campaign", HopDirection::Incoming)
            ]
        );
        // negated edges are not walked: Legend reaches West by support only through the denial
        let west = id(&g, "West");
        assert!(shortest_path(&g, legend, west, Some(RelationKind::Support)).is_none());
    }
}
