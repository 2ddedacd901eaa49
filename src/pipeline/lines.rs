//! Facts as JSON lines: what `extract --format jsonl` writes (from files, or
//! as a filter over articles given as JSON lines on standard input) and what
//! `build --facts` reads back. Each line carries everything the graph and the
//! store need, so the matcher can run elsewhere (on a cluster, one process per
//! partition) and the graph be built on one machine, the same bytes as if the
//! articles had been matched here.
//!
//! ```
//! use newsgraph::pipeline::{self, lines};
//! use newsgraph::Loaded;
//!
//! let loaded = Loaded::load("data")?;
//! let (here, _) = pipeline::build_graph(Loaded::load("data")?, &|| {})?;
//! // The facts of every article as JSON lines, as `extract` writes them.
//! let mut jsonl = String::new();
//! let (entries, _) =
//!     pipeline::extract_articles(&loaded.dataset, &loaded.patterns, &Default::default(), true, &|| {});
//! for entry in &entries {
//!     let text = std::fs::read_to_string(&entry.path)?;
//!     let context = lines::ArticleContext::of_entry(entry, &text);
//!     for fact in &entry.facts.facts {
//!         jsonl.push_str(&lines::fact_line(&loaded.dataset, fact, &context).to_string());
//!         jsonl.push('\n');
//!     }
//! }
//! // Read back, they build the same graph.
//! let facts = lines::read_facts(jsonl.as_bytes(), "facts.jsonl".as_ref(), &loaded.dataset)?;
//! let (there, _, _) = pipeline::build_graph_with_facts(loaded, facts, None, &|| {})?;
//! assert_eq!(newsgraph::export::to_graphml(&here), newsgraph::export::to_graphml(&there));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::incremental::{extract_articles_except, reusable_articles, ArticleCache};
use super::{article_report, ExtractionReport, PipelineError};
use crate::extract::{ArticleFacts, DateOrigin, ExtractedFact};
use crate::graph::KnowledgeGraph;
use crate::load::Loaded;
use crate::model::{Dataset, Date, RelationKind, Source};
use crate::store::{self, ArticleEntry, Store};

/// What reading one article came to besides its facts: what the store keeps
/// of it. Every fact line of the article carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleRead {
    /// BLAKE3 of the text, in hex.
    pub hash: String,
    /// Bytes of text.
    pub bytes: usize,
    /// Sentences.
    pub sentences: usize,
    /// Mentions found.
    pub mentions: usize,
    /// Mentions linked to an entity.
    pub linked: usize,
}

/// One article as a line of the input of `extract -`: `{"id": …, "published":
/// "2024-01-20", "text": …}`. The source fields are optional; for an `id` (or
/// `path`) the dataset has a source record for, the record fills the fields
/// the line leaves out. Other fields are ignored.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ArticleLine {
    /// Source id.
    #[serde(default)]
    pub id: Option<String>,
    /// The article's path, as `extract FILE` would be given it: finds the
    /// source record of a file the data names, and is the `article` of its facts.
    #[serde(default)]
    pub path: Option<String>,
    /// The article's text.
    pub text: String,
    /// Publication date (`date` is accepted too).
    #[serde(default, alias = "date")]
    pub published: Option<Date>,
    /// Date of the main event reported.
    #[serde(default)]
    pub event_date: Option<Date>,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Who published it: decides who "I" and "we" are in a statement.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Where it can be read.
    #[serde(default)]
    pub url: Option<String>,
}

/// Where the facts of one article come from, as its fact lines say.
#[derive(Debug, Clone)]
pub struct ArticleContext<'a> {
    /// Source id.
    pub source: &'a str,
    /// The article as it was read: its path, or its source id when it came
    /// from standard input without one.
    pub article: &'a str,
    /// Its file relative to the data directory, as the source record names it
    /// (empty when there is none).
    pub file: &'a str,
    /// The source record, for a source the dataset does not have.
    pub record: Option<&'a Source>,
    /// What reading it came to.
    pub read: ArticleRead,
    /// Its text.
    pub text: &'a str,
}

