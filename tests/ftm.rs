//! The FollowTheMoney export read back and compared with the graph: one line
//! per entity, office, source and fact; every reference resolved; amounts,
//! dates at their precision and provenance kept; ids stable; hostile text
//! kept as text. (`.ci/check_ftm.py` checks the same file with
//! followthemoney's own `ftm validate`.)

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use assert_cmd::Command;
use newsgraph::export::{self, View};
use newsgraph::{pipeline, KnowledgeGraph, Loaded};
use serde_json::Value;

fn graph_of(dir: &Path) -> KnowledgeGraph {
    pipeline::build_graph(Loaded::load(dir).unwrap(), &|| {})
        .unwrap()
        .0
}

/// The export's lines, parsed; each must be one JSON object.
fn lines(text: &str) -> Vec<Value> {
    assert!(text.ends_with('\n'));
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

fn values<'a>(entity: &'a Value, property: &str) -> Vec<&'a str> {
    entity["properties"][property]
        .as_array()
        .map(|v| v.iter().map(|s| s.as_str().unwrap()).collect())
        .unwrap_or_default()
}

/// Entity-typed properties of the schemata the export writes.
const REFERENCES: &[&str] = &[
    "involved",
    "organizer",
    "addressEntity",
    "proof",
    "organization",
    "holder",
    "post",
    "payer",
    "beneficiary",
    "entity",
    "member",
    "subject",
    "object",
];

#[test]
fn the_bundled_graph_maps_to_one_entity_per_record_and_fact() {
    let graph = graph_of(Path::new("data"));
    let text = export::view_to_ftm(&View::all(&graph));
    let entities = lines(&text);
    let dataset = graph.dataset();
    let facts: Vec<_> = graph.facts().collect();
    let participations = facts
        .iter()
        .filter(|f| f.fact.relation.name() == "participated_in")
        .count();
    assert_eq!(
        entities.len(),
        dataset.entities.len() + dataset.offices.len() + dataset.sources.len() + facts.len()
            - participations
    );

    // Ids unique, every reference resolved.
    let by_id: HashMap<&str, &Value> = entities
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e))
        .collect();
    assert_eq!(by_id.len(), entities.len(), "ids are unique");
    for entity in &entities {
        for property in REFERENCES {
            for target in values(entity, property) {
                assert!(
                    by_id.contains_key(target),
                    "{}.{property}: {target}",
                    entity["id"]
                );
            }
        }
    }

    let mut schemata: BTreeMap<&str, usize> = BTreeMap::new();
    for entity in &entities {
        *schemata
            .entry(entity["schema"].as_str().unwrap())
            .or_default() += 1;
    }
    let count = |relation: &str| {
        facts
            .iter()
            .filter(|f| f.fact.relation.name() == relation)
            .count()
    };
    assert_eq!(schemata["Person"], 26);
    assert_eq!(schemata["Event"], 16);
    assert_eq!(schemata["Address"], 11);
    assert_eq!(schemata["Position"], dataset.offices.len());
    assert_eq!(schemata["Article"], dataset.sources.len());
    assert_eq!(schemata["Occupancy"], count("holds_office"));
    assert_eq!(schemata["Payment"], count("funded"));
    assert_eq!(schemata["Sanction"], count("designated"));
    assert_eq!(schemata["Membership"], count("part_of"));
    let involved: usize = entities.iter().map(|e| values(e, "involved").len()).sum();
    assert_eq!(involved, participations);

    // Governments are public bodies with their country code.
    let us = by_id["ng-government-united-states"];
    assert_eq!(us["schema"], "PublicBody");
    assert_eq!(values(us, "jurisdiction"), ["us"]);
    assert_eq!(
        values(by_id["ng-person-guillermo-lasso"], "country"),
        ["ec"]
    );
    assert_eq!(by_id["ng-organization-los-lobos"]["schema"], "Organization");
    assert_eq!(
        by_id["ng-organization-ecuador-navy"]["schema"],
        "PublicBody"
    );

    // Payments with amount, currency, date and provenance.
    let payments: Vec<&Value> = entities
        .iter()
        .filter(|e| e["schema"] == "Payment")
        .collect();
    let amounts: HashSet<&str> = payments.iter().flat_map(|p| values(p, "amount")).collect();
    assert_eq!(amounts, HashSet::from(["13500000", "6000000"]));
    for payment in &payments {
        assert_eq!(values(payment, "payer"), ["ng-government-united-states"]);
        assert_eq!(values(payment, "currency"), ["USD"]);
        assert_eq!(values(payment, "date"), ["2025-09-04"]);
        assert_eq!(values(payment, "publisher"), ["CNN"]);
        assert_eq!(
            values(payment, "proof"),
            ["ng-source-cnn-2025-09-04-rubio-ecuador"]
        );
        assert!(values(payment, "summary")[0].contains(" million"));
        assert!(values(payment, "description")[0].contains("status: pledged"));
    }

    // Sanctions: who was designated, by whom, under what.
    let sanctioned: HashSet<&str> = entities
        .iter()
        .filter(|e| e["schema"] == "Sanction")
        .inspect(|s| {
            assert_eq!(
                values(s, "authority"),
                ["Marco Rubio (U.S. Secretary of State)"]
            );
            assert_eq!(values(s, "program"), ["foreign terrorist organization"]);
            assert_eq!(values(s, "country"), ["us"]);
        })
        .flat_map(|s| values(s, "entity"))
        .collect();
    assert_eq!(
        sanctioned,
        HashSet::from(["ng-organization-los-lobos", "ng-organization-los-choneros"])
    );

    // Offices: a tenure that ended has both dates.
    let biden = entities
        .iter()
        .find(|e| e["schema"] == "Occupancy" && values(e, "holder") == ["ng-person-joe-biden"])
        .unwrap();
    assert_eq!(values(biden, "post"), ["ng-position-us-president"]);
    assert_eq!(values(biden, "startDate"), ["2021-01-20"]);
    assert_eq!(values(biden, "endDate"), ["2025-01-20"]);

    // A month-precision visit stays a month.
    let visit = by_id["ng-event-blinken-visit-quito-2021-10"];
    assert_eq!(values(visit, "date"), ["2021-10"]);
    assert_eq!(values(visit, "addressEntity"), ["ng-place-quito"]);
    assert_eq!(values(visit, "country"), ["ec"]);
    assert!(entities.iter().any(|e| e["schema"] == "UnknownLink"
        && values(e, "role") == ["visited"]
        && values(e, "date") == ["2021-10"]));
}

