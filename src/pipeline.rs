//! The main job: read every article of a dataset, find its facts, build the
//! graph, write the exports.
//!
//! ```
//! use newsgraph::{pipeline, Loaded};
//!
//! let loaded = Loaded::load("data").unwrap();
//! let (graph, report) = pipeline::build_graph(loaded, &|| {}).unwrap();
//! assert_eq!(report.articles.len(), 5);
//! assert!(graph.facts().any(|f| f.fact.origin == newsgraph::graph::FactOrigin::CuratedAndExtracted));
//! ```

mod from_store;
mod incremental;
pub mod lines;
mod timing;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use from_store::{fresh_store, open_graph, search_store, store_checking, StoreOptions};
pub use incremental::{
    article_report, build_graph_incremental, extract_articles, graph_from_entries,
    graph_from_owned, reusable_articles, take_cached, write_store, ArticleCache,
};
pub use lines::build_graph_with_facts;

use crate::export::{self, Engine, ExportError, ImageFormat, View};
use crate::extract::{author_of, ArticleFacts, Extractor};
use crate::graph::KnowledgeGraph;
use crate::load::Loaded;
use crate::mentions::{ArticleMentions, Matcher};
use crate::model::{Dataset, Date, Limits, PatternSet};
use crate::text::overlong_sentence;

/// Why the main job failed.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// An article could not be read.
    #[error("cannot read article {}: {source}", path.display())]
    Read {
        /// The article.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// An article is not UTF-8 text.
    #[error("article {} is not UTF-8 text: invalid byte at offset {offset}", path.display())]
    NotUtf8 {
        /// The article.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// An article is larger than [`Limits::max_article_bytes`].
    #[error("article {} is larger than {limit} bytes (the limit; raise it with --max-article-bytes)", path.display())]
    TooLarge {
        /// The article.
        path: PathBuf,
        /// The limit it exceeds.
        limit: u64,
    },
    /// An article has a sentence longer than [`Limits::max_sentence_bytes`].
    #[error("article {} has a sentence of {length} bytes at byte offset {offset}, longer than {limit} (the limit; raise it with --max-sentence-bytes)", path.display())]
    LongSentence {
        /// The article.
        path: PathBuf,
        /// Byte offset where the sentence starts.
        offset: usize,
        /// Its length in bytes.
        length: usize,
        /// The limit it exceeds.
        limit: usize,
    },
    /// An export could not be written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The store cannot answer and `--no-rebuild` forbids matching the articles.
    #[error("{why}; not rebuilding (--no-rebuild): run `newsgraph build` to write the store")]
    StoreOutOfDate {
        /// The store's path.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
}

/// What the matcher did with one article.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ArticleReport {
    /// Source id.
    pub source: String,
    /// Article file, relative to the data directory.
    pub article: String,
    /// Bytes read.
    pub bytes: usize,
    /// Sentences.
    pub sentences: usize,
    /// Mentions found.
    pub mentions: usize,
    /// Mentions linked to an entity.
    pub linked: usize,
    /// Facts extracted.
    pub facts: usize,
}

/// An article the matcher did not read, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SkippedArticle {
    /// Source id.
    pub source: String,
    /// The article's path.
    pub path: PathBuf,
    /// Why it was skipped: the error, naming the file and the byte offset or limit.
    pub reason: String,
}

/// What the matcher did with every article.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ExtractionReport {
    /// One report per article read, in source order.
    pub articles: Vec<ArticleReport>,
    /// Articles that could not be read, decoded, or were over a limit, in source order.
    pub skipped: Vec<SkippedArticle>,
    /// How many relation patterns the matcher ran with.
    pub patterns: usize,
}

/// Reads an article as UTF-8 within the default [`Limits`], with an error
/// naming the file and byte offset.
pub fn read_article(path: &Path) -> Result<String, PipelineError> {
    read_article_within(path, &Limits::default())
}

