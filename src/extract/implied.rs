//! What a sentence implies beyond its trigger, and how facts of one article
//! fit together: visits implied by meetings abroad, the members of a group
//! meeting, a sum for each recipient, governments behind officials' pledges,
//! "they" for the two who last met, and one fact stated twice.

use super::args::{word_count, Arg};
use super::fact::{DateOrigin, ExtractedFact, Party};
use super::money::Money;
use crate::mentions::government_of;
use crate::model::{Dataset, Date, EntityKind, MeetingMode, RelationKind};
use crate::text::{fold, listed, tuning, Language};

/// Facts as (subject, object, certainty) before their relation is attached.
type Pairs = Vec<(Party, Party, f32)>;

/// Visits implied by in-person meetings held "in PLACE": every party from
/// another country visited the place.
pub fn implied_visits(
    dataset: &Dataset,
    text: &str,
    args: &[Arg],
    facts: &[ExtractedFact],
) -> Vec<ExtractedFact> {
    let mut out: Vec<ExtractedFact> = Vec::new();
    for meeting in facts {
        if meeting.relation
            != (RelationKind::MetWith {
                mode: MeetingMode::InPerson,
            })
        {
            continue;
        }
        // Where it was held: "in PLACE", else the place a party was visiting.
        let visit = facts.iter().find(|f| {
            f.relation == RelationKind::Visited
                && (f.subject == meeting.subject || f.subject == meeting.object)
                && during(text, f.trigger_range.start)
        });
        let Some((place, host)) = venue(dataset, text, args, meeting, facts).or_else(|| {
            let visit = visit?;
            let place = args.iter().find(|a| a.entity == visit.object)?;
            Some((place, host_of(dataset, visit.object)?))
        }) else {
            continue;
        };
        for visitor in [meeting.subject, meeting.object] {
            let person = &dataset.entities[visitor];
            let home = government_of(dataset, &person.id);
            let abroad = person.kind == EntityKind::Person && home.is_some_and(|h| h != host);
            let known = facts.iter().chain(&out).any(|f| {
                f.relation == RelationKind::Visited
                    && f.subject == visitor
                    && f.object == place.entity
            });
            if abroad && !known {
                out.push(ExtractedFact {
                    subject: visitor,
                    object: place.entity,
                    relation: RelationKind::Visited,
                    subject_range: if visitor == meeting.subject {
                        meeting.subject_range.clone()
                    } else {
                        meeting.object_range.clone()
                    },
                    object_range: place.range.clone(),
                    pattern: "visit-implied-by-meeting".to_string(),
                    confidence: (meeting.confidence * tuning().implied_visit * 100.0).round()
                        / 100.0,
                    ..meeting.clone()
                });
            }
        }
    }
    out
}

/// Where a meeting was held: the first place (or country) after the trigger
/// introduced by "in" or "at", with the government it belongs to. Other
/// locatives ("at the White House") may come first; any other name ends the
/// search ("… ahead of the NATO summit in Romania" is the summit's place).
fn venue<'a>(
    dataset: &Dataset,
    text: &str,
    args: &'a [Arg],
    meeting: &ExtractedFact,
    facts: &[ExtractedFact],
) -> Option<(&'a Arg, usize)> {
    // Every party the same trigger met is a party, not a venue ("joined the
    // ministers of A, B and C in Tashkent").
    let met_here = |entity: usize| {
        facts.iter().any(|f| {
            f.trigger_range == meeting.trigger_range && (f.subject == entity || f.object == entity)
        })
    };
    // Names inside a party's mention ("Egyptian" in "Egyptian President
    // Hosni Mubarak") are the party's, not a place of their own. A party
    // named by a stand-in ("the two men") spans the sentence: no mention.
    let inside = |r: &std::ops::Range<usize>, m: &std::ops::Range<usize>| {
        *m != meeting.sentence_range && r.start >= m.start && r.end <= m.end
    };
    // "convened a meeting on the conflict in Sudan with …": the topic's
    // places are no venue.
    let topic_end = topic_end(text, meeting);
    let after = args.iter().filter(|a| {
        a.range.start >= topic_end
            && a.range.end <= meeting.sentence_range.end
            && !inside(&a.range, &meeting.subject_range)
            && !inside(&a.range, &meeting.object_range)
    });
    let after: Vec<&Arg> = after.collect();
    for (i, a) in after.iter().enumerate() {
        // "the Red Sea resort of Sharm el-Sheikh": the place after "of" heads the phrase.
        if let Some(next) = after.get(i + 1) {
            if modifies(text, a, next) {
                continue;
            }
        }
        let entity = &dataset.entities[a.entity];
        let lead = locative_lead(text, meeting.sentence_range.start, a.range.start);
        let party = met_here(a.entity) || entity.kind == EntityKind::Person;
        let host = match (lead, entity.kind) {
            (Some(_), EntityKind::Place) => host_of(dataset, a.entity),
            (Some(1), EntityKind::Government) => Some(a.entity),
            (Some(_), _) => continue,
            (None, _) if party => continue,
            // "welcomed X to the State Department in Washington": an
            // institution one comes to is on the way to the place.
            (None, EntityKind::Organization) if destination(text, a) => continue,
            (None, _) => return None,
        };
        return host.map(|h| (*a, h));
    }
    None
}

