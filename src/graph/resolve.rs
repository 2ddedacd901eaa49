//! Resolving what a person types (`blinken`, `Holguin`, `antony-blinken`) to an entity.

use std::collections::HashMap;

use crate::model::{AliasStrength, Dataset, EntityKind};
use crate::text::fold_name;

/// An entity offered as a suggestion or as one of several matches.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    /// Entity id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind of entity.
    pub kind: EntityKind,
}

/// Why a name did not resolve to exactly one entity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Nothing is called that.
    #[error("no entity is called \"{name}\"{}", did_you_mean(suggestions))]
    Unknown {
        /// The name asked for.
        name: String,
        /// The closest names, best first.
        suggestions: Vec<Candidate>,
    },
    /// Several entities are called that.
    #[error("\"{name}\" is ambiguous; it could be: {}", list(candidates))]
    Ambiguous {
        /// The name asked for.
        name: String,
        /// Every entity it could mean.
        candidates: Vec<Candidate>,
    },
}

fn list(candidates: &[Candidate]) -> String {
    candidates
        .iter()
        .map(|c| format!("{} ({}, `{}`)", c.name, c.kind, c.id))
        .collect::<Vec<_>>()
        .join("; ")
}

fn did_you_mean(suggestions: &[Candidate]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", list(suggestions))
    }
}

/// Folded names and aliases of every entity, for lookups by name.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    /// folded name → (entity index, strength), in dataset order.
    exact: HashMap<String, Vec<(usize, AliasStrength)>>,
    /// (folded name, entity index) for every name, for partial and fuzzy matches.
    all: Vec<(String, usize)>,
}

impl NameIndex {
    /// Indexes every id, name and alias of the dataset.
    pub fn new(dataset: &Dataset) -> NameIndex {
        let mut index = NameIndex::default();
        for (i, entity) in dataset.entities.values().enumerate() {
            for (name, strength) in entity.all_names() {
                let folded = fold_name(name);
                let entry = index.exact.entry(folded.clone()).or_default();
                if !entry.iter().any(|&(e, _)| e == i) {
                    entry.push((i, strength));
                }
                index.all.push((folded, i));
            }
        }
        index
    }

    /// The index (into [`Dataset::entities`]) of the one entity `name` means.
    ///
    /// Tried in order: an exact id; a name or alias equal to `name` ignoring
    /// case, accents and spacing (names and strong aliases win over weak ones);
    /// names containing `name` as whole words ("Carlos Holguín").
    /// Otherwise the error lists the candidates or the closest names.
    pub fn resolve(&self, dataset: &Dataset, name: &str) -> Result<usize, ResolveError> {
        if let Some(i) = dataset.entities.get_index_of(name.trim()) {
            return Ok(i);
        }
        let folded = fold_name(name);
        if let Some(found) = self.exact.get(&folded) {
            let strong: Vec<usize> = found
                .iter()
                .filter(|(_, s)| *s == AliasStrength::Strong)
                .map(|&(i, _)| i)
                .collect();
            let matches = if strong.is_empty() {
                found.iter().map(|&(i, _)| i).collect()
            } else {
                strong
            };
            return self.one_of(dataset, name, matches);
        }
        let padded = format!(" {folded} ");
        let mut partial: Vec<usize> = Vec::new();
        for (candidate, i) in &self.all {
            if !folded.is_empty()
                && format!(" {candidate} ").contains(&padded)
                && !partial.contains(i)
            {
                partial.push(*i);
            }
        }
        if !partial.is_empty() {
            return self.one_of(dataset, name, partial);
        }
        Err(ResolveError::Unknown {
            name: name.to_string(),
            suggestions: self.closest(dataset, &folded, 3),
        })
    }

    fn one_of(
        &self,
        dataset: &Dataset,
        name: &str,
        matches: Vec<usize>,
    ) -> Result<usize, ResolveError> {
        match matches.as_slice() {
            [one] => Ok(*one),
            _ => Err(ResolveError::Ambiguous {
                name: name.to_string(),
                candidates: matches.iter().map(|&i| candidate(dataset, i)).collect(),
            }),
        }
    }

    /// Up to `n` entities whose names are most like `folded`, best first.
    pub fn closest(&self, dataset: &Dataset, folded: &str, n: usize) -> Vec<Candidate> {
        let mut best: Vec<(f64, usize)> = Vec::new();
        for (candidate, i) in &self.all {
            let score = strsim::jaro_winkler(folded, candidate);
            if score < 0.75 {
                continue;
            }
            match best.iter_mut().find(|(_, j)| j == i) {
                Some(entry) => entry.0 = entry.0.max(score),
                None => best.push((score, *i)),
            }
        }
        best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        best.into_iter()
            .take(n)
            .map(|(_, i)| candidate(dataset, i))
            .collect()
    }
}

fn candidate(dataset: &Dataset, index: usize) -> Candidate {
    let entity = &dataset.entities[index];
    Candidate {
        id: entity.id.clone(),
        name: entity.name.clone(),
        kind: entity.kind,
    }
}
