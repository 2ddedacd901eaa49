//! Questions asked of the graph, one file per query.
//!
//! Each query is a method on [`KnowledgeGraph`](crate::KnowledgeGraph) that
//! returns typed rows (serializable with serde); the CLI only formats them.
//!
//! | method | question |
//! |---|---|
//! | [`meetings`](crate::KnowledgeGraph::meetings), [`who_met`](crate::KnowledgeGraph::who_met), [`who_met_with`](crate::KnowledgeGraph::who_met_with) | whom on another side did X meet, when, how, where? |
//! | [`side_of`](crate::KnowledgeGraph::side_of) | which government does X act for? |
//! | [`show`](crate::KnowledgeGraph::show) | what is known about X? |
//! | [`neighbors`](crate::KnowledgeGraph::neighbors) | who is connected to X, and how? |
//! | [`paths`](crate::KnowledgeGraph::paths) | which chains of facts link X and Y? |
//! | [`timeline`](crate::KnowledgeGraph::timeline) | what happened to X, in order? |
//! | [`stats`](crate::KnowledgeGraph::stats) | how big is the graph, who is central? |
//! | [`search`](crate::KnowledgeGraph::search) | which entities are called something like this? |
//! | [`edges`](crate::KnowledgeGraph::edges) | which facts match these filters? |
//!| [`dated_after_publication`](crate::KnowledgeGraph::dated_after_publication) | which facts are dated after every source that states them? |

mod centrality;
mod edges;
mod late;
mod neighbors;
mod path;
mod search;
mod show;
mod side;
mod stats;
mod summary;
mod timeline;
mod who_met;

pub use centrality::pagerank;
pub use edges::EdgeFilter;
pub use late::LateFact;
pub use neighbors::{Direction, Neighbor, NeighborOptions};
pub use path::{FactPath, PathOptions, PathStep};
pub use search::{rank, rank_list, ListHit, SearchHit, Searchable};
pub use show::{EntityCard, MeetingCount, OfficeHeld};
pub use stats::{Component, GraphStats, Ranked};
pub use summary::FactSummary;
pub use timeline::TimelineEntry;
pub use who_met::{Encounter, Meetings, WhoMetOptions};
