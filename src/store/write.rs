//! Writing the store: a fresh database in a temporary file, renamed into place.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, Transaction};

use super::{hash, schema, stamps, ArticleEntry, StoreError};
use crate::graph::{Evidence, KnowledgeGraph};
use crate::model::{AliasStrength, Date, RelationKind};

/// The inputs a store records, to tell later whether it is out of date.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    /// The data directories, as given.
    pub data_dirs: Vec<String>,
    /// Every data file with its hash and stamp, in load order.
    pub data_files: Vec<hash::HashedFile>,
    /// [`hash::matcher_fingerprint`] of the dataset.
    pub fingerprint: String,
    /// Each directory listed to find the data files, with its stamp taken
    /// just before it was listed (for the [stamps file](stamps)).
    pub listed_dirs: Vec<stamps::Stamped>,
}

impl Inputs {
    /// Hashes the data files under `dirs` and fingerprints `dataset` with its `patterns`.
    pub fn of(
        dirs: &[PathBuf],
        dataset: &crate::model::Dataset,
        patterns: &crate::model::PatternSet,
    ) -> Result<Inputs, StoreError> {
        let mut listed_dirs = Vec::new();
        let files = crate::load::data_files_visiting(dirs, &mut |dir| {
            if let Some(stamp) = hash::Stamp::of(dir) {
                listed_dirs.push((dir.display().to_string(), hash::Stamp { bytes: 0, ..stamp }));
            }
        })?;
        Ok(Inputs {
            data_dirs: dirs.iter().map(|d| d.display().to_string()).collect(),
            data_files: hash::stamp_files(&files)?,
            fingerprint: hash::matcher_fingerprint(dataset, patterns),
            listed_dirs,
        })
    }
}

/// Writes the graph, the matcher's findings per article and the inputs'
/// hashes into a new database at `path`. The database is written to a
/// temporary file beside it, then renamed over it: a failed run leaves the old
/// store in place. Same input, same rows in the same order.
pub fn write(
    path: &Path,
    graph: &KnowledgeGraph,
    articles: &[ArticleEntry],
    inputs: &Inputs,
) -> Result<(), StoreError> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let io = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let _ = std::fs::remove_file(&temp);
    let written = fill(&temp, graph, articles, inputs).map_err(|source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    });
    let synced = written.and_then(|()| {
        let file = std::fs::File::open(&temp).map_err(io)?;
        file.sync_all().map_err(io)
    });
    if let Err(error) = synced {
        let _ = std::fs::remove_file(&temp);
        return Err(error);
    }
    std::fs::rename(&temp, path).map_err(io)?;
    // The stamps go beside the store: they hold times, the store does not.
    let mut files: Vec<stamps::Stamped> = Vec::new();
    for file in &inputs.data_files {
        files.push((file.path.clone(), file.stamp));
    }
    for article in articles {
        files.push((article.path.clone(), article.stamp));
    }
    let recorded = recorded_files(articles, inputs);
    let stamps = stamps::Stamps {
        count: recorded.len(),
        dirs: inputs.listed_dirs.clone(),
        files,
    };
    stamps::write(&stamps::path_of(path), &stamps::digest(&recorded), &stamps).map_err(io)
}

/// The files the store records, with their hashes, as `files` lists them
/// (a path listed twice counts once).
fn recorded_files<'a>(articles: &'a [ArticleEntry], inputs: &'a Inputs) -> Vec<(&'a str, &'a str)> {
    let mut seen = std::collections::HashSet::new();
    let data = inputs
        .data_files
        .iter()
        .map(|f| (f.path.as_str(), f.hash.as_str()));
    let articles = articles.iter().map(|a| (a.path.as_str(), a.hash.as_str()));
    data.chain(articles)
        .filter(|(path, _)| seen.insert(*path))
        .collect()
}

/// Creates the database at `temp` and fills it in one transaction.
fn fill(
    temp: &Path,
    graph: &KnowledgeGraph,
    articles: &[ArticleEntry],
    inputs: &Inputs,
) -> rusqlite::Result<()> {
    let mut conn = Connection::open(temp)?;
    // A temporary file: no journal, and one sync before the rename.
    conn.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;",
    )?;
    conn.execute_batch(schema::CREATE)?;
    let tx = conn.transaction()?;
    // Articles named by a source but not in the store (skipped, or a
    // `--curated-only` build): the queries then read the articles again.
    let named = graph
        .dataset()
        .sources
        .values()
        .filter(|s| s.file.is_some());
    let missing = named.count().saturating_sub(articles.len());
    let digest = stamps::digest(&recorded_files(articles, inputs));
    write_meta(&tx, inputs, missing, &digest)?;
    write_files(&tx, articles, inputs)?;
    write_entities(&tx, graph)?;
    write_offices(&tx, graph)?;
    write_sources(&tx, graph)?;
    write_facts(&tx, graph)?;
    write_articles(&tx, graph, articles)?;
    tx.execute(
        "INSERT INTO evidence_fts (rowid, text) SELECT id, text FROM evidence WHERE text IS NOT NULL ORDER BY id",
        [],
    )?;
    tx.execute(
        "INSERT INTO names_fts (rowid, folded) SELECT rowid, folded FROM aliases ORDER BY rowid",
        [],
    )?;
    tx.execute_batch(schema::INDEXES)?;
    tx.commit()?;
    conn.close().map_err(|(_, e)| e)
}

