//! The store: the whole graph in one SQLite database, and the matcher's
//! findings per article so that `build` reads only what changed.
//!
//! [`write()`] puts every entity, alias, office, tenure, source, fact and piece
//! of evidence into a fresh database (with indexes, full-text search over the
//! evidence sentences, and the content hashes of every input), then renames
//! it over the old one. [`Store::open`] reads it back, read-only;
//! [`Store::check`] says whether the inputs changed since. The README
//! documents the tables: they are a public interface.
//!
//! ```
//! use newsgraph::{pipeline, store, Loaded};
//!
//! let dirs = ["data".into()];
//! let loaded = Loaded::load("data")?;
//! let patterns = loaded.patterns.clone();
//! let (graph, _, articles) = pipeline::build_graph_incremental(loaded, None, &|| {})?;
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("newsgraph.sqlite");
//! let inputs = store::Inputs::of(&dirs, graph.dataset(), &patterns)?;
//! store::write(&path, &graph, &articles, &inputs)?;
//! let opened = store::Store::open(&path)?;
//! assert_eq!(opened.check(&dirs)?, store::Freshness::Fresh);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod hash;
mod names;
mod read;
mod schema;
mod slice;
pub mod stamps;
mod unchanged;
mod write;

use std::path::PathBuf;

pub use hash::{
    article_key, hash_bytes, hash_file, hash_files, matcher_fingerprint, records_fingerprint,
    stamp_files, HashedFile, Stamp, CODE_HASH, RACY_SECONDS,
};
pub use names::{encode as encode_names, NameList, ShownEntity};
pub use read::{Freshness, PendingCheck, Store};
pub use schema::SCHEMA_VERSION;
pub use slice::{NamedEntity, Resolved};
pub use write::{update, write, Inputs};

use crate::extract::ArticleFacts;

/// Why the store could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The store could not be written or renamed into place.
    #[error("cannot write the store {}: {source}", path.display())]
    Write {
        /// The store's path.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Something other than a regular file sits where the store goes.
    #[error("{} is not a regular file; not replacing it with the store", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// SQLite refused an operation.
    #[error("store {}: {source}", path.display())]
    Sqlite {
        /// The store's path.
        path: PathBuf,
        /// SQLite's reason.
        source: rusqlite::Error,
    },
    /// The store was written with another schema.
    #[error("store {} has schema version {found}, this newsgraph reads version {SCHEMA_VERSION}", path.display())]
    Schema {
        /// The store's path.
        path: PathBuf,
        /// The version found (empty when none).
        found: String,
    },
    /// A data directory could not be listed.
    #[error(transparent)]
    Load(#[from] crate::load::LoadError),
}

/// One article as the matcher read it: what the store keeps so an unchanged
/// article is not matched again.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleEntry {
    /// The file as it was read (the data directory joined with the source's `file`).
    pub path: String,
    /// BLAKE3 of the file's contents.
    pub hash: String,
    /// The file's size and modification time, taken before it was read.
    pub stamp: Stamp,
    /// [`article_key`]: the content hash with the dates the article is read with.
    pub key: String,
    /// Bytes read.
    pub bytes: usize,
    /// Sentences.
    pub sentences: usize,
    /// Mentions found.
    pub mentions: usize,
    /// Mentions linked to an entity.
    pub linked: usize,
    /// The facts found, with their sentences.
    pub facts: ArticleFacts,
}
