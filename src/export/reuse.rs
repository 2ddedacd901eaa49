//! Exports written as records, and the records of the last build copied
//! instead of formatted again.
//!
//! Formatting is what an export costs (serialising, escaping, labels), not
//! writing. Each whole-graph export is a head (nodes and the like, always
//! formatted), one record per fact, and a tail. A fact's record is a function
//! of the fact and of things the [`Context`] covers, so it is identified by
//! a [`Key`]: a hash of the fact (its id, ends, relation, attributes, date,
//! evidence) and of the sources it cites. Beside the store, `build` keeps an
//! index of each export file it published: each record's key and byte range,
//! with the file's size, modification time and inode and the context it was
//! written in. The next build copies the bytes of every record whose key is
//! in the index from the published file, in runs (one read per run of
//! neighbouring records), and formats only the others. The result is the
//! bytes a build without the index writes (`tests/store.rs` checks it).
//!
//! An index that is missing, unreadable, for another context or for a file
//! that changed since is ignored: the file is then formatted whole.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::graph::KnowledgeGraph;

/// What identifies a record: 128 bits of a BLAKE3 hash.
pub type Key = u128;

/// First line of an index file; a new layout or a new way of writing
/// records changes it, and indexes of another version are ignored.
const FORMAT: &[u8] = b"newsgraph-export-index 1\n";

/// What every record of an export depends on besides its fact: the export,
/// newsgraph's code, the style and every entity and office (names, kinds,
/// parents and tenures are written into facts' records).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context([u8; 32]);

impl Context {
    /// The context of `graph`'s exports; [`Context::with`] makes each export's.
    pub fn of(graph: &KnowledgeGraph) -> Context {
        let mut hasher = blake3::Hasher::new();
        hasher.update(FORMAT);
        hasher.update(crate::store::CODE_HASH.as_bytes());
        let dataset = graph.dataset();
        let parts = format!(
            "\n{:?}\n{:?}\n{:?}",
            graph.style(),
            dataset.entities,
            dataset.offices
        );
        hasher.update(parts.as_bytes());
        Context(*hasher.finalize().as_bytes())
    }

    /// This context with `extra` mixed in (the export's name).
    pub fn with(self, extra: &str) -> Context {
        let mut hasher = blake3::Hasher::new();
        hasher.update(&self.0);
        hasher.update(extra.as_bytes());
        Context(*hasher.finalize().as_bytes())
    }
}

/// Every fact's key, by edge index: a hash of its id, its ends' ids, the
/// fact itself (serialised as JSON) and each source it cites.
pub fn fact_keys(graph: &KnowledgeGraph) -> Vec<Key> {
    let sources: HashMap<&str, [u8; 32]> = graph
        .dataset()
        .sources
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|s| {
            let text = format!("{s:?}");
            (s.id.as_str(), *blake3::hash(text.as_bytes()).as_bytes())
        })
        .collect();
    let facts: Vec<_> = graph.facts().collect();
    let mut keys = vec![0; graph.petgraph().edge_count()];
    let found: Vec<(usize, Key)> = facts
        .par_iter()
        .map_init(Vec::new, |json, fact| {
            let mut hasher = blake3::Hasher::new();
            hasher.update(&(fact.edge.index() as u64).to_le_bytes());
            hasher.update(&(fact.id().0 as u64).to_le_bytes());
            for id in [&fact.from.id, &fact.to.id] {
                hasher.update(id.as_bytes());
                hasher.update(b"\0");
            }
            // Serialising cannot fail but on a map key that is not a
            // string, which facts do not have; a key that would be wrong
            // is then only a record formatted again. One update: the
            // hasher is slow on many small writes.
            json.clear();
            if serde_json::to_writer(&mut *json, fact.fact).is_err() {
                json.clear();
                json.extend_from_slice(format!("{:?}", fact.fact).as_bytes());
            }
            hasher.update(json);
            for source in fact.fact.sources() {
                hasher.update(b"\0");
                hasher.update(source.as_bytes());
                if let Some(hash) = sources.get(source) {
                    hasher.update(hash);
                }
            }
            (fact.edge.index(), key_of(hasher.finalize()))
        })
        .collect();
    for (index, key) in found {
        if let Some(slot) = keys.get_mut(index) {
            *slot = key;
        }
    }
    keys
}

/// Every entity's key, by dataset order: a hash of its id and of the keys
/// of every fact about it (`keys`, by edge index). The records the JSON
/// export writes of an entity (its meetings, counted from those facts) are
/// a function of these and of the [`Context`].
pub fn entity_keys(graph: &KnowledgeGraph, keys: &[Key]) -> Vec<Key> {
    let entities: Vec<_> = graph.dataset().entities.values().collect();
    entities
        .par_iter()
        .map(|entity| {
            let mut hasher = blake3::Hasher::new();
            hasher.update(entity.id.as_bytes());
            hasher.update(b"\0");
            let mut facts: Vec<u8> = Vec::new();
            for fact in graph.facts_of(&entity.id) {
                let key = keys.get(fact.edge.index()).copied().unwrap_or_default();
                facts.extend_from_slice(&key.to_le_bytes());
            }
            hasher.update(&facts);
            key_of(hasher.finalize())
        })
        .collect()
}

