//! The English language pack (`lang/english.ron`): abbreviations, list
//! bullets, page chrome, irregular verbs, adverbs that may stand inside a
//! trigger, reporting verbs, currencies, calendar words, and the matcher's
//! tuning constants ([`Tuning`]). What is English rather than code lives
//! there. A pack is checked when it loads ([`Language::parse`]); an error
//! names the file, line and column.
//!
//! ```
//! use newsgraph::text::Language;
//!
//! let english = Language::english();
//! assert!(english.is_abbreviation("Brig"));
//! assert_eq!(english.inflections("meet"), ["meet", "meets", "met", "meeting"]);
//! assert_eq!(english.inflections("sign"), ["sign", "signs", "signed", "signing"]);
//! ```

use std::collections::HashSet;

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::fold_name;
use super::tuning::{Calendar, Currencies, Grammar, Invalid, NameWords, Tuning};

/// The bundled English language pack.
const ENGLISH: &str = include_str!("../../lang/english.ron");

/// A language pack that cannot be used: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct LanguageError {
    /// The pack's file, as given to [`Language::parse`].
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// One line saying what is wrong.
    pub message: String,
}

/// What the matcher knows about a language, as loaded from its pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// Words that end with a period without ending a sentence, lowercase.
    pub abbreviations: Vec<String>,
    /// Words after which a line break does not end a sentence.
    pub continuations: Vec<String>,
    /// Characters that open a list item at the start of a line.
    pub bullets: Vec<String>,
    /// Openings of lines that are links, captions or archive notes, folded.
    pub page_chrome: Vec<String>,
    /// Irregular verbs: base, past, past participle.
    pub verbs: Vec<[String; 3]>,
    /// Adverbs that may stand inside a trigger phrase.
    pub gap_words: Vec<String>,
    /// Verbs that introduce reported speech.
    pub reporting: Vec<String>,
    /// Pronouns by which a statement's author speaks ("I", "we").
    pub first_person: Vec<String>,
    /// Nouns that make a demonym stand for its government ("the Qatari delegation").
    pub group_nouns: Vec<String>,
    /// Words of honorifics, ranks and offices that stand before a name.
    pub titles: Vec<String>,
    /// Function words that are never a name on their own: a strong alias
    /// equal to one would match in every article ("the", "a", "I").
    #[serde(default)]
    pub stop_words: Vec<String>,
    /// The matcher's tuning constants: certainties, weights and windows.
    pub tuning: Tuning,
    /// Currency symbols, codes and words, and scale words.
    pub currencies: Currencies,
    /// Month and weekday names and relative-date words.
    pub calendar: Calendar,
    /// Words of capitalised names, for the names nobody linked.
    pub names: NameWords,
    /// Function words by their role in the matcher's rules.
    pub grammar: Grammar,
    #[serde(skip)]
    gap_set: FxHashSet<String>,
    #[serde(skip)]
    gap_lengths: (usize, usize),
    #[serde(skip)]
    title_words: FxHashSet<String>,
}

