//! Clause structure around a trigger, read from punctuation and function
//! words: where the clause starts and ends, an appositive between a subject
//! and its verb, a trigger owned by the clause's subject ("during his visit
//! to"), and possessive qualifiers ("Burma's Ministry of Defense").

use std::ops::Range;

use super::args::{list_after, word_count, Arg};
use crate::text::{fold, listed, tuning, Language};

/// Where the clause that holds byte `at` starts: after the last `;`, `:` or
/// `,` before it in the sentence, else at the sentence's start.
pub fn clause_start(text: &str, sentence: &Range<usize>, at: usize) -> usize {
    text[sentence.start..at]
        .rfind([';', ':', ','])
        .map_or(sentence.start, |i| sentence.start + i + 1)
}

/// [`clause_start`], reaching back over clauses that go on the one before
/// them ("…, will conduct key engagements, including meeting with"): where
/// the clause whose plans and tense hold at `at` starts.
pub fn governing_clause_start(text: &str, sentence: &Range<usize>, at: usize) -> usize {
    let continuations = &Language::english().grammar.clause_continuations;
    let mut start = clause_start(text, sentence, at);
    while start > sentence.start {
        let opening = fold(text[start..at].trim_start());
        let continues = continuations.iter().any(|c| {
            opening
                .strip_prefix(c.as_str())
                .is_some_and(|rest| rest.starts_with(' ') || rest.is_empty())
        });
        if !continues {
            break;
        }
        start = clause_start(text, sentence, start - 1);
    }
    start
}

/// Where the clause that holds byte `from` ends: at the first `;` after it
/// that opens another clause (not one between list items: "his spouse, A;
/// his son, B; and his daughter"), or the first clause stop word ("as",
/// "for", "pursuant"), else at the sentence's end.
pub fn clause_end(text: &str, sentence: &Range<usize>, from: usize, stops: &[String]) -> usize {
    let rest = &text[from..sentence.end];
    let end = clause_semicolon(rest).map_or(sentence.end, |i| from + i);
    let words: Vec<(usize, String)> = rest
        .split_whitespace()
        .map(|w| {
            let offset = w.as_ptr() as usize - rest.as_ptr() as usize;
            (offset, fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
        })
        .collect();
    let stops: Vec<Vec<&str>> = stops.iter().map(|s| s.split(' ').collect()).collect();
    // The first word is the trigger's own or an object's: a stop counts after it.
    for i in 1..words.len() {
        let starts_stop = stops.iter().any(|stop| {
            stop.iter()
                .enumerate()
                .all(|(k, w)| words.get(i + k).is_some_and(|(_, word)| word == w))
        });
        if starts_stop {
            return end.min(from + words[i].0);
        }
    }
    end
}

/// The first `;` in `rest` whose segment (to the next `;`) holds a verb:
/// it opens a clause. Segments without one are list items.
fn clause_semicolon(rest: &str) -> Option<usize> {
    let english = Language::english();
    let grammar = &english.grammar;
    let verb = |w: &str| {
        let folded = fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
        w.starts_with(char::is_lowercase)
            && (english.is_past_form(&folded)
                || listed(&grammar.passive_auxiliaries, &folded)
                || listed(&grammar.future_modals, &folded)
                || listed(&grammar.perfect_auxiliaries, &folded)
                || listed(&grammar.copulas, &folded))
    };
    let mut at = 0;
    while let Some(i) = rest[at..].find(';') {
        let semicolon = at + i;
        let segment = &rest[semicolon + 1..];
        let segment = segment.find(';').map_or(segment, |j| &segment[..j]);
        if segment.split_whitespace().any(verb) {
            return Some(semicolon);
        }
        at = semicolon + 1;
    }
    None
}

/// When an appositive stands between a subject and the trigger at `at`
/// ("Gen. Jane Doe, commander of Southern Command, visited …"), the offset of
/// the appositive's opening comma, where the subject ends; else `at`.
pub fn before_appositive(text: &str, sentence: &Range<usize>, args: &[Arg], at: usize) -> usize {
    let before = text[sentence.start..at].trim_end();
    if !before.ends_with(',') {
        return at;
    }
    let close = sentence.start + before.len() - 1;
    let Some(open) = text[sentence.start..close].rfind(',') else {
        return at;
    };
    let open = sentence.start + open;
    let inner = &text[open + 1..close];
    let english = Language::english();
    let reports = inner
        .split(|c: char| !c.is_alphabetic())
        .any(|w| english.is_reporting(w));
    let subject_before = args
        .iter()
        .any(|a| a.range.end <= open && text[a.range.end..open].trim().is_empty());
    if word_count(inner) <= tuning().appositive_words && !reports && subject_before {
        open
    } else {
        at
    }
}

/// Whether the trigger at `at` is a noun whose owner is the clause's subject:
/// "his visit to", "their trip to", "during a visit to".
pub fn owned_by_subject(text: &str, sentence: &Range<usize>, at: usize) -> bool {
    let before = fold(&text[sentence.start..at]);
    let words: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take(tuning().owner_words)
        .collect();
    // "his visit", "her historic visit", "during a landmark visit": a
    // possessive or "during a" within a few words, only adjectives between.
    let owner = |w: &&str| listed(&Language::english().grammar.possessives, w);
    let article = |w: &&str| listed(&Language::english().grammar.articles, w);
    let Some(at) = words.iter().position(|w| owner(w) || article(w)) else {
        return false;
    };
    let adjectives = words[..at]
        .iter()
        .all(|w| w.chars().all(char::is_alphabetic));
    adjectives
        && at <= tuning().owner_adjectives
        && (owner(&words[at]) || words.get(at + 1).is_some_and(|w| *w == "during"))
}

/// The list of eligible arguments introduced by "with" after byte `from`
/// (within a few words): "signed a statement of intent with the Qatari delegation".
pub fn with_objects<'a>(
    text: &str,
    args: &'a [Arg],
    from: usize,
    ok: impl Fn(&Arg) -> bool,
    joiners: &[String],
) -> Vec<&'a Arg> {
    let Some(first) = args.iter().find(|a| a.range.start >= from && ok(a)) else {
        return Vec::new();
    };
    let gap = fold(&text[from..first.range.start]);
    let words: Vec<&str> = gap.split_whitespace().collect();
    let introduced = words
        .iter()
        .rposition(|w| *w == "with")
        .is_some_and(|i| words.len() - i <= tuning().with_words);
    if !introduced || words.len() > tuning().with_gap_words || gap.contains([',', ';']) {
        return Vec::new();
    }
    list_after(text, args, first.range.start, 0, ok, joiners)
}

