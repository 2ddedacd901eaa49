//! The matcher on text nobody would write: random mixes of names, titles,
//! dates, accents, punctuation and multi-byte characters. It must never panic,
//! and every reported range must slice the article on character boundaries.

use newsgraph::extract::Extractor;
use newsgraph::mentions::Matcher;
use newsgraph::{Dataset, Date, Loaded};

/// SplitMix64, so every run tests the same texts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "Antony Blinken",
    "Blinken",
    "the Secretary of State",
    "Secretary of StateMarco Rubio",
    "U.S",
    "U.S.",
    "US",
    "Holguín",
    "HOLGUÍN",
    "holguin",
    "Bárcena",
    "Ecuador's",
    "Ecuador’s Navy",
    "Los Lobos",
    "Los Choneros",
    "met with",
    "did not meet",
    "will meet",
    "spoke by telephone with",
    "designated",
    "as foreign terrorist organizations",
    "announced funding of",
    "$13.5 million",
    "USD 20 million",
    "300,000 dollars",
    "$",
    "million",
    "agreed",
    "agreement",
    "both countries",
    "the two officials",
    "the country",
    "visit by",
    "to",
    "and",
    ",",
    ", and",
    ".",
    ".-",
    "!",
    "?",
    ";",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\u{00A0}",
    "on Friday",
    "this Saturday",
    "December 27",
    "in September",
    "last year",
    "Published on November 21, 2022",
    "date 2022-01-29",
    "2022-13-45",
    "May",
    "March",
    "é",
    "ñ",
    "ü",
    "ß",
    "İ",
    "ﬁ",
    "日本",
    "🙂",
    "\u{0301}",
    "«",
    "»",
    "“",
    "”",
    "'",
    "’",
    "(",
    ")",
    "Mr.",
    "Gen.",
    "A.",
    "e.g.",
    "...",
];

#[test]
fn random_text_never_breaks_the_matcher() {
    let Loaded {
        dataset, patterns, ..
    } = Loaded::load("data").unwrap();
    let matcher = Matcher::new(&dataset);
    let extractor = Extractor::new(&patterns);
    let mut rng = Rng(7);
    for case in 0..1500 {
        let pieces = 1 + (rng.next() % 60) as usize;
        let mut text = String::new();
        for _ in 0..pieces {
            text.push_str(rng.pick(PIECES));
            if rng.next() % 3 == 0 {
                text.push(' ');
            }
        }
        let date = if case % 4 == 0 {
            None
        } else {
            Date::ymd(2022, 1, 29)
        };
        let found = matcher.analyze(&dataset, &text, date);
        for mention in &found.mentions {
            assert!(
                text.get(mention.range.clone()).is_some(),
                "case {case}: mention {:?} in {text:?}",
                mention.range
            );
        }
        for sentence in &found.sentences {
            assert!(
                text.get(sentence.range.clone()).is_some(),
                "case {case}: sentence in {text:?}"
            );
        }
        let _ = found.unknown_names(&text);
        for fact in extractor.extract(&dataset, &text, &found, date) {
            for range in [
                &fact.sentence_range,
                &fact.subject_range,
                &fact.object_range,
                &fact.trigger_range,
            ] {
                assert!(
                    text.get(range.clone()).is_some(),
                    "case {case}: fact range {range:?} in {text:?}"
                );
            }
        }
    }
}

#[test]
fn mangled_data_files_give_diagnostics_not_panics() {
    let original = std::fs::read_to_string("tests/fixtures/minimal/data.ron").unwrap();
    let article = std::fs::read_to_string("tests/fixtures/minimal/articles/duck-soup.txt").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/duck-soup.txt"), article).unwrap();
    let inserts = [
        "\"", "(", ")", "[", "]", ",", ":", "/*", "*/", "//", "r#\"", "é", "\n", "0", "-",
    ];
    let mut rng = Rng(11);
    for case in 0..300 {
        let mut text = original.clone();
        for _ in 0..1 + rng.next() % 3 {
            let mut at = (rng.next() % text.len() as u64) as usize;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if rng.next() % 2 == 0 {
                let mut end = (at + 1 + (rng.next() % 8) as usize).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, rng.pick(&inserts));
            }
        }
        std::fs::write(dir.path().join("data.ron"), &text).unwrap();
        match Dataset::load(dir.path()) {
            Ok(_) => {}
            Err(newsgraph::LoadError::Invalid(diagnostics)) => {
                assert!(!diagnostics.0.is_empty(), "case {case}");
                let rendered = diagnostics.to_string();
                assert!(rendered.contains("data.ron:"), "case {case}: {rendered}");
            }
            Err(other) => panic!("case {case}: {other}"),
        }
    }
}
