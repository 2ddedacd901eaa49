//! Deciding what each phrase occurrence refers to, and saying why.
//!
//! - A name or strong alias links at once.
//! - A title ("the Secretary of State") links to whoever held the office on
//!   the sentence's date, or the article's date; when a name stands right
//!   after the title ("Secretary of State Marco Rubio"), the name decides.
//! - A weak alias ("Blinken", "Washington") links only when the article
//!   corroborates it: the entity named in full or by title elsewhere in the
//!   article, or its country mentioned in the same or a neighbouring sentence.
//!   When several entities share it, the best corroborated one wins; a tie or
//!   no corroboration leaves it unlinked, and it is reported.
//! - A demonym ("Ecuadorian") links to its government.

use std::ops::Range;

use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;

use serde::Serialize;

use super::lexicon::{government_of, Lexicon, Target};
use super::scan::Occurrence;
use crate::model::{AliasStrength, Dataset, Date, EntityKind};
use crate::text::{fold_name, listed, tuning, Language};

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A name or alias.
    Name,
    /// An office title.
    Title,
    /// A demonym standing for a government.
    Demonym,
}

/// Why a mention links where it does, or why it does not link.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Resolution {
    /// A name or strong alias.
    Alias,
    /// A weak alias, corroborated.
    Corroborated {
        /// What corroborated it.
        by: String,
    },
    /// A title, through the office's holder on a date.
    Office {
        /// Office id.
        office: String,
        /// The date the holder was looked up on.
        date: Date,
    },
    /// A title followed by the name of the person it describes.
    TitleOfName,
    /// A demonym of a government.
    Demonym,
    /// Several entities fit equally well.
    Ambiguous {
        /// Entity ids of the candidates.
        candidates: Vec<String>,
    },
    /// Nothing fits.
    Unlinked {
        /// Why.
        why: String,
    },
}

/// An entity mention in an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Byte range in the article.
    pub range: Range<usize>,
    /// The sentence it is in (index).
    pub sentence: usize,
    /// Name, title or demonym.
    pub kind: MentionKind,
    /// The entity it links to (index into [`Dataset::entities`]), when it does.
    #[serde(skip)]
    pub entity: Option<usize>,
    /// How it was resolved.
    pub resolution: Resolution,
    /// Whether the text glued it to a neighbouring word.
    pub glued: bool,
}

/// What the resolver needs to know about the article.
pub struct ArticleContext<'a> {
    /// The article text.
    pub text: &'a str,
    /// Sentence of each occurrence.
    pub sentence_of: Vec<usize>,
    /// Date of each sentence (first date it mentions), if any.
    pub sentence_dates: Vec<Option<Date>>,
    /// The article's reference date (publication, else main event).
    pub date: Option<Date>,
}