/// Reads an article as UTF-8, refusing one over `limits`: at most
/// `max_article_bytes + 1` bytes are ever read, so `/dev/zero` or a runaway
/// file costs no more memory than the limit.
pub fn read_article_within(path: &Path, limits: &Limits) -> Result<String, PipelineError> {
    use std::io::Read as _;
    let fail = |source| PipelineError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    let mut bytes = Vec::new();
    file.take(limits.max_article_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > limits.max_article_bytes {
        return Err(PipelineError::TooLarge {
            path: path.to_path_buf(),
            limit: limits.max_article_bytes,
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| PipelineError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if let Some(long) = overlong_sentence(&text, limits.max_sentence_bytes) {
        return Err(PipelineError::LongSentence {
            path: path.to_path_buf(),
            offset: long.start,
            length: long.len(),
            limit: limits.max_sentence_bytes,
        });
    }
    Ok(text)
}

/// Finds the mentions and facts of one article. `date` is its reference date
/// (publication, else main event); `fallback` dates facts the text leaves
/// undated; `author` is who "I" and "we" are (see [`author_of`]).
pub fn analyze_article(
    dataset: &Dataset,
    matcher: &Matcher,
    extractor: &Extractor,
    text: &str,
    date: Option<Date>,
    fallback: Option<Date>,
    author: Option<usize>,
) -> (ArticleMentions, Vec<crate::extract::ExtractedFact>) {
    let mentions = matcher.analyze(dataset, text, date);
    let fallback = fallback.or(mentions.reference_date);
    let facts = extractor.extract_by(dataset, text, &mentions, fallback, author);
    (mentions, facts)
}

/// The author of each outlet the sources name, resolved once per outlet.
pub(crate) fn authors(dataset: &Dataset) -> std::collections::HashMap<&str, Option<usize>> {
    let mut found = std::collections::HashMap::new();
    for outlet in dataset.sources.values().filter_map(|s| s.outlet.as_deref()) {
        found
            .entry(outlet)
            .or_insert_with(|| author_of(dataset, outlet));
    }
    found
}

/// Runs the matcher over every source with an article file, in parallel,
/// reading one article at a time per thread; results keep the source order.
/// An article that cannot be read or decoded, or is over the dataset's
/// [`Limits`], is skipped and listed in the report's `skipped`.
/// `progress` is called once per article done.
pub fn extract_sources(
    dataset: &Dataset,
    patterns: &PatternSet,
    progress: &(dyn Fn() + Sync),
) -> (Vec<(ArticleFacts, ArticleReport)>, Vec<SkippedArticle>) {
    let (entries, skipped) =
        extract_articles(dataset, patterns, &ArticleCache::new(), true, progress);
    let done = entries
        .into_iter()
        .map(|entry| {
            let report = article_report(&entry);
            (entry.facts, report)
        })
        .collect();
    (done, skipped)
}

/// Builds the graph of curated records and of the facts found in every
/// article; articles that could not be read are listed in the report's
/// `skipped` (the graph is built from the others).
pub fn build_graph(
    loaded: Loaded,
    progress: &(dyn Fn() + Sync),
) -> Result<(KnowledgeGraph, ExtractionReport), PipelineError> {
    let Loaded {
        dataset,
        patterns,
        style,
    } = loaded;
    let (results, skipped) = extract_sources(&dataset, &patterns, progress);
    let (facts, articles): (Vec<ArticleFacts>, Vec<ArticleReport>) = results.into_iter().unzip();
    Ok((
        KnowledgeGraph::build_with(dataset, facts).with_style(style),
        ExtractionReport {
            articles,
            skipped,
            patterns: patterns.patterns.len(),
        },
    ))
}

/// What [`write_exports`] wrote, and what it skipped.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// Files written, in order.
    pub written: Vec<PathBuf>,
    /// Why an optional output was skipped (no Graphviz), when it was.
    pub skipped: Vec<String>,
}

/// People drawn on their own: those with at least this many facts besides
/// offices, parents and event participation.
pub const FOCUS_MIN_RELATIONS: usize = 3;

/// At most this many focused pictures are drawn (people with most relations first).
pub const MAX_FOCUS_PICTURES: usize = 200;

/// A person's picture is drawn only when it has at most this many lines: past
/// that it is a hairball, and Graphviz takes seconds for each (the `.dot` is
/// written all the same).
pub const MAX_FOCUS_FACTS: usize = 300;

/// Graphviz is not asked to lay out pictures with more facts than this: a
/// picture of tens of thousands of lines takes hours and shows nothing.
pub const MAX_DRAWN_FACTS: usize = 3000;

/// Nor pictures with more nodes than this, whatever their number of facts
/// (293,000 entities and few facts kept `dot` busy for more than 10 minutes).
pub const MAX_DRAWN_NODES: usize = 3000;

/// Writes every export of the graph into `out_dir`:
///
/// - `newsgraph.dot`, `newsgraph.graphml`, `newsgraph.json` (Cytoscape.js),
///   `newsgraph.ftm.json` (FollowTheMoney JSON lines), `csv/` (Neo4j and Gephi);
/// - `newsgraph.html` (the interactive page), laid out as Graphviz's picture
///   when Graphviz is installed and by force otherwise; like the picture, it
///   is skipped past [`MAX_DRAWN_FACTS`] or [`MAX_DRAWN_NODES`];
/// - when Graphviz is installed, `newsgraph.svg` and `focus/<person>.svg` for
///   every person with at least [`FOCUS_MIN_RELATIONS`] relations (their
///   `focus/<person>.dot` always).
///
/// The files are committed as a set: they are written into a staging folder
/// inside `out_dir` while a lock on `out_dir` keeps a second build out (it
/// fails with [`ExportError::Busy`]), then moved into place together. A build
/// that fails or is killed before that leaves `out_dir` as it was; the next
/// build removes what it left (staging folders, `.NAME.PID.tmp` files).
/// Focus files of people who no longer qualify are removed, so the directory
/// always matches the data.
pub fn write_exports(graph: &KnowledgeGraph, out_dir: &Path) -> Result<BuildReport, ExportError> {
    write_exports_reusing(graph, out_dir, None)
}

/// [`write_exports`], keeping in the folder `cache` an index of the records
/// of each whole-graph export, and copying the records the last build wrote
/// instead of formatting them again (see [`export::reuse`]): the same bytes
/// as without it. `build` keeps it beside the store (`PATH.exports`).
pub fn write_exports_reusing(
    graph: &KnowledgeGraph,
    out_dir: &Path,
    cache: Option<&Path>,
) -> Result<BuildReport, ExportError> {
    let staging = export::Staging::begin(out_dir)?;
    let (mut report, kept, indexes) = write_set(graph, staging.path(), out_dir, cache)?;
    report.written = report.written.iter().map(|p| staging.target(p)).collect();
    staging.publish()?;
    remove_stale_focus(&out_dir.join("focus"), &kept)?;
    if let Some(cache) = cache {
        save_indexes(cache, out_dir, indexes)?;
    }
    Ok(report)
}

/// The folder of the exports' indexes beside the store at `store`: `store`
/// with `.exports` added.
pub fn exports_cache(store: &Path) -> PathBuf {
    let mut name = store.as_os_str().to_owned();
    name.push(".exports");
    PathBuf::from(name)
}

/// An export's index, to save once the export is published.
type Indexed = (&'static str, export::reuse::Context, export::reuse::Index);

/// Saves the index of each published export into `cache`.
fn save_indexes(cache: &Path, out_dir: &Path, indexes: Vec<Indexed>) -> Result<(), ExportError> {
    let fail = |source| ExportError::Write {
        path: cache.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(cache).map_err(fail)?;
    for (name, context, index) in indexes {
        let index_path = export::reuse::index_path(cache, name);
        export::reuse::save_index(&index_path, &out_dir.join(name), context, &index).map_err(
            |source| ExportError::Write {
                path: index_path,
                source,
            },
        )?;
    }
    Ok(())
}

/// Writes every export into `stage`; returns the report (paths in `stage`),
/// the focus files of `out_dir` that stay, and the index of each export
/// written as records (when there is a `cache`).
fn write_set(
    graph: &KnowledgeGraph,
    stage: &Path,
    out_dir: &Path,
    cache: Option<&Path>,
) -> Result<(BuildReport, Vec<PathBuf>, Vec<Indexed>), ExportError> {
    use export::reuse::{Context, Key, Records};
    let mut report = BuildReport::default();
    let mut skipped = Vec::new();
    let mut laps = timing::Laps::start();
    let all = View::all(graph);
    let (keys, context) = match cache {
        Some(_) => (export::reuse::fact_keys(graph), Some(Context::of(graph))),
        None => (Vec::new(), None),
    };
    laps.lap("the facts' keys");
    // One whole-graph export, written as records: copied from the last
    // build's file where its index allows.
    type Writer = fn(&View<'_>, &mut Records<'_>, &[Key]) -> std::io::Result<()>;
    let records = |name: &'static str, write: Writer| -> Result<Option<Indexed>, ExportError> {
        let path = stage.join(name);
        let mut laps = timing::Laps::start();
        let mut indexed = None;
        export::write_atomic_with(&path, |out| {
            let (mut records, context) = match (cache, context) {
                (Some(cache), Some(context)) => {
                    let context = context.with(name);
                    let index = export::reuse::index_path(cache, name);
                    let old = out_dir.join(name);
                    (Records::reusing(out, &index, &old, context), Some(context))
                }
                _ => (Records::fresh(out), None),
            };
            write(&all, &mut records, &keys)?;
            let index = records.finish()?;
            indexed = context.map(|context| (name, context, index));
            Ok(())
        })?;
        laps.lap(name);
        Ok(indexed)
    };
    // The big data exports stream to their files, two at a time (each is
    // one thread's serialising; the halves are about the same size).
    let graphml = stage.join("newsgraph.graphml");
    let json = stage.join("newsgraph.json");
    let ftm = stage.join("newsgraph.ftm.json");
    let dot_path = stage.join("newsgraph.dot");
    let (one, other) = rayon::join(
        || -> Result<Vec<Indexed>, ExportError> {
            let graphml = records("newsgraph.graphml", export::write_graphml_records)?;
            let ftm = records("newsgraph.ftm.json", export::write_ftm_records)?;
            let dot = records("newsgraph.dot", export::write_dot_records)?;
            Ok([graphml, ftm, dot].into_iter().flatten().collect())
        },
        || {
            let json = records("newsgraph.json", export::write_cytoscape_records)?;
            let mut csv = Vec::new();
            for (name, bytes) in export::csv_node_files(&all)? {
                let path = stage.join("csv").join(name);
                export::write_atomic(&path, &bytes)?;
                csv.push(path);
            }
            let edges = records("csv/edges.csv", export::write_edges_csv_records)?;
            let gephi = records("csv/gephi-edges.csv", export::write_gephi_edges_csv_records)?;
            csv.insert(1, stage.join("csv/edges.csv"));
            csv.push(stage.join("csv/gephi-edges.csv"));
            Ok::<_, ExportError>(([json, edges, gephi], csv))
        },
    );
    let mut indexes = one?;
    let (more, csv) = other?;
    indexes.extend(more.into_iter().flatten());
    laps.lap("the data exports");
    for (name, _, index) in &indexes {
        laps.note(&format!(
            "{name}: {} records copied, {} formatted",
            index.copied, index.formatted
        ));
    }
    report
        .written
        .extend([dot_path.clone(), graphml, json, ftm]);
    report.written.extend(csv);
    let mut write = |path: PathBuf, bytes: &[u8]| -> Result<(), ExportError> {
        export::write_atomic(&path, bytes)?;
        report.written.push(path);
        Ok(())
    };
    let nodes = graph.petgraph().node_count();
    let drawable = graph.petgraph().edge_count() <= MAX_DRAWN_FACTS && nodes <= MAX_DRAWN_NODES;
    let dot = if drawable {
        std::fs::read_to_string(&dot_path).map_err(|source| ExportError::Write {
            path: dot_path.clone(),
            source,
        })?
    } else {
        String::new()
    };
    let rendered = if drawable {
        export::render(&dot, ImageFormat::Svg, Engine::Dot)
    } else if nodes > MAX_DRAWN_NODES {
        Err(ExportError::TooManyNodes(nodes))
    } else {
        Err(ExportError::TooLarge(graph.petgraph().edge_count()))
    };
    // The page needs no Graphviz: it opens as the picture is laid out when
    // there is one, and lays itself out by force when there is none.
    let graphviz = match rendered {
        Ok(svg) => {
            let svg = String::from_utf8_lossy(&svg).into_owned();
            write(stage.join("newsgraph.svg"), svg.as_bytes())?;
            let html = export::to_html(&all, &svg, "newsgraph");
            write(stage.join("newsgraph.html"), html.as_bytes())?;
            true
        }
        Err(ExportError::GraphvizMissing) => {
            let html = export::to_html(&all, "", "newsgraph");
            write(stage.join("newsgraph.html"), html.as_bytes())?;
            let why = "Graphviz is not installed (apt-get install graphviz); newsgraph.html lays itself out";
            skipped.push(format!("newsgraph.svg and focus/*.svg: {why}"));
            false
        }
        Err(ExportError::TooLarge(facts)) => {
            skipped.push(format!(
                "newsgraph.svg and newsgraph.html: {facts} facts are too many to draw (at most {MAX_DRAWN_FACTS}); draw part of the graph with `export --format svg --focus NAME`"
            ));
            export::render("digraph { }", ImageFormat::Svg, Engine::Dot).is_ok()
        }
        Err(ExportError::TooManyNodes(nodes)) => {
            skipped.push(format!(
                "newsgraph.svg and newsgraph.html: {nodes} nodes are too many to draw (at most {MAX_DRAWN_NODES}); draw part of the graph with `export --format svg --focus NAME`"
            ));
            export::render("digraph { }", ImageFormat::Svg, Engine::Dot).is_ok()
        }
        Err(other) => return Err(other),
    };
    laps.lap("the overview picture and page");
    let focus_dir = stage.join("focus");
    let out_focus = out_dir.join("focus");
    let out_focus = out_focus.as_path();
    let mut kept = Vec::new();
    let people = focus_people(graph);
    if people.len() > MAX_FOCUS_PICTURES {
        skipped.push(format!(
            "focus/: {} more people qualify; only the {MAX_FOCUS_PICTURES} with most relations are drawn",
            people.len() - MAX_FOCUS_PICTURES
        ));
    }
    // Laying out pictures is Graphviz's work, one process each: run two at a time.
    let pictures: Vec<(String, String, Option<Vec<u8>>)> = people
        .into_par_iter()
        .take(MAX_FOCUS_PICTURES)
        .map(|person| {
            let view = View::focus(graph, &person, 1);
            let dot = export::view_to_dot(&view);
            let svg = if graphviz && view.facts().len() <= MAX_FOCUS_FACTS {
                let drawn = drawn_before(&out_focus.join(&person), &dot);
                match drawn {
                    Some(svg) => Some(svg),
                    None => Some(export::render(&dot, ImageFormat::Svg, Engine::Dot)?),
                }
            } else {
                None
            };
            Ok((person, dot, svg))
        })
        .collect::<Result<_, ExportError>>()?;
    for (person, dot, svg) in pictures {
        let base = focus_dir.join(&person);
        let kept_base = out_focus.join(&person);
        write(base.with_extension("dot"), dot.as_bytes())?;
        kept.push(kept_base.with_extension("dot"));
        if let Some(svg) = svg {
            write(base.with_extension("svg"), &svg)?;
            kept.push(kept_base.with_extension("svg"));
        } else if !graphviz {
            // Without Graphviz, a picture drawn before stays: it is not stale
            // because this machine cannot redraw it.
            kept.push(kept_base.with_extension("svg"));
        }
    }
    laps.lap("the focus pictures");
    report.skipped = skipped;
    Ok((report, kept, indexes))
}

/// The picture the last build laid out from the same DOT text: `base.svg`,
/// when `base.dot` holds exactly `dot` (Graphviz lays out the same text the
/// same way, so it is not run again). `None` when either file is missing or
/// the text differs.
fn drawn_before(base: &Path, dot: &str) -> Option<Vec<u8>> {
    let before = std::fs::read(base.with_extension("dot")).ok()?;
    if before != dot.as_bytes() {
        return None;
    }
    std::fs::read(base.with_extension("svg")).ok()
}

/// Removes the `.dot` and `.svg` files of `focus_dir` that are not `kept`.
fn remove_stale_focus(focus_dir: &Path, kept: &[PathBuf]) -> Result<(), ExportError> {
    if let Ok(entries) = std::fs::read_dir(focus_dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            let ours = path.extension().is_some_and(|e| e == "dot" || e == "svg");
            if ours && !kept.contains(&path) {
                std::fs::remove_file(&path)
                    .map_err(|source| ExportError::Write { path, source })?;
            }
        }
    }
    Ok(())
}

/// Ids of the people with at least [`FOCUS_MIN_RELATIONS`] facts besides
/// offices, parents and event participation: most relations first, then in
/// dataset order.
pub fn focus_people(graph: &KnowledgeGraph) -> Vec<String> {
    let structural = |name: &str| matches!(name, "holds_office" | "part_of" | "participated_in");
    let mut people: Vec<(usize, String)> = graph
        .dataset()
        .entities_of_kind(crate::model::EntityKind::Person)
        .map(|person| {
            let relations = graph
                .facts_of(&person.id)
                .filter(|f| !structural(f.fact.relation.name()))
                .count();
            (relations, person.id.clone())
        })
        .filter(|(relations, _)| *relations >= FOCUS_MIN_RELATIONS)
        .collect();
    people.sort_by_key(|p| std::cmp::Reverse(p.0)); // stable: ties keep dataset order
    people.into_iter().map(|(_, id)| id).collect()
}
