//! Applying relation patterns to the sentences of an article.

use std::ops::Range;

use serde::Serialize;

use super::args::{eligible, list_after, list_before, sentence_args, word_count, Arg};
use super::attributes::{agreement_what, money_near};
use super::cues::{any, any_within, CueKind, CueSet, Hit};
use super::patterns::{OnPlanned, Pattern, PatternRelation, PatternSet, Shape};
use super::phrases::{PhraseSet, PhraseSetBuilder};
use crate::mentions::{government_of, ArticleMentions, Resolution};
use crate::model::{
    AgreementStatus, Dataset, Date, EntityKind, FundingStatus, MeetingMode, RelationKind,
};
use crate::text::{fold, fold_name, FoldedText};

/// Where a fact's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrigin {
    /// A date written in the sentence.
    Sentence,
    /// The last date written in an earlier sentence of the article.
    Context,
    /// The article's date (main event, else publication): the text gave none.
    Fallback,
}

/// A fact found in an article, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedFact {
    /// Subject entity index.
    #[serde(skip)]
    pub subject: usize,
    /// Object entity index.
    #[serde(skip)]
    pub object: usize,
    /// The relation and its attributes.
    pub relation: RelationKind,
    /// When.
    pub date: Date,
    /// Where the date comes from.
    pub date_origin: DateOrigin,
    /// Sentence index.
    pub sentence: usize,
    /// Byte range of the sentence in the article.
    pub sentence_range: Range<usize>,
    /// Byte range of the subject mention.
    pub subject_range: Range<usize>,
    /// Byte range of the object mention (of the phrase standing for it).
    pub object_range: Range<usize>,
    /// Byte range of the trigger.
    pub trigger_range: Range<usize>,
    /// Id of the pattern that found it.
    pub pattern: String,
    /// How sure the matcher is, 0–1.
    pub confidence: f32,
}

/// Relation patterns compiled for matching. Build it once per run.
#[derive(Debug, Clone)]
pub struct Extractor {
    set: PatternSet,
    cues: CueSet,
    /// Triggers, each with the patterns it belongs to, in file order.
    triggers: PhraseSet<usize>,
}

/// One argument slot filled: the entity and the text standing for it.
#[derive(Debug, Clone)]
struct Party {
    entity: usize,
    range: Range<usize>,
    certainty: f32,
}

impl Party {
    fn of(arg: &Arg) -> Party {
        let mut certainty = 1.0;
        if arg.indirect {
            certainty *= 0.95;
        }
        if arg.glued {
            certainty *= 0.9;
        }
        Party {
            entity: arg.entity,
            range: arg.range.clone(),
            certainty,
        }
    }
}

impl Extractor {
    /// Compiles the triggers of a pattern set.
    pub fn new(set: &PatternSet) -> Extractor {
        let mut triggers = PhraseSetBuilder::new();
        for (p, pattern) in set.patterns.iter().enumerate() {
            for trigger in &pattern.triggers {
                triggers.add(trigger, p);
            }
        }
        Extractor {
            set: set.clone(),
            cues: CueSet::new(&set.cues),
            triggers: triggers.build(),
        }
    }

