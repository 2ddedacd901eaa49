//! Folding text for comparison: case, accents and typographic variants.
//! (In the model because whether two facts are the same compares folded
//! names; [`crate::text`] re-exports it.)
//!
//! `Holguín`, `HOLGUIN` and `holguin` fold to the same string, and so do
//! `Côte d’Ivoire` and `Cote d'Ivoire`.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Appends the folded form of one character to `out`.
///
/// Characters are decomposed (NFKD: accents and ligatures), combining marks dropped and the rest
/// lowercased; curly quotes become `'`, dashes `-`, and every kind of space a
/// plain space.
pub fn fold_char_into(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
        '\u{201C}' | '\u{201D}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            out.push(' ')
        }
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// The folded form of `text`: lowercase, without accents, typographic variants unified.
///
/// ```
/// use newsgraph::text::fold;
///
/// assert_eq!(fold("Juan Carlos Holguín"), "juan carlos holguin");
/// assert_eq!(fold("BÁRCENA"), "barcena");
/// assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// Folds and also collapses runs of white space and strips it at both ends,
/// for comparing names typed by people.
pub fn fold_name(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_variants() {
        let cases = [
            ("Holguín", "holguin"),
            ("Nicolás Maduro", "nicolas maduro"),
            ("Darién", "darien"),
            ("Arévalo de León", "arevalo de leon"),
            ("Ñandú", "nandu"),
            ("d’Ivoire", "d'ivoire"),
            ("U.S.\u{00A0}Navy", "u.s. navy"),
            ("Sherwood–Randall", "sherwood-randall"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "{input}");
        }
    }

    #[test]
    fn fold_name_collapses_space() {
        assert_eq!(fold_name("  Antony   Blinken "), "antony blinken");
    }
}
