//! Building with the store: articles whose content and dates are unchanged
//! take their facts from the store instead of the matcher; queries answer
//! from the store when it is up to date.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use indexmap::IndexMap;
use rayon::prelude::*;

use super::{read_article_within, ArticleReport, ExtractionReport, PipelineError, SkippedArticle};
use crate::extract::{ArticleFacts, Extractor};
use crate::graph::KnowledgeGraph;
use crate::load::Loaded;
use crate::mentions::Matcher;
use crate::model::{Dataset, PatternSet, Source};
use crate::store::{self, ArticleEntry, Store};

/// Articles already matched, by source id.
pub type ArticleCache = IndexMap<String, ArticleEntry>;

/// The matcher and extractor, built only when an article needs them, and
/// the author of each outlet ("I" and "we" in its statements).
struct Lazy<'d> {
    dataset: &'d Dataset,
    patterns: &'d PatternSet,
    tools: OnceLock<(Matcher, Extractor)>,
    authors: std::collections::HashMap<&'d str, Option<usize>>,
    /// Sources whose cached article the stamps file shows unchanged (same
    /// size and modification time as when it was hashed): not read again.
    trusted: std::collections::HashSet<String>,
}

impl Lazy<'_> {
    fn get(&self) -> &(Matcher, Extractor) {
        self.tools.get_or_init(|| {
            let matcher = Matcher::new(self.dataset);
            (matcher, Extractor::new(self.patterns))
        })
    }
}

/// Every article of the dataset, in source order: from `cache` when its file
/// and dates are those recorded, else read and matched. With `verify`, a
/// cached article is read and hashed first (its content may have changed);
/// without it, the caller has checked the hashes ([`Store::check`]).
/// An article that cannot be read or decoded, or is over the dataset's
/// limits, is skipped and returned apart. `progress` is called once per article.
pub fn extract_articles(
    dataset: &Dataset,
    patterns: &PatternSet,
    cache: &ArticleCache,
    verify: bool,
    progress: &(dyn Fn() + Sync),
) -> (Vec<ArticleEntry>, Vec<SkippedArticle>) {
    let none = std::collections::HashSet::new();
    extract_articles_except(dataset, patterns, cache, verify, &none, progress)
}

/// [`extract_articles`] reading again only the cached articles that are not
/// `trusted` (the caller has seen their stamps unchanged).
fn extract_articles_trusting(
    dataset: &Dataset,
    patterns: &PatternSet,
    cache: &ArticleCache,
    trusted: std::collections::HashSet<String>,
    progress: &(dyn Fn() + Sync),
) -> (Vec<ArticleEntry>, Vec<SkippedArticle>) {
    let none = std::collections::HashSet::new();
    extract_with(dataset, patterns, cache, true, &none, trusted, progress)
}

/// [`extract_articles`] for every article but those of the sources in `except`.
pub(super) fn extract_articles_except(
    dataset: &Dataset,
    patterns: &PatternSet,
    cache: &ArticleCache,
    verify: bool,
    except: &std::collections::HashSet<String>,
    progress: &(dyn Fn() + Sync),
) -> (Vec<ArticleEntry>, Vec<SkippedArticle>) {
    let trusted = std::collections::HashSet::new();
    extract_with(dataset, patterns, cache, verify, except, trusted, progress)
}

fn extract_with(
    dataset: &Dataset,
    patterns: &PatternSet,
    cache: &ArticleCache,
    verify: bool,
    except: &std::collections::HashSet<String>,
    trusted: std::collections::HashSet<String>,
    progress: &(dyn Fn() + Sync),
) -> (Vec<ArticleEntry>, Vec<SkippedArticle>) {
    let lazy = Lazy {
        dataset,
        patterns,
        tools: OnceLock::new(),
        authors: super::authors(dataset),
        trusted,
    };
    let sources: Vec<_> = dataset
        .sources
        .values()
        .filter(|s| !except.contains(&s.id))
        .filter_map(|s| Some((s, dataset.article_path(s)?)))
        .collect();
    let outcomes: Vec<Result<ArticleEntry, SkippedArticle>> = sources
        .par_iter()
        .map(|(source, path)| {
            let entry = article_entry(&lazy, cache, verify, source, path);
            progress();
            entry
        })
        .collect();
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(entry) => entries.push(entry),
            Err(skip) => skipped.push(skip),
        }
    }
    (entries, skipped)
}