    /// The facts the patterns find in one analysed article. `fallback` is the
    /// date of facts whose text gives none (the article's main event, else its
    /// publication date).
    pub fn extract(
        &self,
        dataset: &Dataset,
        text: &str,
        analysis: &ArticleMentions,
        fallback: Option<Date>,
    ) -> Vec<ExtractedFact> {
        let folded = &analysis.folded;
        let ranking = government_ranking(dataset, analysis);
        let mut facts: Vec<ExtractedFact> = Vec::new();
        let mut context_date: Option<Date> = None;
        for sentence in &analysis.sentences {
            let mentions: Vec<_> = analysis.mentions_in(sentence.index).collect();
            let args = sentence_args(dataset, text, &mentions, &self.set.cues.role_nouns);
            let unlinked: Vec<Range<usize>> = mentions
                .iter()
                .filter(|m| m.entity.is_none())
                .map(|m| m.range.clone())
                .collect();
            let dates = &analysis.sentence_dates[sentence.index];
            let triggers = self.triggers_in(folded, sentence.range.clone(), &mentions);
            let hits = if triggers.is_empty() {
                Vec::new()
            } else {
                self.cues.hits(folded, sentence.range.clone())
            };
            for (trigger, patterns) in triggers {
                let date = sentence_date(text, dates, &trigger, analysis.reference_date)
                    .map(|d| (d, DateOrigin::Sentence))
                    .or(context_date.map(|d| (d, DateOrigin::Context)))
                    .or(fallback.map(|d| (d, DateOrigin::Fallback)));
                let Some((date, date_origin)) = date else {
                    continue;
                };
                let recent_people = recent_people(dataset, analysis, trigger.start);
                for &p in patterns {
                    let pattern = &self.set.patterns[p];
                    let site = Site {
                        dataset,
                        text,
                        sentence: sentence.range.clone(),
                        trigger: trigger.clone(),
                        args: &args,
                        ranking: &ranking,
                        recent_people: &recent_people,
                        cues: &hits,
                        unlinked: &unlinked,
                    };
                    let found = self.apply(pattern, &site);
                    if found.is_empty() {
                        continue;
                    }
                    for (subject, object, relation, confidence) in found {
                        push_fact(
                            &mut facts,
                            ExtractedFact {
                                subject: subject.entity,
                                object: object.entity,
                                relation,
                                date,
                                date_origin,
                                sentence: sentence.index,
                                sentence_range: sentence.range.clone(),
                                subject_range: subject.range,
                                object_range: object.range,
                                trigger_range: trigger.clone(),
                                pattern: pattern.id.clone(),
                                confidence: (pattern.confidence * confidence * 100.0).round()
                                    / 100.0,
                            },
                        );
                    }
                    break;
                }
            }
            // Later sentences inherit the last date this one gives. The
            // article's own date ("Published on …", "today") says nothing about
            // when things happened: after it, the main event's date is the
            // better guess again.
            let dated: Vec<_> = dates
                .iter()
                .filter(|d| !is_publication_date(text, d))
                .collect();
            if let Some(last) = dated.last() {
                let own_date = !last.explicit && Some(last.date) == analysis.reference_date;
                context_date = (!own_date).then_some(last.date);
            }
        }
        facts
    }

