//! Runs the `newsgraph` binary on the bundled data and on fixtures.

use std::io::Read;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").expect("the newsgraph binary is built")
}

#[test]
fn check_accepts_the_bundled_data() {
    newsgraph()
        .args(["--data", "data", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: no errors"))
        .stdout(predicate::str::contains("5 government").not())
        .stdout(predicate::str::contains("6 sources"));
}

#[test]
fn who_met_blinken_lists_his_meetings_with_sources() {
    let output = newsgraph().args(["who-met", "Blinken"]).assert().success();
    let text = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    let line = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?} in\n{text}"))
            .to_string()
    };
    let holguin = line("Juan Carlos Holguín");
    assert!(holguin.starts_with("2022-01-28"), "{holguin}");
    assert!(holguin.contains("virtual") && holguin.contains("wire-2022-01-29-holguin-blinken"));
    let lasso = line("2021-04-23");
    assert!(
        lasso.contains("Guillermo Lasso") && lasso.contains("phone"),
        "{lasso}"
    );
    let barcena = line("Alicia Bárcena");
    assert!(
        barcena.starts_with("2024-01-19") && barcena.contains("Washington, D.C."),
        "{barcena}"
    );
    for other in ["Luis Vayas", "Ivonne A. Baki", "Francisco Garduño"] {
        line(other);
    }
    // His own assistant secretaries and colleagues are not counterparts.
    for own in ["Brian A. Nichols", "Lisa Peterson", "Alejandro Mayorkas"] {
        assert!(!text.contains(own), "{own} listed in\n{text}");
    }
    assert!(
        text.starts_with("Antony Blinken: 10 encounters with 9 counterparts (4 colleagues"),
        "{text}"
    );
    // Sorted by date.
    let dates: Vec<&str> = text.lines().skip(2).map(|l| &l[..10]).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

#[test]
fn who_met_json_is_machine_readable() {
    let output = newsgraph()
        .args(["who-met", "holguin", "--format", "json"])
        .assert()
        .success();
    let value: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    assert_eq!(value["entity"]["id"], "juan-carlos-holguin");
    let encounters = value["encounters"].as_array().unwrap();
    let blinken = encounters
        .iter()
        .find(|e| e["counterpart"] == "antony-blinken")
        .unwrap();
    assert_eq!(blinken["date"], "2022-01-28");
    assert_eq!(blinken["mode"], "virtual");
    assert_eq!(blinken["sources"][0], "wire-2022-01-29-holguin-blinken");
}

#[test]
fn unknown_name_fails_with_suggestions() {
    newsgraph()
        .args(["who-met", "Blinkin"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no entity is called \"Blinkin\""))
        .stderr(predicate::str::contains("Antony Blinken"));
}

#[test]
fn ambiguous_name_lists_the_candidates() {
    newsgraph()
        .args(["who-met", "Foreign Ministry"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("ambiguous"))
        .stderr(predicate::str::contains("ecuador-foreign-ministry"))
        .stderr(predicate::str::contains("mexico-foreign-ministry"));
}

/// One broken fixture per class of error: the class, `file:line:col`, part
/// of the message and part of the hint that `check` must print.
const BROKEN: &[(&str, &str, &str, &str, &str)] = &[
    (
        "syntax",
        "syntax",
        "data.ron:5:9",
        "Expected comma",
        "add a `,`",
    ),
    (
        "empty-file",
        "syntax",
        "data.ron:1:1",
        "empty file",
        "one struct of sections",
    ),
    (
        "unknown-section",
        "syntax",
        "data.ron:12:5",
        "`placez`",
        "sections are: people",
    ),
    (
        "invalid-date",
        "invalid-date",
        "data.ron:32:20",
        "invalid date \"1933-13-17\"",
        "write dates as",
    ),
    (
        "duplicate-id",
        "duplicate-id",
        "data.ron:10:14",
        "duplicate id `gloria-teasdale`",
        "first defined at",
    ),
    (
        "duplicate-alias",
        "duplicate-alias",
        "data.ron:9:68",
        "\"Rufus Firefly\" names both",
        "weak alias",
    ),
    (
        "unknown-reference",
        "unknown-reference",
        "data.ron:52:19",
        "unknown entity `rufus-fireflie`",
        "did you mean `rufus-firefly`",
    ),
    (
        "wrong-kind",
        "wrong-kind",
        "data.ron:10:92",
        "is a person, but `country` must name a government",
        "government",
    ),
    (
        "unknown-participant",
        "unknown-participant",
        "data.ron:36:26",
        "unknown participant `chicolini`",
        "add the entity",
    ),
    (
        "overlapping-tenure",
        "overlapping-tenure",
        "data.ron:23:26",
        "held by `gloria-teasdale` (1930 to 1934) and `rufus-firefly`",
        "concurrent: true",
    ),
    (
        "end-before-start",
        "end-before-start",
        "data.ron:22:63",
        "ends (1929-12-31) before it starts (1930)",
        "from",
    ),
    (
        "missing-source",
        "missing-source",
        "data.ron:56:13",
        "has no source",
        "at least one source",
    ),
    (
        "missing-file",
        "missing-file",
        "data.ron:60:33",
        "`articles/horse-feathers.txt` does not exist",
        "relative to the data directory",
    ),
    (
        "invalid-value",
        "invalid-value",
        "data.ron:13:14",
        "invalid id `Freedonia City`",
        "slugs",
    ),
];

#[test]
fn every_error_class_is_reported_with_position_and_hint() {
    for &(fixture, class, position, message, hint) in BROKEN {
        let dir = Path::new("tests/fixtures/broken").join(fixture);
        let output = newsgraph()
            .arg("--data")
            .arg(&dir)
            .arg("check")
            .assert()
            .failure();
        let stderr = String::from_utf8(output.get_output().stderr.clone()).unwrap();
        let header = format!("error[{class}]: {}/{position}: ", dir.display());
        assert!(
            stderr.starts_with(&header),
            "{fixture}: expected {header:?} in\n{stderr}"
        );
        assert!(
            stderr.contains(message),
            "{fixture}: expected {message:?} in\n{stderr}"
        );
        let hint_line = stderr.lines().find(|l| l.contains("= hint:")).unwrap_or("");
        assert!(
            hint_line.contains(hint),
            "{fixture}: expected hint {hint:?} in\n{stderr}"
        );
        assert!(
            stderr.trim_end().ends_with("1 error found"),
            "{fixture}:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{fixture}:\n{stderr}");
    }
}

#[test]
fn every_broken_fixture_is_in_the_table() {
    for entry in std::fs::read_dir("tests/fixtures/broken").unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(
            name == "many" || BROKEN.iter().any(|b| b.0 == name),
            "fixture {name} is not tested"
        );
    }
}

#[test]
fn all_errors_of_all_files_are_reported_in_one_run() {
    newsgraph()
        .args(["--data", "tests/fixtures/broken/many", "check"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "a.ron:5:47: unknown government `sylvannia`",
        ))
        .stderr(predicate::str::contains(
            "b.ron:4:99: unknown source `gazete`",
        ))
        .stderr(predicate::str::contains(
            "b.ron:5:48: `chico` (Chico) is a person",
        ))
        .stderr(predicate::str::contains("3 errors found"));
}

#[test]
fn missing_data_directory_is_a_clear_error() {
    newsgraph()
        .args(["--data", "tests/fixtures/does-not-exist", "check"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "cannot read tests/fixtures/does-not-exist",
        ));
    newsgraph()
        .args(["--data", "tests/fixtures/minimal/articles", "check"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no .ron files"));
}

#[test]
fn dot_export_parses_back_with_one_node_per_entity() {
    let output = newsgraph()
        .args(["export", "--format", "dot"])
        .assert()
        .success();
    let dot = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    let graph = graphviz_rust::parse(&dot).expect("the DOT export parses");
    let text = graphviz_rust::printer::DotPrinter::print(&graph, &mut Default::default());
    assert!(text.contains("\"us-mexico-migration-meeting-2024-01-19\""));
    // The picture of the whole graph draws every entity that has a line, and
    // its legend counts the others (style.ron, `overview`).
    let dataset = newsgraph::Dataset::load("data").unwrap();
    let drawn = dataset
        .entities
        .keys()
        .filter(|id| dot.contains(&format!("\"{id}\"[")))
        .count();
    let note = dot
        .split("\\l")
        .find_map(|line| line.strip_suffix(" entities with no line drawn left out"))
        .expect("the legend counts the entities left out");
    let left_out: usize = note
        .rsplit(['\n', '"'])
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(drawn + left_out, dataset.entities.len());
    assert!(drawn > 40, "{drawn} entities drawn");
}

#[test]
fn export_to_a_file_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.graphml");
    newsgraph()
        .args(["export", "--format", "graphml", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("<?xml"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["export", "--format", "graphml"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here: the reader went away, like `| head -c 16`.
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "exit {status:?}, stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn build_reproduces_the_committed_graphs() {
    let dir = tempfile::tempdir().unwrap();
    newsgraph()
        .args(["build", "--out"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote"));
    let graphviz = dir.path().join("newsgraph.svg").exists();
    // The SQLite store, its stamps and the exports' index are not committed
    // (see .gitignore and the README).
    let mut fresh = files_under(dir.path());
    let mut committed = files_under(Path::new("graphs"));
    for local in ["newsgraph.sqlite", "newsgraph.sqlite.stamps"] {
        fresh.remove(local);
        committed.remove(local);
    }
    let cache = |name: &String| !name.starts_with("newsgraph.sqlite.exports");
    fresh.retain(|name, _| cache(name));
    committed.retain(|name, _| cache(name));
    for (name, bytes) in &committed {
        let rendered = name.ends_with(".svg") || name.ends_with(".html");
        if rendered && !graphviz {
            continue; // this machine cannot render them; CI can
        }
        assert!(
            fresh.get(name) == Some(bytes),
            "graphs/{name} is stale: run `cargo run -- build` and commit graphs/"
        );
    }
    for name in fresh.keys() {
        assert!(
            committed.contains_key(name),
            "graphs/{name} is not committed: run `cargo run -- build`"
        );
    }
}

/// Regression: `build` wrote the page only when Graphviz had drawn the
/// picture, and `export --format html` failed without Graphviz; the page lays
/// itself out by force and needs neither.
#[test]
fn the_page_is_written_without_graphviz() {
    let no_graphviz = tempfile::tempdir().unwrap(); // a PATH with no `dot`
    let out = tempfile::tempdir().unwrap();
    newsgraph()
        .env("PATH", no_graphviz.path())
        .args(["--curated-only", "build", "--out"])
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Graphviz is not installed"));
    assert!(!out.path().join("newsgraph.svg").exists());
    let page = std::fs::read_to_string(out.path().join("newsgraph.html")).unwrap();
    assert!(
        page.contains("\"positions\":{}"),
        "a page without positions"
    );
    assert!(page.contains("id=\"graph-data\""));
    let output = newsgraph()
        .env("PATH", no_graphviz.path())
        .args(["export", "--format", "html", "--focus", "Blinken"])
        .assert()
        .success();
    let page = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("\"positions\":{}"));
}

#[test]
fn minimal_fixture_answers_who_met() {
    newsgraph()
        .args(["--data", "tests/fixtures/minimal", "who-met", "firefly"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Rufus T. Firefly: 2 encounters with 1 counterpart (1 colleague on the same side left out",
        ))
        .stdout(predicate::str::contains(
            "1933-10     Ambassador Trentino  phone",
        ));
}

#[test]
fn extract_prints_ron_that_loads_as_data() {
    let output = newsgraph()
        .args([
            "extract",
            "data/articles/002_888c31e4dccf3770.txt",
            "data/articles/004_fb23887eda5e30c9.txt",
        ])
        .assert()
        .success();
    let ron = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(
        ron.contains("relation: designated(designation:\"foreign terrorist organization\")"),
        "{ron}"
    );
    assert!(ron.contains("to: \"los-choneros\""));
    assert!(
        ron.contains("// pattern `"),
        "each fact says which pattern found it"
    );
    // Dropped beside the curated files, the suggestions load.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("data"), dir.path());
    std::fs::write(dir.path().join("suggested.ron"), &ron).unwrap();
    newsgraph()
        .arg("--data")
        .arg(dir.path())
        .arg("check")
        .assert()
        .success();
}

#[test]
fn extract_on_an_unknown_article_suggests_a_source_record() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("New Article.txt");
    std::fs::write(
        &article,
        "Antony Blinken met Juan Carlos Holguín in Quito on Monday.",
    )
    .unwrap();
    let output = newsgraph()
        .args(["extract", "--date", "2022-03-10"])
        .arg(&article)
        .assert()
        .success();
    let ron = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(
        ron.contains("date: \"2022-03-07\""),
        "Monday before 2022-03-10:\n{ron}"
    );
    assert!(ron.contains("sources: [\"new-article\"]"));
    assert!(ron.contains("(id: \"new-article\""), "{ron}");
}

#[test]
fn extract_jsonl_has_one_fact_per_line_with_evidence() {
    let output = newsgraph()
        .args([
            "extract",
            "--format",
            "jsonl",
            "data/articles/000_7520cb3237928add.txt",
        ])
        .assert()
        .success();
    let text = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    let facts: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let meeting = facts
        .iter()
        .find(|f| f["relation"] == "met_with")
        .expect("the virtual meeting");
    assert_eq!(meeting["attributes"]["mode"], "virtual");
    assert_eq!(meeting["date"], "2022-01-28");
    assert_eq!(meeting["source"], "wire-2022-01-29-holguin-blinken");
    let sentence = meeting["evidence"]["sentence"].as_str().unwrap();
    assert!(sentence.contains("virtual meeting held this Friday"));
    let range = &meeting["evidence"]["trigger_range"];
    let article = std::fs::read_to_string("data/articles/000_7520cb3237928add.txt").unwrap();
    let trigger =
        &article[range[0].as_u64().unwrap() as usize..range[1].as_u64().unwrap() as usize];
    assert_eq!(trigger, meeting["evidence"]["trigger"].as_str().unwrap());
}

#[test]
fn mentions_shows_titles_resolved_by_date() {
    newsgraph()
        .args(["mentions", "data/articles/000_7520cb3237928add.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("title   \"Secretary of State\" → Antony Blinken (`antony-blinken`): holder of `us-secretary-of-state` on 2022-01-2"));
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "The Secretary of State arrived in Quito.").unwrap();
    newsgraph()
        .args(["mentions", "--date", "2025-09-04"])
        .arg(&article)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"Secretary of State\" → Marco Rubio (`marco-rubio`): holder of `us-secretary-of-state` on 2025-09-04"));
}

#[test]
fn edges_filters_and_shows_provenance() {
    let output = newsgraph()
        .args(["edges", "--relation", "designated", "--format", "json"])
        .assert()
        .success();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.get_output().stdout).unwrap();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(row["origin"], "curated_and_extracted");
        let extraction = row["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e.get("extraction").is_some())
            .unwrap();
        assert_eq!(extraction["extraction"]["pattern"], "designation");
    }
    newsgraph()
        .args([
            "edges",
            "--entity",
            "Bárcena",
            "--source",
            "004_fb23887eda5e30c9.txt",
            "--format",
            "tsv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "antony-blinken\tcongratulated\talicia-barcena\t2024-01-19",
        ));
    newsgraph()
        .args(["edges", "--relation", "metwith"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown relation `metwith`"));
}

#[test]
fn a_non_utf8_article_names_the_file_and_byte() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("latin1.txt");
    std::fs::write(&article, b"Bl\xe9nken met".as_slice()).unwrap();
    newsgraph()
        .arg("extract")
        .arg(&article)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "is not UTF-8 text: invalid byte at offset 2",
        ));
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir`, by path relative to it.
fn files_under(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Exit codes: 0 answered, 1 nothing found (unknown or ambiguous name, no
/// path, no row), 2 error (bad data, unreadable directory, bad arguments).
#[test]
fn exit_codes_tell_answer_nothing_and_error_apart() {
    let cases: &[(&[&str], i32)] = &[
        (&["who-met", "Blinken"], 0),
        (&["search", "Lasso"], 0),
        (&["who-met", "Blinkin"], 1),
        (&["show", "Foreign Ministry"], 1),
        (&["search", "zzzzzzzz"], 1),
        (
            &[
                "path",
                "Marco Rubio",
                "Los Choneros",
                "--relation",
                "met_with",
            ],
            1,
        ),
        (
            &[
                "edges",
                "--entity",
                "Los Choneros",
                "--relation",
                "met_with",
            ],
            1,
        ),
        (&["--data", "tests/fixtures/does-not-exist", "check"], 2),
        (&["--data", "tests/fixtures/broken/syntax", "check"], 2),
        (&["who-met"], 2),
        (&["neighbors", "Blinken", "--relation", "met"], 2),
    ];
    for (args, code) in cases {
        newsgraph().args(*args).assert().code(*code);
    }
}

#[test]
fn help_documents_the_exit_codes_and_sets_shared_options_apart() {
    let output = newsgraph().args(["who-met", "--help"]).assert().success();
    let help = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(help.contains("Exit status:"), "{help}");
    let data = help.find("Data options:").expect("a heading of its own");
    let own = help.find("--include-members").unwrap();
    assert!(own < data && help.find("--data").unwrap() > data, "{help}");
}

#[test]
fn an_io_cause_is_printed_once() {
    let output = newsgraph()
        .args(["--data", "/nonexistent-newsgraph-dir", "check"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(output.get_output().stderr.clone()).unwrap();
    assert_eq!(
        stderr.matches("No such file or directory").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn who_met_shows_the_own_side_on_request_and_show_agrees() {
    let output = newsgraph()
        .args(["who-met", "Blinken", "--include-own-side"])
        .assert()
        .success();
    let text = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(
        text.starts_with("Antony Blinken: 14 encounters with 13 counterparts\n"),
        "{text}"
    );
    assert!(text.contains("Brian A. Nichols"));
    newsgraph()
        .args(["show", "Blinken"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
        "meetings      10 encounters with 9 counterparts (4 colleagues on the same side left out)",
    ));
}