/// Where the topic right after a meeting trigger ends: "a meeting on the
/// conflict in Sudan with the ambassadors" has the topic "on the conflict
/// in Sudan" before the participants' "with". No topic (the trigger's end)
/// when the trigger is not followed by a topic preposition and "the", or
/// the noun after it sets a scene ("on the sidelines of").
fn topic_end(text: &str, meeting: &ExtractedFact) -> usize {
    let from = meeting.trigger_range.end;
    let to = meeting.object_range.start;
    if to <= from || meeting.object_range == meeting.sentence_range {
        return from;
    }
    let gap = fold(&text[from..to]);
    let words: Vec<&str> = gap.split_whitespace().collect();
    let grammar = &Language::english().grammar;
    let topic = words.len() > 3
        && listed(&grammar.topic_prepositions, words[0])
        && words[1] == "the"
        && !listed(&grammar.scene_nouns, words[2]);
    match words.iter().rposition(|w| *w == "with") {
        Some(_) if topic => to,
        _ => from,
    }
}

/// Whether `a` is the destination of a "to" ("to the State Department").
fn destination(text: &str, a: &Arg) -> bool {
    let before = fold(&text[..a.range.start]);
    let mut words = before.split_whitespace().rev();
    matches!(
        (words.next(), words.next()),
        (Some("to"), _) | (Some("the"), Some("to"))
    )
}

/// Whether name `a` only modifies the noun of an "of" phrase naming `b`
/// ("Red Sea" in "the Red Sea resort of Sharm el-Sheikh"): at most two
/// words and "of" between them, and no punctuation.
fn modifies(text: &str, a: &Arg, b: &Arg) -> bool {
    let Some(between) = text.get(a.range.end..b.range.start) else {
        return false;
    };
    let words: Vec<String> = between.split_whitespace().map(fold).collect();
    !between.contains([',', ';', '(', ')'])
        && (2..=3).contains(&words.len())
        && words.last().is_some_and(|w| w == "of")
}

/// Whether the visit whose trigger starts at `at` frames the sentence's
/// meeting in time ("during his visit to", "while in"), not "before" or "after" it.
fn during(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(tuning().during_bytes);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = fold(&text[from..at]);
    before
        .split_whitespace()
        .any(|w| listed(&Language::english().grammar.framing, w))
}

/// The government a place (or a country) belongs to.
fn host_of(dataset: &Dataset, place: usize) -> Option<usize> {
    let entity = &dataset.entities[place];
    match entity.kind {
        EntityKind::Government => Some(place),
        _ => government_of(dataset, &entity.id),
    }
}