    /// Trigger occurrences in a sentence (whole words, outside mentions), with their patterns.
    fn triggers_in<'s>(
        &'s self,
        folded: &FoldedText,
        sentence: Range<usize>,
        mentions: &[&crate::mentions::Mention],
    ) -> Vec<(Range<usize>, &'s [usize])> {
        let mut out = Vec::new();
        // Search the folded text of the sentence only.
        // Every whole-word occurrence first, then leftmost-longest: a longer
        // trigger that fails the word check ("met withDaniel") leaves the
        // shorter one ("met") its chance.
        let mut candidates = self.triggers.find(folded, sentence);
        candidates.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
        let mut covered_to = 0;
        for (folded_range, patterns) in candidates {
            if folded_range.start < covered_to {
                continue;
            }
            let range = folded.original_range(folded_range.clone());
            if mentions
                .iter()
                .any(|m| m.range.start < range.end && range.start < m.range.end)
            {
                continue;
            }
            covered_to = folded_range.end;
            out.push((range, patterns));
        }
        out
    }

    /// The facts one pattern gives at one trigger: (subject, object, relation, certainty).
    fn apply(&self, pattern: &Pattern, site: &Site<'_>) -> Vec<(Party, Party, RelationKind, f32)> {
        let sentence_text = &site.text[site.sentence.clone()];
        let trigger_in_sentence =
            site.trigger.start - site.sentence.start..site.trigger.end - site.sentence.start;
        // Negation and planning just before the trigger; planning cues near it.
        let offset = site.sentence.start;
        let before = |n| {
            start_of_words_before(sentence_text, trigger_in_sentence.start, n) + offset
                ..site.trigger.start
        };
        if any_within(site.cues, CueKind::Negation, before(3)) {
            return Vec::new();
        }
        let window = around(sentence_text, trigger_in_sentence.clone(), 6, 8);
        let planned = any_within(site.cues, CueKind::Planned, before(2))
            || any_within(
                site.cues,
                CueKind::PlannedAnywhere,
                window.start + offset..window.end + offset,
            );
        if planned && pattern.on_planned == OnPlanned::Drop {
            return Vec::new();
        }
        let pairs = self.attach(pattern, site);
        let Some(relation) = self.relation(pattern, site, sentence_text, trigger_in_sentence)
        else {
            return Vec::new();
        };
        if pattern.needs_amount
            && !matches!(
                relation,
                RelationKind::Funded {
                    amount: Some(_),
                    ..
                }
            )
        {
            return Vec::new();
        }
        pairs
            .into_iter()
            .filter(|(s, o, _)| s.entity != o.entity)
            .map(|(s, o, certainty)| {
                let certainty = certainty * s.certainty * o.certainty;
                (s, o, relation.clone(), certainty)
            })
            .collect()
    }

    /// Finds the parties for the pattern's shape: (subject, object, certainty) triples.
    fn attach(&self, pattern: &Pattern, site: &Site<'_>) -> Vec<(Party, Party, f32)> {
        let joiners = &self.set.cues.list_joiners;
        let subject_ok = |a: &Arg| eligible(site.dataset, a, &pattern.subject_kinds);
        let object_ok = |a: &Arg| eligible(site.dataset, a, &pattern.object_kinds);
        let party_ok = |a: &Arg| subject_ok(a) || object_ok(a);
        let text = site.text;
        let trigger = &site.trigger;
        let args = site.args;
        match pattern.shape {
            Shape::SubjectObject => {
                let sentence_before = text[site.sentence.start..trigger.start].trim();
                let participle = text[trigger.clone()]
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.to_lowercase().ends_with("ing"));
                let (subject, objects): (Option<&Arg>, Vec<&Arg>) =
                    if participle && sentence_before.is_empty() {
                        // "Commending Noboa for…, Rubio said": object right after, subject after the comma.
                        let comma = text[trigger.end..site.sentence.end]
                            .find(',')
                            .map(|i| trigger.end + i);
                        let objects = list_after(text, args, trigger.end, 6, object_ok, joiners)
                            .into_iter()
                            .filter(|a| comma.is_none_or(|c| a.range.end <= c))
                            .collect();
                        let subject = comma
                            .and_then(|c| args.iter().find(|a| a.range.start > c && subject_ok(a)));
                        (subject, objects)
                    } else {
                        let subject = if participle && sentence_before.ends_with(',') {
                            // "…, Holguín said on Monday, thanking Washington": the
                            // speaker; else the sentence's subject, its first party.
                            let speaker = args.iter().rev().find(|a| {
                                a.range.end <= trigger.start
                                    && subject_ok(a)
                                    && is_reporting(&text[a.range.end..trigger.start])
                            });
                            speaker.or_else(|| {
                                args.iter()
                                    .find(|a| a.range.end <= trigger.start && subject_ok(a))
                            })
                        } else {
                            let nearest =
                                list_before(text, args, trigger.start, 12, subject_ok, joiners)
                                    .last()
                                    .copied();
                            nearest.map(|n| head_of_phrase(text, args, n, subject_ok))
                        };
                        (
                            subject,
                            list_after(text, args, trigger.end, 14, object_ok, joiners),
                        )
                    };
                let Some(subject) = subject else {
                    return Vec::new();
                };
                let subject = Party::of(subject);
                if !objects.is_empty() {
                    return objects
                        .into_iter()
                        .map(|o| (subject.clone(), Party::of(o), 1.0))
                        .collect();
                }
                // No object after the trigger: "the country", else another party of
                // the sentence, unless a name the matcher could not link stands
                // right after the trigger (the object is unknown, not missing).
                if let Some(country) = self.country_reference(site, trigger.end, subject.entity) {
                    return vec![(subject, country, 0.85)];
                }
                let unknown_object = site.unlinked.iter().any(|r| {
                    r.start >= trigger.end && word_count(&text[trigger.end..r.start]) <= 3
                });
                if unknown_object {
                    return Vec::new();
                }
                let other = args
                    .iter()
                    .filter(|a| {
                        a.entity != subject.entity
                            && object_ok(a)
                            && !(a.range.start >= subject.range.start
                                && a.range.end <= subject.range.end)
                    })
                    .min_by_key(|a| a.range.start.abs_diff(trigger.start));
                other
                    .map(|o| vec![(subject, Party::of(o), 0.7)])
                    .unwrap_or_default()
            }
            Shape::Pair | Shape::PartiesAfter => {
                let mut parties: Vec<Party> = Vec::new();
                if pattern.shape == Shape::Pair {
                    let before = list_before(text, args, trigger.start, 8, party_ok, joiners);
                    if before.len() >= 2 {
                        parties = before.into_iter().map(Party::of).collect();
                    }
                }
                if parties.is_empty() {
                    let after = list_after(text, args, trigger.end, 8, party_ok, joiners);
                    if after.len() >= 2 {
                        parties = after.into_iter().map(Party::of).collect();
                    }
                }
                let mut certainty = 1.0;
                if parties.is_empty() {
                    parties = self.pair_reference(site);
                    certainty = 0.85;
                }
                let mut out = Vec::new();
                for (i, a) in parties.iter().enumerate() {
                    for b in &parties[i + 1..] {
                        out.push((a.clone(), b.clone(), certainty));
                    }
                }
                out
            }
            Shape::Passive => {
                let object = list_before(text, args, trigger.start, 6, object_ok, joiners);
                let subject = by_phrase(text, args, trigger.end, subject_ok);
                match subject {
                    Some(s) => object
                        .into_iter()
                        .map(|o| (Party::of(s), Party::of(o), 1.0))
                        .collect(),
                    None => Vec::new(),
                }
            }
            Shape::ByTo => {
                let Some(subject) = args
                    .iter()
                    .find(|a| a.range.start >= trigger.end && subject_ok(a))
                else {
                    return Vec::new();
                };
                if word_count(&text[trigger.end..subject.range.start]) > 4 {
                    return Vec::new();
                }
                let object = args.iter().find(|a| {
                    a.range.start >= subject.range.end && object_ok(a) && {
                        let gap = fold(&text[subject.range.end..a.range.start]);
                        let gap = gap.trim();
                        ["to", "to the", "in", "in the"].contains(&gap)
                    }
                });
                object
                    .map(|o| vec![(Party::of(subject), Party::of(o), 1.0)])
                    .unwrap_or_default()
            }
        }
    }

    /// The relation with its attributes; `None` when a required attribute is missing.
    fn relation(
        &self,
        pattern: &Pattern,
        site: &Site<'_>,
        sentence: &str,
        trigger: Range<usize>,
    ) -> Option<RelationKind> {
        Some(match pattern.relation {
            PatternRelation::MetWith => {
                let mode = if any(site.cues, CueKind::Phone) {
                    MeetingMode::Phone
                } else if any(site.cues, CueKind::Virtual) {
                    MeetingMode::Virtual
                } else {
                    pattern.mode.unwrap_or(MeetingMode::InPerson)
                };
                RelationKind::MetWith { mode }
            }
            PatternRelation::Funded => {
                let (amount, currency, purpose) = match money_near(sentence, trigger.end) {
                    Some((a, c, p)) => (Some(a), Some(c), p),
                    None => (None, None, None),
                };
                RelationKind::Funded {
                    amount,
                    currency,
                    purpose,
                    status: FundingStatus::Pledged,
                }
            }
            PatternRelation::Designated => {
                let designation = site
                    .cues
                    .iter()
                    .filter(|h| h.range.start >= site.trigger.end)
                    .find_map(|h| match h.kind {
                        CueKind::Designation(d) => self.set.cues.designations.get(d).cloned(),
                        _ => None,
                    })
                    .or_else(|| pattern.designation.clone())?;
                RelationKind::Designated { designation }
            }
            PatternRelation::Agreed => {
                let status = if any(site.cues, CueKind::InNegotiation) {
                    AgreementStatus::InNegotiation
                } else if any_within(site.cues, CueKind::Signed, site.trigger.clone()) {
                    AgreementStatus::Signed
                } else {
                    pattern.status.unwrap_or_default()
                };
                RelationKind::Agreed {
                    what: agreement_what(sentence, trigger),
                    status,
                }
            }
            PatternRelation::Visited => RelationKind::Visited,
            PatternRelation::Praised => RelationKind::Praised { about: None },
            PatternRelation::Thanked => RelationKind::Thanked { about: None },
            PatternRelation::Congratulated => RelationKind::Congratulated { about: None },
        })
    }

    /// "both countries": the article's two most-mentioned governments;
    /// "the two officials": the two people named last.
    fn pair_reference(&self, site: &Site<'_>) -> Vec<Party> {
        let pair = if any(site.cues, CueKind::PairReference) {
            site.ranking
        } else if any(site.cues, CueKind::PeoplePairReference) {
            site.recent_people
        } else {
            &[]
        };
        match pair {
            [a, b, ..] => vec![
                Party {
                    entity: *a,
                    range: site.sentence.clone(),
                    certainty: 1.0,
                },
                Party {
                    entity: *b,
                    range: site.sentence.clone(),
                    certainty: 1.0,
                },
            ],
            _ => Vec::new(),
        }
    }

    /// "the country" after `from`: the most-mentioned government other than the subject's.
    fn country_reference(&self, site: &Site<'_>, from: usize, subject: usize) -> Option<Party> {
        let hit = site
            .cues
            .iter()
            .find(|h| h.kind == CueKind::CountryReference && h.range.start >= from)?;
        let own = government_of(site.dataset, &site.dataset.entities[subject].id);
        let entity = site
            .ranking
            .iter()
            .copied()
            .find(|&g| Some(g) != own && g != subject)?;
        Some(Party {
            entity,
            range: hit.range.clone(),
            certainty: 1.0,
        })
    }
}

