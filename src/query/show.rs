//! `show`: an entity card.

use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::model::{Date, EntityKind, RelationKind};

/// An office an entity held.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfficeHeld {
    /// Office id.
    pub office: String,
    /// Office display name.
    pub name: String,
    /// First day, when known.
    pub from: Option<Date>,
    /// Last day, when it has ended.
    pub to: Option<Date>,
    /// Whether acting or interim.
    pub acting: bool,
}

/// An entity's meetings in numbers, as [`KnowledgeGraph::meetings`] counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MeetingCount {
    /// Encounters with counterparts (one per counterpart and event or date).
    pub encounters: usize,
    /// Distinct counterparts.
    pub counterparts: usize,
    /// Distinct people on its own side of those meetings, not counted above.
    pub own_side_left_out: usize,
}

impl MeetingCount {
    /// The counts of a [`Meetings`](super::Meetings).
    pub fn of(meetings: &super::Meetings<'_>) -> MeetingCount {
        MeetingCount {
            encounters: meetings.encounters.len(),
            counterparts: meetings.counterparts().len(),
            own_side_left_out: meetings.own_side_left_out,
        }
    }
}

/// Everything the graph knows about one entity, in summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityCard {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Subtype, when curated.
    pub category: Option<String>,
    /// Description, when curated.
    pub description: Option<String>,
    /// Strong aliases.
    pub aliases: Vec<String>,
    /// Weak aliases.
    pub weak_aliases: Vec<String>,
    /// Demonyms (governments).
    pub demonyms: Vec<String>,
    /// Government it belongs to: (id, name).
    pub country: Option<(String, String)>,
    /// Parent organization or government: (id, name).
    pub parent: Option<(String, String)>,
    /// Offices held, in curated order.
    pub offices: Vec<OfficeHeld>,
    /// Its meetings, counted as `who-met` lists them.
    pub meetings: MeetingCount,
    /// Number of facts by relation, in the order of [`RelationKind::NAMES`].
    pub relations: Vec<(&'static str, usize)>,
    /// Sources that state facts about it: (id, title).
    pub sources: Vec<(String, String)>,
}

impl KnowledgeGraph {
    /// The card of entity `id`, or `None` when there is no such entity.
    ///
    /// ```
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// let card = graph.show("marco-rubio").unwrap();
    /// assert_eq!(card.offices[0].name, "U.S. Secretary of State");
    /// assert!(card.relations.contains(&("designated", 2)));
    /// assert_eq!(card.meetings.counterparts, graph.meetings("marco-rubio", &Default::default()).counterparts().len());
    /// ```
    pub fn show(&self, id: &str) -> Option<EntityCard> {
        let dataset = self.dataset();
        let entity = dataset.entity(id)?;
        let named = |id: &Option<String>| {
            id.as_ref()
                .and_then(|i| dataset.entity(i))
                .map(|e| (e.id.clone(), e.name.clone()))
        };
        let offices = dataset
            .offices_of(id)
            .map(|(office, tenure)| OfficeHeld {
                office: office.id.clone(),
                name: office.name.clone(),
                from: tenure.from,
                to: tenure.to,
                acting: tenure.acting,
            })
            .collect();
        let facts: Vec<_> = self.facts_of(id).collect();
        let relations = RelationKind::NAMES
            .iter()
            .map(|r| {
                (
                    *r,
                    facts
                        .iter()
                        .filter(|f| f.fact.relation.name() == *r)
                        .count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        let mut sources: Vec<(String, String)> = Vec::new();
        for source in facts.iter().flat_map(|f| f.fact.sources()) {
            if !sources.iter().any(|(s, _)| s == source) {
                let title = dataset
                    .sources
                    .get(source)
                    .map(|s| s.title.clone())
                    .unwrap_or_default();
                sources.push((source.to_string(), title));
            }
        }
        Some(EntityCard {
            id: entity.id.clone(),
            name: entity.name.clone(),
            kind: entity.kind,
            category: entity.category.clone(),
            description: entity.description.clone(),
            aliases: entity.aliases.clone(),
            weak_aliases: entity.weak_aliases.clone(),
            demonyms: entity.demonyms.clone(),
            country: named(&entity.country),
            parent: named(&entity.parent),
            offices,
            meetings: MeetingCount::of(&self.meetings(id, &super::WhoMetOptions::default())),
            relations,
            sources,
        })
    }
}