/// A key from a hash and more bytes (a record that depends on more than its fact).
pub fn key_with(key: Key, more: &[u8]) -> Key {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&key.to_le_bytes());
    hasher.update(more);
    key_of(hasher.finalize())
}

fn key_of(hash: blake3::Hash) -> Key {
    let bytes = hash.as_bytes();
    let mut first = [0u8; 16];
    first.copy_from_slice(&bytes[..16]);
    u128::from_le_bytes(first)
}

/// A file as it was published: size, modification time and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    bytes: u64,
    mtime_ns: i64,
    inode: u64,
}

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        use std::os::unix::fs::MetadataExt as _;
        let meta = std::fs::symlink_metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        Some(FileStamp {
            bytes: meta.len(),
            mtime_ns: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
            inode: meta.ino(),
        })
    }
}

/// One record in a file: its key and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    key: Key,
    offset: u64,
    len: u64,
}

/// The records of a published export, to copy from.
#[derive(Debug)]
struct Published {
    file: std::fs::File,
    by_key: HashMap<Key, (u64, u64), rustc_hash::FxBuildHasher>,
    /// Where runs are read into before they are written.
    buffer: Vec<u8>,
}

/// Writes an export as raw bytes and records, copying the records of the
/// last build when the index allows. It is the `Write` the export's head
/// and tail go through (they are counted, not indexed).
pub struct Records<'o> {
    out: &'o mut dyn Write,
    old: Option<Published>,
    entries: Vec<Entry>,
    pos: u64,
    /// A run of the published file still to copy: (offset, length).
    pending: Option<(u64, u64)>,
    scratch: Vec<u8>,
    /// How many records were copied and how many formatted.
    pub copied: usize,
    /// How many records were formatted.
    pub formatted: usize,
}

impl<'o> Records<'o> {
    /// Records written to `out`, formatting every one.
    pub fn fresh(out: &'o mut dyn Write) -> Records<'o> {
        Records {
            out,
            old: None,
            entries: Vec::new(),
            pos: 0,
            pending: None,
            scratch: Vec::new(),
            copied: 0,
            formatted: 0,
        }
    }

    /// Records written to `out`, copied from the published export `path`
    /// when `index` is its index for `context`.
    pub fn reusing(
        out: &'o mut dyn Write,
        index: &Path,
        path: &Path,
        context: Context,
    ) -> Records<'o> {
        let mut records = Records::fresh(out);
        records.old = read_index(index, path, context);
        records
    }

    /// Writes one record: copied from the published file when `key` is
    /// there, else formatted by `format` into the buffer it is given. Key 0
    /// means none: the record is always formatted.
    pub fn record(
        &mut self,
        key: Key,
        format: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    ) -> io::Result<()> {
        let found = self
            .old
            .as_ref()
            .filter(|_| key != 0)
            .and_then(|old| old.by_key.get(&key));
        if let Some(&(offset, len)) = found {
            self.pending = match self.pending {
                Some((start, run)) if start + run == offset => Some((start, run + len)),
                Some(_) => {
                    self.copy_pending()?;
                    Some((offset, len))
                }
                None => Some((offset, len)),
            };
            self.entries.push(Entry {
                key,
                offset: self.pos,
                len,
            });
            self.pos += len;
            self.copied += 1;
            return Ok(());
        }
        self.copy_pending()?;
        let mut buffer = std::mem::take(&mut self.scratch);
        buffer.clear();
        let result = format(&mut buffer).and_then(|()| self.out.write_all(&buffer));
        let len = buffer.len() as u64;
        self.scratch = buffer;
        result?;
        self.entries.push(Entry {
            key,
            offset: self.pos,
            len,
        });
        self.pos += len;
        self.formatted += 1;
        Ok(())
    }

    /// Copies the run of published bytes waiting to be written.
    fn copy_pending(&mut self) -> io::Result<()> {
        use std::os::unix::fs::FileExt as _;
        let Some((mut offset, mut len)) = self.pending.take() else {
            return Ok(());
        };
        let Some(old) = &mut self.old else {
            return Ok(());
        };
        if old.buffer.is_empty() {
            old.buffer = vec![0u8; 1 << 20];
        }
        while len > 0 {
            let n = len.min(old.buffer.len() as u64) as usize;
            old.file.read_exact_at(&mut old.buffer[..n], offset)?;
            self.out.write_all(&old.buffer[..n])?;
            offset += n as u64;
            len -= n as u64;
        }
        Ok(())
    }

