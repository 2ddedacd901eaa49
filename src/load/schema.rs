//! The RON file format: what a curator writes in each file under `data/`.
//!
//! Every `.ron` file holds one struct whose fields are sections; a file may
//! use any of them, and by convention each file holds one:
//!
//! ```ron
//! // data/people.ron
//! (
//!     people: [
//!         (
//!             id: "antony-blinken",
//!             name: "Antony Blinken",
//!             aliases: ["Anthony Blinken"],   // always identify him
//!             weak_aliases: ["Blinken"],      // only when corroborated
//!             country: "united-states",
//!         ),
//!     ],
//! )
//! ```
//!
//! `Option` fields are written without `Some(..)`.

use serde::Deserialize;

use crate::model::{
    Cues, Date, EventStatus, EventType, MeetingMode, Office, Participant, Pattern, Relation,
    Source, Style,
};

/// The sections a data file may contain, in the order they are checked.
pub const SECTIONS: [&str; 11] = [
    "people",
    "governments",
    "organizations",
    "places",
    "events",
    "offices",
    "relations",
    "sources",
    "style",
    "patterns",
    "cues",
];

/// One `.ron` file under the data directory.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DataFile {
    /// People.
    pub people: Vec<EntityRecord>,
    /// Governments: states acting as political actors.
    pub governments: Vec<EntityRecord>,
    /// Agencies, ministries, armed forces, criminal groups, international bodies…
    pub organizations: Vec<EntityRecord>,
    /// Cities, regions, landmarks.
    pub places: Vec<EntityRecord>,
    /// Meetings, calls, visits, summits, elections…
    pub events: Vec<EventRecord>,
    /// Offices with their dated holders.
    pub offices: Vec<Office>,
    /// Curated relations.
    pub relations: Vec<Relation>,
    /// Articles and other references.
    pub sources: Vec<Source>,
    /// How exports draw the graph.
    pub style: Option<Style>,
    /// Relation patterns for text matching.
    pub patterns: Option<Vec<Pattern>>,
    /// Cue words for text matching.
    pub cues: Option<Cues>,
}

/// A person, government, organization or place.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRecord {
    /// Stable slug id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Names that always identify the entity.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names that identify it only when corroborated.
    #[serde(default)]
    pub weak_aliases: Vec<String>,
    /// For governments: words for its people or state ("Ecuadorian").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Government id it belongs to.
    #[serde(default)]
    pub country: Option<String>,
    /// Organization or government id it is part of.
    #[serde(default)]
    pub parent: Option<String>,
    /// Free-form subtype (`ministry`, `armed_forces`, `criminal_group`, `city`…).
    #[serde(default)]
    pub category: Option<String>,
    /// A sentence for curators and tooltips.
    #[serde(default)]
    pub description: Option<String>,
}

/// An event: an entity with a date, a place and participants.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    /// Stable slug id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What happened.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// Held (default), planned or cancelled.
    #[serde(default)]
    pub status: EventStatus,
    /// When.
    pub date: Date,
    /// In person, virtual or phone; implied by the type when omitted.
    #[serde(default)]
    pub mode: Option<MeetingMode>,
    /// Place id.
    #[serde(default)]
    pub place: Option<String>,
    /// Who took part.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// Source ids that report it.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Names that always identify the event ("Summit of the Americas").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names that identify it only when corroborated.
    #[serde(default)]
    pub weak_aliases: Vec<String>,
    /// Free-form subtype.
    #[serde(default)]
    pub category: Option<String>,
    /// A sentence for curators and tooltips.
    #[serde(default)]
    pub description: Option<String>,
}
