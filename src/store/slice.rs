//! Answering a query from the store without loading the whole graph.
//!
//! A query about one entity needs a small part of the graph: the entity, its
//! facts, the entities at their other ends, the events it took part in with
//! their participants, everyone's parents and countries (to tell sides
//! apart), the offices they held and the sources of the facts. [`Store::slice`]
//! reads just that through the store's indexes and gives it back as a
//! [`KnowledgeGraph`] whose facts keep their ids in the whole graph, and
//! whose records keep the whole dataset's order; so a query over the slice
//! prints what it prints over the whole graph. [`Store::path_slice`] does
//! the same for the shortest paths between two entities, and
//! [`Store::resolve`] resolves a name as [`crate::graph::NameIndex`] does.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rusqlite::{OptionalExtension, Row};

use super::{read::date_origin, Store, StoreError};
use crate::graph::{
    Candidate, Evidence, Fact, FactId, FactOrigin, KnowledgeGraph, Provenance, ResolveError,
};
use crate::model::{Dataset, Entity, EntityKind, Office, Source};
use crate::text::fold_name;

/// How far up a chain of parents and countries a slice follows (as far as
/// sides are looked for).
const MAX_CHAIN: usize = 16;

/// What [`Store::resolve`] made of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The id of the one entity the name means.
    One(String),
    /// Several entities have that name; the error lists them.
    Ambiguous(ResolveError),
    /// No entity has that name: the suggestions need every name, which the
    /// whole graph has at hand.
    Unknown,
}

/// One fact row, before it becomes an edge.
struct FactRow {
    subject: String,
    object: String,
    fact: Fact,
}

/// One name of an entity, as `search` ranks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedEntity {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Every name and alias (not demonyms) with its folded form, display name first.
    pub names: Vec<(String, String)>,
}

fn origin(name: &str) -> Option<FactOrigin> {
    [
        FactOrigin::Curated,
        FactOrigin::Derived,
        FactOrigin::Extracted,
        FactOrigin::CuratedAndExtracted,
    ]
    .into_iter()
    .find(|o| o.as_str() == name)
}

fn kind(name: &str) -> Option<EntityKind> {
    EntityKind::ALL.into_iter().find(|k| k.as_str() == name)
}

/// A value the store holds that does not read back.
fn corrupt(what: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnName(format!("unreadable {what} in the store"))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|_| corrupt(what))
}

impl Store {
    /// Whether every article the sources name is in the store, so a query
    /// can answer from it alone (a build that skipped an article, or ran
    /// `--curated-only`, leaves it incomplete).
    pub fn complete(&self) -> Result<bool, StoreError> {
        Ok(self.meta("articles_missing")?.as_deref() == Some("0"))
    }

    /// Resolves a name as [`crate::graph::NameIndex::resolve`] does over the
    /// whole dataset: an exact id; a name or alias equal to it ignoring case,
    /// accents and spacing (names and strong aliases win over weak ones);
    /// names containing it as whole words (found through the full-text index
    /// `names_fts`, then checked).
    pub fn resolve(&self, name: &str) -> Result<Resolved, StoreError> {
        self.resolve_sql(name).map_err(|e| self.sql(e))
    }

