//! `search`: entities whose names or aliases contain or resemble a text.

use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::model::EntityKind;
use crate::text::fold_name;

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// The name or alias that matched best.
    pub matched: String,
    /// 1.0 for an exact match, lower for weaker ones.
    pub score: f64,
}

/// How well `query` (folded) matches `name` (folded), 0–1.
fn score(query: &str, name: &str) -> f64 {
    if name == query {
        return 1.0;
    }
    let padded = format!(" {name} ");
    if name.starts_with(query) {
        0.9
    } else if padded.contains(&format!(" {query} ")) || padded.contains(&format!(" {query}")) {
        0.85
    } else if name.contains(query) {
        0.75
    } else {
        // Resemblance: the best of the whole name and each of its words.
        let whole = strsim::jaro_winkler(query, name);
        let word = name
            .split(' ')
            .map(|w| strsim::jaro_winkler(query, w))
            .fold(0.0, f64::max);
        0.7 * whole.max(word)
    }
}

/// An entity's names as [`rank`] scores them: its id, then its name and
/// every alias, each with its folded form ([`fold_name`]).
#[derive(Debug, Clone)]
pub struct Searchable<'a> {
    /// Id.
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Kind.
    pub kind: EntityKind,
    /// (name, folded name), id first.
    pub names: Vec<(&'a str, std::borrow::Cow<'a, str>)>,
}

/// Up to `limit` of `entities` whose names contain or resemble `text`
/// (case and accents ignored), best first: what [`KnowledgeGraph::search`]
/// returns, for names read from anywhere (the store's folded aliases).
pub fn rank<'a>(
    text: &str,
    limit: usize,
    entities: impl Iterator<Item = Searchable<'a>>,
) -> Vec<SearchHit> {
    let query = fold_name(text);
    if query.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<SearchHit> = Vec::new();
    for entity in entities {
        let mut best: Option<(f64, &str)> = None;
        for (name, folded) in &entity.names {
            let s = score(&query, folded);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, name));
            }
        }
        if let Some((s, name)) = best.filter(|(s, _)| *s >= 0.6) {
            hits.push(SearchHit {
                id: entity.id.to_string(),
                name: entity.name.to_string(),
                kind: entity.kind,
                matched: name.to_string(),
                score: (s * 1000.0).round() / 1000.0,
            });
        }
    }
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.name.cmp(&b.name))
    });
    hits.truncate(limit);
    hits
}

impl KnowledgeGraph {
    /// Up to `limit` entities whose id, name or aliases contain or resemble
    /// `text` (case and accents ignored), best first.
    ///
    /// ```
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// let hits = graph.search("navy", 5);
    /// assert_eq!(hits[0].id, "ecuador-navy");
    /// assert_eq!(graph.search("Mayorcas", 1)[0].id, "alejandro-mayorkas");
    /// ```
    pub fn search(&self, text: &str, limit: usize) -> Vec<SearchHit> {
        let entities = self.dataset().entities.values().map(|entity| Searchable {
            id: &entity.id,
            name: &entity.name,
            kind: entity.kind,
            names: std::iter::once(entity.id.as_str())
                .chain(entity.all_names().map(|(n, _)| n))
                .map(|n| (n, fold_name(n).into()))
                .collect(),
        });
        rank(text, limit, entities)
    }
}
