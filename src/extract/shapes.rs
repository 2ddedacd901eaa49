//! Where the parties of a trigger stand, by the pattern's shape: one
//! function per [`Shape`] (the subject–object shape has its own module).

use super::args::{
    eligible, has_infinitive, is_possessive, list_after, list_before, word_count, Arg,
};
use super::clause::{before_appositive, clause_end, clause_start, in_complement, with_objects};
use super::cues::{any_within, CueKind};
use super::extractor::Extractor;
use super::fact::Party;
use super::implied::host_of_list;
use super::site::{after_preposition, Site};
use crate::model::{Dataset, Pattern, Shape};
use crate::text::{fold, listed, tuning, Language};

/// What a pattern accepts as its subject and as its object.
pub(super) struct Accepts<'a> {
    dataset: &'a Dataset,
    pattern: &'a Pattern,
}

impl Accepts<'_> {
    /// Whether `arg` may be the pattern's subject.
    pub(super) fn subject(&self, arg: &Arg) -> bool {
        eligible(self.dataset, arg, &self.pattern.subject_kinds)
    }

    /// Whether `arg` may be the pattern's object.
    pub(super) fn object(&self, arg: &Arg) -> bool {
        eligible(self.dataset, arg, &self.pattern.object_kinds)
    }

    /// Whether `arg` may be either (the parties of a pair).
    pub(super) fn party(&self, arg: &Arg) -> bool {
        self.subject(arg) || self.object(arg)
    }
}

impl Extractor {
    /// Finds the parties for the pattern's shape: (subject, object, certainty) triples.
    pub(super) fn attach(&self, pattern: &Pattern, site: &Site<'_>) -> Vec<(Party, Party, f32)> {
        let accepts = Accepts {
            dataset: site.dataset,
            pattern,
        };
        match pattern.shape {
            Shape::SubjectObject => self.subject_object(pattern, site, &accepts),
            Shape::Pair | Shape::PartiesAfter => self.parties(pattern, site, &accepts),
            Shape::Passive => passive(site, &accepts, &self.set.cues.list_joiners),
            Shape::Opener => self.opener(site, &accepts),
            Shape::ByTo => by_to(site, &accepts),
            Shape::Appositive => appositive(site, &accepts, &self.set.cues.designations),
        }
    }

