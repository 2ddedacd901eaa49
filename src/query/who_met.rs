//! `who-met`: whom an entity met, with when, how, where and the source.
//!
//! [`KnowledgeGraph::meetings`] is the one computation of an entity's
//! meetings: `who-met`, `show`, the page's data and the focus pictures all
//! call it, so their numbers agree. A meeting's counterparts are the
//! participants on another side (another government's delegation); people
//! on the entity's own side are left out and counted, unless asked for.

use std::collections::HashSet;

use serde::Serialize;

use super::side::same_side;
use crate::graph::{FactRef, KnowledgeGraph, ResolveError};
use crate::model::{Date, Entity, EventStatus, MeetingMode, RelationKind};

/// Filters and roll-up for [`KnowledgeGraph::who_met_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WhoMetOptions {
    /// Only encounters on or after this date (any overlap with its period counts).
    pub since: Option<Date>,
    /// Only encounters on or before this date.
    pub until: Option<Date>,
    /// Only encounters of this mode.
    pub mode: Option<MeetingMode>,
    /// For a government or organization: count its members' encounters as its own
    /// (officials of a government, sub-organizations), leaving out meetings among members.
    pub include_members: bool,
    /// Keep the encounters with people on the entity's own side of a meeting
    /// (its own delegation, its own government's officials): left out by default.
    pub include_own_side: bool,
}

impl WhoMetOptions {
    /// Whether an encounter passes the date and mode filters.
    fn keeps(&self, e: &Encounter<'_>) -> bool {
        let since = self
            .since
            .is_none_or(|s| e.date.is_some_and(|d| d.last_day() >= s.first_day()));
        let until = self
            .until
            .is_none_or(|u| e.date.is_some_and(|d| d.first_day() <= u.last_day()));
        since && until && self.mode.is_none_or(|m| m == e.mode)
    }
}

/// A counterpart seen at an event or in a `met_with` fact, before it becomes a row.
struct Sighting<'a> {
    /// The counterpart and its index in the dataset (no lookups by id later).
    counterpart: (usize, &'a Entity),
    side: Option<&'a str>,
    /// Whether the counterpart sat on the entity's own side.
    own_side: bool,
    date: Option<Date>,
    mode: MeetingMode,
    /// The event entity, when there is one.
    event: Option<&'a Entity>,
    sources: Vec<&'a str>,
}

/// One encounter between the entity asked about and a counterpart. It
/// borrows its text from the graph, so a query allocates little.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Encounter<'g> {
    /// Counterpart's entity id.
    pub counterpart: &'g str,
    /// Counterpart's display name.
    pub counterpart_name: &'g str,
    /// The counterpart's office on the day, when one is curated.
    pub counterpart_office: Option<&'g str>,
    /// The delegation (government id) the counterpart sat on, when known.
    pub side: Option<&'g str>,
    /// Whether the counterpart was on the entity's own side (the same
    /// delegation or government); such rows are kept only with
    /// [`WhoMetOptions::include_own_side`].
    pub own_side: bool,
    /// When they met.
    pub date: Option<Date>,
    /// In person, virtual or by phone.
    pub mode: MeetingMode,
    /// Place id, when known.
    pub place: Option<&'g str>,
    /// Place display name, when known.
    pub place_name: Option<&'g str>,
    /// Event id, when the encounter is part of a curated event.
    pub event: Option<&'g str>,
    /// Event display name.
    pub event_name: Option<&'g str>,
    /// Source ids that report it.
    pub sources: Vec<&'g str>,
    /// With [`WhoMetOptions::include_members`]: the member who met the counterpart.
    pub via: Option<&'g str>,
}

/// An entity's meetings, as every view shows them: the rows kept, and how
/// many people on its own side were left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meetings<'g> {
    /// The encounters kept, sorted by date then counterpart name.
    pub encounters: Vec<Encounter<'g>>,
    /// How many distinct people (or bodies) on the entity's own side were
    /// left out; 0 with [`WhoMetOptions::include_own_side`].
    pub own_side_left_out: usize,
}

