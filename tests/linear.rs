//! Time stays linear in the input's size for the stages that read untrusted
//! input: the sentence splitter, the date finder, the matcher and mentions,
//! and the loader's error reports. Checked as a ratio between two sizes of
//! the same input (8x the input may take at most 20x the time; quadratic
//! would be 64x), never as an absolute time. A test binary of its own, so
//! no other test runs beside the timings.

mod common;

use std::time::{Duration, Instant};

use common::{dataset, matcher};
use newsgraph::text::{find_dates, split_sentences};
use newsgraph::{Dataset, Date};

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

/// Reads every byte of the text once: the linear baseline.
fn read_once(text: &str) {
    let sum = text
        .bytes()
        .fold(0u64, |a, b| a.wrapping_mul(31).wrapping_add(u64::from(b)));
    std::hint::black_box(sum);
}

/// Fails unless 8× the input takes at most 20× the time (linear is 8×,
/// quadratic 64×). The ratio is taken relative to reading the input once,
/// so that a large input falling out of the processor caches does not count
/// as work; a ratio over the bound is measured again (the machine is shared)
/// before the test fails.
fn assert_linear(name: &str, unit: &str, run: &dyn Fn(&str)) {
    // One timing at a time: the tests of this file run on parallel threads.
    static TIMING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _alone = TIMING.lock().unwrap_or_else(|e| e.into_inner());
    let small = unit.repeat(4);
    let large = unit.repeat(32);
    run(&small); // warm up (lazy statics, the allocator)
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t1 = best_time(&small, run).as_secs_f64().max(1e-6);
        let t8 = best_time(&large, run).as_secs_f64();
        let b1 = best_time(&small, &read_once).as_secs_f64().max(1e-9);
        let b8 = best_time(&large, &read_once).as_secs_f64();
        let memory = (b8 / b1).clamp(8.0, 16.0) / 8.0;
        best = best.min(t8 / t1 / memory);
        eprintln!("{name}: {t1:.4}s -> {t8:.4}s, {best:.1}x after {memory:.2}x for memory");
        if best <= 20.0 {
            return;
        }
    }
    panic!("{name}: 8x the input took {best:.1}x the time");
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
