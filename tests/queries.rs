//! The query commands on the bundled data.

use assert_cmd::Command;
use predicates::prelude::*;

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").expect("the newsgraph binary is built")
}

fn stdout(args: &[&str]) -> String {
    let output = newsgraph().args(args).assert().success();
    String::from_utf8(output.get_output().stdout.clone()).unwrap()
}

#[test]
fn path_from_rubio_to_los_choneros_is_the_designation() {
    let text = stdout(&["path", "Marco Rubio", "Los Choneros"]);
    assert!(
        text.starts_with("1 shortest path of 1 hop from Marco Rubio to Los Choneros"),
        "{text}"
    );
    assert!(text.contains("designated: foreign terrorist organization"));
    assert!(text.contains("cnn-2025-09-04-rubio-ecuador"));
}

#[test]
fn path_from_barcena_to_holguin_goes_through_blinken() {
    let json = stdout(&[
        "path",
        "Alicia Bárcena",
        "Juan Carlos Holguín",
        "--format",
        "json",
    ]);
    let paths: serde_json::Value = serde_json::from_str(&json).unwrap();
    let paths = paths.as_array().unwrap();
    assert!(!paths.is_empty());
    for path in paths {
        let steps = path["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0]["to"], "antony-blinken");
        assert_eq!(steps[1]["to"], "juan-carlos-holguin");
        assert!(
            steps
                .iter()
                .all(|s| !s["fact"]["sources"].as_array().unwrap().is_empty()),
            "every hop has a source"
        );
    }
}

#[test]
fn path_not_connected_within_the_bound_fails_clearly() {
    newsgraph()
        .args([
            "path",
            "Marco Rubio",
            "Los Choneros",
            "--relation",
            "met_with",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "Marco Rubio and Los Choneros are not connected within 4 hops through met_with",
        ));
}

#[test]
fn timeline_of_blinken_lists_his_meetings_in_order_with_his_office() {
    let text = stdout(&["timeline", "Blinken"]);
    let position = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} in\n{text}"))
    };
    let call = position("met with Guillermo Lasso (phone)");
    let virtual_meeting = position("met with Juan Carlos Holguín (virtual)");
    let washington = position("met with Alicia Bárcena");
    assert!(call < virtual_meeting && virtual_meeting < washington);
    for line in text.lines().filter(|l| l.contains("met with")) {
        assert!(line.contains("U.S. Secretary of State"), "{line}");
    }
    assert!(text.contains("took office as U.S. Secretary of State"));
    assert!(text.contains("left office as U.S. Secretary of State"));
}