#[test]
fn the_export_is_deterministic_and_fact_ids_survive_new_facts() {
    let graph = graph_of(Path::new("data"));
    let first = export::view_to_ftm(&View::all(&graph));
    assert_eq!(first, export::view_to_ftm(&View::all(&graph)));
    // The curated graph has fewer facts, so other edge indexes; its facts keep their ids.
    let curated = KnowledgeGraph::build(Loaded::load("data").unwrap().dataset);
    let ids = |text: &str| -> HashSet<String> {
        lines(text)
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    let all = ids(&first);
    let curated = ids(&export::view_to_ftm(&View::all(&curated)));
    let lost: Vec<&String> = curated.difference(&all).collect();
    assert!(lost.is_empty(), "{lost:?}");
}

#[test]
fn a_focused_view_references_only_what_it_writes() {
    let graph = graph_of(Path::new("data"));
    let blinken = graph.resolve("Blinken").unwrap().id.clone();
    let entities = lines(&export::view_to_ftm(&View::focus(&graph, &blinken, 1)));
    let ids: HashSet<&str> = entities.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert!(ids.contains("ng-person-antony-blinken"));
    assert!(!ids.contains("ng-organization-los-lobos"));
    for entity in &entities {
        for property in REFERENCES {
            for target in values(entity, property) {
                assert!(
                    ids.contains(target),
                    "{}.{property}: {target}",
                    entity["id"]
                );
            }
        }
    }
}

#[test]
fn year_and_month_dates_and_hostile_text_survive() {
    let fixture = Path::new("tests/fixtures/minimal");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::copy(
        fixture.join("articles/duck-soup.txt"),
        dir.path().join("articles/duck-soup.txt"),
    )
    .unwrap();
    let data = std::fs::read_to_string(fixture.join("data.ron"))
        .unwrap()
        .replace(
            "name: \"Ambassador Trentino\"",
            r#"name: "Ambassador\n \u{2028}Trentino\u{1}\u{1b}</script><b>\"", description: "line one\nline \u{85}two <img src=x onerror=alert(1)>""#,
        )
        .replace(
            "outlet: \"Freedonia Gazette\"",
            r#"outlet: "Freedonia Gazette", url: "javascript:alert(1)""#,
        );
    std::fs::write(dir.path().join("data.ron"), data).unwrap();
    let graph = graph_of(dir.path());
    let text = export::view_to_ftm(&View::all(&graph));
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n') && !text.contains('\u{2028}'),
        "{text}"
    );
    let entities = lines(&text);
    let by_id: HashMap<&str, &Value> = entities
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e))
        .collect();
    let trentino = by_id["ng-person-trentino"];
    assert_eq!(
        values(trentino, "name"),
        ["Ambassador Trentino</script><b>\""]
    );
    assert_eq!(
        values(trentino, "description"),
        ["line one\nline two <img src=x onerror=alert(1)>"]
    );
    assert!(values(by_id["ng-source-duck-soup"], "sourceUrl").is_empty());

    // A tenure from a year, a payment in a month, each as precise as known.
    let teasdale = entities
        .iter()
        .find(|e| values(e, "holder") == ["ng-person-gloria-teasdale"])
        .unwrap();
    assert_eq!(values(teasdale, "startDate"), ["1930"]);
    assert_eq!(values(teasdale, "endDate"), ["1933-11-01"]);
    let payment = entities.iter().find(|e| e["schema"] == "Payment").unwrap();
    assert_eq!(values(payment, "date"), ["1933-11"]);
    assert_eq!(values(payment, "amount"), ["20000000"]);
    assert_eq!(
        values(payment, "summary"),
        ["Sylvania pledged USD 20 million."]
    );
}

