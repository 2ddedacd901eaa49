//! Reading the store back: its inputs' hashes, and the matcher's findings per article.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use rayon::prelude::*;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};

use super::{hash, schema, unchanged, ArticleEntry, StoreError};
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

/// A staleness check begun by [`Store::start_check`].
#[derive(Debug)]
pub enum PendingCheck {
    /// Known without looking at the files.
    Known(Freshness),
    /// The stamps being compared on another thread: `true` when all are unchanged.
    Running(std::thread::JoinHandle<bool>),
    /// The files are to be listed and read.
    Slow,
}

/// The first step of a check.
enum Quick {
    /// The answer, from the `meta` table.
    Known(Freshness),
    /// The stamps file to compare, and the digest it must carry.
    Stamps(PathBuf, String),
    /// No stamps can be trusted: list and read.
    Slow,
}

/// The cheap way: every file stamped, every directory and file as recorded.
/// Nothing is listed or read, and the store's tables are not scanned.
fn quick_unchanged(stamps_path: &Path, digest: &str) -> bool {
    let Some(text) = super::stamps::read(stamps_path) else {
        return false;
    };
    text.parse(digest).is_some_and(|stamps| {
        stamps.complete()
            && !stamps.dirs.is_empty()
            && unchanged::dirs_unchanged(&stamps.dirs)
            && unchanged::files_unchanged(&stamps.files)
    })
}

/// A store opened read-only.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    pub(super) conn: Connection,
}

/// The name of a date origin in the store.
pub(super) fn date_origin_name(origin: DateOrigin) -> &'static str {
    match origin {
        DateOrigin::Sentence => "sentence",
        DateOrigin::Context => "context",
        DateOrigin::Fallback => "fallback",
    }
}

pub(super) fn date_origin(name: &str) -> Option<DateOrigin> {
    match name {
        "sentence" => Some(DateOrigin::Sentence),
        "context" => Some(DateOrigin::Context),
        "fallback" => Some(DateOrigin::Fallback),
        _ => None,
    }
}

impl Store {
    /// Opens the store at `path` read-only, as one snapshot, and checks its
    /// schema version.
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
        // Every read through this handle sees one state of the store, even
        // when a build updates it in place meanwhile (that build's commit
        // then waits for this handle, or writes a fresh store instead).
        store
            .conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(|e| store.sql(e))?;
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

