//! Writing the store: a fresh database in a temporary file, renamed into place.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};

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
    /// [`hash::records_fingerprint`]: every record but the sources. While
    /// it is the one a store recorded, a build that only adds articles can
    /// only add facts and evidence, and [`update`] applies just that.
    pub records: String,
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
        let fingerprint = hash::matcher_fingerprint(dataset, patterns);
        Ok(Inputs {
            data_dirs: dirs.iter().map(|d| d.display().to_string()).collect(),
            data_files: hash::stamp_files(&files)?,
            records: hash::records_fingerprint(&fingerprint, dataset),
            fingerprint,
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
    write_stamps(path, articles, inputs).map_err(io)
}

/// Updates the store at `path` in place, in one transaction, when the new
/// build only added articles after those it holds: the same newsgraph, data
/// directories, data files (by path), entities, offices, curated relations
/// and patterns ([`Inputs::records`]), the store's sources and articles the
/// first ones of the new build, unchanged. The facts are then those of the
/// store, some with evidence added at their end, followed by new ones; only
/// those rows are written, with the new sources, articles and file hashes.
/// The store then holds the rows a fresh [`write`] would, but for the
/// `evidence.id` of the evidence added (a row id, given in order of
/// writing; `(fact_id, seq)` is the key that stays). Returns `false`, with
/// the store untouched, when the build did more than add articles, or the
/// store cannot be updated: the caller then writes a fresh one.
pub fn update(
    path: &Path,
    graph: &KnowledgeGraph,
    articles: &[ArticleEntry],
    inputs: &Inputs,
) -> Result<bool, StoreError> {
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(false);
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(mut conn) = Connection::open_with_flags(path, flags) else {
        return Ok(false);
    };
    let updated = (|| -> rusqlite::Result<bool> {
        conn.execute_batch("PRAGMA cache_size = -262144;")?;
        let tx = conn.transaction()?;
        // A grown fact's row is replaced while its evidence stays: the
        // evidence's foreign key is checked at the commit.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
        let Some(plan) = plan_update(&tx, graph, articles, inputs)? else {
            return Ok(false); // dropping the transaction rolls it back
        };
        apply_update(&tx, graph, articles, inputs, &plan)?;
        tx.commit()?;
        Ok(true)
    })();
    // Any failure leaves the store as it was (the transaction is rolled
    // back); a fresh store is then written in its place.
    if !matches!(updated, Ok(true)) {
        return Ok(false);
    }
    drop(conn);
    let io = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    write_stamps(path, articles, inputs).map_err(io)?;
    Ok(true)
}

/// What [`update`] writes.
struct UpdatePlan {
    /// Sources from this rank on are new.
    sources_from: usize,
    /// Articles from this rank on are new.
    articles_from: usize,
    /// Facts from this id on are new.
    facts_from: usize,
    /// Facts the store holds that gained evidence: (id, seq of the first new evidence).
    grown: Vec<(usize, usize)>,
    /// The largest `evidence.id` in the store (0 when none).
    evidence_max: i64,
}

/// The rows [`update`] writes, or `None` when the build did more than add articles.
fn plan_update(
    tx: &Transaction,
    graph: &KnowledgeGraph,
    articles: &[ArticleEntry],
    inputs: &Inputs,
) -> rusqlite::Result<Option<UpdatePlan>> {
    let meta = |key: &str| -> rusqlite::Result<Option<String>> {
        tx.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
    };
    let expected = [
        ("schema_version", schema::SCHEMA_VERSION.to_string()),
        ("code_hash", hash::CODE_HASH.to_string()),
        ("matcher_fingerprint", inputs.fingerprint.clone()),
        ("records_fingerprint", inputs.records.clone()),
        ("data_dirs", json(&inputs.data_dirs)?),
    ];
    for (key, value) in expected {
        if meta(key)?.as_deref() != Some(value.as_str()) {
            return Ok(None);
        }
    }
    // The data files: the same, in the same order (their hashes may differ).
    let data: Vec<String> = tx
        .prepare("SELECT path FROM files WHERE kind = 'data' ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if !data.iter().eq(inputs.data_files.iter().map(|f| &f.path)) {
        return Ok(None);
    }
    // The store's sources: the first ones of the new dataset, unchanged.
    let sources = &graph.dataset().sources;
    let mut query = tx.prepare(
        "SELECT id, rank, file, title, outlet, published, event_date, url, note FROM sources ORDER BY rank",
    )?;
    let mut rows = query.query([])?;
    let mut sources_from = 0;
    while let Some(row) = rows.next()? {
        let Some((_, s)) = sources.get_index(sources_from) else {
            return Ok(None);
        };
        let same = row.get::<_, String>(0)? == s.id
            && row.get::<_, usize>(1)? == sources_from
            && row.get::<_, Option<String>>(2)? == s.file
            && row.get::<_, String>(3)? == s.title
            && row.get::<_, Option<String>>(4)? == s.outlet
            && row.get::<_, Option<String>>(5)? == text(s.published)
            && row.get::<_, Option<String>>(6)? == text(s.event_date)
            && row.get::<_, Option<String>>(7)? == s.url
            && row.get::<_, Option<String>>(8)? == s.note;
        if !same {
            return Ok(None);
        }
        sources_from += 1;
    }
    // The store's articles: the first ones of the new build, unchanged.
    let mut query = tx.prepare(
        "SELECT source_id, rank, path, hash, key, bytes, sentences, mentions, linked, facts FROM articles ORDER BY rank",
    )?;
    let mut rows = query.query([])?;
    let mut articles_from = 0;
    while let Some(row) = rows.next()? {
        let Some(a) = articles.get(articles_from) else {
            return Ok(None);
        };
        let same = row.get::<_, String>(0)? == a.facts.source
            && row.get::<_, usize>(1)? == articles_from
            && row.get::<_, String>(2)? == a.path
            && row.get::<_, String>(3)? == a.hash
            && row.get::<_, String>(4)? == a.key
            && row.get::<_, usize>(5)? == a.bytes
            && row.get::<_, usize>(6)? == a.sentences
            && row.get::<_, usize>(7)? == a.mentions
            && row.get::<_, usize>(8)? == a.linked
            && row.get::<_, usize>(9)? == a.facts.facts.len();
        if !same {
            return Ok(None);
        }
        articles_from += 1;
    }
    // A new article's path must not be a file the store records already.
    let mut known = tx.prepare("SELECT 1 FROM files WHERE path = ?1")?;
    for a in &articles[articles_from..] {
        if known.exists([&a.path])? {
            return Ok(None);
        }
    }
    let facts_from: usize =
        tx.query_row("SELECT coalesce(max(id) + 1, 0) FROM facts", [], |r| {
            r.get(0)
        })?;
    let evidence_max: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM evidence", [], |r| {
        r.get(0)
    })?;
    if graph.petgraph().edge_count() < facts_from {
        return Ok(None);
    }
    // Facts built before the new articles' gained evidence only at their
    // end, from the new articles' sources.
    let added: std::collections::HashSet<&str> = articles[articles_from..]
        .iter()
        .map(|a| a.facts.source.as_str())
        .collect();
    let mut grown = Vec::new();
    let mut count = tx.prepare("SELECT count(*) FROM evidence WHERE fact_id = ?1")?;
    for f in graph.facts().filter(|f| f.edge.index() < facts_from) {
        let evidence = &f.fact.evidence;
        let Some(first) = evidence
            .iter()
            .position(|e| added.contains(e.source.as_str()))
        else {
            continue;
        };
        let all_new = evidence[first..]
            .iter()
            .all(|e| added.contains(e.source.as_str()));
        let held: usize = count.query_row([f.edge.index()], |r| r.get(0))?;
        if !all_new || held != first {
            return Ok(None);
        }
        grown.push((f.edge.index(), first));
    }
    Ok(Some(UpdatePlan {
        sources_from,
        articles_from,
        facts_from,
        grown,
        evidence_max,
    }))
}

