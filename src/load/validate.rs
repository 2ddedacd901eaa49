//! Consistency checks over all records of a data directory.
//!
//! Each check pushes [`Diagnostic`]s onto the collection; nothing stops at the
//! first problem, so a curator sees every error in one run.

use std::collections::HashMap;
use std::path::Path;

use indexmap::IndexMap;

use super::{Collected, Diagnostic, Origin, Problem};
use crate::model::{EntityKind, RelationKind, Tenure};
use crate::text::fold_name;

/// Runs every check.
pub(super) fn check(data: &mut Collected) {
    let mut found = Vec::new();
    let ids = Ids::new(data, &mut found);
    check_aliases(data, &mut found);
    check_entities(data, &ids, &mut found);
    check_offices(data, &ids, &mut found);
    check_relations(data, &ids, &mut found);
    check_sources(data, &mut found);
    check_patterns(data, &mut found);
    data.diagnostics.append(&mut found);
}

/// The ids defined in the data, with their kinds, for reference checks.
struct Ids {
    entities: IndexMap<String, (EntityKind, String)>,
    offices: IndexMap<String, String>,
    sources: IndexMap<String, String>,
}

impl Ids {
    fn new<'a>(data: &'a Collected, found: &mut Vec<Diagnostic>) -> Ids {
        let mut ids = Ids {
            entities: IndexMap::new(),
            offices: IndexMap::new(),
            sources: IndexMap::new(),
        };
        let mut first: HashMap<(&str, &'a str), Origin> = HashMap::new();
        let mut define = |table: &'static str, id: &'a str, origin: Origin| {
            if !is_slug(id) {
                found.push(
                    data.diagnostic(origin, "id", Problem::InvalidValue, format!("invalid id `{id}`"))
                        .with_hint("ids are slugs: lowercase letters, digits and single hyphens, e.g. `antony-blinken`"),
                );
            }
            match first.get(&(table, id)) {
                Some(&earlier) => {
                    found.push(
                        data.diagnostic(
                            origin,
                            "id",
                            Problem::DuplicateId,
                            format!("duplicate id `{id}`"),
                        )
                        .with_hint(format!(
                            "first defined at {}; ids must be unique",
                            data.position_of(earlier, "id")
                        )),
                    );
                    false
                }
                None => {
                    first.insert((table, id), origin);
                    true
                }
            }
        };
        for (entity, origin) in &data.entities {
            if define("entity", &entity.id, *origin) {
                ids.entities
                    .insert(entity.id.clone(), (entity.kind, entity.name.clone()));
            }
        }
        for (office, origin) in &data.offices {
            if define("office", &office.id, *origin) {
                ids.offices.insert(office.id.clone(), office.name.clone());
            }
        }
        for (source, origin) in &data.sources {
            if define("source", &source.id, *origin) {
                ids.sources.insert(source.id.clone(), source.title.clone());
            }
        }
        ids
    }
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A reference from one record to an id, and what it must point at.
struct Reference<'a> {
    origin: Origin,
    field: &'a str,
    id: &'a str,
    what: &'static str,
    kinds: &'a [EntityKind],
}

const ANY: &[EntityKind] = &EntityKind::ALL;
const GOVERNMENT: &[EntityKind] = &[EntityKind::Government];
const BODY: &[EntityKind] = &[EntityKind::Government, EntityKind::Organization];
const LOCATION: &[EntityKind] = &[EntityKind::Place, EntityKind::Government];
const PERSON: &[EntityKind] = &[EntityKind::Person];
const EVENT: &[EntityKind] = &[EntityKind::Event];

fn check_entity_ref(data: &Collected, ids: &Ids, r: Reference, found: &mut Vec<Diagnostic>) {
    let of_right_kind = || {
        ids.entities
            .iter()
            .filter(|(_, (kind, _))| r.kinds.contains(kind))
            .map(|(id, (_, name))| (id.as_str(), name.as_str()))
    };
    let expected: Vec<&str> = r.kinds.iter().map(|k| k.as_str()).collect();
    let expected = expected.join(" or ");
    match ids.entities.get(r.id) {
        None => {
            let problem = if r.what == "participant" {
                Problem::UnknownParticipant
            } else {
                Problem::UnknownReference
            };
            let message = format!("unknown {} `{}` in `{}`", r.what, r.id, r.field);
            let fallback = "no entity has this id: fix the id, or add the entity to a people, \
                            governments, organizations, places or events section";
            let hint = suggest(r.id, of_right_kind(), fallback);
            found.push(
                data.diagnostic(r.origin, r.id, problem, message)
                    .with_hint(hint),
            );
        }
        Some((kind, name)) if !r.kinds.contains(kind) => {
            let message = format!(
                "`{}` ({name}) is a {kind}, but `{}` must name a {expected}",
                r.id, r.field
            );
            let hint = suggest(
                r.id,
                of_right_kind(),
                &format!("use the id of a {expected}"),
            );
            found.push(
                data.diagnostic(r.origin, r.id, Problem::WrongKind, message)
                    .with_hint(hint),
            );
        }
        Some(_) => {}
    }
}