/// How many words stand between "in"/"at" and byte `at` ("in the city of
/// Boa Vista": 4, then 1 for "in Kenya"), when the phrase is locative. A
/// place named by an "of" phrase may have a longer descriptor before it
/// ("in the Red Sea resort of Sharm el-Sheikh").
fn locative_lead(text: &str, sentence_start: usize, at: usize) -> Option<usize> {
    let plain = tuning().locative_lead;
    let of_phrase = tuning().locative_lead_of_phrase;
    let before = &text[sentence_start..at];
    let cut = before.rfind([',', ';', '(']).map_or(0, |i| i + 1);
    let words: Vec<String> = before[cut..]
        .split_whitespace()
        .rev()
        .take(of_phrase)
        .map(fold)
        .collect();
    let reach = if words.first().is_some_and(|w| w == "of") {
        of_phrase
    } else {
        plain
    };
    words
        .iter()
        .take(reach)
        .position(|w| w == "in" || w == "at")
        .map(|i| i + 1)
}

/// The members of a group meeting met each other too: objects of one
/// meeting trigger that come from different countries ("met with the
/// foreign ministers of Estonia, Latvia and Lithuania"). People pair with
/// people and governments with governments: a list is of one kind of thing.
pub fn with_group_meeting(dataset: &Dataset, pairs: Pairs) -> Pairs {
    let kind = |p: &Party| dataset.entities[p.entity].kind;
    let members: Vec<&Party> = pairs
        .iter()
        .map(|(_, o, _)| o)
        .filter(|o| matches!(kind(o), EntityKind::Person | EntityKind::Government))
        .collect();
    let country = |p: &Party| government_of(dataset, &dataset.entities[p.entity].id);
    let mut extra = Vec::new();
    for (i, a) in members.iter().enumerate() {
        for b in &members[i + 1..] {
            if a.entity != b.entity
                && kind(a) == kind(b)
                && country(a).is_some()
                && country(a) != country(b)
            {
                extra.push(((*a).clone(), (*b).clone(), tuning().group_meeting));
            }
        }
    }
    pairs.into_iter().chain(extra).collect()
}

/// Officials pledge their government's money: a person holding an office on
/// the day funds as the office's government.
pub fn funders_as_governments(dataset: &Dataset, date: Date, pairs: Pairs) -> Pairs {
    pairs
        .into_iter()
        .map(|(mut subject, object, certainty)| {
            let person = &dataset.entities[subject.entity];
            if person.kind == EntityKind::Person {
                let government = dataset
                    .office_on(&person.id, date)
                    .and_then(|office| government_of(dataset, &office.of));
                if let Some(g) = government {
                    subject.entity = g;
                }
            }
            (subject, object, certainty)
        })
        .collect()
}

/// In a department's own release, a designation its official made is the
/// department's act ("On June 24 the Deputy Secretary of State designated
/// …" in a State Department notice): the official named as designator
/// stands for the article's author when the author is a body of the
/// official's government. Elsewhere (a news story) the official stays.
pub fn designators_as_bodies(
    dataset: &Dataset,
    date: Date,
    author: Option<usize>,
    pairs: Pairs,
) -> Pairs {
    pairs
        .into_iter()
        .map(|(mut subject, object, certainty)| {
            let person = &dataset.entities[subject.entity];
            let government = (person.kind == EntityKind::Person)
                .then(|| dataset.office_on(&person.id, date))
                .flatten()
                .and_then(|office| government_of(dataset, &office.of));
            if let (Some(g), Some(a)) = (government, author) {
                if is_body_of(dataset, a, g) {
                    subject.entity = a;
                }
            }
            (subject, object, certainty)
        })
        .collect()
}

/// Whether `body` is `government` or one of its bodies by parent links (a
/// department, an agency under it); a body only located in the country,
/// such as a newspaper, is not.
fn is_body_of(dataset: &Dataset, body: usize, government: usize) -> bool {
    let mut current = Some(body);
    for _ in 0..16 {
        let Some(index) = current else {
            return false;
        };
        if index == government {
            return true;
        }
        let parent = dataset.entities[index].parent.as_deref();
        current = parent.and_then(|p| dataset.entities.get_index_of(p));
    }
    false
}

