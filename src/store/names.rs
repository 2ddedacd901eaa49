//! The name list `search` reads in one go: every entity's folded names, in
//! dataset order, with each entity's place in the order of display names.
//!
//! Reading 260,000 names row by row from the `aliases` table takes about
//! 200 ms on the large generated set; the same names packed into one blob
//! (the `search_names` table) read in a few milliseconds. Only the folded
//! forms are kept: the few hits shown are looked up by their entity's rank
//! and the name's place ([`Store::entity_at`], [`Store::name_at`]).
//!
//! The blob, all integers 32-bit little-endian:
//!
//! | part | what |
//! |---|---|
//! | `N`, `M` | entities, names |
//! | `N` integers | each entity's place when entities are sorted by display name (ties in dataset order) |
//! | `N + 1` integers | each entity's first name (an index into the names); the last is `M` |
//! | the text | the folded names, each followed by a line feed, UTF-8 |
//!
//! An entity's names are its id folded, then its name and every alias but
//! demonyms, folded, in the order of the `aliases` table.

use rusqlite::{OptionalExtension, Transaction};

use super::{Store, StoreError};
use crate::model::{Dataset, EntityKind};
use crate::text::fold_name;

/// The folded names of every entity, read from the `search_names` blob.
#[derive(Debug, Clone, Copy)]
pub struct NameList<'a> {
    entities: usize,
    order: &'a [u8],
    firsts: &'a [u8],
    text: &'a str,
}

fn word(bytes: &[u8], i: usize) -> usize {
    let at = i * 4;
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
}

impl<'a> NameList<'a> {
    /// Reads a blob written by [`encode`]; `None` when it is not one.
    pub fn parse(blob: &'a [u8]) -> Option<NameList<'a>> {
        let header = blob.get(..8)?;
        let (n, m) = (word(header, 0), word(header, 1));
        let mut rest = &blob[8..];
        let mut take = |count: usize| -> Option<&'a [u8]> {
            let len = count.checked_mul(4)?;
            let (part, after) = (rest.get(..len)?, rest.get(len..)?);
            rest = after;
            Some(part)
        };
        let order = take(n)?;
        let firsts = take(n.checked_add(1)?)?;
        let text = std::str::from_utf8(rest).ok()?;
        let list = NameList {
            entities: n,
            order,
            firsts,
            text,
        };
        // Every index in range and in order, each name ended by its line
        // feed: the accessors below then cannot fail.
        let fits = word(firsts, 0) == 0
            && word(firsts, n) == m
            && (0..n).all(|i| word(firsts, i) < word(firsts, i + 1))
            && text.bytes().filter(|&b| b == b'\n').count() == m
            && text.is_empty() == (m == 0)
            && (m == 0 || text.ends_with('\n'))
            && (0..n).all(|i| word(order, i) < n);
        fits.then_some(list)
    }

    /// How many entities.
    pub fn len(&self) -> usize {
        self.entities
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entities == 0
    }

    /// Entity `i`'s place in the order of display names (ties in dataset order).
    pub fn order(&self, i: usize) -> usize {
        word(self.order, i)
    }

    /// The indexes of entity `i`'s names (see [`NameList::name`]): its
    /// id, then its name and aliases.
    pub fn name_range(&self, i: usize) -> std::ops::Range<usize> {
        word(self.firsts, i)..word(self.firsts, i + 1)
    }

    /// The folded names, each followed by a line feed, entity after
    /// entity (see [`NameList::name_range`]).
    pub fn text(&self) -> &'a str {
        self.text
    }
}

/// The blob of `dataset`'s entities (see the [module](self)).
pub fn encode(dataset: &Dataset) -> Vec<u8> {
    let entities: Vec<_> = dataset.entities.values().collect();
    let mut by_name: Vec<usize> = (0..entities.len()).collect();
    by_name.sort_by(|&a, &b| entities[a].name.cmp(&entities[b].name));
    let mut order = vec![0u32; entities.len()];
    for (place, &i) in by_name.iter().enumerate() {
        order[i] = place as u32;
    }
    let mut firsts = vec![0u32];
    let mut count = 0u32;
    let mut text = String::new();
    for e in &entities {
        let names = std::iter::once(e.id.as_str()).chain(e.all_names().map(|(n, _)| n));
        for name in names {
            text.push_str(&fold_name(name));
            text.push('\n');
            count += 1;
        }
        firsts.push(count);
    }
    let mut blob = Vec::with_capacity(8 + 4 * (order.len() + firsts.len()) + text.len());
    blob.extend((entities.len() as u32).to_le_bytes());
    blob.extend(count.to_le_bytes());
    for n in order.iter().chain(&firsts) {
        blob.extend(n.to_le_bytes());
    }
    blob.extend(text.as_bytes());
    blob
}

/// Writes the `search_names` row of `dataset`.
pub(super) fn write(tx: &Transaction, dataset: &Dataset) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO search_names (data) VALUES (?1)",
        [encode(dataset)],
    )?;
    Ok(())
}

/// One entity as a search hit shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownEntity {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
}

impl Store {
    /// Calls `read` with the `search_names` blob (read with
    /// [`NameList::parse`]), borrowed from SQLite without a copy.
    pub fn with_name_blob<T>(&self, read: impl FnOnce(&[u8]) -> T) -> Result<T, StoreError> {
        // Mapped rather than read page by page: a few milliseconds less.
        let mut read = Some(read);
        self.conn
            .execute_batch("PRAGMA mmap_size = 268435456")
            .and_then(|()| {
                self.conn
                    .query_row("SELECT data FROM search_names", [], |r| {
                        let blob = r.get_ref(0)?.as_blob()?;
                        Ok(read.take().map(|read| read(blob)))
                    })
            })
            .map_err(|e| self.sql(e))?
            .ok_or_else(|| self.sql(rusqlite::Error::QueryReturnedNoRows))
    }

    /// The entity of rank `rank` (its place in dataset order).
    pub fn entity_at(&self, rank: usize) -> Result<Option<ShownEntity>, StoreError> {
        let found = self
            .conn
            .prepare_cached("SELECT id, name, kind FROM entities WHERE rank = ?1")
            .and_then(|mut q| {
                q.query_row([rank as i64], |r| {
                    Ok((r.get::<_, String>(0)?, r.get(1)?, r.get::<_, String>(2)?))
                })
                .optional()
            })
            .map_err(|e| self.sql(e))?;
        Ok(found.and_then(|(id, name, kind)| {
            let kind = EntityKind::ALL.into_iter().find(|k| k.as_str() == kind)?;
            Some(ShownEntity { id, name, kind })
        }))
    }

    /// The `j`th name of entity `id` as [`NameList::names`] counts them
    /// (0: the id), as written (not folded).
    pub fn name_at(&self, id: &str, j: usize) -> Result<Option<String>, StoreError> {
        if j == 0 {
            return Ok(Some(id.to_string()));
        }
        self.conn
            .prepare_cached(
                "SELECT alias FROM aliases WHERE entity_id = ?1 AND strength != 'demonym'
                 ORDER BY rowid LIMIT 1 OFFSET ?2",
            )
            .and_then(|mut q| q.query_row((id, j as i64 - 1), |r| r.get(0)).optional())
            .map_err(|e| self.sql(e))
    }
}