impl Language {
    /// The bundled English pack, parsed once.
    pub fn english() -> &'static Language {
        static PACK: OnceLock<Language> = OnceLock::new();
        PACK.get_or_init(|| {
            Language::parse(ENGLISH, "lang/english.ron")
                .unwrap_or_else(|e| panic!("the bundled pack is valid (tested): {e}"))
        })
    }

    /// A language pack read from RON `text`, checked: every value in range
    /// (certainties in (0, 1], windows at least 1, twelve months …). `file`
    /// names the pack in errors.
    ///
    /// ```
    /// use newsgraph::text::Language;
    ///
    /// let english = include_str!("../../lang/english.ron");
    /// let bad = english.replace("header_lines: 8,", "header_lines: 0,");
    /// let error = Language::parse(&bad, "english.ron").unwrap_err();
    /// assert!(error.to_string().contains("header_lines"), "{error}");
    /// ```
    pub fn parse(text: &str, file: &str) -> Result<Language, LanguageError> {
        let error = |line: usize, column: usize, message: String| LanguageError {
            file: file.to_string(),
            line,
            column,
            message,
        };
        let mut pack: Language = ron::from_str(text).map_err(|e| {
            let (line, column) = (e.span.start.line, e.span.start.col);
            let mut message = e.code.to_string();
            if e.code == ron::Error::IntegerOutOfBounds {
                message.push_str(": a window is a whole number of 1 or more");
            }
            // Name the field the value belongs to, when its line names one.
            let field = text.lines().nth(line.saturating_sub(1)).and_then(|l| {
                let (name, _) = l.split_once(':')?;
                let name = name.trim();
                let ident =
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                ident.then_some(name)
            });
            if let Some(field) = field {
                message = format!("{field}: {message}");
            }
            error(line, column, message)
        })?;
        let checks = [
            pack.tuning.check(),
            pack.currencies.check(),
            pack.calendar.check(),
        ];
        if let Some(Err(Invalid { field, message })) = checks.into_iter().find(Result::is_err) {
            let (line, column) = field_position(text, field);
            return Err(error(line, column, format!("{field}: {message}")));
        }
        pack.gap_set = pack.gap_words.iter().map(|w| fold_name(w)).collect();
        let lengths = pack.gap_set.iter().map(String::len);
        pack.gap_lengths = (
            lengths.clone().min().unwrap_or(0),
            lengths.max().unwrap_or(0),
        );
        pack.title_words = pack
            .titles
            .iter()
            .flat_map(|t| {
                fold_name(t)
                    .split(' ')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        Ok(pack)
    }

    /// Whether `word` (without its period) is a known abbreviation.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.abbreviations.contains(&lower)
    }

    /// Whether a line break after `word` leaves the sentence open.
    pub fn is_continuation(&self, word: &str) -> bool {
        self.continuations.iter().any(|c| c == word)
    }

    /// Whether `line` (trimmed) opens with a list bullet followed by a space.
    pub fn starts_with_bullet(&self, line: &str) -> bool {
        self.bullets.iter().any(|b| {
            line.strip_prefix(b.as_str())
                .is_some_and(|rest| rest.starts_with(char::is_whitespace))
        })
    }

    /// Whether `line` is page chrome ("MORE: Readout of …") rather than prose.
    pub fn is_page_chrome(&self, line: &str) -> bool {
        // Only the line's opening words matter, compared without folding the line.
        let line = line.trim_start_matches(|c: char| !c.is_alphanumeric());
        self.page_chrome.iter().any(|p| {
            line.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        })
    }

    /// Whether a folded word is a function word ([`Language::stop_words`]).
    pub fn is_stop_word(&self, folded_word: &str) -> bool {
        self.stop_words.iter().any(|w| w == folded_word)
    }

    /// Whether a folded word may stand inside a trigger without breaking it.
    pub fn is_gap_word(&self, folded_word: &str) -> bool {
        // Most words are ruled out by their length before any hashing.
        let len = folded_word.len();
        (self.gap_lengths.0..=self.gap_lengths.1).contains(&len)
            && self.gap_set.contains(folded_word)
    }

    /// Whether every word of `text` belongs to a title ("Prime Minister",
    /// "Brig. Gen."), ignoring case, accents and periods; false when empty.
    pub fn is_title(&self, text: &str) -> bool {
        let folded = fold_name(text);
        let mut words = folded
            .split(|c: char| c.is_whitespace() || c == '.')
            .filter(|w| !w.is_empty())
            .peekable();
        words.peek().is_some() && words.all(|w| self.title_words.contains(w))
    }

    /// The title ending right before byte `at` ("President" in "President
    /// Macron", "Brig. Gen." in "Brig. Gen. Smith"), at most three words.
    pub fn title_before<'t>(&self, text: &'t str, at: usize) -> Option<&'t str> {
        // Three words at most: look back a bounded stretch, never the whole text.
        let mut from = at.saturating_sub(self.tuning.title_bytes);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let before = &text[..at];
        let cut = before[from..]
            .rfind([',', ';', ':', '(', '"', '\n'])
            .map_or(from, |i| from + i + 1);
        let words: Vec<(usize, &str)> = before[cut..]
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
            .collect();
        let mut found = None;
        for n in 1..=self.tuning.title_words.min(words.len()) {
            let start = words[words.len() - n].0;
            if self.is_title(&text[start..at]) {
                found = Some(text[start..at].trim_end());
            }
        }
        found
    }

    /// Whether a short descriptor ends in a title word: "opposition leader",
    /// "Colombian counterpart" (at most three words).
    pub fn is_described_title(&self, text: &str) -> bool {
        let folded = fold_name(text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        (1..=3).contains(&words.len())
            && words
                .last()
                .is_some_and(|w| self.title_words.contains(w.trim_end_matches('.')))
            && words.iter().all(|w| w.chars().all(char::is_alphabetic))
    }

    /// Whether `word` (folded) is a group noun ("delegation").
    pub fn is_group_noun(&self, word: &str) -> bool {
        self.group_nouns.iter().any(|g| g == word)
    }

    /// Whether a word is a reporting verb ("said"), ignoring case.
    pub fn is_reporting(&self, word: &str) -> bool {
        self.reporting.iter().any(|v| v.eq_ignore_ascii_case(word))
    }

    /// Whether a word is a first-person pronoun ("I", "we"), ignoring case.
    pub fn is_first_person(&self, word: &str) -> bool {
        self.first_person
            .iter()
            .any(|v| v.eq_ignore_ascii_case(word))
    }

    /// Whether a folded word is a verb's past form: a listed irregular past
    /// or participle ("met", "flown"), or a regular "-ed" form ("visited").
    ///
    /// ```
    /// let english = newsgraph::text::Language::english();
    /// assert!(english.is_past_form("flew") && english.is_past_form("visited"));
    /// assert!(!english.is_past_form("travels"));
    /// ```
    pub fn is_past_form(&self, folded_word: &str) -> bool {
        let irregular = self
            .verbs
            .iter()
            .any(|v| v[1] == folded_word || v[2] == folded_word);
        irregular || (folded_word.len() > 4 && folded_word.ends_with("ed"))
    }

    /// Every form of a verb: base, third person, past (and participle when
    /// it differs), present participle; irregular forms from the pack.
    pub fn inflections(&self, base: &str) -> Vec<String> {
        let base = base.to_lowercase();
        let mut forms = vec![base.clone(), third_person(&base)];
        let pasts: Vec<&[String; 3]> = self.verbs.iter().filter(|v| v[0] == base).collect();
        if pasts.is_empty() {
            forms.push(regular_past(&base));
        }
        for verb in &pasts {
            forms.push(verb[1].clone());
            forms.push(verb[2].clone());
        }
        let doubled_past = |v: &&[String; 3]| {
            let tail = v[1].strip_prefix(base.as_str()).unwrap_or("");
            tail.len() == 3 && tail.ends_with("ed") && base.ends_with(&tail[..1])
        };
        let irregular: Vec<&[String; 3]> = self.verbs.iter().filter(|v| v[0] == base).collect();
        if irregular.is_empty() || !irregular.iter().all(doubled_past) {
            forms.push(present_participle(&base));
        }
        if irregular.iter().any(doubled_past) {
            forms.push(format!("{base}{}ing", &base[base.len() - 1..]));
        }
        let mut seen = HashSet::new();
        forms.retain(|f| seen.insert(f.clone()));
        forms
    }
}

