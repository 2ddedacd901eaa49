//! `dated_after_publication`: facts whose date is later than every source that
//! states them was published — a date the matcher (or a curator) most likely
//! took from a future clause or a typo.

use serde::Serialize;

use super::summary::FactSummary;
use crate::graph::{FactRef, KnowledgeGraph};
use crate::model::Date;
use crate::model::EventStatus;

/// A fact dated after the latest publication of the sources that state it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LateFact {
    /// The fact.
    pub fact: FactSummary,
    /// The fact's date, whose first day is after `published`.
    pub date: Date,
    /// The latest publication date among its sources.
    pub published: Date,
    /// The source published on `published`.
    pub source: String,
}

impl KnowledgeGraph {
    /// Facts whose date begins after the latest publication date of the
    /// sources that state them. Nothing reports an event before it happens,
    /// so such a date is a misreading ("…adding that the funds would arrive
    /// in September") or a typo in the data; `check` lists them. Facts whose
    /// sources carry no publication date are not judged, nor facts of an
    /// event curated as planned or cancelled (announced ahead by nature).
    ///
    /// ```
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// for late in graph.dated_after_publication() {
    ///     assert!(late.date.first_day() > late.published.last_day());
    /// }
    /// ```
    pub fn dated_after_publication(&self) -> Vec<LateFact> {
        let sources = &self.dataset().sources;
        let mut late = Vec::new();
        for fact in self.facts() {
            let Some(date) = fact.fact.date else { continue };
            if self.is_announced_ahead(&fact) {
                continue;
            }
            let latest = fact
                .fact
                .sources()
                .into_iter()
                .filter_map(|id| sources.get(id).and_then(|s| s.published).map(|p| (p, id)))
                .max();
            if let Some((published, source)) = latest {
                if date.first_day() > published.last_day() {
                    late.push(LateFact {
                        fact: FactSummary::of(&fact),
                        date,
                        published,
                        source: source.to_string(),
                    });
                }
            }
        }
        late
    }

    /// Whether the fact belongs to an event that had not been held: a
    /// planned or cancelled event is dated after the article announcing it.
    fn is_announced_ahead(&self, fact: &FactRef<'_>) -> bool {
        let not_held = |id: &str| {
            self.dataset()
                .entity(id)
                .and_then(|e| e.event.as_ref())
                .is_some_and(|e| e.status != EventStatus::Held)
        };
        fact.fact.event.as_deref().is_some_and(not_held)
            || not_held(&fact.from.id)
            || not_held(&fact.to.id)
    }
}
