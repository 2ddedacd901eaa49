//! FollowTheMoney export: the graph as JSON lines of
//! [FollowTheMoney](https://followthemoney.tech/) entities, the format of
//! Aleph and OpenSanctions (`ftm validate`, `ftm aggregate` and
//! `ftm export-*` read it).
//!
//! ```json
//! {"id":"ng-person-antony-blinken","schema":"Person","properties":{"name":["Antony Blinken"],"country":["us"]}}
//! {"id":"ng-funded-1c3e…","schema":"Payment","properties":{"payer":["ng-government-united-states"],"amount":["13500000"],…}}
//! ```
//!
//! One line per entity of the view, then one per office held in it
//! (`Position`), one per source it cites (`Article`), and one per fact;
//! `participated_in` facts are written into their `Event` as `involved` (and
//! `organizer` for hosts) rather than as lines of their own:
//!
//! | newsgraph | FollowTheMoney |
//! |---|---|
//! | person | `Person` |
//! | government | `PublicBody` with `jurisdiction` |
//! | organization under a government (its `parent` chain) | `PublicBody` |
//! | other organization | `Organization` |
//! | place | `Address` |
//! | event | `Event` (`involved`, `organizer`, `addressEntity`) |
//! | source | `Article` |
//! | office | `Position` |
//! | `holds_office` | `Occupancy` (`holder`, `post`, `startDate`, `endDate`) |
//! | `funded` | `Payment` (`payer`, `beneficiary`, `amount`, `currency`, `purpose`, `date`) |
//! | `designated` | `Sanction` (`entity`, `authority`, `program`, `startDate`) |
//! | `part_of` | `Membership` (`member`, `organization`) |
//! | `met_with`, `agreed`, `visited`, `praised`, `thanked`, `congratulated` | `UnknownLink` (`subject`, `object`, `role`, `date`) |
//!
//! Every line made from a fact carries its provenance: `proof` (the
//! `Article`s of its sources), `publisher` and `sourceUrl` of those sources,
//! the evidence sentences in `summary`, and in `description` the relation
//! with every attribute, where the fact comes from (curated, derived, found
//! by the matcher) and the curator's note. Dates keep their precision
//! (`2021`, `2021-10`, `2021-10-05`), which FollowTheMoney's date type
//! accepts as they are.
//!
//! Country codes (ISO 3166-1, as FollowTheMoney writes them) come from
//! `lang/countries.ron`: a government whose name or strong alias is a
//! country's name gets its code, and people, organizations, places and
//! events get the code of the government they belong to.
//!
//! Ids are deterministic: `ng-KIND-ID` for an entity (`ng-person-antony-blinken`),
//! `ng-position-OFFICE`, `ng-source-SOURCE`, and `ng-RELATION-HASH` for a
//! fact, where HASH is a BLAKE3 hash of its subject, relation, object, date
//! and attributes, so a fact keeps its id from one build to the next. An id
//! FollowTheMoney would not accept (anything but ASCII letters, digits, `-`
//! and `.`) is replaced by a hash of it.
//!
//! Values are cleaned as FollowTheMoney cleans them, so that `ftm validate`
//! keeps every one: control characters are dropped, values are trimmed,
//! names and addresses have their runs of white space collapsed, and values
//! are cut to the type's maximum length. Text is written as JSON strings
//! (escaped as in every export): nothing in it can become markup.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::sync::OnceLock;

use indexmap::IndexMap;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::clean::{without_controls, write_json};
use super::reuse::{key_with, Key, Records};
use super::view::View;
use crate::graph::{FactOrigin, FactRef, KnowledgeGraph};
use crate::model::{
    AttributeValue, Date, Entity, EntityKind, Office, ParticipantRole, RelationKind, Source,
};

/// The countries table, built into newsgraph.
const COUNTRIES: &str = include_str!("../../lang/countries.ron");

/// The prefix of every id this export writes.
pub const FTM_ID_PREFIX: &str = "ng";