/// One article's entry: the cached one when it still applies, else matched.
fn article_entry(
    lazy: &Lazy,
    cache: &ArticleCache,
    verify: bool,
    source: &Source,
    path: &Path,
) -> Result<ArticleEntry, SkippedArticle> {
    let shown = path.display().to_string();
    let cached = cache.get(&source.id).filter(|e| e.path == shown);
    if !verify || lazy.trusted.contains(&source.id) {
        if let Some(entry) = cached.filter(|e| e.key == store::article_key(&e.hash, source)) {
            return Ok(entry.clone());
        }
    }
    let stamp = store::Stamp::of(path).unwrap_or_default();
    let text = read_article_within(path, &lazy.dataset.limits).map_err(|error| SkippedArticle {
        source: source.id.clone(),
        path: path.to_path_buf(),
        reason: error.to_string(),
    })?;
    let hash = store::hash_bytes(text.as_bytes());
    let key = store::article_key(&hash, source);
    if let Some(entry) = cached.filter(|e| e.key == key) {
        return Ok(ArticleEntry {
            stamp,
            ..entry.clone()
        });
    }
    let (matcher, extractor) = lazy.get();
    let fallback = source.event_date.or(source.published);
    let (mentions, facts) = super::analyze_article(
        lazy.dataset,
        matcher,
        extractor,
        &text,
        source.published,
        fallback,
        source.outlet.as_deref().and_then(|o| lazy.authors[o]),
    );
    let sentences = facts
        .iter()
        .map(|f| text[f.sentence_range.clone()].to_string())
        .collect();
    Ok(ArticleEntry {
        path: shown,
        hash,
        stamp,
        key,
        bytes: text.len(),
        sentences: mentions.sentences.len(),
        mentions: mentions.mentions.len(),
        linked: mentions.linked(),
        facts: ArticleFacts {
            source: source.id.clone(),
            article: source.file.clone().unwrap_or_default(),
            facts,
            sentences,
        },
    })
}

/// What the matcher did with one article, from its entry.
pub fn article_report(entry: &ArticleEntry) -> ArticleReport {
    ArticleReport {
        source: entry.facts.source.clone(),
        article: entry.facts.article.clone(),
        bytes: entry.bytes,
        sentences: entry.sentences,
        mentions: entry.mentions,
        linked: entry.linked,
        facts: entry.facts.facts.len(),
    }
}

/// The graph of the curated records and of the articles' facts.
pub fn graph_from_entries(
    dataset: Dataset,
    entries: &[ArticleEntry],
    skipped: Vec<SkippedArticle>,
) -> (KnowledgeGraph, ExtractionReport) {
    let facts = entries.iter().map(|e| e.facts.clone()).collect();
    let articles = entries.iter().map(article_report).collect();
    (
        KnowledgeGraph::build_with(dataset, facts),
        ExtractionReport {
            articles,
            skipped,
            ..Default::default()
        },
    )
}

/// Moves every article's entry out of `cache`, in source order, when each
/// is there with its file and dates unchanged (the caller has checked the
/// contents' hashes); `None` when one is not, and the cache is left whole.
pub fn take_cached(dataset: &Dataset, cache: &mut ArticleCache) -> Option<Vec<ArticleEntry>> {
    let articles: Vec<(&Source, String)> = dataset
        .sources
        .values()
        .filter_map(|s| Some((s, dataset.article_path(s)?.display().to_string())))
        .collect();
    let usable = |(source, path): &(&Source, String)| {
        cache
            .get(&source.id)
            .is_some_and(|e| e.path == *path && e.key == store::article_key(&e.hash, source))
    };
    if !articles.iter().all(usable) {
        return None;
    }
    articles
        .iter()
        .map(|(source, _)| cache.swap_remove(&source.id))
        .collect()
}

/// [`graph_from_entries`], moving the facts instead of copying them.
pub fn graph_from_owned(
    dataset: Dataset,
    entries: Vec<ArticleEntry>,
    skipped: Vec<SkippedArticle>,
) -> (KnowledgeGraph, ExtractionReport) {
    let articles = entries.iter().map(article_report).collect();
    let facts = entries.into_iter().map(|e| e.facts).collect();
    (
        KnowledgeGraph::build_with(dataset, facts),
        ExtractionReport {
            articles,
            skipped,
            ..Default::default()
        },
    )
}

