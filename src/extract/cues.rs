//! Cue words compiled into one automaton and found once per sentence.
//!
//! Negation, planning, negotiation, mode words, stand-ins ("both countries",
//! "the country") and known designations are all looked for in the same pass
//! over a sentence's folded text; the extractor then asks where they stand.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::patterns::Cues;
use crate::text::{fold_name, FoldedText};

/// What a cue word signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueKind {
    Negation,
    Planned,
    PlannedAnywhere,
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
    automaton: AhoCorasick,
    kinds: Vec<Vec<CueKind>>,
}

impl CueSet {
    pub fn new(cues: &Cues) -> CueSet {
        let mut phrases: Vec<String> = Vec::new();
        let mut kinds: Vec<Vec<CueKind>> = Vec::new();
        let mut add = |phrase: &str, kind: CueKind| {
            let folded = fold_name(phrase);
            if folded.is_empty() {
                return;
            }
            match phrases.iter().position(|p| *p == folded) {
                Some(i) => kinds[i].push(kind),
                None => {
                    phrases.push(folded);
                    kinds.push(vec![kind]);
                }
            }
        };
        let lists: [(&Vec<String>, CueKind); 10] = [
            (&cues.negation, CueKind::Negation),
            (&cues.planned, CueKind::Planned),
            (&cues.planned_anywhere, CueKind::PlannedAnywhere),
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
                add(phrase, kind);
            }
        }
        for (i, designation) in cues.designations.iter().enumerate() {
            add(designation, CueKind::Designation(i));
            add(&format!("{designation}s"), CueKind::Designation(i));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .expect("cue phrases are plain strings");
        CueSet { automaton, kinds }
    }

    /// Every cue in the sentence at `sentence` (article byte range), as whole words.
    pub fn hits(&self, folded: &FoldedText, sentence: Range<usize>) -> Vec<Hit> {
        let start = folded.folded_offset(sentence.start);
        let end = folded.folded_offset(sentence.end).max(start);
        let haystack = &folded.text[start..end];
        let mut hits = Vec::new();
        for found in self.automaton.find_overlapping_iter(haystack) {
            let before_ok = haystack[..found.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = haystack[found.end()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if !(before_ok && after_ok) {
                continue;
            }
            let range = folded.original_range(start + found.start()..start + found.end());
            for &kind in &self.kinds[found.pattern().as_usize()] {
                hits.push(Hit {
                    range: range.clone(),
                    kind,
                });
            }
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