/// Resolves every occurrence of one article.
pub fn resolve(
    dataset: &Dataset,
    lexicon: &Lexicon,
    found: &[Occurrence],
    context: &ArticleContext<'_>,
) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = found
        .iter()
        .zip(&context.sentence_of)
        .map(|(occurrence, &sentence)| Mention {
            range: occurrence.range.clone(),
            sentence,
            kind: MentionKind::Name,
            entity: None,
            resolution: Resolution::Unlinked { why: String::new() },
            glued: occurrence.glued,
        })
        .collect();

    // 1. Names and strong aliases; demonyms.
    for (mention, occurrence) in mentions.iter_mut().zip(found) {
        let targets = &lexicon.phrases[occurrence.phrase].targets;
        let strong: Vec<usize> = targets
            .iter()
            .filter_map(|t| match t {
                Target::Entity(e, AliasStrength::Strong) => Some(*e),
                _ => None,
            })
            .collect();
        if let [one] = strong.as_slice() {
            mention.entity = Some(*one);
            mention.resolution = Resolution::Alias;
        } else if strong.len() > 1 {
            mention.resolution = Resolution::Ambiguous {
                candidates: ids(dataset, &strong),
            };
        } else if let Some(Target::Demonym(g)) =
            targets.iter().find(|t| matches!(t, Target::Demonym(_)))
        {
            mention.kind = MentionKind::Demonym;
            mention.entity = Some(*g);
            mention.resolution = Resolution::Demonym;
        } else if targets.iter().any(|t| matches!(t, Target::Office(_))) {
            mention.kind = MentionKind::Title;
        }
    }

    // 2. Titles, by date; a name right after a title decides.
    for i in 0..mentions.len() {
        if mentions[i].kind != MentionKind::Title {
            continue;
        }
        let next_name = mentions.get(i + 1).filter(|next| {
            next.kind == MentionKind::Name
                && next
                    .entity
                    .is_some_and(|e| dataset.entities[e].kind == EntityKind::Person)
                && is_apposition(context.text, mentions[i].range.end, next.range.start)
        });
        if let Some(next) = next_name {
            mentions[i].entity = next.entity;
            mentions[i].resolution = Resolution::TitleOfName;
            continue;
        }
        let sentence = mentions[i].sentence;
        let date = context
            .sentence_dates
            .get(sentence)
            .copied()
            .flatten()
            .or(context.date);
        let Some(date) = date else {
            mentions[i].resolution = Resolution::Unlinked {
                why: "title, but the article has no date to look up its holder".into(),
            };
            continue;
        };
        let mut holders: Vec<(usize, String)> = Vec::new();
        for target in &lexicon.phrases[found[i].phrase].targets {
            if let Target::Office(o) = target {
                let office = &dataset.offices[*o];
                for tenure in dataset.holders_on(&office.id, date) {
                    if let Some(person) = dataset.entities.get_index_of(&tenure.person) {
                        if !holders.iter().any(|(p, _)| *p == person) {
                            holders.push((person, office.id.clone()));
                        }
                    }
                }
            }
        }
        if holders.len() > 1 {
            let present = strongly_present(&mentions);
            let mentioned: Vec<(usize, String)> = holders
                .iter()
                .filter(|(p, _)| present.contains_key(p))
                .cloned()
                .collect();
            if !mentioned.is_empty() {
                holders = mentioned;
            }
        }
        mentions[i].resolution = match holders.as_slice() {
            [] => Resolution::Unlinked {
                why: format!("no holder of this office on {date} in the data"),
            },
            [(person, office)] => {
                mentions[i].entity = Some(*person);
                Resolution::Office {
                    office: office.clone(),
                    date,
                }
            }
            many => Resolution::Ambiguous {
                candidates: ids(dataset, &many.iter().map(|(p, _)| *p).collect::<Vec<_>>()),
            },
        };
    }

    // 3. Weak aliases, corroborated by the rest of the article.
    let present = strongly_present(&mentions);
    let by_sentence = entities_by_sentence(&mentions);
    for i in 0..mentions.len() {
        if mentions[i].entity.is_some()
            || matches!(mentions[i].resolution, Resolution::Ambiguous { .. })
            || mentions[i].kind != MentionKind::Name
        {
            continue;
        }
        let weak: Vec<usize> = lexicon.phrases[found[i].phrase]
            .targets
            .iter()
            .filter_map(|t| match t {
                Target::Entity(e, AliasStrength::Weak) => Some(*e),
                _ => None,
            })
            .collect();
        if weak.is_empty() {
            continue;
        }
        let locative = preceded_by_locative(context.text, mentions[i].range.start);
        let title = Language::english().title_before(context.text, mentions[i].range.start);
        // "President Aoun" when one Aoun is president and another commander:
        // only the title's office holder takes the title's weight.
        let fitted = title.is_some_and(|t| {
            weak.iter()
                .any(|&e| holds_titled_office(dataset, e, t, context.date))
        });
        let mut scored: Vec<(f32, usize, String)> = weak
            .iter()
            .map(|&e| {
                let (mut score, mut why) =
                    corroboration(dataset, &present, &by_sentence, mentions[i].sentence, e);
                if locative && dataset.entities[e].kind == EntityKind::Place {
                    // "in Washington": the place, over the government it stands for.
                    if score == 0.0 {
                        why = "a place, after a locative preposition".to_string();
                    }
                    score += tuning().place_after_locative;
                }
                if let Some(title) =
                    title.filter(|_| dataset.entities[e].kind == EntityKind::Person)
                {
                    // "President Macron", "Brig. Gen. Smith": a title before a surname.
                    let (bonus, how) = title_fit(dataset, e, title, context.date);
                    if !fitted || bonus >= tuning().title_names_office {
                        if score == 0.0 {
                            why = how;
                        }
                        score += bonus;
                    }
                }
                (score, e, why)
            })
            .filter(|(score, _, _)| *score > 0.0)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        mentions[i].resolution = match scored.as_slice() {
            [] => Resolution::Unlinked {
                why: format!(
                    "weak alias of {}, not corroborated in this article",
                    names(dataset, &weak)
                ),
            },
            [(best, e, why), rest @ ..] if rest.first().is_none_or(|r| r.0 < *best) => {
                mentions[i].entity = Some(*e);
                Resolution::Corroborated { by: why.clone() }
            }
            tied => {
                let top = tied[0].0;
                let candidates: Vec<usize> =
                    tied.iter().filter(|t| t.0 == top).map(|t| t.1).collect();
                Resolution::Ambiguous {
                    candidates: ids(dataset, &candidates),
                }
            }
        };
    }
    mentions
}

