//! Loading a data directory: RON files in, a validated [`Dataset`] out.
//!
//! Every `.ron` file under the directory (recursively, in path order) is read
//! as a [`schema::DataFile`]. All files are parsed and checked before anything
//! is returned, so one run reports every problem, each with `file:line:col`
//! and a hint:
//!
//! ```
//! let loaded = newsgraph::load::load_dir("data".as_ref()).unwrap();
//! assert_eq!(loaded.dataset.entities["antony-blinken"].name, "Antony Blinken");
//! ```

mod diagnostic;
mod locate;
pub mod schema;
mod validate;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics, Problem};

use crate::model::{
    Cues, Dataset, Entity, EntityKind, EventDetails, Limits, Office, Pattern, PatternSet, Relation,
    Source, Style,
};
use locate::{LineIndex, RecordIndex};
use schema::{DataFile, EntityRecord, EventRecord};

/// Why a data directory could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file or directory could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// What could not be read.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The directory holds no `.ron` file.
    #[error("no .ron files in {} (is this a newsgraph data directory?)", dir.display())]
    NoData {
        /// The directory searched.
        dir: PathBuf,
    },
    /// The files hold errors; every one found is listed.
    #[error("{0}")]
    Invalid(Diagnostics),
    /// The directory walk came back to a directory it had already read: a
    /// symbolic link loop (a link to `.` or to a parent), or a second link to
    /// the same directory, whose files would all load twice.
    #[error("directory loop: {} is {} again (a symbolic link loop, or a second link to a directory already read); remove the link", path.display(), target.display())]
    DirectoryLoop {
        /// The path that leads back.
        path: PathBuf,
        /// The directory it leads to.
        target: PathBuf,
    },
}

/// How to load: limits on what is read and reported, and whether article
/// files may lie outside the data directory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Caps on errors shown here, and on articles and sentences for the matcher.
    pub limits: Limits,
    /// Accept a source's `file` outside its data directory (`../other/a.txt`,
    /// an absolute path, a symbolic link leading out). Refused by default.
    pub allow_outside_data: bool,
}

/// Loads and validates every `.ron` file under `dir`.
///
/// Returns the records with the patterns and style beside them, or
/// [`LoadError::Invalid`] with every problem found when the data is
/// not consistent (unknown references, duplicate ids or aliases, bad dates,
/// overlapping office holders, facts without sources, missing article files).
pub fn load_dir(dir: &Path) -> Result<Loaded, LoadError> {
    load_dirs(&[dir.to_path_buf()])
}

/// Loads several data directories as one dataset (a project's own entity
/// files beside shared ones, say). Ids must be unique across all of them;
/// article files are relative to the directory of the source record.
pub fn load_dirs(dirs: &[PathBuf]) -> Result<Loaded, LoadError> {
    load_dirs_with(dirs, &LoadOptions::default())
}

/// [`load_dirs`] with options: the limits (kept in the dataset for the
/// matcher) and whether article files may lie outside the data directories.
pub fn load_dirs_with(dirs: &[PathBuf], options: &LoadOptions) -> Result<Loaded, LoadError> {
    let mut collected = Collected {
        roots: dirs.to_vec(),
        allow_outside_data: options.allow_outside_data,
        ..Collected::default()
    };
    for (root, dir) in dirs.iter().enumerate() {
        let paths = ron_files(dir, &mut |_| {})?;
        if paths.is_empty() {
            return Err(LoadError::NoData { dir: dir.clone() });
        }
        for path in paths {
            let bytes = std::fs::read(&path).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            match decode(&path, bytes) {
                Ok(text) => collected.add_file(root, path, text),
                Err(diagnostic) => collected.diagnostics.push(*diagnostic),
            }
        }
    }
    // References into a file that did not parse would all look dangling:
    // report syntax errors alone first.
    if collected.diagnostics.is_empty() {
        validate::check(&mut collected);
    }
    if !collected.diagnostics.is_empty() {
        let mut shown = collected.diagnostics;
        let more = shown.len().saturating_sub(options.limits.max_errors.max(1));
        shown.truncate(options.limits.max_errors.max(1));
        return Err(LoadError::Invalid(Diagnostics(shown, more)));
    }
    let mut loaded = collected.into_loaded();
    loaded.dataset.limits = options.limits;
    Ok(loaded)
}

