//! A fact as the extractor finds it, with its provenance, and the party
//! filling one of its slots while it is being found.

use std::ops::Range;

use serde::Serialize;

use super::args::Arg;
use crate::model::{Date, RelationKind};

/// Where a fact's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrigin {
    /// A date written in the sentence.
    Sentence,
    /// The last date written in an earlier sentence of the article.
    Context,
    /// The article's date (main event, else publication): the text gave none.
    Fallback,
}

/// A fact found in an article, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedFact {
    /// Subject entity index.
    #[serde(skip)]
    pub subject: usize,
    /// Object entity index.
    #[serde(skip)]
    pub object: usize,
    /// The relation and its attributes.
    pub relation: RelationKind,
    /// When.
    pub date: Date,
    /// Where the date comes from.
    pub date_origin: DateOrigin,
    /// Sentence index.
    pub sentence: usize,
    /// Byte range of the sentence in the article.
    pub sentence_range: Range<usize>,
    /// Byte range of the subject mention.
    pub subject_range: Range<usize>,
    /// Byte range of the object mention (of the phrase standing for it).
    pub object_range: Range<usize>,
    /// Byte range of the trigger.
    pub trigger_range: Range<usize>,
    /// Id of the pattern that found it.
    pub pattern: String,
    /// How sure the matcher is, 0–1.
    pub confidence: f32,
}

/// One argument slot filled: the entity and the text standing for it.
#[derive(Debug, Clone)]
pub(super) struct Party {
    /// Entity index.
    pub entity: usize,
    /// Byte range of the text standing for it.
    pub range: Range<usize>,
    /// How sure the attachment is, 0–1 (lower for weak aliases and glued words).
    pub certainty: f32,
}

impl Party {
    /// The party an argument fills.
    pub(super) fn of(arg: &Arg) -> Party {
        let mut certainty = 1.0;
        if arg.indirect {
            certainty *= crate::text::tuning().indirect_mention;
        }
        if arg.glued {
            certainty *= crate::text::tuning().glued_mention;
        }
        Party {
            entity: arg.entity,
            range: arg.range.clone(),
            certainty,
        }
    }
}