fn check_source_refs(
    data: &Collected,
    ids: &Ids,
    origin: Origin,
    sources: &[String],
    what: &str,
    found: &mut Vec<Diagnostic>,
) {
    if sources.is_empty() {
        found.push(
            data.diagnostic(
                origin,
                "sources",
                Problem::MissingSource,
                format!("{what} has no source"),
            )
            .with_hint("every fact needs at least one source id: `sources: [\"...\"]`"),
        );
    }
    for id in sources {
        if !ids.sources.contains_key(id) {
            let candidates = ids
                .sources
                .iter()
                .map(|(id, title)| (id.as_str(), title.as_str()));
            found.push(
                data.diagnostic(
                    origin,
                    id,
                    Problem::UnknownReference,
                    format!("unknown source `{id}`"),
                )
                .with_hint(suggest(
                    id,
                    candidates,
                    "sources are defined in a `sources: [...]` section",
                )),
            );
        }
    }
}

/// "did you mean `x` (Name)?" for the closest id or name, else `fallback`.
fn suggest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = (&'a str, &'a str)>,
    fallback: &str,
) -> String {
    let wanted_folded = fold_name(wanted);
    let best = candidates
        .map(|(id, name)| {
            let score = strsim::jaro_winkler(&wanted_folded, id)
                .max(strsim::jaro_winkler(&wanted_folded, &fold_name(name)));
            (score, id, name)
        })
        .filter(|(score, _, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, id, name)) => format!("did you mean `{id}` ({name})?"),
        None => fallback.to_string(),
    }
}

/// Why a strong alias would match almost anywhere, if it would: punctuation
/// only, a single letter or digit, or a function word.
fn unsafe_alias(alias: &str) -> Option<&'static str> {
    let folded = fold_name(alias);
    let letters = folded.chars().filter(|c| c.is_alphanumeric()).count();
    if letters == 0 {
        Some("has no letter or digit")
    } else if letters == 1 {
        Some("is a single letter")
    } else if !is_acronym(alias) && crate::text::Language::english().is_stop_word(&folded) {
        Some("is a common English word")
    } else {
        None
    }
}

