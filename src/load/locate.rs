//! Finding where a record and its values sit in a RON file.
//!
//! `ron` reports positions for syntax and type errors but not for the values it
//! deserializes, and a curator needs `file:line:col` for semantic errors too
//! (an unknown reference, a duplicate id). This module scans the file's tokens
//! once, remembers the byte range of every record of every section, and finds
//! a field or a string literal inside a record on demand.

use std::ops::Range;

use indexmap::IndexMap;

/// A token of RON text: only what locating needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    /// A string literal; the range covers the quotes.
    Str,
    /// An identifier or bare word.
    Ident,
    /// Any other single character (brackets, `:`, `,`…).
    Punct,
}

/// Splits RON text into tokens, skipping white space and comments.
struct Tokens<'a> {
    bytes: &'a [u8],
    pos: usize,
    end: usize,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str, range: Range<usize>) -> Tokens<'a> {
        Tokens {
            bytes: text.as_bytes(),
            pos: range.start,
            end: range.end.min(text.len()),
        }
    }

    fn peek(&self, offset: usize) -> Option<u8> {
        let at = self.pos + offset;
        (at < self.end).then(|| self.bytes[at])
    }

    fn skip_block_comment(&mut self) {
        // RON block comments nest.
        let mut depth = 0usize;
        while self.pos < self.end {
            match (self.peek(0), self.peek(1)) {
                (Some(b'/'), Some(b'*')) => {
                    depth += 1;
                    self.pos += 2;
                }
                (Some(b'*'), Some(b'/')) => {
                    depth -= 1;
                    self.pos += 2;
                    if depth == 0 {
                        return;
                    }
                }
                _ => self.pos += 1,
            }
        }
    }

    fn skip_quoted(&mut self, quote: u8) {
        self.pos += 1;
        while let Some(b) = self.peek(0) {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                _ if b == quote => return,
                _ => {}
            }
        }
    }

    fn skip_raw_string(&mut self) -> bool {
        // r"…" or r#"…"#
        let mut hashes = 0;
        while self.peek(1 + hashes) == Some(b'#') {
            hashes += 1;
        }
        if self.peek(1 + hashes) != Some(b'"') {
            return false;
        }
        self.pos += 2 + hashes;
        while self.pos < self.end {
            if self.bytes[self.pos] == b'"' && (1..=hashes).all(|k| self.peek(k) == Some(b'#')) {
                self.pos += 1 + hashes;
                return true;
            }
            self.pos += 1;
        }
        true
    }
}

impl Iterator for Tokens<'_> {
    type Item = (TokenKind, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let b = self.peek(0)?;
            let start = self.pos;
            match b {
                _ if b.is_ascii_whitespace() => self.pos += 1,
                b'/' if self.peek(1) == Some(b'/') => {
                    while self.peek(0).is_some_and(|b| b != b'\n') {
                        self.pos += 1;
                    }
                }
                b'/' if self.peek(1) == Some(b'*') => self.skip_block_comment(),
                b'"' => {
                    self.skip_quoted(b'"');
                    return Some((TokenKind::Str, start..self.pos));
                }
                b'\'' => {
                    self.skip_quoted(b'\'');
                    return Some((TokenKind::Punct, start..self.pos));
                }
                b'r' if self.skip_raw_string() => {
                    return Some((TokenKind::Str, start..self.pos));
                }
                _ if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 => {
                    while self.peek(0).is_some_and(|b| {
                        b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 || b == b'.'
                    }) {
                        self.pos += 1;
                    }
                    return Some((TokenKind::Ident, start..self.pos));
                }
                _ => {
                    self.pos += 1;
                    return Some((TokenKind::Punct, start..self.pos));
                }
            }
        }
    }
}

/// The byte ranges of the records of each list section of one RON file.
#[derive(Debug, Default, Clone)]
pub struct RecordIndex {
    sections: IndexMap<String, Vec<Range<usize>>>,
}