/// Entities named in full, by a strong alias or by a resolved title, each
/// with how it was first named.
fn strongly_present(mentions: &[Mention]) -> IndexMap<usize, String, FxBuildHasher> {
    let mut present = IndexMap::default();
    for m in mentions {
        let how = match &m.resolution {
            Resolution::Office { office, .. } => format!("office `{office}` named in the article"),
            Resolution::Alias | Resolution::TitleOfName => String::new(),
            _ => continue,
        };
        if let Some(e) = m.entity {
            present.entry(e).or_insert(how);
        }
    }
    present
}

/// The entities linked in each sentence, indexed by sentence.
fn entities_by_sentence(mentions: &[Mention]) -> Vec<Vec<usize>> {
    let sentences = mentions.last().map_or(0, |m| m.sentence + 1);
    let mut by_sentence = vec![Vec::new(); sentences];
    for m in mentions {
        if let Some(e) = m.entity {
            by_sentence[m.sentence].push(e);
        }
    }
    by_sentence
}

/// How well the article corroborates entity `e` for a weak mention in `sentence`, and how.
fn corroboration(
    dataset: &Dataset,
    present: &IndexMap<usize, String, FxBuildHasher>,
    by_sentence: &[Vec<usize>],
    sentence: usize,
    e: usize,
) -> (f32, String) {
    let entity = &dataset.entities[e];
    if let Some(how) = present.get(&e) {
        let how = if how.is_empty() {
            format!("\"{}\" named in the article", entity.name)
        } else {
            how.clone()
        };
        return (tuning().named_in_article, how);
    }
    // A government whose agencies or officials the article names in full
    // ("USAID … Washington").
    if entity.kind == EntityKind::Government
        && present
            .keys()
            .any(|&p| p != e && government_of(dataset, &dataset.entities[p].id) == Some(e))
    {
        return (
            tuning().member_named,
            format!("an entity of {} named in the article", entity.name),
        );
    }
    // The entity's country nearby (a government corroborates only by name).
    let country = match entity.kind {
        EntityKind::Government => None,
        _ => government_of(dataset, &entity.id).filter(|&g| g != e),
    };
    if let Some(g) = country {
        let reach = tuning().country_nearby_sentences;
        let nearby = (sentence.saturating_sub(reach)..=sentence + reach)
            .any(|s| by_sentence.get(s).is_some_and(|es| es.contains(&g)));
        if nearby {
            let name = &dataset.entities[g].name;
            return (
                tuning().country_nearby,
                format!("its country, {name}, mentioned nearby"),
            );
        }
    }
    (0.0, String::new())
}

/// How well a title before a surname fits a person: any title says a
/// person is meant (1.0); one that names an office the person held on the
/// article's date says more (2.0).
fn title_fit(dataset: &Dataset, person: usize, title: &str, date: Option<Date>) -> (f32, String) {
    if holds_titled_office(dataset, person, title, date) {
        (
            tuning().title_names_office,
            format!("title \"{title}\" before the surname names an office they held"),
        )
    } else {
        (
            tuning().title_before_surname,
            format!("title \"{title}\" before the surname"),
        )
    }
}

/// Whether `person` held, on `date`, an office whose name or a title shares
/// a word of more than three letters with `title` ("President" and
/// "President of Lebanon").
fn holds_titled_office(dataset: &Dataset, person: usize, title: &str, date: Option<Date>) -> bool {
    let id = &dataset.entities[person].id;
    let folded = fold_name(title).replace('.', "");
    dataset.offices_of(id).any(|(office, tenure)| {
        date.is_none_or(|d| tenure.covers(d))
            && std::iter::once(&office.name)
                .chain(&office.titles)
                .any(|t| {
                    fold_name(t)
                        .split(' ')
                        .any(|w| folded.split(' ').any(|f| f == w && f.len() > 3))
                })
    })
}

/// Whether only a comma, spaces or "the" stand between two mentions.
pub fn is_apposition(text: &str, end: usize, start: usize) -> bool {
    if start < end {
        return false;
    }
    let between = text[end..start].trim();
    let between = between.trim_start_matches(',').trim();
    between.is_empty() || between.eq_ignore_ascii_case("the")
}

fn preceded_by_locative(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    listed(&Language::english().grammar.locatives, &word.to_lowercase())
}

fn ids(dataset: &Dataset, entities: &[usize]) -> Vec<String> {
    entities
        .iter()
        .map(|&e| dataset.entities[e].id.clone())
        .collect()
}

fn names(dataset: &Dataset, entities: &[usize]) -> String {
    entities
        .iter()
        .map(|&e| dataset.entities[e].name.as_str())
        .collect::<Vec<_>>()
        .join(" or ")
}
