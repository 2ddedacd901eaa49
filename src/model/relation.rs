//! Typed relations between entities, with their attributes.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::event::{MeetingMode, ParticipantRole};

/// Whether money was promised or handed over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundingStatus {
    /// Announced or promised.
    #[default]
    Pledged,
    /// Paid or handed over.
    Delivered,
}

/// How far an agreement has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// Formally signed.
    Signed,
    /// Agreed, not (yet) signed.
    #[default]
    Reached,
    /// Still being negotiated ("nearing an agreement", "still in the works").
    InNegotiation,
}

macro_rules! status_names {
    ($ty:ty { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// The lowercase name used in exports.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name),* }
            }
        }
    };
}
status_names!(FundingStatus { Pledged => "pledged", Delivered => "delivered" });
status_names!(AgreementStatus { Signed => "signed", Reached => "reached", InNegotiation => "in_negotiation" });

/// The type of a relation and the attributes that go with it.
///
/// In RON files it is written as a variant with its attributes:
/// `met_with(mode: phone)`, `funded(amount: 13500000, currency: "USD", status: pledged)`,
/// `designated(designation: "foreign terrorist organization")`, `visited`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Two parties met (symmetric).
    MetWith {
        /// In person, virtual or by phone.
        mode: MeetingMode,
    },
    /// The subject funded the object.
    Funded {
        /// The sum, as a number of currency units.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<f64>,
        /// ISO 4217 code (`USD`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        currency: Option<String>,
        /// What the money is for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        purpose: Option<String>,
        /// Pledged or delivered.
        #[serde(default)]
        status: FundingStatus,
    },
    /// The subject gave the object a formal designation.
    Designated {
        /// The designation ("foreign terrorist organization").
        designation: String,
    },
    /// Two parties agreed on something (symmetric).
    Agreed {
        /// What was agreed ("Open Skies agreement").
        what: String,
        /// Signed, reached or in negotiation.
        #[serde(default)]
        status: AgreementStatus,
    },
    /// The subject visited the object (a place or a country).
    Visited,
    /// The subject praised the object.
    Praised {
        /// What for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        about: Option<String>,
    },
    /// The subject thanked the object.
    Thanked {
        /// What for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        about: Option<String>,
    },
    /// The subject congratulated the object.
    Congratulated {
        /// What on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        about: Option<String>,
    },
    /// The subject took part in the object event.
    ParticipatedIn {
        /// The part played.
        #[serde(default)]
        role: ParticipantRole,
        /// The delegation (government id) the subject belonged to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        side: Option<String>,
    },
    /// The subject held an office of the object (a government or organization).
    HoldsOffice {
        /// Office id.
        office: String,
        /// Office display name.
        title: String,
        /// Last day in office, when the tenure has ended.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<Date>,
    },
    /// The subject is part of the object organization or government.
    PartOf,
}

impl RelationKind {
    /// Every relation name, in the order summaries list them.
    pub const NAMES: [&'static str; 11] = [
        "met_with",
        "funded",
        "designated",
        "agreed",
        "visited",
        "praised",
        "thanked",
        "congratulated",
        "participated_in",
        "holds_office",
        "part_of",
    ];

    /// The snake_case name used on the command line and in exports (`met_with`).
    pub fn name(&self) -> &'static str {
        match self {
            RelationKind::MetWith { .. } => "met_with",
            RelationKind::Funded { .. } => "funded",
            RelationKind::Designated { .. } => "designated",
            RelationKind::Agreed { .. } => "agreed",
            RelationKind::Visited => "visited",
            RelationKind::Praised { .. } => "praised",
            RelationKind::Thanked { .. } => "thanked",
            RelationKind::Congratulated { .. } => "congratulated",
            RelationKind::ParticipatedIn { .. } => "participated_in",
            RelationKind::HoldsOffice { .. } => "holds_office",
            RelationKind::PartOf => "part_of",
        }
    }

    /// Whether `A r B` implies `B r A` (`met_with`, `agreed`).
    pub fn is_symmetric(&self) -> bool {
        matches!(
            self,
            RelationKind::MetWith { .. } | RelationKind::Agreed { .. }
        )
    }

    /// The attributes as `(name, value)` pairs, in a fixed order, for exports.
    pub fn attributes(&self) -> Vec<(&'static str, AttributeValue)> {
        use AttributeValue::{Number, Text};
        let text = |s: &str| Text(s.to_string());
        let opt = |name, value: &Option<String>| value.as_deref().map(|v| (name, text(v)));
        match self {
            RelationKind::MetWith { mode } => vec![("mode", text(mode.as_str()))],
            RelationKind::Funded {
                amount,
                currency,
                purpose,
                status,
            } => amount
                .map(|a| ("amount", Number(a)))
                .into_iter()
                .chain(opt("currency", currency))
                .chain(opt("purpose", purpose))
                .chain([("status", text(status.as_str()))])
                .collect(),
            RelationKind::Designated { designation } => vec![("designation", text(designation))],
            RelationKind::Agreed { what, status } => {
                vec![("what", text(what)), ("status", text(status.as_str()))]
            }
            RelationKind::Praised { about }
            | RelationKind::Thanked { about }
            | RelationKind::Congratulated { about } => opt("about", about).into_iter().collect(),
            RelationKind::ParticipatedIn { role, side } => [("role", text(role.as_str()))]
                .into_iter()
                .chain(opt("side", side))
                .collect(),
            RelationKind::HoldsOffice {
                office,
                title,
                until,
            } => [("office", text(office)), ("title", text(title))]
                .into_iter()
                .chain(until.map(|u| ("until", Text(u.to_string()))))
                .collect(),
            RelationKind::Visited | RelationKind::PartOf => Vec::new(),
        }
    }
}

/// The value of one relation attribute, typed for exports.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AttributeValue {
    /// A string.
    Text(String),
    /// A number (amounts).
    Number(f64),
}

impl std::fmt::Display for AttributeValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttributeValue::Text(text) => f.write_str(text),
            AttributeValue::Number(n) => write!(f, "{n}"),
        }
    }
}

/// A curated relation between two entities, as written in `relations.ron`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Subject entity id.
    pub from: String,
    /// The type of relation, with its attributes.
    pub relation: RelationKind,
    /// Object entity id.
    pub to: String,
    /// When it happened.
    pub date: Date,
    /// Source ids of the articles that state it (at least one).
    pub sources: Vec<String>,
    /// The event it happened at, when there was one.
    #[serde(default)]
    pub event: Option<String>,
    /// The sentence of the source that states it.
    #[serde(default)]
    pub evidence: Option<String>,
    /// A curator's remark.
    #[serde(default)]
    pub note: Option<String>,
}