/// Writes what `plan` says, as a fresh [`write`] would write those rows.
fn apply_update(
    tx: &Transaction,
    graph: &KnowledgeGraph,
    articles: &[ArticleEntry],
    inputs: &Inputs,
    plan: &UpdatePlan,
) -> rusqlite::Result<()> {
    let named = graph
        .dataset()
        .sources
        .values()
        .filter(|s| s.file.is_some());
    let missing = named.count().saturating_sub(articles.len());
    let digest = stamps::digest(&recorded_files(articles, inputs));
    let mut meta = tx.prepare("UPDATE meta SET value = ?2 WHERE key = ?1")?;
    meta.execute(params!["articles_missing", missing.to_string()])?;
    meta.execute(params!["inputs_digest", digest])?;
    let mut hash = tx.prepare("UPDATE files SET hash = ?2 WHERE path = ?1 AND kind = 'data'")?;
    for file in &inputs.data_files {
        hash.execute(params![file.path, file.hash])?;
    }
    let mut insert =
        tx.prepare("INSERT OR IGNORE INTO files (path, kind, hash) VALUES (?1, ?2, ?3)")?;
    for article in &articles[plan.articles_from..] {
        insert.execute(params![article.path, "article", article.hash])?;
    }
    write_sources(tx, graph, plan.sources_from)?;
    let grown: std::collections::HashMap<usize, usize> = plan.grown.iter().copied().collect();
    let mut remove = tx.prepare("DELETE FROM facts WHERE id = ?1")?;
    let mut statements = FactStatements::new(tx)?;
    for f in graph.facts() {
        let id = f.edge.index();
        if id >= plan.facts_from {
            statements.insert(&f, 0)?;
        } else if let Some(&from_seq) = grown.get(&id) {
            remove.execute([id])?;
            statements.insert(&f, from_seq)?;
        }
    }
    tx.execute(
        "INSERT INTO evidence_fts (rowid, text) SELECT id, text FROM evidence WHERE id > ?1 AND text IS NOT NULL ORDER BY id",
        [plan.evidence_max],
    )?;
    write_articles(tx, graph, articles, plan.articles_from)
}

