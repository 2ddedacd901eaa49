//! Facts: the payload of every edge of the graph.

use serde::Serialize;

use crate::model::{Date, RelationKind};

/// A fact's id in one graph: its edge's index, written `f12` in query
/// results and in the JSON, CSV, GraphML and SVG exports.
///
/// ```
/// use newsgraph::graph::FactId;
///
/// let id: FactId = "f12".parse().unwrap();
/// assert_eq!(id, FactId(12));
/// assert_eq!(id.to_string(), "f12");
/// assert!("12".parse::<FactId>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactId(pub usize);

impl std::fmt::Display for FactId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "f{}", self.0)
    }
}

/// Why a string is not a [`FactId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a fact id: {0:?} (fact ids are written f12)")]
pub struct FactIdError(String);

impl std::str::FromStr for FactId {
    type Err = FactIdError;

    fn from_str(text: &str) -> Result<FactId, FactIdError> {
        text.strip_prefix('f')
            .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|digits| digits.parse().ok())
            .map(FactId)
            .ok_or_else(|| FactIdError(text.to_string()))
    }
}

/// Where a fact comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactOrigin {
    /// Typed by a curator in `relations.ron`.
    Curated,
    /// Implied by a curated record: an event's participants, an office's holders,
    /// an organization's parent.
    Derived,
    /// Found in an article's text by the matcher.
    Extracted,
    /// Curated and also found in the text.
    CuratedAndExtracted,
}

impl FactOrigin {
    /// The snake_case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            FactOrigin::Curated => "curated",
            FactOrigin::Derived => "derived",
            FactOrigin::Extracted => "extracted",
            FactOrigin::CuratedAndExtracted => "curated_and_extracted",
        }
    }

    /// The origin of a fact known both ways.
    pub fn merge(self, other: FactOrigin) -> FactOrigin {
        use FactOrigin::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Extracted, _)
            | (_, Extracted)
            | (CuratedAndExtracted, _)
            | (_, CuratedAndExtracted) => CuratedAndExtracted,
            (Curated, _) | (_, Curated) => Curated,
            _ => Derived,
        }
    }
}

/// One piece of evidence for a fact: a source, and what in it states the fact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// Source id.
    pub source: String,
    /// The sentence (or curator's quotation) that states the fact, when known.
    pub text: Option<String>,
    /// Where the matcher found it, for extracted facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extraction: Option<Provenance>,
}

/// Where in an article the matcher found a fact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Provenance {
    /// The article file, relative to the data directory.
    pub article: String,
    /// Sentence index in the article.
    pub sentence: usize,
    /// Byte range of the sentence.
    pub sentence_range: std::ops::Range<usize>,
    /// Byte range of the subject mention.
    pub subject_range: std::ops::Range<usize>,
    /// Byte range of the object mention.
    pub object_range: std::ops::Range<usize>,
    /// Byte range of the trigger.
    pub trigger_range: std::ops::Range<usize>,
    /// Id of the pattern that matched.
    pub pattern: String,
    /// The matcher's confidence, 0–1.
    pub confidence: f32,
    /// Where the date came from.
    pub date_origin: crate::extract::DateOrigin,
}

/// A typed, dated, sourced edge between two entities.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    /// The relation and its attributes.
    pub relation: RelationKind,
    /// When it happened or began; `None` only for timeless structure (`part_of`).
    pub date: Option<Date>,
    /// The event it happened at, when there was one.
    pub event: Option<String>,
    /// Where it comes from.
    pub origin: FactOrigin,
    /// The sources that state it, each once, in the order found.
    pub evidence: Vec<Evidence>,
    /// A curator's remark.
    pub note: Option<String>,
}

impl Fact {
    /// The source ids of the evidence, each once, in order.
    pub fn sources(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for e in &self.evidence {
            if !out.contains(&e.source.as_str()) {
                out.push(&e.source);
            }
        }
        out
    }

    /// Adds the evidence and origin of `other`, the same fact by the model's
    /// one rule ([`FactKey`](crate::model::FactKey) and
    /// [`RelationKind::same_fact_as`]); evidence already listed is not repeated.
    pub fn absorb(&mut self, other: Fact) {
        self.origin = self.origin.merge(other.origin);
        for evidence in other.evidence {
            if !self.evidence.contains(&evidence) {
                self.evidence.push(evidence);
            }
        }
        if self.event.is_none() {
            self.event = other.event;
        }
        if self.note.is_none() {
            self.note = other.note;
        }
    }
}
