//! Words that stand for parties named elsewhere: pronouns, "the minister",
//! "the two leaders", "the Department", "the country".

use super::args::Arg;
use super::clause::clause_start;
use super::cues::{any, CueKind};
use super::extractor::Extractor;
use super::fact::Party;
use super::site::{subject_pronoun_before, Site};
use crate::mentions::{government_of, ArticleMentions, Resolution};
use crate::model::{Dataset, EntityKind};
use crate::text::{fold, listed, tuning, Language};

impl Extractor {
    /// "both countries": the article's two most-mentioned governments;
    /// "the two officials": the two people named last.
    pub(super) fn pair_reference(&self, site: &Site<'_>) -> Vec<Party> {
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
    pub(super) fn role_pair(&self, site: &Site<'_>) -> Option<[usize; 2]> {
        let start = clause_start(site.text, &site.sentence, site.trigger.start);
        let before = fold(&site.text[start..site.trigger.start]);
        let (left, right) = before.trim().split_once(" and ")?;
        pub(super) fn role_of<'w>(
            side: &'w str,
            needs_the: bool,
            roles: &[String],
        ) -> Option<&'w str> {
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
    pub(super) fn stand_in_subject(&self, site: &Site<'_>) -> Option<usize> {
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
            // "The Liberian leader met …": the person named lately of that country.
            ["the", demonym, role, ..] if self.set.cues.role_nouns.iter().any(|r| r == role) => {
                let country = country_of_demonym(site, demonym)?;
                let of_country = |p: &usize| {
                    government_of(site.dataset, &site.dataset.entities[*p].id) == Some(country)
                };
                let theirs: Vec<usize> = site
                    .recent_people
                    .iter()
                    .copied()
                    .filter(of_country)
                    .collect();
                return theirs
                    .iter()
                    .copied()
                    .find(|&p| holds_role(site, p, role))
                    .or(theirs.first().copied());
            }
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
    pub(super) fn body_stand_in(
        &self,
        site: &Site<'_>,
        clause: usize,
        head: &str,
    ) -> Option<usize> {
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
    pub(super) fn first_person(&self, site: &Site<'_>) -> Option<Party> {
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
    pub(super) fn pronoun_object<'a>(
        &self,
        site: &Site<'a>,
        ok: impl Fn(&Arg) -> bool,
    ) -> Option<&'a Arg> {
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
    pub(super) fn country_reference(
        &self,
        site: &Site<'_>,
        from: usize,
        subject: usize,
    ) -> Option<Party> {
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

/// The government a demonym names ("liberian"), among those the article
/// mentions: a bounded look-up, never the whole dataset.
fn country_of_demonym(site: &Site<'_>, demonym: &str) -> Option<usize> {
    site.ranking.iter().copied().find(|&g| {
        site.dataset.entities[g]
            .demonyms
            .iter()
            .any(|d| fold(d) == demonym)
    })
}

/// Whether `person` holds, on the site's date, an office whose name or a
/// title has the word `role` ("secretary", "minister").
pub(super) fn holds_role(site: &Site<'_>, person: usize, role: &str) -> bool {
    site.dataset
        .office_on(&site.dataset.entities[person].id, site.date)
        .is_some_and(|o| {
            std::iter::once(&o.name)
                .chain(&o.titles)
                .any(|t| fold(t).split_whitespace().any(|w| w == role))
        })
}

/// People named before byte `before` in the article, most recent first, each once.
pub(super) fn recent_people(
    dataset: &Dataset,
    analysis: &ArticleMentions,
    before: usize,
) -> Vec<usize> {
    recent_of(dataset, analysis, before, EntityKind::Person)
}

/// The last two entities of `kind` named before byte `before`, most recent
/// first (a bounded look back: stand-ins refer to what was named lately).
pub(super) fn recent_of(
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
pub(super) fn government_ranking(dataset: &Dataset, analysis: &ArticleMentions) -> Vec<usize> {
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