/// The longest entity id FollowTheMoney accepts.
const MAX_ID_LEN: usize = 200;

/// One FollowTheMoney entity: an id, a schema and its properties, each a
/// list of strings, in the order written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FtmEntity {
    /// The entity's id (`ng-person-antony-blinken`).
    pub id: String,
    /// The FollowTheMoney schema (`Person`, `Payment`…).
    pub schema: &'static str,
    /// Property values by property name; no list is empty.
    pub properties: IndexMap<&'static str, Vec<String>>,
}

/// How FollowTheMoney cleans a property's values (its type's rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `name`: white space collapsed, at most 384 characters.
    Name,
    /// `address`: white space collapsed, at most 250 characters.
    Address,
    /// `string`, `identifier`, `country`, `date`, `number`, `url`, `entity`:
    /// trimmed, at most 1,024 characters.
    String,
    /// `text`: trimmed, at most 65,000 characters.
    Text,
}

impl Kind {
    fn of(property: &str) -> Kind {
        match property {
            "name" | "alias" | "weakAlias" => Kind::Name,
            "full" | "location" => Kind::Address,
            "description" | "summary" | "purpose" | "notes" => Kind::Text,
            _ => Kind::String,
        }
    }

    fn max_chars(self) -> usize {
        match self {
            Kind::Name => 384,
            Kind::Address => 250,
            Kind::String => 1024,
            Kind::Text => 65_000,
        }
    }
}

/// `value` as FollowTheMoney would keep it for a property of `kind`; `None`
/// when nothing is left.
fn clean_value(value: &str, kind: Kind) -> Option<String> {
    let value = without_controls(value);
    let value = match kind {
        Kind::Name | Kind::Address => value.split_whitespace().collect::<Vec<_>>().join(" "),
        Kind::String | Kind::Text => value.trim().to_string(),
    };
    if value.is_empty() {
        return None;
    }
    let max = kind.max_chars();
    if value.chars().count() <= max {
        return Some(value);
    }
    let cut: String = value.chars().take(max - 1).collect();
    Some(format!("{}…", cut.trim_end()))
}

impl FtmEntity {
    fn new(schema: &'static str, id: String) -> FtmEntity {
        FtmEntity {
            id,
            schema,
            properties: IndexMap::new(),
        }
    }

    /// Adds a value to a property, cleaned as FollowTheMoney cleans it
    /// (see the module documentation); empty values and repeats are skipped.
    pub fn add(&mut self, property: &'static str, value: &str) {
        let Some(value) = clean_value(value, Kind::of(property)) else {
            return;
        };
        let values = self.properties.entry(property).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }

    fn add_all<'a>(&mut self, property: &'static str, values: impl IntoIterator<Item = &'a str>) {
        for value in values {
            self.add(property, value);
        }
    }

    fn add_date(&mut self, property: &'static str, date: Option<Date>) {
        if let Some(date) = date {
            self.add(property, &date.to_string());
        }
    }
}

/// Writes the view as FollowTheMoney JSON lines (see the module
/// documentation), one entity at a time.
///
/// ```
/// use newsgraph::{export, Dataset, KnowledgeGraph};
///
/// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
/// let mut out = Vec::new();
/// export::write_ftm(&export::View::all(&graph), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// let blinken = text.lines().find(|l| l.starts_with(r#"{"id":"ng-person-antony-blinken""#)).unwrap();
/// let blinken: serde_json::Value = serde_json::from_str(blinken).unwrap();
/// assert_eq!(blinken["schema"], "Person");
/// assert_eq!(blinken["properties"]["country"][0], "us");
/// ```
pub fn write_ftm(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    Records::write_fresh(out, |records, keys| write_ftm_records(view, records, keys))
}

