//! The data model: entities, offices, events, relations, sources and dates,
//! and the curator's relation patterns and drawing style as plain data.
//!
//! `model` is the lowest layer: it imports no other module of the crate.
//!
//! These types are what the [`load`](crate::load) stage produces from RON files
//! and what the [`graph`](crate::graph) stage turns into nodes and edges.

mod dataset;
mod date;
mod entity;
mod event;
pub mod fold;
mod identity;
mod limits;
mod office;
mod patterns;
mod relation;
mod source;
mod style;

pub use dataset::Dataset;
pub use date::{Date, DateError, Precision};
pub use entity::{AliasStrength, Entity, EntityKind};
pub use event::{EventDetails, EventStatus, EventType, MeetingMode, Participant, ParticipantRole};
pub use identity::{FactKey, Told};
pub use limits::Limits;
pub use office::{Office, Tenure};
pub use patterns::{Cues, OnPlanned, Pattern, PatternRelation, PatternSet, Shape};
pub use relation::{
    AgreementStatus, AttributeValue, FundingStatus, Relation, RelationKind, RelationName,
    RelationSet, UnknownRelation,
};
pub use source::Source;
pub use style::{Attributes, Overview, PageStyle, Style};
