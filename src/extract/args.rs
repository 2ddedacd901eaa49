//! Arguments: the linked mentions of a sentence, merged where they name one
//! entity twice ("the Ecuadorian Foreign Minister, Juan Carlos Holguín"), and
//! the lists they form ("Los Lobos and Los Choneros").

use std::ops::Range;

use super::money::find_money;
use crate::mentions::{is_apposition, Mention, MentionKind, Resolution};
use crate::model::{Dataset, EntityKind};
use crate::text::{fold, is_calendar_word, listed, tuning, Language};

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
    let args = merged_args(text, mentions);
    let qualifier = |i: usize| {
        let (Some(this), Some(next)) = (args.get(i), args.get(i + 1)) else {
            return false;
        };
        let body = matches!(
            dataset.entities[this.entity].kind,
            EntityKind::Organization | EntityKind::Government
        );
        let person = dataset.entities[next.entity].kind == EntityKind::Person;
        let raw = &text[this.range.end.min(next.range.start)..next.range.start];
        // "(TPC)" after a council's name is its acronym, not a word between;
        // "Mission Director" is a title whose last word is a role.
        let words: Vec<&str> = raw
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .filter(|w| !(w.starts_with('(') && w.ends_with(')')))
            .collect();
        let is_role = |w: &str| role_nouns.iter().any(|r| *r == fold(w));
        // A title between them: role nouns and capitalised words ("Legal
        // Counsel", "counterpart"), but no day or month ("Liberia Monday").
        let title_word = |w: &str| {
            w.starts_with(char::is_uppercase)
                && !is_calendar_word(w.trim_matches(|c: char| !c.is_alphabetic()))
        };
        let titled = words.len() <= tuning().titled_words
            && words.last().is_some_and(|w| is_role(w) || title_word(w))
            && words.iter().all(|w| is_role(w) || title_word(w));
        body && person && !words.is_empty() && !raw.contains([',', ';']) && titled
    };
    // "U.S.-Qatar Strategic Dialogue": two names joined by a hyphen modify a noun.
    let hyphen = |a: &Arg, b: &Arg| {
        matches!(
            text.get(a.range.end..b.range.start),
            Some("-") | Some("\u{2013}")
        )
    };
    let compound = |i: usize| {
        let this = &args[i];
        let next = args.get(i + 1).is_some_and(|n| hyphen(this, n));
        let before = i.checked_sub(1).is_some_and(|b| hyphen(&args[b], this));
        next || before || compound_adjective(text, this)
    };
    let possessive = |i: usize| {
        let this = &args[i];
        matches!(
            dataset.entities[this.entity].kind,
            EntityKind::Organization | EntityKind::Government
        ) && is_possessive_qualifier(text, this, args.get(i + 1))
    };
    // "President Macron of France": the country only says whose president.
    let of_country = |i: usize| {
        let (Some(this), Some(before)) = (args.get(i), i.checked_sub(1).and_then(|b| args.get(b)))
        else {
            return false;
        };
        dataset.entities[this.entity].kind == EntityKind::Government
            && dataset.entities[before.entity].kind == EntityKind::Person
            && matches!(
                fold(&text[before.range.end.min(this.range.start)..this.range.start]).trim(),
                "of" | "of the"
            )
    };
    // "Deputy Commander of the Botswana Defence Force, Maj. Gen. Mpho
    // Mophuting": the force only says whose deputy commander.
    let english = Language::english();
    let title_of = |i: usize| {
        let (Some(this), Some(next)) = (args.get(i), args.get(i + 1)) else {
            return false;
        };
        if dataset.entities[next.entity].kind != EntityKind::Person
            || !text[this.range.end..next.range.start.max(this.range.end)].contains(',')
        {
            return false;
        }
        // Three words at most are read: a bounded look back, never the article.
        let mut from = this.range.start.saturating_sub(tuning().of_head_bytes);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let before = fold(&text[from..this.range.start]);
        let mut words = before.split_whitespace().rev();
        let head = match (words.next(), words.next(), words.next()) {
            (Some("the"), Some("of"), head) | (Some("of"), head, _) => head,
            _ => None,
        };
        let gap = text[this.range.end..next.range.start].trim();
        let gap = gap.strip_prefix(',').unwrap_or(gap).trim();
        dataset.entities[next.entity].kind == EntityKind::Person
            && head.is_some_and(|h| english.is_title(h))
            && text[this.range.end..next.range.start].contains(',')
            && (gap.is_empty() || english.is_title(gap))
    };
    // "the top U.S. commander in Iraq, General Ray Odierno": names inside a
    // description that a person's name stands in apposition to.
    let described = |i: usize| description_start(dataset, text, &args, i, role_nouns);
    // A qualifier joins the name it qualifies, so lists read on across it.
    let mut kept: Vec<Arg> = Vec::with_capacity(args.len());
    let mut pending_start: Option<usize> = None;
    for (i, arg) in args.iter().enumerate() {
        if of_country(i) {
            if let Some(last) = kept.last_mut() {
                last.range.end = arg.range.end;
            }
        } else if compound(i) {
            continue;
        } else if let Some(start) = described(i) {
            pending_start.get_or_insert(start.min(arg.range.start));
        } else if qualifier(i) || possessive(i) || title_of(i) {
            pending_start.get_or_insert(arg.range.start);
        } else {
            let mut arg = arg.clone();
            if let Some(start) = pending_start.take() {
                arg.range.start = start;
            }
            kept.push(arg);
        }
    }
    kept
}

