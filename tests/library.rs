//! The library API on the bundled data: resolving names, derived facts, who-met.

use newsgraph::graph::{FactOrigin, ResolveError};
use newsgraph::model::{Date, RelationKind};
use newsgraph::{Dataset, KnowledgeGraph};

fn graph() -> KnowledgeGraph {
    KnowledgeGraph::build(Dataset::load("data").expect("bundled data loads"))
}

#[test]
fn names_resolve_ignoring_case_accents_and_spacing() {
    let graph = graph();
    let cases = [
        ("antony-blinken", "antony-blinken"),
        ("Antony Blinken", "antony-blinken"),
        ("blinken", "antony-blinken"),
        ("  ANTHONY   blinken ", "antony-blinken"),
        ("Holguin", "juan-carlos-holguin"),
        ("holguín", "juan-carlos-holguin"),
        ("Barcena", "alicia-barcena"),
        ("Carlos Holguín", "juan-carlos-holguin"),
        ("USAID", "usaid"),
        ("Los Choneros", "los-choneros"),
    ];
    for (name, id) in cases {
        assert_eq!(graph.resolve(name).map(|e| e.id.as_str()), Ok(id), "{name}");
    }
}

#[test]
fn strong_names_win_over_weak_aliases() {
    // "Washington" is a weak alias of both the US government and the city,
    // so it stays ambiguous; "Quito" is the city's name and a weak alias of Ecuador.
    let graph = graph();
    assert_eq!(graph.resolve("Quito").unwrap().id, "quito");
    match graph.resolve("Washington") {
        Err(ResolveError::Ambiguous { candidates, .. }) => {
            let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, ["united-states", "washington-dc"]);
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
}

#[test]
fn unknown_names_come_with_suggestions() {
    match graph().resolve("Mayorcas") {
        Err(ResolveError::Unknown { suggestions, .. }) => {
            assert_eq!(suggestions[0].id, "alejandro-mayorkas");
        }
        other => panic!("expected unknown, got {other:?}"),
    }
}

#[test]
fn meetings_are_derived_from_events_once() {
    let graph = graph();
    let met: Vec<_> = graph
        .facts_of("juan-carlos-holguin")
        .filter(|f| matches!(f.fact.relation, RelationKind::MetWith { .. }))
        .collect();
    // Blinken, Nichols and Peterson on 2022-01-28; Nuland on 2022-11-16.
    // Vayas and Baki sat on Holguín's side: no met_with between colleagues.
    let mut others: Vec<&str> = met
        .iter()
        .map(|f| f.other("juan-carlos-holguin").id.as_str())
        .collect();
    others.sort();
    assert_eq!(
        others,
        [
            "antony-blinken",
            "brian-a-nichols",
            "lisa-peterson",
            "victoria-nuland"
        ]
    );
    assert!(met
        .iter()
        .all(|f| f.fact.origin == FactOrigin::Derived && f.fact.event.is_some()));
}

#[test]
fn planned_meetings_give_no_met_with() {
    let graph = graph();
    let planned = "us-mexico-fentanyl-meeting-2024-02";
    assert!(!graph
        .facts()
        .any(|f| f.fact.event.as_deref() == Some(planned)
            && matches!(f.fact.relation, RelationKind::MetWith { .. })));
    assert!(graph
        .who_met("mexico")
        .iter()
        .all(|e| e.event != Some(planned)));
}

#[test]
fn visits_give_visited_facts_for_the_visitors_only() {
    let graph = graph();
    let visited: Vec<(&str, &str)> = graph
        .facts()
        .filter(|f| matches!(f.fact.relation, RelationKind::Visited))
        .map(|f| (f.from.id.as_str(), f.to.id.as_str()))
        .collect();
    assert!(visited.contains(&("marco-rubio", "ecuador")));
    assert!(visited.contains(&("laura-richardson", "ecuador")));
    assert!(
        !visited.iter().any(|(who, _)| *who == "daniel-noboa"),
        "the host did not visit"
    );
}

#[test]
fn offices_resolve_by_date() {
    let dataset = Dataset::load("data").unwrap();
    let on = |date: &str| {
        let holders = dataset.holders_on("us-secretary-of-state", date.parse::<Date>().unwrap());
        holders.iter().map(|t| t.person.clone()).collect::<Vec<_>>()
    };
    assert_eq!(on("2022-01-28"), ["antony-blinken"]);
    assert_eq!(on("2025-09-04"), ["marco-rubio"]);
    assert_eq!(
        on("2025-01"),
        ["antony-blinken", "marco-rubio"],
        "a month spans the handover"
    );
    assert!(on("2020-06-01").is_empty());
}

#[test]
fn who_met_uses_event_details_and_counterpart_offices() {
    let graph = graph();
    let met = graph.who_met_name("Bárcena").unwrap();
    let blinken = met
        .iter()
        .find(|m| m.counterpart == "antony-blinken")
        .unwrap();
    assert_eq!(blinken.date.unwrap().to_string(), "2024-01-19");
    assert_eq!(blinken.place, Some("washington-dc"));
    assert_eq!(blinken.counterpart_office, Some("U.S. Secretary of State"));
    assert_eq!(blinken.side, Some("united-states"));
}