#[test]
fn who_met_filters_by_date_and_mode() {
    let json = stdout(&[
        "who-met", "Blinken", "--since", "2022", "--until", "2023-06", "--format", "json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    for e in value["encounters"].as_array().unwrap() {
        assert!(e["date"].as_str().unwrap().starts_with("2022"), "{e}");
    }
    let text = stdout(&["who-met", "Blinken", "--mode", "phone"]);
    assert!(
        text.contains("Guillermo Lasso") && !text.contains("Holguín"),
        "{text}"
    );
}

#[test]
fn who_met_rolls_up_a_governments_officials() {
    let plain = stdout(&["who-met", "Ecuador", "--format", "tsv"]);
    let rolled = stdout(&["who-met", "Ecuador", "--include-members", "--format", "tsv"]);
    assert!(rolled.lines().count() > plain.lines().count());
    assert!(rolled
        .lines()
        .any(|l| l.contains("\tantony-blinken\t") && l.ends_with("juan-carlos-holguin")));
    // Meetings among Ecuador's own officials are not Ecuador's.
    assert!(!rolled.lines().any(|l| l.contains("\tluis-vayas\t")));
}

#[test]
fn show_gives_an_entity_card() {
    let text = stdout(&["show", "rubio"]);
    assert!(
        text.contains("office") && text.contains("U.S. Secretary of State, 2025-01-21 to present"),
        "{text}"
    );
    assert!(text.contains("designated 2"));
    let json = stdout(&["show", "ecuador-navy", "--format", "json"]);
    let card: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(card["parent"][0], "ecuador-armed-forces");
    assert_eq!(card["kind"], "organization");
}

#[test]
fn neighbors_follow_relations_and_depth() {
    let text = stdout(&["neighbors", "Los Lobos", "--direction", "in"]);
    assert!(text.contains("Marco Rubio"), "{text}");
    let json = stdout(&[
        "neighbors",
        "Los Lobos",
        "--depth",
        "2",
        "--relation",
        "designated",
        "--format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Marco Rubio", "Los Choneros"]);
    newsgraph()
        .args(["neighbors", "Los Lobos", "--direction", "sideways"])
        .assert()
        .failure();
}

#[test]
fn stats_rank_entities_and_count_components() {
    let json = stdout(&["stats", "--top", "3", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(stats["top_degree"].as_array().unwrap().len(), 3);
    assert_eq!(stats["top_pagerank"].as_array().unwrap().len(), 3);
    // --top bounds the components listed too; the count says how many there are.
    let components = stats["components"].as_array().unwrap();
    assert_eq!(components.len(), 3);
    assert!(stats["component_count"].as_u64().unwrap() > 3);
    let all = stdout(&["stats", "--top", "1000", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let total: usize = all["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["size"].as_u64().unwrap() as usize)
        .sum();
    assert_eq!(total, all["nodes"].as_u64().unwrap() as usize);
    let table = stdout(&["stats", "--top", "2"]);
    assert_eq!(
        table.lines().filter(|l| l.starts_with("component")).count(),
        2
    );
}

#[test]
fn plurals_agree_with_their_counts() {
    let text = stdout(&["stats", "--top", "30"]);
    assert!(
        text.contains("(1 entity)") && !text.contains("(1 entities)"),
        "{text}"
    );
    let text = stdout(&["neighbors", "Los Choneros"]);
    assert!(text.contains("within 1 step\n"), "{text}");
    newsgraph()
        .args([
            "path",
            "Marco Rubio",
            "Los Choneros",
            "--max-hops",
            "1",
            "--relation",
            "met_with",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("within 1 hop through met_with"));
}

#[test]
fn neighbors_name_every_relation_in_via() {
    for format in ["table", "tsv"] {
        let text = stdout(&["neighbors", "Blinken", "--format", format]);
        let event = text
            .lines()
            .find(|l| {
                l.contains("blinken-lasso-call-2021-04-23")
                    || l.contains("Blinken–Lasso telephone call")
            })
            .unwrap();
        assert!(event.contains("participated"), "{format}: {event}");
    }
}

#[test]
fn tsv_carries_ids_not_display_names() {
    let neighbors = stdout(&["neighbors", "Blinken", "--format", "tsv"]);
    assert!(
        neighbors
            .lines()
            .any(|l| l.starts_with("1\tjuan-carlos-holguin\t")),
        "{neighbors}"
    );
    let path = stdout(&["path", "Marco Rubio", "Los Choneros", "--format", "tsv"]);
    assert!(
        path.lines()
            .nth(1)
            .unwrap()
            .starts_with("1\t1\tmarco-rubio\tdesignated\tlos-choneros\t"),
        "{path}"
    );
    let timeline = stdout(&["timeline", "Blinken", "--format", "tsv"]);
    assert!(timeline
        .lines()
        .next()
        .unwrap()
        .ends_with("\tfact\tfrom\trelation\tto"));
    assert!(
        timeline.contains("\tantony-blinken\tmet_with\t"),
        "{timeline}"
    );
    let show = stdout(&["show", "Rubio", "--format", "tsv"]);
    assert!(
        show.contains("country\tunited-states") && show.contains("office\tus-secretary-of-state"),
        "{show}"
    );
    let who_met = stdout(&["who-met", "Holguin", "--format", "tsv"]);
    assert!(who_met
        .lines()
        .next()
        .unwrap()
        .contains("\tcounterpart_office\t"));
}

#[test]
fn edges_take_a_source_by_id_file_name_or_path() {
    let by_id = stdout(&[
        "edges",
        "--source",
        "wire-2022-01-29-holguin-blinken",
        "--format",
        "tsv",
    ]);
    let file = std::fs::read_to_string("data/sources.ron").unwrap();
    let name = file
        .split("wire-2022-01-29-holguin-blinken")
        .nth(1)
        .and_then(|rest| rest.split("file: \"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let path = format!("data/{name}");
    let base = name.rsplit('/').next().unwrap();
    assert_eq!(
        stdout(&["edges", "--source", &path, "--format", "tsv"]),
        by_id
    );
    assert_eq!(
        stdout(&["edges", "--source", base, "--format", "tsv"]),
        by_id
    );
    newsgraph()
        .args(["edges", "--source", "data/articles/nope.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("an article's file name"))
        .stderr(predicate::str::contains("or its path"));
}

#[test]
fn search_ranks_names_and_resemblances() {
    let text = stdout(&["search", "secretariat"]);
    assert!(
        text.lines().nth(1).unwrap().contains("Secretariat"),
        "{text}"
    );
    let json = stdout(&["search", "Noboa", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(hits[0]["id"], "daniel-noboa");
    newsgraph()
        .args(["search", "zzzzqqq"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no entity is called anything like",
        ));
}

#[test]
fn unknown_and_ambiguous_names_fail_for_every_query() {
    for command in ["show", "timeline", "neighbors"] {
        newsgraph()
            .args([command, "Nobody Atall"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("no entity is called"));
        newsgraph()
            .args([command, "Washington"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("ambiguous"));
    }
}

#[test]
fn focused_export_draws_only_the_neighbourhood() {
    let dot = stdout(&[
        "export", "--format", "dot", "--focus", "Blinken", "--depth", "1",
    ]);
    assert!(dot.contains("\"juan-carlos-holguin\"["));
    assert!(!dot.contains("\"los-lobos\"["));
    let dot = stdout(&["export", "--format", "dot", "--relation", "designated"]);
    assert!(dot.contains("\"los-lobos\"[") && !dot.contains("\"juan-carlos-holguin\"["));
}