fn json<T: serde::Serialize>(value: &T) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

fn text(date: Option<Date>) -> Option<String> {
    date.map(|d| d.to_string())
}

fn write_meta(
    tx: &Transaction,
    inputs: &Inputs,
    missing: usize,
    digest: &str,
) -> rusqlite::Result<()> {
    let rows = [
        ("schema_version", schema::SCHEMA_VERSION.to_string()),
        ("newsgraph_version", env!("CARGO_PKG_VERSION").to_string()),
        ("code_hash", hash::CODE_HASH.to_string()),
        ("matcher_fingerprint", inputs.fingerprint.clone()),
        ("data_dirs", json(&inputs.data_dirs)?),
        ("hash_algorithm", "blake3".to_string()),
        ("articles_missing", missing.to_string()),
        ("inputs_digest", digest.to_string()),
    ];
    let mut insert = tx.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
    for (key, value) in rows {
        insert.execute(params![key, value])?;
    }
    Ok(())
}

fn write_files(
    tx: &Transaction,
    articles: &[ArticleEntry],
    inputs: &Inputs,
) -> rusqlite::Result<()> {
    let mut insert =
        tx.prepare("INSERT OR IGNORE INTO files (path, kind, hash) VALUES (?1, ?2, ?3)")?;
    for file in &inputs.data_files {
        insert.execute(params![file.path, "data", file.hash])?;
    }
    for article in articles {
        insert.execute(params![article.path, "article", article.hash])?;
    }
    Ok(())
}

