//! # newsgraph
//!
//! Build a typed, evidence-backed knowledge graph — who met whom, who funded,
//! designated or agreed with whom, each fact with its date and source — from
//! hand-curated RON entity files and a folder of news articles.
//!
//! ## The pipeline
//!
//! The modules are its steps, and each imports only the ones before it:
//!
//! 1. **load** ([`load`], [`model`]): the RON files under a data directory →
//!    a validated [`Dataset`] of entities, offices with dated holders, events,
//!    relations and sources (every error with `file:line:col` and a hint);
//! 2. **match** ([`text`], [`mentions`], [`extract`]): each article's
//!    sentences and dates, the names, aliases and titles mentioned in them
//!    resolved to entities ([`mentions::Matcher`]), and the facts the relation
//!    patterns find ([`extract::Extractor`]), each with its sentence;
//! 3. **graph** ([`graph`]): the curated records, the facts they imply
//!    (meetings from events, offices, parents) and the facts found in the
//!    articles → one [`KnowledgeGraph`] on petgraph, equal facts merged;
//! 4. **store and query** ([`store`], [`query`]): the graph in SQLite, read
//!    back by the queries and by incremental builds; typed answers such as
//!    [`KnowledgeGraph::meetings`], [`KnowledgeGraph::paths`] or
//!    [`KnowledgeGraph::timeline`];
//! 5. **export** ([`export`]): DOT (rendered to SVG or PNG by Graphviz),
//!    GraphML, Cytoscape.js JSON, Neo4j and Gephi CSV, and the HTML page.
//!
//! [`pipeline`] runs steps 2 and 3 over every article in parallel
//! ([`pipeline::build_graph`]) and writes every export
//! ([`pipeline::write_exports`]): that is `newsgraph build`.
//!
//! ## Step by step, on one article
//!
//! ```
//! use newsgraph::extract::{ArticleFacts, Extractor};
//! use newsgraph::mentions::Matcher;
//! use newsgraph::query::WhoMetOptions;
//! use newsgraph::{export, pipeline, KnowledgeGraph, Loaded};
//!
//! // 1. load: the records, and the patterns and style beside them
//! let Loaded { dataset, patterns, style } = Loaded::load("data")?;
//! // 2. match: one article, dated by its source record
//! let source = &dataset.sources["wire-2022-01-29-holguin-blinken"];
//! let path = dataset.article_path(source).expect("an article source has a file");
//! let text = pipeline::read_article(&path)?;
//! let matcher = Matcher::new(&dataset);
//! let extractor = Extractor::new(&patterns);
//! let fallback = source.event_date.or(source.published);
//! let author = None; // who "I" and "we" are, see `extract::author_of`
//! let (_mentions, facts) = pipeline::analyze_article(
//!     &dataset, &matcher, &extractor, &text, source.published, fallback, author,
//! );
//! assert!(facts.iter().any(|f| f.relation.name() == "met_with"));
//! let found = ArticleFacts {
//!     source: source.id.clone(),
//!     article: source.file.clone().unwrap_or_default(),
//!     sentences: facts.iter().map(|f| text[f.sentence_range.clone()].to_string()).collect(),
//!     facts,
//! };
//! // 3. graph: the curated records with what the article says
//! let graph = KnowledgeGraph::build_with(dataset, vec![found]).with_style(style);
//! // 4. query
//! let holguin = graph.resolve("Holguín")?;
//! let meetings = graph.meetings(&holguin.id, &WhoMetOptions::default());
//! assert!(meetings.counterparts().contains(&"antony-blinken"));
//! // 5. export
//! let graphml = export::to_graphml(&graph);
//! assert!(graphml.contains("juan-carlos-holguin"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Every article at once
//!
//! ```
//! use newsgraph::{pipeline, Loaded};
//!
//! let (graph, report) = pipeline::build_graph(Loaded::load("data")?, &|| {})?;
//! println!("{} articles read", report.articles.len());
//! for met in graph.who_met(&graph.resolve("blinken")?.id) {
//!     println!("{} {:?}", met.counterpart_name, met.date);
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
pub use load::{load_dir, load_dirs, load_dirs_with, LoadError, LoadOptions, Loaded};
pub use model::{Dataset, Date, Entity, EntityKind};

/// The README's Rust example, compiled and run by `cargo test --doc` so it
/// cannot drift from the library.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
