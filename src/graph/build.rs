//! Turning a dataset into nodes and edges.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use super::fact::{Evidence, Fact, FactOrigin};
use crate::model::{Dataset, Date, EventStatus, EventType, ParticipantRole, RelationKind};

/// What makes two facts the same fact: subject, relation, object, date, and the
/// attribute that tells two facts of that relation apart on one day (what was
/// agreed, how much was funded, which designation).
type FactKey = (NodeIndex, &'static str, NodeIndex, Option<Date>, String);

fn identity(relation: &RelationKind) -> String {
    match relation {
        RelationKind::Agreed { what, .. } => crate::text::fold_name(what),
        RelationKind::Funded { amount, .. } => amount.map(|a| a.to_string()).unwrap_or_default(),
        RelationKind::Designated { designation } => crate::text::fold_name(designation),
        RelationKind::HoldsOffice { office, .. } => office.clone(),
        _ => String::new(),
    }
}

struct Builder<'d> {
    dataset: &'d Dataset,
    graph: DiGraph<usize, Fact>,
    seen: HashMap<FactKey, EdgeIndex>,
}

pub(super) fn build(dataset: &Dataset) -> DiGraph<usize, Fact> {
    let mut builder = Builder {
        dataset,
        graph: DiGraph::with_capacity(dataset.entities.len(), dataset.relations.len()),
        seen: HashMap::new(),
    };
    for index in 0..dataset.entities.len() {
        builder.graph.add_node(index);
    }
    builder.add_parents();
    builder.add_offices();
    builder.add_events();
    builder.add_relations();
    builder.graph
}

fn evidence(sources: &[String], text: Option<&String>) -> Vec<Evidence> {
    sources
        .iter()
        .map(|source| Evidence {
            source: source.clone(),
            text: text.cloned(),
        })
        .collect()
}

impl Builder<'_> {
    fn node(&self, id: &str) -> Option<NodeIndex> {
        self.dataset.entities.get_index_of(id).map(NodeIndex::new)
    }

    /// Adds a fact, or merges it into the edge that already states it.
    fn add(&mut self, from: &str, to: &str, fact: Fact) {
        let (Some(mut a), Some(mut b)) = (self.node(from), self.node(to)) else {
            return; // validated data has no dangling ids
        };
        let name = fact.relation.name();
        let id = identity(&fact.relation);
        if fact.relation.is_symmetric() {
            if let Some(&edge) = self.seen.get(&(b, name, a, fact.date, id.clone())) {
                self.graph[edge].absorb(fact);
                return;
            }
        }
        let key = (a, name, b, fact.date, id);
        match self.seen.get(&key) {
            Some(&edge) => self.graph[edge].absorb(fact),
            None => {
                if fact.relation.is_symmetric() && b < a {
                    std::mem::swap(&mut a, &mut b);
                }
                let edge = self.graph.add_edge(a, b, fact);
                self.seen.insert(key, edge);
            }
        }
    }

    fn add_parents(&mut self) {
        for entity in self.dataset.entities.values() {
            if let Some(parent) = &entity.parent {
                let fact = Fact {
                    relation: RelationKind::PartOf,
                    date: None,
                    event: None,
                    origin: FactOrigin::Derived,
                    evidence: Vec::new(),
                    note: None,
                };
                self.add(&entity.id, parent, fact);
            }
        }
    }

    fn add_offices(&mut self) {
        for office in self.dataset.offices.values() {
            for tenure in &office.holders {
                let fact = Fact {
                    relation: RelationKind::HoldsOffice {
                        office: office.id.clone(),
                        title: office.name.clone(),
                        until: tenure.to,
                    },
                    date: tenure.from,
                    event: None,
                    origin: FactOrigin::Derived,
                    evidence: evidence(&tenure.sources, None),
                    note: tenure.acting.then(|| "acting".to_string()),
                };
                self.add(&tenure.person, &office.of, fact);
            }
        }
    }

    fn add_events(&mut self) {
        for entity in self.dataset.entities.values() {
            let Some(event) = &entity.event else { continue };
            let derived = |relation| Fact {
                relation,
                date: Some(event.date),
                event: Some(entity.id.clone()),
                origin: FactOrigin::Derived,
                evidence: evidence(&event.sources, None),
                note: None,
            };
            for participant in &event.participants {
                let relation = RelationKind::ParticipatedIn {
                    role: participant.role,
                    side: participant.side.clone(),
                };
                self.add(&participant.entity, &entity.id, derived(relation));
            }
            if event.status != EventStatus::Held {
                continue;
            }
            if let (EventType::Visit, Some(place)) = (event.event_type, &event.place) {
                for visitor in event
                    .participants
                    .iter()
                    .filter(|p| p.role != ParticipantRole::Host)
                {
                    self.add(&visitor.entity, place, derived(RelationKind::Visited));
                }
            }
            if !event.event_type.is_encounter() {
                continue;
            }
            let mode = event.effective_mode();
            for (i, a) in event.participants.iter().enumerate() {
                for b in &event.participants[i + 1..] {
                    let same_side = a.side.is_some() && a.side == b.side;
                    if !same_side && a.entity != b.entity {
                        let relation = RelationKind::MetWith { mode };
                        self.add(&a.entity, &b.entity, derived(relation));
                    }
                }
            }
        }
    }

    fn add_relations(&mut self) {
        for relation in &self.dataset.relations {
            let fact = Fact {
                relation: relation.relation.clone(),
                date: Some(relation.date),
                event: relation.event.clone(),
                origin: FactOrigin::Curated,
                evidence: evidence(&relation.sources, relation.evidence.as_ref()),
                note: relation.note.clone(),
            };
            self.add(&relation.from, &relation.to, fact);
        }
    }
}