/// Where a trigger stands: the article, the sentence and its arguments.
struct Site<'a> {
    dataset: &'a Dataset,
    text: &'a str,
    sentence: Range<usize>,
    trigger: Range<usize>,
    args: &'a [Arg],
    /// Governments by number of mentions in the article, most first.
    ranking: &'a [usize],
    /// People named before the trigger, most recent first, each once.
    recent_people: &'a [usize],
    /// Cue words of the sentence.
    cues: &'a [Hit],
    /// Byte ranges of the sentence's mentions that link to nothing.
    unlinked: &'a [Range<usize>],
}

/// The text from `before` words before `range` to `after` words after it.
fn around(text: &str, range: Range<usize>, before: usize, after: usize) -> Range<usize> {
    let start = start_of_words_before(text, range.start, before);
    let end = text[range.end..]
        .char_indices()
        .filter(|&(_, c)| c.is_whitespace())
        .nth(after)
        .map_or(text.len(), |(i, _)| range.end + i);
    start..end
}

/// The byte offset where the `n`-th word before `at` starts (0 when there are fewer).
fn start_of_words_before(text: &str, at: usize, n: usize) -> usize {
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

/// The head of "X of Y" when `arg` is the Y: "President Daniel Noboa of Ecuador thanked…".
fn head_of_phrase<'a>(
    text: &str,
    args: &'a [Arg],
    arg: &'a Arg,
    ok: impl Fn(&Arg) -> bool,
) -> &'a Arg {
    let head = args.iter().rev().find(|a| a.range.end <= arg.range.start);
    match head {
        Some(head)
            if ok(head)
                && matches!(
                    fold(&text[head.range.end..arg.range.start]).trim(),
                    "of" | "of the"
                ) =>
        {
            head
        }
        _ => arg,
    }
}

