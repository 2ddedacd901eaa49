//! The data model: entities, offices, events, relations, sources and dates.
//!
//! These types are what the [`load`](crate::load) stage produces from RON files
//! and what the [`graph`](crate::graph) stage turns into nodes and edges.

mod dataset;
mod date;
mod entity;
mod event;
mod limits;
mod office;
mod relation;
mod source;

pub use dataset::Dataset;
pub use date::{Date, DateError, Precision};
pub use entity::{AliasStrength, Entity, EntityKind};
pub use event::{EventDetails, EventStatus, EventType, MeetingMode, Participant, ParticipantRole};
pub use limits::Limits;
pub use office::{Office, Tenure};
pub use relation::{AgreementStatus, AttributeValue, FundingStatus, Relation, RelationKind};
pub use source::Source;
