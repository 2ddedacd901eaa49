//! Finding phrase occurrences in an article: whole words, case rules, glued words.
//!
//! The automaton runs over the folded article and reports every occurrence of
//! every phrase, overlapping ones included. Each occurrence must then pass the
//! word-boundary and case checks; among those that pass, the leftmost-longest
//! are kept. Checking *before* choosing matters: when the longest phrase at a
//! position fails ("Sri Lanka" inside "Sri Lankan"), a shorter one that starts
//! there ("Sri") still gets its chance.
//!
//! Real articles glue words together ("Secretary of State for USESAnthony
//! Blinken", "U.SIvonne A. Baki"). A phrase that starts with a capital letter
//! right after another letter still counts when the case change marks a word
//! start: after a lowercase letter ("reportedThe"), or after a capital when
//! the phrase's second letter is lowercase ("USESAnthony").

use std::ops::Range;

use aho_corasick::Input;

use super::lexicon::Lexicon;
use crate::text::FoldedText;

/// A phrase found in an article, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Byte range in the original article.
    pub range: Range<usize>,
    /// Index into [`Lexicon::phrases`].
    pub phrase: usize,
    /// Whether a word boundary was missing and the case change stood in for it.
    pub glued: bool,
}

/// Every phrase occurrence of `article`, leftmost-longest, non-overlapping.
///
/// The automaton finds the leftmost-longest phrase; when it fails the checks,
/// the shorter phrases that start at the same place are tried (longest
/// first), and only then does the search move on by one character.
pub fn scan(lexicon: &Lexicon, article: &str, folded: &FoldedText) -> Vec<Occurrence> {
    let text = folded.text.as_str();
    let mut out: Vec<Occurrence> = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let input = Input::new(text).span(at..text.len());
        let Some(found) = lexicon.automaton.find(input) else {
            break;
        };
        let start = found.start();
        let longest = accept(
            lexicon,
            article,
            folded,
            start,
            found.end(),
            found.pattern().as_usize(),
        );
        let occurrence = longest.or_else(|| {
            (start + 1..found.end())
                .rev()
                .filter(|&end| text.is_char_boundary(end))
                .find_map(|end| {
                    let phrase = *lexicon.index.get(&text[start..end])?;
                    accept(lexicon, article, folded, start, end, phrase)
                })
        });
        match occurrence {
            Some((end, occurrence)) => {
                out.push(occurrence);
                at = end;
            }
            None => {
                at = start + text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    out
}

/// The occurrence of `phrase` at folded `start..end` when it passes the word,
/// capital and exact-letter checks, with its folded end.
fn accept(
    lexicon: &Lexicon,
    article: &str,
    folded: &FoldedText,
    start: usize,
    end: usize,
    phrase: usize,
) -> Option<(usize, Occurrence)> {
    let text = folded.text.as_str();
    let info = &lexicon.phrases[phrase];
    let original = folded.original_range(start..end);
    let glued = boundaries(article, text, start..end, original.clone())?;
    if info.capitalised && article[original.clone()].starts_with(char::is_lowercase) {
        return None;
    }
    if let Some(letters) = &info.exact_letters {
        let shown = article[original.clone()]
            .chars()
            .filter(|c| c.is_alphanumeric());
        if !shown.eq(letters.chars()) {
            return None;
        }
    }
    Some((
        end,
        Occurrence {
            range: original,
            phrase,
            glued,
        },
    ))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// `Some(glued)` when the occurrence stands as whole words, `None` otherwise.
fn boundaries(
    article: &str,
    folded_text: &str,
    range: Range<usize>,
    original: Range<usize>,
) -> Option<bool> {
    let mut glued = false;
    let first = folded_text[range.clone()].chars().next()?;
    let last = folded_text[range.clone()].chars().next_back()?;
    let before = folded_text[..range.start].chars().next_back();
    let after = folded_text[range.end..].chars().next();
    if is_word_char(first) && before.is_some_and(is_word_char) {
        if !glued_start(article, original.start) {
            return None;
        }
        glued = true;
    }
    if is_word_char(last) && after.is_some_and(is_word_char) {
        if !glued_end(article, original.end) {
            return None;
        }
        glued = true;
    }
    Some(glued)
}

/// Whether a word starts at `at` although a letter precedes it: a capital after
/// a lowercase letter, or a capital followed by a lowercase letter after a capital.
fn glued_start(article: &str, at: usize) -> bool {
    let mut ahead = article[at..].chars();
    let (Some(first), second) = (ahead.next(), ahead.next()) else {
        return false;
    };
    let Some(previous) = article[..at].chars().next_back() else {
        return true;
    };
    first.is_uppercase()
        && (previous.is_lowercase()
            || (previous.is_uppercase() && second.is_some_and(char::is_lowercase)))
}

/// Whether a word ends at `at` although a letter follows: a lowercase letter
/// followed by a capital ("BlinkenThe").
fn glued_end(article: &str, at: usize) -> bool {
    let previous = article[..at].chars().next_back();
    let next = article[at..].chars().next();
    previous.is_some_and(char::is_lowercase) && next.is_some_and(char::is_uppercase)
}