/// The bundled English pack's tuning constants ([`Language::tuning`]).
pub fn tuning() -> &'static Tuning {
    &Language::english().tuning
}

/// The line and column (1-based) where `field:` is written in RON `text`,
/// outside comments and strings; the start of the file when it is not.
fn field_position(text: &str, field: &str) -> (usize, usize) {
    for (n, line) in text.lines().enumerate() {
        let code = line.find("//").map_or(line, |i| &line[..i]);
        let mut from = 0;
        while let Some(i) = code[from..].find(field) {
            let at = from + i;
            let before_ok = code[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '"'));
            let after = code[at + field.len()..].trim_start();
            if before_ok && after.starts_with(':') {
                return (n + 1, code[..at].chars().count() + 1);
            }
            from = at + field.len();
        }
    }
    (1, 1)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn third_person(base: &str) -> String {
    let b = base.as_bytes();
    if base.ends_with(['s', 'x', 'z']) || base.ends_with("ch") || base.ends_with("sh") {
        format!("{base}es")
    } else if b.len() > 1 && base.ends_with('y') && !is_vowel(b[b.len() - 2]) {
        format!("{}ies", &base[..base.len() - 1])
    } else {
        format!("{base}s")
    }
}

fn regular_past(base: &str) -> String {
    let b = base.as_bytes();
    if base.ends_with('e') {
        format!("{base}d")
    } else if b.len() > 1 && base.ends_with('y') && !is_vowel(b[b.len() - 2]) {
        format!("{}ied", &base[..base.len() - 1])
    } else if doubles_final_consonant(base) {
        format!("{base}{}ed", &base[base.len() - 1..])
    } else {
        format!("{base}ed")
    }
}

fn present_participle(base: &str) -> String {
    if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if base.ends_with('e') && !base.ends_with("ee") && base.len() > 2 {
        format!("{}ing", &base[..base.len() - 1])
    } else if doubles_final_consonant(base) {
        format!("{base}{}ing", &base[base.len() - 1..])
    } else {
        format!("{base}ing")
    }
}

