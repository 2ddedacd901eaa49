//! `stats`: counts, the most connected entities, connected components.

use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::centrality::pagerank;
use crate::graph::{FactOrigin, KnowledgeGraph};
use crate::model::{EntityKind, RelationKind};

/// An entity with a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Degree (facts touching it) or PageRank.
    pub score: f64,
}

/// A connected component: its size and its best-connected members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Component {
    /// Number of entities.
    pub size: usize,
    /// Up to five members, highest degree first.
    pub members: Vec<String>,
}

/// Figures about the whole graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphStats {
    /// Entities.
    pub nodes: usize,
    /// Facts.
    pub edges: usize,
    /// Entities by kind.
    pub kinds: Vec<(EntityKind, usize)>,
    /// Facts by relation.
    pub relations: Vec<(&'static str, usize)>,
    /// Facts by origin.
    pub origins: Vec<(FactOrigin, usize)>,
    /// Most connected by degree.
    pub top_degree: Vec<Ranked>,
    /// Most central by PageRank (damping 0.85, facts as undirected edges).
    pub top_pagerank: Vec<Ranked>,
    /// How many connected components the graph has.
    pub component_count: usize,
    /// The `top` largest connected components (facts taken either way), largest first.
    pub components: Vec<Component>,
}

impl KnowledgeGraph {
    /// Counts, the `top` most connected entities by degree and by PageRank,
    /// and the connected components.
    ///
    /// ```
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// let stats = graph.stats(5);
    /// assert_eq!(stats.nodes, graph.dataset().entities.len());
    /// assert_eq!(stats.top_degree.len(), 5);
    /// let total: f64 = graph.pagerank().iter().sum();
    /// assert!((total - 1.0).abs() < 1e-9);
    /// ```
    pub fn stats(&self, top: usize) -> GraphStats {
        let graph = self.petgraph();
        let dataset = self.dataset();
        let kinds = EntityKind::ALL
            .iter()
            .map(|k| (*k, dataset.entities_of_kind(*k).count()))
            .collect();
        let relations = RelationKind::NAMES
            .iter()
            .map(|r| {
                (
                    *r,
                    self.facts()
                        .filter(|f| f.fact.relation.name() == *r)
                        .count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        let origins = [
            FactOrigin::Curated,
            FactOrigin::Derived,
            FactOrigin::Extracted,
            FactOrigin::CuratedAndExtracted,
        ]
        .into_iter()
        .map(|o| (o, self.facts().filter(|f| f.fact.origin == o).count()))
        .collect();
        let degree: Vec<f64> = graph
            .node_indices()
            .map(|n| {
                graph
                    .edges_directed(n, petgraph::Direction::Outgoing)
                    .count() as f64
                    + graph
                        .edges_directed(n, petgraph::Direction::Incoming)
                        .count() as f64
            })
            .collect();
        let rank = self.pagerank();
        let ranked = |scores: &[f64]| {
            let mut order: Vec<usize> = (0..scores.len()).collect();
            order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
            order
                .into_iter()
                .take(top)
                .map(|i| {
                    let e = &dataset.entities[i];
                    Ranked {
                        id: e.id.clone(),
                        name: e.name.clone(),
                        score: (scores[i] * 1e6).round() / 1e6,
                    }
                })
                .collect::<Vec<_>>()
        };
        let mut union = UnionFind::new(graph.node_count());
        for edge in graph.edge_references() {
            union.union(edge.source().index(), edge.target().index());
        }
        let labels = union.into_labeling();
        let mut groups: indexmap::IndexMap<usize, Vec<usize>> = indexmap::IndexMap::new();
        for (node, label) in labels.iter().enumerate() {
            groups.entry(*label).or_default().push(node);
        }
        let mut components: Vec<Component> = groups
            .into_values()
            .map(|mut nodes| {
                nodes.sort_by(|&a, &b| degree[b].total_cmp(&degree[a]).then(a.cmp(&b)));
                Component {
                    size: nodes.len(),
                    members: nodes
                        .iter()
                        .take(5)
                        .map(|&n| dataset.entities[n].name.clone())
                        .collect(),
                }
            })
            .collect();
        components.sort_by_key(|c| std::cmp::Reverse(c.size));
        let component_count = components.len();
        components.truncate(top);
        GraphStats {
            nodes: graph.node_count(),
            edges: graph.edge_count(),
            kinds,
            relations,
            origins,
            top_degree: ranked(&degree),
            top_pagerank: ranked(&rank),
            component_count,
            components,
        }
    }

    /// PageRank of every entity, in dataset order (facts as undirected edges).
    pub fn pagerank(&self) -> Vec<f64> {
        let graph = self.petgraph();
        let mut adjacency = vec![Vec::new(); graph.node_count()];
        for edge in graph.edge_references() {
            let (a, b) = (edge.source().index(), edge.target().index());
            if a != b {
                adjacency[a].push(b);
                adjacency[b].push(a);
            }
        }
        pagerank(&adjacency, 0.85, 1e-12)
    }
}
