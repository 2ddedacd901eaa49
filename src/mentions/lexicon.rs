//! The lexicon: every phrase that names something, compiled into one automaton.
//!
//! Names, aliases, demonyms and office titles of a dataset are folded
//! (lowercase, no accents) and compiled into one aho-corasick automaton, built
//! once per run. Each phrase remembers what it may name: several entities can
//! share a weak alias ("Washington"), and several offices a title ("Foreign
//! Minister").

use aho_corasick::{AhoCorasick, MatchKind};
use indexmap::IndexMap;
use rustc_hash::FxHashMap;

use crate::model::{AliasStrength, Dataset, EntityKind};
use crate::text::fold_name;

/// What a phrase may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// An entity (index into [`Dataset::entities`]) by one of its names.
    Entity(usize, AliasStrength),
    /// A government (entity index) by a demonym ("Ecuadorian").
    Demonym(usize),
    /// An office (index into [`Dataset::offices`]) by one of its titles.
    Office(usize),
}

/// One phrase of the lexicon.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// The folded phrase.
    pub folded: String,
    /// Everything it may name, in dataset order.
    pub targets: Vec<Target>,
    /// For short all-capital aliases ("US", "UN"): the letters the text must
    /// show with exactly this case ("US" matches "US" and "U.S.", not "us").
    pub exact_letters: Option<String>,
    /// Whether the text must start it with a capital, as every name behind it
    /// does ("Defense" the ministry, not "defense" the word). Titles never must.
    pub capitalised: bool,
}

/// Every phrase of a dataset and the automaton that finds them.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Phrases; the automaton's pattern ids index this.
    pub phrases: Vec<Phrase>,
    /// Finds the leftmost-longest phrase in folded text.
    pub automaton: AhoCorasick,
    /// Phrase index by folded text, for trying shorter phrases where the
    /// longest fails its checks.
    pub index: FxHashMap<String, usize>,
}

/// Whether `alias` is a short all-capital acronym that must match case-sensitively.
fn short_acronym_letters(alias: &str) -> Option<String> {
    let letters: String = alias.chars().filter(|c| *c != '.').collect();
    let count = letters.chars().count();
    ((2..=4).contains(&count) && letters.chars().all(|c| c.is_uppercase())).then_some(letters)
}

/// Spelling variants of an alias: dotted and undotted acronyms ("U.S." and "US").
pub fn variants(alias: &str) -> Vec<String> {
    let mut out = vec![alias.to_string()];
    let words: Vec<&str> = alias.split(' ').collect();
    let alternative = |word: &str| -> Option<String> {
        let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
        let dotted = word.len() >= 4
            && word
                .split('.')
                .filter(|p| !p.is_empty())
                .all(|p| p.chars().count() == 1)
            && word.ends_with('.');
        if dotted && letters.iter().all(|c| c.is_uppercase()) {
            return Some(letters.iter().collect());
        }
        let acronym = (2..=4).contains(&letters.len())
            && !word.contains('.')
            && letters.iter().all(|c| c.is_ascii_uppercase());
        acronym.then(|| letters.iter().map(|c| format!("{c}.")).collect())
    };
    for (i, word) in words.iter().enumerate() {
        if let Some(alt) = alternative(word) {
            let current = out.clone();
            for existing in current {
                let mut parts: Vec<String> = existing.split(' ').map(str::to_string).collect();
                if parts.len() == words.len() {
                    parts[i] = alt.clone();
                    out.push(parts.join(" "));
                }
            }
        }
        if out.len() >= 8 {
            break;
        }
    }
    out.dedup();
    out
}

