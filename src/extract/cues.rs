//! Cue words compiled into one automaton and found once per sentence.
//!
//! Negation, planning, negotiation, mode words, stand-ins ("both countries",
//! "the country") and known designations are all looked for in the same pass
//! over a sentence's folded text; the extractor then asks where they stand.

use std::ops::Range;

use super::phrases::{PhraseSet, PhraseSetBuilder};
use crate::model::Cues;
use crate::text::FoldedText;

/// What a cue word signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueKind {
    Negation,
    Planned,
    PlannedAnywhere,
    PlannedUnlessPast,
    PlannedClause,
    InNegotiation,
    Signed,
    Virtual,
    Phone,
    PairReference,
    PeoplePairReference,
    CountryReference,
    /// Index into [`Cues::designations`].
    Designation(usize),
}

/// A cue found in a sentence: its byte range in the article and what it signals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Hit {
    pub range: Range<usize>,
    pub kind: CueKind,
}

/// Every cue phrase of a pattern set, compiled.
#[derive(Debug, Clone)]
pub(super) struct CueSet {
    phrases: PhraseSet<CueKind>,
}

impl CueSet {
    pub fn new(cues: &Cues) -> CueSet {
        let mut phrases = PhraseSetBuilder::new();
        let lists: [(&Vec<String>, CueKind); 12] = [
            (&cues.negation, CueKind::Negation),
            (&cues.planned, CueKind::Planned),
            (&cues.planned_anywhere, CueKind::PlannedAnywhere),
            (&cues.planned_unless_past, CueKind::PlannedUnlessPast),
            (&cues.planned_clause, CueKind::PlannedClause),
            (&cues.in_negotiation, CueKind::InNegotiation),
            (&cues.signed, CueKind::Signed),
            (&cues.virtual_mode, CueKind::Virtual),
            (&cues.phone_mode, CueKind::Phone),
            (&cues.pair_references, CueKind::PairReference),
            (&cues.people_pair_references, CueKind::PeoplePairReference),
            (&cues.country_references, CueKind::CountryReference),
        ];
        for (list, kind) in lists {
            for phrase in list {
                phrases.add(phrase, kind);
            }
        }
        for (i, designation) in cues.designations.iter().enumerate() {
            phrases.add(designation, CueKind::Designation(i));
            phrases.add(&format!("{designation}s"), CueKind::Designation(i));
        }
        CueSet {
            phrases: phrases.build(),
        }
    }

    /// Every cue in the sentence at `sentence` (article byte range), as whole words.
    pub fn hits(&self, folded: &FoldedText, sentence: Range<usize>) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (range, kinds) in self.phrases.find(folded, sentence) {
            let range = folded.original_range(range);
            hits.extend(kinds.iter().map(|&kind| Hit {
                range: range.clone(),
                kind,
            }));
        }
        hits
    }
}

/// Whether a cue of `kind` lies within `range` (article bytes).
pub(super) fn any_within(hits: &[Hit], kind: CueKind, range: Range<usize>) -> bool {
    hits.iter()
        .any(|h| h.kind == kind && h.range.start >= range.start && h.range.end <= range.end)
}

/// Whether a cue of `kind` is anywhere in the hits.
pub(super) fn any(hits: &[Hit], kind: CueKind) -> bool {
    hits.iter().any(|h| h.kind == kind)
}
