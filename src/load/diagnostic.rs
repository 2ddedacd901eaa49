//! Diagnostics: one problem in the data, with where it is and how to fix it.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::locate::line_col;

/// The class of a problem found while loading, shown as `error[class]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Problem {
    /// The file is not valid RON, or does not fit the schema.
    Syntax,
    /// A date that does not parse.
    InvalidDate,
    /// An id used twice.
    DuplicateId,
    /// A name or strong alias given to two entities.
    DuplicateAlias,
    /// A reference to an id that does not exist.
    UnknownReference,
    /// A reference to an entity of the wrong kind.
    WrongKind,
    /// An event participant that is not a known entity.
    UnknownParticipant,
    /// An office held by two people at once.
    OverlappingTenure,
    /// A period that ends before it starts.
    EndBeforeStart,
    /// A fact with no source.
    MissingSource,
    /// A source whose article file does not exist.
    MissingFile,
    /// A value the schema allows but the data model does not (empty id, bad slug…).
    InvalidValue,
}

impl Problem {
    /// The kebab-case name shown in brackets.
    pub fn as_str(self) -> &'static str {
        match self {
            Problem::Syntax => "syntax",
            Problem::InvalidDate => "invalid-date",
            Problem::DuplicateId => "duplicate-id",
            Problem::DuplicateAlias => "duplicate-alias",
            Problem::UnknownReference => "unknown-reference",
            Problem::WrongKind => "wrong-kind",
            Problem::UnknownParticipant => "unknown-participant",
            Problem::OverlappingTenure => "overlapping-tenure",
            Problem::EndBeforeStart => "end-before-start",
            Problem::MissingSource => "missing-source",
            Problem::MissingFile => "missing-file",
            Problem::InvalidValue => "invalid-value",
        }
    }
}

/// One problem in one file, at one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The class of problem.
    pub problem: Problem,
    /// The file, as given to the loader (relative paths stay relative).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// One line saying what is wrong.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub hint: Option<String>,
    /// The line of the file the problem is on, for display.
    pub source_line: String,
    /// How many characters of `source_line` to underline.
    pub width: usize,
}

impl Diagnostic {
    /// A diagnostic for the bytes `span` of `text`, the contents of `file`.
    pub fn at(
        problem: Problem,
        file: &Path,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = line_col(text, span.start);
        let source_line = text.lines().nth(line - 1).unwrap_or("").to_string();
        let end = span.end.min(text.len()).max(span.start);
        let line_end = text[span.start.min(text.len())..]
            .find('\n')
            .map_or(text.len(), |i| span.start + i);
        let width = text
            .get(span.start..end.min(line_end))
            .map_or(1, |s| s.chars().count().max(1));
        Diagnostic {
            problem,
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
            hint: None,
            source_line,
            width,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:col`, the position in the form editors and terminals link.
    pub fn position(&self) -> String {
        format!("{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

impl fmt::Display for Diagnostic {
    /// Renders the diagnostic as a compiler would:
    ///
    /// ```text
    /// error[unknown-reference]: data/relations.ron:4:16: unknown entity `antony-blinkn`
    ///   |
    /// 4 |         (from: "antony-blinkn", relation: Visited, to: "ecuador",
    ///   |                ^^^^^^^^^^^^^^^
    ///   = hint: did you mean `antony-blinken` (Antony Blinken)?
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "error[{}]: {}: {}",
            self.problem.as_str(),
            self.position(),
            self.message
        )?;
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(f, "{pad} |")?;
        writeln!(f, "{number} | {}", self.source_line.replace('\t', " "))?;
        let indent = " ".repeat(self.column.saturating_sub(1));
        write!(f, "{pad} | {indent}{}", "^".repeat(self.width))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n{pad} = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in a data directory, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}\n")?;
        }
        let n = self.0.len();
        write!(f, "{n} error{} found", if n == 1 { "" } else { "s" })
    }
}
