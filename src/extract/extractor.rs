//! Applying relation patterns to the sentences of an article.

use std::ops::Range;

use super::args::{has_infinitive, sentence_args, word_count};
use super::attributes::{agreement_what, money_near};
use super::clause::{governing_clause_start, in_complement};
use super::cues::{any, any_within, CueKind, CueSet};
use super::dating::{
    after_future_adjective, after_future_modal, in_present_perfect, is_publication_date,
    sentence_date, FactDate,
};
use super::fact::{ExtractedFact, Party};
use super::funding::{purpose_of_funding, shared_totals};
use super::implied::{
    date_by_officials, designators_as_bodies, drop_undated_repeats, fronted_visit,
    funders_as_governments, implied_visits, keep_specific_parties, own_amount, with_group_meeting,
    Recent,
};
use super::money::find_money;
use super::phrases::{PhraseSet, PhraseSetBuilder};
use super::site::{
    after_time_preposition, around, followed_by, is_abroad, preceded_by, start_of_words_before,
    Site,
};
use super::stand_in::{government_ranking, recent_of, recent_people};
use crate::mentions::ArticleMentions;
use crate::model::{
    AgreementStatus, Dataset, Date, EntityKind, FactKey, FundingStatus, MeetingMode, OnPlanned,
    Pattern, PatternRelation, PatternSet, RelationKind, Shape, Told,
};
use crate::text::{fold, tuning, FoldedText, Language};

/// Relation patterns compiled for matching. Build it once per run.
#[derive(Debug, Clone)]
pub struct Extractor {
    pub(super) set: PatternSet,
    pub(super) cues: CueSet,
    /// Triggers, each with the patterns it belongs to, in file order.
    pub(super) triggers: PhraseSet<usize>,
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
                }) = FactDate::of(
                    mentioned,
                    // "Clinton has visited Ukraine": the time of writing.
                    context_date
                        .filter(|_| !in_present_perfect(text, sentence.range.start, trigger.start)),
                    fallback,
                    analysis.reference_date,
                )
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
                    // "They agreed that achieving agreement among A and B …".
                    if stated
                        .iter()
                        .any(|f| in_complement(text, f.trigger_range.end, trigger.start))
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
                // "… to discuss elections next year": a time after the
                // article's own date dates nothing that already happened.
                .filter(|d| analysis.reference_date.is_none_or(|r| d.date <= r))
                .collect();
            if let Some(last) = dated.last() {
                let own_date = !last.explicit && Some(last.date) == analysis.reference_date;
                context_date = (!own_date).then_some(last.date);
            }
        }
        drop_undated_repeats(&mut facts);
        date_by_officials(dataset, &mut facts);
        keep_specific_parties(dataset, &mut facts);
        facts
    }

    /// Trigger occurrences in a sentence (whole words, outside mentions), with their patterns.
    pub(super) fn triggers_in<'s>(
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
    pub(super) fn apply(
        &self,
        pattern: &Pattern,
        site: &Site<'_>,
    ) -> Vec<(Party, Party, RelationKind, f32)> {
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
            || (pattern.shape == Shape::SubjectObject && passive_participle(site))
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
        // "met … to discuss elections next year": a time in a purpose
        // clause is the purpose's, not the trigger's.
        if let Some(at) = purpose_start(&sentence_text[trigger_in_sentence.end..]) {
            window.end = window.end.min(trigger_in_sentence.end + at);
        }
        let clause = governing_clause_start(site.text, &site.sentence, site.trigger.start)
            ..site.trigger.start;
        let planned = any_within(site.cues, CueKind::Planned, before(2))
            || any_within(site.cues, CueKind::PlannedClause, clause.clone())
            || site.cues.iter().any(|h| {
                // "ahead of next month's summit" times the summit, not the trigger.
                h.kind == CueKind::PlannedAnywhere
                    && h.range.start >= window.start + offset
                    && h.range.end <= window.end + offset
                    && !after_time_preposition(site.text, site.sentence.start, h.range.start)
            })
            || site.cues.iter().any(|h| {
                let in_window =
                    h.range.start >= window.start + offset && h.range.end <= window.end + offset;
                let in_clause = h.range.start >= clause.start && h.range.end <= clause.end;
                h.kind == CueKind::PlannedUnlessPast
                    && (in_window || in_clause)
                    && !told_in_past(
                        site.text,
                        h.range.start.min(site.trigger.start)..site.trigger.end,
                    )
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
            RelationKind::Designated { .. } => {
                designators_as_bodies(site.dataset, site.date, site.author, pairs)
            }
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

    /// The relation with its attributes; `None` when a required attribute is missing.
    pub(super) fn relation(
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

/// Whether a verb in `range` of the text is in a past form ("Later Monday,
/// he flew to Kenya" tells a fact; "Later Monday he travels" a plan).
fn told_in_past(text: &str, range: Range<usize>) -> bool {
    let english = Language::english();
    fold(&text[range])
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| english.is_past_form(w))
}

/// Whether the trigger is a past participle followed by "by" ("the
/// ministerial hosted by Secretary Blinken"): a passive, whose subject is
/// not the name before it, so a subject–object pattern does not apply.
fn passive_participle(site: &Site<'_>) -> bool {
    let last = site.text[site.trigger.clone()]
        .split_whitespace()
        .next_back()
        .map(fold)
        .unwrap_or_default();
    let next = site.text[site.trigger.end..site.sentence.end]
        .split_whitespace()
        .next()
        .unwrap_or("");
    next.eq_ignore_ascii_case("by") && Language::english().is_past_form(&last)
}

/// Where a purpose clause ("to discuss …") starts in `rest`: the first "to"
/// followed by a lower-case word that is no determiner (an infinitive).
fn purpose_start(rest: &str) -> Option<usize> {
    let mut words = rest
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - rest.as_ptr() as usize, w))
        .peekable();
    while let Some((at, word)) = words.next() {
        let next = words.peek().map_or("", |(_, w)| *w);
        if word == "to" && has_infinitive(&format!("to {next}")) {
            return Some(at);
        }
    }
    None
}