/// Where the description holding body `args[i]` starts, when the body only
/// says whose or where a person is: the description ends at a comma before
/// the person's name ("Gates and the top U.S. commander in Iraq, General Ray
/// Odierno, met …"; "Chad's Chief of General Staff of the Armed Forces,
/// General Abakar Daoud"). It runs back to a comma, a semicolon, an opener
/// ("and", "with") or a person, holds a role noun and no verb in a past
/// form, and only bodies stand in it.
fn description_start(
    dataset: &Dataset,
    text: &str,
    args: &[Arg],
    i: usize,
    role_nouns: &[String],
) -> Option<usize> {
    let kind = |a: &Arg| dataset.entities[a.entity].kind;
    let this = &args[i];
    if kind(this) == EntityKind::Person {
        return None;
    }
    let person = args[i + 1..]
        .iter()
        .find(|a| kind(a) == EntityKind::Person)?;
    let (tail, before_name) = text
        .get(this.range.end..person.range.start)?
        .split_once(',')?;
    let english = Language::english();
    let before_name = before_name.trim();
    if before_name.contains([',', ';'])
        || !(before_name.is_empty() || english.is_title(before_name))
        || tail.contains([';', '(', ')', '"', '\u{201c}'])
    {
        return None;
    }
    // A bounded look back, never past the last person named.
    let floor = args[..i]
        .iter()
        .rev()
        .find(|a| kind(a) == EntityKind::Person)
        .map_or(0, |a| a.range.end);
    let mut from = this
        .range
        .start
        .saturating_sub(tuning().description_bytes)
        .max(floor);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..this.range.start];
    from += head.rfind([',', ';', '(']).map_or(0, |c| c + 1);
    let mut start = from;
    for (at, word) in words_at(&text[from..this.range.start]) {
        if listed(&english.grammar.description_openers, &fold(word)) {
            start = from + at + word.len();
        }
    }
    let words: Vec<&str> = words_at(&text[start..this.range.start])
        .chain(words_at(tail))
        .map(|(_, w)| w)
        .collect();
    let role = words.iter().any(|w| listed(role_nouns, &fold(w)));
    // A capitalised word belongs to a name or a title ("Armed Forces").
    let verb = words.iter().any(|w| {
        let folded = fold(w);
        w.starts_with(char::is_lowercase)
            && (english.is_past_form(&folded) || english.is_reporting(&folded))
    });
    let start = start + (text[start..].len() - text[start..].trim_start().len());
    (role && !verb && words.len() <= tuning().description_words).then_some(start)
}

/// The words of `text` with their byte offsets, stripped of punctuation.
fn words_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().filter_map(move |w| {
        let word = w.trim_matches(|c: char| !c.is_alphanumeric());
        let offset = word.as_ptr() as usize - text.as_ptr() as usize;
        (!word.is_empty()).then_some((offset, word))
    })
}

