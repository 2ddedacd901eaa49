//! `search`: entities whose names or aliases contain or resemble a text.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::model::{Entity, EntityKind};
use crate::store::NameList;
use crate::text::fold_name;

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// The name or alias that matched best.
    pub matched: String,
    /// 1.0 for an exact match, lower for weaker ones.
    pub score: f64,
}

/// How well `query` (folded) matches `name` (folded), 0–1.
fn score(query: &str, name: &str) -> f64 {
    if name == query {
        return 1.0;
    }
    let padded = format!(" {name} ");
    if name.starts_with(query) {
        0.9
    } else if padded.contains(&format!(" {query} ")) || padded.contains(&format!(" {query}")) {
        0.85
    } else if name.contains(query) {
        0.75
    } else {
        // Resemblance: the best of the whole name and each of its words.
        let whole = strsim::jaro_winkler(query, name);
        let word = name
            .split(' ')
            .map(|w| strsim::jaro_winkler(query, w))
            .fold(0.0, f64::max);
        0.7 * whole.max(word)
    }
}

/// An entity's names as [`rank`] scores them: its id, then its name and
/// every alias, each with its folded form ([`fold_name`]).
#[derive(Debug, Clone)]
pub struct Searchable<'a> {
    /// Id.
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Kind.
    pub kind: EntityKind,
    /// (name, folded name), id first.
    pub names: Vec<(&'a str, std::borrow::Cow<'a, str>)>,
}

impl<'a> Searchable<'a> {
    /// An entity's id, name and aliases, each with its folded form.
    pub fn of(entity: &'a Entity) -> Searchable<'a> {
        Searchable {
            id: &entity.id,
            name: &entity.name,
            kind: entity.kind,
            names: std::iter::once(entity.id.as_str())
                .chain(entity.all_names().map(|(n, _)| n))
                .map(|n| (n, fold_name(n).into()))
                .collect(),
        }
    }
}

/// Up to `limit` of `entities` whose names contain or resemble `text`
/// (case and accents ignored), best first: what [`KnowledgeGraph::search`]
/// returns, for names read from anywhere (the store's folded aliases).
pub fn rank<'a>(
    text: &str,
    limit: usize,
    entities: impl Iterator<Item = Searchable<'a>>,
) -> Vec<SearchHit> {
    let query = fold_name(text);
    if query.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<SearchHit> = Vec::new();
    for entity in entities {
        let mut best: Option<(f64, &str)> = None;
        for (name, folded) in &entity.names {
            let s = score(&query, folded);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, name));
            }
        }
        if let Some((s, name)) = best.filter(|(s, _)| *s >= 0.6) {
            hits.push(SearchHit {
                id: entity.id.to_string(),
                name: entity.name.to_string(),
                kind: entity.kind,
                matched: name.to_string(),
                score: (s * 1000.0).round() / 1000.0,
            });
        }
    }
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.name.cmp(&b.name))
    });
    hits.truncate(limit);
    hits
}

/// A hit of [`rank_list`]: indexes into the [`NameList`], and the score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ListHit {
    /// The entity's index (its rank in dataset order).
    pub entity: usize,
    /// The index of the name that matched best among the entity's names
    /// (0: the id).
    pub name: usize,
    /// The score, rounded as [`rank`] rounds it.
    pub score: f64,
}

/// [`score`] of a name that contains the query (both folded), without
/// allocating: 1 when equal, 0.9 when it starts with it, 0.85 when a word
/// of it does, else 0.75.
fn contained_score(query: &str, name: &str) -> f64 {
    if name == query {
        1.0
    } else if name.starts_with(query) {
        0.9
    } else if name
        .match_indices(' ')
        .any(|(at, _)| name[at + 1..].starts_with(query))
    {
        0.85
    } else {
        0.75
    }
}

/// The query as [`Bounds`] needs it.
struct Bounds<'q> {
    text: &'q str,
    chars: usize,
    /// Which bytes occur in the query.
    has: [bool; 256],
    /// The weakest Jaro–Winkler score worth computing.
    floor: f64,
}

