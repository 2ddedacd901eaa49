//! Property-based fuzzing of the stages that read untrusted input: the RON
//! loader, the sentence splitter, the date finder and the matcher. Random
//! and mutated inputs; nothing may panic, and every byte range must lie on
//! character boundaries. (`tests/linear.rs` checks that their time stays
//! linear in the input's size.)
//!
//! CI runs a bounded number of cases (64 per property). To fuzz for longer:
//!
//! ```sh
//! PROPTEST_CASES=200000 cargo test --release --test fuzz
//! ```

mod common;

use std::ops::Range;

use common::{dataset, matcher};
use newsgraph::text::{find_dates, split_sentences, split_sentences_capped};
use newsgraph::{Dataset, Date};
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES`, else 64.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces of news text, names and punctuation the splitter and matcher care about.
const PIECES: &[&str] = &[
    "Antony Blinken",
    "Blinken",
    "the Secretary of State",
    "U.S.",
    "US",
    "Holguín",
    "Ecuador's",
    "Los Choneros",
    "met with",
    "did not meet",
    "designated",
    "$13.5 million",
    "agreed",
    "visited",
    "Quito",
    "on Jan. 5",
    "December 27, 2022",
    "last year",
    "this Friday",
    "Mr.",
    "Gen.",
    "A.",
    ".",
    "..",
    "!",
    "?",
    "\"",
    "”",
    "’",
    "(",
    ")",
    "-",
    "—",
    ",",
    ";",
    ":",
    "\n",
    "\n\n",
    "• ",
    " ",
    "  ",
    "\t",
    "é",
    "ß",
    "日本",
    "🙂",
    "\u{0301}",
    "\u{2028}",
    "\r\n",
    "and",
    "the",
    "in",
    "Washington",
    "Mexico",
    "2024",
    "Monday",
];

/// Text made of pieces, with random characters among them.
fn news_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..120).prop_map(|parts| parts.join(" "))
}

fn on_boundaries(text: &str, range: &Range<usize>) -> bool {
    range.start <= range.end && text.get(range.clone()).is_some()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sentences_lie_on_boundaries_in_order(text in news_text(), cap in 8usize..200) {
        for sentences in [split_sentences(&text), split_sentences_capped(&text, cap)] {
            let mut end = 0;
            for (i, s) in sentences.iter().enumerate() {
                prop_assert_eq!(s.index, i);
                prop_assert!(on_boundaries(&text, &s.range), "{:?}", s.range);
                prop_assert!(s.range.start >= end && s.range.end > s.range.start);
                end = s.range.end;
            }
        }
        for s in split_sentences_capped(&text, cap) {
            prop_assert!(s.range.len() <= cap.max(8), "{:?} longer than {}", s.range, cap);
        }
    }

    #[test]
    fn dates_lie_on_boundaries(text in news_text(), year in 1900i32..2100) {
        for found in find_dates(&text, Date::ymd(year, 6, 15)) {
            prop_assert!(on_boundaries(&text, &found.range), "{:?}", found.range);
        }
    }

    #[test]
    fn matcher_ranges_lie_on_boundaries(text in news_text()) {
        let data = dataset();
        let (matcher, extractor) = matcher();
        let found = matcher.analyze(data, &text, Date::ymd(2022, 1, 28));
        for m in &found.mentions {
            prop_assert!(on_boundaries(&text, &m.range), "{:?}", m.range);
        }
        for fact in extractor.extract(data, &text, &found, Date::ymd(2022, 1, 28)) {
            for range in [&fact.sentence_range, &fact.subject_range, &fact.object_range, &fact.trigger_range] {
                prop_assert!(on_boundaries(&text, range), "{:?}", range);
            }
        }
        for (name, _) in found.unknown_names(&text) {
            prop_assert!(!name.is_empty());
        }
    }

    #[test]
    fn mutated_ron_gives_diagnostics_not_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..8, proptest::sample::select(&[
            "\"", "(", ")", "[", "]", ",", ":", "/*", "*/", "//", "r#\"", "é", "\n", "0", "-", "\u{FEFF}", "\u{0}",
        ][..])), 1..4)
    ) {
        let mut text = std::fs::read_to_string("tests/fixtures/minimal/data.ron").unwrap();
        for (at, delete, insert) in edits {
            let mut at = at.index(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + delete).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, insert);
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("articles")).unwrap();
        std::fs::write(dir.path().join("articles/duck-soup.txt"), "Rufus T. Firefly met Trentino.").unwrap();
        std::fs::write(dir.path().join("data.ron"), &text).unwrap();
        match Dataset::load(dir.path()) {
            Ok(_) => {}
            Err(newsgraph::LoadError::Invalid(diagnostics)) => {
                let lines = text.lines().count().max(1);
                for d in &diagnostics.0 {
                    prop_assert!(d.line >= 1 && d.line <= lines + 1, "{}", d);
                    prop_assert!(d.column >= 1);
                    prop_assert!(d.source_line.chars().count() <= 2 * 60 + 2 + d.width, "{}", d);
                }
            }
            Err(other) => prop_assert!(false, "{}", other),
        }
    }
}
