//! Offices and the people who held them between dates.

use serde::{Deserialize, Serialize};

use super::date::Date;

/// An office: a post that different people hold over time.
///
/// The office, not the person, owns the titles that name it ("Secretary of
/// State", "head of US diplomacy"), so a title in an article resolves to whoever
/// held the office on the article's date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// Stable slug id (`us-secretary-of-state`).
    pub id: String,
    /// Display name (`U.S. Secretary of State`).
    pub name: String,
    /// Entity id of the government or organization the office belongs to.
    pub of: String,
    /// Phrases that name the office in text.
    #[serde(default)]
    pub titles: Vec<String>,
    /// Whether several people may hold it at once (ambassadors, ministers without portfolio).
    #[serde(default)]
    pub concurrent: bool,
    /// Who held it, and when.
    #[serde(default)]
    pub holders: Vec<Tenure>,
}

/// One person's time in an office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tenure {
    /// Entity id of the holder.
    pub person: String,
    /// First day in office, when known.
    #[serde(default)]
    pub from: Option<Date>,
    /// Last day in office; `None` while still in office.
    #[serde(default)]
    pub to: Option<Date>,
    /// Whether the holder was acting or interim.
    #[serde(default)]
    pub acting: bool,
    /// Source ids that establish the tenure.
    #[serde(default)]
    pub sources: Vec<String>,
}

impl Tenure {
    /// Whether the holder was in office at some point of `date`.
    pub fn covers(&self, date: Date) -> bool {
        let started = self
            .from
            .is_none_or(|from| from.first_day() <= date.last_day());
        let not_ended = self.to.is_none_or(|to| date.first_day() <= to.last_day());
        started && not_ended
    }

    /// Whether two tenures share at least one day. A handover day (one tenure
    /// ends the day the next starts) is not an overlap.
    pub fn overlaps(&self, other: &Tenure) -> bool {
        let before = |from: Option<Date>, to: Option<Date>| match (from, to) {
            (Some(from), Some(to)) => from.first_day() < to.last_day(),
            _ => true,
        };
        before(self.from, other.to) && before(other.from, self.to)
    }
}
