//! Questions asked of the graph, one file per query.
//!
//! Each query is a method on [`KnowledgeGraph`](crate::KnowledgeGraph) that
//! returns typed rows; the CLI only formats them.

mod edges;
mod who_met;

pub use edges::EdgeFilter;
pub use who_met::Encounter;
