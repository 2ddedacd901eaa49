//! The commonest shape: a subject before the trigger and objects after it
//! ("A met with B and C"), with what stands in when either is missing.

use super::args::{
    has_infinitive, is_list_gap, is_possessive, list_after, list_before, opens_contrast_clause,
    with_included, word_count, Arg,
};
use super::clause::{before_appositive, clause_end, owned_by_subject, qualifies_appositive};
use super::extractor::Extractor;
use super::fact::Party;
use super::funding::sum_end_after;
use super::shapes::Accepts;
use super::site::{after_preposition, is_abroad, is_reporting, subject_pronoun_before, Site};
use crate::mentions::government_of;
use crate::model::{Pattern, PatternRelation};
use crate::text::{fold, listed, tuning, Language};

/// The arguments a subject–object trigger takes, before stand-ins.
struct Placed<'a> {
    /// The subject, when one is named.
    subject: Option<&'a Arg>,
    /// Subjects coordinated with it ("A and B met with C": A).
    co_subjects: Vec<&'a Arg>,
    /// The objects.
    objects: Vec<&'a Arg>,
}

impl Extractor {
    /// (subject, object, certainty) for a subject–object pattern.
    pub(super) fn subject_object(
        &self,
        pattern: &Pattern,
        site: &Site<'_>,
        accepts: &Accepts<'_>,
    ) -> Vec<(Party, Party, f32)> {
        let placed = self.place(pattern, site, accepts);
        let Some(subject) = self.subject_party(pattern, site, placed.subject) else {
            return Vec::new();
        };
        if !placed.objects.is_empty() && !pattern.subjects_only {
            let subjects: Vec<Party> = std::iter::once(subject)
                .chain(placed.co_subjects.into_iter().map(Party::of))
                .collect();
            return subjects
                .iter()
                .flat_map(|s| {
                    placed
                        .objects
                        .iter()
                        .map(move |o| (s.clone(), Party::of(o), 1.0))
                })
                .collect();
        }
        self.without_object(pattern, site, accepts, subject, placed.co_subjects)
    }

    /// Finds the subject, its co-subjects and the objects around the trigger.
    fn place<'a>(&self, pattern: &Pattern, site: &Site<'a>, accepts: &Accepts<'_>) -> Placed<'a> {
        let (text, trigger, args) = (site.text, &site.trigger, site.args);
        let sentence_before = text[site.sentence.start..trigger.start].trim();
        let participle = text[trigger.clone()]
            .split_whitespace()
            .next()
            .is_some_and(|w| w.to_lowercase().ends_with("ing"));
        if participle && sentence_before.is_empty() {
            return opening_participle(site, accepts, &self.set.cues.list_joiners);
        }
        let mut co_subjects = Vec::new();
        let subject = if participle && sentence_before.ends_with(',') {
            trailing_participle_subject(site, accepts)
        } else if owned_by_subject(text, &site.sentence, trigger.start) {
            // "…, during his visit to Kingston": the clause's subject;
            // "Before his visit to Washington, Saakashvili met …": the next.
            args.iter()
                .find(|a| a.range.end <= trigger.start && accepts.subject(a))
                .or_else(|| {
                    let comma = text[trigger.end..site.sentence.end].find(',')?;
                    args.iter()
                        .find(|a| a.range.start > trigger.end + comma && accepts.subject(a))
                })
        } else {
            let (head, co) = self.subject_before(pattern, site, accepts);
            co_subjects = co;
            head
        };
        Placed {
            subject,
            co_subjects,
            objects: self.objects_after(pattern, site, accepts),
        }
    }

