//! Turning a dataset into nodes and edges.

use rustc_hash::FxHashMap as HashMap;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use super::fact::{Evidence, Fact, FactOrigin, Provenance};
use crate::extract::ArticleFacts;
use crate::model::{Dataset, EventStatus, EventType, FactKey, ParticipantRole, RelationKind, Told};

struct Builder<'d> {
    dataset: &'d Dataset,
    graph: DiGraph<usize, Fact>,
    /// The edges of each [`FactKey`], in the order added: a new statement
    /// merges into the first whose relation is [the same fact](RelationKind::same_fact_as).
    facts: HashMap<FactKey<NodeIndex>, Vec<EdgeIndex>>,
}

pub(super) fn build(dataset: &Dataset, extracted: Vec<ArticleFacts>) -> DiGraph<usize, Fact> {
    let mut builder = Builder {
        dataset,
        graph: DiGraph::with_capacity(dataset.entities.len(), dataset.relations.len()),
        facts: HashMap::default(),
    };
    for index in 0..dataset.entities.len() {
        builder.graph.add_node(index);
    }
    builder.add_parents();
    builder.add_offices();
    builder.add_events();
    builder.add_relations();
    for article in extracted {
        builder.add_extracted(article);
    }
    builder.graph
}

fn evidence(sources: &[String], text: Option<&String>) -> Vec<Evidence> {
    sources
        .iter()
        .map(|source| Evidence {
            source: source.clone(),
            text: text.cloned(),
            extraction: None,
        })
        .collect()
}

impl Builder<'_> {
    fn node(&self, id: &str) -> Option<NodeIndex> {
        self.dataset.entities.get_index_of(id).map(NodeIndex::new)
    }

    /// Adds a fact by entity ids.
    fn add(&mut self, from: &str, to: &str, fact: Fact) {
        // Validated data has no dangling ids.
        if let (Some(a), Some(b)) = (self.node(from), self.node(to)) {
            self.add_at(a, b, fact);
        }
    }

    /// Adds a fact, or merges it into the edge that already states it (the
    /// model's one rule: same [`FactKey`], attributes that do not conflict).
    fn add_at(&mut self, a: NodeIndex, b: NodeIndex, fact: Fact) {
        let key = FactKey::new(a, &fact.relation, b, fact.date);
        let edges = self.facts.entry(key).or_default();
        let graph = &mut self.graph;
        // Curated and derived facts come first, so an extracted one is the
        // only statement that can meet one read in text.
        let told = if fact.origin == FactOrigin::Extracted {
            Told::InText
        } else {
            Told::InRecords
        };
        if let Some(&edge) = edges
            .iter()
            .find(|&&e| graph[e].relation.same_fact_as(&fact.relation, told))
        {
            graph[edge].absorb(fact);
            return;
        }
        let edge = graph.add_edge(key.subject, key.object, fact);
        edges.push(edge);
    }

    /// Adds an article's facts, moving their sentences into the evidence.
    fn add_extracted(&mut self, article: ArticleFacts) {
        for (found, sentence) in article.facts.into_iter().zip(article.sentences) {
            let fact = Fact {
                relation: found.relation,
                date: Some(found.date),
                event: None,
                origin: FactOrigin::Extracted,
                evidence: vec![Evidence {
                    source: article.source.clone(),
                    text: Some(sentence),
                    extraction: Some(Provenance {
                        article: article.article.clone(),
                        sentence: found.sentence,
                        sentence_range: found.sentence_range,
                        subject_range: found.subject_range,
                        object_range: found.object_range,
                        trigger_range: found.trigger_range,
                        pattern: found.pattern,
                        confidence: found.confidence,
                        date_origin: found.date_origin,
                    }),
                }],
                note: None,
            };
            self.add_at(
                NodeIndex::new(found.subject),
                NodeIndex::new(found.object),
                fact,
            );
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