/// A data file's text: UTF-8, a leading byte order mark dropped. Other bytes
/// give a diagnostic at the line and column of the first bad byte.
fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    bytes.drain(..bom);
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.into_bytes();
        let bad = bytes[valid];
        // The text up to the bad byte, and the rest of its line as far as it decodes.
        let rest = &bytes[valid..];
        let line_end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let mut shown = String::from_utf8_lossy(&bytes[..valid]).into_owned();
        shown.push_str(&String::from_utf8_lossy(&rest[..line_end]));
        let message = format!(
            "not UTF-8 text: byte 0x{bad:02X} at byte offset {} starts no character",
            valid + bom
        );
        Box::new(
            Diagnostic::at(Problem::Encoding, path, &shown, valid..valid + 1, message)
                .with_hint("save the file as UTF-8"),
        )
    })
}

impl Dataset {
    /// Loads and validates a data directory and keeps its records; see
    /// [`load_dir`]. The directory's patterns and style are checked and
    /// dropped: use [`Loaded::load`] to keep them.
    pub fn load(dir: impl AsRef<Path>) -> Result<Dataset, LoadError> {
        Ok(load_dir(dir.as_ref())?.dataset)
    }
}

/// A data directory as loaded: its records, and beside them the relation
/// patterns that find facts in articles and the style exports draw with
/// (each the built-in one when the directory has none).
///
/// ```
/// use newsgraph::extract::Extractor;
/// use newsgraph::Loaded;
///
/// let Loaded { dataset, patterns, style } = Loaded::load("data")?;
/// let extractor = Extractor::new(&patterns);
/// assert!(dataset.entities.contains_key("antony-blinken"));
/// assert!(style.kinds.contains_key("person"));
/// # Ok::<(), newsgraph::LoadError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The records: entities, offices, relations, sources.
    pub dataset: Dataset,
    /// Relation patterns and cues for text matching.
    pub patterns: PatternSet,
    /// How exports draw the graph.
    pub style: Style,
}

impl Loaded {
    /// Loads and validates a data directory; see [`load_dir`].
    pub fn load(dir: impl AsRef<Path>) -> Result<Loaded, LoadError> {
        load_dir(dir.as_ref())
    }
}

/// The data files [`load_dirs`] reads: every `.ron` file under each
/// directory, each directory's in path order.
pub fn data_files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    data_files_visiting(dirs, &mut |_| {})
}

/// [`data_files`], calling `visit` with each directory just before it is
/// listed (the store stamps the directories there, so that a later check
/// can tell that no listing changed without listing them again).
pub fn data_files_visiting(
    dirs: &[PathBuf],
    visit: &mut dyn FnMut(&Path),
) -> Result<Vec<PathBuf>, LoadError> {
    let mut all = Vec::new();
    for dir in dirs {
        all.extend(ron_files(dir, visit)?);
    }
    Ok(all)
}

