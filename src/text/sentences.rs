//! Sentence splitting tuned for news text.
//!
//! A general-purpose splitter breaks after "Mr.", "Jan." and "U.S.", and
//! does not see that a headline without a final period ends at its line
//! break. This one knows common abbreviations, initials ("Brian A. Nichols")
//! and acronyms with dots, and treats a line break as the end of a sentence
//! when the next line starts like a new sentence.

use std::ops::Range;

use super::Language;

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
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut push = |from: usize, to: usize| {
        let piece = &text[from..to];
        let trimmed_start = from + (piece.len() - piece.trim_start().len());
        let trimmed_end = from + piece.trim_end().len();
        if trimmed_end > trimmed_start {
            let index = sentences.len();
            sentences.push(Sentence {
                index,
                range: trimmed_start..trimmed_end,
            });
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end = match b {
            b'.' | b'!' | b'?' => sentence_end_after_punctuation(text, start, i),
            b'\n' => line_break_ends_sentence(text, start, i).then_some(i + 1),
            _ => None,
        };
        if let Some(end) = end {
            push(start, end);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    push(start, text.len());
    sentences
}

/// Where the sentence ends when `text[at]` is `.`, `!` or `?`, if it ends there.
fn sentence_end_after_punctuation(text: &str, start: usize, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Take closing quotes and brackets, and a dateline dash (".-"), with the sentence.
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
