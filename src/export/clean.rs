//! Text hygiene shared by the exports.
//!
//! Names, descriptions and evidence come from curators and from articles, so
//! any character can reach an export. Every text export passes them through
//! here:
//!
//! - [`without_controls`] drops the characters no export format carries
//!   safely: C0 controls other than tab, line feed and carriage return, DEL,
//!   C1 controls, and U+FFFE/U+FFFF. XML 1.0 forbids most of them even as
//!   character references, Graphviz copies them into SVG unchanged, and
//!   spreadsheets and terminals act on some of them.
//! - [`write_json`] writes JSON whose strings escape, besides what JSON
//!   requires, DEL, the C1 controls, U+FFFE/U+FFFF and U+2028/U+2029 (line
//!   terminators to older JavaScript), and for HTML `<`, `>` and `&`: such JSON cannot end,
//!   comment out or open a `<script>` element it is embedded in.

use std::borrow::Cow;
use std::io;

use serde::Serialize;

/// Whether the exports drop `c` (see the module documentation).
pub(crate) fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{8}'
            | '\u{B}'
            | '\u{C}'
            | '\u{E}'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{FFFE}'
            | '\u{FFFF}'
    )
}

/// `text` without the characters the exports drop.
pub(crate) fn without_controls(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_dropped) {
        Cow::Owned(text.chars().filter(|&c| !is_dropped(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// A serde_json formatter that writes `\uXXXX` for the characters JSON allows
/// raw but some readers of the output do not (see the module documentation).
struct Formatter {
    html: bool,
}

impl Formatter {
    fn escapes(&self, c: char) -> bool {
        matches!(
            c,
            '\u{7F}'..='\u{9F}' | '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}'
        ) || (self.html && matches!(c, '<' | '>' | '&'))
    }
}

impl serde_json::ser::Formatter for Formatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if self.escapes(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Every escaped character is in the Basic Multilingual Plane.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Writes `value` as compact JSON, escaped as the module documentation says;
/// with `html`, the text is safe inside `<script type="application/json">`.
pub(crate) fn write_json(
    out: &mut dyn io::Write,
    value: &impl Serialize,
    html: bool,
) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Formatter { html });
    value.serialize(&mut serializer).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_controls_but_keeps_line_breaks_and_tabs() {
        let text = "a\u{0}b\u{7}c\td\ne\rf\u{1B}g\u{7F}h\u{85}i\u{9F}j\u{FFFE}k\u{FFFF}lé\u{2028}";
        assert_eq!(without_controls(text), "abc\td\ne\rfghijklé\u{2028}");
        assert!(matches!(without_controls("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_what_could_end_a_script() {
        let value =
            serde_json::json!({ "k<": "</script><!--<script> & \u{2028}\u{7F}\u{1}\u{FFFF}" });
        let mut out = Vec::new();
        write_json(&mut out, &value, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            r#"{"k\u003c":"\u003c/script\u003e\u003c!--\u003cscript\u003e \u0026 \u2028\u007f\u0001\uffff"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        let mut out = Vec::new();
        write_json(&mut out, &value, false).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("</script>"));
    }
}
