//! Diagnostics: one problem in the data, with where it is and how to fix it.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::locate::LineIndex;

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
    /// A file that is not UTF-8 text.
    Encoding,
    /// A strong alias that would match everywhere: a stop word, punctuation, a single letter.
    UnsafeAlias,
    /// A source's article file outside the data directory.
    OutsideData,
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
            Problem::Encoding => "encoding",
            Problem::UnsafeAlias => "unsafe-alias",
            Problem::OutsideData => "outside-data",
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
    /// The line of the file the problem is on, for display: at most
    /// [`Diagnostic::WINDOW`] characters either side of the problem, a cut
    /// line marked with `…`.
    pub source_line: String,
    /// Characters of `source_line` before the underline.
    pub caret: usize,
    /// How many characters of `source_line` to underline.
    pub width: usize,
}

impl Diagnostic {
    /// Characters of the source line shown either side of the problem.
    pub const WINDOW: usize = 60;

    /// A diagnostic for the bytes `span` of `text`, the contents of `file`.
    pub fn at(
        problem: Problem,
        file: &Path,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::at_indexed(problem, file, text, &LineIndex::new(text), span, message)
    }

    /// [`Diagnostic::at`] with the file's line index computed once.
    pub(super) fn at_indexed(
        problem: Problem,
        file: &Path,
        text: &str,
        lines: &LineIndex,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let start = floor_boundary(text, span.start.min(text.len()));
        let (line, column) = lines.line_col(text, start);
        let line_range = lines.line_range(text, line);
        let start = start.min(line_range.end);
        let end = floor_boundary(text, span.end.min(line_range.end).max(start));
        // A window of characters around the problem, never the whole of a long line.
        let from = back_chars(text, line_range.start, start, Diagnostic::WINDOW);
        let to = forward_chars(text, end, line_range.end, Diagnostic::WINDOW);
        let mut source_line = String::new();
        if from > line_range.start {
            source_line.push('\u{2026}');
        }
        let caret = source_line.chars().count() + text[from..start].chars().count();
        source_line.push_str(&text[from..to]);
        if to < line_range.end {
            source_line.push('\u{2026}');
        }
        let width = text[start..end].chars().count().max(1);
        Diagnostic {
            problem,
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
            hint: None,
            source_line,
            caret,
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
        let indent = " ".repeat(self.caret);
        write!(f, "{pad} | {indent}{}", "^".repeat(self.width))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n{pad} = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in a data directory, in file order: those listed,
/// and how many more were found past the limit on errors shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>, pub usize);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}\n")?;
        }
        let n = self.0.len() + self.1;
        write!(f, "{n} error{} found", if n == 1 { "" } else { "s" })?;
        if self.1 > 0 {
            write!(
                f,
                "; the first {} are shown (raise the limit with --max-errors)",
                self.0.len()
            )?;
        }
        Ok(())
    }
}

/// The char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The offset `n` characters before `at`, not before `floor`.
fn back_chars(text: &str, floor: usize, at: usize, n: usize) -> usize {
    text[floor..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// The offset `n` characters after `at`, not after `ceiling`.
fn forward_chars(text: &str, at: usize, ceiling: usize, n: usize) -> usize {
    text[at..ceiling]
        .char_indices()
        .nth(n)
        .map_or(ceiling, |(i, _)| at + i)
}
