//! The whole curated dataset, as loaded from a data directory.

use std::path::PathBuf;

use indexmap::IndexMap;

use super::{Date, Entity, EntityKind, Limits, Office, Relation, Source, Tenure};

/// The records a data directory holds, validated: entities, offices, relations and sources.
///
/// Records only: the relation patterns and the drawing style a data directory
/// may also hold are loaded beside it, in a [`Loaded`](crate::load::Loaded).
///
/// Maps keep the order in which records appear in the files (files sorted by
/// path), so everything built from a dataset is deterministic.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    /// The data directory it was loaded from.
    pub root: PathBuf,
    /// Entities by id, in file order.
    pub entities: IndexMap<String, Entity>,
    /// Offices by id, in file order.
    pub offices: IndexMap<String, Office>,
    /// Curated relations, in file order.
    pub relations: Vec<Relation>,
    /// Sources by id, in file order.
    pub sources: IndexMap<String, Source>,
    /// The data directory each source was defined in (its `file` is relative to it).
    pub source_dirs: IndexMap<String, PathBuf>,
    /// Caps on article size and sentence length for the matcher.
    pub limits: Limits,
}

impl Dataset {
    /// The article file of a source, when it has one.
    pub fn article_path(&self, source: &Source) -> Option<PathBuf> {
        let file = source.file.as_ref()?;
        let dir = self.source_dirs.get(&source.id).unwrap_or(&self.root);
        Some(dir.join(file))
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.get(id)
    }

    /// Entities of one kind, in file order.
    pub fn entities_of_kind(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities.values().filter(move |e| e.kind == kind)
    }

    /// The people who held `office` at some point of `date`, in curated order.
    pub fn holders_on(&self, office: &str, date: Date) -> Vec<&Tenure> {
        self.offices
            .get(office)
            .map(|office| office.holders.iter().filter(|t| t.covers(date)).collect())
            .unwrap_or_default()
    }

    /// Every office `person` held, with the tenure, in curated order.
    pub fn offices_of<'a>(
        &'a self,
        person: &'a str,
    ) -> impl Iterator<Item = (&'a Office, &'a Tenure)> + 'a {
        self.offices.values().flat_map(move |office| {
            office
                .holders
                .iter()
                .filter(move |t| t.person == person)
                .map(move |t| (office, t))
        })
    }

    /// The office `person` held on `date`, when there was one (the first curated if several).
    pub fn office_on<'a>(&'a self, person: &'a str, date: Date) -> Option<&'a Office> {
        self.offices_of(person)
            .find(|(_, tenure)| tenure.covers(date))
            .map(|(office, _)| office)
    }
}
