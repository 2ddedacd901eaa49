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