/// Whether `arg` only qualifies an appositive after an earlier name: the
/// text since the last comma after `from` is a description ending in "of"
/// ("designation of Sali Berisha, a former President of Albania").
pub fn qualifies_appositive(text: &str, from: usize, arg: &Arg) -> bool {
    let Some(comma) = text[from..arg.range.start].rfind(',') else {
        return false;
    };
    let segment = text[from + comma + 1..arg.range.start].trim();
    let described = segment.starts_with(char::is_lowercase);
    let last = segment.rsplit(' ').next().unwrap_or("");
    described && last == "of"
}

/// Whether byte `at` lies in the complement clause of a verb ending at
/// `verb_end` ("agreed that achieving agreement among A, B and C …"): the
/// text between opens with a complementizer and stays in one clause (no
/// `;`). What such a clause names is what was agreed or said, no fact of
/// its own.
pub fn in_complement(text: &str, verb_end: usize, at: usize) -> bool {
    if at < verb_end {
        return false;
    }
    let gap = &text[verb_end..at];
    let first = gap.split_whitespace().next().unwrap_or("");
    listed(&Language::english().grammar.complementizers, &fold(first)) && !gap.contains(';')
}

#[cfg(test)]
mod tests {
    use super::super::args::arg;
    use super::*;

    #[test]
    fn appositive_between_subject_and_verb() {
        let text = "Gen. Jane Doe, commander of Southern Command, visited Ruritania.";
        let sentence = 0..text.len();
        let args = [arg(5..13), arg(31..43)];
        let at = text.find("visited").unwrap();
        assert_eq!(before_appositive(text, &sentence, &args, at), 13);
        let plain = "Jane Doe visited Ruritania.";
        let at = plain.find("visited").unwrap();
        assert_eq!(
            before_appositive(plain, &(0..plain.len()), &[arg(0..8)], at),
            at
        );
    }

    #[test]
    fn semicolons_between_list_items_do_not_end_the_clause() {
        let text = "designating his spouse, A; his son, B; and his daughter; B was also listed.";
        let sentence = 0..text.len();
        let end = clause_end(text, &sentence, 0, &[]);
        assert_eq!(&text[end..], "; B was also listed.");
        let clauses = "designating A; the Department is also designating B.";
        let end = clause_end(clauses, &(0..clauses.len()), 0, &[]);
        assert_eq!(&clauses[end..], "; the Department is also designating B.");
    }

    #[test]
    fn continued_clauses() {
        let text = "During his visit, Holsey will hold talks, including meeting with Phillips.";
        let sentence = 0..text.len();
        let at = text.find("meeting").unwrap();
        let start = governing_clause_start(text, &sentence, at);
        assert_eq!(&text[start..at], " Holsey will hold talks, including ");
        let plain = "Holsey arrived, and met Phillips.";
        let at = plain.find("met").unwrap();
        assert_eq!(governing_clause_start(plain, &(0..plain.len()), at), 15);
    }

    #[test]
    fn owners_and_clauses() {
        let text = "Rubio met Jean during his visit to Kingston";
        let at = text.find("visit to").unwrap();
        assert!(owned_by_subject(text, &(0..text.len()), at));
        let text = "Rubio met Jean during a visit to Kingston";
        let at = text.find("visit to").unwrap();
        assert!(owned_by_subject(text, &(0..text.len()), at));
        let text = "It designated A and B as terrorists, and more.";
        let stops = vec!["as".to_string()];
        let end = clause_end(text, &(0..text.len()), 3, &stops);
        assert_eq!(&text[..end], "It designated A and B ");
    }

    #[test]
    fn owners_across_adjectives() {
        let owned = |text: &str| {
            let at = text.find("visit to").unwrap();
            owned_by_subject(text, &(0..text.len()), at)
        };
        assert!(owned("Rice met Gadhafi during a landmark visit to Tripoli"));
        assert!(owned("Rice met Gadhafi on her historic visit to Tripoli"));
        assert!(!owned("Rice met Gadhafi, who praised the visit to Tripoli"));
        assert!(!owned("Rice met Gadhafi after the 2008 visit to Tripoli"));
    }

    #[test]
    fn appositive_qualifiers() {
        let text = "designation of Sali Berisha, a former President of Albania, due to";
        let albania = text.find("Albania").unwrap();
        let at = text.find("of").unwrap() + 2;
        assert!(qualifies_appositive(text, at, &arg(albania..albania + 7)));
        let text = "designated Kenya, Uganda and Ruritania";
        let at = text.find("Ruritania").unwrap();
        assert!(!qualifies_appositive(text, 10, &arg(at..at + 9)));
    }
}
