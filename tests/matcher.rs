//! Table-driven tests of mention finding and resolution on the bundled data.

use newsgraph::mentions::{Matcher, Resolution};
use newsgraph::{Dataset, Date};

struct Case {
    name: &'static str,
    text: &'static str,
    date: &'static str,
    /// (text of the mention, entity id it must link to, or "" for unlinked).
    expect: &'static [(&'static str, &'static str)],
}

const CASES: &[Case] = &[
    Case {
        name: "accents and case are ignored",
        text: "Juan Carlos Holguin met ALICIA BARCENA.",
        date: "2023-09-01",
        expect: &[
            ("Juan Carlos Holguin", "juan-carlos-holguin"),
            ("ALICIA BARCENA", "alicia-barcena"),
        ],
    },
    Case {
        name: "titles resolve by date: 2022",
        text: "The Secretary of State spoke.",
        date: "2022-06-01",
        expect: &[("Secretary of State", "antony-blinken")],
    },
    Case {
        name: "titles resolve by date: 2025",
        text: "The Secretary of State spoke.",
        date: "2025-06-01",
        expect: &[("Secretary of State", "marco-rubio")],
    },
    Case {
        name: "a title qualified by its country",
        text: "The Mexican Foreign Minister and the head of US diplomacy met.",
        date: "2024-01-19",
        expect: &[
            ("Mexican Foreign Minister", "alicia-barcena"),
            ("head of US diplomacy", "antony-blinken"),
        ],
    },
    Case {
        name: "a sentence's own date decides the title",
        text:
            "In October 2021, the Ecuadorian President spoke. The Ecuadorian President spoke again.",
        date: "2024-03-01",
        expect: &[
            ("Ecuadorian President", "guillermo-lasso"),
            ("Ecuadorian President", "daniel-noboa"),
        ],
    },
    Case {
        name: "glued words",
        text:
            "the Secretary of State for USESAnthony Blinken and the ambassador in U.SIvonne A. Baki",
        date: "2022-01-28",
        expect: &[
            ("Secretary of State", "antony-blinken"),
            ("Anthony Blinken", "antony-blinken"),
            ("Ivonne A. Baki", "ivonne-a-baki"),
        ],
    },
    Case {
        name: "short capital aliases are case-sensitive and need whole words",
        text: "Thus the US and the U.S. said: us, too. The UN agreed.",
        date: "2022-01-28",
        expect: &[
            ("US", "united-states"),
            ("U.S.", "united-states"),
            ("UN", "united-nations"),
        ],
    },
    Case {
        name: "a weak alias without corroboration is not linked",
        text: "Lasso spoke about the economy.",
        date: "2022-01-28",
        expect: &[("Lasso", "")],
    },
    Case {
        name: "a weak alias corroborated by the full name",
        text: "Guillermo Lasso arrived. Later, Lasso spoke.",
        date: "2022-01-28",
        expect: &[
            ("Guillermo Lasso", "guillermo-lasso"),
            ("Lasso", "guillermo-lasso"),
        ],
    },
    Case {
        name: "a weak alias corroborated by a title",
        text: "The Secretary of State arrived. Blinken spoke.",
        date: "2022-01-28",
        expect: &[
            ("Secretary of State", "antony-blinken"),
            ("Blinken", "antony-blinken"),
        ],
    },
    Case {
        name: "a common word is not a capitalised alias",
        text: "They discussed defense and the Marina district.",
        date: "2024-01-19",
        expect: &[("Marina", "")],
    },
    Case {
        name: "the longest name wins, possessive forms of 'X of COUNTRY' names too",
        text: "Ecuador's Navy and Ecuador's National Police met the Ecuadorian Armed Forces.",
        date: "2024-01-19",
        expect: &[
            ("Ecuador's Navy", "ecuador-navy"),
            ("Ecuador's National Police", "ecuador-national-police"),
            ("Ecuadorian Armed Forces", "ecuador-armed-forces"),
        ],
    },
    Case {
        name: "demonyms stand for governments, compound ones do not",
        text: "The Ecuadorian delegation reached the South American nation.",
        date: "2024-01-19",
        expect: &[
            ("Ecuadorian", "ecuador"),
            ("South American", "south-america"),
        ],
    },
    Case {
        name: "a metonym after 'in' is the place",
        text: "The United States said so. They met in Washington.",
        date: "2024-01-19",
        expect: &[
            ("United States", "united-states"),
            ("Washington", "washington-dc"),
        ],
    },
];

#[test]
fn mentions_link_as_expected() {
    let dataset = Dataset::load("data").unwrap();
    let matcher = Matcher::new(&dataset);
    for case in CASES {
        let found = matcher.analyze(&dataset, case.text, case.date.parse::<Date>().ok());
        let got: Vec<(&str, &str)> = found
            .mentions
            .iter()
            .map(|m| {
                (
                    &case.text[m.range.clone()],
                    m.entity.map_or("", |e| dataset.entities[e].id.as_str()),
                )
            })
            .collect();
        assert_eq!(got, case.expect, "{}: {:#?}", case.name, found.mentions);
    }
}

#[test]
fn unlinked_mentions_say_why() {
    let dataset = Dataset::load("data").unwrap();
    let found = Matcher::new(&dataset).analyze(&dataset, "Lasso spoke.", Date::ymd(2022, 1, 1));
    match &found.mentions[0].resolution {
        Resolution::Unlinked { why } => {
            assert!(why.contains("weak alias of Guillermo Lasso"), "{why}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_names_are_reported() {
    let dataset = Dataset::load("data").unwrap();
    let text = "Antony Blinken met Pedro Páramo in Comala. Pedro Páramo said little.";
    let found = Matcher::new(&dataset).analyze(&dataset, text, Date::ymd(2022, 1, 1));
    let unknown = found.unknown_names(text);
    assert_eq!(unknown[0], ("Pedro Páramo".to_string(), 2));
    assert!(unknown.iter().any(|(n, _)| n == "Comala"));
}
