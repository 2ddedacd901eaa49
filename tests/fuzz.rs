//! Property-based fuzzing of the stages that read untrusted input: the RON
//! loader, the sentence splitter, the date finder and the matcher. Random
//! and mutated inputs; nothing may panic, every byte range must lie on
//! character boundaries, and time must stay linear in the input's size
//! (checked as a ratio between two sizes, never as an absolute time).
//!
//! CI runs a bounded number of cases (64 per property). To fuzz for longer:
//!
//! ```sh
//! PROPTEST_CASES=200000 cargo test --release --test fuzz
//! ```

use std::ops::Range;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use newsgraph::extract::Extractor;
use newsgraph::mentions::Matcher;
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

fn dataset() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::load("data").expect("the bundled data loads"))
}

fn matcher() -> &'static (Matcher, Extractor) {
    static MATCHER: OnceLock<(Matcher, Extractor)> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let data = dataset();
        (Matcher::new(data), Extractor::new(&data.patterns))
    })
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

/// The best of five timings of `run` on `input`.
fn best_time(input: &str, run: &dyn Fn(&str)) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            run(input);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Fails unless 8× the input takes at most 20× the time (linear is 8×,
/// quadratic 64×).
fn assert_linear(name: &str, unit: &str, run: &dyn Fn(&str)) {
    // One timing at a time: the tests of this file run on parallel threads.
    static TIMING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _alone = TIMING.lock().unwrap_or_else(|e| e.into_inner());
    let small = unit.repeat(4);
    let large = unit.repeat(32);
    run(&small); // warm up (lazy statics, the allocator)
    let t1 = best_time(&small, run);
    let t8 = best_time(&large, run);
    let ratio = t8.as_secs_f64() / t1.as_secs_f64().max(1e-6);
    assert!(
        ratio <= 20.0,
        "{name}: 8x the input took {ratio:.1}x the time ({t1:?} -> {t8:?})"
    );
}

/// Inputs that made a stage quadratic, each a unit repeated 4 and 32 times.
fn pathological_units() -> Vec<(&'static str, String)> {
    vec![
        (
            "one sentence without punctuation",
            "the minister met with Blinken and talks Ecuador about trade ".repeat(40),
        ),
        ("runs of dots", ".".repeat(2000) + "x"),
        ("blank lines", "\n".repeat(2000)),
        ("white space then lines", " ".repeat(2000) + "a\nb\n"),
        (
            "a news article",
            std::fs::read_to_string("tests/fixtures/minimal/articles/duck-soup.txt").unwrap()
                + "\nAntony Blinken met Juan Carlos Holguín in Quito on Jan. 5. The U.S. and Ecuador agreed.\n",
        ),
    ]
}

#[test]
fn the_sentence_splitter_is_linear() {
    for (name, unit) in pathological_units() {
        let unit = unit.repeat(64); // long enough that a run takes milliseconds
        assert_linear(name, &unit, &|text| {
            std::hint::black_box(split_sentences(text));
        });
    }
}

#[test]
fn the_date_finder_is_linear() {
    let unit = "on December 27, 2022 and this Friday, last year in Jan. 2021 ".repeat(50);
    assert_linear("dates", &unit, &|text| {
        std::hint::black_box(find_dates(text, Date::ymd(2022, 1, 28)));
    });
}

#[test]
fn the_matcher_and_mentions_are_linear() {
    let data = dataset();
    let (matcher, extractor) = matcher();
    for (name, unit) in pathological_units() {
        assert_linear(name, &unit, &|text| {
            let found = matcher.analyze(data, text, Date::ymd(2022, 1, 28));
            std::hint::black_box(found.unknown_names(text));
            std::hint::black_box(extractor.extract(data, text, &found, Date::ymd(2022, 1, 28)));
        });
    }
}

#[test]
fn the_loader_reports_many_errors_in_linear_time() {
    let unit = "        (id: \"same\", name: \"Place\"),\n".repeat(100);
    assert_linear("duplicate ids", &unit, &|records| {
        let dir = tempfile::tempdir().unwrap();
        let ron = format!("(\n    places: [\n{records}    ],\n)\n");
        std::fs::write(dir.path().join("data.ron"), ron).unwrap();
        let _ = std::hint::black_box(Dataset::load(dir.path()));
    });
}
