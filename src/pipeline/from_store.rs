//! The query commands' graph: from the store when it is up to date, else
//! rebuilt (matching only what changed) or refused.

use std::path::{Path, PathBuf};

use super::incremental::{extract_articles, graph_from_owned, reusable_articles, take_cached};
use super::{ExtractionReport, PipelineError};
use crate::graph::KnowledgeGraph;
use crate::load::Loaded;
use crate::store::{Freshness, PendingCheck, Store};

/// Where the store is, and what to do when it is out of date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreOptions {
    /// The store's path.
    pub path: PathBuf,
    /// Whether the user named the path: a store at the default path that was
    /// written from other data directories, or none at all, is passed over
    /// in silence; a named one is reported.
    pub explicit: bool,
    /// Fail instead of rebuilding when the store is missing or out of date.
    pub no_rebuild: bool,
}

/// The graph of `dataset` (loaded from `dirs`), answered from the store when
/// its recorded hashes match the files; otherwise `notify` is told why, and
/// the graph is rebuilt, matching only the articles that changed (or an
/// error under [`StoreOptions::no_rebuild`]). The store itself is never
/// written here: `build` does that.
pub fn open_graph(
    loaded: Loaded,
    dirs: &[PathBuf],
    options: &StoreOptions,
    notify: &dyn Fn(&str),
    progress: &(dyn Fn() + Sync),
) -> Result<(KnowledgeGraph, ExtractionReport), PipelineError> {
    let Loaded {
        dataset,
        patterns,
        style,
    } = loaded;
    let pattern_count = patterns.patterns.len();
    // The graph drawn in the data's style, its report counting the patterns.
    let styled = |(graph, mut report): (KnowledgeGraph, ExtractionReport)| {
        report.patterns = pattern_count;
        (graph.with_style(style.clone()), report)
    };
    let refuse = |why: String| PipelineError::StoreOutOfDate {
        path: options.path.clone(),
        why,
    };
    let path = options.path.as_path();
    let store = match open(path, dirs, options)? {
        Opened::Usable(store) => store,
        Opened::Unusable(why) if options.no_rebuild => return Err(refuse(why)),
        Opened::Unusable(why) => {
            if options.explicit {
                notify(&format!("{why}; matching every article"));
            }
            let (entries, skipped) =
                extract_articles(&dataset, &patterns, &Default::default(), true, progress);
            return Ok(styled(graph_from_owned(dataset, entries, skipped)));
        }
    };
    let fresh = store.check(dirs)?;
    if let Freshness::Stale(why) = &fresh {
        let why = format!("the store {} is out of date: {why}", path.display());
        if options.no_rebuild {
            return Err(refuse(why));
        }
        notify(&format!(
            "{why}; matching the changed articles (`newsgraph build` updates the store)"
        ));
    }
    let verify = fresh != Freshness::Fresh;
    // Fresh means the data files and the code are those recorded, so the
    // matcher's fingerprint is too: no need to compute it.
    let mut cache = if verify {
        reusable_articles(&store, &dataset, &patterns)?
    } else {
        store.articles(&dataset)?
    };
    if !verify {
        if let Some(entries) = take_cached(&dataset, &mut cache) {
            return Ok(styled(graph_from_owned(dataset, entries, Vec::new())));
        }
    }
    let (entries, skipped) = extract_articles(&dataset, &patterns, &cache, verify, progress);
    Ok(styled(graph_from_owned(dataset, entries, skipped)))
}

/// The store at `options.path`, when a query can answer from it alone,
/// without the data files: `open_graph` would use it, it holds every
/// article, and the data files and articles are those it was written from
/// ([`Store::check`]). `None` otherwise; [`open_graph`] then says why, and
/// rebuilds or refuses.
pub fn fresh_store(
    dirs: &[PathBuf],
    options: &StoreOptions,
) -> Result<Option<Store>, PipelineError> {
    let Opened::Usable(store) = open(&options.path, dirs, options)? else {
        return Ok(None);
    };
    if !store.complete()? || store.check(dirs)? != Freshness::Fresh {
        return Ok(None);
    }
    Ok(Some(store))
}

/// [`fresh_store`] with the check begun on another thread
/// ([`Store::start_check`]): the store, when it can answer if it is up to
/// date, with the check under way. The caller reads its answer meanwhile,
/// and keeps it only when [`Store::finish_check`] says the store is
/// [`Freshness::Fresh`].
pub fn store_checking(
    dirs: &[PathBuf],
    options: &StoreOptions,
) -> Result<Option<(Store, PendingCheck)>, PipelineError> {
    let Opened::Usable(store) = open(&options.path, dirs, options)? else {
        return Ok(None);
    };
    if !store.complete()? {
        return Ok(None);
    }
    let pending = store.start_check(dirs)?;
    Ok(Some((store, pending)))
}

/// `search` answered from the store's name list ([`crate::query::rank_list`]):
/// the hits [`KnowledgeGraph::search`](crate::KnowledgeGraph::search) gives over
/// the graph the store was written from. `None` when the list does not read back.
pub fn search_store(
    store: &Store,
    text: &str,
    limit: usize,
) -> Result<Option<Vec<crate::query::SearchHit>>, PipelineError> {
    let found = store.with_name_blob(|blob| {
        crate::store::NameList::parse(blob).map(|list| crate::query::rank_list(text, limit, &list))
    })?;
    let Some(found) = found else {
        return Ok(None);
    };
    let mut hits = Vec::new();
    for hit in found {
        let Some(entity) = store.entity_at(hit.entity)? else {
            return Ok(None);
        };
        let Some(matched) = store.name_at(&entity.id, hit.name)? else {
            return Ok(None);
        };
        hits.push(crate::query::SearchHit {
            id: entity.id,
            name: entity.name,
            kind: entity.kind,
            matched,
            score: hit.score,
        });
    }
    Ok(Some(hits))
}

/// A store that can answer, or why not.
enum Opened {
    Usable(Store),
    Unusable(String),
}

fn open(path: &Path, dirs: &[PathBuf], options: &StoreOptions) -> Result<Opened, PipelineError> {
    if !path.exists() {
        return Ok(Opened::Unusable(format!("no store at {}", path.display())));
    }
    let store = match Store::open(path) {
        Ok(store) => store,
        Err(error) => return Ok(Opened::Unusable(error.to_string())),
    };
    // A store named by the user and written from other directories is
    // simply out of date; the default one is someone else's.
    if !options.explicit && !store.is_for(dirs)? {
        let why = format!(
            "the store {} was written from other data directories",
            path.display()
        );
        return Ok(Opened::Unusable(why));
    }
    Ok(Opened::Usable(store))
}