    /// The subject of a finite verb: the nearest eligible name before it
    /// (the head of "X of Y"), with the names coordinated with it.
    fn subject_before<'a>(
        &self,
        pattern: &Pattern,
        site: &Site<'a>,
        accepts: &Accepts<'_>,
    ) -> (Option<&'a Arg>, Vec<&'a Arg>) {
        let (text, trigger, args) = (site.text, &site.trigger, site.args);
        let joiners = &self.set.cues.list_joiners;
        let to = before_appositive(text, &site.sentence, args, trigger.start);
        // "In addition to Mr. Alejos, the Department is designating …": a
        // name in a fronted phrase is no subject of the clause after it.
        let fronted = fronted_phrase(site).filter(|f| f.end <= trigger.start);
        let ok =
            |a: &Arg| accepts.subject(a) && fronted.as_ref().is_none_or(|f| a.range.end > f.end);
        let list = list_before(text, args, to, pattern.subject_gap, ok, joiners);
        // "Clinton is in Nigeria for talks with Jonathan": a name governed
        // by a preposition is no subject; the name before it is.
        let list = match list.last() {
            Some(last) if after_locative(site, last) => {
                let before = |a: &Arg| ok(a) && a.range.end <= last.range.start;
                let earlier = list_before(text, args, to, pattern.subject_gap, before, joiners);
                if earlier.is_empty() {
                    list
                } else {
                    earlier
                }
            }
            _ => list,
        };
        // "The United States, through USAID and X, provided": the names
        // after "through" are channels of the actor before them.
        if let Some(first) = list.first().filter(|f| after_intermediary(site, f)) {
            let actor = args.iter().rev().find(|a| {
                a.range.start >= site.sentence.start && a.range.end <= first.range.start && ok(a)
            });
            return (
                Some(acting_as(site, actor.unwrap_or(first), ok)),
                Vec::new(),
            );
        }
        let nearest = list.last().copied();
        let head = nearest.map(|n| head_of_phrase(text, args, n, ok));
        // "Rice says … after she met with Gadhafi": the pronoun right before
        // the verb is its subject, not the name before it.
        let head = head.filter(|h| !subject_pronoun_before(text, h.range.end, trigger.start));
        let head = head.map(|h| acting_as(site, h, ok));
        // "A and B met with C": both met C.
        let co_subjects = if head == nearest
            && list.len() > 1
            && !after_preposition(text, &site.sentence, list[0])
        {
            list[..list.len() - 1].to_vec()
        } else {
            Vec::new()
        };
        (head, co_subjects)
    }

    /// The objects after the trigger: a list, or everything eligible to the
    /// clause's end when the pattern says so, else a pronoun's referent.
    fn objects_after<'a>(
        &self,
        pattern: &Pattern,
        site: &Site<'a>,
        accepts: &Accepts<'_>,
    ) -> Vec<&'a Arg> {
        let (text, trigger, args) = (site.text, &site.trigger, site.args);
        let ok = |a: &Arg| accepts.object(a);
        if pattern.objects_to_clause_end {
            let stops = &self.set.cues.clause_stops;
            let end = clause_end(text, &site.sentence, trigger.end, stops);
            return args
                .iter()
                .filter(|a| {
                    a.range.start >= trigger.end
                        && a.range.end <= end
                        && ok(a)
                        && !is_possessive(text, a)
                        && !qualifies_appositive(text, trigger.end, a)
                })
                .collect();
        }
        // "provided $5 million in emergency aid to Kenya": the sum is the
        // trigger's own, the object comes after it.
        let from = match pattern.relation {
            PatternRelation::Funded => sum_end_after(text, &site.sentence, trigger.end),
            _ if pattern.objects_after_with => {
                let stops = &self.set.cues.clause_stops;
                let end = clause_end(text, &site.sentence, trigger.end, stops);
                match later_with(text, trigger.end..end, pattern.object_gap) {
                    Some(at) => at,
                    None => return Vec::new(),
                }
            }
            _ => trigger.end,
        };
        let joiners = &self.set.cues.list_joiners;
        let list = list_after(text, args, from, pattern.object_gap, ok, joiners);
        let mut list = with_included(text, args, list, ok, joiners);
        let gap = |first: &&Arg| &text[trigger.end..first.range.start.max(trigger.end)];
        let purpose = list.first().is_some_and(|first| has_infinitive(gap(first)));
        if purpose && !pattern.objects_past_infinitive {
            list.clear();
        }
        // "her visit shows that Washington …": a noun trigger its owner
        // holds takes its object through a preposition ("his visit to").
        let owned = owned_by_subject(text, &site.sentence, trigger.start)
            && !ends_with_preposition(&text[trigger.clone()]);
        if owned
            && list
                .first()
                .is_some_and(|first| !opens_with_preposition(gap(first)))
        {
            list.clear();
        }
        if list.is_empty() {
            list.extend(self.pronoun_object(site, ok));
        }
        list
    }

    /// The subject as a party: "I" or "we" (the author), the name found,
    /// the funder named last for funding, else a stand-in ("he", "the minister").
    fn subject_party(
        &self,
        pattern: &Pattern,
        site: &Site<'_>,
        subject: Option<&Arg>,
    ) -> Option<Party> {
        if let Some(subject) = self.first_person(site).or_else(|| subject.map(Party::of)) {
            return Some(subject);
        }
        let (entity, certainty) = if pattern.relation == PatternRelation::Funded {
            // "This new funding includes …": the funder named last.
            (site.recent.funder?, tuning().recent_funder)
        } else {
            // "He met …", "The minister met …": the person meant.
            (self.stand_in_subject(site)?, tuning().stand_in_subject)
        };
        Some(Party {
            entity,
            range: site.sentence.clone(),
            certainty,
        })
    }

    /// No object after the trigger: a meeting of coordinated subjects, "the
    /// country", or the one foreign party of a funding sentence.
    fn without_object(
        &self,
        pattern: &Pattern,
        site: &Site<'_>,
        accepts: &Accepts<'_>,
        subject: Party,
        co_subjects: Vec<&Arg>,
    ) -> Vec<(Party, Party, f32)> {
        let (text, trigger) = (site.text, &site.trigger);
        // A name the matcher could not link right after the trigger: the
        // object is unknown, not missing. A name elsewhere in the sentence is
        // no object: it belongs to another clause.
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
            return co_subjects_meeting(pattern, site, &subject, co_subjects);
        }
        if pattern.subjects_only {
            return Vec::new();
        }
        if let Some(country) = self.country_reference(site, trigger.end, subject.entity) {
            return vec![(subject, country, tuning().country_reference)];
        }
        // Money with no recipient after it goes to the one foreign party
        // the sentence names ("Expressing commitment to Ecuador's security,
        // Rubio announced funding of $13.5 million").
        if pattern.relation != PatternRelation::Funded {
            return Vec::new();
        }
        match sole_foreign_party(site, &subject, |a| accepts.object(a)) {
            Some(other) => vec![(subject, other, tuning().sole_foreign_recipient)],
            None => Vec::new(),
        }
    }
}