/// Writes the stamps file of the store at `path`: they go beside the store,
/// for they hold times and the store does not.
fn write_stamps(path: &Path, articles: &[ArticleEntry], inputs: &Inputs) -> std::io::Result<()> {
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
    stamps::write(&stamps::path_of(path), &stamps::digest(&recorded), &stamps)
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
    super::names::write(&tx, graph.dataset())?;
    write_offices(&tx, graph)?;
    write_sources(&tx, graph, 0)?;
    write_facts(&tx, graph)?;
    write_articles(&tx, graph, articles, 0)?;
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
        ("records_fingerprint", inputs.records.clone()),
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

/// The `sources` rows from rank `from` on.
fn write_sources(tx: &Transaction, graph: &KnowledgeGraph, from: usize) -> rusqlite::Result<()> {
    let mut insert =
        tx.prepare("INSERT INTO sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
    for (rank, s) in graph.dataset().sources.values().enumerate().skip(from) {
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
    let mut statements = FactStatements::new(tx)?;
    for f in graph.facts() {
        statements.insert(&f, 0)?;
    }
    Ok(())
}

/// The statements that insert a fact and its evidence.
struct FactStatements<'t> {
    fact: rusqlite::Statement<'t>,
    evidence: rusqlite::Statement<'t>,
}

impl<'t> FactStatements<'t> {
    fn new(tx: &'t Transaction) -> rusqlite::Result<FactStatements<'t>> {
        Ok(FactStatements {
            fact: tx.prepare(
                "INSERT INTO facts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?,
            evidence: tx.prepare(
                "INSERT INTO evidence (fact_id, seq, source_id, text, article, sentence, sentence_start, sentence_end,
                 subject_start, subject_end, object_start, object_end, trigger_start, trigger_end, pattern,
                 confidence, date_origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            )?,
        })
    }

    /// Inserts the fact's row and its evidence from `seq` `from_seq` on.
    fn insert(&mut self, f: &crate::graph::FactRef<'_>, from_seq: usize) -> rusqlite::Result<()> {
        let id = f.edge.index();
        let (mode, amount, currency, status) = columns(&f.fact.relation);
        let attributes: serde_json::Map<String, serde_json::Value> = f
            .fact
            .relation
            .attributes()
            .into_iter()
            .map(|(k, v)| (k.to_string(), serde_json::to_value(v).unwrap_or_default()))
            .collect();
        self.fact.execute(params![
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
        for (seq, e) in f.fact.evidence.iter().enumerate().skip(from_seq) {
            write_evidence(&mut self.evidence, id, seq, e)?;
        }
        Ok(())
    }
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

/// The `articles` and `extracted` rows of `articles` from rank `from` on.
fn write_articles(
    tx: &Transaction,
    graph: &KnowledgeGraph,
    articles: &[ArticleEntry],
    from: usize,
) -> rusqlite::Result<()> {
    let entities = &graph.dataset().entities;
    let id = |index: usize| entities.get_index(index).map(|(id, _)| id.as_str());
    let mut article =
        tx.prepare("INSERT INTO articles VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?;
    let mut fact = tx.prepare(
        "INSERT INTO extracted VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    for (rank, a) in articles.iter().enumerate().skip(from) {
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
