//! Entities: the nodes of the graph (people, governments, organizations, places, events).

use serde::{Deserialize, Serialize};

use super::event::EventDetails;

/// What sort of thing an [`Entity`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A named individual.
    Person,
    /// A state acting as a political actor (the United States, Ecuador).
    Government,
    /// An agency, ministry, armed force, criminal group, international body, company…
    Organization,
    /// A city, region, country as a location, landmark.
    Place,
    /// A meeting, call, visit, summit, election, announcement…
    Event,
}

impl EntityKind {
    /// Every kind, in the order summaries list them.
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Government,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Event,
    ];

    /// The lowercase name used in files and exports (`person`, `government`…).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Government => "government",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Event => "event",
        }
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How reliably an alias identifies its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasStrength {
    /// Always identifies the entity ("Antony Blinken").
    Strong,
    /// Identifies the entity only when corroborated in the same article
    /// ("Blinken", "Lasso", "Washington" for the US government).
    Weak,
}

/// One entity of the dataset: a node of the knowledge graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable slug id, unique across the dataset (`antony-blinken`).
    pub id: String,
    /// What sort of entity this is.
    pub kind: EntityKind,
    /// Display name (`Antony Blinken`).
    pub name: String,
    /// Names that always identify the entity, besides [`Entity::name`].
    pub aliases: Vec<String>,
    /// Names that identify the entity only when corroborated (surnames, capitals).
    pub weak_aliases: Vec<String>,
    /// Adjectives and nouns for the people or state of a government ("Ecuadorian").
    pub demonyms: Vec<String>,
    /// Id of the government this entity belongs to or represents, when known.
    pub country: Option<String>,
    /// Id of the organization or government this one is part of.
    pub parent: Option<String>,
    /// Free-form subtype: an organization category (`armed_forces`), a place type (`city`)…
    pub category: Option<String>,
    /// A sentence for curators and tooltips.
    pub description: Option<String>,
    /// Date, place, participants and sources, for entities of kind [`EntityKind::Event`].
    pub event: Option<EventDetails>,
}

impl Entity {
    /// The display name followed by every alias, each with its strength.
    pub fn all_names(&self) -> impl Iterator<Item = (&str, AliasStrength)> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .map(|name| (name, AliasStrength::Strong))
            .chain(
                self.weak_aliases
                    .iter()
                    .map(|name| (name.as_str(), AliasStrength::Weak)),
            )
    }
}