#[test]
fn export_format_ftm_writes_the_file_build_writes() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("graph.ftm.json");
    Command::cargo_bin("newsgraph")
        .unwrap()
        .args(["--curated-only", "export", "--format", "ftm", "-o"])
        .arg(&file)
        .assert()
        .success();
    let graph = KnowledgeGraph::build(Loaded::load("data").unwrap().dataset);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        export::view_to_ftm(&View::all(&graph))
    );
    let committed = std::fs::read_to_string("graphs/newsgraph.ftm.json").unwrap();
    let full = export::view_to_ftm(&View::all(&graph_of(Path::new("data"))));
    assert_eq!(committed, full, "graphs/ is stale: run `newsgraph build`");
}

#[test]
fn rdf_types_dates_at_their_precision_and_reifies_every_fact() {
    let graph = graph_of(Path::new("data"));
    let nt = export::view_to_ntriples(&View::all(&graph));
    assert_eq!(nt, export::view_to_ntriples(&View::all(&graph)));
    for line in nt.lines() {
        assert!(line.starts_with('<') && line.ends_with(" ."), "{line}");
        assert!(!line.chars().any(char::is_control), "{line}");
    }
    let statements = nt
        .lines()
        .filter(|l| l.ends_with("<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ."))
        .count();
    assert_eq!(statements, graph.facts().count());
    let xsd = "http://www.w3.org/2001/XMLSchema#";
    assert!(nt.contains(&format!("\"2021-10\"^^<{xsd}gYearMonth>")));
    assert!(nt.contains(&format!("\"2025-09-04\"^^<{xsd}date>")));
    assert!(nt.contains(&format!("\"13500000\"^^<{xsd}decimal>")));
    assert!(!nt.contains(&format!("\"2021-10\"^^<{xsd}date>")));
}