/// An all-capital alias ("US", "IT") matches case-sensitively, so it is no
/// common word.
fn is_acronym(alias: &str) -> bool {
    alias.chars().any(char::is_alphabetic)
        && alias
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn check_aliases(data: &Collected, found: &mut Vec<Diagnostic>) {
    // folded strong name -> (entity id, the name as written, origin)
    let mut owners: HashMap<String, (&str, &str, Origin)> = HashMap::new();
    for (entity, origin) in &data.entities {
        for alias in &entity.aliases {
            if let Some(why) = unsafe_alias(alias) {
                let message = format!(
                    "strong alias \"{alias}\" of `{}` {why}: it would match in every article",
                    entity.id
                );
                found.push(
                    data.diagnostic(*origin, alias, Problem::UnsafeAlias, message)
                        .with_hint("drop it, or make it one of `weak_aliases` (linked only when the article corroborates it)"),
                );
            }
        }
        let strong = std::iter::once(&entity.name).chain(&entity.aliases);
        for name in strong {
            let folded = fold_name(name);
            if folded.is_empty() {
                found.push(data.diagnostic(
                    *origin,
                    name,
                    Problem::InvalidValue,
                    format!("empty name or alias in `{}`", entity.id),
                ));
                continue;
            }
            match owners.get(&folded) {
                Some((owner, written, earlier)) if *owner != entity.id => {
                    let message = format!("\"{name}\" names both `{owner}` and `{}`", entity.id);
                    let hint = format!(
                        "\"{written}\" is already a name of `{owner}` ({}); make one of them a weak alias, or drop it",
                        data.position_of(*earlier, written)
                    );
                    found.push(
                        data.diagnostic(*origin, name, Problem::DuplicateAlias, message)
                            .with_hint(hint),
                    );
                }
                Some(_) => {}
                None => {
                    owners.insert(folded, (&entity.id, name, *origin));
                }
            }
        }
    }
}

fn check_entities(data: &Collected, ids: &Ids, found: &mut Vec<Diagnostic>) {
    for (entity, origin) in &data.entities {
        let origin = *origin;
        let mut refer = |field, id: &Option<String>, what, kinds| {
            if let Some(id) = id {
                check_entity_ref(
                    data,
                    ids,
                    Reference {
                        origin,
                        field,
                        id,
                        what,
                        kinds,
                    },
                    found,
                );
            }
        };
        refer("country", &entity.country, "government", GOVERNMENT);
        refer("parent", &entity.parent, "parent", BODY);
        let Some(event) = &entity.event else { continue };
        refer("place", &event.place, "place", LOCATION);
        for participant in &event.participants {
            let id = &participant.entity;
            check_entity_ref(
                data,
                ids,
                Reference {
                    origin,
                    field: "participants",
                    id,
                    what: "participant",
                    kinds: ANY,
                },
                found,
            );
            if let Some(side) = &participant.side {
                check_entity_ref(
                    data,
                    ids,
                    Reference {
                        origin,
                        field: "side",
                        id: side,
                        what: "side",
                        kinds: GOVERNMENT,
                    },
                    found,
                );
            }
        }
        check_source_refs(
            data,
            ids,
            origin,
            &event.sources,
            &format!("event `{}`", entity.id),
            found,
        );
    }
}

fn check_offices(data: &Collected, ids: &Ids, found: &mut Vec<Diagnostic>) {
    for (office, origin) in &data.offices {
        let origin = *origin;
        check_entity_ref(
            data,
            ids,
            Reference {
                origin,
                field: "of",
                id: &office.of,
                what: "government or organization",
                kinds: BODY,
            },
            found,
        );
        for tenure in &office.holders {
            let id = &tenure.person;
            check_entity_ref(
                data,
                ids,
                Reference {
                    origin,
                    field: "person",
                    id,
                    what: "person",
                    kinds: PERSON,
                },
                found,
            );
            let what = format!("tenure of `{id}` as {}", office.name);
            check_source_refs(data, ids, origin, &tenure.sources, &what, found);
            if let (Some(from), Some(to)) = (tenure.from, tenure.to) {
                if to.last_day() < from.first_day() {
                    let message = format!("{what} ends ({to}) before it starts ({from})");
                    found.push(
                        data.diagnostic(origin, &to.to_string(), Problem::EndBeforeStart, message)
                            .with_hint("check the order of `from` and `to`"),
                    );
                }
            }
        }
        if !office.concurrent {
            check_overlaps(data, origin, &office.name, &office.holders, found);
        }
        check_repeated_tenures(data, origin, &office.name, &office.holders, found);
    }
}

fn check_overlaps(
    data: &Collected,
    origin: Origin,
    office: &str,
    holders: &[Tenure],
    found: &mut Vec<Diagnostic>,
) {
    for (i, a) in holders.iter().enumerate() {
        for b in &holders[i + 1..] {
            if a.person != b.person && a.overlaps(b) {
                let message = format!(
                    "{office} held by `{}` ({}) and `{}` ({}) at once",
                    a.person,
                    period(a),
                    b.person,
                    period(b)
                );
                found.push(data.diagnostic(origin, &b.person, Problem::OverlappingTenure, message)
                    .with_hint("fix the dates, or set `concurrent: true` on an office several people hold at once"));
            }
        }
    }
}

/// A person listed twice as holder of one office over overlapping periods:
/// a copy-paste slip that would double every date lookup.
fn check_repeated_tenures(
    data: &Collected,
    origin: Origin,
    office: &str,
    holders: &[Tenure],
    found: &mut Vec<Diagnostic>,
) {
    for (i, a) in holders.iter().enumerate() {
        for b in &holders[i + 1..] {
            if a.person == b.person && a.overlaps(b) {
                let message = format!(
                    "{office} held twice by `{}` over overlapping periods ({} and {})",
                    a.person,
                    period(a),
                    period(b)
                );
                let needle = b.from.map_or_else(|| b.person.clone(), |d| d.to_string());
                found.push(
                    data.diagnostic(origin, &needle, Problem::OverlappingTenure, message)
                        .with_hint("merge the two tenures into one, or fix their dates"),
                );
            }
        }
    }
}

/// A tenure's period for messages: `2021-01-26 to present`.
fn period(t: &Tenure) -> String {
    let show =
        |d: Option<crate::model::Date>, open: &str| d.map_or(open.to_string(), |d| d.to_string());
    format!("{} to {}", show(t.from, "?"), show(t.to, "present"))
}

fn check_relations(data: &Collected, ids: &Ids, found: &mut Vec<Diagnostic>) {
    for (relation, origin) in &data.relations {
        let origin = *origin;
        let (object_what, object_kinds) = match &relation.relation {
            RelationKind::ParticipatedIn { .. } => ("event", EVENT),
            RelationKind::Visited => ("place or government", LOCATION),
            RelationKind::HoldsOffice { .. } | RelationKind::PartOf => {
                ("government or organization", BODY)
            }
            _ => ("entity", ANY),
        };
        check_entity_ref(
            data,
            ids,
            Reference {
                origin,
                field: "from",
                id: &relation.from,
                what: "entity",
                kinds: ANY,
            },
            found,
        );
        check_entity_ref(
            data,
            ids,
            Reference {
                origin,
                field: "to",
                id: &relation.to,
                what: object_what,
                kinds: object_kinds,
            },
            found,
        );
        if let Some(event) = &relation.event {
            check_entity_ref(
                data,
                ids,
                Reference {
                    origin,
                    field: "event",
                    id: event,
                    what: "event",
                    kinds: EVENT,
                },
                found,
            );
        }
        match &relation.relation {
            RelationKind::ParticipatedIn {
                side: Some(side), ..
            } => {
                check_entity_ref(
                    data,
                    ids,
                    Reference {
                        origin,
                        field: "side",
                        id: side,
                        what: "side",
                        kinds: GOVERNMENT,
                    },
                    found,
                );
            }
            RelationKind::HoldsOffice { office, .. } if !ids.offices.contains_key(office) => {
                let candidates = ids
                    .offices
                    .iter()
                    .map(|(id, name)| (id.as_str(), name.as_str()));
                found.push(
                    data.diagnostic(
                        origin,
                        office,
                        Problem::UnknownReference,
                        format!("unknown office `{office}`"),
                    )
                    .with_hint(suggest(
                        office,
                        candidates,
                        "offices are defined in an `offices: [...]` section",
                    )),
                );
            }
            RelationKind::Funded {
                amount: Some(amount),
                ..
            } if !amount.is_finite() || *amount < 0.0 => {
                found.push(data.diagnostic(
                    origin,
                    "amount",
                    Problem::InvalidValue,
                    format!("amount {amount} is not a sum of money"),
                ));
            }
            _ => {}
        }
        let what = format!(
            "relation `{}` {} `{}`",
            relation.from,
            relation.relation.name(),
            relation.to
        );
        check_source_refs(data, ids, origin, &relation.sources, &what, found);
    }
}

fn check_sources(data: &Collected, found: &mut Vec<Diagnostic>) {
    for (source, origin) in &data.sources {
        let Some(file) = &source.file else { continue };
        let root = &data.roots[data.files[origin.file].root];
        if !data.allow_outside_data && !inside(root, file) {
            let message = format!(
                "source `{}`: article file `{file}` is outside the data directory {}",
                source.id,
                root.display()
            );
            let hint = "keep articles inside the data directory, or pass --allow-outside-data";
            found.push(
                data.diagnostic(*origin, "file", Problem::OutsideData, message)
                    .with_hint(hint),
            );
            continue;
        }
        if !root.join(file).is_file() {
            let message = format!(
                "source `{}`: article file `{file}` does not exist",
                source.id
            );
            let hint = format!(
                "paths are relative to the data directory {}",
                root.display()
            );
            found.push(
                data.diagnostic(*origin, "file", Problem::MissingFile, message)
                    .with_hint(hint),
            );
        }
    }
}

/// Whether `file`, relative to `root`, stays inside `root`: no absolute
/// path, no `..` above it, and no symbolic link leading out.
fn inside(root: &Path, file: &str) -> bool {
    use std::path::Component;
    let relative = Path::new(file);
    let mut depth = 0usize;
    for part in relative.components() {
        match part {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            _ => return false, // `..` above the root, `/`, a drive prefix
        }
    }
    // Where a symbolic link leads, when the file exists.
    match (root.canonicalize(), root.join(relative).canonicalize()) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => true,
    }
}

fn check_patterns(data: &Collected, found: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Origin> = HashMap::new();
    for (pattern, origin) in &data.patterns {
        if let Some(earlier) = seen.insert(&pattern.id, *origin) {
            let hint = format!("first defined at {}", data.position_of(earlier, "id"));
            let message = format!("duplicate pattern id `{}`", pattern.id);
            found.push(
                data.diagnostic(*origin, "id", Problem::DuplicateId, message)
                    .with_hint(hint),
            );
        }
        let mut phrases = pattern.triggers.iter().chain(&pattern.lemmas);
        if phrases.all(|t| fold_name(t).is_empty()) {
            let message = format!("pattern `{}` has no trigger", pattern.id);
            found.push(
                data.diagnostic(*origin, "triggers", Problem::InvalidValue, message)
                    .with_hint(
                        "list the words that trigger it: `triggers: [\"met with\"]` or `lemmas: [\"meet with\"]`",
                    ),
            );
        }
        if !(0.0..=1.0).contains(&pattern.confidence) {
            let message = format!(
                "pattern `{}`: confidence {} is not between 0 and 1",
                pattern.id, pattern.confidence
            );
            found.push(data.diagnostic(*origin, "confidence", Problem::InvalidValue, message));
        }
    }
}