    fn resolve_sql(&self, name: &str) -> rusqlite::Result<Resolved> {
        let trimmed = name.trim();
        let id: Option<String> = self
            .conn
            .prepare_cached("SELECT id FROM entities WHERE id = ?1")?
            .query_row([trimmed], |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            return Ok(Resolved::One(id));
        }
        let folded = fold_name(name);
        // Exact: (rank, id, strength) in dataset order, each entity once with
        // its first name's strength.
        let mut exact: Vec<(i64, String, bool)> = Vec::new();
        {
            let mut query = self.conn.prepare_cached(
                "SELECT e.rank, e.id, a.strength FROM aliases a JOIN entities e ON e.id = a.entity_id
                 WHERE a.folded = ?1 AND a.strength != 'demonym' ORDER BY e.rank, a.rowid",
            )?;
            let mut rows = query.query([&folded])?;
            while let Some(row) = rows.next()? {
                let (rank, id, strength): (i64, String, String) =
                    (row.get(0)?, row.get(1)?, row.get(2)?);
                if !exact.iter().any(|(r, _, _)| *r == rank) {
                    exact.push((rank, id, strength != "weak"));
                }
            }
        }
        if !exact.is_empty() {
            let strong: Vec<String> = exact
                .iter()
                .filter(|(_, _, strong)| *strong)
                .map(|(_, id, _)| id.clone())
                .collect();
            let matches = if strong.is_empty() {
                exact.into_iter().map(|(_, id, _)| id).collect()
            } else {
                strong
            };
            return self.one_of(name, matches);
        }
        if folded.is_empty() {
            return Ok(Resolved::Unknown);
        }
        // Whole words: the full-text index finds every name with the words in
        // a row (and a few more); the padded comparison keeps the right ones.
        let padded = format!(" {folded} ");
        let phrase = format!("\"{}\"", folded.replace('"', "\"\""));
        let mut partial: BTreeMap<i64, String> = BTreeMap::new();
        {
            let mut query = self.conn.prepare_cached(
                "SELECT e.rank, e.id, a.folded FROM names_fts f
                 JOIN aliases a ON a.rowid = f.rowid JOIN entities e ON e.id = a.entity_id
                 WHERE names_fts MATCH ?1 AND a.strength != 'demonym'",
            )?;
            let found = query.query_map([&phrase], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            });
            // A text FTS5 cannot read as a phrase (only punctuation) leaves
            // the answer to the whole graph.
            let Ok(found) = found else {
                return Ok(Resolved::Unknown);
            };
            for row in found {
                let Ok((rank, id, candidate)) = row else {
                    return Ok(Resolved::Unknown);
                };
                if format!(" {candidate} ").contains(&padded) {
                    partial.insert(rank, id);
                }
            }
        }
        if partial.is_empty() {
            return Ok(Resolved::Unknown);
        }
        self.one_of(name, partial.into_values().collect())
    }

    fn one_of(&self, name: &str, matches: Vec<String>) -> rusqlite::Result<Resolved> {
        if let [one] = matches.as_slice() {
            return Ok(Resolved::One(one.clone()));
        }
        let mut query = self
            .conn
            .prepare_cached("SELECT name, kind FROM entities WHERE id = ?1")?;
        let mut candidates = Vec::new();
        for id in matches {
            let (name, kind_name): (String, String) =
                query.query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            candidates.push(Candidate {
                id,
                name,
                kind: kind(&kind_name).ok_or_else(|| corrupt("entity kind"))?,
            });
        }
        Ok(Resolved::Ambiguous(ResolveError::Ambiguous {
            name: name.to_string(),
            candidates,
        }))
    }

    /// The part of the graph the queries about `ids` read (`who-met` without
    /// members, `show`, `timeline`, `neighbors` at depth 1): see the
    /// [module docs](self).
    pub fn slice(&self, ids: &[&str]) -> Result<KnowledgeGraph, StoreError> {
        self.slice_sql(ids).map_err(|e| self.sql(e))
    }

    fn slice_sql(&self, ids: &[&str]) -> rusqlite::Result<KnowledgeGraph> {
        let mut facts: BTreeMap<i64, FactRow> = BTreeMap::new();
        for id in ids {
            for fact_id in self.fact_ids_of(id, &|_| true)? {
                if let std::collections::btree_map::Entry::Vacant(slot) = facts.entry(fact_id) {
                    slot.insert(self.fact_row(fact_id)?);
                }
            }
        }
        self.graph_of(ids, facts)
    }

    /// The ids of the facts touching `id` whose relation passes `keep`, in id order.
    fn fact_ids_of(&self, id: &str, keep: &dyn Fn(&str) -> bool) -> rusqlite::Result<Vec<i64>> {
        let mut found = Vec::new();
        let mut query = self.conn.prepare_cached(
            "SELECT id, relation FROM facts WHERE subject_id = ?1
             UNION SELECT id, relation FROM facts WHERE object_id = ?1 ORDER BY 1",
        )?;
        let mut rows = query.query([id])?;
        while let Some(row) = rows.next()? {
            let relation: String = row.get(1)?;
            if keep(&relation) {
                found.push(row.get(0)?);
            }
        }
        Ok(found)
    }

    /// One fact with its evidence.
    fn fact_row(&self, id: i64) -> rusqlite::Result<FactRow> {
        let (subject, object, date, origin_name, event, note, record): (
            String,
            String,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
            String,
        ) = self
            .conn
            .prepare_cached(
                "SELECT subject_id, object_id, date, origin, event_id, note, record FROM facts WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?;
        let date = match date {
            Some(text) => Some(text.parse().map_err(|_| corrupt("date"))?),
            None => None,
        };
        let mut evidence = Vec::new();
        let mut query = self.conn.prepare_cached(
            "SELECT source_id, text, article, sentence, sentence_start, sentence_end, subject_start,
             subject_end, object_start, object_end, trigger_start, trigger_end, pattern, confidence,
             date_origin FROM evidence WHERE fact_id = ?1 ORDER BY seq",
        )?;
        let mut rows = query.query([id])?;
        while let Some(row) = rows.next()? {
            evidence.push(evidence_of(row)?);
        }
        Ok(FactRow {
            subject,
            object,
            fact: Fact {
                relation: from_json(&record, "relation")?,
                date,
                event,
                origin: origin(&origin_name).ok_or_else(|| corrupt("origin"))?,
                evidence,
                note,
            },
        })
    }

    /// The graph of `facts` with every record the queries about `ids` read.
    fn graph_of(
        &self,
        ids: &[&str],
        facts: BTreeMap<i64, FactRow>,
    ) -> rusqlite::Result<KnowledgeGraph> {
        let mut records: HashMap<String, (i64, Entity)> = HashMap::new();
        // Everyone but the parents and countries, for their offices.
        let mut people: BTreeSet<String> = BTreeSet::new();
        // The entities named: the ones asked about, the facts' ends and events.
        let mut wanted: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
        for row in facts.values() {
            wanted.push(row.subject.clone());
            wanted.push(row.object.clone());
            wanted.extend(row.fact.event.clone());
        }
        // Events bring their participants and place; everyone has their offices.
        let mut next = wanted;
        let mut events_done: HashSet<String> = HashSet::new();
        while !next.is_empty() {
            let mut more = Vec::new();
            for id in next {
                let Some(entity) = self.record(&id, &mut records)? else {
                    continue;
                };
                people.insert(entity.id.clone());
                if let Some(event) = &entity.event {
                    if events_done.insert(entity.id.clone()) {
                        more.extend(event.participants.iter().map(|p| p.entity.clone()));
                        more.extend(event.place.clone());
                    }
                }
            }
            next = more;
        }
        // Parents and countries, as far up as sides are looked for.
        let mut level: Vec<String> = records.keys().cloned().collect();
        level.sort();
        for _ in 0..MAX_CHAIN {
            let mut up = Vec::new();
            for id in &level {
                let Some((_, entity)) = records.get(id) else {
                    continue;
                };
                let parents: Vec<String> = entity
                    .country
                    .iter()
                    .chain(&entity.parent)
                    .filter(|p| !records.contains_key(*p))
                    .cloned()
                    .collect();
                for parent in parents {
                    if self.record(&parent, &mut records)?.is_some() {
                        up.push(parent);
                    }
                }
            }
            if up.is_empty() {
                break;
            }
            level = up;
        }
        let offices = self.offices_of(&people)?;
        let mut source_ids: BTreeSet<&str> = BTreeSet::new();
        for row in facts.values() {
            source_ids.extend(row.fact.evidence.iter().map(|e| e.source.as_str()));
        }
        let sources = self.sources(&source_ids)?;
        let mut entities: Vec<(i64, Entity)> = records.into_values().collect();
        entities.sort_by_key(|(rank, _)| *rank);
        let dataset = Dataset {
            entities: entities
                .into_iter()
                .map(|(_, e)| (e.id.clone(), e))
                .collect(),
            offices,
            sources,
            ..Dataset::default()
        };
        let mut edges = Vec::with_capacity(facts.len());
        for (id, row) in facts {
            let index = |id: &str| dataset.entities.get_index_of(id);
            let (Some(from), Some(to)) = (index(&row.subject), index(&row.object)) else {
                return Err(corrupt("fact end"));
            };
            let id = usize::try_from(id).map_err(|_| corrupt("fact id"))?;
            edges.push((from, to, row.fact, FactId(id)));
        }
        Ok(KnowledgeGraph::from_parts(dataset, edges))
    }

    /// Reads the entity `id` into `records` (once); `None` when there is none.
    fn record<'r>(
        &self,
        id: &str,
        records: &'r mut HashMap<String, (i64, Entity)>,
    ) -> rusqlite::Result<Option<&'r Entity>> {
        if !records.contains_key(id) {
            let found: Option<(i64, String)> = self
                .conn
                .prepare_cached("SELECT rank, record FROM entities WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let Some((rank, record)) = found else {
                return Ok(None);
            };
            records.insert(id.to_string(), (rank, from_json(&record, "entity")?));
        }
        Ok(records.get(id).map(|(_, e)| e))
    }

    /// Every office any of `people` held, whole (every holder), in dataset order.
    fn offices_of(
        &self,
        people: &BTreeSet<String>,
    ) -> rusqlite::Result<indexmap::IndexMap<String, Office>> {
        let mut ids: BTreeSet<String> = BTreeSet::new();
        {
            let mut query = self
                .conn
                .prepare_cached("SELECT office_id FROM tenures WHERE person_id = ?1")?;
            for person in people {
                let rows = query.query_map([person], |r| r.get::<_, String>(0))?;
                for row in rows {
                    ids.insert(row?);
                }
            }
        }
        let mut offices: Vec<(i64, Office)> = Vec::new();
        let mut office = self.conn.prepare_cached(
            "SELECT rank, name, of_entity, concurrent, titles FROM offices WHERE id = ?1",
        )?;
        let mut holders = self.conn.prepare_cached(
            "SELECT person_id, start_date, end_date, acting, sources FROM tenures
             WHERE office_id = ?1 ORDER BY rowid",
        )?;
        for id in ids {
            let (rank, name, of, concurrent, titles): (i64, String, String, bool, String) = office
                .query_row([&id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?;
            let mut tenures = Vec::new();
            let mut rows = holders.query([&id])?;
            while let Some(row) = rows.next()? {
                let date = |i| -> rusqlite::Result<Option<crate::model::Date>> {
                    match row.get::<_, Option<String>>(i)? {
                        Some(text) => Ok(Some(text.parse().map_err(|_| corrupt("date"))?)),
                        None => Ok(None),
                    }
                };
                tenures.push(crate::model::Tenure {
                    person: row.get(0)?,
                    from: date(1)?,
                    to: date(2)?,
                    acting: row.get(3)?,
                    sources: from_json(&row.get::<_, String>(4)?, "tenure sources")?,
                });
            }
            offices.push((
                rank,
                Office {
                    id,
                    name,
                    of,
                    titles: from_json(&titles, "office titles")?,
                    concurrent,
                    holders: tenures,
                },
            ));
        }
        offices.sort_by_key(|(rank, _)| *rank);
        Ok(offices
            .into_iter()
            .map(|(_, o)| (o.id.clone(), o))
            .collect())
    }

    /// The sources `ids`, in dataset order.
    fn sources(
        &self,
        ids: &BTreeSet<&str>,
    ) -> rusqlite::Result<indexmap::IndexMap<String, Source>> {
        let mut query = self.conn.prepare_cached(
            "SELECT rank, file, title, outlet, published, event_date, url, note FROM sources WHERE id = ?1",
        )?;
        let mut found: Vec<(i64, Source)> = Vec::new();
        for id in ids {
            let row = query
                .query_row([id], |r| {
                    let date = |i| -> rusqlite::Result<Option<crate::model::Date>> {
                        match r.get::<_, Option<String>>(i)? {
                            Some(text) => Ok(Some(text.parse().map_err(|_| corrupt("date"))?)),
                            None => Ok(None),
                        }
                    };
                    Ok((
                        r.get::<_, i64>(0)?,
                        Source {
                            id: id.to_string(),
                            file: r.get(1)?,
                            title: r.get(2)?,
                            outlet: r.get(3)?,
                            published: date(4)?,
                            event_date: date(5)?,
                            url: r.get(6)?,
                            note: r.get(7)?,
                        },
                    ))
                })
                .optional()?;
            found.extend(row);
        }
        found.sort_by_key(|(rank, _)| *rank);
        Ok(found.into_iter().map(|(_, s)| (s.id.clone(), s)).collect())
    }

    /// The part of the graph `paths` reads for the shortest paths from `a`
    /// to `b` of at most `max_hops` facts whose relation passes `keep`:
    /// every fact on one of those paths, and their ends. The search runs from
    /// both ends at once, each step from the side with the smaller frontier,
    /// through the indexes on `facts`; the query then walks the slice as it
    /// would walk the whole graph, and finds the same paths in the same order.
    pub fn path_slice(
        &self,
        a: &str,
        b: &str,
        max_hops: usize,
        keep: &dyn Fn(&str) -> bool,
    ) -> Result<KnowledgeGraph, StoreError> {
        self.path_slice_sql(a, b, max_hops, keep)
            .map_err(|e| self.sql(e))
    }

    fn path_slice_sql(
        &self,
        a: &str,
        b: &str,
        max_hops: usize,
        keep: &dyn Fn(&str) -> bool,
    ) -> rusqlite::Result<KnowledgeGraph> {
        let mut on_path: BTreeSet<i64> = BTreeSet::new();
        if a != b {
            on_path = self.shortest_path_facts(a, b, max_hops, keep)?;
        }
        let mut facts = BTreeMap::new();
        for id in on_path {
            facts.insert(id, self.fact_row(id)?);
        }
        self.graph_of(&[a, b], facts)
    }

    /// The ids of the facts on the shortest paths between `a` and `b`.
    fn shortest_path_facts(
        &self,
        a: &str,
        b: &str,
        max_hops: usize,
        keep: &dyn Fn(&str) -> bool,
    ) -> rusqlite::Result<BTreeSet<i64>> {
        let mut ends = self.conn.prepare_cached(
            "SELECT id, subject_id, object_id, relation FROM facts WHERE subject_id = ?1
             UNION ALL SELECT id, subject_id, object_id, relation FROM facts
             WHERE object_id = ?1 AND subject_id != ?1",
        )?;
        // Per side: entity → (distance, [(entity one step nearer, fact)]).
        type Seen = HashMap<String, (usize, Vec<(String, i64)>)>;
        let mut sides: [Seen; 2] = [HashMap::new(), HashMap::new()];
        let mut frontiers: [Vec<String>; 2] = [vec![a.to_string()], vec![b.to_string()]];
        sides[0].insert(a.to_string(), (0, Vec::new()));
        sides[1].insert(b.to_string(), (0, Vec::new()));
        let mut depth = [0usize, 0usize];
        let mut meet: Vec<String> = Vec::new();
        while depth[0] + depth[1] < max_hops {
            let s = usize::from(frontiers[1].len() < frontiers[0].len());
            if frontiers[s].is_empty() {
                break;
            }
            depth[s] += 1;
            let distance = depth[s];
            let mut next = Vec::new();
            for node in std::mem::take(&mut frontiers[s]) {
                let rows: Vec<(i64, String, String, String)> = ends
                    .query_map([&node], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                for (fact, subject, object, relation) in rows {
                    if !keep(&relation) {
                        continue;
                    }
                    let other = if subject == node { object } else { subject };
                    match sides[s].get_mut(&other) {
                        Some((d, previous)) if *d == distance => {
                            previous.push((node.clone(), fact))
                        }
                        Some(_) => {}
                        None => {
                            sides[s].insert(other.clone(), (distance, vec![(node.clone(), fact)]));
                            next.push(other);
                        }
                    }
                }
            }
            frontiers[s] = next;
            // Where the two searches touch: the entities both have reached,
            // at the smallest total distance.
            let total = |id: &String| {
                let there = sides[1 - s].get(id)?;
                Some(sides[s][id].0 + there.0)
            };
            let best = frontiers[s].iter().filter_map(total).min();
            if let Some(best) = best {
                meet = frontiers[s]
                    .iter()
                    .filter(|id| total(id) == Some(best))
                    .cloned()
                    .collect();
                break;
            }
        }
        // Every fact of every shortest way from a meeting point back to each end.
        let mut facts = BTreeSet::new();
        for side in &sides {
            let mut stack: Vec<&String> = meet.iter().collect();
            let mut done: HashSet<&String> = HashSet::new();
            while let Some(node) = stack.pop() {
                if !done.insert(node) {
                    continue;
                }
                if let Some((_, previous)) = side.get(node) {
                    for (before, fact) in previous {
                        facts.insert(*fact);
                        stack.push(before);
                    }
                }
            }
        }
        Ok(facts)
    }

    /// Every entity with its names and their folded forms, in dataset
    /// order, for `search`.
    pub fn names(&self) -> Result<Vec<NamedEntity>, StoreError> {
        self.names_sql().map_err(|e| self.sql(e))
    }

    fn names_sql(&self) -> rusqlite::Result<Vec<NamedEntity>> {
        let mut entities: Vec<NamedEntity> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut query = self
            .conn
            .prepare("SELECT id, name, kind FROM entities ORDER BY rank")?;
        let mut rows = query.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            index.insert(id.clone(), entities.len());
            entities.push(NamedEntity {
                id,
                name: row.get(1)?,
                kind: kind(&row.get::<_, String>(2)?).ok_or_else(|| corrupt("entity kind"))?,
                names: Vec::new(),
            });
        }
        let mut query = self.conn.prepare(
            "SELECT entity_id, alias, folded FROM aliases WHERE strength != 'demonym' ORDER BY rowid",
        )?;
        let mut rows = query.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            if let Some(&i) = index.get(&id) {
                entities[i].names.push((row.get(1)?, row.get(2)?));
            }
        }
        Ok(entities)
    }
}

/// One `evidence` row.
fn evidence_of(row: &Row) -> rusqlite::Result<Evidence> {
    let article: Option<String> = row.get(2)?;
    let extraction = match article {
        None => None,
        Some(article) => {
            let range = |i| -> rusqlite::Result<std::ops::Range<usize>> {
                Ok(row.get(i)?..row.get(i + 1)?)
            };
            Some(Provenance {
                article,
                sentence: row.get(3)?,
                sentence_range: range(4)?,
                subject_range: range(6)?,
                object_range: range(8)?,
                trigger_range: range(10)?,
                pattern: row.get(12)?,
                confidence: row.get::<_, f64>(13)? as f32,
                date_origin: date_origin(&row.get::<_, String>(14)?)
                    .ok_or_else(|| corrupt("date origin"))?,
            })
        }
    };
    Ok(Evidence {
        source: row.get(0)?,
        text: row.get(1)?,
        extraction,
    })
}