/// The articles of a store that `dataset` can reuse: none when the entities,
/// offices, patterns or newsgraph itself changed since it was written.
pub fn reusable_articles(
    store: &Store,
    dataset: &Dataset,
    patterns: &PatternSet,
) -> Result<ArticleCache, PipelineError> {
    let fingerprint = store.meta("matcher_fingerprint")?;
    if fingerprint.as_deref() != Some(store::matcher_fingerprint(dataset, patterns).as_str()) {
        return Ok(ArticleCache::new());
    }
    Ok(store.articles(dataset)?)
}

/// `build`'s graph: articles unchanged since the store at `store_path` was
/// written take their facts from it, the others are matched. A missing or
/// unreadable store means every article is matched. Returns the entries to
/// write into the new store.
pub fn build_graph_incremental(
    loaded: Loaded,
    store_path: Option<&Path>,
    progress: &(dyn Fn() + Sync),
) -> Result<(KnowledgeGraph, ExtractionReport, Vec<ArticleEntry>), PipelineError> {
    let Loaded {
        dataset,
        patterns,
        style,
    } = loaded;
    let mut laps = super::timing::Laps::start();
    let store = store_path
        .filter(|p| p.is_file())
        .and_then(|p| Store::open(p).ok());
    let cache = match &store {
        Some(store) => reusable_articles(store, &dataset, &patterns)?,
        None => ArticleCache::new(),
    };
    laps.lap("read the cached facts");
    let (cache, trusted) = match (&store, store_path) {
        (Some(store), Some(path)) => trust_stamps(store, path, cache)?,
        _ => (cache, Default::default()),
    };
    let (entries, skipped) =
        extract_articles_trusting(&dataset, &patterns, &cache, trusted, progress);
    laps.lap("read, hash and match the articles");
    let (graph, mut report) = graph_from_entries(dataset, &entries, skipped);
    laps.lap("merge the facts into the graph");
    report.patterns = patterns.patterns.len();
    Ok((graph.with_style(style), report, entries))
}

/// The cached articles whose files the stamps file beside the store shows
/// unchanged (size and modification time as when they were hashed, by the
/// rule of [`store::Stamp`]), their entries given the stamp they have now:
/// `build` does not read them again. The others are read and hashed.
fn trust_stamps(
    store: &Store,
    path: &Path,
    mut cache: ArticleCache,
) -> Result<(ArticleCache, std::collections::HashSet<String>), PipelineError> {
    let digest = store.meta("inputs_digest")?.unwrap_or_default();
    let Some(text) = store::stamps::read(&store::stamps::path_of(path)) else {
        return Ok((cache, Default::default()));
    };
    let Some(stamps) = text.parse(&digest) else {
        return Ok((cache, Default::default()));
    };
    let by_path = stamps.by_path();
    let now: Vec<(String, Option<store::Stamp>)> = cache
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|entry| {
            let now = by_path.get(entry.path.as_str()).and_then(|recorded| {
                let now = store::Stamp::of(Path::new(&entry.path))?;
                recorded.unchanged(&now).then_some(now)
            });
            (entry.facts.source.clone(), now)
        })
        .collect();
    let mut trusted = std::collections::HashSet::new();
    for (source, now) in now {
        if let (Some(now), Some(entry)) = (now, cache.get_mut(&source)) {
            entry.stamp = now;
            trusted.insert(source);
        }
    }
    Ok((cache, trusted))
}

/// Writes the store of a graph built from `dirs`: in place when the build
/// only added articles ([`store::update`]), else fresh ([`store::write`]).
pub fn write_store(
    path: &Path,
    dirs: &[PathBuf],
    graph: &KnowledgeGraph,
    patterns: &PatternSet,
    entries: &[ArticleEntry],
) -> Result<(), PipelineError> {
    let inputs = store::Inputs::of(dirs, graph.dataset(), patterns)?;
    // Articles only added: the store is brought up to date in place.
    if store::update(path, graph, entries, &inputs)? {
        return Ok(());
    }
    Ok(store::write(path, graph, entries, &inputs)?)
}
