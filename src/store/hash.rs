//! Content hashes: of files, of an article with the dates it is read with,
//! and of everything else that decides what the matcher finds.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::StoreError;
use crate::model::{Dataset, Source};

/// A hash of the code that decides what the matcher finds (sources, language
/// pack, built-in patterns, locked dependencies), computed when newsgraph is compiled.
pub const CODE_HASH: &str = env!("NEWSGRAPH_CODE_HASH");

/// The BLAKE3 hash of some bytes, in hex.
pub fn hash_bytes(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// The BLAKE3 hash of a file's contents, in hex.
pub fn hash_file(path: &Path) -> Result<String, StoreError> {
    let bytes = std::fs::read(path).map_err(|source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(hash_bytes(&bytes))
}

/// Each file with its hash, in the given order; files are hashed in parallel.
pub fn hash_files(paths: &[PathBuf]) -> Result<Vec<(String, String)>, StoreError> {
    paths
        .par_iter()
        .map(|path| Ok((path.display().to_string(), hash_file(path)?)))
        .collect()
}

/// What a file looked like when it was read: its size, and its modification
/// time when that can be trusted to tell a later change.
///
/// The rule, as git's index applies it: the store records a file's size and
/// modification time (nanoseconds since 1970) taken *before* its contents are
/// read; a query that finds both unchanged trusts the recorded hash without
/// reading the file, and reads and hashes it only when either differs. A file
/// modified less than [`RACY_SECONDS`] before it was read gets no time
/// (`None`): a second write within the file system's time granularity could
/// leave size and time as they were, so such a file is always hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    /// Size in bytes.
    pub bytes: u64,
    /// Modification time in nanoseconds since 1970, when trusted.
    pub mtime_ns: Option<i64>,
}

/// Files modified this recently before they are read are always hashed (see [`Stamp`]).
pub const RACY_SECONDS: u64 = 2;

impl Stamp {
    /// The file's stamp now, `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let now = std::time::SystemTime::now();
        let modified = meta.modified().ok();
        let trusted = modified.filter(|m| {
            now.duration_since(*m)
                .is_ok_and(|age| age.as_secs() >= RACY_SECONDS)
        });
        let mtime_ns = trusted
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .and_then(|d| i64::try_from(d.as_nanos()).ok());
        Some(Stamp {
            bytes: meta.len(),
            mtime_ns,
        })
    }

    /// Whether `now` (a stamp taken at query time) shows the file unchanged
    /// since this one was recorded, without reading it.
    pub fn unchanged(&self, now: &Stamp) -> bool {
        self.mtime_ns.is_some() && self.bytes == now.bytes && self.mtime_ns == now.mtime_ns
    }
}

/// A file with its hash and its [`Stamp`] (taken before it was hashed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashedFile {
    /// The path, as read.
    pub path: String,
    /// BLAKE3 of its contents, in hex.
    pub hash: String,
    /// Size and modification time before it was read.
    pub stamp: Stamp,
}

/// Each file with its stamp and hash, in the given order, in parallel.
pub fn stamp_files(paths: &[PathBuf]) -> Result<Vec<HashedFile>, StoreError> {
    paths
        .par_iter()
        .map(|path| {
            let stamp = Stamp::of(path).unwrap_or_default();
            Ok(HashedFile {
                path: path.display().to_string(),
                hash: hash_file(path)?,
                stamp,
            })
        })
        .collect()
}

/// What an article's facts depend on besides the matcher: its content, its
/// file and the dates it is read with (publication, main event).
pub fn article_key(content_hash: &str, source: &Source) -> String {
    let context = format!(
        "{content_hash}\n{:?}\n{:?}\n{:?}",
        source.file, source.published, source.event_date
    );
    hash_bytes(context.as_bytes())
}

/// A fingerprint of everything the matcher reads besides the article: the
/// code ([`CODE_HASH`]), the entities, the offices and the patterns. When it
/// changes, every article is matched again.
pub fn matcher_fingerprint(dataset: &Dataset, patterns: &crate::model::PatternSet) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(CODE_HASH.as_bytes());
    let parts = format!(
        "{:?}\n{:?}\n{:?}",
        dataset.entities, dataset.offices, patterns
    );
    hasher.update(parts.as_bytes());
    hasher.finalize().to_hex().to_string()
}

/// A fingerprint of every record besides the sources, with the matcher's
/// `fingerprint`: the entities, the offices and the curated relations. While
/// it is unchanged, the curated and derived facts are too, and a build that
/// only adds articles only adds facts and evidence.
pub fn records_fingerprint(fingerprint: &str, dataset: &Dataset) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(fingerprint.as_bytes());
    hasher.update(format!("\n{:?}", dataset.relations).as_bytes());
    hasher.finalize().to_hex().to_string()
}