fn merged_args(text: &str, mentions: &[&Mention]) -> Vec<Arg> {
    let mut args: Vec<Arg> = Vec::new();
    for mention in mentions {
        let Some(entity) = mention.entity else {
            continue;
        };
        let mut range = mention.range.clone();
        if mention.kind == MentionKind::Demonym {
            // "the Qatari delegation" stands for Qatar; "Qatari" alone does not.
            match group_noun_after(text, range.end) {
                Some(end) => range.end = end,
                None => continue,
            }
        }
        let indirect = !matches!(mention.resolution, Resolution::Alias);
        if let Some(last) = args.last_mut() {
            let gap = &text[last.range.end.min(mention.range.start)..mention.range.start];
            let close = is_apposition(text, last.range.end, mention.range.start)
                || (gap.split_whitespace().count() <= tuning().same_entity_gap_words
                    && !is_list_gap(gap, &["and".to_string()]));
            if last.entity == entity && close {
                last.range.end = range.end;
                last.indirect &= indirect;
                last.glued |= mention.glued;
                continue;
            }
        }
        args.push(Arg {
            entity,
            range,
            indirect,
            glued: mention.glued,
        });
    }
    args
}

/// The end of a group noun right after byte `at` ("delegation"), if one is there.
fn group_noun_after(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let trimmed = rest.trim_start();
    let word_len = trimmed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(trimmed.len());
    let word = &trimmed[..word_len];
    (!word.is_empty()
        && rest.len() > trimmed.len()
        && Language::english().is_group_noun(&fold(word)))
    .then(|| at + (rest.len() - trimmed.len()) + word_len)
}

/// Whether the argument is in the possessive ("Burma's"): a determiner of
/// what follows, not a party.
pub fn is_possessive(text: &str, arg: &Arg) -> bool {
    let own = &text[arg.range.clone()];
    let after = &text[arg.range.end..];
    ["'s", "\u{2019}s"]
        .iter()
        .any(|s| own.ends_with(s) || after.starts_with(s))
}

/// Whether the argument is a possessive that only qualifies the next name:
/// "Burma's Ministry of Defense", "Ukraine's Prime Minister Volodymyr Groysman".
pub fn is_possessive_qualifier(text: &str, arg: &Arg, next: Option<&Arg>) -> bool {
    let Some(next) = next else {
        return false;
    };
    let after = &text[arg.range.end..next.range.start.max(arg.range.end)];
    is_possessive(text, arg)
        && word_count(after) <= tuning().possessive_qualifier_words
        && !after.contains([',', ';'])
}

/// Whether a name heads a compound adjective of place ("Iran-based
/// operatives", "a London-registered firm"): a hyphen and one of the pack's
/// place participles follow it, so it only says where the noun after is.
/// Other compounds keep the name: "U.S.-funded" names the funder.
fn compound_adjective(text: &str, arg: &Arg) -> bool {
    let rest = &text[arg.range.end..];
    let Some(after) = rest.strip_prefix(['-', '\u{2010}']) else {
        return false;
    };
    // A line-wrapped hyphen may leave a space: "Iran- based".
    let after = after.strip_prefix(' ').unwrap_or(after);
    let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    listed(&Language::english().grammar.place_participles, &fold(&word))
}

