//! Dates a user notices (issue #14): a fact takes its own clause's date, not
//! the dateline's, and never a date from a future clause after it.

use newsgraph::extract::Extractor;
use newsgraph::mentions::Matcher;
use newsgraph::{Date, Loaded};

/// The dates of the facts the matcher finds in `text`, published on `published`.
fn fact_dates(text: &str, published: Option<Date>) -> Vec<String> {
    let Loaded {
        dataset, patterns, ..
    } = Loaded::load("data").unwrap();
    let matcher = Matcher::new(&dataset);
    let extractor = Extractor::new(&patterns);
    let found = matcher.analyze(&dataset, text, published);
    let fallback = published.or(found.reference_date);
    extractor
        .extract(&dataset, text, &found, fallback)
        .iter()
        .map(|f| f.date.to_string())
        .collect()
}

#[test]
fn the_weekday_in_the_sentence_beats_the_dateline() {
    let text = "QUITO, June 13 — Secretary of State Marco Rubio met with President Daniel Noboa on Tuesday.";
    assert_eq!(fact_dates(text, Date::ymd(2025, 6, 13)), ["2025-06-10"]);
}

#[test]
fn an_article_without_a_source_record_is_dated_by_its_dateline() {
    let text = "Rubio in Quito\n\nQUITO, June 13, 2025 — Secretary of State Marco Rubio met with President Daniel Noboa on Tuesday.";
    assert_eq!(fact_dates(text, None), ["2025-06-10"]);
}

#[test]
fn a_date_in_a_future_clause_dates_nothing_that_happened() {
    let text = "QUITO, June 13, 2025 — President Daniel Noboa thanked Secretary of State Marco Rubio \
                on Thursday and said the first funds would arrive in September. Noboa thanked Rubio \
                for the support that will arrive in September.";
    let dates = fact_dates(text, Date::ymd(2025, 6, 13));
    assert!(!dates.is_empty());
    assert!(dates.iter().all(|d| d == "2025-06-12"), "{dates:?}");
}

#[test]
fn a_fact_dated_after_its_sources_were_published_is_flagged() {
    use newsgraph::model::{Relation, RelationKind};
    use newsgraph::{Dataset, KnowledgeGraph};

    let mut dataset = Dataset::load("data").unwrap();
    let clean = KnowledgeGraph::build(dataset.clone());
    assert!(
        clean.dated_after_publication().is_empty(),
        "the bundled data has no fact dated after its sources (planned events are not judged)"
    );
    // The source was published on 2022-01-29; a fact it states cannot be of March.
    dataset.relations.push(Relation {
        from: "antony-blinken".into(),
        relation: RelationKind::MetWith {
            mode: newsgraph::model::MeetingMode::InPerson,
        },
        to: "juan-carlos-holguin".into(),
        date: Date::ym(2022, 3).unwrap(),
        sources: vec!["wire-2022-01-29-holguin-blinken".into()],
        event: None,
        evidence: None,
        note: None,
    });
    let late = KnowledgeGraph::build(dataset).dated_after_publication();
    assert_eq!(late.len(), 1, "{late:?}");
    assert_eq!(late[0].date.to_string(), "2022-03");
    assert_eq!(late[0].published.to_string(), "2022-01-29");
    assert_eq!(late[0].source, "wire-2022-01-29-holguin-blinken");
}