impl<'a> ArticleContext<'a> {
    /// The context of an article `build` read, from its store entry and text.
    pub fn of_entry(entry: &'a ArticleEntry, text: &'a str) -> ArticleContext<'a> {
        ArticleContext {
            source: &entry.facts.source,
            article: &entry.path,
            file: &entry.facts.article,
            record: None,
            read: read_of_entry(entry),
            text,
        }
    }
}

/// The [`ArticleRead`] an entry of the store records.
pub fn read_of_entry(entry: &ArticleEntry) -> ArticleRead {
    ArticleRead {
        hash: entry.hash.clone(),
        bytes: entry.bytes,
        sentences: entry.sentences,
        mentions: entry.mentions,
        linked: entry.linked,
    }
}

/// One fact as a JSON object: who, what, whom, when, with its evidence (the
/// sentence, byte ranges in the article, pattern, confidence, where its date
/// came from) and the article it was found in.
pub fn fact_line(dataset: &Dataset, fact: &ExtractedFact, cx: &ArticleContext) -> Value {
    let subject = &dataset.entities[fact.subject];
    let object = &dataset.entities[fact.object];
    let attributes: serde_json::Map<String, Value> = fact
        .relation
        .attributes()
        .into_iter()
        .map(|(k, v)| (k.to_string(), serde_json::to_value(v).unwrap_or_default()))
        .collect();
    let text = |range: &std::ops::Range<usize>| cx.text.get(range.clone()).unwrap_or_default();
    let pair = |range: &std::ops::Range<usize>| [range.start, range.end];
    let mut line = json!({
        "subject": { "id": subject.id, "name": subject.name, "text": text(&fact.subject_range) },
        "relation": fact.relation.name(),
        "object": { "id": object.id, "name": object.name, "text": text(&fact.object_range) },
        "attributes": attributes,
        "date": fact.date,
        "date_precision": fact.date.precision(),
        "date_origin": fact.date_origin,
        "source": cx.source,
        "article": cx.article,
        "evidence": {
            "sentence": text(&fact.sentence_range),
            "sentence_index": fact.sentence,
            "sentence_range": pair(&fact.sentence_range),
            "subject_range": pair(&fact.subject_range),
            "object_range": pair(&fact.object_range),
            "trigger": text(&fact.trigger_range),
            "trigger_range": pair(&fact.trigger_range),
            "pattern": fact.pattern,
            "confidence": fact.confidence,
        },
        "file": cx.file,
        "article_read": &cx.read,
    });
    if let (Some(record), Some(map)) = (cx.record, line.as_object_mut()) {
        map.insert(
            "source_record".into(),
            serde_json::to_value(record).unwrap_or_default(),
        );
    }
    line
}

/// The facts of one article, read from fact lines.
#[derive(Debug, Clone, PartialEq)]
pub struct ExternalArticle {
    /// The source record the lines carry (for a source the dataset lacks).
    pub record: Option<Source>,
    /// The article as it was read where it was matched.
    pub article: String,
    /// What reading it came to.
    pub read: ArticleRead,
    /// Its facts, in the order of the lines.
    pub facts: ArticleFacts,
}

/// Facts read from fact lines, by source id, in the order sources first appear.
pub type ExternalFacts = IndexMap<String, ExternalArticle>;

/// A fact line that does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct LineError {
    /// The file.
    pub path: PathBuf,
    /// Line number, from 1.
    pub line: usize,
    /// Column (byte), from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Why fact files could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FactsError {
    /// A file or folder could not be read.
    #[error("cannot read facts {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A folder holds no fact files.
    #[error("no fact files (part-* or *.jsonl) in {}", path.display())]
    Empty {
        /// The folder.
        path: PathBuf,
    },
    /// Lines that do not read as facts of this dataset: nothing is built.
    #[error("{}", show_lines(.0))]
    Lines(Vec<LineError>),
}

/// At most this many bad lines are shown (all are counted).
const SHOWN_LINE_ERRORS: usize = 100;

