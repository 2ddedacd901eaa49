//! `edges`: every fact of the graph, filtered by relation, entity or source.

use crate::graph::{FactRef, KnowledgeGraph};
use crate::model::RelationSet;

/// Which facts [`KnowledgeGraph::edges`] returns; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeFilter {
    /// The relations kept (all when empty).
    pub relations: RelationSet,
    /// Entity id the fact must touch.
    pub entity: Option<String>,
    /// Source id, or article file name, one piece of evidence must come from.
    pub source: Option<String>,
}

impl KnowledgeGraph {
    /// The facts that pass `filter`, in graph order.
    ///
    /// ```
    /// use newsgraph::model::{RelationName, RelationSet};
    /// use newsgraph::query::EdgeFilter;
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// let filter = EdgeFilter { relations: RelationSet::of([RelationName::Designated]), ..EdgeFilter::default() };
    /// let designated: Vec<&str> = graph.edges(&filter).iter().map(|f| f.to.name.as_str()).collect();
    /// assert_eq!(designated, ["Los Lobos", "Los Choneros"]);
    /// ```
    pub fn edges(&self, filter: &EdgeFilter) -> Vec<FactRef<'_>> {
        let source_matches = |source: &str| {
            let Some(wanted) = &filter.source else {
                return true;
            };
            if source == wanted {
                return true;
            }
            let file = self
                .dataset()
                .sources
                .get(source)
                .and_then(|s| s.file.as_deref());
            file.is_some_and(|f| f == wanted || f.rsplit('/').next() == Some(wanted.as_str()))
        };
        self.facts()
            .filter(|f| filter.relations.allows(&f.fact.relation))
            .filter(|f| {
                filter
                    .entity
                    .as_ref()
                    .is_none_or(|e| &f.from.id == e || &f.to.id == e)
            })
            .filter(|f| {
                filter.source.is_none() || f.fact.evidence.iter().any(|e| source_matches(&e.source))
            })
            .collect()
    }
}
