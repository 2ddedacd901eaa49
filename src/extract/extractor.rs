//! Applying relation patterns to the sentences of an article.

use std::ops::Range;

use super::args::{
    eligible, has_infinitive, is_list_gap, is_possessive, list_after, list_before, sentence_args,
    word_count, Arg,
};
use super::attributes::{agreement_what, money_near};
use super::clause::{
    before_appositive, clause_end, clause_start, governing_clause_start, owned_by_subject,
    qualifies_appositive, with_objects,
};
use super::cues::{any, any_within, CueKind, CueSet, Hit};
use super::fact::{DateOrigin, ExtractedFact, Party};
use super::implied::{
    drop_undated_repeats, fronted_visit, funders_as_governments, host_of_list, implied_visits,
    keep_specific_parties, not_after, own_amount, with_group_meeting, Recent,
};
use super::money::find_money;
use super::phrases::{PhraseSet, PhraseSetBuilder};
use crate::mentions::{government_of, ArticleMentions, Resolution};
use crate::model::{
    AgreementStatus, Dataset, Date, EntityKind, FactKey, FundingStatus, MeetingMode, OnPlanned,
    Pattern, PatternRelation, PatternSet, RelationKind, Shape, Told,
};
use crate::text::{fold, listed, tuning, FoldedText, Language};

/// Relation patterns compiled for matching. Build it once per run.
#[derive(Debug, Clone)]
pub struct Extractor {
    set: PatternSet,
    cues: CueSet,
    /// Triggers, each with the patterns it belongs to, in file order.
    triggers: PhraseSet<usize>,
}