/// [`write_ftm`] through `records`: each fact's entity is a record with its
/// fact's key (`keys`, by edge index; see [`super::reuse`]) and its id.
pub fn write_ftm_records(
    view: &View<'_>,
    records: &mut Records<'_>,
    keys: &[Key],
) -> io::Result<()> {
    let graph = view.graph();
    let mut buffer = Vec::new();
    each_item(view, &mut |item| match item {
        Item::Entity(entity) => {
            write_json(&mut buffer, &entity, false)?;
            buffer.push(b'\n');
            if buffer.len() > 1 << 16 {
                records.write_all(&buffer)?;
                buffer.clear();
            }
            Ok(())
        }
        Item::Fact(fact, id) => {
            records.write_all(&buffer)?;
            buffer.clear();
            let key = keys.get(fact.edge.index()).copied().unwrap_or_default();
            records.record(key_with(key, id.as_bytes()), |out| {
                write_json(out, &fact_to_ftm(graph, &fact, id), false)?;
                out.push(b'\n');
                Ok(())
            })
        }
    })?;
    records.write_all(&buffer)
}

/// The text of [`write_ftm`].
pub fn view_to_ftm(view: &View<'_>) -> String {
    let mut out = Vec::new();
    write_ftm(view, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// The view as FollowTheMoney entities, in the order [`write_ftm`] writes them.
pub fn to_ftm(view: &View<'_>) -> Vec<FtmEntity> {
    let graph = view.graph();
    let mut out = Vec::new();
    each_item(view, &mut |item| {
        out.push(match item {
            Item::Entity(entity) => entity,
            Item::Fact(fact, id) => fact_to_ftm(graph, &fact, id),
        });
        Ok(())
    })
    .expect("collecting cannot fail");
    out
}

/// An entity to write, or a fact's entity not made yet, with its id (so an
/// entity copied from the last build is never made).
enum Item<'g> {
    Entity(FtmEntity),
    Fact(FactRef<'g>, String),
}

/// Hands each FollowTheMoney entity of the view to `sink`, one at a time,
/// so a large graph is never held in memory as entities.
fn each_item<'g>(
    view: &View<'g>,
    sink: &mut dyn FnMut(Item<'g>) -> io::Result<()>,
) -> io::Result<()> {
    let graph = view.graph();
    let dataset = graph.dataset();
    let entities = view.entities();
    let facts = view.facts();
    let in_view: HashSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    let mut ids = Ids::default();

    // Events gather their participants from the participated_in facts.
    let mut participation: HashMap<&str, Vec<&FactRef<'_>>> = HashMap::new();
    for fact in &facts {
        if is_involvement(fact) {
            participation.entry(&fact.to.id).or_default().push(fact);
        }
    }

    for entity in &entities {
        let mut ftm = entity_to_ftm(graph, entity, &in_view);
        if let Some(facts) = participation.get(entity.id.as_str()) {
            for fact in facts {
                if let RelationKind::ParticipatedIn { role, .. } = &fact.fact.relation {
                    let id = entity_id(fact.from);
                    ftm.add("involved", &id);
                    if *role == ParticipantRole::Host {
                        ftm.add("organizer", &id);
                    }
                }
                provenance(&mut ftm, graph, fact);
            }
        }
        sink(Item::Entity(ids.unique(ftm)))?;
    }

    // The offices of the view's holds_office facts (every office of the whole graph).
    let cited_offices: HashSet<&str> = facts
        .iter()
        .filter_map(|f| match &f.fact.relation {
            RelationKind::HoldsOffice { office, .. } => Some(office.as_str()),
            _ => None,
        })
        .collect();
    for office in dataset.offices.values() {
        if view.is_whole() || cited_offices.contains(office.id.as_str()) {
            sink(Item::Entity(ids.unique(position(graph, office, &in_view))))?;
        }
    }

    // The sources the view cites (every source of the whole graph).
    let cited_sources: HashSet<&str> = facts
        .iter()
        .flat_map(|f| f.fact.sources())
        .chain(
            entities
                .iter()
                .filter_map(|e| e.event.as_ref())
                .flat_map(|e| e.sources.iter().map(String::as_str)),
        )
        .collect();
    for source in dataset.sources.values() {
        if view.is_whole() || cited_sources.contains(source.id.as_str()) {
            sink(Item::Entity(ids.unique(article(source))))?;
        }
    }

    // The ids are made on both cores: each is a hash.
    let base_ids: Vec<Option<String>> = facts
        .par_iter()
        .map(|fact| (!is_involvement(fact)).then(|| fact_id(fact)))
        .collect();
    for (fact, base) in facts.into_iter().zip(base_ids) {
        if let Some(base) = base {
            let id = ids.unique_id(base);
            sink(Item::Fact(fact, id))?;
        }
    }
    Ok(())
}

/// Makes ids unique: a second entity with an id already written (two hashes
/// that collide) gets `-2`, `-3`… appended.
#[derive(Default)]
struct Ids(HashSet<String, rustc_hash::FxBuildHasher>);

impl Ids {
    fn unique(&mut self, mut entity: FtmEntity) -> FtmEntity {
        entity.id = self.unique_id(std::mem::take(&mut entity.id));
        entity
    }

    fn unique_id(&mut self, base: String) -> String {
        if self.0.insert(base.clone()) {
            return base;
        }
        let mut n = 2;
        while !self.0.insert(format!("{base}-{n}")) {
            n += 1;
        }
        format!("{base}-{n}")
    }
}

/// Whether a fact is written as an event's `involved` property.
fn is_involvement(fact: &FactRef<'_>) -> bool {
    matches!(fact.fact.relation, RelationKind::ParticipatedIn { .. })
        && fact.to.kind == EntityKind::Event
        && is_legal_entity(fact.from)
}

/// Whether an entity is written as a FollowTheMoney `LegalEntity`.
fn is_legal_entity(entity: &Entity) -> bool {
    matches!(
        entity.kind,
        EntityKind::Person | EntityKind::Government | EntityKind::Organization
    )
}

/// `ng-PART-rest` when FollowTheMoney accepts it as an id, else `ng-PART-` and a hash of `rest`.
fn make_id(part: &str, rest: &str) -> String {
    let id = format!("{FTM_ID_PREFIX}-{part}-{rest}");
    let valid = id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && id.ends_with(|c: char| c.is_ascii_alphanumeric());
    if valid {
        id
    } else {
        format!("{FTM_ID_PREFIX}-{part}-{}", short_hash(rest.as_bytes()))
    }
}

/// 20 hex digits of the BLAKE3 hash of `bytes`.
fn short_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..20].to_string()
}

