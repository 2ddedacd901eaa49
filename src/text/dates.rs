//! Dates written in article text, resolved against the article's date.
//!
//! "November 16, 2022" and "October 2021" are explicit. "this Friday",
//! "on Thursday", "April 13", "in September" and "yesterday" are relative:
//! a weekday is the latest such day on or before the reference date (the
//! publication date: "this Friday" in a Saturday paper is the day before), a
//! month and day without a year is the one nearest the reference ("December
//! 27" in a January article is the previous year; "May 24" in an April
//! article is the coming one), and a month alone likewise.

use std::ops::Range;

use super::language::{tuning, Language};
use crate::model::Date;

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range of the expression in the text searched.
    pub range: Range<usize>,
    /// The date it denotes, at the precision the text gives.
    pub date: Date,
    /// Whether the text gave the year (otherwise it came from the reference date).
    pub explicit: bool,
}

fn month_number(word: &str) -> Option<u8> {
    // Month names are ASCII: compare without allocating, and reject most
    // words on their first three letters.
    let word = word.trim_end_matches('.');
    let bytes = word.as_bytes();
    let calendar = &Language::english().calendar;
    let longest = calendar.months.iter().map(String::len).max().unwrap_or(0);
    if !(3..=longest).contains(&bytes.len()) || !word.is_ascii() {
        return None;
    }
    let key = [
        bytes[0].to_ascii_lowercase(),
        bytes[1].to_ascii_lowercase(),
        bytes[2].to_ascii_lowercase(),
    ];
    let month = calendar
        .months
        .iter()
        .position(|m| m.as_bytes()[..3] == key)?;
    let name = &calendar.months[month];
    let ok = word.eq_ignore_ascii_case(name)
        || bytes.len() == 3
        || calendar
            .month_abbreviations
            .iter()
            .any(|a| word.eq_ignore_ascii_case(a));
    ok.then_some(month as u8 + 1)
}

/// Whether `word` names a month or a weekday ("March", "Friday"; not "Mar").
pub fn is_calendar_word(word: &str) -> bool {
    weekday_number(word).is_some()
        || Language::english()
            .calendar
            .months
            .iter()
            .any(|m| m.eq_ignore_ascii_case(word))
}

fn weekday_number(word: &str) -> Option<u8> {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    Language::english()
        .calendar
        .weekdays
        .iter()
        .position(|d| d.eq_ignore_ascii_case(word))
        .map(|i| i as u8)
}

/// A word of the text with its byte range.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part_of_word =
            c.is_alphanumeric() || ((c == '\'' || c == '’' || c == '-') && start.is_some());
        match (part_of_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

fn number(word: &str, max: u32) -> Option<u32> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // A range of days ("22-25", "23–25") dates its first day.
    let word = match word.split_once(['-', '\u{2013}']) {
        Some((first, rest)) if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) => first,
        _ => word,
    };
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 16th, 1st
    let suffix = &word[digits.len()..];
    let ordinal_ok = suffix.is_empty()
        || Language::english()
            .grammar
            .ordinal_suffixes
            .iter()
            .any(|s| s.eq_ignore_ascii_case(suffix));
    (ordinal_ok && !digits.is_empty() && digits.len() <= 2)
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|n| (1..=max).contains(n))
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// The year that puts `month`/`day` nearest to `reference`.
fn nearest_year(reference: Date, month: u8, day: Option<u8>) -> Option<Date> {
    let reference_day = reference.first_day().day_number();
    (reference.year() - 1..=reference.year() + 1)
        .filter_map(|y| match day {
            Some(d) => Date::ymd(y, month, d),
            None => Date::ym(y, month),
        })
        .min_by_key(|d| {
            let distance = d.first_day().day_number() - reference_day;
            // Prefer the past on a tie: news reports what happened.
            (distance.abs(), distance > 0)
        })
}

/// Every date expression in `text`, resolved against `reference` when relative.
///
/// ```
/// use newsgraph::text::find_dates;
/// use newsgraph::model::Date;
///
/// let saturday = Date::ymd(2024, 1, 20);
/// let found = find_dates("They met on Friday and on December 27 in Mexico City.", saturday);
/// let dates: Vec<String> = found.iter().map(|d| d.date.to_string()).collect();
/// assert_eq!(dates, ["2024-01-19", "2023-12-27"]);
/// ```
pub fn find_dates(text: &str, reference: Option<Date>) -> Vec<DateMention> {
    let words = words(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((mention, used)) = date_at(&words, i, reference) {
            found.push(mention);
            i += used;
        } else {
            i += 1;
        }
    }
    found
}

