//! A fact as query results show it: ids, names, label, date and sources.

use serde::Serialize;

use crate::graph::present::edge_label;
use crate::graph::{FactOrigin, FactRef};
use crate::model::{AttributeValue, Date};

/// One fact, flattened for query results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactSummary {
    /// The fact's id in this graph (`f12`, a [`FactId`](crate::graph::FactId)
    /// written out), as in the JSON, CSV and SVG exports.
    pub id: String,
    /// Subject id.
    pub from: String,
    /// Subject display name.
    pub from_name: String,
    /// Relation name (`met_with`…).
    pub relation: &'static str,
    /// Object id.
    pub to: String,
    /// Object display name.
    pub to_name: String,
    /// When.
    pub date: Option<Date>,
    /// The relation's attributes.
    pub attributes: Vec<(&'static str, AttributeValue)>,
    /// A short label ("funded: 13.5M USD", "participated in"), never empty.
    pub label: String,
    /// Curated, derived, extracted or both.
    pub origin: FactOrigin,
    /// The event it happened at.
    pub event: Option<String>,
    /// Source ids.
    pub sources: Vec<String>,
    /// The first evidence sentence, when there is one.
    pub evidence: Option<String>,
}

impl FactSummary {
    /// Flattens a fact.
    pub fn of(fact: &FactRef<'_>) -> FactSummary {
        FactSummary {
            id: fact.id().to_string(),
            from: fact.from.id.clone(),
            from_name: fact.from.name.clone(),
            relation: fact.fact.relation.name(),
            to: fact.to.id.clone(),
            to_name: fact.to.name.clone(),
            date: fact.fact.date,
            attributes: fact.fact.relation.attributes(),
            label: label(fact),
            origin: fact.fact.origin,
            event: fact.fact.event.clone(),
            sources: fact
                .fact
                .sources()
                .into_iter()
                .map(str::to_string)
                .collect(),
            evidence: fact.fact.evidence.iter().find_map(|e| e.text.clone()),
        }
    }
}

/// The fact's label on one line; the relation's name where the pictures draw
/// no label (`participated in`, `part of`: their line style says it).
fn label(fact: &FactRef<'_>) -> String {
    let label = edge_label(fact.fact).replace('\n', " ");
    if label.is_empty() {
        fact.fact.relation.name().replace('_', " ")
    } else {
        label
    }
}