impl Extractor {
    /// Compiles the triggers of a pattern set.
    pub fn new(set: &PatternSet) -> Extractor {
        let mut triggers = PhraseSetBuilder::new();
        let english = Language::english();
        for (p, pattern) in set.patterns.iter().enumerate() {
            for trigger in &pattern.triggers {
                triggers.add(trigger, p);
            }
            for lemma in &pattern.lemmas {
                let (verb, rest) = lemma.split_once(' ').unwrap_or((lemma, ""));
                for form in english.inflections(verb) {
                    triggers.add(format!("{form} {rest}").trim(), p);
                }
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
        self.extract_by(dataset, text, analysis, fallback, None)
    }

    /// [`Extractor::extract`] for an article whose author is known: "I" and
    /// "we" opening a clause of a statement stand for `author` (the issuing
    /// department, see [`author_of`](super::author_of)).
    pub fn extract_by(
        &self,
        dataset: &Dataset,
        text: &str,
        analysis: &ArticleMentions,
        fallback: Option<Date>,
        author: Option<usize>,
    ) -> Vec<ExtractedFact> {
        let folded = &analysis.folded;
        let ranking = government_ranking(dataset, analysis);
        let mut facts: Vec<ExtractedFact> = Vec::new();
        let mut context_date: Option<Date> = None;
        let english = Language::english();
        let mut recent = Recent::default();
        for sentence in &analysis.sentences {
            if english.is_page_chrome(sentence.text(text)) {
                continue; // a link or caption line ("MORE: Readout of …") states no fact
            }
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
            let mut stated: Vec<ExtractedFact> = Vec::new();
            for (trigger, patterns) in triggers {
                let mentioned =
                    sentence_date(text, dates, &trigger, &args, analysis.reference_date);
                let Some(FactDate {
                    date,
                    past,
                    origin: date_origin,
                }) = FactDate::of(mentioned, context_date, fallback, analysis.reference_date)
                else {
                    continue;
                };
                let recent_people = recent_people(dataset, analysis, trigger.start);
                let recent_bodies =
                    recent_of(dataset, analysis, trigger.start, EntityKind::Organization);
                let recent_here = recent.clone().with(dataset, &stated);
                for &p in patterns {
                    let pattern = &self.set.patterns[p];
                    if pattern.relation == PatternRelation::Funded
                        && purpose_of_funding(text, &sentence.range, &trigger, &stated)
                    {
                        continue;
                    }
                    let date = if pattern.relation == PatternRelation::Funded {
                        date
                    } else {
                        past
                    };
                    let site = Site {
                        dataset,
                        text,
                        sentence: sentence.range.clone(),
                        trigger: trigger.clone(),
                        date,
                        args: &args,
                        ranking: &ranking,
                        recent_people: &recent_people,
                        recent_bodies: &recent_bodies,
                        recent: &recent_here,
                        cues: &hits,
                        unlinked: &unlinked,
                        author,
                    };
                    let found = self.apply(pattern, &site);
                    if found.is_empty() {
                        continue;
                    }
                    for (subject, object, relation, confidence) in found {
                        stated.push(ExtractedFact {
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
                            confidence: (pattern.confidence * confidence * 100.0).round() / 100.0,
                        });
                    }
                    break;
                }
            }
            let mut implied = implied_visits(dataset, text, &args, &stated);
            let planned = &self.set.cues.planned_clause;
            if let Some((place, person)) =
                fronted_visit(dataset, text, &sentence.range, &args, planned)
            {
                let opening = sentence.range.start..sentence.range.start;
                let mentioned =
                    sentence_date(text, dates, &opening, &args, analysis.reference_date);
                let date = FactDate::of(mentioned, context_date, fallback, analysis.reference_date);
                if let Some(FactDate {
                    past: date,
                    origin: date_origin,
                    ..
                }) = date
                {
                    implied.push(ExtractedFact {
                        subject: person.entity,
                        object: place.entity,
                        relation: RelationKind::Visited,
                        date,
                        date_origin,
                        sentence: sentence.index,
                        sentence_range: sentence.range.clone(),
                        subject_range: person.range.clone(),
                        object_range: place.range.clone(),
                        trigger_range: opening.start..place.range.start,
                        pattern: "visit-fronted-locative".to_string(),
                        confidence: tuning().fronted_visit,
                    });
                }
            }
            for fact in stated.into_iter().chain(implied) {
                recent.note(dataset, &fact);
                push_fact(&mut facts, fact);
            }
            // Later sentences inherit the last date this one gives. The
            // article's own date ("Published on …", "today") says nothing about
            // when things happened: after it, the main event's date is the
            // better guess again.
            // A date in a future clause ("… would arrive in September") is
            // no time things happened at.
            let dated: Vec<_> = dates
                .iter()
                .filter(|d| !is_publication_date(text, d))
                .filter(|d| !after_future_modal(text, sentence.range.start, d.range.start))
                .filter(|d| !after_future_adjective(&text[sentence.range.start..d.range.start]))
                .collect();
            if let Some(last) = dated.last() {
                let own_date = !last.explicit && Some(last.date) == analysis.reference_date;
                context_date = (!own_date).then_some(last.date);
            }
        }
        drop_undated_repeats(&mut facts);
        keep_specific_parties(dataset, &mut facts);
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
        let english = Language::english();
        let mut candidates = self
            .triggers
            .find_with_gaps(folded, sentence, |w| english.is_gap_word(w));
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
        if any_within(site.cues, CueKind::Negation, before(3))
            || followed_by(site.text, site.trigger.end, &pattern.not_followed_by)
            || preceded_by(
                site.text,
                site.sentence.start,
                site.trigger.start,
                &pattern.not_preceded_by,
            )
        {
            return Vec::new();
        }
        // Time words anywhere from a few words before the trigger to the end
        // of its clause ("talks with A and B in The Hague next week").
        let mut window = around(
            sentence_text,
            trigger_in_sentence.clone(),
            tuning().time_words_before,
            tuning().time_words_after,
        );
        window.end = sentence_text[trigger_in_sentence.end..]
            .find([',', ';'])
            .map_or(sentence_text.len(), |i| trigger_in_sentence.end + i)
            .max(window.end);
        let clause = governing_clause_start(site.text, &site.sentence, site.trigger.start)
            ..site.trigger.start;
        let planned = any_within(site.cues, CueKind::Planned, before(2))
            || any_within(site.cues, CueKind::PlannedClause, clause)
            || site.cues.iter().any(|h| {
                // "ahead of next month's summit" times the summit, not the trigger.
                h.kind == CueKind::PlannedAnywhere
                    && h.range.start >= window.start + offset
                    && h.range.end <= window.end + offset
                    && !after_time_preposition(site.text, site.sentence.start, h.range.start)
            });
        if planned && pattern.on_planned == OnPlanned::Drop {
            return Vec::new();
        }
        if !pattern.needs_after.is_empty() {
            let after = fold(&sentence_text[trigger_in_sentence.end..]);
            let words: Vec<&str> = after
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .collect();
            if !pattern
                .needs_after
                .iter()
                .any(|w| words.contains(&w.as_str()))
            {
                return Vec::new();
            }
        }
        let pairs = self.attach(pattern, site);
        let Some(mut relation) =
            self.relation(pattern, site, sentence_text, trigger_in_sentence.clone())
        else {
            return Vec::new();
        };
        // "With this funding, USAID is partnering with X": the sum referred
        // to is X's when X is its only recipient.
        if let (
            Shape::Opener,
            [_],
            RelationKind::Funded {
                amount, currency, ..
            },
        ) = (pattern.shape, pairs.as_slice(), &mut relation)
        {
            if let (None, Some((sum, code))) = (&amount, &site.recent.sum) {
                *amount = Some(*sum);
                *currency = Some(code.clone());
            }
        }
        let after_trigger = &sentence_text[trigger_in_sentence.end..];
        if pattern.amount_follows
            && find_money(after_trigger).first().is_none_or(|m| {
                word_count(&after_trigger[..m.range.start]) > tuning().amount_after_trigger
            })
        {
            return Vec::new();
        }
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
        let pairs = match relation {
            // Those on one call each spoke with the caller, not with each other.
            RelationKind::MetWith { mode }
                if pattern.shape == Shape::SubjectObject && mode != MeetingMode::Phone =>
            {
                with_group_meeting(site.dataset, pairs)
            }
            RelationKind::Funded { .. } => funders_as_governments(site.dataset, site.date, pairs),
            _ => pairs,
        };
        let sums = match relation {
            RelationKind::Funded { .. } => find_money(sentence_text),
            _ => Vec::new(),
        };
        let found: Vec<_> = pairs
            .into_iter()
            .filter(|(s, o, _)| s.entity != o.entity)
            .filter(|(s, o, _)| !pattern.abroad_only || is_abroad(site.dataset, s.entity, o.entity))
            .map(|(s, o, certainty)| {
                let certainty = certainty * s.certainty * o.certainty;
                let object_at = o.range.start.saturating_sub(offset);
                let relation = own_amount(relation.clone(), sentence_text, &sums, object_at);
                (s, o, relation, certainty)
            })
            .collect();
        shared_totals(found)
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
                let mut co_subjects: Vec<&Arg> = Vec::new();
                let (subject, objects): (Option<&Arg>, Vec<&Arg>) = if participle
                    && sentence_before.is_empty()
                {
                    // "Commending Noboa for…, Rubio said": object right after, subject after the comma.
                    let comma = text[trigger.end..site.sentence.end]
                        .find(',')
                        .map(|i| trigger.end + i);
                    let objects = list_after(
                        text,
                        args,
                        trigger.end,
                        tuning().objects_after,
                        object_ok,
                        joiners,
                    )
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
                    } else if owned_by_subject(text, &site.sentence, trigger.start) {
                        // "…, during his visit to Kingston": the clause's subject;
                        // "Before his visit to Washington, Saakashvili met …": the next.
                        args.iter()
                            .find(|a| a.range.end <= trigger.start && subject_ok(a))
                            .or_else(|| {
                                let comma = text[trigger.end..site.sentence.end].find(',')?;
                                args.iter()
                                    .find(|a| a.range.start > trigger.end + comma && subject_ok(a))
                            })
                    } else {
                        let to = before_appositive(text, &site.sentence, args, trigger.start);
                        let gap = pattern.subject_gap;
                        let list = list_before(text, args, to, gap, subject_ok, joiners);
                        let nearest = list.last().copied();
                        let head = nearest.map(|n| head_of_phrase(text, args, n, subject_ok));
                        // "Rice says … after she met with Gadhafi": the pronoun
                        // right before the verb is its subject, not the name before it.
                        let head = head
                            .filter(|h| !subject_pronoun_before(text, h.range.end, trigger.start));
                        // "A and B met with C": both met C.
                        if head == nearest
                            && list.len() > 1
                            && !after_preposition(text, &site.sentence, list[0])
                        {
                            co_subjects = list[..list.len() - 1].to_vec();
                        }
                        head
                    };
                    let objects = if pattern.objects_to_clause_end {
                        let stops = &self.set.cues.clause_stops;
                        let end = clause_end(text, &site.sentence, trigger.end, stops);
                        args.iter()
                            .filter(|a| {
                                a.range.start >= trigger.end
                                    && a.range.end <= end
                                    && object_ok(a)
                                    && !is_possessive(text, a)
                                    && !qualifies_appositive(text, trigger.end, a)
                            })
                            .collect()
                    } else {
                        // "provided $5 million in emergency aid to Kenya": the
                        // sum is the trigger's own, the object comes after it.
                        let from = match pattern.relation {
                            PatternRelation::Funded => {
                                sum_end_after(text, &site.sentence, trigger.end)
                            }
                            _ => trigger.end,
                        };
                        let mut list =
                            list_after(text, args, from, pattern.object_gap, object_ok, joiners);
                        let purpose = list.first().is_some_and(|first| {
                            has_infinitive(&text[trigger.end..first.range.start])
                        });
                        if purpose && !pattern.objects_past_infinitive {
                            list.clear();
                        }
                        if list.is_empty() {
                            list.extend(self.pronoun_object(site, object_ok));
                        }
                        list
                    };
                    (subject, objects)
                };
                let subject = match self.first_person(site).or_else(|| subject.map(Party::of)) {
                    Some(subject) => subject,
                    // "This new funding includes …": the funder named last.
                    None if pattern.relation == PatternRelation::Funded => match site.recent.funder
                    {
                        Some(entity) => Party {
                            entity,
                            range: site.sentence.clone(),
                            certainty: tuning().recent_funder,
                        },
                        None => return Vec::new(),
                    },
                    // "He met …", "The minister met …": the person meant.
                    None => match self.stand_in_subject(site) {
                        Some(entity) => Party {
                            entity,
                            range: site.sentence.clone(),
                            certainty: tuning().stand_in_subject,
                        },
                        None => return Vec::new(),
                    },
                };
                let objects = if pattern.subjects_only {
                    Vec::new()
                } else {
                    objects
                };
                if !objects.is_empty() {
                    let subjects: Vec<Party> = std::iter::once(subject)
                        .chain(co_subjects.into_iter().map(Party::of))
                        .collect();
                    return subjects
                        .iter()
                        .flat_map(|s| objects.iter().map(move |o| (s.clone(), Party::of(o), 1.0)))
                        .collect();
                }
                // No object after the trigger: "the country", unless a name the
                // matcher could not link stands right after the trigger (the
                // object is unknown, not missing). A name elsewhere in the
                // sentence is no object: it belongs to another clause.
                let unknown_object = site.unlinked.iter().any(|r| {
                    r.start >= trigger.end
                        && word_count(&text[trigger.end..r.start]) <= tuning().unknown_object_words
                });
                if unknown_object {
                    return Vec::new();
                }
                // "A and B met", "President Biden and President Lula spoke by
                // telephone": a meeting of the coordinated subjects.
                if pattern.relation == PatternRelation::MetWith && !co_subjects.is_empty() {
                    let told = |a: usize, b: usize| {
                        site.recent
                            .meeting
                            .is_some_and(|m| m == [a, b] || m == [b, a])
                    };
                    return co_subjects
                        .into_iter()
                        .filter(|c| {
                            !(pattern.subjects_only
                                && (told(c.entity, subject.entity)
                                    || !is_abroad(site.dataset, c.entity, subject.entity)))
                        })
                        .map(|c| (Party::of(c), subject.clone(), 1.0))
                        .collect();
                }
                if pattern.subjects_only {
                    return Vec::new();
                }
                if let Some(country) = self.country_reference(site, trigger.end, subject.entity) {
                    return vec![(subject, country, tuning().country_reference)];
                }
                // Money with no recipient after it goes to the one foreign party
                // the sentence names ("Expressing commitment to Ecuador's
                // security, Rubio announced funding of $13.5 million").
                match (
                    pattern.relation,
                    sole_foreign_party(site, &subject, object_ok),
                ) {
                    (PatternRelation::Funded, Some(other)) => {
                        vec![(subject, other, tuning().sole_foreign_recipient)]
                    }
                    _ => Vec::new(),
                }
            }
            Shape::Pair | Shape::PartiesAfter => {
                let mut parties: Vec<Party> = Vec::new();
                if pattern.shape == Shape::Pair {
                    let to = before_appositive(text, &site.sentence, args, trigger.start);
                    let before =
                        list_before(text, args, to, tuning().parties_list, party_ok, joiners);
                    // "A met with B and C to sign an agreement": A with each of them.
                    if let Some(host) = host_of_list(text, args, &before, party_ok) {
                        return before
                            .into_iter()
                            .map(|b| (Party::of(host), Party::of(b), 1.0))
                            .collect();
                    }
                    // "signed for the United States and Udui signed …": a name
                    // after a preposition is no party.
                    let before: Vec<&Arg> = match before.first() {
                        Some(first) if after_preposition(text, &site.sentence, first) => {
                            before[1..].to_vec()
                        }
                        _ => before,
                    };
                    if before.len() >= 2 {
                        parties = before.into_iter().map(Party::of).collect();
                    } else if let [one] = before.as_slice() {
                        // "A signed a statement of intent with B".
                        let with = with_objects(text, args, trigger.end, party_ok, joiners);
                        if !with.is_empty() {
                            return with
                                .into_iter()
                                .map(|b| (Party::of(one), Party::of(b), 1.0))
                                .collect();
                        }
                    }
                }
                // "The two pledged …": a stand-in before the trigger names the parties.
                let clause = clause_start(text, &site.sentence, trigger.start)..trigger.start;
                let stand_in = [CueKind::PairReference, CueKind::PeoplePairReference]
                    .into_iter()
                    .any(|kind| any_within(site.cues, kind, clause.clone()));
                if parties.is_empty() && !stand_in {
                    let after = list_after(
                        text,
                        args,
                        trigger.end,
                        tuning().parties_list,
                        party_ok,
                        joiners,
                    );
                    let purpose = after
                        .first()
                        .is_some_and(|first| has_infinitive(&text[trigger.end..first.range.start]));
                    if after.len() >= 2 && !purpose {
                        parties = after.into_iter().map(Party::of).collect();
                    }
                }
                let mut certainty = 1.0;
                if parties.is_empty() {
                    parties = self.pair_reference(site);
                    certainty = tuning().pair_reference;
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
                let object = list_before(
                    text,
                    args,
                    trigger.start,
                    tuning().objects_before_passive,
                    object_ok,
                    joiners,
                );
                let subject = by_phrase(text, args, trigger.end, subject_ok);
                match subject {
                    Some(s) => object
                        .into_iter()
                        .map(|o| (Party::of(s), Party::of(o), 1.0))
                        .collect(),
                    None => Vec::new(),
                }
            }
            Shape::Opener => {
                if !text[site.sentence.start..trigger.start].trim().is_empty() {
                    return Vec::new();
                }
                let Some(comma) = text[trigger.end..site.sentence.end].find(',') else {
                    return Vec::new();
                };
                let comma = trigger.end + comma + 1;
                let Some(subject) = args
                    .iter()
                    .find(|a| a.range.start >= comma && subject_ok(a))
                    .filter(|s| {
                        word_count(&text[comma..s.range.start]) <= tuning().opener_subject_words
                    })
                else {
                    return Vec::new();
                };
                let stops = &self.set.cues.clause_stops;
                let end = clause_end(text, &site.sentence, subject.range.end, stops);
                args.iter()
                    .filter(|a| {
                        a.range.start >= subject.range.end
                            && a.range.end <= end
                            && a.entity != subject.entity
                            && object_ok(a)
                            && !is_possessive(text, a)
                    })
                    .map(|o| (Party::of(subject), Party::of(o), 1.0))
                    .collect()
            }
            Shape::ByTo => {
                let Some(subject) = args
                    .iter()
                    .find(|a| a.range.start >= trigger.end && subject_ok(a))
                else {
                    return Vec::new();
                };
                if word_count(&text[trigger.end..subject.range.start])
                    > tuning().by_to_subject_words
                {
                    return Vec::new();
                }
                let object = args.iter().find(|a| {
                    a.range.start >= subject.range.end && object_ok(a) && {
                        let gap = fold(&text[subject.range.end..a.range.start]);
                        let gap = gap.trim();
                        listed(&Language::english().grammar.by_to_gaps, gap)
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
        let meeting = site.recent.meeting.unwrap_or_default();
        let pair = if any(site.cues, CueKind::PairReference) {
            site.ranking
        } else if any(site.cues, CueKind::PeoplePairReference) {
            // "They agreed": the two who last met, else the two named last.
            if site.recent.meeting.is_some() {
                &meeting[..]
            } else {
                site.recent_people
            }
        } else if let Some(roles) = self.role_pair(site) {
            return roles
                .into_iter()
                .map(|entity| Party {
                    entity,
                    range: site.sentence.clone(),
                    certainty: 0.85,
                })
                .collect();
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

    /// "The Secretary and the Prime Minister agreed": two role nouns joined
    /// as the clause's subject, each the person named lately whose office
    /// that day has the word in its title (two different people).
    fn role_pair(&self, site: &Site<'_>) -> Option<[usize; 2]> {
        let start = clause_start(site.text, &site.sentence, site.trigger.start);
        let before = fold(&site.text[start..site.trigger.start]);
        let (left, right) = before.trim().split_once(" and ")?;
        fn role_of<'w>(side: &'w str, needs_the: bool, roles: &[String]) -> Option<&'w str> {
            let words: Vec<&str> = side.split_whitespace().collect();
            let (first, rest) = words.split_first()?;
            let words = if *first == "the" {
                rest
            } else if needs_the {
                return None;
            } else {
                &words[..]
            };
            let role = *words.last()?;
            let short = (1..=tuning().titled_words).contains(&words.len());
            let known = roles.iter().any(|r| r == role);
            (short && known).then_some(role)
        }
        let roles = &self.set.cues.role_nouns;
        let (a, b) = (role_of(left, true, roles)?, role_of(right, false, roles)?);
        let mut people: Vec<usize> = site.recent.meeting.map(Vec::from).unwrap_or_default();
        for p in site.recent_people {
            if !people.contains(p) {
                people.push(*p);
            }
        }
        let holder = |role: &str, not: Option<usize>| {
            people
                .iter()
                .copied()
                .find(|&p| Some(p) != not && holds_role(site, p, role))
        };
        let first = holder(a, None)?;
        Some([first, holder(b, Some(first))?])
    }

    /// The person a subject stand-in means: "he" or "she" opening the
    /// clause is the person named last; "the minister" is the person named
    /// last whose office that day has the word in its title, else the person
    /// named last.
    fn stand_in_subject(&self, site: &Site<'_>) -> Option<usize> {
        let start = clause_start(site.text, &site.sentence, site.trigger.start);
        let before = fold(&site.text[start..site.trigger.start]);
        let words: Vec<&str> = before.split_whitespace().collect();
        if subject_pronoun_before(site.text, start, site.trigger.start) {
            // "Rice says … after she met": the sentence's first person.
            let first = site.args.iter().find(|a| {
                a.range.end <= site.trigger.start
                    && site.dataset.entities[a.entity].kind == EntityKind::Person
            });
            if let Some(first) = first {
                return Some(first.entity);
            }
        }
        let role = match words.as_slice() {
            // The one the text was last about: the subject of the last fact.
            [first, ..] if listed(&Language::english().grammar.subject_pronouns, first) => {
                return site
                    .recent
                    .person_subject
                    .or(site.recent_people.first().copied())
            }
            ["the", role, ..] if self.set.cues.role_nouns.iter().any(|r| r == role) => Some(*role),
            ["the", head, ..] => return self.body_stand_in(site, start, head),
            _ => return None,
        };
        let people = site.recent_people;
        let holds = |&&p: &&usize| role.is_some_and(|role| holds_role(site, p, role));
        people.iter().find(holds).or(people.first()).copied()
    }

    /// "As part of this action, the Department is also designating …": a
    /// capitalised head noun after "the" stands for the body whose name holds
    /// it, the article's author first, else an organization named lately.
    fn body_stand_in(&self, site: &Site<'_>, clause: usize, head: &str) -> Option<usize> {
        let the = fold(&site.text[clause..site.trigger.start]).find("the ")? + clause;
        let written = site.text[the + 4..].split_whitespace().next()?;
        if !written.starts_with(char::is_uppercase) {
            return None;
        }
        let named = |e: &usize| {
            fold(&site.dataset.entities[*e].name)
                .split_whitespace()
                .any(|w| w == head)
        };
        site.author
            .iter()
            .chain(site.recent_bodies)
            .find(|e| named(e))
            .copied()
    }

    /// "I am announcing", "we provided": the article's author, when "I" or
    /// "we" opens the clause of the trigger.
    fn first_person(&self, site: &Site<'_>) -> Option<Party> {
        let author = site.author?;
        let start = clause_start(site.text, &site.sentence, site.trigger.start);
        // A name after the clause's start is the subject ("I and Minister X").
        let start = site
            .args
            .iter()
            .filter(|a| a.range.start >= start && a.range.end <= site.trigger.start)
            .map(|a| a.range.end)
            .max()
            .unwrap_or(start);
        let quoted = site.text[site.sentence.start..site.trigger.start]
            .matches(['"', '\u{201c}', '\u{201d}'])
            .count()
            % 2
            == 1;
        let before = fold(&site.text[start..site.trigger.start]);
        let english = Language::english();
        let speaks = before
            .split_whitespace()
            .take(english.tuning.first_person_words)
            .any(|w| english.is_first_person(w.trim_matches(|c: char| !c.is_alphanumeric())));
        // Inside a quotation "we" is the speaker, not the author.
        (speaks && !quoted).then(|| Party {
            entity: author,
            range: site.sentence.clone(),
            certainty: tuning().first_person_author,
        })
    }

    /// "him", "her" right after the trigger: the person named last before it
    /// who is not the sentence's first party ("spoke with Lasso,
    /// congratulating him").
    fn pronoun_object<'a>(&self, site: &Site<'a>, ok: impl Fn(&Arg) -> bool) -> Option<&'a Arg> {
        let next = fold(&site.text[site.trigger.end..site.sentence.end]);
        let pronoun = next.split_whitespace().next()?;
        if !listed(&Language::english().grammar.object_pronouns, pronoun) {
            return None;
        }
        let first = site.args.first()?;
        site.args
            .iter()
            .rev()
            .find(|a| a.range.end <= site.trigger.start && a.entity != first.entity && ok(a))
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

/// Where the sum of money right after byte `from` ends ("$5 million in
/// emergency aid"), or `from` when none follows within the clause.
fn sum_end_after(text: &str, sentence: &Range<usize>, from: usize) -> usize {
    let rest = &text[from..sentence.end];
    match find_money(rest).first() {
        Some(m)
            if !rest[..m.range.start].contains(';')
                && word_count(&rest[..m.range.start]) <= tuning().sum_after_trigger =>
        {
            from + m.range.end
        }
        _ => from,
    }
}

/// The only party of the sentence that is neither the subject nor of the
/// subject's country, when there is exactly one.
fn sole_foreign_party(
    site: &Site<'_>,
    subject: &Party,
    ok: impl Fn(&Arg) -> bool,
) -> Option<Party> {
    let home = government_of(site.dataset, &site.dataset.entities[subject.entity].id);
    let coordinated = |a: &Arg| {
        let (first, second) = if a.range.end <= subject.range.start {
            (a.range.end, subject.range.start)
        } else {
            (subject.range.end, a.range.start.max(subject.range.end))
        };
        is_list_gap(&site.text[first..second], &["and".to_string()])
    };
    let mut others = site.args.iter().filter(|a| {
        a.entity != subject.entity
            && ok(a)
            && government_of(site.dataset, &site.dataset.entities[a.entity].id) != home
            && !coordinated(a)
    });
    let first = others.next()?;
    others
        .all(|a| a.entity == first.entity)
        .then(|| Party::of(first))
}

/// Where a trigger stands: the article, the sentence and its arguments.
struct Site<'a> {
    dataset: &'a Dataset,
    text: &'a str,
    sentence: Range<usize>,
    trigger: Range<usize>,
    /// The date the fact will carry.
    date: Date,
    args: &'a [Arg],
    /// Governments by number of mentions in the article, most first.
    ranking: &'a [usize],
    /// People named before the trigger, most recent first, each once.
    recent_people: &'a [usize],
    /// Organizations named before the trigger, most recent first, each once.
    recent_bodies: &'a [usize],
    /// What the article said last before the trigger.
    recent: &'a Recent,
    /// Cue words of the sentence.
    cues: &'a [Hit],
    /// Byte ranges of the sentence's mentions that link to nothing.
    unlinked: &'a [Range<usize>],
    /// Who "I" and "we" are: the article's author, when known.
    author: Option<usize>,
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

/// Whether the word right before byte `at` is one of `words` (folded).
fn preceded_by(text: &str, sentence_start: usize, at: usize, words: &[String]) -> bool {
    if words.is_empty() {
        return false;
    }
    let from = start_of_words_before(&text[sentence_start..at], at - sentence_start, 1);
    let word = fold(text[sentence_start + from..at].trim());
    words.contains(&word)
}

/// Whether one of `phrases` (folded) follows byte `at` right away.
fn followed_by(text: &str, at: usize, phrases: &[String]) -> bool {
    let mut end = (at + 64).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let next = fold(&text[at..end]);
    let next = next.trim_start();
    phrases.iter().any(|p| {
        next.strip_prefix(p.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
    })
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
    (words.contains(&"by") && words.len() <= tuning().by_phrase_words).then_some(arg)
}

/// The date of a fact in a sentence: the last date before the trigger, else the
/// first after it unless a clause boundary separates them. A dateline's date
/// yields to one in the trigger's clause.
fn sentence_date<'d>(
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

/// Whether `person` holds, on the site's date, an office whose name or a
/// title has the word `role` ("secretary", "minister").
fn holds_role(site: &Site<'_>, person: usize, role: &str) -> bool {
    site.dataset
        .office_on(&site.dataset.entities[person].id, site.date)
        .is_some_and(|o| {
            std::iter::once(&o.name)
                .chain(&o.titles)
                .any(|t| fold(t).split_whitespace().any(|w| w == role))
        })
}

/// Whether the text before a date ends with an adjective that puts it in
/// the future ("… in the upcoming February 2019 election").
fn after_future_adjective(before: &str) -> bool {
    let last = before.split_whitespace().next_back().unwrap_or("");
    listed(&Language::english().grammar.future_adjectives, &fold(last))
}

/// One sum given to several recipients ("$17 million in aid to Guatemala,
/// Honduras, and Nicaragua") is their total, not each one's: their facts
/// keep the funding but not the sum.
fn shared_totals(
    mut found: Vec<(Party, Party, RelationKind, f32)>,
) -> Vec<(Party, Party, RelationKind, f32)> {
    let amount = |r: &RelationKind| match r {
        RelationKind::Funded { amount, .. } => *amount,
        _ => None,
    };
    let sums: Vec<f64> = found.iter().filter_map(|(_, _, r, _)| amount(r)).collect();
    let shared = |a: f64| {
        let recipients: Vec<usize> = found
            .iter()
            .filter(|(_, _, r, _)| amount(r) == Some(a))
            .map(|(_, o, _, _)| o.entity)
            .collect();
        recipients.iter().any(|&o| o != recipients[0])
    };
    let shared: Vec<f64> = sums.into_iter().filter(|&a| shared(a)).collect();
    for (_, _, relation, _) in &mut found {
        if let RelationKind::Funded {
            amount, currency, ..
        } = relation
        {
            if amount.is_some_and(|a| shared.contains(&a)) {
                *amount = None;
                *currency = None;
            }
        }
    }
    found
}

/// Whether "he" or "she" stands among the last two words before `to`, after `from`.
fn subject_pronoun_before(text: &str, from: usize, to: usize) -> bool {
    let before = fold(&text[from..to]);
    before
        .split_whitespace()
        .rev()
        .take(tuning().pronoun_words)
        .any(|w| listed(&Language::english().grammar.subject_pronouns, w))
}

/// Whether `text` holds a future modal ("will", "would", "shall").
fn has_future_modal(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| listed(&Language::english().grammar.future_modals, w))
}

/// Whether a future modal stands in the clause before byte `at` (from the
/// sentence's start at `start`): "the funds would arrive in September".
fn after_future_modal(text: &str, start: usize, at: usize) -> bool {
    let before = &text[start..at];
    let clause = before.rsplit([',', ';']).next().unwrap_or(before);
    has_future_modal(clause)
}

/// Whether a funding trigger is the purpose of a grant the sentence already
/// stated: "will provide a $60 million grant to UNICEF to deliver support to
/// families in Tunisia" funds UNICEF only.
fn purpose_of_funding(
    text: &str,
    sentence: &Range<usize>,
    trigger: &Range<usize>,
    stated: &[ExtractedFact],
) -> bool {
    let infinitive = text[sentence.start..trigger.start]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.eq_ignore_ascii_case("to"));
    stated.iter().any(|f| {
        let after = f.object_range.end <= trigger.start;
        matches!(f.relation, RelationKind::Funded { .. })
            && after
            && (infinitive || has_infinitive(&text[f.object_range.end..trigger.start]))
    })
}

/// Whether "ahead of", "before" or "prior to" stands right before byte `at`.
fn after_time_preposition(text: &str, sentence_start: usize, at: usize) -> bool {
    let from = start_of_words_before(
        &text[sentence_start..at],
        at - sentence_start,
        tuning().time_preposition_words,
    );
    let before = fold(&text[sentence_start + from..at]);
    let before = before.trim();
    Language::english()
        .grammar
        .time_prepositions
        .iter()
        .any(|p| before == *p || before.ends_with(&format!(" {p}")))
}

/// Whether a preposition stands right before the argument ("in Venezuela"):
/// it is then no subject.
fn after_preposition(text: &str, sentence: &Range<usize>, arg: &Arg) -> bool {
    let before = fold(&text[sentence.start..arg.range.start]);
    let mut words = before.split_whitespace().rev();
    let word = match words.next() {
        Some("the") => words.next(),
        other => other,
    };
    word.is_some_and(|w| listed(&Language::english().grammar.prepositions, w))
}

/// Whether a date is a dateline's ("WASHINGTON, June 13 — …"): a dash follows it.
fn is_dateline(text: &str, date: &crate::text::DateMention) -> bool {
    let rest = text[date.range.end..].trim_start();
    rest.starts_with(['\u{2014}', '\u{2013}', '-'])
}

/// Whether every comma in `span` stands between the names of one list.
fn only_list_commas(text: &str, span: Range<usize>, args: &[Arg]) -> bool {
    let inside: Vec<&Arg> = args
        .iter()
        .filter(|a| a.range.start >= span.start && a.range.end <= span.end)
        .collect();
    let (Some(first), Some(last)) = (inside.first(), inside.last()) else {
        return false;
    };
    let joiners = ["and".to_string()];
    !text[span.start..first.range.start].contains(',')
        && !text[last.range.end..span.end].contains(',')
        && inside
            .windows(2)
            .all(|w| is_list_gap(&text[w[0].range.end..w[1].range.start], &joiners))
}

/// Whether `text` (between a party and what follows) holds a reporting verb ("said", "announced").
fn is_reporting(text: &str) -> bool {
    let english = Language::english();
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| english.is_reporting(w))
}

/// Whether a date is the article's own ("Published on …", a `date …` header),
/// which says nothing about when the facts that follow happened.
fn is_publication_date(text: &str, date: &crate::text::DateMention) -> bool {
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

/// People named before byte `before` in the article, most recent first, each once.
fn recent_people(dataset: &Dataset, analysis: &ArticleMentions, before: usize) -> Vec<usize> {
    recent_of(dataset, analysis, before, EntityKind::Person)
}

/// The last two entities of `kind` named before byte `before`, most recent
/// first (a bounded look back: stand-ins refer to what was named lately).
fn recent_of(
    dataset: &Dataset,
    analysis: &ArticleMentions,
    before: usize,
    kind: EntityKind,
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let end = analysis.mentions.partition_point(|m| m.range.end <= before);
    for mention in analysis.mentions[..end]
        .iter()
        .rev()
        .take(tuning().recent_mentions)
    {
        if let Some(e) = mention.entity {
            if dataset.entities[e].kind == kind && !out.contains(&e) {
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

/// Adds a fact, merging it with one that states the same thing by the
/// model's one rule ([`FactKey`] and [`RelationKind::same_fact_as`]), or
/// that is another reading of the same sentence.
fn push_fact(facts: &mut Vec<ExtractedFact>, fact: ExtractedFact) {
    let key = |f: &ExtractedFact| FactKey::new(f.subject, &f.relation, f.object, Some(f.date));
    let same = facts.iter_mut().find(|f| {
        key(f) == key(&fact)
            && (f.relation.same_fact_as(&fact.relation, Told::InText)
                || f.sentence == fact.sentence)
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

/// A fact's date: the one its sentence gives, else the last one an earlier
/// sentence gave, else the article's.
struct FactDate {
    /// The date as read.
    date: Date,
    /// The same for a fact that already happened: a month or day the text
    /// gave without a year, read as the coming one, is taken back a year.
    past: Date,
    /// Where it came from.
    origin: DateOrigin,
}

impl FactDate {
    fn of(
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

/// Whether `visitor` comes from another country than `place` belongs to
/// (and both countries are known).
fn is_abroad(dataset: &Dataset, visitor: usize, place: usize) -> bool {
    let home = government_of(dataset, &dataset.entities[visitor].id);
    let host = government_of(dataset, &dataset.entities[place].id);
    home.is_some() && host.is_some() && home != host
}