/// The FollowTheMoney id of an entity: `ng-KIND-ID`.
pub fn entity_id(entity: &Entity) -> String {
    make_id(entity.kind.as_str(), &entity.id)
}

/// The FollowTheMoney id of an office's `Position`: `ng-position-ID`.
pub fn position_id(office: &str) -> String {
    make_id("position", office)
}

/// The FollowTheMoney id of a source's `Article`: `ng-source-ID`.
pub fn source_id(source: &str) -> String {
    make_id("source", source)
}

/// The FollowTheMoney id of a fact: `ng-RELATION-HASH`, the hash of its
/// subject, relation, object, date and attributes (stable across builds).
pub fn fact_id(fact: &FactRef<'_>) -> String {
    let mut key = Vec::new();
    for part in [
        fact.from.id.as_str(),
        fact.fact.relation.name(),
        fact.to.id.as_str(),
        &fact.fact.date.map(|d| d.to_string()).unwrap_or_default(),
    ] {
        key.extend_from_slice(part.as_bytes());
        key.push(0);
    }
    for (name, value) in fact.fact.relation.attributes() {
        key.extend_from_slice(format!("{name}={value}").as_bytes());
        key.push(0);
    }
    let relation = fact.fact.relation.name().replace('_', "-");
    format!("{FTM_ID_PREFIX}-{relation}-{}", short_hash(&key))
}

