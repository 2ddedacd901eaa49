//! Sides: the government an entity acts for, so a meeting's counterparts can
//! be told from the entity's own delegation.

use crate::graph::KnowledgeGraph;
use crate::model::EntityKind;

/// How far up a chain of parents [`KnowledgeGraph::side_of`] looks.
const MAX_CHAIN: usize = 16;

impl KnowledgeGraph {
    /// The government entity `id` acts for: a government itself; a person's
    /// `country`; an organization's `country`, or else the government at the
    /// top of its `parent` chain. `None` for places, events, and entities
    /// whose side is not curated.
    ///
    /// ```
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// assert_eq!(graph.side_of("antony-blinken"), Some("united-states"));
    /// assert_eq!(graph.side_of("ecuador-navy"), Some("ecuador"));
    /// assert_eq!(graph.side_of("quito"), None);
    /// ```
    pub fn side_of<'g>(&'g self, id: &str) -> Option<&'g str> {
        let dataset = self.dataset();
        let mut current = dataset.entity(id)?;
        for _ in 0..MAX_CHAIN {
            match current.kind {
                EntityKind::Government => return Some(&current.id),
                EntityKind::Place | EntityKind::Event => return None,
                EntityKind::Person | EntityKind::Organization => {}
            }
            let up = current.country.as_deref().or(current.parent.as_deref())?;
            current = dataset.entity(up)?;
        }
        None
    }
}

/// Whether two sides are known and the same.
pub(crate) fn same_side(a: Option<&str>, b: Option<&str>) -> bool {
    a.is_some() && a == b
}
