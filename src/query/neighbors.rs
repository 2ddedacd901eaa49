//! `neighbors`: who is connected to an entity, how, and through which facts.

use std::collections::HashMap;

use serde::Serialize;

use super::summary::FactSummary;
use crate::graph::{FactRef, KnowledgeGraph};
use crate::model::{EntityKind, RelationSet};

/// Which way facts are followed from an entity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Facts the entity is the subject of (symmetric facts count both ways).
    Out,
    /// Facts the entity is the object of.
    In,
    /// Both.
    #[default]
    Both,
}

/// Options of [`KnowledgeGraph::neighbors`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeighborOptions {
    /// Only these relations; all when empty.
    pub relations: RelationSet,
    /// How many steps away (1 = direct neighbours).
    pub depth: usize,
    /// Which way to follow facts.
    pub direction: Direction,
}

impl Default for NeighborOptions {
    fn default() -> NeighborOptions {
        NeighborOptions {
            relations: RelationSet::default(),
            depth: 1,
            direction: Direction::Both,
        }
    }
}

/// An entity reached from the one asked about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbor {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Steps away.
    pub distance: usize,
    /// The facts that reach it from the previous step.
    pub via: Vec<FactSummary>,
}

impl KnowledgeGraph {
    /// Whether `fact` may be followed from `from` in `direction` under `relations`.
    pub(crate) fn follows(
        fact: &FactRef<'_>,
        from: &str,
        direction: Direction,
        relations: &RelationSet,
    ) -> bool {
        let relation_ok = relations.allows(&fact.fact.relation);
        let symmetric = fact.fact.relation.is_symmetric();
        let way_ok = match direction {
            Direction::Both => true,
            Direction::Out => fact.from.id == from || symmetric,
            Direction::In => fact.to.id == from || symmetric,
        };
        relation_ok && way_ok
    }

    /// Entities within `options.depth` steps of `id`, nearest first (then in
    /// graph order), each with the facts that reach it.
    ///
    /// ```
    /// use newsgraph::model::{RelationName, RelationSet};
    /// use newsgraph::query::NeighborOptions;
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// let options = NeighborOptions { relations: RelationSet::of([RelationName::Designated]), ..Default::default() };
    /// let names: Vec<String> = graph.neighbors("marco-rubio", &options).into_iter().map(|n| n.name).collect();
    /// assert_eq!(names, ["Los Lobos", "Los Choneros"]);
    /// ```
    pub fn neighbors(&self, id: &str, options: &NeighborOptions) -> Vec<Neighbor> {
        let mut found: Vec<Neighbor> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut frontier = vec![id.to_string()];
        for distance in 1..=options.depth {
            let mut next = Vec::new();
            for current in &frontier {
                for fact in self.facts_of(current) {
                    if !Self::follows(&fact, current, options.direction, &options.relations) {
                        continue;
                    }
                    let other = fact.other(current);
                    if other.id == id {
                        continue;
                    }
                    match index.get(&other.id) {
                        Some(&i) if found[i].distance == distance => {
                            found[i].via.push(FactSummary::of(&fact))
                        }
                        Some(_) => {}
                        None => {
                            index.insert(other.id.clone(), found.len());
                            found.push(Neighbor {
                                id: other.id.clone(),
                                name: other.name.clone(),
                                kind: other.kind,
                                distance,
                                via: vec![FactSummary::of(&fact)],
                            });
                            next.push(other.id.clone());
                        }
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        found
    }
}
