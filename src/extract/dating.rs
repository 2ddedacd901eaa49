//! The date a fact carries: its sentence's, the context's, or the article's.

use std::ops::Range;

use super::args::{has_infinitive, Arg};
use super::fact::DateOrigin;
use super::implied::not_after;
use super::site::{is_reporting, only_list_commas};
use crate::model::Date;
use crate::text::{fold, listed, tuning, Language};

/// The date of a fact in a sentence: the last date before the trigger, else the
/// first after it unless a clause boundary separates them. A dateline's date
/// yields to one in the trigger's clause.
pub(super) fn sentence_date<'d>(
    text: &str,
    dates: &'d [crate::text::DateMention],
    trigger: &Range<usize>,
    args: &[Arg],
    own: Option<Date>,
) -> Option<&'d crate::text::DateMention> {
    let after = dates
        .iter()
        .filter(|d| d.range.start >= trigger.end)
        .find(|d| {
            let between = &text[trigger.end..d.range.start];
            // "…, officials said on Monday": the date of the statement, unless it
            // is merely the article's own date ("reported this Saturday"). A date
            // with its year ("…, Dec. 3, 2013") dates the clause before it too,
            // and so does one after a list ("met A, B, and C on Tuesday").
            let reported =
                is_reporting(between.rsplit(',').next().unwrap_or("")) && Some(d.date) != own;
            // "thanked Rubio for the support that will arrive in September":
            // a date past a future modal belongs to that future clause.
            if has_future_modal(between) || after_future_adjective(between) {
                return false;
            }
            // "met … to discuss elections next year": a later date in a
            // purpose clause is the purpose's.
            if has_infinitive(between) && own.is_some_and(|o| d.date > o) {
                return false;
            }
            !between.contains(',')
                || reported
                || d.explicit
                || only_list_commas(text, trigger.end..d.range.start, args)
        });
    // A date before the trigger, or inside it ("met today with").
    let before = dates.iter().rev().find(|d| d.range.end <= trigger.end);
    match (before, after) {
        (Some(b), Some(a)) if is_dateline(text, b) => Some(a),
        (Some(b), _) => Some(b),
        (None, a) => a,
    }
}

/// Whether the text before a date ends with an adjective that puts it in
/// the future ("… in the upcoming February 2019 election").
pub(super) fn after_future_adjective(before: &str) -> bool {
    let last = before.split_whitespace().next_back().unwrap_or("");
    listed(&Language::english().grammar.future_adjectives, &fold(last))
}

/// Whether `text` holds a future modal ("will", "would", "shall").
pub(super) fn has_future_modal(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| listed(&Language::english().grammar.future_modals, w))
}

/// Whether a future modal stands in the clause before byte `at` (from the
/// sentence's start at `start`): "the funds would arrive in September".
pub(super) fn after_future_modal(text: &str, start: usize, at: usize) -> bool {
    let before = &text[start..at];
    let clause = before.rsplit([',', ';']).next().unwrap_or(before);
    has_future_modal(clause)
}

/// Whether a date is a dateline's ("WASHINGTON, June 13 — …"): a dash follows it.
pub(super) fn is_dateline(text: &str, date: &crate::text::DateMention) -> bool {
    let rest = text[date.range.end..].trim_start();
    rest.starts_with(['\u{2014}', '\u{2013}', '-'])
}

/// Whether a date is the article's own ("Published on …", a `date …` header),
/// which says nothing about when the facts that follow happened.
pub(super) fn is_publication_date(text: &str, date: &crate::text::DateMention) -> bool {
    let mut from = date
        .range
        .start
        .saturating_sub(tuning().publication_marker_bytes);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = fold(&text[from..date.range.start]);
    let words: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take(tuning().publication_marker_words)
        .collect();
    words.iter().any(|w| {
        Language::english()
            .calendar
            .publication_words
            .iter()
            .any(|p| p == w)
    })
}

/// A fact's date: the one its sentence gives, else the last one an earlier
/// sentence gave, else the article's.
pub(super) struct FactDate {
    /// The date as read.
    pub(super) date: Date,
    /// The same for a fact that already happened: a month or day the text
    /// gave without a year, read as the coming one, is taken back a year.
    pub(super) past: Date,
    /// Where it came from.
    pub(super) origin: DateOrigin,
}

impl FactDate {
    pub(super) fn of(
        mentioned: Option<&crate::text::DateMention>,
        context: Option<Date>,
        fallback: Option<Date>,
        reference: Option<Date>,
    ) -> Option<FactDate> {
        if let Some(d) = mentioned {
            let past = if d.explicit {
                d.date
            } else {
                not_after(d.date, reference)
            };
            return Some(FactDate {
                date: d.date,
                past,
                origin: DateOrigin::Sentence,
            });
        }
        let (date, origin) = context
            .map(|d| (d, DateOrigin::Context))
            .or(fallback.map(|d| (d, DateOrigin::Fallback)))?;
        Some(FactDate {
            date,
            past: date,
            origin,
        })
    }
}

/// Whether the verb at byte `at` is in the present perfect: the word before
/// it, past any gap adverbs ("has also visited"), is a perfect auxiliary.
pub(super) fn in_present_perfect(text: &str, sentence_start: usize, at: usize) -> bool {
    let english = Language::english();
    let before = fold(&text[sentence_start..at]);
    let auxiliary = before
        .split_whitespace()
        .rev()
        .find(|w| !english.is_gap_word(w))
        .unwrap_or("");
    listed(&english.grammar.perfect_auxiliaries, auxiliary)
}
