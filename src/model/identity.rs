//! When two statements are the same fact: the one rule the extractor, the
//! graph and the store share.
//!
//! Two statements are the same fact when they have the same [`FactKey`] —
//! subject, relation, object and date, the two ends of a symmetric relation
//! in either order — and the attributes that tell facts of that relation
//! apart agree ([`RelationKind::same_fact_as`]): equal between two curated
//! records, not in conflict when one was read in text. The extractor merges what one article
//! says twice by this rule, and the graph merges curated, derived and
//! extracted facts by it; [`Fact::absorb`](crate::graph::Fact::absorb) then
//! only adds up the evidence.
//!
//! ```
//! use newsgraph::model::{FactKey, MeetingMode, RelationKind, Told};
//!
//! let met = RelationKind::MetWith { mode: MeetingMode::Phone };
//! let date = "2021-04-23".parse().ok();
//! // A met B is B met A.
//! assert_eq!(FactKey::new(1, &met, 2, date), FactKey::new(2, &met, 1, date));
//! let pledged = RelationKind::Funded { amount: None, currency: None, purpose: None, status: Default::default() };
//! let sum = RelationKind::Funded { amount: Some(5e6), currency: None, purpose: None, status: Default::default() };
//! let other = RelationKind::Funded { amount: Some(7e6), currency: None, purpose: None, status: Default::default() };
//! assert!(pledged.same_fact_as(&sum, Told::InText), "an unstated sum does not conflict");
//! assert!(!pledged.same_fact_as(&sum, Told::InRecords), "a curator typed two records");
//! assert!(!sum.same_fact_as(&other, Told::InText), "two sums are two fundings");
//! ```

use super::date::Date;
use super::fold::fold_name;
use super::relation::{RelationKind, RelationName};

/// What every statement of one fact shares: its ends, relation and date.
/// `N` names an entity (an id, or an index into the dataset). The ends of a
/// symmetric relation are kept in order, so `A met B` and `B met A` have one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactKey<N> {
    /// The subject (the smaller end, for a symmetric relation).
    pub subject: N,
    /// The relation, without its attributes.
    pub relation: RelationName,
    /// The object (the larger end, for a symmetric relation).
    pub object: N,
    /// When it happened, when known.
    pub date: Option<Date>,
}

impl<N: Ord> FactKey<N> {
    /// The key of `subject relation object` on `date`.
    pub fn new(subject: N, relation: &RelationKind, object: N, date: Option<Date>) -> FactKey<N> {
        let (subject, object) = if relation.is_symmetric() && object < subject {
            (object, subject)
        } else {
            (subject, object)
        };
        FactKey {
            subject,
            relation: relation.relation_name(),
            object,
            date,
        }
    }
}

/// A named agreement ("the Open Skies agreement"), as opposed to a description of one.
fn named_agreement(what: &str) -> bool {
    what.starts_with(char::is_uppercase) && what.ends_with("agreement")
}

/// How two statements of a fact were made, which decides how alike their
/// attributes must be to be one fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Told {
    /// Both are records a curator typed (or records derived from them): a
    /// curator who types two records with different attributes means two facts.
    InRecords,
    /// At least one was read in an article's text, where one fact is told
    /// in many words: only attributes that conflict make two facts.
    InText,
}

impl RelationKind {
    /// Whether two relations of statements with the same [`FactKey`] are one
    /// fact. What tells two facts of one relation apart is the thing agreed,
    /// the sum funded, the designation and the office; other attributes (a
    /// meeting's mode, a participant's role) never do.
    ///
    /// [`Told::InRecords`]: those must be equal (names compared folded; an
    /// unstated sum equals only an unstated sum). [`Told::InText`]: they must
    /// not conflict; only two agreements both called by name differently, two
    /// stated sums that differ, two designations or two offices do.
    pub fn same_fact_as(&self, other: &RelationKind, told: Told) -> bool {
        let strict = told == Told::InRecords;
        match (self, other) {
            (RelationKind::Agreed { what: x, .. }, RelationKind::Agreed { what: y, .. }) => {
                fold_name(x) == fold_name(y)
                    || (!strict && (!named_agreement(x) || !named_agreement(y)))
            }
            (RelationKind::Funded { amount: x, .. }, RelationKind::Funded { amount: y, .. }) => {
                x == y || (!strict && (x.is_none() || y.is_none()))
            }
            (
                RelationKind::Designated { designation: x },
                RelationKind::Designated { designation: y },
            ) => fold_name(x) == fold_name(y),
            (
                RelationKind::HoldsOffice { office: x, .. },
                RelationKind::HoldsOffice { office: y, .. },
            ) => x == y,
            _ => self.relation_name() == other.relation_name(),
        }
    }
}
