//! Sources: the articles and records facts are taken from.

use serde::{Deserialize, Serialize};

use super::date::Date;

/// One source record: an article of the corpus, or another reference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable slug id (`efe-2024-01-20`).
    pub id: String,
    /// The article's text file, relative to the data directory (`articles/004_….txt`).
    #[serde(default)]
    pub file: Option<String>,
    /// Headline or short description.
    pub title: String,
    /// Who published it (`EFE`, `CNN`).
    #[serde(default)]
    pub outlet: Option<String>,
    /// Publication date, when the source states it.
    #[serde(default)]
    pub published: Option<Date>,
    /// Date of the main event reported, when known.
    #[serde(default)]
    pub event_date: Option<Date>,
    /// Where it can be read.
    #[serde(default)]
    pub url: Option<String>,
    /// A curator's remark.
    #[serde(default)]
    pub note: Option<String>,
}

impl Source {
    /// The date text in this source is relative to: publication date, else event date.
    pub fn reference_date(&self) -> Option<Date> {
        self.published.or(self.event_date)
    }
}