fn show_lines(errors: &[LineError]) -> String {
    let mut text: Vec<String> = errors
        .iter()
        .take(SHOWN_LINE_ERRORS)
        .map(ToString::to_string)
        .collect();
    let more = errors.len().saturating_sub(SHOWN_LINE_ERRORS);
    if more > 0 {
        text.push(format!("… and {more} more"));
    }
    text.push(format!(
        "{} bad fact line{}; nothing was built",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    text.join("\n")
}

/// The fact files that `paths` name: a file as it is; a folder's `part-*`
/// files (as Spark writes them) and `*.jsonl` files, in name order.
pub fn fact_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, FactsError> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let read = |source| FactsError::Read {
            path: path.clone(),
            source,
        };
        let mut found = Vec::new();
        for entry in std::fs::read_dir(path).map_err(read)? {
            let entry = entry.map_err(read)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let wanted = name.starts_with("part-") || name.ends_with(".jsonl");
            if wanted && !name.ends_with(".crc") && entry.path().is_file() {
                found.push(entry.path());
            }
        }
        if found.is_empty() {
            return Err(FactsError::Empty { path: path.clone() });
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// Reads the fact lines of every file `paths` name (see [`fact_files`]), in order.
pub fn read_fact_files(paths: &[PathBuf], dataset: &Dataset) -> Result<ExternalFacts, FactsError> {
    let mut facts = ExternalFacts::new();
    let mut errors = Vec::new();
    for path in fact_files(paths)? {
        let file = std::fs::File::open(&path).map_err(|source| FactsError::Read {
            path: path.clone(),
            source,
        })?;
        let reader = std::io::BufReader::new(file);
        read_into(reader, &path, dataset, &mut facts, &mut errors)?;
    }
    if errors.is_empty() {
        Ok(facts)
    } else {
        Err(FactsError::Lines(errors))
    }
}

/// Reads fact lines from `reader` (`path` names it in errors).
pub fn read_facts(
    reader: impl BufRead,
    path: &Path,
    dataset: &Dataset,
) -> Result<ExternalFacts, FactsError> {
    let mut facts = ExternalFacts::new();
    let mut errors = Vec::new();
    read_into(reader, path, dataset, &mut facts, &mut errors)?;
    if errors.is_empty() {
        Ok(facts)
    } else {
        Err(FactsError::Lines(errors))
    }
}

/// A fact line as it is read (names and texts are for people, and ignored).
#[derive(Deserialize)]
struct FactRow {
    subject: Party,
    relation: String,
    object: Party,
    #[serde(default)]
    attributes: serde_json::Map<String, Value>,
    date: Date,
    date_origin: String,
    source: String,
    article: String,
    #[serde(default)]
    file: String,
    evidence: EvidenceRow,
    article_read: ArticleRead,
    #[serde(default)]
    source_record: Option<Source>,
}

#[derive(Deserialize)]
struct Party {
    id: String,
}

#[derive(Deserialize)]
struct EvidenceRow {
    sentence: String,
    sentence_index: usize,
    sentence_range: [usize; 2],
    subject_range: [usize; 2],
    object_range: [usize; 2],
    trigger_range: [usize; 2],
    pattern: String,
    confidence: f32,
}

fn read_into(
    mut reader: impl BufRead,
    path: &Path,
    dataset: &Dataset,
    facts: &mut ExternalFacts,
    errors: &mut Vec<LineError>,
) -> Result<(), FactsError> {
    let mut buffer = String::new();
    let mut number = 0;
    loop {
        buffer.clear();
        let read = reader
            .read_line(&mut buffer)
            .map_err(|source| FactsError::Read {
                path: path.to_path_buf(),
                source,
            })?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let line = buffer.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let fail = |column: usize, message: String| LineError {
            path: path.to_path_buf(),
            line: number,
            column,
            message,
        };
        let row: FactRow = match serde_json::from_str(line) {
            Ok(row) => row,
            Err(error) => {
                errors.push(fail(error.column().max(1), strip_position(&error)));
                continue;
            }
        };
        match add_row(row, dataset, facts) {
            Ok(()) => {}
            Err(message) => errors.push(fail(1, message)),
        }
    }
}

/// serde_json's message without its own " at line L column C".
fn strip_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Checks one fact line against the dataset and files it under its source.
fn add_row(row: FactRow, dataset: &Dataset, facts: &mut ExternalFacts) -> Result<(), String> {
    let entity = |id: &str| {
        dataset
            .entities
            .get_index_of(id)
            .ok_or_else(|| format!("unknown entity `{id}`"))
    };
    let subject = entity(&row.subject.id)?;
    let object = entity(&row.object.id)?;
    let relation = relation_of(&row.relation, row.attributes)?;
    let date_origin = match row.date_origin.as_str() {
        "sentence" => DateOrigin::Sentence,
        "context" => DateOrigin::Context,
        "fallback" => DateOrigin::Fallback,
        other => {
            return Err(format!(
                "unknown date_origin `{other}` (sentence, context or fallback)"
            ))
        }
    };
    if row.source.is_empty() {
        return Err("the source id is empty".into());
    }
    let evidence = row.evidence;
    let range = |name: &str, [start, end]: [usize; 2]| {
        if start <= end {
            Ok(start..end)
        } else {
            Err(format!("{name} [{start}, {end}] ends before it starts"))
        }
    };
    let fact = ExtractedFact {
        subject,
        object,
        relation,
        date: row.date,
        date_origin,
        sentence: evidence.sentence_index,
        sentence_range: range("sentence_range", evidence.sentence_range)?,
        subject_range: range("subject_range", evidence.subject_range)?,
        object_range: range("object_range", evidence.object_range)?,
        trigger_range: range("trigger_range", evidence.trigger_range)?,
        pattern: evidence.pattern,
        confidence: evidence.confidence,
    };
    let article = facts
        .entry(row.source.clone())
        .or_insert_with(|| ExternalArticle {
            record: row.source_record.clone(),
            article: row.article.clone(),
            read: row.article_read.clone(),
            facts: ArticleFacts {
                source: row.source.clone(),
                article: row.file.clone(),
                ..ArticleFacts::default()
            },
        });
    if article.read != row.article_read || article.article != row.article {
        return Err(format!(
            "source `{}` was read as {} ({} bytes, hash {}) on an earlier line, and as {} ({} bytes, hash {}) here: one source, two texts",
            row.source, article.article, article.read.bytes, article.read.hash,
            row.article, row.article_read.bytes, row.article_read.hash
        ));
    }
    article.facts.facts.push(fact);
    article.facts.sentences.push(evidence.sentence);
    Ok(())
}

/// The relation from its name and attributes, as [`fact_line`] writes them.
fn relation_of(
    name: &str,
    attributes: serde_json::Map<String, Value>,
) -> Result<RelationKind, String> {
    if !RelationKind::NAMES.contains(&name) {
        return Err(format!(
            "unknown relation `{name}`; relations are: {}",
            RelationKind::NAMES.join(", ")
        ));
    }
    if attributes.is_empty() {
        if let Ok(relation) = serde_json::from_value(Value::String(name.to_string())) {
            return Ok(relation);
        }
    }
    let mut tagged = serde_json::Map::new();
    tagged.insert(name.to_string(), Value::Object(attributes));
    serde_json::from_value(Value::Object(tagged))
        .map_err(|e| format!("attributes of `{name}`: {e}"))
}

/// `build --facts`: the graph of the curated records and of facts matched
/// elsewhere. An article the data names takes its facts from `external`
/// when they cover it (its store entry as if matched here), else it is
/// matched here (from the store at `store_path` when unchanged). Facts of
/// sources the data does not have are merged too, their sources added from
/// the lines' `source_record` (or with their id as title); those articles
/// have no file here, so the store keeps their facts and evidence but not an
/// entry to reuse. Returns the entries to write into the new store.
pub fn build_graph_with_facts(
    loaded: Loaded,
    mut external: ExternalFacts,
    store_path: Option<&Path>,
    progress: &(dyn Fn() + Sync),
) -> Result<(KnowledgeGraph, ExtractionReport, Vec<ArticleEntry>), PipelineError> {
    let Loaded {
        mut dataset,
        patterns,
        style,
    } = loaded;
    let covered: HashSet<String> = dataset
        .sources
        .values()
        .filter(|s| s.file.is_some() && external.contains_key(&s.id))
        .map(|s| s.id.clone())
        .collect();
    let store = store_path
        .filter(|p| p.is_file())
        .and_then(|p| Store::open(p).ok());
    let cache = match &store {
        Some(store) => reusable_articles(store, &dataset, &patterns)?,
        None => ArticleCache::new(),
    };
    let (local, skipped) =
        extract_articles_except(&dataset, &patterns, &cache, true, &covered, progress);
    let mut local = local.into_iter().peekable();
    let mut entries = Vec::new();
    for source in dataset.sources.values() {
        let Some(path) = dataset.article_path(source) else {
            continue;
        };
        if let Some(found) = external.shift_remove(&source.id) {
            progress();
            entries.push(ArticleEntry {
                path: path.display().to_string(),
                key: store::article_key(&found.read.hash, source),
                hash: found.read.hash,
                bytes: found.read.bytes,
                sentences: found.read.sentences,
                mentions: found.read.mentions,
                linked: found.read.linked,
                // Read elsewhere: no local size and time to trust, so the
                // first query hashes the file before it answers.
                stamp: store::Stamp::default(),
                facts: ArticleFacts {
                    article: source.file.clone().unwrap_or_default(),
                    ..found.facts
                },
            });
        } else if local.peek().is_some_and(|e| e.facts.source == source.id) {
            entries.extend(local.next());
        }
    }
    let mut facts: Vec<ArticleFacts> = entries.iter().map(|e| e.facts.clone()).collect();
    let mut articles: Vec<_> = entries.iter().map(article_report).collect();
    for (id, found) in external {
        if !dataset.sources.contains_key(&id) {
            let record = found.record.clone().unwrap_or_else(|| Source {
                id: id.clone(),
                file: None,
                title: id.clone(),
                outlet: None,
                published: None,
                event_date: None,
                url: None,
                note: None,
            });
            // Its article is not a file of this data: nothing reads it again.
            let record = Source {
                id: id.clone(),
                file: None,
                ..record
            };
            dataset.sources.insert(id.clone(), record);
        }
        articles.push(super::ArticleReport {
            source: id.clone(),
            article: found.article.clone(),
            bytes: found.read.bytes,
            sentences: found.read.sentences,
            mentions: found.read.mentions,
            linked: found.read.linked,
            facts: found.facts.facts.len(),
        });
        facts.push(found.facts);
    }
    let graph = KnowledgeGraph::build_with(dataset, facts).with_style(style);
    let report = ExtractionReport {
        articles,
        skipped,
        patterns: patterns.patterns.len(),
    };
    Ok((graph, report, entries))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgreementStatus, FundingStatus, MeetingMode, ParticipantRole};

    /// Every relation, with and without its optional attributes, reads back
    /// from its name and attributes as a fact line writes them.
    #[test]
    fn every_relation_reads_back_from_its_line() {
        let text = |s: &str| Some(s.to_string());
        let relations = [
            RelationKind::MetWith {
                mode: MeetingMode::InPerson,
            },
            RelationKind::MetWith {
                mode: MeetingMode::Phone,
            },
            RelationKind::Funded {
                amount: Some(13_500_000.0),
                currency: text("USD"),
                purpose: text("migration"),
                status: FundingStatus::Delivered,
            },
            RelationKind::Funded {
                amount: Some(0.1 + 0.2),
                currency: None,
                purpose: None,
                status: FundingStatus::Pledged,
            },
            RelationKind::Designated {
                designation: "foreign terrorist organization".into(),
            },
            RelationKind::Agreed {
                what: "Open Skies".into(),
                status: AgreementStatus::InNegotiation,
            },
            RelationKind::Visited,
            RelationKind::Praised { about: None },
            RelationKind::Thanked {
                about: text("help"),
            },
            RelationKind::Congratulated { about: None },
            RelationKind::ParticipatedIn {
                role: ParticipantRole::Host,
                side: text("ecuador"),
            },
            RelationKind::HoldsOffice {
                office: "us-secretary-of-state".into(),
                title: "Secretary of State".into(),
                until: Date::ymd(2025, 1, 20),
            },
            RelationKind::PartOf,
        ];
        for relation in relations {
            let attributes: serde_json::Map<String, Value> = relation
                .attributes()
                .into_iter()
                .map(|(k, v)| (k.to_string(), serde_json::to_value(v).unwrap()))
                .collect();
            // Through text, as a line travels.
            let attributes = serde_json::from_str(&Value::Object(attributes).to_string()).unwrap();
            assert_eq!(
                relation_of(relation.name(), attributes),
                Ok(relation.clone())
            );
        }
        assert!(relation_of("met", Default::default())
            .unwrap_err()
            .starts_with("unknown relation `met`"));
    }
}
