//! Views: the part of a graph an export draws or writes.

use std::collections::{BTreeSet, HashSet};

use crate::graph::{FactId, FactRef, KnowledgeGraph};
use crate::model::{Date, Entity, RelationKind, RelationSet};
use crate::query::{Encounter, FactSummary, NeighborOptions, WhoMetOptions};

/// A selection of a graph's entities and facts, for focused exports.
///
/// ```
/// use newsgraph::export::{self, View};
/// use newsgraph::model::{RelationName, RelationSet};
/// use newsgraph::{Dataset, KnowledgeGraph};
///
/// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
/// let view = View::focus(&graph, "antony-blinken", 1).relations(&RelationSet::of([RelationName::MetWith]));
/// let dot = export::view_to_dot(&view);
/// assert!(dot.contains("\"juan-carlos-holguin\""));
/// assert!(!dot.contains("\"los-lobos\""));
/// ```
#[derive(Debug, Clone)]
pub struct View<'g> {
    graph: &'g KnowledgeGraph,
    /// Entity ids kept; all when `None`.
    entities: Option<HashSet<String>>,
    /// Fact ids (`f12`) kept, for a focused view: the facts that reach each
    /// neighbour; all facts among kept entities when `None`.
    facts: Option<BTreeSet<usize>>,
    /// Relations kept; all when empty.
    relations: RelationSet,
    since: Option<Date>,
    until: Option<Date>,
}

impl<'g> View<'g> {
    /// The whole graph.
    pub fn all(graph: &'g KnowledgeGraph) -> View<'g> {
        View {
            graph,
            entities: None,
            facts: None,
            relations: RelationSet::default(),
            since: None,
            until: None,
        }
    }

    /// An entity, everything within `depth` steps of it, and the facts that
    /// reach each of them (not every fact among them: a picture of one
    /// person's world, not of their neighbours' worlds). Its meetings are
    /// those of [`KnowledgeGraph::meetings`]: every counterpart is drawn, and
    /// a `met_with` fact with someone on its own side is not.
    pub fn focus(graph: &'g KnowledgeGraph, id: &str, depth: usize) -> View<'g> {
        let options = NeighborOptions {
            depth,
            ..NeighborOptions::default()
        };
        let meetings = graph.meetings(id, &WhoMetOptions::default());
        let counterparts: HashSet<&str> = meetings.counterparts().into_iter().collect();
        let own_side = |f: &FactSummary| {
            let other = if f.from == id { &f.to } else { &f.from };
            f.relation == "met_with"
                && (f.from == id || f.to == id)
                && !counterparts.contains(other.as_str())
        };
        let mut facts = BTreeSet::new();
        let mut entities: HashSet<String> = HashSet::from([id.to_string()]);
        for neighbor in graph.neighbors(id, &options) {
            let kept: Vec<usize> = neighbor
                .via
                .iter()
                .filter(|f| !own_side(f))
                .filter_map(|f| f.id.parse::<FactId>().ok().map(|id| id.0))
                .collect();
            if !kept.is_empty() {
                facts.extend(kept);
                entities.insert(neighbor.id);
            }
        }
        for encounter in &meetings.encounters {
            if entities.insert(encounter.counterpart.to_string()) {
                facts.extend(meeting_facts(graph, id, encounter));
            }
        }
        View {
            entities: Some(entities),
            facts: Some(facts),
            ..View::all(graph)
        }
    }

    /// Keeps only these relations (all when empty). Entities left without a
    /// fact are dropped from a focused view's picture.
    pub fn relations(mut self, relations: &RelationSet) -> View<'g> {
        self.relations = relations.clone();
        self
    }

    /// Keeps only facts dated within the period (undated facts drop out when a bound is set).
    pub fn between(mut self, since: Option<Date>, until: Option<Date>) -> View<'g> {
        self.since = since;
        self.until = until;
        self
    }

    /// The graph viewed.
    pub fn graph(&self) -> &'g KnowledgeGraph {
        self.graph
    }

    /// Whether the view is the whole graph, unfiltered.
    pub fn is_whole(&self) -> bool {
        self.entities.is_none()
            && self.facts.is_none()
            && self.relations.is_all()
            && self.since.is_none()
            && self.until.is_none()
    }

    fn keeps_fact(&self, fact: &FactRef<'_>) -> bool {
        let ends = self
            .entities
            .as_ref()
            .is_none_or(|e| e.contains(&fact.from.id) && e.contains(&fact.to.id));
        let listed = self
            .facts
            .as_ref()
            .is_none_or(|f| f.contains(&fact.edge.index()));
        let relation = self.relations.allows(&fact.fact.relation);
        let since = self.since.is_none_or(|s| {
            fact.fact
                .date
                .is_some_and(|d| d.last_day() >= s.first_day())
        });
        let until = self.until.is_none_or(|u| {
            fact.fact
                .date
                .is_some_and(|d| d.first_day() <= u.last_day())
        });
        ends && listed && relation && since && until
    }

    /// The facts in view, in graph order.
    pub fn facts(&self) -> Vec<FactRef<'g>> {
        match &self.facts {
            // A focused view lists its facts: no need to look at the others.
            Some(listed) => listed
                .iter()
                .filter_map(|&i| self.graph.fact(petgraph::graph::EdgeIndex::new(i)))
                .filter(|f| self.keeps_fact(f))
                .collect(),
            None => self.graph.facts().filter(|f| self.keeps_fact(f)).collect(),
        }
    }

    /// The entities in view, in dataset order. A filtered view keeps only the
    /// entities its facts touch (and a focused view its centre).
    pub fn entities(&self) -> Vec<&'g Entity> {
        let all = self.graph.dataset().entities.values();
        if self.is_whole() {
            return all.collect();
        }
        let facts = self.facts();
        let touched: HashSet<&str> = facts
            .iter()
            .flat_map(|f| [f.from.id.as_str(), f.to.id.as_str()])
            .collect();
        let filtered = !self.relations.is_all() || self.since.is_some() || self.until.is_some();
        all.filter(|e| {
            let selected = self.entities.as_ref().is_none_or(|s| s.contains(&e.id));
            selected && (!filtered || touched.contains(e.id.as_str()))
        })
        .collect()
    }
}

/// The facts that show a counterpart `id` met but did not reach as a
/// neighbour: its participation in the encounter's event, or else the
/// `met_with` facts between the two.
fn meeting_facts(graph: &KnowledgeGraph, id: &str, encounter: &Encounter<'_>) -> Vec<usize> {
    graph
        .facts_of(encounter.counterpart)
        .filter(|f| match (encounter.event, &f.fact.relation) {
            (Some(event), RelationKind::ParticipatedIn { .. }) => f.to.id == event,
            (None, RelationKind::MetWith { .. }) => f.other(encounter.counterpart).id == id,
            _ => false,
        })
        .map(|f| f.edge.index())
        .collect()
}
