//! The stamps file beside the store: each input's size and modification
//! time, and the modification time of each data directory, so a query can
//! tell the inputs are unchanged without reading or listing them.
//!
//! The store itself holds no times (the same input gives the same bytes), so
//! the stamps live in `PATH.stamps` beside the store at `PATH`, like git's
//! index beside its objects. It is a cache: `build` writes it, a query that
//! had to read files to check them writes it again, and without it a query
//! reads and hashes every input (see [`Stamp`] for the rule). Its first line
//! names the store's [`digest`] of the files' hashes and how many files that
//! digest covers, so stamps written for another store are never trusted.
//! One line per directory, then one per file:
//!
//! ```text
//! newsgraph-stamps 2 <digest> <files>
//! dir\t<mtime in ns, or ->\t<directory>
//! <bytes>\t<mtime in ns, or ->\t<path>
//! ```
//!
//! A directory's line is written only when its stamp was taken just before
//! it was listed, in a listing that found the data files the store records:
//! a file added, removed or renamed in it since changes its modification
//! time, so while every directory's time is as recorded the data files are
//! those the store records, and the query does not list them again.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::hash::Stamp;

/// A path with its stamp.
pub type Stamped = (String, Stamp);

const HEADER: &str = "newsgraph-stamps 2";

/// What a stamps file holds, its paths owned (`S = String`, to write) or
/// borrowed from the file's text (`S = &str`, as [`read`] gives them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamps<S = String> {
    /// How many files the store records (the digest's count).
    pub count: usize,
    /// Each data directory listed, with its stamp taken before the listing.
    pub dirs: Vec<(S, Stamp)>,
    /// Each file with its stamp, in the store's order.
    pub files: Vec<(S, Stamp)>,
}

impl<S: AsRef<str>> Stamps<S> {
    /// Whether every file the store records has a stamp here.
    pub fn complete(&self) -> bool {
        self.files.len() == self.count
    }

    /// The files' stamps by path.
    pub fn by_path(&self) -> std::collections::HashMap<&str, &Stamp> {
        self.files.iter().map(|(p, s)| (p.as_ref(), s)).collect()
    }
}

/// A stamps file's text, read whole; [`StampsText::parse`] borrows from it.
#[derive(Debug, Clone, Default)]
pub struct StampsText(String);

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

/// Writes `stamps` for the store with `digest`, through a temporary file
/// renamed into place. Paths with a tab or a line break are left out (those
/// files are always read, those directories always listed). A file listed
/// twice is written once.
pub fn write<S: AsRef<str>>(path: &Path, digest: &str, stamps: &Stamps<S>) -> std::io::Result<()> {
    let mut text = format!("{HEADER} {digest} {}\n", stamps.count);
    let plain = |p: &str| !p.contains(['\t', '\n', '\r']);
    let time = |stamp: &Stamp| {
        stamp
            .mtime_ns
            .map_or_else(|| "-".to_string(), |t| t.to_string())
    };
    for (dir, stamp) in &stamps.dirs {
        let dir = dir.as_ref();
        if plain(dir) {
            text.push_str(&format!("dir\t{}\t{dir}\n", time(stamp)));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (file, stamp) in &stamps.files {
        let file = file.as_ref();
        if plain(file) && seen.insert(file) {
            text.push_str(&format!("{}\t{}\t{file}\n", stamp.bytes, time(stamp)));
        }
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

/// The stamps file at `path`; `None` when there is none or it cannot be read.
pub fn read(path: &Path) -> Option<StampsText> {
    std::fs::read_to_string(path).ok().map(StampsText)
}

impl StampsText {
    /// The stamps recorded for the store with `digest`; `None` when they are
    /// another store's or do not parse.
    pub fn parse(&self, digest: &str) -> Option<Stamps<&str>> {
        let mut lines = self.0.lines();
        let rest = lines.next()?.strip_prefix(HEADER)?.strip_prefix(' ')?;
        let (found, count) = rest.split_once(' ')?;
        if found != digest {
            return None;
        }
        let time = |text: &str| -> Option<Option<i64>> {
            if text == "-" {
                Some(None)
            } else {
                Some(Some(text.parse().ok()?))
            }
        };
        let mut stamps = Stamps {
            count: count.parse().ok()?,
            dirs: Vec::new(),
            files: Vec::with_capacity(count.parse().unwrap_or(0)),
        };
        for line in lines {
            let mut parts = line.splitn(3, '\t');
            let (Some(first), Some(mtime), Some(file)) = (parts.next(), parts.next(), parts.next())
            else {
                return None;
            };
            let mtime_ns = time(mtime)?;
            if first == "dir" {
                stamps.dirs.push((file, Stamp { bytes: 0, mtime_ns }));
            } else {
                let bytes = first.parse().ok()?;
                stamps.files.push((file, Stamp { bytes, mtime_ns }));
            }
        }
        Some(stamps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_back_as_written_and_only_for_their_digest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.stamps");
        let stamp = |bytes, mtime_ns| Stamp { bytes, mtime_ns };
        let stamps = Stamps {
            count: 3,
            dirs: vec![("data".to_string(), stamp(0, Some(5)))],
            files: vec![
                ("data/a.ron".to_string(), stamp(10, Some(7))),
                ("data/a.ron".to_string(), stamp(10, Some(7))),
                ("data/b\tc.txt".to_string(), stamp(1, Some(1))),
                ("data/articles/x y.txt".to_string(), stamp(3, None)),
            ],
        };
        write(&path, "abc", &stamps).unwrap();
        let text = read(&path).unwrap();
        assert_eq!(text.parse("abd"), None);
        let back = text.parse("abc").unwrap();
        assert_eq!(back.count, 3);
        assert_eq!(back.dirs, vec![("data", stamp(0, Some(5)))]);
        assert_eq!(
            back.files,
            vec![
                ("data/a.ron", stamp(10, Some(7))),
                ("data/articles/x y.txt", stamp(3, None))
            ]
        );
        // A path left out (a tab in it) leaves the stamps incomplete.
        assert!(!back.complete());
    }
}
