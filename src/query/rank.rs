//! Ranking entities: degree, number of documents, betweenness centrality.

use crate::graph::Graph;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use std::collections::{BTreeSet, VecDeque};

/// What to rank entities by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankBy {
    /// Number of distinct entities related to it (denials not counted).
    Degree,
    /// Number of documents that name it or state one of its relations.
    Documents,
    /// Betweenness centrality over stated relations, taken as undirected.
    Betweenness,
}

impl std::str::FromStr for RankBy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "degree" => Ok(RankBy::Degree),
            "documents" | "docs" => Ok(RankBy::Documents),
            "betweenness" => Ok(RankBy::Betweenness),
            _ => Err(format!("unknown ranking '{s}' (expected one of: degree, documents, betweenness)")),
        }
    }
}

/// One ranked entity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranked {
    /// The entity's node.
    pub node: NodeIndex,
    /// Its score (a count, or the betweenness).
    pub score: f64,
}

/// The undirected simple graph of stated (not negated) relations: for each
/// node, its distinct neighbors in ascending order.
pub fn adjacency(graph: &Graph) -> Vec<Vec<usize>> {
    let pg = graph.petgraph();
    let mut adj: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); pg.node_count()];
    for e in pg.edge_references() {
        if e.weight().negated || e.source() == e.target() {
            continue;
        }
        let (a, b) = (e.source().index(), e.target().index());
        adj[a].insert(b);
        adj[b].insert(a);
    }
    adj.into_iter().map(|s| s.into_iter().collect()).collect()
}

/// The number of distinct entities each node is related to (denials not counted).
pub fn degrees(graph: &Graph) -> Vec<usize> {
    adjacency(graph).iter().map(Vec::len).collect()
}

/// The documents that name each entity or state one of its relations.
pub fn entity_documents(graph: &Graph, node: NodeIndex) -> BTreeSet<String> {
    let mut docs: BTreeSet<String> = graph.entity(node).mentions.iter().map(|m| m.doc.to_string()).collect();
    for (_, e) in graph.incident(node) {
        docs.extend(e.relation.evidence.iter().map(|ev| ev.doc.to_string()));
    }
    docs
}

/// Betweenness centrality (Brandes' algorithm) of every node over the
/// undirected graph of stated relations; each unordered pair counts once.
///
/// With `sources: Some(k)` and more than `k` nodes, only `k` evenly spaced
/// source nodes are used and the result is scaled by `n / k` (an estimate
/// that keeps large graphs fast); `None` computes it exactly.
pub fn betweenness(graph: &Graph, sources: Option<usize>) -> Vec<f64> {
    let adj = adjacency(graph);
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let chosen: Vec<usize> = match sources {
        Some(k) if k > 0 && k < n => (0..k).map(|i| i * n / k).collect(),
        _ => (0..n).collect(),
    };
    let scale = n as f64 / chosen.len() as f64 / 2.0;
    let total = chosen
        .par_iter()
        .fold(
            || vec![0.0f64; n],
            |mut acc, &s| {
                single_source(&adj, s, &mut acc);
                acc
            },
        )
        .reduce(
            || vec![0.0f64; n],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x += y;
                }
                a
            },
        );
    total.into_iter().map(|x| x * scale).collect()
}

/// Adds the dependencies of source `s` to `acc` (one step of Brandes).
fn single_source(adj: &[Vec<usize>], s: usize, acc: &mut [f64]) {
    let n = adj.len();
    let mut stack = Vec::with_capacity(n);
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![usize::MAX; n];
    sigma[s] = 1.0;
    dist[s] = 0;
    let mut queue = VecDeque::from([s]);
    while let Some(v) = queue.pop_front() {
        stack.push(v);
        for &w in &adj[v] {
            if dist[w] == usize::MAX {
                dist[w] = dist[v] + 1;
                queue.push_back(w);
            }
            if dist[w] == dist[v] + 1 {
                sigma[w] += sigma[v];
                preds[w].push(v);
            }
        }
    }
    let mut delta = vec![0.0f64; n];
    while let Some(w) = stack.pop() {
        for &v in &preds[w] {
            delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
        }
        if w != s {
            acc[w] += delta[w];
        }
    }
}

/// The `limit` highest-ranked entities, best first; ties by label then id.
/// Betweenness is exact up to 2,000 entities, estimated from 500 sources above.
pub fn top(graph: &Graph, by: RankBy, limit: usize) -> Vec<Ranked> {
    let scores: Vec<f64> = match by {
        RankBy::Degree => degrees(graph).into_iter().map(|d| d as f64).collect(),
        RankBy::Documents => graph.entities().map(|(n, _)| entity_documents(graph, n).len() as f64).collect(),
        RankBy::Betweenness => {
            let sources = (graph.node_count() > 2000).then_some(500);
            betweenness(graph, sources)
        }
    };
    let mut ranked: Vec<Ranked> = graph.entities().map(|(n, _)| Ranked { node: n, score: scores[n.index()] }).collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| graph.entity(a.node).label.cmp(&graph.entity(b.node).label))
            .then_with(|| graph.entity(a.node).id.cmp(&graph.entity(b.node).id))
    });
    ranked.truncate(limit);
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::find_entity;
    use crate::query::tests::sample;

    #[test]
    fn betweenness_of_a_path_and_a_star() {
        // a - b - c: b lies on the one a..c path
        let mut g = Graph::new();
        let mk = |g: &mut Graph, n: &str| crate::query::tests::ent(g, n, &[], crate::graph::EntityKind::Person);
        let a = mk(&mut g, "A A");
        let b = mk(&mut g, "B B");
        let c = mk(&mut g, "C C");
        let d = mk(&mut g, "D D");
        let r = crate::query::tests::rel(crate::graph::RelationKind::Support, true, "x");
        g.add_relation(a, b, r.clone());
        g.add_relation(b, c, r.clone());
        g.add_relation(b, d, r.clone());
        let bc = betweenness(&g, None);
        // pairs through b: (a,c), (a,d), (c,d)
        assert_eq!(bc[b.index()], 3.0);
        assert_eq!(bc[a.index()], 0.0);
        let t = top(&g, RankBy::Betweenness, 1);
        assert_eq!(t[0].node, b);
        assert_eq!(top(&g, RankBy::Degree, 1)[0].score, 3.0);
    }

    #[test]
    fn ranking_the_sample() {
        let g = sample();
        let west = find_entity(&g, "Kanye West").unwrap();
        let t = top(&g, RankBy::Degree, 3);
        // John Legend and Kanye West both have three; ties go by label
        assert_eq!(t[1].node, west);
        assert_eq!((t[0].score, t[1].score), (3.0, 3.0));
        assert!(top(&g, RankBy::Documents, 100).len() == g.node_count());
        assert!("betweenness".parse::<RankBy>().is_ok());
        assert!("size".parse::<RankBy>().unwrap_err().contains("degree"));
    }
}