fn write_entities(tx: &Transaction, graph: &KnowledgeGraph) -> rusqlite::Result<()> {
    let mut entity = tx.prepare(
        "INSERT INTO entities VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    let mut alias = tx.prepare("INSERT INTO aliases VALUES (?1, ?2, ?3, ?4)")?;
    let fold = crate::text::fold_name;
    for (rank, e) in graph.dataset().entities.values().enumerate() {
        let event = e.event.as_ref();
        entity.execute(params![
            e.id,
            rank,
            e.kind.as_str(),
            e.name,
            e.country,
            e.parent,
            e.category,
            e.description,
            event.map(|v| v.event_type.as_str()),
            text(event.map(|v| v.date)),
            event.map(|v| v.status.as_str()),
            event.and_then(|v| v.place.as_deref()),
            event.map(|v| v.effective_mode().as_str()),
            json(e)?,
        ])?;
        for (name, strength) in e.all_names() {
            let strength = match strength {
                _ if name == e.name => "name",
                AliasStrength::Strong => "strong",
                AliasStrength::Weak => "weak",
            };
            alias.execute(params![e.id, name, strength, fold(name)])?;
        }
        for demonym in &e.demonyms {
            alias.execute(params![e.id, demonym, "demonym", fold(demonym)])?;
        }
    }
    Ok(())
}

fn write_offices(tx: &Transaction, graph: &KnowledgeGraph) -> rusqlite::Result<()> {
    let mut office = tx.prepare("INSERT INTO offices VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    let mut tenure = tx.prepare("INSERT INTO tenures VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for (rank, o) in graph.dataset().offices.values().enumerate() {
        office.execute(params![
            o.id,
            rank,
            o.name,
            o.of,
            o.concurrent,
            json(&o.titles)?
        ])?;
        for t in &o.holders {
            tenure.execute(params![
                o.id,
                t.person,
                text(t.from),
                text(t.to),
                t.acting,
                json(&t.sources)?
            ])?;
        }
    }
    Ok(())
}

fn write_sources(tx: &Transaction, graph: &KnowledgeGraph) -> rusqlite::Result<()> {
    let mut insert =
        tx.prepare("INSERT INTO sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
    for (rank, s) in graph.dataset().sources.values().enumerate() {
        insert.execute(params![
            s.id,
            rank,
            s.file,
            s.title,
            s.outlet,
            text(s.published),
            text(s.event_date),
            s.url,
            s.note
        ])?;
    }
    Ok(())
}

/// The columns that make a relation's main attributes queryable: mode, amount, currency, status.
fn columns(relation: &RelationKind) -> (Option<&str>, Option<f64>, Option<&str>, Option<&str>) {
    match relation {
        RelationKind::MetWith { mode } => (Some(mode.as_str()), None, None, None),
        RelationKind::Funded {
            amount,
            currency,
            status,
            ..
        } => (None, *amount, currency.as_deref(), Some(status.as_str())),
        RelationKind::Agreed { status, .. } => (None, None, None, Some(status.as_str())),
        _ => (None, None, None, None),
    }
}

fn write_facts(tx: &Transaction, graph: &KnowledgeGraph) -> rusqlite::Result<()> {
    let mut fact = tx.prepare(
        "INSERT INTO facts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let mut evidence = tx.prepare(
        "INSERT INTO evidence (fact_id, seq, source_id, text, article, sentence, sentence_start, sentence_end,
         subject_start, subject_end, object_start, object_end, trigger_start, trigger_end, pattern,
         confidence, date_origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    for f in graph.facts() {
        let id = f.edge.index();
        let (mode, amount, currency, status) = columns(&f.fact.relation);
        let attributes: serde_json::Map<String, serde_json::Value> = f
            .fact
            .relation
            .attributes()
            .into_iter()
            .map(|(k, v)| (k.to_string(), serde_json::to_value(v).unwrap_or_default()))
            .collect();
        fact.execute(params![
            id,
            f.from.id,
            f.fact.relation.name(),
            f.to.id,
            text(f.fact.date),
            f.fact.date.map(|d| d.precision().as_str()),
            f.fact.origin.as_str(),
            f.fact.event,
            mode,
            amount,
            currency,
            status,
            json(&attributes)?,
            f.fact.note,
            json(&f.fact.relation)?,
        ])?;
        for (seq, e) in f.fact.evidence.iter().enumerate() {
            write_evidence(&mut evidence, id, seq, e)?;
        }
    }
    Ok(())
}

fn write_evidence(
    insert: &mut rusqlite::Statement,
    fact: usize,
    seq: usize,
    e: &Evidence,
) -> rusqlite::Result<()> {
    let x = e.extraction.as_ref();
    let range = |r: Option<&std::ops::Range<usize>>| (r.map(|r| r.start), r.map(|r| r.end));
    let sentence = range(x.map(|x| &x.sentence_range));
    let subject = range(x.map(|x| &x.subject_range));
    let object = range(x.map(|x| &x.object_range));
    let trigger = range(x.map(|x| &x.trigger_range));
    insert.execute(params![
        fact,
        seq,
        e.source,
        e.text,
        x.map(|x| &x.article),
        x.map(|x| x.sentence),
        sentence.0,
        sentence.1,
        subject.0,
        subject.1,
        object.0,
        object.1,
        trigger.0,
        trigger.1,
        x.map(|x| &x.pattern),
        x.map(|x| f64::from(x.confidence)),
        x.map(|x| super::read::date_origin_name(x.date_origin)),
    ])?;
    Ok(())
}

fn write_articles(
    tx: &Transaction,
    graph: &KnowledgeGraph,
    articles: &[ArticleEntry],
) -> rusqlite::Result<()> {
    let entities = &graph.dataset().entities;
    let id = |index: usize| entities.get_index(index).map(|(id, _)| id.as_str());
    let mut article =
        tx.prepare("INSERT INTO articles VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?;
    let mut fact = tx.prepare(
        "INSERT INTO extracted VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    for (rank, a) in articles.iter().enumerate() {
        let found = &a.facts;
        article.execute(params![
            found.source,
            rank,
            a.path,
            a.hash,
            a.key,
            a.bytes,
            a.sentences,
            a.mentions,
            a.linked,
            found.facts.len()
        ])?;
        for (seq, (f, sentence)) in found.facts.iter().zip(&found.sentences).enumerate() {
            fact.execute(params![
                found.source,
                seq,
                id(f.subject),
                id(f.object),
                json(&f.relation)?,
                f.date.to_string(),
                super::read::date_origin_name(f.date_origin),
                f.sentence,
                f.sentence_range.start,
                f.sentence_range.end,
                f.subject_range.start,
                f.subject_range.end,
                f.object_range.start,
                f.object_range.end,
                f.trigger_range.start,
                f.trigger_range.end,
                f.pattern,
                f64::from(f.confidence),
                sentence,
            ])?;
        }
    }
    Ok(())
}
