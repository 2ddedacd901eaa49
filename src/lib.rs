//! # newsgraph
//!
//! Build a typed, evidence-backed knowledge graph — who met whom, who funded,
//! designated or agreed with whom, each fact with its date and source — from
//! hand-curated RON entity files and a folder of news articles.
//!
//! The pipeline reads in the order of the modules:
//!
//! 1. [`load`]: RON files under a data directory → a validated [`Dataset`]
//!    (every error with `file:line:col` and a hint);
//! 2. [`graph`]: the dataset → a [`KnowledgeGraph`] on petgraph, with the facts
//!    that events, offices and parents imply;
//! 3. [`query`]: questions such as [`KnowledgeGraph::who_met`];
//!    [`store`]: the graph in SQLite, read back by the queries and by
//!    incremental builds;
//! 4. [`export`]: DOT (rendered to SVG/PNG by Graphviz) and GraphML.
//!
//! ```
//! use newsgraph::{Dataset, KnowledgeGraph};
//!
//! let dataset = Dataset::load("data")?;
//! let graph = KnowledgeGraph::build(dataset);
//! let blinken = graph.resolve("blinken")?;
//! for encounter in graph.who_met(&blinken.id) {
//!     println!("{} {:?}", encounter.counterpart_name, encounter.date);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod export;
pub mod extract;
pub mod graph;
pub mod load;
pub mod mentions;
pub mod model;
pub mod pipeline;
pub mod query;
pub mod store;
pub mod text;

pub use graph::{KnowledgeGraph, ResolveError};
pub use load::{load_dir, load_dirs, LoadError};
pub use model::{Dataset, Date, Entity, EntityKind};