/// The party an actor acts as: itself, or its first channel named between
/// it and the trigger ("The United States, through USAID, …") when that is
/// one of its own government's bodies (the most specific party; the actor
/// acts once, not once per channel).
fn acting_as<'a>(site: &Site<'a>, actor: &'a Arg, ok: impl Fn(&Arg) -> bool) -> &'a Arg {
    let government = |e: usize| government_of(site.dataset, &site.dataset.entities[e].id);
    let home = government(actor.entity);
    site.args
        .iter()
        .filter(|a| a.range.start >= actor.range.end && a.range.end <= site.trigger.start)
        .find(|a| after_intermediary(site, a))
        .filter(|channel| ok(channel) && home.is_some() && government(channel.entity) == home)
        .unwrap_or(actor)
}

/// Whether the word right before `arg` is an intermediary ("through").
fn after_intermediary(site: &Site<'_>, arg: &Arg) -> bool {
    let before = fold(&site.text[site.sentence.start..arg.range.start]);
    let last = before.split_whitespace().next_back().unwrap_or("");
    listed(&Language::english().grammar.intermediaries, last)
}

/// "Commending Noboa for…, Rubio said": the object right after the
/// participle, the subject after the comma.
fn opening_participle<'a>(
    site: &Site<'a>,
    accepts: &Accepts<'_>,
    joiners: &[String],
) -> Placed<'a> {
    let (text, trigger, args) = (site.text, &site.trigger, site.args);
    let comma = text[trigger.end..site.sentence.end]
        .find(',')
        .map(|i| trigger.end + i);
    let ok = |a: &Arg| accepts.object(a);
    let objects = list_after(text, args, trigger.end, tuning().objects_after, ok, joiners)
        .into_iter()
        .filter(|a| comma.is_none_or(|c| a.range.end <= c))
        .collect();
    let subject = comma.and_then(|c| {
        args.iter()
            .find(|a| a.range.start > c && accepts.subject(a))
    });
    Placed {
        subject,
        co_subjects: Vec::new(),
        objects,
    }
}

