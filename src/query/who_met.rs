//! `who-met`: everyone an entity met, with when, how, where and the source.

use serde::Serialize;

use crate::graph::{KnowledgeGraph, ResolveError};
use crate::model::{Date, EventStatus, MeetingMode, RelationKind};

/// A counterpart seen at an event or in a `met_with` fact, before it becomes a row.
struct Sighting<'a> {
    counterpart: &'a str,
    side: Option<&'a str>,
    date: Option<Date>,
    mode: MeetingMode,
    event: Option<&'a str>,
    sources: Vec<&'a str>,
}

/// One encounter between the entity asked about and a counterpart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Encounter {
    /// Counterpart's entity id.
    pub counterpart: String,
    /// Counterpart's display name.
    pub counterpart_name: String,
    /// The counterpart's office on the day, when one is curated.
    pub counterpart_office: Option<String>,
    /// The delegation (government id) the counterpart sat on, when known.
    pub side: Option<String>,
    /// When they met.
    pub date: Option<Date>,
    /// In person, virtual or by phone.
    pub mode: MeetingMode,
    /// Place id, when known.
    pub place: Option<String>,
    /// Place display name, when known.
    pub place_name: Option<String>,
    /// Event id, when the encounter is part of a curated event.
    pub event: Option<String>,
    /// Event display name.
    pub event_name: Option<String>,
    /// Source ids that report it.
    pub sources: Vec<String>,
}

impl KnowledgeGraph {
    /// Everyone the entity `id` met: the co-participants of every held meeting,
    /// call or visit it took part in, and every `met_with` fact about it,
    /// sorted by date then counterpart name, one row per counterpart and event.
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
    pub fn who_met(&self, id: &str) -> Vec<Encounter> {
        let mut found: Vec<Encounter> = Vec::new();
        for fact in self.facts_of(id) {
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
            for participant in &event.participants {
                let sighting = Sighting {
                    counterpart: &participant.entity,
                    side: participant.side.as_deref(),
                    date: Some(event.date),
                    mode: event.effective_mode(),
                    event: Some(&fact.to.id),
                    sources: event.sources.iter().map(String::as_str).collect(),
                };
                self.record(id, sighting, &mut found);
            }
        }
        for fact in self.facts_of(id) {
            if let RelationKind::MetWith { mode } = fact.fact.relation {
                let sighting = Sighting {
                    counterpart: &fact.other(id).id,
                    side: None,
                    date: fact.fact.date,
                    mode,
                    event: fact.fact.event.as_deref(),
                    sources: fact.fact.sources(),
                };
                self.record(id, sighting, &mut found);
            }
        }
        found.sort_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then_with(|| a.counterpart_name.cmp(&b.counterpart_name))
        });
        found
    }

    /// Adds a sighting of a counterpart unless it is `id` itself or already listed.
    fn record(&self, id: &str, s: Sighting<'_>, found: &mut Vec<Encounter>) {
        let dataset = self.dataset();
        let duplicate = found.iter().any(|e| {
            e.counterpart == s.counterpart
                && e.event.as_deref() == s.event
                && (s.event.is_some() || e.date == s.date)
        });
        let Some(counterpart) = dataset.entity(s.counterpart) else {
            return;
        };
        if s.counterpart == id || duplicate {
            return;
        }
        let event = s.event.and_then(|e| dataset.entity(e));
        let place = event
            .and_then(|e| e.event.as_ref())
            .and_then(|e| e.place.as_deref())
            .and_then(|p| dataset.entity(p));
        found.push(Encounter {
            counterpart: counterpart.id.clone(),
            counterpart_name: counterpart.name.clone(),
            counterpart_office: s
                .date
                .and_then(|d| dataset.office_on(s.counterpart, d))
                .map(|o| o.name.clone()),
            side: s.side.map(str::to_string),
            date: s.date,
            mode: s.mode,
            place: place.map(|p| p.id.clone()),
            place_name: place.map(|p| p.name.clone()),
            event: event.map(|e| e.id.clone()),
            event_name: event.map(|e| e.name.clone()),
            sources: s.sources.into_iter().map(str::to_string).collect(),
        });
    }

    /// [`who_met`](Self::who_met) by name: resolves `name` first.
    pub fn who_met_name(&self, name: &str) -> Result<Vec<Encounter>, ResolveError> {
        let entity = self.resolve(name)?;
        Ok(self.who_met(&entity.id))
    }
}
