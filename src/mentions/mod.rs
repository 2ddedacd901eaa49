//! Finding entity mentions in articles: aliases, titles by date, weak aliases
//! corroborated by the rest of the article, demonyms.
//!
//! ```
//! use newsgraph::mentions::Matcher;
//! use newsgraph::{Dataset, Date};
//!
//! let dataset = Dataset::load("data").unwrap();
//! let matcher = Matcher::new(&dataset);
//! let text = "The Secretary of State met Ecuador's Foreign Minister. Blinken smiled.";
//! let found = matcher.analyze(&dataset, text, Date::ymd(2022, 1, 28));
//! let linked: Vec<&str> = found.mentions.iter()
//!     .filter_map(|m| m.entity)
//!     .map(|e| dataset.entities[e].id.as_str())
//!     .collect();
//! assert_eq!(linked, ["antony-blinken", "juan-carlos-holguin", "antony-blinken"]);
//! ```

mod lexicon;
mod resolve;
mod scan;
mod unknown;

pub use lexicon::{government_of, variants, Lexicon, Phrase, Target};
pub use resolve::{is_apposition, Mention, MentionKind, Resolution};
pub use scan::{scan, Occurrence};
pub use unknown::unknown_names;

use crate::model::{Dataset, Date};
use crate::text::{find_dates, split_sentences_capped, DateMention, FoldedText, Sentence};

/// Finds mentions of a dataset's entities in articles. Build it once per run.
#[derive(Debug, Clone)]
pub struct Matcher {
    lexicon: Lexicon,
}

/// Everything the matcher found in one article.
#[derive(Debug, Clone)]
pub struct ArticleMentions {
    /// The article's sentences.
    pub sentences: Vec<Sentence>,
    /// Dates written in each sentence (byte ranges relative to the article).
    pub sentence_dates: Vec<Vec<DateMention>>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// The date relative expressions were resolved against.
    pub reference_date: Option<Date>,
    /// The article folded for matching, with its map back to original offsets.
    pub folded: FoldedText,
}

impl ArticleMentions {
    /// How many mentions were linked to an entity.
    pub fn linked(&self) -> usize {
        self.mentions.iter().filter(|m| m.entity.is_some()).count()
    }

    /// Capitalised names in `text` (the article analysed) that matched no
    /// phrase, with counts, most frequent first: what a curator may want to add.
    pub fn unknown_names(&self, text: &str) -> Vec<(String, usize)> {
        let linked: Vec<std::ops::Range<usize>> =
            self.mentions.iter().map(|m| m.range.clone()).collect();
        let starts: Vec<usize> = self.sentences.iter().map(|s| s.range.start).collect();
        unknown_names(text, &starts, &linked)
    }

    /// The mentions of sentence `index`.
    pub fn mentions_in(&self, index: usize) -> impl Iterator<Item = &Mention> {
        // Mentions are in text order, so a sentence's mentions are one run.
        let start = self.mentions.partition_point(|m| m.sentence < index);
        let end = self.mentions.partition_point(|m| m.sentence <= index);
        self.mentions[start..end].iter()
    }
}

impl Matcher {
    /// Compiles the lexicon of `dataset` (names, aliases, demonyms, titles).
    pub fn new(dataset: &Dataset) -> Matcher {
        Matcher {
            lexicon: Lexicon::new(dataset),
        }
    }

    /// The compiled lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Splits `text` into sentences, finds dates and mentions, and resolves them;
    /// `date` is the article's reference date (publication date, else the date of
    /// its main event). Sentences are cut at the dataset's
    /// [`Limits::max_sentence_bytes`](crate::model::Limits), so the time
    /// taken stays linear in the length of the text.
    pub fn analyze(&self, dataset: &Dataset, text: &str, date: Option<Date>) -> ArticleMentions {
        let date = date.or_else(|| crate::text::header_date(text));
        let sentences = split_sentences_capped(text, dataset.limits.max_sentence_bytes);
        let sentence_dates: Vec<Vec<DateMention>> = sentences
            .iter()
            .map(|s| {
                find_dates(s.text(text), date)
                    .into_iter()
                    .map(|mut d| {
                        d.range = d.range.start + s.range.start..d.range.end + s.range.start;
                        d
                    })
                    .collect()
            })
            .collect();
        let folded = FoldedText::new(text);
        let found = scan(&self.lexicon, text, &folded);
        let sentence_of: Vec<usize> = found
            .iter()
            .map(|o| sentence_index(&sentences, o.range.start))
            .collect();
        let context = resolve::ArticleContext {
            text,
            sentence_of,
            sentence_dates: sentence_dates
                .iter()
                .map(|d| d.first().map(|d| d.date))
                .collect(),
            date,
        };
        let mentions = resolve::resolve(dataset, &self.lexicon, &found, &context);
        ArticleMentions {
            sentences,
            sentence_dates,
            mentions,
            reference_date: date,
            folded,
        }
    }
}

/// The index of the sentence containing byte `offset` (the last starting at or before it).
fn sentence_index(sentences: &[Sentence], offset: usize) -> usize {
    sentences
        .partition_point(|s| s.range.start <= offset)
        .saturating_sub(1)
}