/// "…, Holguín said on Monday, thanking Washington": the speaker; else the
/// sentence's subject, its first party.
fn trailing_participle_subject<'a>(site: &Site<'a>, accepts: &Accepts<'_>) -> Option<&'a Arg> {
    let (text, trigger, args) = (site.text, &site.trigger, site.args);
    let speaker = args.iter().rev().find(|a| {
        a.range.end <= trigger.start
            && accepts.subject(a)
            && is_reporting(&text[a.range.end..trigger.start])
    });
    speaker.or_else(|| {
        args.iter()
            .find(|a| a.range.end <= trigger.start && accepts.subject(a))
    })
}

/// Each co-subject met the subject; for a pattern of coordinated subjects
/// only ("A and B discussed"), not when they were just told as meeting, nor
/// when both are of one country.
fn co_subjects_meeting(
    pattern: &Pattern,
    site: &Site<'_>,
    subject: &Party,
    co_subjects: Vec<&Arg>,
) -> Vec<(Party, Party, f32)> {
    let told = |a: usize, b: usize| {
        site.recent
            .meeting
            .is_some_and(|m| m == [a, b] || m == [b, a])
    };
    co_subjects
        .into_iter()
        .filter(|c| {
            !(pattern.subjects_only
                && (told(c.entity, subject.entity)
                    || !is_abroad(site.dataset, c.entity, subject.entity)))
        })
        .map(|c| (Party::of(c), subject.clone(), 1.0))
        .collect()
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
    // A party in a contrast clause after the trigger ("…, while Mexico …")
    // belongs to that clause.
    let contrasted = |a: &Arg| {
        a.range.start >= site.trigger.end
            && opens_contrast_clause(&site.text[site.trigger.end..a.range.start])
    };
    let mut others = site.args.iter().filter(|a| {
        a.entity != subject.entity
            && !contrasted(a)
            && ok(a)
            && government_of(site.dataset, &site.dataset.entities[a.entity].id) != home
            && !coordinated(a)
    });
    let first = others.next()?;
    others
        .all(|a| a.entity == first.entity)
        .then(|| Party::of(first))
}

/// Whether `gap` opens with a preposition ("to the", "in").
fn opens_with_preposition(gap: &str) -> bool {
    let first = gap.split_whitespace().next().map(fold).unwrap_or_default();
    listed(&Language::english().grammar.prepositions, &first)
}

/// Whether `phrase` ends with a preposition ("visit to").
fn ends_with_preposition(phrase: &str) -> bool {
    let last = phrase
        .split_whitespace()
        .next_back()
        .map(fold)
        .unwrap_or_default();
    listed(&Language::english().grammar.prepositions, &last)
}

/// Whether `arg` is governed by a preposition of place ("in Nigeria").
fn after_locative(site: &Site<'_>, arg: &Arg) -> bool {
    let before = fold(&site.text[site.sentence.start..arg.range.start]);
    let mut words = before.split_whitespace().rev();
    let word = match words.next() {
        Some("the") => words.next(),
        other => other,
    };
    word.is_some_and(|w| listed(&Language::english().grammar.place_prepositions, w))
}

/// The fronted phrase a sentence opens with, up to its comma: "In addition
/// to Mr. Alejos,", "Like the United States,". It opens with one of the
/// pack's fronting words and is short.
fn fronted_phrase(site: &Site<'_>) -> Option<std::ops::Range<usize>> {
    let english = Language::english();
    let sentence = &site.text[site.sentence.clone()];
    let comma = sentence.find(',')?;
    let phrase = &sentence[..comma];
    let first = fold(phrase.split_whitespace().next()?);
    let short = phrase.split_whitespace().count() <= tuning().fronted_phrase_words;
    (short && listed(&english.grammar.fronting_words, &first))
        .then(|| site.sentence.start..site.sentence.start + comma)
}

/// Where the participants start in "a meeting on TOPIC with …": right
/// after the first "with" in `span` that stands at most `max_words` words
/// after its start.
fn later_with(text: &str, span: std::ops::Range<usize>, max_words: usize) -> Option<usize> {
    let mut at = span.start;
    for (i, word) in text[span.clone()].split_whitespace().enumerate() {
        let offset = text[at..span.end].find(word)? + at;
        at = offset + word.len();
        if i > max_words {
            return None;
        }
        if word.eq_ignore_ascii_case("with") {
            return Some(at);
        }
    }
    None
}