impl RecordIndex {
    /// Scans `text` for `section: [ (…), (…) ]` lists at the top level.
    pub fn scan(text: &str) -> RecordIndex {
        let mut index = RecordIndex::default();
        let mut depth = 0usize;
        let mut last_ident: Option<Range<usize>> = None;
        let mut section: Option<String> = None;
        let mut record_start = None;
        for (kind, range) in Tokens::new(text, 0..text.len()) {
            let byte = text.as_bytes()[range.start];
            match (kind, byte) {
                (TokenKind::Ident, _) if depth == 1 => last_ident = Some(range),
                (TokenKind::Punct, b'(' | b'[' | b'{') => {
                    depth += 1;
                    if depth == 2 && byte == b'[' {
                        section = last_ident.take().map(|r| text[r].to_string());
                    } else if depth == 3 && byte == b'(' && section.is_some() {
                        record_start = Some(range.start);
                    }
                }
                (TokenKind::Punct, b')' | b']' | b'}') => {
                    if depth == 3 && byte == b')' {
                        if let (Some(start), Some(name)) = (record_start.take(), &section) {
                            index
                                .sections
                                .entry(name.clone())
                                .or_default()
                                .push(start..range.end);
                        }
                    } else if depth == 2 {
                        section = None;
                    }
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
        }
        index
    }

    /// The byte range of record `index` of `section`.
    pub fn record(&self, section: &str, index: usize) -> Option<Range<usize>> {
        self.sections.get(section)?.get(index).cloned()
    }
}

/// The byte range of the value written after `field:` inside `range`, at any depth.
///
/// For a string value the range covers the literal; otherwise the field name.
pub fn field(text: &str, range: Range<usize>, field: &str) -> Option<Range<usize>> {
    let mut tokens = Tokens::new(text, range).peekable();
    while let Some((kind, token)) = tokens.next() {
        if kind == TokenKind::Ident && &text[token.clone()] == field {
            if let Some((TokenKind::Punct, colon)) = tokens.peek().cloned() {
                if &text[colon] == ":" {
                    tokens.next();
                    return match tokens.next() {
                        Some((TokenKind::Str, value)) => Some(value),
                        _ => Some(token),
                    };
                }
            }
        }
    }
    None
}

/// The byte range of the first string literal inside `range` whose content is `needle`.
pub fn string(text: &str, range: Range<usize>, needle: &str) -> Option<Range<usize>> {
    Tokens::new(text, range).find_map(|(kind, token)| {
        let literal = &text[token.clone()];
        (kind == TokenKind::Str && literal.len() >= 2 && &literal[1..literal.len() - 1] == needle)
            .then_some(token)
    })
}

/// Where lines start and how many characters precede each block of the text,
/// computed once per file: a position is then found in logarithmic time, and
/// reporting many errors in a large file stays linear.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// Characters before byte `i * BLOCK`, for every block.
    chars_before_block: Vec<usize>,
}

/// Bytes per block of [`LineIndex::chars_before_block`].
const BLOCK: usize = 1024;

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut chars_before_block = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before_block.push(count);
            count += block.iter().filter(|&&b| !is_continuation(b)).count();
        }
        chars_before_block.push(count);
        LineIndex {
            starts,
            chars_before_block,
        }
    }

    /// 1-based line and column (in characters) of a byte offset of `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        (line, column)
    }

    /// The byte range of 1-based `line`, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len());
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        let end = end.max(start);
        let end = if text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// Characters of `text` before byte `offset`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        let from = (block * BLOCK).min(offset);
        let base = self.chars_before_block.get(block).copied().unwrap_or(0);
        let bytes = &text.as_bytes()[from..offset];
        base + bytes.iter().filter(|&&b| !is_continuation(b)).count()
    }
}

/// Whether a byte continues a UTF-8 character.
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// 1-based line and column (in characters) of a byte offset.
#[cfg(test)]
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// Byte offset of a 1-based line and column (in characters), clamped to the text.
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &text[line_start.min(text.len())..];
    let within = rest
        .char_indices()
        .take_while(|&(_, c)| c != '\n')
        .nth(col.saturating_sub(1))
        .map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |(i, _)| i);
    line_start + within
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// people
(
    people: [
        ( id: "a", name: "A (x)", country: "b" ), // "trap"
        /* (id: "skip") */
        ( id: "c", name: "C", aliases: ["Cé"] ),
    ],
    style: ( kinds: { "person": (shape: "box") } ),
    places: [ (id: "p", name: r#"P"#) ],
)"##;

    #[test]
    fn finds_records_of_each_section() {
        let index = RecordIndex::scan(TEXT);
        let second = index.record("people", 1).unwrap();
        assert!(TEXT[second.clone()].starts_with("( id: \"c\""));
        assert!(index.record("people", 2).is_none());
        assert!(index.record("style", 0).is_none());
        assert!(index.record("places", 0).is_some());
        let country = field(TEXT, index.record("people", 0).unwrap(), "country").unwrap();
        assert_eq!(&TEXT[country], "\"b\"");
        let alias = string(TEXT, second, "Cé").unwrap();
        assert_eq!(line_col(TEXT, alias.start), (6, 41));
    }

    #[test]
    fn offsets_and_line_columns_agree() {
        for offset in [0, 5, 14, 60] {
            let (line, col) = line_col(TEXT, offset);
            assert_eq!(offset_of(TEXT, line, col), offset);
        }
    }
}