/// A recipient's own sum when the sentence gives one right before it
/// ("$8.5 million in Honduras, $7 million in Guatemala"), else the relation as
/// is; `sums` are the sentence's sums of money.
pub fn own_amount(
    relation: RelationKind,
    sentence: &str,
    sums: &[Money],
    object_at: usize,
) -> RelationKind {
    let RelationKind::Funded {
        purpose, status, ..
    } = &relation
    else {
        return relation;
    };
    // One sum in the sentence is the trigger's own, already taken.
    if sums.len() < 2 {
        return relation;
    }
    let own = sums.iter().rev().find(|m| {
        m.range.end <= object_at && object_at - m.range.end <= tuning().own_amount_bytes && {
            let between = fold(&sentence[m.range.end..object_at]);
            let between = between.trim().trim_end_matches(" the");
            matches!(between, "in" | "for" | "to")
        }
    });
    match own {
        Some(money) => RelationKind::Funded {
            amount: Some(money.amount),
            currency: Some(money.currency.clone()),
            purpose: purpose.clone(),
            status: *status,
        },
        None => relation,
    }
}

/// When the parties listed before a pair trigger are the objects of a
/// preposition "with" ("A met with B and C to sign an agreement"), the
/// party before them: the one who did it with each.
pub fn host_of_list<'a>(
    text: &str,
    args: &'a [Arg],
    list: &[&Arg],
    ok: impl Fn(&Arg) -> bool,
) -> Option<&'a Arg> {
    let first = list.first()?;
    let host = args
        .iter()
        .rev()
        .find(|a| a.range.end <= first.range.start && ok(a))?;
    let between = fold(&text[host.range.end..first.range.start]);
    let words: Vec<&str> = between.split_whitespace().collect();
    let with_last = words
        .iter()
        .rposition(|w| *w == "with")
        .is_some_and(|i| words.len() - i <= tuning().list_host_with_words);
    (with_last && word_count(&between) <= tuning().list_host_words && !between.contains([',', ';']))
        .then_some(host)
}

/// What the article said last, for stand-ins in what follows: the two who
/// last met ("they"), the last person who did something ("he"), the last
/// funder ("this new funding").
#[derive(Debug, Clone, Default)]
pub struct Recent {
    /// The two parties of the last meeting or call.
    pub meeting: Option<[usize; 2]>,
    /// The subject of the last fact that had a person as subject.
    pub person_subject: Option<usize>,
    /// The subject of the last funding.
    pub funder: Option<usize>,
    /// The sum of the last funding that gave one, with its currency.
    pub sum: Option<(f64, String)>,
}

impl Recent {
    /// Takes a newly found fact into account.
    pub fn note(&mut self, dataset: &Dataset, fact: &ExtractedFact) {
        match fact.relation {
            RelationKind::MetWith { .. } => self.meeting = Some([fact.subject, fact.object]),
            RelationKind::Funded {
                amount,
                ref currency,
                ..
            } => {
                self.funder = Some(fact.subject);
                if let (Some(amount), Some(currency)) = (amount, currency) {
                    self.sum = Some((amount, currency.clone()));
                }
            }
            _ => {}
        }
        if dataset.entities[fact.subject].kind == EntityKind::Person {
            self.person_subject = Some(fact.subject);
        }
    }

    /// This memory with the facts of the sentence so far taken into account.
    pub fn with(mut self, dataset: &Dataset, facts: &[ExtractedFact]) -> Recent {
        for fact in facts {
            self.note(dataset, fact);
        }
        self
    }
}

/// `date`, a year earlier when it falls after `reference`.
pub fn not_after(date: Date, reference: Option<Date>) -> Date {
    let Some(reference) = reference else {
        return date;
    };
    if date.first_day() <= reference.last_day() {
        return date;
    }
    let year = date.year() - 1;
    match (date.month(), date.day()) {
        (Some(m), Some(d)) => Date::ymd(year, m, d).or(Date::ym(year, m)),
        (Some(m), None) => Date::ym(year, m),
        _ => Some(Date::year_only(year)),
    }
    .unwrap_or(date)
}