    pub(super) fn sql(&self, source: rusqlite::Error) -> StoreError {
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

    /// The files of one kind recorded (every kind when `None`), with their
    /// hashes, in the order written.
    fn files(&self, kind: Option<&str>) -> Result<Vec<(String, String)>, StoreError> {
        let mut query = self
            .conn
            .prepare("SELECT path, hash FROM files WHERE ?1 IS NULL OR kind = ?1 ORDER BY rowid")
            .map_err(|e| self.sql(e))?;
        let rows = query
            .query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    /// Compares the data files under `dirs` and the articles recorded with
    /// what the store says they were. The rule: a file whose size and
    /// modification time are those in the [stamps file](super::stamps) is
    /// not read; any other is read and hashed, and compared with the hash
    /// recorded (see [`hash::Stamp`]). The data directories are not listed
    /// again while each one's modification time is the one recorded just
    /// before it was last listed. When every file is unchanged but some had
    /// to be read or listed, the stamps file is written again (if it can
    /// be), so the next query reads none. Files are checked in parallel.
    pub fn check(&self, dirs: &[PathBuf]) -> Result<Freshness, StoreError> {
        match self.quick_check(dirs)? {
            Quick::Known(freshness) => Ok(freshness),
            Quick::Stamps(stamps_path, digest) if quick_unchanged(&stamps_path, &digest) => {
                Ok(Freshness::Fresh)
            }
            Quick::Stamps(..) | Quick::Slow => self.full_check(dirs),
        }
    }

    /// [`Store::check`] begun on another thread, so the caller can read its
    /// answer from the store meanwhile; [`Store::finish_check`] gives the
    /// result. An answer read before the check says `Fresh` must be thrown
    /// away when it does not.
    pub fn start_check(&self, dirs: &[PathBuf]) -> Result<PendingCheck, StoreError> {
        Ok(match self.quick_check(dirs)? {
            Quick::Known(freshness) => PendingCheck::Known(freshness),
            Quick::Stamps(stamps_path, digest) => {
                PendingCheck::Running(std::thread::spawn(move || {
                    quick_unchanged(&stamps_path, &digest)
                }))
            }
            Quick::Slow => PendingCheck::Slow,
        })
    }

    /// The result of a check begun by [`Store::start_check`] (with the same `dirs`).
    pub fn finish_check(
        &self,
        pending: PendingCheck,
        dirs: &[PathBuf],
    ) -> Result<Freshness, StoreError> {
        match pending {
            PendingCheck::Known(freshness) => Ok(freshness),
            PendingCheck::Running(thread) => {
                if thread.join().unwrap_or(false) {
                    Ok(Freshness::Fresh)
                } else {
                    self.full_check(dirs)
                }
            }
            PendingCheck::Slow => self.full_check(dirs),
        }
    }

    /// What the check can tell from the store's `meta` table alone, or where
    /// the stamps to compare are.
    fn quick_check(&self, dirs: &[PathBuf]) -> Result<Quick, StoreError> {
        if self.meta("code_hash")?.as_deref() != Some(hash::CODE_HASH) {
            return Ok(Quick::Known(Freshness::Stale(
                "it was written by another version of newsgraph".into(),
            )));
        }
        // The stamps' directories are those listed for the directories
        // recorded: other directories are listed.
        if !self.is_for(dirs)? {
            return Ok(Quick::Slow);
        }
        let digest = self.meta("inputs_digest")?.unwrap_or_default();
        Ok(Quick::Stamps(super::stamps::path_of(&self.path), digest))
    }

    /// The check that lists the data directories and reads every file whose
    /// stamp is not the one recorded, then writes the stamps again.
    fn full_check(&self, dirs: &[PathBuf]) -> Result<Freshness, StoreError> {
        let digest = self.meta("inputs_digest")?.unwrap_or_default();
        let stamps_path = super::stamps::path_of(&self.path);
        let text = super::stamps::read(&stamps_path).unwrap_or_default();
        let stamps = text.parse(&digest).unwrap_or_default();
        // Each directory stamped before it is listed: an entry added while
        // it is listed shows next time.
        let mut dir_stamps = Vec::new();
        let now: Vec<String> = crate::load::data_files_visiting(dirs, &mut |dir| {
            if let Some(stamp) = hash::Stamp::of(dir) {
                dir_stamps.push((dir.display().to_string(), hash::Stamp { bytes: 0, ..stamp }));
            }
        })?
        .iter()
        .map(|p| p.display().to_string())
        .collect();
        if let Some(why) = difference(&self.files(Some("data"))?, &now) {
            return Ok(Freshness::Stale(why));
        }
        let by_path = stamps.by_path();
        let files = self.files(None)?;
        let checked: Vec<Option<hash::Stamp>> = files
            .par_iter()
            .map(|(path, recorded)| unchanged(path, recorded, by_path.get(path.as_str()).copied()))
            .collect();
        if let Some(((path, _), _)) = files.iter().zip(&checked).find(|(_, c)| c.is_none()) {
            return Ok(Freshness::Stale(format!("{path} changed")));
        }
        let count = files.len();
        let stamped: Vec<(String, hash::Stamp)> = files
            .into_iter()
            .zip(checked)
            .filter_map(|((path, _), stamp)| Some((path, stamp?)))
            .collect();
        let renewed = super::stamps::Stamps {
            count,
            dirs: dir_stamps,
            files: stamped,
        };
        // A cache: a store in a folder this user cannot write is checked by reading.
        let _ = super::stamps::write(&stamps_path, &digest, &renewed);
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
                    stamp: hash::Stamp::default(),
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

/// The file's stamp when it still has the contents recorded (its stamp says
/// so, or else its hash does); `None` when it changed or cannot be read.
fn unchanged(path: &str, recorded: &str, stamp: Option<&hash::Stamp>) -> Option<hash::Stamp> {
    let path = Path::new(path);
    let now = hash::Stamp::of(path)?;
    if stamp.is_some_and(|s| s.unchanged(&now)) {
        return Some(now);
    }
    // Stamped before reading: a change while it is read shows next time.
    (hash::hash_file(path).ok()? == recorded).then_some(now)
}

/// Which data file is new or gone between those recorded and those found now, if any.
fn difference(recorded: &[(String, String)], now: &[String]) -> Option<String> {
    let known: std::collections::HashSet<&str> = recorded.iter().map(|f| f.0.as_str()).collect();
    if let Some(path) = now.iter().find(|p| !known.contains(p.as_str())) {
        return Some(format!("{path} is new"));
    }
    let found: std::collections::HashSet<&str> = now.iter().map(String::as_str).collect();
    recorded
        .iter()
        .find(|f| !found.contains(f.0.as_str()))
        .map(|f| format!("{} was removed", f.0))
}