/// The length of `word` in characters.
fn chars(word: &str) -> usize {
    if word.is_ascii() {
        word.len()
    } else {
        word.chars().count()
    }
}

impl<'q> Bounds<'q> {
    fn new(text: &'q str, floor: f64) -> Bounds<'q> {
        let mut has = [false; 256];
        for b in text.bytes() {
            has[b as usize] = true;
        }
        Bounds {
            text,
            chars: chars(text),
            has,
            floor,
        }
    }

    /// An upper bound of `strsim::jaro_winkler(query, word)` when at most
    /// `m` characters match and the common prefix is at most `prefix`
    /// characters. Jaro is (m/|a| + m/|b| + (m − t)/m) / 3 with m matching
    /// characters and t transpositions, so at most (m/|a| + m/|b| + 1) / 3;
    /// Winkler adds 0.1·ℓ·(1 − Jaro) for a common prefix of ℓ ≤ 4
    /// characters, and is increasing in Jaro. A hair is added against rounding.
    fn with(&self, word_chars: usize, m: usize, prefix: usize) -> f64 {
        if m == 0 {
            return 0.0;
        }
        let m = m as f64;
        let jaro = (m / self.chars as f64 + m / word_chars as f64 + 1.0) / 3.0;
        (jaro + 0.1 * prefix as f64 * (1.0 - jaro)).min(1.0) + 1e-9
    }

    /// Whether a word of `chars` characters, `shared` bytes of which the
    /// query has, can reach the floor (a common prefix of 4 assumed).
    fn reaches(&self, chars: usize, shared: usize) -> bool {
        self.with(chars, self.chars.min(chars).min(shared), 4) >= self.floor
    }

    /// An upper bound of `strsim::jaro_winkler(query, word)`, far cheaper;
    /// exact enough to rule the word out when it is below the floor: first
    /// with m the shorter length, then with m also at most the word's
    /// characters found in the query (counted in bytes: a shared character
    /// shares all its bytes), then with the common prefix.
    fn bound(&self, word: &str) -> f64 {
        let word_chars = chars(word);
        let m = self.chars.min(word_chars);
        let first = self.with(word_chars, m, 4);
        if first < self.floor {
            return first;
        }
        let shared = word.bytes().filter(|&b| self.has[b as usize]).count();
        let m = m.min(shared);
        let second = self.with(word_chars, m, 4);
        if second < self.floor {
            return second;
        }
        let prefix = self
            .text
            .chars()
            .take(4)
            .zip(word.chars())
            .take_while(|(a, b)| a == b)
            .count();
        self.with(word_chars, m, prefix)
    }

    /// An upper bound of the resemblance part of [`score`] (before the 0.7
    /// factor): the best of the whole name and each of its words.
    fn name_bound(&self, name: &str) -> f64 {
        let words = name.split(' ').map(|w| self.bound(w));
        if name.contains(' ') {
            words.fold(self.bound(name), f64::max)
        } else {
            words.fold(0.0, f64::max)
        }
    }
}

/// A score in thousandths, as [`rank`] rounds it.
fn milli(score: f64) -> i64 {
    (score * 1000.0).round() as i64
}

/// The best `limit` hits so far, the weakest on top: (thousandths reversed,
/// place by display name, entity, name), ordered as [`rank`] orders hits.
struct Best {
    limit: usize,
    heap: BinaryHeap<(Reverse<i64>, usize, usize, usize)>,
}

impl Best {
    fn offer(&mut self, list: &NameList<'_>, entity: usize, name: usize, score: f64) {
        if score < 0.6 {
            return;
        }
        let key = (Reverse(milli(score)), list.order(entity), entity, name);
        if self.heap.len() < self.limit {
            self.heap.push(key);
        } else if self.heap.peek().is_some_and(|top| key < *top) {
            self.heap.pop();
            self.heap.push(key);
        }
    }

