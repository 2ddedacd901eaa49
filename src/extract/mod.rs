//! Relation extraction: typed facts from the sentences of an article, driven
//! by patterns that are data (`data/patterns.ron`).
//!
//! ```
//! use newsgraph::extract::Extractor;
//! use newsgraph::mentions::Matcher;
//! use newsgraph::{Date, Loaded};
//!
//! let Loaded { dataset, patterns, .. } = Loaded::load("data").unwrap();
//! let (matcher, extractor) = (Matcher::new(&dataset), Extractor::new(&patterns));
//! let text = "Marco Rubio disclosed the designation of Los Lobos and Los Choneros as foreign terrorist organizations.";
//! let date = Date::ymd(2025, 9, 4);
//! let found = matcher.analyze(&dataset, text, date);
//! let facts = extractor.extract(&dataset, text, &found, date);
//! let objects: Vec<&str> = facts.iter().map(|f| dataset.entities[f.object].name.as_str()).collect();
//! assert_eq!(objects, ["Los Lobos", "Los Choneros"]);
//! ```

mod args;
mod attributes;
mod author;
mod clause;
mod cues;
mod dating;
mod extractor;
mod fact;
mod funding;
mod implied;
mod money;
mod phrases;
mod shapes;
mod site;
mod stand_in;
mod subject_object;

pub use author::author_of;
pub use extractor::Extractor;
pub use fact::{DateOrigin, ExtractedFact};

/// The facts extracted from one article, ready to merge into the graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleFacts {
    /// Source id of the article.
    pub source: String,
    /// The article file, relative to the data directory.
    pub article: String,
    /// The facts, in text order.
    pub facts: Vec<ExtractedFact>,
    /// For each fact, the text of its sentence.
    pub sentences: Vec<String>,
}
pub use crate::model::{Cues, OnPlanned, Pattern, PatternRelation, PatternSet, Shape};
pub use money::{find_money, Money};
