//! Sentence splitting tuned for news text.
//!
//! A general-purpose splitter breaks after "Mr.", "Jan." and "U.S.", and
//! does not see that a headline without a final period ends at its line
//! break. This one knows common abbreviations, initials ("Brian A. Nichols")
//! and acronyms with dots, and treats a line break as the end of a sentence
//! when the next line starts like a new sentence.

use std::ops::Range;

use super::Language;
use crate::model::Limits;

/// One sentence: its byte range in the article and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the sentence in the article, from 0.
    pub index: usize,
    /// Byte range in the article, trimmed of surrounding white space.
    pub range: Range<usize>,
}

impl Sentence {
    /// The sentence's text within `article`.
    pub fn text<'a>(&self, article: &'a str) -> &'a str {
        &article[self.range.clone()]
    }
}

/// Splits `text` into sentences.
///
/// ```
/// use newsgraph::text::split_sentences;
///
/// let text = "Headline Without Period\nThe U.S. envoy, Brian A. Nichols, met Gen. Smith on Jan. 5. They talked.";
/// let sentences: Vec<&str> = split_sentences(text).iter().map(|s| s.text(text)).collect();
/// assert_eq!(sentences, [
///     "Headline Without Period",
///     "The U.S. envoy, Brian A. Nichols, met Gen. Smith on Jan. 5.",
///     "They talked.",
/// ]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    split_sentences_capped(text, Limits::MAX_SENTENCE_BYTES)
}

/// Splits `text` into sentences of at most `max_bytes` bytes: a longer run of
/// text is cut at its last white space before the cap (or at the cap), so the
/// work done per sentence stays bounded on any input.
///
/// ```
/// use newsgraph::text::split_sentences_capped;
///
/// let text = "one two three four five six";
/// let pieces: Vec<&str> = split_sentences_capped(text, 10).iter().map(|s| s.text(text)).collect();
/// assert_eq!(pieces, ["one two", "three four", "five six"]);
/// ```
pub fn split_sentences_capped(text: &str, max_bytes: usize) -> Vec<Sentence> {
    let max_bytes = max_bytes.max(8); // room for any character
    let mut sentences = Vec::new();
    for range in sentence_ranges(text) {
        let mut from = range.start;
        while range.end.saturating_sub(from) > max_bytes {
            let cut = cut_point(text, from, from + max_bytes);
            push_trimmed(text, from..cut, &mut sentences);
            let rest = &text[cut..range.end];
            from = cut + rest.len() - rest.trim_start().len();
        }
        push_trimmed(text, from.min(range.end)..range.end, &mut sentences);
    }
    sentences
}

/// The first sentence longer than `max_bytes`, if any (its byte range).
pub fn overlong_sentence(text: &str, max_bytes: usize) -> Option<Range<usize>> {
    sentence_ranges(text)
        .into_iter()
        .find(|r| r.len() > max_bytes)
}

/// Where to cut the text that starts at `from` no later than `limit`: after
/// the last white space in its second half, else at a character boundary.
fn cut_point(text: &str, from: usize, limit: usize) -> usize {
    let mut limit = limit.min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let half = from + (limit - from) / 2;
    match text[from..limit].rfind(char::is_whitespace) {
        Some(i) if from + i > half => from + i,
        _ => limit,
    }
}

/// Adds `range` trimmed of white space to `sentences`, unless nothing is left.
fn push_trimmed(text: &str, range: Range<usize>, sentences: &mut Vec<Sentence>) {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.start + piece.trim_end().len();
    if end > start {
        let index = sentences.len();
        sentences.push(Sentence {
            index,
            range: start..end,
        });
    }
}

/// Byte ranges of the sentences, untrimmed and uncut. Linear in the text:
/// each run of closing punctuation is measured once, and white space between
/// sentences is skipped once.
fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let bytes = text.as_bytes();
    let skip_space = |from: usize| from + text[from..].len() - text[from..].trim_start().len();
    let mut start = skip_space(0);
    let mut i = start;
    let mut closers_end = 0;
    while i < bytes.len() {
        let end = match bytes[i] {
            b'.' | b'!' | b'?' => {
                if i >= closers_end {
                    closers_end = closers_after(text, i);
                }
                sentence_end_after_punctuation(text, start, i, closers_end)
            }
            b'\n' => line_break_ends_sentence(text, start, i).then_some(i + 1),
            _ => None,
        };
        if let Some(end) = end {
            ranges.push(start..end);
            start = skip_space(end);
            i = start;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        ranges.push(start..text.len());
    }
    ranges
}

/// Where the closing punctuation after `text[at]` ends: quotes, brackets and
/// a dateline dash (".-") go with the sentence.
fn closers_after(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = at + 1;
    while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']' | b'.' | b'!' | b'?')
    {
        end += 1;
    }
    for closer in ["\u{201D}", "\u{2019}", "-"] {
        if text[end..].starts_with(closer) {
            end += closer.len();
        }
    }
    end
}