/// The schema an entity is written as.
fn schema(graph: &KnowledgeGraph, entity: &Entity) -> &'static str {
    match entity.kind {
        EntityKind::Person => "Person",
        EntityKind::Government => "PublicBody",
        EntityKind::Organization if government_of(graph, entity).is_some() => "PublicBody",
        EntityKind::Organization => "Organization",
        EntityKind::Place => "Address",
        EntityKind::Event => "Event",
    }
}

/// The government at the top of an organization's `parent` chain.
fn government_of<'g>(graph: &'g KnowledgeGraph, entity: &'g Entity) -> Option<&'g Entity> {
    let mut current = entity;
    // Validated data has no cycles; the bound keeps a bad one finite.
    for _ in 0..=graph.dataset().entities.len() {
        if current.kind == EntityKind::Government {
            return Some(current);
        }
        current = graph.dataset().entity(current.parent.as_deref()?)?;
    }
    None
}

/// The country table: folded names to ISO codes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryTable {
    countries: Vec<Country>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Country {
    code: String,
    names: Vec<String>,
}

fn countries() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let table: CountryTable =
            ron::from_str(COUNTRIES).expect("the built-in lang/countries.ron parses");
        let mut by_name = HashMap::new();
        for country in table.countries {
            for name in &country.names {
                by_name.insert(crate::text::fold_name(name), country.code.clone());
            }
        }
        by_name
    })
}

/// The ISO code of the country whose name is the entity's name or one of its strong aliases.
fn named_country(entity: &Entity) -> Option<&'static str> {
    std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .find_map(|name| countries().get(&crate::text::fold_name(name)))
        .map(String::as_str)
}

/// The ISO code of the country an entity belongs to, where known: a
/// government's own, the code of a person's or organization's `country`
/// (or of the government above an organization), of a place's `country`
/// (or the place's own, for a country), and of an event's place.
pub fn country_code(graph: &KnowledgeGraph, entity: &Entity) -> Option<&'static str> {
    let dataset = graph.dataset();
    let of = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| dataset.entity(id))
            .filter(|e| e.kind == EntityKind::Government)
            .and_then(named_country)
    };
    match entity.kind {
        EntityKind::Government => named_country(entity),
        EntityKind::Person => of(&entity.country),
        EntityKind::Organization => {
            of(&entity.country).or_else(|| government_of(graph, entity).and_then(named_country))
        }
        EntityKind::Place => of(&entity.country).or_else(|| named_country(entity)),
        // An event's place may be a place or a government (a visit to Ecuador).
        EntityKind::Event => entity
            .event
            .as_ref()?
            .place
            .as_deref()
            .and_then(|id| dataset.entity(id))
            .filter(|place| place.kind != EntityKind::Event)
            .and_then(|place| country_code(graph, place)),
    }
}

/// An entity's line.
fn entity_to_ftm(graph: &KnowledgeGraph, entity: &Entity, in_view: &HashSet<&str>) -> FtmEntity {
    let schema = schema(graph, entity);
    let mut ftm = FtmEntity::new(schema, entity_id(entity));
    ftm.add("name", &entity.name);
    if entity.kind == EntityKind::Place {
        ftm.add("full", &entity.name);
    }
    ftm.add_all("alias", entity.aliases.iter().map(String::as_str));
    ftm.add_all("weakAlias", entity.weak_aliases.iter().map(String::as_str));
    let code = country_code(graph, entity);
    ftm.add_all("country", code);
    if entity.kind == EntityKind::Government {
        ftm.add_all("jurisdiction", code);
    }
    if let Some(category) = &entity.category {
        let property = if is_legal_entity(entity) {
            "classification"
        } else {
            "keywords"
        };
        ftm.add(property, category);
    }
    if let Some(description) = &entity.description {
        ftm.add("description", description);
    }
    if let Some(event) = &entity.event {
        ftm.add_date("date", Some(event.date));
        ftm.add("keywords", event.event_type.as_str());
        ftm.add("keywords", event.status.as_str());
        if event.event_type.is_encounter() {
            ftm.add("keywords", event.effective_mode().as_str());
        }
        if let Some(place) = event
            .place
            .as_deref()
            .and_then(|p| graph.dataset().entity(p))
        {
            ftm.add("location", &place.name);
            if in_view.contains(place.id.as_str()) && place.kind == EntityKind::Place {
                ftm.add("addressEntity", &entity_id(place));
            }
        }
        for source in &event.sources {
            cite(&mut ftm, graph, source);
        }
    }
    ftm
}

