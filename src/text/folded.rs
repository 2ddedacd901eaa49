//! Folded text that remembers where each byte came from.
//!
//! Matching runs on the folded form of an article (lowercase, no accents,
//! white space runs collapsed) while mentions are reported at byte offsets of
//! the original text. [`FoldedText`] keeps the map between the two.

use crate::model::fold::fold_char_into;

/// An article's folded text and, for every folded byte, the original byte offset.
#[derive(Debug, Clone, Default)]
pub struct FoldedText {
    /// The folded text.
    pub text: String,
    /// `origin[i]` is the byte offset in the original text of the character
    /// that folded byte `i` came from; one extra entry maps the end.
    origin: Vec<u32>,
}

impl FoldedText {
    /// Folds `original`; runs of white space become one space.
    ///
    /// ```
    /// use newsgraph::text::FoldedText;
    ///
    /// let original = "Juan Carlos  Holguín said";
    /// let folded = FoldedText::new(original);
    /// assert_eq!(folded.text, "juan carlos holguin said");
    /// let start = folded.text.find("holguin").unwrap();
    /// let range = folded.original_range(start..start + "holguin".len());
    /// assert_eq!(&original[range], "Holguín");
    /// ```
    pub fn new(original: &str) -> FoldedText {
        let mut text: Vec<u8> = Vec::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut scratch = String::new();
        let mut last_was_space = false;
        let bytes = original.as_bytes();
        let mut offset = 0;
        while offset < bytes.len() {
            let b = bytes[offset];
            // ASCII, nearly all of news text, folds byte for byte.
            if b.is_ascii() {
                let space = b.is_ascii_whitespace();
                if !(space && last_was_space) {
                    text.push(if space { b' ' } else { b.to_ascii_lowercase() });
                    origin.push(offset as u32);
                }
                last_was_space = space;
                offset += 1;
                continue;
            }
            let c = original[offset..]
                .chars()
                .next()
                .expect("offset is a char boundary");
            scratch.clear();
            fold_char_into(c, &mut scratch);
            let is_space = scratch == " " || c.is_whitespace();
            if is_space {
                if !last_was_space {
                    text.push(b' ');
                    origin.push(offset as u32);
                }
            } else {
                text.extend_from_slice(scratch.as_bytes());
                origin.extend(std::iter::repeat_n(offset as u32, scratch.len()));
            }
            last_was_space = is_space;
            offset += c.len_utf8();
        }
        origin.push(original.len() as u32);
        let text = String::from_utf8(text).expect("folding keeps UTF-8");
        FoldedText { text, origin }
    }

    /// The first folded byte whose original offset is at or after `offset`
    /// (the folded length when none is).
    pub fn folded_offset(&self, offset: usize) -> usize {
        self.origin[..self.origin.len() - 1].partition_point(|&o| (o as usize) < offset)
    }

    /// The original byte offset of folded byte `index` (the end maps to the end).
    pub fn original_offset(&self, index: usize) -> usize {
        self.origin[index.min(self.origin.len() - 1)] as usize
    }

    /// The original byte range of a folded range: from the character the range
    /// starts in to the end of the character it ends in.
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.original_offset(range.start);
        let end = if range.end >= self.origin.len() - 1 {
            self.original_offset(range.end)
        } else {
            // The first folded byte after the range belongs to the next original character.
            let next = self.original_offset(range.end);
            let last = self.original_offset(range.end.saturating_sub(1));
            if next == last {
                // Range ends inside a character's folded bytes: include it whole.
                (range.end..self.origin.len())
                    .map(|i| self.original_offset(i))
                    .find(|&o| o > last)
                    .unwrap_or(next)
            } else {
                next
            }
        };
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_folded_ranges_back_to_original_bytes() {
        let cases = [
            ("Alicia Bárcena", "barcena", "Bárcena"),
            ("ÉL  dijo\u{00A0}hola", "dijo hola", "dijo\u{00A0}hola"),
            ("Côte d’Ivoire", "d'ivoire", "d’Ivoire"),
            ("x ﬁnal", "final", "ﬁnal"),
        ];
        for (original, needle, expected) in cases {
            let folded = FoldedText::new(original);
            let start = folded
                .text
                .find(needle)
                .unwrap_or_else(|| panic!("{needle} in {}", folded.text));
            let range = folded.original_range(start..start + needle.len());
            assert_eq!(&original[range], expected);
        }
    }
}