fn date_at(words: &[Word<'_>], i: usize, reference: Option<Date>) -> Option<(DateMention, usize)> {
    let calendar = &Language::english().calendar;
    let w = |k: usize| words.get(i + k).map(|w| w.text);
    let span = |n: usize| words[i].start..words[i + n - 1].end;
    let mention = |n: usize, date: Date, explicit: bool| {
        Some((
            DateMention {
                range: span(n),
                date,
                explicit,
            },
            n,
        ))
    };

    // ISO dates: 2022-11-16 is one word here.
    let word = words[i].text;
    if word.len() == 10 && word.as_bytes()[4] == b'-' {
        if let Ok(date) = word.parse::<Date>() {
            return mention(1, date, true);
        }
    }
    // "16 November 2022"
    if let (Some(day), Some(month)) = (number(words[i].text, 31), w(1).and_then(month_number)) {
        if let Some(y) = w(2).and_then(year) {
            if let Some(date) = Date::ymd(y, month, day as u8) {
                return mention(3, date, true);
            }
        }
    }
    // Month and weekday names are capitalised in news text ("may" and "march"
    // as verbs are not dates); checking that first keeps the scan cheap.
    let capitalised = words[i].text.starts_with(|c: char| c.is_ascii_uppercase());
    if let Some(month) = capitalised.then(|| month_number(words[i].text)).flatten() {
        if let Some(day) = w(1).and_then(|t| number(t, 31)) {
            if let Some(y) = w(2).and_then(year) {
                return Date::ymd(y, month, day as u8).and_then(|d| mention(3, d, true));
            }
            return reference
                .and_then(|r| nearest_year(r, month, Some(day as u8)))
                .and_then(|d| mention(2, d, false));
        }
        if let Some(y) = w(1).and_then(year) {
            return Date::ym(y, month).and_then(|d| mention(2, d, true));
        }
        let leads = &calendar.may_leads;
        if month == 5
            && !i
                .checked_sub(1)
                .map(|k| words[k].text.to_lowercase())
                .is_some_and(|w| leads.contains(&w))
        {
            return None; // "May" alone is too often the verb or a name.
        }
        return reference
            .and_then(|r| nearest_year(r, month, None))
            .and_then(|d| mention(1, d, false));
    }
    if let Some(weekday) = capitalised.then(|| weekday_number(words[i].text)).flatten() {
        let reference = reference?.last_day();
        let previous = i.checked_sub(1).map(|k| words[k].text.to_lowercase());
        let days_back = (i64::from(reference.weekday()) - i64::from(weekday)).rem_euclid(7);
        let day = if previous.as_ref() == Some(&calendar.next) {
            reference.day_number() + (7 - days_back)
        } else if previous.as_ref() == Some(&calendar.last) && days_back == 0 {
            reference.day_number() - 7
        } else {
            reference.day_number() - days_back
        };
        return mention(1, Date::from_day_number(day), false);
    }
    let relative_period = |offset: i32| -> Option<(DateMention, usize)> {
        let next = w(1)?.to_lowercase();
        let r = reference?;
        let (year, month) = &calendar.periods;
        let date = if calendar.day_parts.contains(&next) && offset <= 0 {
            Date::from_day_number(r.last_day().day_number() + i64::from(offset))
        } else if next == *year {
            Date::year_only(r.year() + offset)
        } else if next == *month {
            let months = r.year() * 12 + i32::from(r.month()?) - 1 + offset;
            Date::ym(months.div_euclid(12), (months.rem_euclid(12) + 1) as u8)?
        } else {
            return None;
        };
        mention(2, date, false)
    };
    let lower = words[i].text;
    let is = |w: &str| lower.eq_ignore_ascii_case(w);
    match () {
        _ if is(&calendar.last) => relative_period(-1),
        _ if is(&calendar.this) => relative_period(0),
        _ if is(&calendar.next) => relative_period(1),
        _ if is(&calendar.yesterday) => reference.and_then(|r| {
            mention(
                1,
                Date::from_day_number(r.last_day().day_number() - 1),
                false,
            )
        }),
        _ if is(&calendar.today) => reference.and_then(|r| mention(1, r, false)),
        _ if calendar.year_leads.iter().any(|l| is(l)) => w(1).and_then(year).map(|y| {
            (
                DateMention {
                    range: words[i + 1].start..words[i + 1].end,
                    date: Date::year_only(y),
                    explicit: true,
                },
                2,
            )
        }),
        _ => None,
    }
}

/// A date the article states about itself: a first line `date 2022-01-29` (or
/// `date: …`), "Published on November 21, 2022" near the top, a dateline
/// ("QUITO, June 13, 2025 —") or a line holding only a full date.
///
/// ```
/// use newsgraph::text::header_date;
///
/// assert_eq!(header_date(" date 2022-01-29 Washington.- The …").unwrap().to_string(), "2022-01-29");
/// assert_eq!(header_date("Title\n\nPublished on November 21, 2022\n").unwrap().to_string(), "2022-11-21");
/// assert!(header_date("No date here.").is_none());
/// // A dateline, or a line that is only a date, near the top.
/// let dateline = "Rubio meets Noboa\n\nQUITO, June 13, 2025 — Secretary Rubio met …";
/// assert_eq!(header_date(dateline).unwrap().to_string(), "2025-06-13");
/// let release = "Readout\nOffice of the Spokesperson\nJanuary 29, 2022\n\nThe Secretary met …";
/// assert_eq!(header_date(release).unwrap().to_string(), "2022-01-29");
/// // A date inside a sentence is no dateline.
/// assert!(header_date("The talks of June 13, 2025 were long.").is_none());
/// // Long texts are cut at a character boundary.
/// assert!(header_date(&"é".repeat(1500)).is_none());
/// ```
pub fn header_date(text: &str) -> Option<Date> {
    let start = text.trim_start();
    let english = Language::english();
    let header = english.calendar.date_headers.iter().find(|h| {
        start
            .get(..h.len())
            .is_some_and(|head| head.to_lowercase() == **h)
    });
    if let Some(header) = header {
        let word = start[header.len()..].split_whitespace().next()?;
        if let Ok(date) = word.parse::<Date>() {
            return Some(date);
        }
    }
    let mut end = text.len().min(english.tuning.header_bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let lower = head.to_ascii_lowercase(); // same byte offsets as `head`
    for marker in &english.calendar.published {
        if let Some(at) = lower.find(marker) {
            let after = &head[at + marker.len()..];
            let line = after.lines().next().unwrap_or("");
            if let Some(found) = find_dates(line, None).into_iter().find(|d| d.explicit) {
                return Some(found.date);
            }
        }
    }
    head.lines()
        .take(english.tuning.header_lines)
        .find_map(dateline_date)
}

/// The date of a dateline ("QUITO, June 13, 2025 — …", "June 13, 2025 (VOA) -")
/// or of a line that is only a full date ("January 29, 2022"), if `line` is one.
fn dateline_date(line: &str) -> Option<Date> {
    let first = find_dates(line, None)
        .into_iter()
        .next()
        .filter(|d| d.explicit && d.date.day().is_some())?;
    let before = &line[..first.range.start];
    let after = line[first.range.end..].trim_start_matches([',', ' ', '.']);
    let after = skip_parenthesis(after);
    let place_only =
        before.split_whitespace().count() <= tuning().dateline_place_words && !before.contains('.');
    let ends_line = after.trim().is_empty();
    let dash = after.starts_with(['\u{2014}', '\u{2013}', '-']);
    (place_only && (dash || ends_line)).then_some(first.date)
}

/// `text` past a leading "(VOA)" or "(AP)".
fn skip_parenthesis(text: &str) -> &str {
    match text.strip_prefix('(').and_then(|t| t.split_once(')')) {
        Some((_, rest)) => rest.trim_start(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, reference: &str) -> Vec<String> {
        find_dates(text, reference.parse().ok())
            .iter()
            .map(|d| d.date.to_string())
            .collect()
    }

    #[test]
    fn resolves_dates_against_the_publication_date() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("held this Friday by", "2022-01-29", &["2022-01-28"]),
            ("on Thursday during a visit", "2025-09-04", &["2025-09-04"]),
            (
                "reported a statement this Saturday",
                "2024-01-20",
                &["2024-01-20"],
            ),
            (
                "on December 27 in Mexico City",
                "2024-01-20",
                &["2023-12-27"],
            ),
            (
                "will assume office on May 24",
                "2021-04-23",
                &["2021-05-24"],
            ),
            ("in the April 11 ballot", "2021-04-23", &["2021-04-11"]),
            (
                "took place on November 16, 2022, was",
                "2022-11-21",
                &["2022-11-16"],
            ),
            (
                "In October 2021, President Lasso",
                "2022-11-21",
                &["2021-10"],
            ),
            ("In September, there was", "2022-11-21", &["2022-09"]),
            (
                "The talks ran Jan. 22-25 in Kyiv",
                "2024-02-01",
                &["2024-01-22"],
            ),
            ("on July 23–25, 2021", "2022-01-01", &["2021-07-23"]),
            ("meet again in early February", "2024-01-20", &["2024-02"]),
            ("on 16 November 2022 they", "2023-01-01", &["2022-11-16"]),
            ("At Friday's meeting", "2024-01-20", &["2024-01-19"]),
            ("next Monday", "2024-01-20", &["2024-01-22"]),
            ("yesterday", "2024-01-20", &["2024-01-19"]),
            ("Last night, Obama called", "2013-10-02", &["2013-10-01"]),
            ("this morning", "2024-01-20", &["2024-01-20"]),
            ("in 2021 and since 2019", "2024-01-20", &["2021", "2019"]),
            ("it may rain; they march", "2024-01-20", &[]),
            ("Correa (2007-2017)", "2024-01-20", &[]),
            ("on Friday", "", &[]),
            ("on February 30", "2024-01-20", &[]),
            ("provided $2.5 billion last year", "2024-02-13", &["2023"]),
            (
                "next month and this year",
                "2024-12-02",
                &["2025-01", "2024"],
            ),
        ];
        for (text, reference, expected) in cases {
            assert_eq!(dates(text, reference), *expected, "{text:?} on {reference}");
        }
    }

    #[test]
    fn reports_byte_ranges() {
        let text = "Published on November 21, 2022";
        let found = find_dates(text, None);
        assert_eq!(&text[found[0].range.clone()], "November 21, 2022");
        assert!(found[0].explicit);
    }
}