/// An office's `Position`.
fn position(graph: &KnowledgeGraph, office: &Office, in_view: &HashSet<&str>) -> FtmEntity {
    let mut ftm = FtmEntity::new("Position", position_id(&office.id));
    ftm.add("name", &office.name);
    let titles = office.titles.iter().filter(|t| **t != office.name);
    ftm.add_all("alias", titles.map(String::as_str));
    if let Some(of) = graph.dataset().entity(&office.of) {
        if in_view.contains(of.id.as_str()) && is_organization(graph, of) {
            ftm.add("organization", &entity_id(of));
        }
        ftm.add_all("country", country_code(graph, of));
    }
    ftm
}

/// Whether an entity is written as a FollowTheMoney `Organization` (or `PublicBody`).
fn is_organization(graph: &KnowledgeGraph, entity: &Entity) -> bool {
    matches!(schema(graph, entity), "PublicBody" | "Organization")
}

/// A source's `Article`.
fn article(source: &Source) -> FtmEntity {
    let mut ftm = FtmEntity::new("Article", source_id(&source.id));
    ftm.add("title", &source.title);
    ftm.add_all("publisher", source.outlet.as_deref());
    ftm.add_all("sourceUrl", source.url.as_deref().filter(|u| is_web_url(u)));
    ftm.add_date("publishedAt", source.published);
    if let Some(file) = &source.file {
        ftm.add("fileName", file);
    }
    if let Some(note) = &source.note {
        ftm.add("description", note);
    }
    ftm
}

/// Whether a URL is one FollowTheMoney keeps as it is: `http` or `https`,
/// with a host, and no white space or control character.
fn is_web_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('/')
            && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// Adds a source to a line's provenance: `proof`, `publisher`, `sourceUrl`.
fn cite(ftm: &mut FtmEntity, graph: &KnowledgeGraph, source: &str) {
    ftm.add("proof", &source_id(source));
    if let Some(source) = graph.dataset().sources.get(source) {
        ftm.add_all("publisher", source.outlet.as_deref());
        ftm.add_all("sourceUrl", source.url.as_deref().filter(|u| is_web_url(u)));
    }
}

/// Adds a fact's sources and evidence sentences to a line.
fn provenance(ftm: &mut FtmEntity, graph: &KnowledgeGraph, fact: &FactRef<'_>) {
    for source in fact.fact.sources() {
        cite(ftm, graph, source);
    }
    ftm.add_all(
        "summary",
        fact.fact.evidence.iter().filter_map(|e| e.text.as_deref()),
    );
}

/// What a fact says, in words, with every attribute and the name of its
/// event (`funded; amount: 13500000; currency: USD; status: pledged`).
pub fn fact_description(graph: &KnowledgeGraph, fact: &FactRef<'_>) -> String {
    let mut text = fact.fact.relation.name().replace('_', " ");
    for (name, value) in fact.fact.relation.attributes() {
        let value = match value {
            AttributeValue::Number(n) => format_number(n),
            AttributeValue::Text(t) => t,
        };
        text.push_str(&format!("; {name}: {value}"));
    }
    if let Some(event) = &fact.fact.event {
        let name = graph.dataset().entity(event).map_or(event, |e| &e.name);
        text.push_str(&format!("; event: {name}"));
    }
    text
}