/// The first eligible argument after "by" following byte `from` (within a few words).
fn by_phrase<'a>(
    text: &str,
    args: &'a [Arg],
    from: usize,
    ok: impl Fn(&Arg) -> bool,
) -> Option<&'a Arg> {
    let arg = args.iter().find(|a| a.range.start >= from && ok(a))?;
    let gap = fold(&text[from..arg.range.start]);
    let words: Vec<&str> = gap.split_whitespace().collect();
    (words.contains(&"by") && words.len() <= 8).then_some(arg)
}

/// The date of a fact in a sentence: the last date before the trigger, else the
/// first after it unless a comma separates them.
fn sentence_date(
    text: &str,
    dates: &[crate::text::DateMention],
    trigger: &Range<usize>,
    own: Option<Date>,
) -> Option<Date> {
    if let Some(before) = dates.iter().rev().find(|d| d.range.end <= trigger.start) {
        return Some(before.date);
    }
    dates
        .iter()
        .find(|d| {
            let between = &text[trigger.end..d.range.start];
            // "…, officials said on Monday": the date of the statement, unless it
            // is merely the article's own date ("reported this Saturday").
            let reported =
                is_reporting(between.rsplit(',').next().unwrap_or("")) && Some(d.date) != own;
            d.range.start >= trigger.end && (!between.contains(',') || reported)
        })
        .map(|d| d.date)
}

/// Whether `text` (between a party and what follows) holds a reporting verb ("said", "announced").
fn is_reporting(text: &str) -> bool {
    const VERBS: &[&str] = &[
        "said",
        "says",
        "announced",
        "added",
        "stated",
        "told",
        "noted",
        "reported",
        "wrote",
        "confirmed",
    ];
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| VERBS.iter().any(|v| v.eq_ignore_ascii_case(w)))
}

