//! `path`: the shortest chains of facts linking two entities.
//!
//! A breadth-first search from the first entity, over facts in either
//! direction, records every shortest way into each entity; the paths are then
//! read back from the second entity. The search is linear in the size of the
//! graph within `max_hops`, and at most `max_paths` tied paths are listed, so
//! nothing grows exponentially.

use std::collections::HashMap;

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use super::summary::FactSummary;
use crate::graph::KnowledgeGraph;
use crate::model::RelationSet;

/// Options of [`KnowledgeGraph::paths`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathOptions {
    /// Longest chain considered, in facts.
    pub max_hops: usize,
    /// Only these relations; all when empty.
    pub relations: RelationSet,
    /// At most this many tied shortest paths are returned.
    pub max_paths: usize,
}

impl Default for PathOptions {
    fn default() -> PathOptions {
        PathOptions {
            max_hops: 4,
            relations: RelationSet::default(),
            max_paths: 10,
        }
    }
}

/// One step of a path: the fact, and the entity the step arrives at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathStep {
    /// The fact.
    pub fact: FactSummary,
    /// Id of the entity this step leaves.
    pub from: String,
    /// Id of the entity this step reaches.
    pub to: String,
}

/// A chain of facts from one entity to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactPath {
    /// The steps, in order.
    pub steps: Vec<PathStep>,
}

impl KnowledgeGraph {
    /// The shortest chains of facts from `a` to `b` (ids), at most
    /// `options.max_hops` long; empty when they are not connected within that.
    ///
    /// ```
    /// use newsgraph::query::PathOptions;
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// let paths = graph.paths("alicia-barcena", "juan-carlos-holguin", &PathOptions::default());
    /// let first = &paths[0];
    /// assert_eq!(first.steps.len(), 2);
    /// assert_eq!(first.steps[0].to, "antony-blinken");
    /// ```
    pub fn paths(&self, a: &str, b: &str, options: &PathOptions) -> Vec<FactPath> {
        let graph = self.petgraph();
        let (Some(start), Some(goal)) = (self.node(a), self.node(b)) else {
            return Vec::new();
        };
        if start == goal {
            return Vec::new();
        }
        // node -> (distance, [(previous node, edge)])
        let mut seen: HashMap<
            petgraph::graph::NodeIndex,
            (usize, Vec<(petgraph::graph::NodeIndex, EdgeIndex)>),
        > = HashMap::new();
        seen.insert(start, (0, Vec::new()));
        let mut frontier = vec![start];
        for distance in 1..=options.max_hops {
            let mut next = Vec::new();
            for &node in &frontier {
                let id = &self.entity_at(node).id;
                for fact in self.facts_of(id) {
                    if !options.relations.allows(&fact.fact.relation) {
                        continue;
                    }
                    let (x, y) = graph.edge_endpoints(fact.edge).expect("edge of the graph");
                    let other = if x == node { y } else { x };
                    match seen.get_mut(&other) {
                        Some((d, previous)) if *d == distance => previous.push((node, fact.edge)),
                        Some(_) => {}
                        None => {
                            seen.insert(other, (distance, vec![(node, fact.edge)]));
                            next.push(other);
                        }
                    }
                }
            }
            if seen.contains_key(&goal) || next.is_empty() {
                break;
            }
            frontier = next;
        }
        let mut paths = Vec::new();
        let mut stack: Vec<(
            petgraph::graph::NodeIndex,
            Vec<(petgraph::graph::NodeIndex, EdgeIndex)>,
        )> = vec![(goal, Vec::new())];
        while let Some((node, tail)) = stack.pop() {
            if paths.len() >= options.max_paths {
                break;
            }
            if node == start {
                paths.push(self.path_of(start, &tail));
                continue;
            }
            let Some((_, previous)) = seen.get(&node) else {
                continue;
            };
            for &(before, edge) in previous.iter().rev() {
                let mut longer = vec![(node, edge)];
                longer.extend(tail.iter().copied());
                stack.push((before, longer));
            }
        }
        paths
    }

    fn path_of(
        &self,
        start: petgraph::graph::NodeIndex,
        steps: &[(petgraph::graph::NodeIndex, EdgeIndex)],
    ) -> FactPath {
        let mut from = start;
        let steps = steps
            .iter()
            .map(|&(to, edge)| {
                let fact = self.fact(edge).expect("edges come from the graph");
                let step = PathStep {
                    fact: FactSummary::of(&fact),
                    from: self.entity_at(from).id.clone(),
                    to: self.entity_at(to).id.clone(),
                };
                from = to;
                step
            })
            .collect();
        FactPath { steps }
    }
}