/// Whether the text between two list items joins them: a comma, a joiner
/// ("and", "as well as"), or both, optionally followed by "the".
pub fn is_list_gap(gap: &str, joiners: &[String]) -> bool {
    // Gaps between list items are short: long ones are not list gaps, and
    // short ones are compared without allocating.
    let trimmed = gap.trim();
    // An appositive inside the list (", minister of …, and ") makes it longer.
    let limit = if trimmed.starts_with(',') && trimmed[1..].contains(',') {
        120
    } else {
        40
    };
    if trimmed.is_empty() || trimmed.len() > limit {
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
        // "Kwape, minister of international affairs, and Mmusi": an
        // appositive between two items of a list.
        if let Some((appositive, after)) = rest.split_once(',') {
            let words = appositive.split_whitespace().count();
            let described = appositive.starts_with(char::is_lowercase)
                || Language::english()
                    .is_described_title(appositive.split(" of ").next().unwrap_or(""));
            let after = after.trim_start();
            let joined = joiners.iter().any(|j| {
                after.len() > j.len()
                    && after.is_char_boundary(j.len())
                    && after[..j.len()].eq_ignore_ascii_case(j)
                    && after[j.len()..].starts_with(' ')
            });
            // Only a joiner after it makes it a list ("…, and Mmusi"); a bare
            // name after it qualifies the title ("…, Commander, Botswana Defence Force").
            if (1..=10).contains(&words) && described && joined {
                rest = after;
            }
        }
    }
    fn word_prefix<'t>(text: &'t str, word: &str) -> Option<&'t str> {
        let head = text.get(..word.len())?;
        let tail = &text[word.len()..];
        (head.eq_ignore_ascii_case(word) && (tail.is_empty() || tail.starts_with(' ')))
            .then(|| tail.trim_start())
    }
    if let Some(stripped) = joiners.iter().find_map(|j| word_prefix(rest, j)) {
        rest = stripped;
        // "Mugabe and his longtime rival, Tsvangirai": a relation to the
        // item before describes the next one.
        if let Some(stripped) = possessive_description(rest) {
            rest = stripped;
        }
    }
    // "$8.5 million in Honduras, $7 million in Guatemala": each item's own sum.
    if let Some(stripped) = strip_sum(rest) {
        rest = stripped;
    }
    if let Some(stripped) = word_prefix(rest, "the") {
        rest = stripped;
    }
    // ", President Macron": a title before the next name does not break the list.
    let english = Language::english();
    rest.is_empty() || english.is_title(rest) || english.is_described_title(rest)
}

/// The rest of `gap` after a short description owned by the item before:
/// "his longtime rival, " or "her counterpart " (a possessive, then a few
/// lower-case words, perhaps a comma). None when `gap` opens otherwise.
fn possessive_description(gap: &str) -> Option<&str> {
    let english = Language::english();
    let mut words = gap.split_whitespace();
    let first = words.next()?;
    if !listed(&english.grammar.possessives, &fold(first)) {
        return None;
    }
    let mut end = gap.find(first)? + first.len();
    for (count, word) in words.enumerate() {
        let bare = word.trim_end_matches(',');
        let lower = bare.chars().all(|c| c.is_lowercase() || c == '-');
        if !lower || bare.is_empty() || count >= tuning().item_description_words {
            break;
        }
        end = gap[end..].find(word)? + end + word.len();
        if word.ends_with(',') {
            break;
        }
    }
    let rest = gap[end..].trim_start();
    (end > first.len() + gap.find(first)?).then_some(rest)
}

/// Whether `gap`, before `next`, separates the items of a list written with
/// semicolons (items that hold commas or titles): "A; B; and C". A bare
/// semicolon counts when another one follows the item (the list goes on);
/// a semicolon and a joiner ("; and ") end the list.
fn is_semicolon_list_gap(text: &str, gap: &str, next: &Arg, joiners: &[String]) -> bool {
    let Some(rest) = gap.trim().strip_prefix(';') else {
        return false;
    };
    let rest = without_item_description(rest.trim());
    if rest.is_empty() {
        return text[next.range.end..].trim_start().starts_with(';');
    }
    listed(joiners, &fold(rest))
}

