//! Capitalised names the matcher saw but could not link, for curators.

use std::ops::Range;

use indexmap::IndexMap;

use crate::text::Language;

/// Counts of capitalised names in `text` outside the `linked` byte ranges,
/// most frequent first (ties in order of first appearance).
pub fn unknown_names(
    text: &str,
    sentence_starts: &[usize],
    linked: &[Range<usize>],
) -> Vec<(String, usize)> {
    let mut counts: IndexMap<String, usize> = IndexMap::new();
    let words = words(text);
    let linked = Covered::new(linked);
    let mut i = 0;
    while i < words.len() {
        let (start, end) = words[i];
        if !is_capitalised(&text[start..end]) || is_common(&text[start..end]) {
            i += 1;
            continue;
        }
        // Extend over capitalised words and connectors followed by a capitalised word.
        let mut last = i;
        let mut j = i + 1;
        while j < words.len() {
            let gap = &text[words[j - 1].1..words[j].0];
            if !gap.chars().all(|c| c == ' ' || c == '-') || gap.len() > 2 {
                break;
            }
            let word = &text[words[j].0..words[j].1];
            if is_capitalised(word) && !is_common(word) {
                last = j;
            } else if !Language::english()
                .names
                .connectors
                .contains(&word.to_lowercase())
            {
                break;
            }
            j += 1;
        }
        let range = start..words[last].1;
        let single = last == i;
        let sentence_initial = sentence_starts.binary_search(&start).is_ok();
        let overlaps = linked.overlaps(&range);
        if !(overlaps || single && sentence_initial) && text[range.clone()].chars().count() > 1 {
            *counts.entry(text[range].to_string()).or_default() += 1;
        }
        i = last + 1;
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    out
}

/// Byte ranges sorted by start, with the furthest end reached so far, so
/// that an overlap test is a binary search (the article's mentions can be
/// hundreds of thousands: a scan per name was quadratic).
struct Covered {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Covered {
    fn new(ranges: &[Range<usize>]) -> Covered {
        let mut sorted: Vec<&Range<usize>> = ranges.iter().collect();
        sorted.sort_by_key(|r| r.start);
        let mut furthest = 0;
        let max_end = sorted
            .iter()
            .map(|r| {
                furthest = furthest.max(r.end);
                furthest
            })
            .collect();
        Covered {
            starts: sorted.iter().map(|r| r.start).collect(),
            max_end,
        }
    }

    /// Whether any range overlaps `range`.
    fn overlaps(&self, range: &Range<usize>) -> bool {
        let before_end = self.starts.partition_point(|&s| s < range.end);
        before_end > 0 && self.max_end[before_end - 1] > range.start
    }
}

fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inner = c.is_alphanumeric() || (start.is_some() && (c == '\'' || c == '’' || c == '.'));
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    // A word's trailing period or possessive is punctuation, not part of the name.
    out.into_iter()
        .map(|(s, e)| {
            let word = &text[s..e];
            let trimmed = word
                .trim_end_matches('.')
                .trim_end_matches("'s")
                .trim_end_matches("’s");
            (s, s + trimmed.len())
        })
        .filter(|(s, e)| e > s)
        .collect()
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_common(word: &str) -> bool {
    crate::text::is_calendar_word(word)
        || Language::english()
            .names
            .common
            .contains(&word.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_unlinked_capitalised_names() {
        let text = "Blinken met Pedro Páramo in Comala. Pedro Páramo said The Hague was far. Then Arévalo de León left.";
        let linked = [std::ops::Range { start: 0, end: 7 }];
        let starts = [
            0,
            text.find("Pedro Páramo said").unwrap(),
            text.find("Then").unwrap(),
        ];
        let found = unknown_names(text, &starts, &linked);
        assert_eq!(
            found,
            [
                ("Pedro Páramo".to_string(), 2),
                ("Comala".to_string(), 1),
                ("Hague".to_string(), 1),
                ("Arévalo de León".to_string(), 1)
            ]
        );
    }
}