/// One-syllable verbs ending consonant–vowel–consonant double it ("stop" →
/// "stopped"); longer ones are listed in the pack when they do.
fn doubles_final_consonant(base: &str) -> bool {
    let b = base.as_bytes();
    let n = b.len();
    let vowels = b.iter().filter(|&&c| is_vowel(c)).count();
    n >= 3
        && vowels == 1
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_and_irregular_forms() {
        let en = Language::english();
        for (base, forms) in [
            ("visit", vec!["visit", "visits", "visited", "visiting"]),
            (
                "provide",
                vec!["provide", "provides", "provided", "providing"],
            ),
            ("pledge", vec!["pledge", "pledges", "pledged", "pledging"]),
            ("agree", vec!["agree", "agrees", "agreed", "agreeing"]),
            (
                "finance",
                vec!["finance", "finances", "financed", "financing"],
            ),
            ("hold", vec!["hold", "holds", "held", "holding"]),
            (
                "speak",
                vec!["speak", "speaks", "spoke", "spoken", "speaking"],
            ),
            (
                "commit",
                vec!["commit", "commits", "committed", "committing"],
            ),
            ("stop", vec!["stop", "stops", "stopped", "stopping"]),
            ("reach", vec!["reach", "reaches", "reached", "reaching"]),
            (
                "travel",
                vec![
                    "travel",
                    "travels",
                    "traveled",
                    "travelled",
                    "traveling",
                    "travelling",
                ],
            ),
        ] {
            assert_eq!(en.inflections(base), forms, "{base}");
        }
    }

    /// The bundled pack with `from` replaced by `to` (which must be there once).
    fn altered(from: &str, to: &str) -> String {
        assert_eq!(ENGLISH.matches(from).count(), 1, "{from}");
        ENGLISH.replace(from, to)
    }

    /// The line (1-based) of the bundled pack holding `needle`.
    fn line_of(needle: &str) -> usize {
        ENGLISH.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    #[test]
    fn bundled_pack_loads_with_every_section() {
        let en = Language::parse(ENGLISH, "lang/english.ron").unwrap();
        assert_eq!(en.calendar.months.len(), 12);
        assert_eq!(en.calendar.weekdays[0], "monday");
        assert_eq!(en.tuning.header_lines, 8);
        assert_eq!(en.tuning.fronted_visit, 0.7);
        assert_eq!(en.currencies.symbols[0], ("us$".into(), "USD".into()));
        assert!(en.names.connectors.contains(&"van".to_string()));
        assert_eq!(tuning().title_words, 3);
    }

    #[test]
    fn bad_packs_are_refused_with_their_place() {
        let cases = [
            // A negative window does not even parse as a window.
            ("header_lines: 8,", "header_lines: -3,", "header_lines"),
            ("header_lines: 8,", "header_lines: 0,", "header_lines"),
            (
                "fronted_visit: 0.7,",
                "fronted_visit: 1.5,",
                "fronted_visit",
            ),
            (
                "glued_mention: 0.9,",
                "glued_mention: 0.0,",
                "glued_mention",
            ),
            ("member_named: 0.5,", "member_named: -0.5,", "member_named"),
            ("\"november\", \"december\",", "\"november\",", "months: ["),
            ("(\"pesos\", \"MXN\")", "(\"pesos\", \"Peso\")", " words: ["),
            ("(\"k\", 1e3)", "(\"k\", 0.0)", " scales: ["),
        ];
        for (from, to, place) in cases {
            let error = Language::parse(&altered(from, to), "english.ron").unwrap_err();
            let text = error.to_string();
            assert!(text.starts_with("english.ron:"), "{text}");
            assert!(error.message.len() > 10, "{text}");
            let line = line_of(place);
            // Syntax errors point into the value, checks at the field's name
            // (or the list it is in).
            assert!(
                error.line == line || error.line == line_of(from),
                "{to}: {text}, expected line {line}"
            );
        }
        let error = Language::parse(
            &altered("fronted_visit: 0.7,", "fronted_visit: 1.5,"),
            "x.ron",
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "x.ron:{}:9: fronted_visit: a certainty must be over 0 and at most 1, not 1.5",
                line_of("fronted_visit:")
            )
        );
        let error =
            Language::parse(&altered("yesterday: \"yesterday\",", ""), "x.ron").unwrap_err();
        assert!(error.message.contains("yesterday"), "{error}");
    }

    #[test]
    fn bullets_chrome_and_gaps() {
        let en = Language::english();
        assert!(en.starts_with_bullet("• $5 million for UNICEF"));
        assert!(en.starts_with_bullet("- item"));
        assert!(!en.starts_with_bullet("-5 degrees"));
        assert!(en.is_page_chrome("MORE: Readout of the meeting"));
        assert!(!en.is_page_chrome("More than 40 people met"));
        assert!(en.is_gap_word("today"));
        assert!(en.is_reporting("Said"));
        assert!(en.is_title("Prime Minister"));
        assert!(en.is_title("Brig. Gen."));
        assert!(!en.is_title("met with"));
        assert!(!en.is_title(""));
        let text = "He met Brig. Gen. Smith and President Macron";
        assert_eq!(
            en.title_before(text, text.find("Smith").unwrap()),
            Some("Brig. Gen.")
        );
        assert_eq!(
            en.title_before(text, text.find("Macron").unwrap()),
            Some("President")
        );
        assert_eq!(en.title_before(text, 3), None);
    }
}