/// Where the sentence ends when `text[at]` is `.`, `!` or `?` and its closing
/// punctuation ends at `end`, if it ends there.
fn sentence_end_after_punctuation(
    text: &str,
    start: usize,
    at: usize,
    end: usize,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let rest = &text[end..];
    let Some(next) = rest.trim_start().chars().next() else {
        return Some(text.len());
    };
    if !rest.starts_with(char::is_whitespace) {
        return None; // "U.S.", "3.5", "example.com"
    }
    let starts_like_sentence = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(
            next,
            '"' | '\u{201C}' | '\'' | '\u{2018}' | '(' | '[' | '-' | '\u{2014}'
        );
    if !starts_like_sentence {
        return None;
    }
    if bytes[at] == b'.' {
        let word = word_before(text, start, at);
        let lower = word.to_lowercase();
        let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let is_dotted_acronym = word.contains('.')
            && word
                .split('.')
                .all(|p| p.chars().count() <= 2 && !p.is_empty());
        if is_initial || Language::english().is_abbreviation(&lower) || is_dotted_acronym {
            return None;
        }
    }
    Some(end)
}

/// The word (letters and inner dots) that ends just before byte `at`.
fn word_before(text: &str, start: usize, at: usize) -> &str {
    let before = &text[start..at];
    let from = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[from..].trim_matches('.')
}

/// Whether the line break at `at` ends a sentence: a blank line always does;
/// a single break does when the next line starts like a sentence and the
/// line before does not end in the middle of one.
fn line_break_ends_sentence(text: &str, start: usize, at: usize) -> bool {
    let line = text[start..at].trim_end();
    if line.is_empty() {
        return false;
    }
    let rest = &text[at + 1..];
    let next_line = rest.lines().next().unwrap_or("").trim();
    if next_line.is_empty() {
        return true;
    }
    let last_word = line
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let english = Language::english();
    // List items are sentences of their own, unless the item wraps onto a
    // line that starts in lowercase.
    let wraps = next_line.starts_with(char::is_lowercase);
    if english.starts_with_bullet(next_line)
        || (english.starts_with_bullet(line.trim_start()) && !wraps)
    {
        return true;
    }
    let mid_sentence = line.ends_with([',', ';', ':', '-', '\u{2013}', '\u{2014}'])
        || english.is_continuation(&last_word);
    let next_starts = next_line.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '\u{201C}' | '(' | '-' | '\u{2014}')
    });
    next_starts && !mid_sentence
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn splits_news_text() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two! Three? Four", &["One.", "Two!", "Three?", "Four"]),
            (
                "Mr. Smith met Gen. Jones. Then left.",
                &["Mr. Smith met Gen. Jones.", "Then left."],
            ),
            (
                "The U.S. and the U.N. agreed. Fine.",
                &["The U.S. and the U.N. agreed.", "Fine."],
            ),
            (
                "Brian A. Nichols spoke. Ok.",
                &["Brian A. Nichols spoke.", "Ok."],
            ),
            (
                "It cost $13.5 million. Yes.",
                &["It cost $13.5 million.", "Yes."],
            ),
            (
                "He said “it works.” Then he left.",
                &["He said “it works.”", "Then he left."],
            ),
            (
                "Washington.- The Government spoke.",
                &["Washington.-", "The Government spoke."],
            ),
            (
                "A Headline\nThe body starts here.",
                &["A Headline", "The body starts here."],
            ),
            ("Para one\n\nPara two", &["Para one", "Para two"]),
            (
                "a wrapped line of\nText continues.",
                &["a wrapped line of\nText continues."],
            ),
            ("Lisa, and\nMore words.", &["Lisa, and\nMore words."]),
            ("on Jan. 5 they met. Done", &["on Jan. 5 they met.", "Done"]),
            (
                "ends with ellipsis... Next one.",
                &["ends with ellipsis...", "Next one."],
            ),
            ("in the U.S. The next.", &["in the U.S. The next."]),
            (
                "It includes:\n• $5 million for UNICEF\n• $2 million for WFP\nEnd.",
                &[
                    "It includes:",
                    "• $5 million for UNICEF",
                    "• $2 million for WFP",
                    "End.",
                ],
            ),
            (
                "Led by Brig. Gen. Jane Doe. Next.",
                &["Led by Brig. Gen. Jane Doe.", "Next."],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(split(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn ranges_index_the_original() {
        let text = "  First one.  Second one.  ";
        let sentences = split_sentences(text);
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[1].index, 1);
        assert_eq!(&text[sentences[1].range.clone()], "Second one.");
    }
}