/// Whether a date is the article's own ("Published on …", a `date …` header),
/// which says nothing about when the facts that follow happened.
fn is_publication_date(text: &str, date: &crate::text::DateMention) -> bool {
    let mut from = date.range.start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = fold(&text[from..date.range.start]);
    let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    words
        .iter()
        .any(|w| matches!(*w, "published" | "updated" | "posted" | "date" | "date:"))
}

/// People named before byte `before` in the article, most recent first, each once.
fn recent_people(dataset: &Dataset, analysis: &ArticleMentions, before: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let end = analysis.mentions.partition_point(|m| m.range.end <= before);
    // Look back a bounded number of mentions: stand-ins refer to recent people.
    for mention in analysis.mentions[..end].iter().rev().take(64) {
        if let Some(e) = mention.entity {
            if dataset.entities[e].kind == EntityKind::Person && !out.contains(&e) {
                out.push(e);
                if out.len() == 2 {
                    break;
                }
            }
        }
    }
    out
}

/// Governments by how often the article names them (names, titles and demonyms).
fn government_ranking(dataset: &Dataset, analysis: &ArticleMentions) -> Vec<usize> {
    let mut counts: Vec<(usize, usize, usize)> = Vec::new(); // (entity, count, first position)
    for (position, mention) in analysis.mentions.iter().enumerate() {
        let Some(entity) = mention.entity else {
            continue;
        };
        if dataset.entities[entity].kind != EntityKind::Government
            || matches!(mention.resolution, Resolution::Unlinked { .. })
        {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == entity) {
            Some(c) => c.1 += 1,
            None => counts.push((entity, 1, position)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    counts.into_iter().map(|c| c.0).collect()
}

/// Adds a fact, merging it with one that states the same thing: same subject,
/// relation, object and date, and attributes that do not conflict (two named
/// agreements, or two different sums, stay two facts).
fn push_fact(facts: &mut Vec<ExtractedFact>, fact: ExtractedFact) {
    let symmetric = fact.relation.is_symmetric();
    let same = facts.iter_mut().find(|f| {
        f.date == fact.date
            && ((f.subject == fact.subject && f.object == fact.object)
                || (symmetric && f.subject == fact.object && f.object == fact.subject))
            && (compatible(&f.relation, &fact.relation)
                || (f.sentence == fact.sentence && f.relation.name() == fact.relation.name()))
    });
    match same {
        Some(existing) if existing.confidence < fact.confidence => {
            let kept = std::mem::replace(existing, fact);
            prefer_specific(&mut existing.relation, kept.relation);
        }
        Some(existing) => prefer_specific(&mut existing.relation, fact.relation),
        None => facts.push(fact),
    }
}

/// Whether two relations can be one fact.
fn compatible(a: &RelationKind, b: &RelationKind) -> bool {
    // Only two agreements both called by name ("the Open Skies agreement") are
    // known to differ; other descriptions of one day's deal are the same deal.
    let named = |what: &str| what.starts_with(char::is_uppercase) && what.ends_with("agreement");
    match (a, b) {
        (RelationKind::Agreed { what: x, .. }, RelationKind::Agreed { what: y, .. }) => {
            fold_name(x) == fold_name(y) || !named(x) || !named(y)
        }
        (RelationKind::Funded { amount: x, .. }, RelationKind::Funded { amount: y, .. }) => {
            x.is_none() || y.is_none() || x == y
        }
        (
            RelationKind::Designated { designation: x },
            RelationKind::Designated { designation: y },
        ) => x == y,
        _ => a.name() == b.name(),
    }
}

/// Keeps the more specific attributes of two versions of one fact (a named agreement, an amount).
fn prefer_specific(kept: &mut RelationKind, other: RelationKind) {
    match (kept, other) {
        (RelationKind::Agreed { what, .. }, RelationKind::Agreed { what: other, .. }) => {
            let named = |w: &str| w.starts_with(char::is_uppercase) && w.ends_with("agreement");
            if (named(&other) && !named(what)) || (!what.contains(' ') && other.contains(' ')) {
                *what = other;
            }
        }
        (
            RelationKind::Funded {
                amount: a @ None,
                currency,
                purpose,
                ..
            },
            RelationKind::Funded {
                amount: Some(b),
                currency: c,
                purpose: p,
                ..
            },
        ) => {
            *a = Some(b);
            *currency = c;
            *purpose = p;
        }
        _ => {}
    }
}
