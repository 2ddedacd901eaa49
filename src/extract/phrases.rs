//! Sets of folded phrases, each standing for one or more values, found in a
//! sentence as whole words: the triggers of patterns and the cue words.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::text::{fold_name, FoldedText};

/// Collects phrases (folded, each once) and what they stand for.
pub(super) struct PhraseSetBuilder<T> {
    index: HashMap<String, usize>,
    phrases: Vec<String>,
    values: Vec<Vec<T>>,
}

impl<T: PartialEq> PhraseSetBuilder<T> {
    pub fn new() -> PhraseSetBuilder<T> {
        PhraseSetBuilder {
            index: HashMap::new(),
            phrases: Vec::new(),
            values: Vec::new(),
        }
    }

    /// Adds `phrase` (folded; empty ones are ignored) standing for `value`.
    pub fn add(&mut self, phrase: &str, value: T) {
        let folded = fold_name(phrase);
        if folded.is_empty() {
            return;
        }
        let next = self.phrases.len();
        let i = *self.index.entry(folded.clone()).or_insert(next);
        if i == next {
            self.phrases.push(folded);
            self.values.push(Vec::new());
        }
        if !self.values[i].contains(&value) {
            self.values[i].push(value);
        }
    }

    pub fn build(self) -> PhraseSet<T> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&self.phrases)
            .expect("phrases are plain strings");
        PhraseSet {
            automaton,
            values: self.values,
        }
    }
}

/// Compiled phrases.
#[derive(Debug, Clone)]
pub(super) struct PhraseSet<T> {
    automaton: AhoCorasick,
    values: Vec<Vec<T>>,
}

impl<T> PhraseSet<T> {
    /// Every whole-word occurrence in the sentence at `sentence` (article
    /// bytes), overlapping ones included: (folded byte range, values), in order.
    pub fn find(&self, folded: &FoldedText, sentence: Range<usize>) -> Vec<(Range<usize>, &[T])> {
        let start = folded.folded_offset(sentence.start);
        let end = folded.folded_offset(sentence.end).max(start);
        self.find_in(&folded.text[start..end], |i| start + i, |i| start + i)
    }

    /// Like [`PhraseSet::find`], but words for which `is_gap` holds may stand
    /// inside a phrase ("spoke today with" finds "spoke with"); a found
    /// range spans them.
    pub fn find_with_gaps(
        &self,
        folded: &FoldedText,
        sentence: Range<usize>,
        is_gap: impl Fn(&str) -> bool,
    ) -> Vec<(Range<usize>, &[T])> {
        let start = folded.folded_offset(sentence.start);
        let end = folded.folded_offset(sentence.end).max(start);
        let haystack = &folded.text[start..end];
        let inner_gap = |at: usize, piece: &str| {
            let word = piece.trim_end_matches(' ');
            at > 0 && at + piece.len() < haystack.len() && !word.is_empty() && is_gap(word)
        };
        // Most sentences have no gap word: search them as they are.
        let mut at = 0;
        let any_gap = haystack.split_inclusive(' ').any(|piece| {
            let gap = inner_gap(at, piece);
            at += piece.len();
            gap
        });
        if !any_gap {
            return self.find_in(haystack, |i| start + i, |i| start + i);
        }
        // The haystack without its gap words, and where each byte came from.
        let mut compact = String::with_capacity(haystack.len());
        let mut origin: Vec<usize> = Vec::with_capacity(haystack.len() + 1);
        let mut at = 0;
        for piece in haystack.split_inclusive(' ') {
            if !inner_gap(at, piece) {
                compact.push_str(piece);
                origin.extend(at..at + piece.len());
            }
            at += piece.len();
        }
        // A match ends after its last byte, wherever that byte came from.
        self.find_in(
            &compact,
            |i| start + origin[i],
            |i| start + origin[i - 1] + 1,
        )
    }

    /// Whole-word matches in `haystack`, their starts and ends mapped to folded offsets.
    fn find_in(
        &self,
        haystack: &str,
        start_of: impl Fn(usize) -> usize,
        end_of: impl Fn(usize) -> usize,
    ) -> Vec<(Range<usize>, &[T])> {
        let mut found = Vec::new();
        for m in self.automaton.find_overlapping_iter(haystack) {
            let before_ok = haystack[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = haystack[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                found.push((
                    start_of(m.start())..end_of(m.end()),
                    self.values[m.pattern().as_usize()].as_slice(),
                ));
            }
        }
        found
    }
}