impl Meetings<'_> {
    /// The distinct counterpart ids, sorted.
    pub fn counterparts(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.encounters.iter().map(|e| e.counterpart).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

impl KnowledgeGraph {
    /// The meetings of entity `id`: the participants on another side of
    /// every held meeting, call or visit it took part in, and the other party
    /// of every `met_with` fact about it, filtered by `options`. When either
    /// side is unknown, everyone counts as a counterpart.
    ///
    /// ```
    /// use newsgraph::query::WhoMetOptions;
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// let met = graph.meetings("juan-carlos-holguin", &WhoMetOptions::default());
    /// // Holguín's own ambassador and vice minister sat on his side of the call.
    /// assert!(!met.counterparts().contains(&"ivonne-a-baki"));
    /// assert!(met.counterparts().contains(&"antony-blinken"));
    /// assert!(met.own_side_left_out >= 2);
    /// ```
    pub fn meetings<'g>(&'g self, id: &str, options: &WhoMetOptions) -> Meetings<'g> {
        let mut rows = self.encounters_with_members(id, options.include_members);
        rows.retain(|e| options.keeps(e));
        let mut left_out: Vec<&str> = Vec::new();
        if !options.include_own_side {
            left_out = rows
                .iter()
                .filter(|e| e.own_side)
                .map(|e| e.counterpart)
                .collect();
            rows.retain(|e| !e.own_side);
        }
        left_out.sort_unstable();
        left_out.dedup();
        Meetings {
            encounters: rows,
            own_side_left_out: left_out.len(),
        }
    }

    /// Whom the entity `id` met: [`meetings`](Self::meetings) with the default
    /// options, sorted by date then counterpart name, one row per counterpart
    /// and event.
    ///
    /// ```
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// let met = graph.who_met("antony-blinken");
    /// let lasso = met.iter().find(|m| m.counterpart == "guillermo-lasso").unwrap();
    /// assert_eq!(lasso.date.unwrap().to_string(), "2021-04-23");
    /// assert_eq!(lasso.mode.as_str(), "phone");
    /// ```
    pub fn who_met<'g>(&'g self, id: &str) -> Vec<Encounter<'g>> {
        self.meetings(id, &WhoMetOptions::default()).encounters
    }

    /// Every encounter of `id`, own side included, before any filter.
    fn encounters_of<'g>(&'g self, id: &str) -> Vec<Encounter<'g>> {
        // Only meetings and event participation matter: skip the rest before
        // building fact references (a government has tens of thousands of facts).
        let facts: Vec<_> = self.encounter_facts(id).collect();
        let mut sightings = self.event_sightings(id, &facts);
        sightings.extend(self.fact_sightings(id, &facts));
        // One row per counterpart and event (or per counterpart and date without one).
        let mut seen: HashSet<(usize, Option<&str>, Option<Date>), rustc_hash::FxBuildHasher> =
            HashSet::default();
        let mut found: Vec<Encounter<'g>> = Vec::new();
        for s in sightings {
            let event = s.event.map(|e| e.id.as_str());
            let key = (
                s.counterpart.0,
                event,
                if event.is_some() { None } else { s.date },
            );
            if s.counterpart.1.id != id && seen.insert(key) {
                found.push(self.encounter(s));
            }
        }
        sort_rows(&mut found);
        found
    }

    /// The other participants of every held encounter event `id` took part
    /// in, each marked with whether it sat on `id`'s side.
    fn event_sightings<'g>(&'g self, id: &str, facts: &[FactRef<'g>]) -> Vec<Sighting<'g>> {
        let own = self.side_of(id);
        let mut sightings = Vec::new();
        for fact in facts {
            let (RelationKind::ParticipatedIn { .. }, Some(event)) =
                (&fact.fact.relation, &fact.to.event)
            else {
                continue;
            };
            if fact.from.id != id
                || event.status != EventStatus::Held
                || !event.event_type.is_encounter()
            {
                continue;
            }
            let mine = event
                .participants
                .iter()
                .find(|p| p.entity == id)
                .and_then(|p| p.side.as_deref())
                .or(own);
            for participant in &event.participants {
                let Some((index, _, counterpart)) =
                    self.dataset().entities.get_full(&participant.entity)
                else {
                    continue;
                };
                let theirs = participant
                    .side
                    .as_deref()
                    .or_else(|| self.side_of(&counterpart.id));
                sightings.push(Sighting {
                    counterpart: (index, counterpart),
                    side: participant.side.as_deref(),
                    own_side: same_side(mine, theirs),
                    date: Some(event.date),
                    mode: event.effective_mode(),
                    event: Some(fact.to),
                    sources: event.sources.iter().map(String::as_str).collect(),
                });
            }
        }
        sightings
    }

    /// The other party of every `met_with` fact about `id`.
    fn fact_sightings<'g>(&'g self, id: &str, facts: &[FactRef<'g>]) -> Vec<Sighting<'g>> {
        let own = self.side_of(id);
        let mut sightings = Vec::new();
        for fact in facts {
            let RelationKind::MetWith { mode } = fact.fact.relation else {
                continue;
            };
            let Some((a, b)) = self.petgraph().edge_endpoints(fact.edge) else {
                continue;
            };
            let other = if fact.from.id == id { b } else { a };
            let counterpart = fact.other(id);
            sightings.push(Sighting {
                counterpart: (self.petgraph()[other], counterpart),
                side: None,
                own_side: same_side(own, self.side_of(&counterpart.id)),
                date: fact.fact.date,
                mode,
                event: fact
                    .fact
                    .event
                    .as_deref()
                    .and_then(|e| self.dataset().entity(e)),
                sources: fact.fact.sources(),
            });
        }
        sightings
    }

    /// The row of a sighting.
    fn encounter<'g>(&'g self, s: Sighting<'g>) -> Encounter<'g> {
        let (index, counterpart) = s.counterpart;
        let place = s
            .event
            .and_then(|e| e.event.as_ref())
            .and_then(|e| e.place.as_deref())
            .and_then(|p| self.dataset().entity(p));
        Encounter {
            counterpart: &counterpart.id,
            counterpart_name: &counterpart.name,
            counterpart_office: s
                .date
                .and_then(|d| self.office_of_index(index, d))
                .map(|o| o.name.as_str()),
            side: s.side,
            own_side: s.own_side,
            date: s.date,
            mode: s.mode,
            place: place.map(|p| p.id.as_str()),
            place_name: place.map(|p| p.name.as_str()),
            event: s.event.map(|e| e.id.as_str()),
            event_name: s.event.map(|e| e.name.as_str()),
            sources: s.sources,
            via: None,
        }
    }

    /// [`meetings`](Self::meetings)' rows: whom `id` met, with filters, and
    /// for a government or organization optionally the encounters of its members.
    ///
    /// ```
    /// use newsgraph::query::WhoMetOptions;
    /// use newsgraph::model::MeetingMode;
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// let options = WhoMetOptions { since: "2022".parse().ok(), mode: Some(MeetingMode::Virtual), ..Default::default() };
    /// let met = graph.who_met_with("antony-blinken", &options);
    /// assert!(met.iter().all(|m| m.mode == MeetingMode::Virtual));
    /// assert!(met.iter().any(|m| m.counterpart == "juan-carlos-holguin"));
    ///
    /// let ecuador = graph.who_met_with("ecuador", &WhoMetOptions { include_members: true, ..Default::default() });
    /// let blinken = ecuador.iter().find(|m| m.counterpart == "antony-blinken").unwrap();
    /// assert!(blinken.via.is_some(), "met through one of Ecuador's officials");
    /// ```
    pub fn who_met_with<'g>(&'g self, id: &str, options: &WhoMetOptions) -> Vec<Encounter<'g>> {
        self.meetings(id, options).encounters
    }

    /// The encounters of `id`, and with `include_members` those of its members
    /// with anyone outside it.
    fn encounters_with_members<'g>(
        &'g self,
        id: &str,
        include_members: bool,
    ) -> Vec<Encounter<'g>> {
        let mut rows = self.encounters_of(id);
        if include_members {
            let members = self.members_of(id);
            for member in &members {
                for mut encounter in self.encounters_of(member) {
                    if encounter.counterpart == id || members.contains(&encounter.counterpart) {
                        continue; // a meeting among members is not the body's
                    }
                    encounter.via = Some(member);
                    rows.push(encounter);
                }
            }
            sort_rows(&mut rows);
        }
        rows
    }

    /// Ids of the entities that belong to `id`: people whose country it is,
    /// organizations under it (through `parent` or `country`), transitively.
    pub fn members_of<'g>(&'g self, id: &str) -> Vec<&'g str> {
        let dataset = self.dataset();
        dataset
            .entities
            .values()
            .filter(|e| e.id != id && e.kind != crate::model::EntityKind::Event)
            .filter(|e| {
                let mut current: &crate::model::Entity = e;
                for _ in 0..16 {
                    let up = current.parent.as_deref().or(current.country.as_deref());
                    match up.and_then(|u| dataset.entity(u)) {
                        Some(next) if next.id == id => return true,
                        Some(next) if next.id != current.id => current = next,
                        _ => return false,
                    }
                }
                false
            })
            .map(|e| e.id.as_str())
            .collect()
    }

    /// [`who_met`](Self::who_met) by name: resolves `name` first.
    pub fn who_met_name<'g>(&'g self, name: &str) -> Result<Vec<Encounter<'g>>, ResolveError> {
        let entity = self.resolve(name)?;
        Ok(self.who_met(&entity.id))
    }
}

/// Sorts rows by date, then counterpart name.
fn sort_rows(rows: &mut [Encounter<'_>]) {
    rows.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.counterpart_name.cmp(b.counterpart_name))
    });
}