/// A list item's gap without the short lower-case description that opens
/// the item before its name ("; his son, Jose Alejos" → ";"; "; and his
/// spouse, Beatriz" → "; and").
fn without_item_description(rest: &str) -> &str {
    let Some(head) = rest.strip_suffix(',') else {
        return rest;
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    let described = words.iter().all(|w| w.starts_with(char::is_lowercase))
        && (1..=tuning().item_description_words).contains(&words.len());
    if !described {
        return rest;
    }
    // Keep a leading joiner ("and"): it still ends the list.
    match words.first() {
        Some(&"and") if words.len() > 1 => "and",
        _ => "",
    }
}

/// Whether `gap` between two list items is a separator (a comma or a
/// semicolon, perhaps a joiner and "the") and then a capitalised title
/// heading the next item: ", Prime Minister-Designate ", ", the Governor of
/// the Central Bank ", "; and Greenlandic Minister of Foreign Affairs,
/// Business, Trade, and Climate ". The title holds a title word; its other
/// words are capitalised or join a title ("of", "the", "and").
pub fn is_titled_list_gap(gap: &str, joiners: &[String]) -> bool {
    let english = Language::english();
    let Some(rest) = gap.trim().strip_prefix([',', ';']) else {
        return false;
    };
    let mut words: Vec<&str> = rest.split_whitespace().collect();
    if words.first().is_some_and(|w| listed(joiners, &fold(w))) {
        words.remove(0);
    }
    if words.first().is_some_and(|w| fold(w) == "the") {
        words.remove(0);
    }
    if words.is_empty() || words.len() > tuning().list_title_words {
        return false;
    }
    let mut titled = false;
    for word in &words {
        let word = word.trim_end_matches(',');
        for part in word.split(['-', '\u{2013}']) {
            let folded = fold(part.trim_end_matches('.'));
            if english.is_title(part) {
                titled = true;
            } else if !(part.starts_with(char::is_uppercase)
                || listed(&english.grammar.title_joiners, &folded))
            {
                return false;
            }
        }
    }
    // The title ends at the name: no joiner last ("…, and Climate Pele").
    let last = fold(words[words.len() - 1].trim_end_matches(','));
    titled
        && !words[words.len() - 1].ends_with(',')
        && !listed(&english.grammar.title_joiners, &last)
}

/// `gap` without a leading sum and its preposition ("up to $7 million in "),
/// when it starts with one.
fn strip_sum(gap: &str) -> Option<&str> {
    if !gap.contains(|c: char| c.is_ascii_digit()) {
        return None; // no sum without a figure
    }
    let money = find_money(gap).into_iter().next()?;
    let hedge = fold(&gap[..money.range.start]);
    let hedged = hedge
        .split_whitespace()
        .all(|w| listed(&Language::english().grammar.sum_hedges, w));
    let after = gap[money.range.end..].trim_start();
    let preposition = Language::english()
        .grammar
        .sum_prepositions
        .iter()
        .find(|p| {
            after
                .get(..p.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(p))
                && after[p.len()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })?;
    hedged.then(|| after[preposition.len()..].trim_start())
}

/// Whether `gap` holds an infinitive ("… with allies to discuss support
/// for Ukraine"): what follows belongs to a purpose clause, not the verb.
pub fn has_infinitive(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    words.windows(2).any(|w| {
        w[0] == "to"
            && w[1].chars().all(|c| c.is_ascii_lowercase())
            && !listed(&Language::english().grammar.determiners, w[1])
    })
}

/// An argument of entity 0 over `range`, for tests.
#[cfg(test)]
pub(super) fn arg(range: Range<usize>) -> Arg {
    Arg {
        entity: 0,
        range,
        indirect: false,
        glued: false,
    }
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
    if word_count(gap) > max_gap || gap.contains(';') || opens_contrast_clause(gap) {
        return Vec::new();
    }
    let mut list = vec![&args[first]];
    let mut last_end = args[first].range.end;
    for arg in &args[first + 1..] {
        let gap = &text[last_end..arg.range.start];
        if !is_list_gap(gap, joiners)
            && !is_titled_list_gap(gap, joiners)
            && !is_semicolon_list_gap(text, gap, arg, joiners)
        {
            break;
        }
        if ok(arg) {
            list.push(arg);
        }
        last_end = arg.range.end;
    }
    list
}

/// A list of objects with the members a group in it names after
/// "including" ("met with government officials, including President Aoun
/// and Speaker Berri"; "with the ambassadors to the United States,
/// including Ambassador Otaiba of the UAE and …"): the members join the
/// list, and a name inside the group's own phrase after a preposition ("to
/// the United States") leaves it.
pub fn with_included<'a>(
    text: &str,
    args: &'a [Arg],
    mut list: Vec<&'a Arg>,
    ok: impl Fn(&Arg) -> bool + Copy,
    joiners: &[String],
) -> Vec<&'a Arg> {
    let Some(last) = list.last() else {
        return list;
    };
    // Where the members start: inside the list, or right after it.
    let split = (1..list.len())
        .find(|&i| continuation_len(&text[list[i - 1].range.end..list[i].range.start]).is_some());
    let members = match split {
        Some(i) => list.split_off(i),
        None => {
            let rest = &text[last.range.end..];
            let Some(lead) = continuation_len(rest) else {
                return list;
            };
            let from = last.range.end + lead;
            list_after(text, args, from, tuning().titled_words, ok, joiners)
        }
    };
    if members.is_empty() {
        return list;
    }
    let english = Language::english();
    let in_group = |a: &Arg| {
        let mut words = text[..a.range.start].split_whitespace().rev().map(fold);
        let word = match words.next() {
            Some(w) if w == "the" => words.next(),
            other => other,
        };
        word.is_some_and(|w| w != "with" && listed(&english.grammar.prepositions, &w))
    };
    list.into_iter()
        .filter(|a| !in_group(a))
        .chain(members)
        .collect()
}