impl Lexicon {
    /// Compiles the names, aliases, demonyms and office titles of `dataset`.
    pub fn new(dataset: &Dataset) -> Lexicon {
        let mut phrases: IndexMap<String, Phrase> = IndexMap::new();
        let mut add = |surface: &str, target: Target| {
            for variant in variants(surface) {
                let folded = fold_name(&variant);
                if folded.is_empty() {
                    continue;
                }
                let exact_letters = match target {
                    Target::Entity(..) => short_acronym_letters(&variant),
                    _ => None,
                };
                let capitalised =
                    !matches!(target, Target::Office(_)) && variant.starts_with(char::is_uppercase);
                let phrase = phrases.entry(folded.clone()).or_insert_with(|| Phrase {
                    folded,
                    targets: Vec::new(),
                    exact_letters: exact_letters.clone(),
                    capitalised,
                });
                phrase.capitalised &= capitalised;
                if !phrase.targets.contains(&target) {
                    phrase.targets.push(target);
                }
                // A phrase is case-sensitive only if every alias behind it is.
                if exact_letters.is_none() {
                    phrase.exact_letters = None;
                }
            }
        };
        for (index, entity) in dataset.entities.values().enumerate() {
            let country = entity
                .country
                .as_deref()
                .and_then(|c| dataset.entity(c))
                .filter(|c| c.id != entity.id);
            for (name, strength) in entity.all_names() {
                add(name, Target::Entity(index, strength));
                if let (Some(country), AliasStrength::Strong) = (country, strength) {
                    for inverted in possessive_forms(name, country) {
                        add(&inverted, Target::Entity(index, strength));
                    }
                }
            }
            for demonym in &entity.demonyms {
                add(demonym, Target::Demonym(index));
            }
        }
        for (index, office) in dataset.offices.values().enumerate() {
            for title in office_titles(dataset, office) {
                add(&title, Target::Office(index));
            }
        }
        let phrases: Vec<Phrase> = phrases.into_values().collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(phrases.iter().map(|p| p.folded.as_str()))
            .expect("the lexicon's phrases are plain strings");
        let index = phrases
            .iter()
            .enumerate()
            .map(|(i, p)| (p.folded.clone(), i))
            .collect();
        Lexicon {
            phrases,
            automaton,
            index,
        }
    }
}

/// "National Police of Ecuador" is also written "Ecuador's National Police" and
/// "Ecuadorian National Police": the forms of a name ending in "of COUNTRY".
fn possessive_forms(name: &str, country: &crate::model::Entity) -> Vec<String> {
    let names = std::iter::once(&country.name).chain(&country.aliases);
    for country_name in names {
        for of in [" of the ", " of "] {
            let suffix = format!("{of}{country_name}");
            if let Some(head) = name.strip_suffix(&suffix) {
                let mut forms = vec![format!("{country_name}'s {head}")];
                forms.extend(country.demonyms.iter().map(|d| format!("{d} {head}")));
                return forms;
            }
        }
    }
    Vec::new()
}

/// The government an entity belongs to, following `parent` and `country`.
pub fn government_of(dataset: &Dataset, id: &str) -> Option<usize> {
    let mut current = id;
    for _ in 0..16 {
        let (index, _, entity) = dataset.entities.get_full(current)?;
        if entity.kind == EntityKind::Government {
            return Some(index);
        }
        current = entity.parent.as_deref().or(entity.country.as_deref())?;
    }
    None
}

/// An office's titles and, for titles that do not name the country already,
/// the same titles qualified by it: "US Secretary of State", "Ecuador's
/// Foreign Minister", "Mexican Foreign Minister", "Under Secretary … of the
/// United States".
fn office_titles(dataset: &Dataset, office: &crate::model::Office) -> Vec<String> {
    let mut titles = office.titles.clone();
    let Some(government) = government_of(dataset, &office.of) else {
        return titles;
    };
    let government = &dataset.entities[government];
    let names: Vec<&String> = std::iter::once(&government.name)
        .chain(&government.aliases)
        .collect();
    let qualifiers: Vec<String> = names
        .iter()
        .map(|n| fold_name(n))
        .chain(government.demonyms.iter().map(|d| fold_name(d)))
        .collect();
    for title in &office.titles {
        let folded = fold_name(title);
        if qualifiers.iter().any(|q| folded.contains(q.as_str())) {
            continue;
        }
        for demonym in &government.demonyms {
            titles.push(format!("{demonym} {title}"));
        }
        for name in &names {
            titles.push(format!("{name} {title}"));
            titles.push(format!("{name}'s {title}"));
            titles.push(format!("{title} of {name}"));
            titles.push(format!("{title} of the {name}"));
        }
    }
    titles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_get_dotted_and_undotted_variants() {
        assert_eq!(variants("US"), ["US", "U.S."]);
        assert_eq!(variants("U.S."), ["U.S.", "US"]);
        assert_eq!(
            variants("U.S. Department of State"),
            ["U.S. Department of State", "US Department of State"]
        );
        assert_eq!(variants("Antony Blinken"), ["Antony Blinken"]);
        assert_eq!(variants("A."), ["A."], "a lone initial is not an acronym");
    }

    #[test]
    fn short_acronyms_are_case_sensitive() {
        assert_eq!(short_acronym_letters("US").as_deref(), Some("US"));
        assert_eq!(short_acronym_letters("U.N.").as_deref(), Some("UN"));
        assert_eq!(short_acronym_letters("USAID"), None);
        assert_eq!(short_acronym_letters("Lasso"), None);
    }
}