    /// Writes a whole export afresh with `write`, one export's record
    /// writer, given no keys: what the plain `write_*` functions do.
    pub fn write_fresh(
        out: &mut dyn Write,
        write: impl FnOnce(&mut Records<'_>, &[Key]) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut records = Records::fresh(out);
        write(&mut records, &[])?;
        records.finish().map(|_| ())
    }

    /// Ends the export: copies what is pending and returns its index, to
    /// save with [`save_index`] once the file is published.
    pub fn finish(mut self) -> io::Result<Index> {
        self.copy_pending()?;
        Ok(Index {
            entries: self.entries,
            copied: self.copied,
            formatted: self.formatted,
        })
    }
}

impl Write for Records<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.copy_pending()?;
        let n = self.out.write(bytes)?;
        self.pos += n as u64;
        Ok(n)
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.copy_pending()?;
        self.out.write_all(bytes)?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.copy_pending()?;
        self.out.flush()
    }
}

/// The records of one written export, for its index.
#[derive(Debug, Default)]
pub struct Index {
    entries: Vec<Entry>,
    /// Records copied from the last build.
    pub copied: usize,
    /// Records formatted.
    pub formatted: usize,
}

/// Saves the index of the published export at `path` into `index`
/// (atomically: a temporary file renamed over it).
pub fn save_index(
    index_path: &Path,
    path: &Path,
    context: Context,
    index: &Index,
) -> io::Result<()> {
    let Some(stamp) = FileStamp::of(path) else {
        let _ = std::fs::remove_file(index_path);
        return Ok(());
    };
    let mut bytes = Vec::with_capacity(FORMAT.len() + 128 + index.entries.len() * 32);
    bytes.extend_from_slice(FORMAT);
    bytes.extend_from_slice(&context.0);
    let shown = path.display().to_string();
    bytes.extend_from_slice(&(shown.len() as u64).to_le_bytes());
    bytes.extend_from_slice(shown.as_bytes());
    bytes.extend_from_slice(&stamp.bytes.to_le_bytes());
    bytes.extend_from_slice(&stamp.mtime_ns.to_le_bytes());
    bytes.extend_from_slice(&stamp.inode.to_le_bytes());
    bytes.extend_from_slice(&(index.entries.len() as u64).to_le_bytes());
    for entry in &index.entries {
        bytes.extend_from_slice(&entry.key.to_le_bytes());
        bytes.extend_from_slice(&entry.offset.to_le_bytes());
        bytes.extend_from_slice(&entry.len.to_le_bytes());
    }
    let check = *blake3::hash(&bytes).as_bytes();
    bytes.extend_from_slice(&check);
    super::write_atomic(index_path, &bytes).map_err(io::Error::other)
}

/// The records of the published export at `path`, from its index, when the
/// index reads back whole, is for `context`, and the file is as it was published.
fn read_index(index_path: &Path, path: &Path, context: Context) -> Option<Published> {
    let bytes = std::fs::read(index_path).ok()?;
    let (body, check) = bytes.split_at(bytes.len().checked_sub(32)?);
    if blake3::hash(body).as_bytes() != check {
        return None;
    }
    let mut rest = body.strip_prefix(FORMAT)?;
    let mut take = |n: usize| -> Option<&[u8]> {
        if rest.len() < n {
            return None;
        }
        let (head, tail) = rest.split_at(n);
        rest = tail;
        Some(head)
    };
    let u64_of = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
    if take(32)? != context.0 {
        return None;
    }
    let shown_len = usize::try_from(u64_of(take(8)?)).ok()?;
    if take(shown_len)? != path.display().to_string().as_bytes() {
        return None;
    }
    let stamp = FileStamp {
        bytes: u64_of(take(8)?),
        mtime_ns: u64_of(take(8)?) as i64,
        inode: u64_of(take(8)?),
    };
    if FileStamp::of(path)? != stamp {
        return None;
    }
    let count = usize::try_from(u64_of(take(8)?)).ok()?;
    if rest.len() != count.checked_mul(32)? {
        return None;
    }
    let mut by_key = HashMap::with_capacity_and_hasher(count, rustc_hash::FxBuildHasher);
    for chunk in rest.chunks_exact(32) {
        let key = u128::from_le_bytes(chunk[..16].try_into().ok()?);
        let offset = u64_of(&chunk[16..24]);
        let len = u64_of(&chunk[24..32]);
        if offset.checked_add(len)? > stamp.bytes {
            return None;
        }
        if key != 0 {
            by_key.entry(key).or_insert((offset, len));
        }
    }
    let file = std::fs::File::open(path).ok()?;
    Some(Published {
        file,
        by_key,
        buffer: Vec::new(),
    })
}

/// Where the index of the export `name` lives in the cache folder `dir`.
pub fn index_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{}.idx", name.replace('/', "-")))
}