    /// "A and B signed …" (pair), "signed by A and B" (parties after), "A
    /// signed … with B", or a stand-in ("the two"): every pair of the parties.
    fn parties(
        &self,
        pattern: &Pattern,
        site: &Site<'_>,
        accepts: &Accepts<'_>,
    ) -> Vec<(Party, Party, f32)> {
        let joiners = &self.set.cues.list_joiners;
        let (text, trigger, args) = (site.text, &site.trigger, site.args);
        let mut parties: Vec<Party> = Vec::new();
        if pattern.shape == Shape::Pair {
            let to = before_appositive(text, &site.sentence, args, trigger.start);
            let before = list_before(
                text,
                args,
                to,
                tuning().parties_list,
                |a| accepts.party(a),
                joiners,
            );
            // "A met with B and C to sign an agreement": A with each of them.
            if let Some(host) = host_of_list(text, args, &before, |a| accepts.party(a)) {
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
                let with = with_objects(text, args, trigger.end, |a| accepts.party(a), joiners);
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
                |a| accepts.party(a),
                joiners,
            );
            let content = after.first().is_some_and(|first| {
                let gap = &text[trigger.end..first.range.start];
                has_infinitive(gap) || in_complement(text, trigger.end, first.range.start)
            });
            if after.len() >= 2 && !content {
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

    /// "With this funding, USAID is working with partners in A and B": the
    /// subject right after the opening phrase, the objects in its clause.
    fn opener(&self, site: &Site<'_>, accepts: &Accepts<'_>) -> Vec<(Party, Party, f32)> {
        let (text, trigger, args) = (site.text, &site.trigger, site.args);
        if !text[site.sentence.start..trigger.start].trim().is_empty() {
            return Vec::new();
        }
        let Some(comma) = text[trigger.end..site.sentence.end].find(',') else {
            return Vec::new();
        };
        let comma = trigger.end + comma + 1;
        let Some(subject) = args
            .iter()
            .find(|a| a.range.start >= comma && accepts.subject(a))
            .filter(|s| word_count(&text[comma..s.range.start]) <= tuning().opener_subject_words)
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
                    && accepts.object(a)
                    && !is_possessive(text, a)
            })
            .map(|o| (Party::of(subject), Party::of(o), 1.0))
            .collect()
    }
}

/// "Iyad ag Ghaly, a U.S.-designated SDGT": the object right before ", a",
/// the subject hyphen-joined to the trigger or the author's government. The
/// trigger must be followed by what it recalls: one of `terms` or an
/// acronym ("SDGT", "FTO").
fn appositive(
    site: &Site<'_>,
    accepts: &Accepts<'_>,
    terms: &[String],
) -> Vec<(Party, Party, f32)> {
    let (text, trigger, args) = (site.text, &site.trigger, site.args);
    let after = text[trigger.end..site.sentence.end].trim_start();
    let first = after.split_whitespace().next().unwrap_or("");
    let first = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    let acronym = first.len() >= 2 && first.chars().all(|c| c.is_ascii_uppercase());
    let folded = fold(after);
    if !acronym && !terms.iter().any(|t| folded.starts_with(t.as_str())) {
        return Vec::new();
    }
    // "U.S.-designated": the designator fused to the trigger.
    let fused = args
        .iter()
        .find(|a| a.range.end < trigger.start && text[a.range.end..trigger.start] == *"-");
    let lead_end = fused.map_or(trigger.start, |a| a.range.start);
    let lead = text[site.sentence.start..lead_end].trim_end();
    let Some(before_article) = lead
        .strip_suffix(" a")
        .or_else(|| lead.strip_suffix(" an"))
        .map(str::trim_end)
    else {
        return Vec::new();
    };
    let Some(before_comma) = before_article.strip_suffix(',') else {
        return Vec::new();
    };
    let comma = site.sentence.start + before_comma.len();
    let Some(object) = args
        .iter()
        .find(|a| a.range.end == comma && accepts.object(a))
    else {
        return Vec::new();
    };
    let subject = match fused {
        Some(a) if accepts.subject(a) => Party::of(a),
        Some(_) => return Vec::new(),
        None => {
            let author = site.author.and_then(|a| {
                crate::mentions::government_of(site.dataset, &site.dataset.entities[a].id)
            });
            let Some(government) = author else {
                return Vec::new();
            };
            Party {
                entity: government,
                range: site.sentence.clone(),
                certainty: 1.0,
            }
        }
    };
    vec![(subject, Party::of(object), 1.0)]
}

/// "X was designated by Y": objects before the trigger, the subject after "by".
fn passive(site: &Site<'_>, accepts: &Accepts<'_>, joiners: &[String]) -> Vec<(Party, Party, f32)> {
    let (text, trigger, args) = (site.text, &site.trigger, site.args);
    let object = list_before(
        text,
        args,
        trigger.start,
        tuning().objects_before_passive,
        |a| accepts.object(a),
        joiners,
    );
    let subject = by_phrase(text, args, trigger.end, |a| accepts.subject(a));
    match subject {
        Some(s) => object
            .into_iter()
            .map(|o| (Party::of(s), Party::of(o), 1.0))
            .collect(),
        None => Vec::new(),
    }
}

/// "… by A to B": the subject right after the trigger, the object after a
/// listed gap ("to", "for").
fn by_to(site: &Site<'_>, accepts: &Accepts<'_>) -> Vec<(Party, Party, f32)> {
    let (text, trigger, args) = (site.text, &site.trigger, site.args);
    let Some(subject) = args
        .iter()
        .find(|a| a.range.start >= trigger.end && accepts.subject(a))
    else {
        return Vec::new();
    };
    if word_count(&text[trigger.end..subject.range.start]) > tuning().by_to_subject_words {
        return Vec::new();
    }
    let object = args.iter().find(|a| {
        a.range.start >= subject.range.end && accepts.object(a) && {
            let gap = fold(&text[subject.range.end..a.range.start]);
            let gap = gap.trim();
            listed(&Language::english().grammar.by_to_gaps, gap)
        }
    });
    object
        .map(|o| vec![(Party::of(subject), Party::of(o), 1.0)])
        .unwrap_or_default()
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
