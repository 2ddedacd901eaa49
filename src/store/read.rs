//! Reading the store back: its inputs' hashes, and the matcher's findings per article.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};

use super::{hash, schema, ArticleEntry, StoreError};
use crate::extract::{ArticleFacts, DateOrigin, ExtractedFact};
use crate::model::Dataset;

/// Whether a store still describes its inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// Every data file and article has the hash recorded, and the same
    /// newsgraph wrote it.
    Fresh,
    /// Something changed; the text says what.
    Stale(String),
}

/// A store opened read-only.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    conn: Connection,
}

/// The name of a date origin in the store.
pub(super) fn date_origin_name(origin: DateOrigin) -> &'static str {
    match origin {
        DateOrigin::Sentence => "sentence",
        DateOrigin::Context => "context",
        DateOrigin::Fallback => "fallback",
    }
}

fn date_origin(name: &str) -> Option<DateOrigin> {
    match name {
        "sentence" => Some(DateOrigin::Sentence),
        "context" => Some(DateOrigin::Context),
        "fallback" => Some(DateOrigin::Fallback),
        _ => None,
    }
}

impl Store {
    /// Opens the store at `path` read-only and checks its schema version.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|source| StoreError::Sqlite {
                path: path.to_path_buf(),
                source,
            })?;
        let store = Store {
            path: path.to_path_buf(),
            conn,
        };
        let found = store.meta("schema_version")?.unwrap_or_default();
        if found != schema::SCHEMA_VERSION {
            return Err(StoreError::Schema {
                path: path.to_path_buf(),
                found,
            });
        }
        Ok(store)
    }

    /// The store's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// A value of the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Whether the store was written from these data directories (as given).
    pub fn is_for(&self, dirs: &[PathBuf]) -> Result<bool, StoreError> {
        let dirs: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        let recorded = self.meta("data_dirs")?.unwrap_or_default();
        Ok(serde_json::from_str::<Vec<String>>(&recorded).is_ok_and(|r| r == dirs))
    }

    /// The files recorded, with their hashes, in the order written.
    fn files(&self, kind: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut query = self
            .conn
            .prepare("SELECT path, hash FROM files WHERE kind = ?1 ORDER BY rowid")
            .map_err(|e| self.sql(e))?;
        let rows = query
            .query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    /// Compares the hashes recorded with the files under `dirs` and the
    /// articles recorded: cheap beside matching (one read of each file).
    pub fn check(&self, dirs: &[PathBuf]) -> Result<Freshness, StoreError> {
        if self.meta("code_hash")?.as_deref() != Some(hash::CODE_HASH) {
            return Ok(Freshness::Stale(
                "it was written by another version of newsgraph".into(),
            ));
        }
        let data = hash::hash_files(&crate::load::data_files(dirs)?)?;
        if let Some(why) = difference(&self.files("data")?, &data) {
            return Ok(Freshness::Stale(why));
        }
        for (path, recorded) in self.files("article")? {
            match hash::hash_file(Path::new(&path)) {
                Ok(now) if now == recorded => {}
                _ => return Ok(Freshness::Stale(format!("{path} changed"))),
            }
        }
        Ok(Freshness::Fresh)
    }

    /// The matcher's findings per article, by source id, in the order written.
    /// Entity ids are resolved in `dataset`; an article naming an entity the
    /// dataset lacks is left out (it will be matched again).
    pub fn articles(
        &self,
        dataset: &Dataset,
    ) -> Result<IndexMap<String, ArticleEntry>, StoreError> {
        let mut query = self
            .conn
            .prepare("SELECT source_id, path, hash, key, bytes, sentences, mentions, linked FROM articles ORDER BY rank")
            .map_err(|e| self.sql(e))?;
        let rows = query
            .query_map([], |r| {
                Ok(ArticleEntry {
                    path: r.get(1)?,
                    hash: r.get(2)?,
                    key: r.get(3)?,
                    bytes: r.get(4)?,
                    sentences: r.get(5)?,
                    mentions: r.get(6)?,
                    linked: r.get(7)?,
                    facts: ArticleFacts {
                        source: r.get(0)?,
                        ..ArticleFacts::default()
                    },
                })
            })
            .map_err(|e| self.sql(e))?;
        let mut out = IndexMap::new();
        for entry in rows {
            let entry = entry.map_err(|e| self.sql(e))?;
            out.insert(entry.facts.source.clone(), entry);
        }
        self.fill_facts(dataset, &mut out)?;
        Ok(out)
    }

    /// Reads the `extracted` rows into the articles; drops articles with unknown entities.
    fn fill_facts(
        &self,
        dataset: &Dataset,
        articles: &mut IndexMap<String, ArticleEntry>,
    ) -> Result<(), StoreError> {
        let mut query = self
            .conn
            .prepare("SELECT * FROM extracted ORDER BY rowid")
            .map_err(|e| self.sql(e))?;
        let mut rows = query.query([]).map_err(|e| self.sql(e))?;
        let mut broken = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.sql(e))? {
            let source: String = row.get(0).map_err(|e| self.sql(e))?;
            let fact = extracted_fact(dataset, row).map_err(|e| self.sql(e))?;
            let Some(entry) = articles.get_mut(&source) else {
                continue;
            };
            match fact {
                Some((fact, sentence)) => {
                    entry.facts.facts.push(fact);
                    entry.facts.sentences.push(sentence);
                }
                None => broken.push(source),
            }
        }
        for source in broken {
            articles.shift_remove(&source);
        }
        for entry in articles.values_mut() {
            entry.facts.article = dataset
                .sources
                .get(&entry.facts.source)
                .and_then(|s| s.file.clone())
                .unwrap_or_default();
        }
        Ok(())
    }
}

/// One `extracted` row as a fact and its sentence; `None` when an entity,
/// relation, date or date origin does not read back.
fn extracted_fact(
    dataset: &Dataset,
    row: &Row,
) -> rusqlite::Result<Option<(ExtractedFact, String)>> {
    let index = |i| -> rusqlite::Result<Option<usize>> {
        Ok(dataset.entities.get_index_of(&row.get::<_, String>(i)?))
    };
    let range =
        |i| -> rusqlite::Result<std::ops::Range<usize>> { Ok(row.get(i)?..row.get(i + 1)?) };
    let relation = serde_json::from_str(&row.get::<_, String>(4)?).ok();
    let date = row.get::<_, String>(5)?.parse().ok();
    let origin = date_origin(&row.get::<_, String>(6)?);
    let (Some(subject), Some(object), Some(relation), Some(date), Some(date_origin)) =
        (index(2)?, index(3)?, relation, date, origin)
    else {
        return Ok(None);
    };
    let fact = ExtractedFact {
        subject,
        object,
        relation,
        date,
        date_origin,
        sentence: row.get(7)?,
        sentence_range: range(8)?,
        subject_range: range(10)?,
        object_range: range(12)?,
        trigger_range: range(14)?,
        pattern: row.get(16)?,
        confidence: row.get::<_, f64>(17)? as f32,
    };
    Ok(Some((fact, row.get(18)?)))
}

/// What differs between the data files recorded and those found now, if anything.
fn difference(recorded: &[(String, String)], now: &[(String, String)]) -> Option<String> {
    for (path, hash) in now {
        match recorded.iter().find(|(p, _)| p == path) {
            None => return Some(format!("{path} is new")),
            Some((_, old)) if old != hash => return Some(format!("{path} changed")),
            Some(_) => {}
        }
    }
    recorded
        .iter()
        .find(|(p, _)| !now.iter().any(|(q, _)| q == p))
        .map(|(path, _)| format!("{path} was removed"))
}
