//! Loading a data directory: RON files in, a validated [`Dataset`] out.
//!
//! Every `.ron` file under the directory (recursively, in path order) is read
//! as a [`schema::DataFile`]. All files are parsed and checked before anything
//! is returned, so one run reports every problem, each with `file:line:col`
//! and a hint:
//!
//! ```
//! let dataset = newsgraph::load::load_dir("data".as_ref()).unwrap();
//! assert_eq!(dataset.entities["antony-blinken"].name, "Antony Blinken");
//! ```

mod diagnostic;
mod locate;
pub mod schema;
mod validate;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics, Problem};

use crate::model::{Dataset, Entity, EntityKind, EventDetails, Office, Relation, Source};
use locate::RecordIndex;
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
}

/// Loads and validates every `.ron` file under `dir`.
///
/// Returns [`LoadError::Invalid`] with every problem found when the data is
/// not consistent (unknown references, duplicate ids or aliases, bad dates,
/// overlapping office holders, facts without sources, missing article files).
pub fn load_dir(dir: &Path) -> Result<Dataset, LoadError> {
    load_dirs(&[dir.to_path_buf()])
}

/// Loads several data directories as one dataset (a project's own entity
/// files beside shared ones, say). Ids must be unique across all of them;
/// article files are relative to the directory of the source record.
pub fn load_dirs(dirs: &[PathBuf]) -> Result<Dataset, LoadError> {
    let mut collected = Collected {
        roots: dirs.to_vec(),
        ..Collected::default()
    };
    for (root, dir) in dirs.iter().enumerate() {
        let paths = ron_files(dir)?;
        if paths.is_empty() {
            return Err(LoadError::NoData { dir: dir.clone() });
        }
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            collected.add_file(root, path, text);
        }
    }
    // References into a file that did not parse would all look dangling:
    // report syntax errors alone first.
    if collected.diagnostics.is_empty() {
        validate::check(&mut collected);
    }
    if !collected.diagnostics.is_empty() {
        return Err(LoadError::Invalid(Diagnostics(collected.diagnostics)));
    }
    Ok(collected.into_dataset())
}

impl Dataset {
    /// Loads and validates a data directory; see [`load_dir`].
    pub fn load(dir: impl AsRef<Path>) -> Result<Dataset, LoadError> {
        load_dir(dir.as_ref())
    }
}

/// The data files [`load_dirs`] reads: every `.ron` file under each
/// directory, each directory's in path order.
pub fn data_files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut all = Vec::new();
    for dir in dirs {
        all.extend(ron_files(dir)?);
    }
    Ok(all)
}

fn ron_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let io = |source| LoadError::Io {
            path: current.clone(),
            source,
        };
        for entry in std::fs::read_dir(&current).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if path.is_dir() {
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
    files: Vec<FileText>,
    entities: Vec<(Entity, Origin)>,
    offices: Vec<(Office, Origin)>,
    relations: Vec<(Relation, Origin)>,
    sources: Vec<(Source, Origin)>,
    style: Option<crate::export::Style>,
    patterns: Vec<(crate::extract::Pattern, Origin)>,
    cues: Option<crate::extract::Cues>,
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
        Diagnostic::at(problem, &file.path, &file.text, span, message)
    }

    /// `file:line:col` of a record's `id` field, for "first defined at" hints.
    fn position_of(&self, origin: Origin, needle: &str) -> String {
        self.diagnostic(origin, needle, Problem::DuplicateId, "")
            .position()
    }

    fn into_dataset(self) -> Dataset {
        let mut dataset = Dataset {
            root: self.roots.first().cloned().unwrap_or_default(),
            style: self.style.unwrap_or_else(crate::export::Style::builtin),
            ..Dataset::default()
        };
        for (entity, _) in self.entities {
            dataset.entities.insert(entity.id.clone(), entity);
        }
        for (office, _) in self.offices {
            dataset.offices.insert(office.id.clone(), office);
        }
        dataset.relations = self.relations.into_iter().map(|(r, _)| r).collect();
        let builtin = crate::extract::PatternSet::builtin();
        dataset.patterns = crate::extract::PatternSet {
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
        dataset
    }
}

fn syntax_diagnostic(file: &FileText, error: &ron::error::SpannedError) -> Diagnostic {
    let start = locate::offset_of(&file.text, error.span.start.line, error.span.start.col);
    let end = locate::offset_of(&file.text, error.span.end.line, error.span.end.col);
    let message = error.code.to_string();
    let (problem, hint) = if message.contains("invalid date") {
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
    Diagnostic::at(problem, &file.path, &file.text, span, message).with_hint(hint)
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
