//! Arguments: the linked mentions of a sentence, merged where they name one
//! entity twice ("the Ecuadorian Foreign Minister, Juan Carlos Holguín"), and
//! the lists they form ("Los Lobos and Los Choneros").

use std::ops::Range;

use crate::mentions::{is_apposition, Mention, MentionKind, Resolution};
use crate::model::{Dataset, EntityKind};
use crate::text::fold;

/// A linked mention usable as a relation argument.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// Entity index.
    pub entity: usize,
    /// Byte range in the article (merged over title and name).
    pub range: Range<usize>,
    /// Whether it rests on a weak alias or a title (less certain than a name).
    pub indirect: bool,
    /// Whether the text glued it to a neighbour.
    pub glued: bool,
}

/// The arguments of one sentence: linked names and titles (not demonyms), in
/// order. An organization or government followed by a role word and a
/// person's name ("Southern Command chief Laura Richardson") only qualifies
/// the person, and is dropped.
pub fn sentence_args(
    dataset: &Dataset,
    text: &str,
    mentions: &[&Mention],
    role_nouns: &[String],
) -> Vec<Arg> {
    let mut args = merged_args(text, mentions);
    let qualifier = |i: usize| {
        let (Some(this), Some(next)) = (args.get(i), args.get(i + 1)) else {
            return false;
        };
        let body = matches!(
            dataset.entities[this.entity].kind,
            EntityKind::Organization | EntityKind::Government
        );
        let person = dataset.entities[next.entity].kind == EntityKind::Person;
        let gap = fold(&text[this.range.end.min(next.range.start)..next.range.start]);
        let words: Vec<&str> = gap.split_whitespace().collect();
        body && person
            && !words.is_empty()
            && words.len() <= 2
            && words.iter().all(|w| role_nouns.iter().any(|r| r == w))
    };
    let keep: Vec<bool> = (0..args.len()).map(|i| !qualifier(i)).collect();
    let mut index = 0;
    args.retain(|_| {
        index += 1;
        keep[index - 1]
    });
    args
}

fn merged_args(text: &str, mentions: &[&Mention]) -> Vec<Arg> {
    let mut args: Vec<Arg> = Vec::new();
    for mention in mentions {
        let Some(entity) = mention.entity else {
            continue;
        };
        if mention.kind == MentionKind::Demonym {
            continue;
        }
        let indirect = !matches!(mention.resolution, Resolution::Alias);
        if let Some(last) = args.last_mut() {
            let gap = &text[last.range.end.min(mention.range.start)..mention.range.start];
            let close = is_apposition(text, last.range.end, mention.range.start)
                || (gap.split_whitespace().count() <= 2 && !is_list_gap(gap, &["and".to_string()]));
            if last.entity == entity && close {
                last.range.end = mention.range.end;
                last.indirect &= indirect;
                last.glued |= mention.glued;
                continue;
            }
        }
        args.push(Arg {
            entity,
            range: mention.range.clone(),
            indirect,
            glued: mention.glued,
        });
    }
    args
}

/// Whether the text between two list items joins them: a comma, a joiner
/// ("and", "as well as"), or both, optionally followed by "the".
pub fn is_list_gap(gap: &str, joiners: &[String]) -> bool {
    // Gaps between list items are short: long ones are not list gaps, and
    // short ones are compared without allocating.
    let trimmed = gap.trim();
    if trimmed.is_empty() || trimmed.len() > 40 {
        return false;
    }
    let folded;
    let mut rest: &str = if trimmed.is_ascii() {
        trimmed
    } else {
        folded = fold(trimmed);
        folded.as_str()
    };
    if let Some(stripped) = rest.strip_prefix(',') {
        rest = stripped.trim_start();
    }
    fn word_prefix<'t>(text: &'t str, word: &str) -> Option<&'t str> {
        let head = text.get(..word.len())?;
        let tail = &text[word.len()..];
        (head.eq_ignore_ascii_case(word) && (tail.is_empty() || tail.starts_with(' ')))
            .then(|| tail.trim_start())
    }
    if let Some(stripped) = joiners.iter().find_map(|j| word_prefix(rest, j)) {
        rest = stripped;
    }
    if let Some(stripped) = word_prefix(rest, "the") {
        rest = stripped;
    }
    rest.is_empty()
}

/// Whether the entity may fill a slot that accepts `kinds` (person, government
/// or organization when empty).
pub fn eligible(dataset: &Dataset, arg: &Arg, kinds: &[EntityKind]) -> bool {
    let kind = dataset.entities[arg.entity].kind;
    if kinds.is_empty() {
        matches!(
            kind,
            EntityKind::Person | EntityKind::Government | EntityKind::Organization
        )
    } else {
        kinds.contains(&kind)
    }
}

/// Number of words in `text`.
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The list of eligible args that starts with the first eligible arg after
/// byte `from` (at most `max_gap` words away), continued while list gaps join them.
pub fn list_after<'a>(
    text: &str,
    args: &'a [Arg],
    from: usize,
    max_gap: usize,
    ok: impl Fn(&Arg) -> bool,
    joiners: &[String],
) -> Vec<&'a Arg> {
    let Some(first) = args.iter().position(|a| a.range.start >= from && ok(a)) else {
        return Vec::new();
    };
    let gap = &text[from..args[first].range.start];
    if word_count(gap) > max_gap || gap.contains(';') {
        return Vec::new();
    }
    let mut list = vec![&args[first]];
    let mut last_end = args[first].range.end;
    for arg in &args[first + 1..] {
        if !is_list_gap(&text[last_end..arg.range.start], joiners) {
            break;
        }
        if ok(arg) {
            list.push(arg);
        }
        last_end = arg.range.end;
    }
    list
}

/// The list of eligible args that ends with the last eligible arg before byte
/// `to` (at most `max_gap` words away), extended backwards while list gaps join them.
pub fn list_before<'a>(
    text: &str,
    args: &'a [Arg],
    to: usize,
    max_gap: usize,
    ok: impl Fn(&Arg) -> bool,
    joiners: &[String],
) -> Vec<&'a Arg> {
    let Some(last) = args.iter().rposition(|a| a.range.end <= to && ok(a)) else {
        return Vec::new();
    };
    let gap = &text[args[last].range.end..to];
    if word_count(gap) > max_gap || gap.contains(';') {
        return Vec::new();
    }
    let mut list = vec![&args[last]];
    let mut first_start = args[last].range.start;
    for arg in args[..last].iter().rev() {
        if !is_list_gap(&text[arg.range.end..first_start], joiners) {
            break;
        }
        if ok(arg) {
            list.insert(0, arg);
        }
        first_start = arg.range.start;
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_gaps() {
        let joiners = vec!["and".to_string(), "as well as".to_string()];
        for gap in [", ", " and ", ", and ", " as well as ", " and the ", ","] {
            assert!(is_list_gap(gap, &joiners), "{gap:?}");
        }
        for gap in ["", " ", " met ", " and then ", " for the "] {
            assert!(!is_list_gap(gap, &joiners), "{gap:?}");
        }
    }
}
