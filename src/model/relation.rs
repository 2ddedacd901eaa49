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

/// A relation's type without its attributes: what `--relation` names.
///
/// ```
/// use newsgraph::model::RelationName;
///
/// let name: RelationName = "met_with".parse().unwrap();
/// assert_eq!(name, RelationName::MetWith);
/// assert_eq!(name.to_string(), "met_with");
/// let error = "metwith".parse::<RelationName>().unwrap_err().to_string();
/// assert!(error.starts_with("unknown relation `metwith`; relations are: met_with, funded"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationName {
    /// `met_with`.
    MetWith,
    /// `funded`.
    Funded,
    /// `designated`.
    Designated,
    /// `agreed`.
    Agreed,
    /// `visited`.
    Visited,
    /// `praised`.
    Praised,
    /// `thanked`.
    Thanked,
    /// `congratulated`.
    Congratulated,
    /// `participated_in`.
    ParticipatedIn,
    /// `holds_office`.
    HoldsOffice,
    /// `part_of`.
    PartOf,
}

impl RelationName {
    /// Every relation, in the order of [`RelationKind::NAMES`].
    pub const ALL: [RelationName; 11] = [
        RelationName::MetWith,
        RelationName::Funded,
        RelationName::Designated,
        RelationName::Agreed,
        RelationName::Visited,
        RelationName::Praised,
        RelationName::Thanked,
        RelationName::Congratulated,
        RelationName::ParticipatedIn,
        RelationName::HoldsOffice,
        RelationName::PartOf,
    ];

    /// The snake_case name (`met_with`).
    pub fn as_str(self) -> &'static str {
        RelationKind::NAMES[self as usize]
    }
}

impl std::fmt::Display for RelationName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a relation's; the message lists the valid names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown relation `{0}`; relations are: {names}", names = RelationKind::NAMES.join(", "))]
pub struct UnknownRelation(pub String);

impl std::str::FromStr for RelationName {
    type Err = UnknownRelation;

    fn from_str(text: &str) -> Result<RelationName, UnknownRelation> {
        RelationName::ALL
            .into_iter()
            .find(|r| r.as_str() == text)
            .ok_or_else(|| UnknownRelation(text.to_string()))
    }
}

/// The relations a query or an export follows; empty means every relation.
///
/// ```
/// use newsgraph::model::{RelationName, RelationSet};
///
/// let set = RelationSet::of([RelationName::Designated]);
/// assert!(set.allows_name("designated"));
/// assert!(!set.allows_name("met_with"));
/// assert!(RelationSet::default().allows_name("met_with"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelationSet {
    /// The relations, in the order given, each once.
    names: Vec<RelationName>,
}

impl RelationSet {
    /// The set of `names` (repeats dropped); no names means every relation.
    pub fn of(names: impl IntoIterator<Item = RelationName>) -> RelationSet {
        let mut set = RelationSet::default();
        for name in names {
            if !set.names.contains(&name) {
                set.names.push(name);
            }
        }
        set
    }

    /// Whether every relation passes (no relation was named).
    pub fn is_all(&self) -> bool {
        self.names.is_empty()
    }

    /// The relations named, in the order given.
    pub fn names(&self) -> &[RelationName] {
        &self.names
    }

    /// Whether a fact of `relation` passes.
    pub fn allows(&self, relation: &RelationKind) -> bool {
        self.is_all() || self.names.contains(&relation.relation_name())
    }

    /// Whether a fact whose relation is called `name` passes (the store
    /// keeps relations by name).
    pub fn allows_name(&self, name: &str) -> bool {
        self.is_all() || self.names.iter().any(|r| r.as_str() == name)
    }
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
        self.relation_name().as_str()
    }

    /// The relation's type, without its attributes.
    pub fn relation_name(&self) -> RelationName {
        match self {
            RelationKind::MetWith { .. } => RelationName::MetWith,
            RelationKind::Funded { .. } => RelationName::Funded,
            RelationKind::Designated { .. } => RelationName::Designated,
            RelationKind::Agreed { .. } => RelationName::Agreed,
            RelationKind::Visited => RelationName::Visited,
            RelationKind::Praised { .. } => RelationName::Praised,
            RelationKind::Thanked { .. } => RelationName::Thanked,
            RelationKind::Congratulated { .. } => RelationName::Congratulated,
            RelationKind::ParticipatedIn { .. } => RelationName::ParticipatedIn,
            RelationKind::HoldsOffice { .. } => RelationName::HoldsOffice,
            RelationKind::PartOf => RelationName::PartOf,
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
