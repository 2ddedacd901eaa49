//! `timeline`: every dated fact about an entity, in date order.

use serde::Serialize;

use super::summary::FactSummary;
use crate::graph::KnowledgeGraph;
use crate::model::{Date, RelationKind};

/// One dated entry of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// When.
    pub date: Date,
    /// What happened, in words ("met with Juan Carlos Holguín (virtual)").
    pub what: String,
    /// The entity's office on that date, when one is curated.
    pub office: Option<String>,
    /// The fact.
    pub fact: FactSummary,
}

impl KnowledgeGraph {
    /// Every dated fact involving `id`, oldest first: meetings, calls, visits,
    /// funding, designations, agreements, statements, events, and offices taken
    /// and left. Each entry carries the entity's office on its date.
    ///
    /// ```
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// let timeline = graph.timeline("antony-blinken");
    /// let dates: Vec<String> = timeline.iter().map(|e| e.date.to_string()).collect();
    /// let mut sorted = dates.clone();
    /// sorted.sort();
    /// assert_eq!(dates, sorted);
    /// assert!(timeline.iter().any(|e| e.what.starts_with("took office as U.S. Secretary of State")));
    /// ```
    pub fn timeline(&self, id: &str) -> Vec<TimelineEntry> {
        let mut entries = Vec::new();
        for fact in self.facts_of(id) {
            let summary = FactSummary::of(&fact);
            let other = fact.other(id);
            let outgoing = fact.from.id == id || fact.fact.relation.is_symmetric();
            let details = detail(&summary);
            let mut push = |date: Date, what: String| {
                let office = self.office_on(id, date).map(|o| o.name.clone());
                entries.push(TimelineEntry {
                    date,
                    what,
                    office,
                    fact: summary.clone(),
                });
            };
            match &fact.fact.relation {
                RelationKind::HoldsOffice { title, until, .. } if fact.from.id == id => {
                    if let Some(from) = fact.fact.date {
                        push(from, format!("took office as {title}"));
                    }
                    if let Some(until) = until {
                        push(*until, format!("left office as {title}"));
                    }
                }
                RelationKind::HoldsOffice { title, .. } => {
                    if let Some(from) = fact.fact.date {
                        push(from, format!("{} took office as {title}", other.name));
                    }
                }
                RelationKind::ParticipatedIn { .. } if fact.from.id == id => {
                    if let Some(date) = fact.fact.date {
                        push(date, format!("took part in {}", other.name));
                    }
                }
                relation => {
                    let Some(date) = fact.fact.date else { continue };
                    let verb = relation.name().replace('_', " ");
                    let what = if outgoing {
                        format!("{verb} {}{details}", other.name)
                    } else {
                        format!("{} {verb} {}{details}", other.name, fact.to.name)
                    };
                    push(date, what);
                }
            }
        }
        entries.sort_by(|a, b| {
            a.date
                .first_day()
                .cmp(&b.date.first_day())
                .then(a.date.cmp(&b.date))
        });
        entries
    }
}

fn detail(summary: &FactSummary) -> String {
    let parts: Vec<String> = summary
        .attributes
        .iter()
        .filter(|(k, _)| !matches!(*k, "role" | "side" | "office" | "title"))
        .map(|(_, v)| v.to_string().replace('_', " "))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}
