//! Events as nodes: meetings, calls, visits, summits and the like.

use serde::{Deserialize, Serialize};

use super::date::Date;

/// What happened at an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// Officials or delegations meeting, in person or virtually.
    Meeting,
    /// A telephone or video call.
    Call,
    /// An official visit to a place.
    Visit,
    /// A multilateral summit.
    Summit,
    /// An election or run-off.
    Election,
    /// An inauguration or swearing-in.
    Inauguration,
    /// A public announcement or statement.
    Announcement,
    /// Anything else worth a node.
    Other,
}

impl EventType {
    /// The lowercase name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Meeting => "meeting",
            EventType::Call => "call",
            EventType::Visit => "visit",
            EventType::Summit => "summit",
            EventType::Election => "election",
            EventType::Inauguration => "inauguration",
            EventType::Announcement => "announcement",
            EventType::Other => "other",
        }
    }

    /// Whether the participants of such an event met each other
    /// (so `met_with` facts are derived from it).
    pub fn is_encounter(self) -> bool {
        matches!(
            self,
            EventType::Meeting | EventType::Call | EventType::Visit
        )
    }

    /// The mode of meeting implied when the record gives none.
    pub fn default_mode(self) -> MeetingMode {
        match self {
            EventType::Call => MeetingMode::Phone,
            _ => MeetingMode::InPerson,
        }
    }
}

/// How the participants of a meeting were together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingMode {
    /// In the same room.
    InPerson,
    /// By video conference.
    Virtual,
    /// By telephone.
    Phone,
}

impl MeetingMode {
    /// The name used in files and exports (`in_person`, `virtual`, `phone`).
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingMode::InPerson => "in_person",
            MeetingMode::Virtual => "virtual",
            MeetingMode::Phone => "phone",
        }
    }

    /// The name shown to people (`in person`, `virtual`, `phone`).
    pub fn label(self) -> &'static str {
        match self {
            MeetingMode::InPerson => "in person",
            other => other.as_str(),
        }
    }
}

/// Whether an event took place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// It happened.
    #[default]
    Held,
    /// It was announced for a later date; nobody has met yet.
    Planned,
    /// It was called off.
    Cancelled,
}

impl EventStatus {
    /// The lowercase name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Held => "held",
            EventStatus::Planned => "planned",
            EventStatus::Cancelled => "cancelled",
        }
    }
}

/// The part a participant played in an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantRole {
    /// Led the event or a delegation.
    Lead,
    /// Took part.
    #[default]
    Member,
    /// Received the others.
    Host,
}

impl ParticipantRole {
    /// The lowercase name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            ParticipantRole::Lead => "lead",
            ParticipantRole::Member => "member",
            ParticipantRole::Host => "host",
        }
    }
}

/// Someone or something that took part in an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Entity id of the participant.
    pub entity: String,
    /// Government id of the delegation the participant belonged to, when the text gives it.
    #[serde(default)]
    pub side: Option<String>,
    /// The part played; `Member` when omitted.
    #[serde(default)]
    pub role: ParticipantRole,
}

/// What is known about an event besides its names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventDetails {
    /// What happened.
    pub event_type: EventType,
    /// Whether it happened.
    pub status: EventStatus,
    /// When, at whatever precision is known.
    pub date: Date,
    /// How the participants were together, for meetings and calls.
    pub mode: Option<MeetingMode>,
    /// Entity id of the place where it happened.
    pub place: Option<String>,
    /// Who took part, in the order curated.
    pub participants: Vec<Participant>,
    /// Source ids of the articles that report it.
    pub sources: Vec<String>,
}

impl EventDetails {
    /// The meeting mode given, or the one the event type implies.
    pub fn effective_mode(&self) -> MeetingMode {
        self.mode.unwrap_or_else(|| self.event_type.default_mode())
    }
}
