//! The tables of the store, as SQL. The README documents them: they are a
//! public interface, read with `sqlite3`, Python or Datasette.

/// The schema version recorded in `meta`; a store of another version is rebuilt.
pub const SCHEMA_VERSION: &str = "3";

/// Creates every table of an empty store.
pub const CREATE: &str = r#"
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('data', 'article')),
    hash TEXT NOT NULL
);
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    rank INTEGER NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    parent TEXT,
    category TEXT,
    description TEXT,
    event_type TEXT,
    event_date TEXT,
    event_status TEXT,
    event_place TEXT,
    event_mode TEXT,
    record TEXT NOT NULL
);
CREATE TABLE aliases (
    entity_id TEXT NOT NULL REFERENCES entities (id),
    alias TEXT NOT NULL,
    strength TEXT NOT NULL CHECK (strength IN ('name', 'strong', 'weak', 'demonym')),
    folded TEXT NOT NULL
);
CREATE TABLE offices (
    id TEXT PRIMARY KEY,
    rank INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    of_entity TEXT NOT NULL REFERENCES entities (id),
    concurrent INTEGER NOT NULL,
    titles TEXT NOT NULL
);
CREATE TABLE tenures (
    office_id TEXT NOT NULL REFERENCES offices (id),
    person_id TEXT NOT NULL REFERENCES entities (id),
    start_date TEXT,
    end_date TEXT,
    acting INTEGER NOT NULL,
    sources TEXT NOT NULL
);
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    rank INTEGER NOT NULL UNIQUE,
    file TEXT,
    title TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    event_date TEXT,
    url TEXT,
    note TEXT
);
CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES entities (id),
    relation TEXT NOT NULL,
    object_id TEXT NOT NULL REFERENCES entities (id),
    date TEXT,
    date_precision TEXT,
    origin TEXT NOT NULL,
    event_id TEXT REFERENCES entities (id),
    mode TEXT,
    amount REAL,
    currency TEXT,
    status TEXT,
    attributes TEXT NOT NULL,
    note TEXT,
    record TEXT NOT NULL
);
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    fact_id INTEGER NOT NULL REFERENCES facts (id),
    seq INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources (id),
    text TEXT,
    article TEXT,
    sentence INTEGER,
    sentence_start INTEGER,
    sentence_end INTEGER,
    subject_start INTEGER,
    subject_end INTEGER,
    object_start INTEGER,
    object_end INTEGER,
    trigger_start INTEGER,
    trigger_end INTEGER,
    pattern TEXT,
    confidence REAL,
    date_origin TEXT,
    UNIQUE (fact_id, seq)
);
CREATE VIRTUAL TABLE evidence_fts USING fts5 (text, content = 'evidence', content_rowid = 'id');
CREATE VIRTUAL TABLE names_fts USING fts5 (folded, content = 'aliases', content_rowid = 'rowid');
CREATE TABLE search_names (
    data BLOB NOT NULL
);
CREATE TABLE articles (
    source_id TEXT PRIMARY KEY REFERENCES sources (id),
    rank INTEGER NOT NULL UNIQUE,
    path TEXT NOT NULL,
    hash TEXT NOT NULL,
    key TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    sentences INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    linked INTEGER NOT NULL,
    facts INTEGER NOT NULL
);
CREATE TABLE extracted (
    source_id TEXT NOT NULL REFERENCES articles (source_id),
    seq INTEGER NOT NULL,
    subject_id TEXT NOT NULL,
    object_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    date TEXT NOT NULL,
    date_origin TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    subject_start INTEGER NOT NULL,
    subject_end INTEGER NOT NULL,
    object_start INTEGER NOT NULL,
    object_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    pattern TEXT NOT NULL,
    confidence REAL NOT NULL,
    sentence_text TEXT NOT NULL,
    PRIMARY KEY (source_id, seq)
);
"#;

/// Creates the indexes, once the rows are in (faster than keeping them up to date row by row).
pub const INDEXES: &str = r#"
CREATE INDEX entities_kind ON entities (kind);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);
CREATE INDEX aliases_alias ON aliases (alias COLLATE NOCASE);
CREATE INDEX aliases_entity ON aliases (entity_id);
CREATE INDEX aliases_folded ON aliases (folded);
CREATE INDEX tenures_person ON tenures (person_id);
CREATE INDEX tenures_office ON tenures (office_id);
CREATE INDEX facts_subject ON facts (subject_id, relation);
CREATE INDEX facts_object ON facts (object_id, relation);
CREATE INDEX facts_relation_date ON facts (relation, date);
CREATE INDEX evidence_source ON evidence (source_id);
"#;
