//! The stamps file beside the store: each input's size and modification
//! time, so a query can tell the inputs are unchanged without reading them.
//!
//! The store itself holds no times (the same input gives the same bytes), so
//! the stamps live in `PATH.stamps` beside the store at `PATH`, like git's
//! index beside its objects. It is a cache: `build` writes it, a query that
//! had to read files to check them writes it again, and without it a query
//! reads and hashes every input (see [`Stamp`] for the rule). Its first line
//! names the store's [`digest`] of the files' hashes, so stamps written for
//! another store are never trusted.
//!
//! ```text
//! newsgraph-stamps 1 <digest>
//! <bytes>\t<mtime in ns, or ->\t<path>
//! ```

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::hash::Stamp;

/// A path with its stamp.
pub type Stamped = (String, Stamp);

const HEADER: &str = "newsgraph-stamps 1";

/// The stamps file of the store at `store`: `store` with `.stamps` added.
pub fn path_of(store: &Path) -> PathBuf {
    let mut name = store.as_os_str().to_owned();
    name.push(".stamps");
    PathBuf::from(name)
}

/// A digest of the files a store records, as (path, hash) in order: the
/// stamps file is trusted only for the store with the same digest.
pub fn digest(files: &[(&str, &str)]) -> String {
    let mut hasher = blake3::Hasher::new();
    for (path, hash) in files {
        hasher.update(path.as_bytes());
        hasher.update(b"\0");
        hasher.update(hash.as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().to_hex().to_string()
}

/// Writes the stamps of `files` for the store with `digest`, through a
/// temporary file renamed into place. Paths with a tab or a line break are
/// left out (those files are always read).
pub fn write(path: &Path, digest: &str, files: &[Stamped]) -> std::io::Result<()> {
    let mut text = format!("{HEADER} {digest}\n");
    for (file, stamp) in files {
        if file.contains(['\t', '\n', '\r']) {
            continue;
        }
        let time = stamp
            .mtime_ns
            .map_or_else(|| "-".to_string(), |t| t.to_string());
        text.push_str(&format!("{}\t{time}\t{file}\n", stamp.bytes));
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut f| f.write_all(text.as_bytes()));
    if let Err(error) = written.and_then(|()| std::fs::rename(&temp, path)) {
        let _ = std::fs::remove_file(&temp);
        return Err(error);
    }
    Ok(())
}

/// The stamps recorded for the store with `digest`, by path; `None` when
/// there is no stamps file, it cannot be read, or it is another store's.
pub fn read(path: &Path, digest: &str) -> Option<std::collections::HashMap<String, Stamp>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    if lines.next()? != format!("{HEADER} {digest}") {
        return None;
    }
    let mut found = std::collections::HashMap::new();
    for line in lines {
        let mut parts = line.splitn(3, '\t');
        let (Some(bytes), Some(time), Some(file)) = (parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let stamp = Stamp {
            bytes: bytes.parse().ok()?,
            mtime_ns: if time == "-" {
                None
            } else {
                Some(time.parse().ok()?)
            },
        };
        found.insert(file.to_string(), stamp);
    }
    Some(found)
}