/// Drops a fact its own sentence gives no date for when the article states
/// it elsewhere with one: a headline repeating the body (fallback date), or
/// a later retelling that inherited an unrelated earlier date ("… on June
/// 30th. Gates flew to Baghdad after a stop in Tallil" after "met … in
/// Baghdad Tuesday"). An undated fact is kept when the article dates it
/// only by context.
pub fn drop_undated_repeats(facts: &mut Vec<ExtractedFact>) {
    let key = |f: &ExtractedFact| {
        let (a, b) = if f.relation.is_symmetric() && f.object < f.subject {
            (f.object, f.subject)
        } else {
            (f.subject, f.object)
        };
        (a, f.relation.name(), b)
    };
    let with_origin = |origin: DateOrigin| -> std::collections::HashSet<_> {
        facts
            .iter()
            .filter(|f| f.date_origin == origin)
            .map(key)
            .collect()
    };
    let (stated, inherited) = (
        with_origin(DateOrigin::Sentence),
        with_origin(DateOrigin::Context),
    );
    facts.retain(|f| match f.date_origin {
        DateOrigin::Sentence => true,
        DateOrigin::Context => !stated.contains(&key(f)),
        DateOrigin::Fallback => !stated.contains(&key(f)) && !inherited.contains(&key(f)),
    });
}

/// Dates a fact between governments that only the article's date dates (a
/// headline: "The Maldives and U.S. Sign Defense Agreement") by the dated
/// fact of the same relation between their officials in the body ("Werner
/// and Didi signed … on September 10").
pub fn date_by_officials(dataset: &Dataset, facts: &mut [ExtractedFact]) {
    let home = |e: usize| government_of(dataset, &dataset.entities[e].id);
    let dated: Vec<(Option<usize>, Option<usize>, &'static str, Date)> = facts
        .iter()
        .filter(|f| f.date_origin == DateOrigin::Sentence)
        .map(|f| (home(f.subject), home(f.object), f.relation.name(), f.date))
        .collect();
    for fact in facts.iter_mut() {
        let governments = [fact.subject, fact.object]
            .iter()
            .all(|&e| dataset.entities[e].kind == EntityKind::Government);
        if fact.date_origin != DateOrigin::Fallback || !governments {
            continue;
        }
        let (a, b) = (Some(fact.subject), Some(fact.object));
        let by_officials = dated.iter().find(|(s, o, name, _)| {
            let reversed = fact.relation.is_symmetric() && (*s, *o) == (b, a);
            *name == fact.relation.name() && ((*s, *o) == (a, b) || reversed)
        });
        if let Some((_, _, _, date)) = by_officials {
            fact.date = *date;
            fact.date_origin = DateOrigin::Context;
        }
    }
}

/// A visit told by a fronted locative: "In Serbia Wednesday, Biden called
/// for …", "In Kabul, Clinton said …". The sentence opens with "In" and a
/// place (or a country), perhaps a time, then a comma and a person as the
/// clause's subject, who comes from another country. A clause with a planned
/// cue after the person ("…, Biden will meet") tells no visit yet.
/// Returns the place and the person.
pub fn fronted_visit<'a>(
    dataset: &Dataset,
    text: &str,
    sentence: &std::ops::Range<usize>,
    args: &'a [Arg],
    planned: &[String],
) -> Option<(&'a Arg, &'a Arg)> {
    let place_lead = tuning().fronted_place_lead;
    let time_words = tuning().fronted_time_words;
    let subject_lead = tuning().fronted_subject_lead;
    let opening = text.get(sentence.start..)?;
    let first_word = opening.split_whitespace().next().map(fold)?;
    if first_word != "in" {
        return None;
    }
    let mut inside = args
        .iter()
        .filter(|a| a.range.start >= sentence.start && a.range.end <= sentence.end);
    let place = inside.next()?;
    let lead = word_count(&text[sentence.start..place.range.start]);
    let kind = dataset.entities[place.entity].kind;
    let placed = match kind {
        EntityKind::Place => lead <= place_lead,
        EntityKind::Government => lead == 1,
        _ => false,
    };
    if !placed {
        return None;
    }
    let rest = &text[place.range.end..sentence.end];
    let comma = rest.find(',')?;
    if word_count(&rest[..comma]) > time_words || rest[..comma].contains(['(', ';']) {
        return None;
    }
    let person = inside.find(|a| a.range.start > place.range.end + comma)?;
    let lead = &text[place.range.end + comma + 1..person.range.start];
    if dataset.entities[person.entity].kind != EntityKind::Person
        || word_count(lead) > subject_lead
        || lead.contains([',', ';', '"', '“'])
    {
        return None;
    }
    let next: Vec<String> = text[person.range.end..sentence.end]
        .split_whitespace()
        .take(tuning().fronted_planned_words)
        .map(fold)
        .collect();
    let next = next.join(" ");
    if planned.iter().any(|p| next.starts_with(p.as_str())) {
        return None;
    }
    let home = government_of(dataset, &dataset.entities[person.entity].id);
    let host = host_of(dataset, place.entity);
    (home.is_some() && host.is_some() && home != host).then_some((place, person))
}

