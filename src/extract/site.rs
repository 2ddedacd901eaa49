//! Where a trigger stands, and the word tests made around it.

use std::ops::Range;

use super::args::{is_list_gap, Arg};
use super::cues::Hit;
use super::implied::Recent;
use crate::mentions::government_of;
use crate::model::{Dataset, Date};
use crate::text::{fold, listed, tuning, Language};

/// Where a trigger stands: the article, the sentence and its arguments.
pub(super) struct Site<'a> {
    pub(super) dataset: &'a Dataset,
    pub(super) text: &'a str,
    pub(super) sentence: Range<usize>,
    pub(super) trigger: Range<usize>,
    /// The date the fact will carry.
    pub(super) date: Date,
    pub(super) args: &'a [Arg],
    /// Governments by number of mentions in the article, most first.
    pub(super) ranking: &'a [usize],
    /// People named before the trigger, most recent first, each once.
    pub(super) recent_people: &'a [usize],
    /// Organizations named before the trigger, most recent first, each once.
    pub(super) recent_bodies: &'a [usize],
    /// What the article said last before the trigger.
    pub(super) recent: &'a Recent,
    /// Cue words of the sentence.
    pub(super) cues: &'a [Hit],
    /// Byte ranges of the sentence's mentions that link to nothing.
    pub(super) unlinked: &'a [Range<usize>],
    /// Who "I" and "we" are: the article's author, when known.
    pub(super) author: Option<usize>,
}

/// The text from `before` words before `range` to `after` words after it.
pub(super) fn around(text: &str, range: Range<usize>, before: usize, after: usize) -> Range<usize> {
    let start = start_of_words_before(text, range.start, before);
    let end = text[range.end..]
        .char_indices()
        .filter(|&(_, c)| c.is_whitespace())
        .nth(after)
        .map_or(text.len(), |(i, _)| range.end + i);
    start..end
}

/// Whether the word right before byte `at` is one of `words` (folded).
pub(super) fn preceded_by(text: &str, sentence_start: usize, at: usize, words: &[String]) -> bool {
    if words.is_empty() {
        return false;
    }
    let from = start_of_words_before(&text[sentence_start..at], at - sentence_start, 1);
    let word = fold(text[sentence_start + from..at].trim());
    words.contains(&word)
}

/// Whether one of `phrases` (folded) follows byte `at` right away.
pub(super) fn followed_by(text: &str, at: usize, phrases: &[String]) -> bool {
    let mut end = (at + 64).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let next = fold(&text[at..end]);
    let next = next.trim_start();
    phrases.iter().any(|p| {
        next.strip_prefix(p.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
    })
}

/// The byte offset where the `n`-th word before `at` starts (0 when there are fewer).
pub(super) fn start_of_words_before(text: &str, at: usize, n: usize) -> usize {
    let before = &text[..at];
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in before.char_indices().rev() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == n {
                    return i + c.len_utf8();
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    0
}

/// Whether "he" or "she" stands among the last two words before `to`, after `from`.
pub(super) fn subject_pronoun_before(text: &str, from: usize, to: usize) -> bool {
    let before = fold(&text[from..to]);
    before
        .split_whitespace()
        .rev()
        .take(tuning().pronoun_words)
        .any(|w| listed(&Language::english().grammar.subject_pronouns, w))
}

/// Whether "ahead of", "before" or "prior to" stands right before byte `at`.
pub(super) fn after_time_preposition(text: &str, sentence_start: usize, at: usize) -> bool {
    let from = start_of_words_before(
        &text[sentence_start..at],
        at - sentence_start,
        tuning().time_preposition_words,
    );
    let before = fold(&text[sentence_start + from..at]);
    let before = before.trim();
    Language::english()
        .grammar
        .time_prepositions
        .iter()
        .any(|p| before == *p || before.ends_with(&format!(" {p}")))
}

/// Whether a preposition stands right before the argument ("in Venezuela"):
/// it is then no subject.
pub(super) fn after_preposition(text: &str, sentence: &Range<usize>, arg: &Arg) -> bool {
    let before = fold(&text[sentence.start..arg.range.start]);
    let mut words = before.split_whitespace().rev();
    let word = match words.next() {
        Some("the") => words.next(),
        other => other,
    };
    word.is_some_and(|w| listed(&Language::english().grammar.prepositions, w))
}

/// Whether every comma in `span` stands between the names of one list.
pub(super) fn only_list_commas(text: &str, span: Range<usize>, args: &[Arg]) -> bool {
    let inside: Vec<&Arg> = args
        .iter()
        .filter(|a| a.range.start >= span.start && a.range.end <= span.end)
        .collect();
    let (Some(first), Some(last)) = (inside.first(), inside.last()) else {
        return false;
    };
    let joiners = ["and".to_string()];
    !text[span.start..first.range.start].contains(',')
        && !text[last.range.end..span.end].contains(',')
        && inside
            .windows(2)
            .all(|w| is_list_gap(&text[w[0].range.end..w[1].range.start], &joiners))
}

/// Whether `text` (between a party and what follows) holds a reporting verb ("said", "announced").
pub(super) fn is_reporting(text: &str) -> bool {
    let english = Language::english();
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| english.is_reporting(w))
}

/// Whether `visitor` comes from another country than `place` belongs to
/// (and both countries are known).
pub(super) fn is_abroad(dataset: &Dataset, visitor: usize, place: usize) -> bool {
    let home = government_of(dataset, &dataset.entities[visitor].id);
    let host = government_of(dataset, &dataset.entities[place].id);
    home.is_some() && host.is_some() && home != host
}