/// When `gap` opens (after a comma) with a continuation word ("including",
/// "such as"), the length of that opening.
fn continuation_len(gap: &str) -> Option<usize> {
    let lead = gap.trim_start().trim_start_matches(',').trim_start();
    let skipped = gap.len() - lead.len();
    Language::english()
        .grammar
        .clause_continuations
        .iter()
        .find(|w| {
            lead.get(..w.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(w))
                && lead[w.len()..].starts_with(' ')
        })
        .map(|w| skipped + w.len())
}

/// Whether `gap` holds a comma followed by a contrast conjunction ("…,
/// while the European Union"): what follows is another clause's.
pub fn opens_contrast_clause(gap: &str) -> bool {
    let conjunctions = &Language::english().grammar.contrast_conjunctions;
    gap.split(',').skip(1).any(|after| {
        let first = after.split_whitespace().next().unwrap_or("");
        listed(conjunctions, &fold(first))
    })
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
        let gap = &text[arg.range.end..first_start];
        if !is_list_gap(gap, joiners) && !is_titled_list_gap(gap, joiners) {
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

    #[test]
    fn described_list_items() {
        let joiners = vec!["and".to_string()];
        let text = "his spouse, A; his son, B; and his minor daughter, C.";
        let item = |name: &str| {
            let at = text.find(name).unwrap();
            arg(at..at + 1)
        };
        assert!(is_semicolon_list_gap(
            text,
            "; his son, ",
            &item("B"),
            &joiners
        ));
        assert!(is_semicolon_list_gap(
            text,
            "; and his minor daughter, ",
            &item("C"),
            &joiners
        ));
        assert_eq!(
            without_item_description("Prime Minister,"),
            "Prime Minister,"
        );
    }

    #[test]
    fn titles_heading_list_items() {
        let joiners = vec!["and".to_string()];
        for gap in [
            ", Prime Minister-Designate ",
            ", the Governor of the Central Bank ",
            "; and Greenlandic Minister of Foreign Affairs, Business, Trade, and Climate ",
            "; Faroese Minister of Foreign Affairs and Culture ",
        ] {
            assert!(is_titled_list_gap(gap, &joiners), "{gap:?}");
        }
        let text = "met A; B; and C; then D";
        let item = |name: &str| {
            let at = text.find(name).unwrap();
            arg(at..at + 1)
        };
        assert!(is_semicolon_list_gap(text, "; ", &item("B"), &joiners));
        assert!(is_semicolon_list_gap(text, "; and ", &item("C"), &joiners));
        assert!(!is_semicolon_list_gap(
            text,
            "; then ",
            &item("D"),
            &joiners
        ));
        assert!(!is_semicolon_list_gap(
            "met A; D said",
            "; ",
            &arg(7..8),
            &joiners
        ));
        for gap in [
            "; ",
            " met ",
            ", who met the Minister ",
            ", and the President of ",
            "; the Minister said on Tuesday that ",
        ] {
            assert!(!is_titled_list_gap(gap, &joiners), "{gap:?}");
        }
    }

    #[test]
    fn possessives_qualify() {
        let text = "Burma's Ministry of Defense";
        assert!(is_possessive_qualifier(
            text,
            &arg(0..5),
            Some(&arg(8..text.len()))
        ));
        assert!(!is_possessive_qualifier(text, &arg(0..5), None));
    }
}