/// Every `.ron` file under `dir`, sorted. Each directory is read once: one
/// reached again (through a symbolic link) is a [`LoadError::DirectoryLoop`].
fn ron_files(dir: &Path, visit: &mut dyn FnMut(&Path)) -> Result<Vec<PathBuf>, LoadError> {
    let mut found = Vec::new();
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let io = |source| LoadError::Io {
            path: current.clone(),
            source,
        };
        let canonical = current.canonicalize().map_err(io)?;
        if let Some(first) = seen.insert(canonical.clone(), current.clone()) {
            let (path, target) = if current.components().count() >= first.components().count() {
                (current, canonical)
            } else {
                (first, canonical)
            };
            return Err(LoadError::DirectoryLoop { path, target });
        }
        visit(&current);
        for entry in std::fs::read_dir(&current).map_err(io)? {
            let entry = entry.map_err(io)?;
            let path = entry.path();
            // The entry's type comes with the listing; only a link needs a
            // look at what it leads to (a folder of articles is not stat'ed).
            let kind = entry.file_type().map_err(io)?;
            if kind.is_dir() || (kind.is_symlink() && path.is_dir()) {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "ron") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// One data file's text and where its records are.
#[derive(Debug)]
struct FileText {
    /// Index of the data directory the file is in.
    root: usize,
    path: PathBuf,
    text: String,
    records: RecordIndex,
    lines: LineIndex,
}

/// Where a record came from: file, section and position in the section.
#[derive(Clone, Copy, Debug)]
struct Origin {
    file: usize,
    section: &'static str,
    index: usize,
}

/// Records of every file, with their origins, before validation.
#[derive(Debug, Default)]
struct Collected {
    roots: Vec<PathBuf>,
    allow_outside_data: bool,
    files: Vec<FileText>,
    entities: Vec<(Entity, Origin)>,
    offices: Vec<(Office, Origin)>,
    relations: Vec<(Relation, Origin)>,
    sources: Vec<(Source, Origin)>,
    style: Option<Style>,
    patterns: Vec<(Pattern, Origin)>,
    cues: Option<Cues>,
    diagnostics: Vec<Diagnostic>,
}

impl Collected {
    fn add_file(&mut self, root: usize, path: PathBuf, text: String) {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let parsed: Result<DataFile, _> = options.from_str(&text);
        let file = self.files.len();
        self.files.push(FileText {
            root,
            records: RecordIndex::scan(&text),
            lines: LineIndex::new(&text),
            path,
            text,
        });
        let data = match parsed {
            Ok(data) => data,
            Err(error) => {
                self.diagnostics
                    .push(syntax_diagnostic(&self.files[file], &error));
                return;
            }
        };
        let origin = |section, index| Origin {
            file,
            section,
            index,
        };
        let kinds = [
            ("people", EntityKind::Person, data.people),
            ("governments", EntityKind::Government, data.governments),
            (
                "organizations",
                EntityKind::Organization,
                data.organizations,
            ),
            ("places", EntityKind::Place, data.places),
        ];
        for (section, kind, records) in kinds {
            for (i, record) in records.into_iter().enumerate() {
                self.entities
                    .push((entity_from(record, kind), origin(section, i)));
            }
        }
        for (i, record) in data.events.into_iter().enumerate() {
            self.entities
                .push((event_from(record), origin("events", i)));
        }
        let offices = data.offices.into_iter().enumerate();
        self.offices
            .extend(offices.map(|(i, o)| (o, origin("offices", i))));
        let relations = data.relations.into_iter().enumerate();
        self.relations
            .extend(relations.map(|(i, r)| (r, origin("relations", i))));
        let sources = data.sources.into_iter().enumerate();
        self.sources
            .extend(sources.map(|(i, s)| (s, origin("sources", i))));
        if data.style.is_some() {
            self.style = data.style;
        }
        let patterns = data.patterns.unwrap_or_default().into_iter().enumerate();
        self.patterns
            .extend(patterns.map(|(i, p)| (p, origin("patterns", i))));
        if data.cues.is_some() {
            self.cues = data.cues;
        }
    }

    /// A diagnostic pointing at `needle` in the record: the value of the field
    /// of that name, else the string literal equal to it, else the record itself.
    fn diagnostic(
        &self,
        origin: Origin,
        needle: &str,
        problem: Problem,
        message: impl Into<String>,
    ) -> Diagnostic {
        let file = &self.files[origin.file];
        let record = file
            .records
            .record(origin.section, origin.index)
            .unwrap_or(0..file.text.len());
        let span = locate::field(&file.text, record.clone(), needle)
            .or_else(|| locate::string(&file.text, record.clone(), needle))
            .unwrap_or(record.start..record.start + 1);
        Diagnostic::at_indexed(problem, &file.path, &file.text, &file.lines, span, message)
    }

    /// `file:line:col` of a record's `id` field, for "first defined at" hints.
    fn position_of(&self, origin: Origin, needle: &str) -> String {
        self.diagnostic(origin, needle, Problem::DuplicateId, "")
            .position()
    }

    fn into_loaded(self) -> Loaded {
        let mut dataset = Dataset {
            root: self.roots.first().cloned().unwrap_or_default(),
            ..Dataset::default()
        };
        for (entity, _) in self.entities {
            dataset.entities.insert(entity.id.clone(), entity);
        }
        for (office, _) in self.offices {
            dataset.offices.insert(office.id.clone(), office);
        }
        dataset.relations = self.relations.into_iter().map(|(r, _)| r).collect();
        let builtin = PatternSet::builtin();
        let patterns = PatternSet {
            patterns: if self.patterns.is_empty() {
                builtin.patterns
            } else {
                self.patterns.into_iter().map(|(p, _)| p).collect()
            },
            cues: self.cues.unwrap_or(builtin.cues),
        };
        for (source, origin) in self.sources {
            let root = &self.roots[self.files[origin.file].root];
            dataset.source_dirs.insert(source.id.clone(), root.clone());
            dataset.sources.insert(source.id.clone(), source);
        }
        Loaded {
            dataset,
            patterns,
            style: self.style.unwrap_or_else(Style::builtin),
        }
    }
}

fn syntax_diagnostic(file: &FileText, error: &ron::error::SpannedError) -> Diagnostic {
    let start = locate::offset_of(&file.text, error.span.start.line, error.span.start.col);
    let end = locate::offset_of(&file.text, error.span.end.line, error.span.end.col);
    let mut message = error.code.to_string();
    let (problem, hint) = if is_empty(&file.text) {
        message = "empty file".to_string();
        let hint = "a data file is one struct of sections, such as `(people: [...])`; \
                    a file written by `newsgraph extract ... > FILE` is empty when the command failed"
            .to_string();
        (Problem::Syntax, hint)
    } else if message.contains("invalid date") {
        let hint = "write dates as \"2022\", \"2022-09\" or \"2022-09-14\"".to_string();
        (Problem::InvalidDate, hint)
    } else if message.contains("Unexpected field") && message.contains("`DataFile`") {
        let hint = format!("sections are: {}", schema::SECTIONS.join(", "));
        (Problem::Syntax, hint)
    } else if message.contains("Expected comma") {
        (
            Problem::Syntax,
            "add a `,` after the previous value".to_string(),
        )
    } else {
        let hint = "check the spelling against the data format in README.md".to_string();
        (Problem::Syntax, hint)
    };
    let span = start..end.max(start + 1);
    Diagnostic::at_indexed(problem, &file.path, &file.text, &file.lines, span, message)
        .with_hint(hint)
}

/// Whether a file holds nothing but white space and line comments.
fn is_empty(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with("//")
    })
}

fn entity_from(record: EntityRecord, kind: EntityKind) -> Entity {
    Entity {
        id: record.id,
        kind,
        name: record.name,
        aliases: record.aliases,
        weak_aliases: record.weak_aliases,
        demonyms: record.demonyms,
        country: record.country,
        parent: record.parent,
        category: record.category,
        description: record.description,
        event: None,
    }
}

fn event_from(record: EventRecord) -> Entity {
    Entity {
        id: record.id,
        kind: EntityKind::Event,
        name: record.name,
        aliases: record.aliases,
        weak_aliases: record.weak_aliases,
        demonyms: Vec::new(),
        country: None,
        parent: None,
        category: record.category,
        description: record.description,
        event: Some(EventDetails {
            event_type: record.event_type,
            status: record.status,
            date: record.date,
            mode: record.mode,
            place: record.place,
            participants: record.participants,
            sources: record.sources,
        }),
    }
}