/// Facts are told at the most specific party the article names. A visit to
/// a country is dropped when the same person visits a place in it on
/// overlapping dates ("a visit to Libya's capital, Tripoli"; "visited
/// leaders in Botswana in April … He met them in Gaborone"); a meeting with
/// a government is dropped when the same party meets one of its people then
/// ("Blinken's meeting with ministers from Denmark" beside "Blinken met
/// Danish Foreign Minister Kofod"), and two governments that met as members
/// of one group when their people meet ("the UAE, Saudi Arabia and Egypt
/// Ambassadors" beside the ambassadors by name). A country visited on another day
/// ("arrived in Canberra on Wednesday … Darwin on Thursday") is another visit.
/// A fact the text gives no date for (a headline: "Obama Speaks with Leaders
/// of Armenia and Azerbaijan") is the specific one whenever it happened.
pub fn keep_specific_parties(dataset: &Dataset, facts: &mut Vec<ExtractedFact>) {
    let meeting = |f: &ExtractedFact| matches!(f.relation, RelationKind::MetWith { .. });
    // (relation, other party, its government, the government a more
    // specific party belongs to, date)
    let mut inside: Vec<(&RelationKind, usize, Option<usize>, usize, Date)> = Vec::new();
    for f in facts.iter() {
        let sides: &[(usize, usize)] = if meeting(f) {
            &[(f.subject, f.object), (f.object, f.subject)]
        } else if f.relation == RelationKind::Visited {
            &[(f.subject, f.object)]
        } else {
            &[]
        };
        for &(other, party) in sides {
            let entity = &dataset.entities[party];
            if entity.kind == EntityKind::Government {
                continue;
            }
            if let Some(country) = government_of(dataset, &entity.id) {
                let other_home = government_of(dataset, &dataset.entities[other].id);
                inside.push((&f.relation, other, other_home, country, f.date));
            }
        }
    }
    // The other side may be told more specifically too when the two
    // governments only met as members of one group ("Meeting with the UAE,
    // Saudi Arabia and Egypt Ambassadors" beside "Otaiba met Reema bint
    // Bandar"): both stand after the trigger.
    let subsumed = |f: &ExtractedFact, other: usize, party: usize| {
        let members = f.subject_range.start >= f.trigger_range.end;
        inside.iter().any(|&(relation, o, o_home, country, date)| {
            *relation == f.relation
                && (o == other || (members && o_home == Some(other) && o_home != Some(country)))
                && country == party
                && (date.overlaps(f.date) || f.date_origin == DateOrigin::Fallback)
        })
    };
    let keep: Vec<bool> = facts
        .iter()
        .map(|f| {
            let (a, b) = (f.subject, f.object);
            let government = |e: usize| dataset.entities[e].kind == EntityKind::Government;
            let dropped = if meeting(f) {
                (government(b) && subsumed(f, a, b)) || (government(a) && subsumed(f, b, a))
            } else {
                f.relation == RelationKind::Visited && subsumed(f, a, b)
            };
            !dropped
        })
        .collect();
    let mut keep = keep.into_iter();
    facts.retain(|_| keep.next().unwrap_or(true));
}