/// Where a fact comes from, in words.
fn origin(origin: FactOrigin) -> &'static str {
    match origin {
        FactOrigin::Curated => "curated in newsgraph's relations",
        FactOrigin::Derived => "derived by newsgraph from curated records",
        FactOrigin::Extracted => "found by newsgraph's matcher in the article text",
        FactOrigin::CuratedAndExtracted => {
            "curated in newsgraph's relations and found by its matcher in the article text"
        }
    }
}

/// A number as FollowTheMoney writes amounts: decimal, no exponent, no
/// trailing `.0`.
pub fn format_number(n: f64) -> String {
    // Rust's Display for f64 never writes an exponent and drops a zero fraction.
    n.to_string()
}

/// Who designated: the subject's name, with the office it held that day
/// (`Marco Rubio (U.S. Secretary of State)`).
fn authority(graph: &KnowledgeGraph, who: &Entity, date: Option<Date>) -> String {
    match date.and_then(|d| graph.dataset().office_on(&who.id, d)) {
        Some(office) => format!("{} ({})", who.name, office.name),
        None => who.name.clone(),
    }
}

/// A fact's line.
fn fact_to_ftm(graph: &KnowledgeGraph, fact: &FactRef<'_>, id: String) -> FtmEntity {
    let from = entity_id(fact.from);
    let to = entity_id(fact.to);
    let date = fact.fact.date;
    let legal_ends = is_legal_entity(fact.from) && is_legal_entity(fact.to);
    let mut ftm = match &fact.fact.relation {
        RelationKind::Funded {
            amount,
            currency,
            purpose,
            ..
        } if legal_ends => {
            let mut ftm = FtmEntity::new("Payment", id);
            ftm.add("payer", &from);
            ftm.add("beneficiary", &to);
            if let Some(amount) = amount.filter(|a| a.is_finite()) {
                ftm.add("amount", &format_number(amount));
            }
            ftm.add_all("currency", currency.as_deref());
            ftm.add_all("purpose", purpose.as_deref());
            ftm.add_date("date", date);
            ftm
        }
        RelationKind::Designated { designation } => {
            let mut ftm = FtmEntity::new("Sanction", id);
            ftm.add("entity", &to);
            ftm.add("authority", &authority(graph, fact.from, date));
            ftm.add_all("country", country_code(graph, fact.from));
            ftm.add("program", designation);
            ftm.add_date("startDate", date);
            ftm
        }
        RelationKind::HoldsOffice { office, until, .. } if fact.from.kind == EntityKind::Person => {
            let mut ftm = FtmEntity::new("Occupancy", id);
            ftm.add("holder", &from);
            ftm.add("post", &position_id(office));
            ftm.add_date("startDate", date);
            ftm.add_date("endDate", *until);
            ftm
        }
        RelationKind::PartOf if is_legal_entity(fact.from) && is_organization(graph, fact.to) => {
            let mut ftm = FtmEntity::new("Membership", id);
            ftm.add("member", &from);
            ftm.add("organization", &to);
            ftm.add_date("startDate", date);
            ftm
        }
        relation => {
            let mut ftm = FtmEntity::new("UnknownLink", id);
            ftm.add("subject", &from);
            ftm.add("object", &to);
            ftm.add("role", &relation.name().replace('_', " "));
            ftm.add_date("date", date);
            ftm
        }
    };
    ftm.add("description", &fact_description(graph, fact));
    ftm.add("description", origin(fact.fact.origin));
    if let Some(note) = &fact.fact.note {
        ftm.add("description", note);
    }
    provenance(&mut ftm, graph, fact);
    ftm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_cleaned_as_followthemoney_cleans_them() {
        let cases = [
            (
                "  Antony \n\u{2028} Blinken ",
                Kind::Name,
                Some("Antony Blinken"),
            ),
            ("Quito,\t Ecuador", Kind::Address, Some("Quito, Ecuador")),
            ("  one\n\ntwo  ", Kind::Text, Some("one\n\ntwo")),
            ("a\u{1}b\u{7f}c\u{85}d\u{ffff}", Kind::String, Some("abcd")),
            (
                "<script>alert(1)</script>",
                Kind::Text,
                Some("<script>alert(1)</script>"),
            ),
            (" \u{1} ", Kind::Name, None),
            ("", Kind::Text, None),
        ];
        for (input, kind, expected) in cases {
            assert_eq!(clean_value(input, kind).as_deref(), expected, "{input:?}");
        }
        let long = "x".repeat(500);
        let cut = clean_value(&long, Kind::Name).unwrap();
        assert_eq!(cut.chars().count(), 384);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn an_entity_keeps_each_value_once_and_no_empty_property() {
        let mut ftm = FtmEntity::new("Person", "ng-person-x".into());
        ftm.add("name", "X");
        ftm.add("alias", "Y");
        ftm.add("alias", " Y ");
        ftm.add("weakAlias", "  ");
        assert_eq!(ftm.properties["alias"], ["Y"]);
        assert!(!ftm.properties.contains_key("weakAlias"));
    }

    #[test]
    fn dates_keep_their_precision() {
        let mut ftm = FtmEntity::new("Event", "ng-event-x".into());
        for text in ["2021", "2021-10", "2021-10-05"] {
            ftm.add_date("date", Some(text.parse().unwrap()));
        }
        ftm.add_date("endDate", None);
        assert_eq!(ftm.properties["date"], ["2021", "2021-10", "2021-10-05"]);
        assert!(!ftm.properties.contains_key("endDate"));
    }

    #[test]
    fn amounts_are_plain_decimals() {
        let cases = [
            (13_500_000.0, "13500000"),
            (6e6, "6000000"),
            (1234.5, "1234.5"),
            (0.25, "0.25"),
            (1e21, "1000000000000000000000"),
        ];
        for (amount, expected) in cases {
            assert_eq!(format_number(amount), expected);
        }
    }

    #[test]
    fn ids_are_slugs_or_hashes() {
        assert_eq!(
            make_id("person", "antony-blinken"),
            "ng-person-antony-blinken"
        );
        assert_eq!(
            make_id("place", "washington-d.c"),
            "ng-place-washington-d.c"
        );
        for odd in ["a_b", "é", "a b", "trailing-", "x/y", &"x".repeat(200)] {
            let id = make_id("person", odd);
            assert!(id.starts_with("ng-person-"), "{id}");
            assert_eq!(id.len(), "ng-person-".len() + 20, "{odd}: {id}");
            assert!(id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
        }
        assert_ne!(make_id("person", "a_b"), make_id("person", "a b"));
    }

    #[test]
    fn only_web_urls_are_kept() {
        for url in ["https://example.com/a?b=c", "http://example.com"] {
            assert!(is_web_url(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "example.com",
            "https://",
            "https:///path",
            "https://a b.com",
            "file:///etc/passwd",
        ] {
            assert!(!is_web_url(url), "{url}");
        }
    }

    #[test]
    fn countries_are_found_by_name_or_strong_alias() {
        let government = |name: &str, aliases: &[&str]| Entity {
            id: "x".into(),
            kind: EntityKind::Government,
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            weak_aliases: vec!["Ecuador".into()],
            demonyms: Vec::new(),
            country: None,
            parent: None,
            category: None,
            description: None,
            event: None,
        };
        assert_eq!(named_country(&government("United States", &[])), Some("us"));
        assert_eq!(named_country(&government("ECUADOR", &[])), Some("ec"));
        assert_eq!(
            named_country(&government("Ecuadorian state", &["Republic of Ecuador"])),
            Some("ec")
        );
        // Weak aliases are not names of the government.
        assert_eq!(named_country(&government("Freedonia", &[])), None);
    }
}