    /// The thousandths a hit needs to be kept (a tie can be: it may come
    /// earlier by display name), once `limit` are held.
    fn weakest(&self) -> Option<i64> {
        (self.heap.len() >= self.limit)
            .then(|| self.heap.peek().map(|top| top.0 .0))
            .flatten()
    }
}

/// Whether a word of some characters, some bytes of which the query has,
/// can resemble the query enough (a common prefix of 4 assumed): a table
/// for the short words, made again when the floor rises.
struct Reach<'q> {
    bounds: Bounds<'q>,
    table: Vec<bool>,
}

/// The longest word (and most shared bytes) the table of [`Reach`] holds.
const SMALL: usize = 64;

impl<'q> Reach<'q> {
    fn new(query: &'q str, floor: f64) -> Reach<'q> {
        let mut reach = Reach {
            bounds: Bounds::new(query, floor),
            table: vec![false; SMALL * SMALL],
        };
        reach.raise(floor);
        reach
    }

    fn raise(&mut self, floor: f64) {
        self.bounds.floor = floor;
        for (i, slot) in self.table.iter_mut().enumerate() {
            *slot = self.bounds.reaches(i / SMALL, i % SMALL);
        }
    }

    fn ok(&self, chars: usize, shared: usize) -> bool {
        if chars < SMALL && shared < SMALL {
            self.table[chars * SMALL + shared]
        } else {
            self.bounds.reaches(chars, shared)
        }
    }
}

/// Byte classes for the scan of [`rank_list`].
const SHARED: u8 = 1;
const SPACE: u8 = 2;
const END: u8 = 4;
const CONTINUATION: u8 = 8;

/// What [`rank`] returns over the same names, read from a [`NameList`]
/// (the store's `search_names`) without scoring every name. The names that
/// contain the text are found by one search through all of them, and
/// scored (0.75 to 1, above any resemblance, which scores at most 0.7). An
/// entity with no such name is scored by resemblance only on the names
/// whose [bound](Bounds::bound) reaches the 0.6 floor and, once `limit`
/// hits are held, the weakest of them; the first bound (lengths and shared
/// letters) is taken in the same pass over the names' bytes. The hits come
/// back in [`rank`]'s order, each with the name [`rank`] picks (the first
/// of the entity's best).
pub fn rank_list(text: &str, limit: usize, list: &NameList<'_>) -> Vec<ListHit> {
    let query = fold_name(text);
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut best = Best {
        limit,
        heap: BinaryHeap::new(),
    };
    let all = list.text();
    let bytes = all.as_bytes();
    // The names holding the text, found in one search (a name's line feed
    // keeps a hit inside it): each entity's first best, by entity.
    let mut contained: Vec<(usize, f64, usize)> = Vec::new();
    let (mut cursor, mut name, mut entity) = (0, 0, 0);
    while let Some(found) = all[cursor..].find(query.as_str()) {
        let at = cursor + found;
        name += bytes[cursor..at].iter().filter(|&&b| b == b'\n').count();
        while list.name_range(entity).end <= name {
            entity += 1;
        }
        let start = all[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = all[at..].find('\n').map_or(all.len(), |i| at + i);
        let s = contained_score(&query, &all[start..end]);
        let j = name - list.name_range(entity).start;
        match contained.last_mut() {
            Some(last) if last.0 == entity => {
                if s > last.1 {
                    *last = (entity, s, j);
                }
            }
            _ => contained.push((entity, s, j)),
        }
        // On from the next name.
        name += 1;
        cursor = (end + 1).min(all.len());
    }
    for &(entity, s, j) in &contained {
        best.offer(list, entity, j, s);
    }
    // Resemblance scores at most 0.7, below any name holding the text.
    if contained.len() < limit {
        resemble(&query, list, &contained, &mut best);
    }
    let mut hits = best.heap.into_vec();
    hits.sort();
    hits.into_iter()
        .map(|(Reverse(m), _, entity, name)| ListHit {
            entity,
            name,
            score: m as f64 / 1000.0,
        })
        .collect()
}

/// The second part of [`rank_list`]: the entities with no name holding the
/// text (`contained` lists those with one, in order), scored by
/// resemblance where their [bound](Bounds::bound) can reach the floor and
/// the weakest hit held. The first bound (lengths and shared letters) is
/// taken in one pass over the names' bytes.
fn resemble(query: &str, list: &NameList<'_>, contained: &[(usize, f64, usize)], best: &mut Best) {
    let floor = 0.6 / 0.7 - 1e-6;
    let mut bounds = Bounds::new(query, floor);
    let mut class = [0u8; 256];
    for (b, c) in class.iter_mut().enumerate() {
        let b = b as u8;
        *c = if bounds.has[b as usize] { SHARED } else { 0 }
            | if b == b' ' { SPACE } else { 0 }
            | if b == b'\n' { END } else { 0 }
            | if b & 0xC0 == 0x80 { CONTINUATION } else { 0 };
    }
    let mut reach = Reach::new(query, floor);
    let mut weakest_seen = None;
    let all = list.text();
    let bytes = all.as_bytes();
    let mut contained = contained.iter().map(|c| c.0).peekable();
    let mut start = 0;
    let mut candidates: Vec<(usize, &str)> = Vec::new();
    for entity in 0..list.len() {
        let names = list.name_range(entity);
        if contained.next_if_eq(&entity).is_some() {
            for _ in names {
                start += all[start..].find('\n').map_or(0, |i| i + 1);
            }
            continue;
        }
        let weakest = best.weakest();
        if weakest != weakest_seen {
            weakest_seen = weakest;
            if let Some(w) = weakest {
                // Thousandths → the weakest Jaro–Winkler that can tie them.
                bounds.floor = ((w as f64 - 0.5) / 1000.0 / 0.7 - 1e-6).max(floor);
                reach.raise(bounds.floor);
            }
        }
        candidates.clear();
        for j in 0..names.len() {
            let (mut chars, mut shared, mut name_chars, mut name_shared) = (0, 0, 0, 0);
            let (mut close, mut spaced) = (false, false);
            let mut end = start;
            for &b in &bytes[start..] {
                let c = class[b as usize];
                if c & END != 0 {
                    break;
                }
                if c & SPACE != 0 {
                    close |= reach.ok(chars, shared);
                    name_chars += chars + 1;
                    name_shared += shared + usize::from(c & SHARED != 0);
                    (chars, shared) = (0, 0);
                    spaced = true;
                } else {
                    chars += usize::from(c & CONTINUATION == 0);
                    shared += usize::from(c & SHARED != 0);
                }
                end += 1;
            }
            close |= reach.ok(chars, shared);
            if spaced {
                close |= reach.ok(name_chars + chars, name_shared + shared);
            }
            if close {
                candidates.push((j, &all[start..end]));
            }
            start = end + 1;
        }
        if candidates.is_empty() {
            continue;
        }
        let mut found: Option<(f64, usize)> = None;
        for &(j, name) in &candidates {
            let bound = 0.7 * bounds.name_bound(name);
            if bound < 0.6 || weakest.is_some_and(|w| milli(bound) < w) {
                continue;
            }
            let s = score(query, name);
            if found.is_none_or(|(b, _)| s > b) {
                found = Some((s, j));
            }
        }
        if let Some((s, j)) = found {
            best.offer(list, entity, j, s);
        }
    }
}

impl KnowledgeGraph {
    /// Up to `limit` entities whose id, name or aliases contain or resemble
    /// `text` (case and accents ignored), best first.
    ///
    /// ```
    /// use newsgraph::{Dataset, KnowledgeGraph};
    ///
    /// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    /// let hits = graph.search("navy", 5);
    /// assert_eq!(hits[0].id, "ecuador-navy");
    /// assert_eq!(graph.search("Mayorcas", 1)[0].id, "alejandro-mayorkas");
    /// ```
    pub fn search(&self, text: &str, limit: usize) -> Vec<SearchHit> {
        let entities = self.dataset().entities.values().map(Searchable::of);
        rank(text, limit, entities)
    }
}
