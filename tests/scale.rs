//! Scaling out: `extract -` as a streaming filter over articles as JSON
//! lines, and `build --facts` building from facts matched elsewhere.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").expect("the newsgraph binary is built")
}

/// The bundled articles, in file order.
fn articles() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("data/articles")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    found.sort();
    found
}

/// The bundled articles as JSON lines, each built by `line` from its path and text.
fn article_lines(line: impl Fn(&Path, &str) -> serde_json::Value) -> String {
    articles()
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            format!("{}\n", line(path, &text))
        })
        .collect()
}

fn stdout(output: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(output.get_output().stdout.clone()).unwrap()
}

/// `extract --format jsonl` on the bundled article files.
fn facts_from_files() -> String {
    let output = newsgraph()
        .args(["extract", "--format", "jsonl"])
        .args(articles())
        .assert()
        .success();
    stdout(&output)
}

/// Every file under `dir`, by path relative to it.
fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn extract_from_stdin_gives_the_facts_of_extract_on_files() {
    let expected = facts_from_files();
    assert_eq!(expected.lines().count(), 27, "{expected}");
    // Each article by its path, as `extract FILE` is given it.
    let by_path = article_lines(
        |path, text| serde_json::json!({ "path": path.display().to_string(), "text": text }),
    );
    let output = newsgraph()
        .args(["extract", "-"])
        .write_stdin(by_path)
        .assert()
        .success();
    assert_eq!(stdout(&output), expected);
    // By source id alone: the dataset's record gives its dates and outlet;
    // the facts are the same, their `article` is the id they were given by.
    let ids: BTreeMap<&str, &str> = [
        ("000", "wire-2022-01-29-holguin-blinken"),
        ("001", "blinken-lasso-call-2021-04-23"),
        ("002", "cnn-2025-09-04-rubio-ecuador"),
        ("003", "cuenca-dispatch-2022-11-21"),
        ("004", "efe-2024-01-20-blinken-barcena"),
    ]
    .into();
    let by_id = article_lines(|path, text| {
        let stem = path.file_name().unwrap().to_string_lossy();
        serde_json::json!({ "id": ids[&stem[..3]], "text": text, "lang": "en" })
    });
    let output = newsgraph()
        .args(["extract", "-"])
        .write_stdin(by_id)
        .assert()
        .success();
    let by_id: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let expected: Vec<serde_json::Value> = expected
        .lines()
        .map(|l| {
            let mut fact: serde_json::Value = serde_json::from_str(l).unwrap();
            fact["article"] = fact["source"].clone();
            fact
        })
        .collect();
    assert_eq!(by_id, expected);
}

#[test]
fn a_bad_article_line_is_reported_with_its_position_and_skipped() {
    let good = article_lines(
        |path, text| serde_json::json!({ "path": path.display().to_string(), "text": text }),
    );
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(1, "{\"id\": \"x\", \"text\": 3}");
    lines.insert(3, "");
    lines.insert(4, "{\"text\": \"Antony Blinken met Guillermo Lasso.\"}");
    let input = lines.join("\n") + "\n";
    let output = newsgraph()
        .args(["extract", "-"])
        .write_stdin(input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "skipped: stdin:2:21: invalid type: integer `3`, expected a string",
        ))
        .stderr(predicate::str::contains(
            "skipped: stdin:5:1: an article needs an `id` or a `path`",
        ));
    // The other articles' facts, in input order.
    assert_eq!(stdout(&output), facts_from_files());
}

#[test]
fn an_article_the_data_does_not_know_carries_its_source_record() {
    let line = serde_json::json!({
        "id": "wire-1",
        "published": "2022-03-10",
        "title": "A wire story",
        "outlet": "Wire",
        "text": "Antony Blinken met Juan Carlos Holguín in Quito on Monday.",
    });
    let output = newsgraph()
        .args(["extract", "-"])
        .write_stdin(format!("{line}\n"))
        .assert()
        .success();
    let facts: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let meeting = facts
        .iter()
        .find(|f| f["relation"] == "met_with")
        .expect("the meeting");
    assert_eq!(
        meeting["date"], "2022-03-07",
        "the Monday before 2022-03-10"
    );
    assert_eq!(meeting["source"], "wire-1");
    assert_eq!(meeting["article"], "wire-1");
    assert_eq!(meeting["source_record"]["title"], "A wire story");
    assert_eq!(meeting["article_read"]["bytes"], 59);

    // Built from those facts, the graph has the meeting and the source.
    let dir = tempfile::tempdir().unwrap();
    let facts_file = dir.path().join("facts.jsonl");
    std::fs::write(&facts_file, stdout(&output)).unwrap();
    let out = dir.path().join("out");
    // The bundled articles are matched here; the wire story's facts come from the lines.
    newsgraph()
        .arg("build")
        .arg("--out")
        .arg(&out)
        .arg("--facts")
        .arg(&facts_file)
        .assert()
        .success()
        .stdout(predicate::str::contains("7 sources"))
        .stdout(predicate::str::contains("matcher: 6 articles"));
    let json = std::fs::read_to_string(out.join("newsgraph.json")).unwrap();
    assert!(
        json.contains(
            "\"date\":\"2022-03-07\",\"date_precision\":\"day\",\"origin\":\"extracted\""
        ),
        "the meeting of 2022-03-07"
    );
    assert!(json.contains("\"sources\":[\"wire-1\"]"));
}

#[test]
fn build_from_facts_writes_the_bytes_of_build_from_articles() {
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("here");
    newsgraph()
        .arg("build")
        .arg("--out")
        .arg(&here)
        .assert()
        .success();
    // The facts as Spark writes them: a folder of part files and markers.
    let parts = dir.path().join("facts");
    std::fs::create_dir(&parts).unwrap();
    let facts = facts_from_files();
    let lines: Vec<&str> = facts.lines().collect();
    let (first, second) = lines.split_at(11);
    std::fs::write(parts.join("part-00000"), first.join("\n") + "\n").unwrap();
    std::fs::write(parts.join("part-00001"), second.join("\n") + "\n").unwrap();
    std::fs::write(parts.join("_SUCCESS"), "").unwrap();
    std::fs::write(parts.join(".part-00000.crc"), "not facts").unwrap();
    let there = dir.path().join("there");
    let output = newsgraph()
        .arg("build")
        .arg("--out")
        .arg(&there)
        .arg("--facts")
        .arg(&parts)
        .assert()
        .success();
    assert!(stdout(&output).contains("matcher: 5 articles, 247 mentions"));
    // The stamps file beside the store caches the article files' sizes and
    // times; facts read elsewhere leave it empty for those articles, so the
    // first query hashes them. It is no part of the graph; nor is the
    // exports' index (it holds the files' times).
    let cached = |mut files: BTreeMap<String, Vec<u8>>| {
        files.retain(|name, _| !name.ends_with(".stamps") && !name.ends_with(".idx"));
        files
    };
    let (a, b) = (cached(files_under(&here)), cached(files_under(&there)));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs");
    }
    assert!(a.contains_key("newsgraph.sqlite"));
}

#[test]
fn bad_fact_lines_are_reported_by_file_line_and_column_and_nothing_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let facts = facts_from_files();
    let mut lines: Vec<String> = facts.lines().map(String::from).collect();
    lines[1] = lines[1].replace("\"antony-blinken\"", "\"antony-blinkin\"");
    lines[2] = "{\"subject\": ".into();
    lines[3] = lines[3].replace("\"relation\":\"", "\"relation\":\"x");
    let file = dir.path().join("facts.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("out");
    let shown = file.display().to_string();
    newsgraph()
        .arg("build")
        .arg("--out")
        .arg(&out)
        .arg("--facts")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{shown}:2:1: unknown entity `antony-blinkin`"
        )))
        .stderr(predicate::str::contains(format!(
            "{shown}:3:12: EOF while parsing a value"
        )))
        .stderr(predicate::str::contains(format!(
            "{shown}:4:1: unknown relation `x"
        )))
        .stderr(predicate::str::contains(
            "3 bad fact lines; nothing was built",
        ));
    assert!(!out.exists());
}

#[test]
fn extract_from_stdin_keeps_to_the_limits() {
    let small =
        serde_json::json!({ "id": "a", "text": "Antony Blinken met Guillermo Lasso. ".repeat(10) });
    // Longer than the line limit (twice the article limit, and 1 MiB): read
    // and dropped a buffer at a time, never held.
    let huge = format!("{{\"id\": \"b\", \"text\": \"{}\"}}", "x".repeat(1_200_000));
    let fine = serde_json::json!({ "id": "c", "published": "2021-05-01", "text": "Antony Blinken met Guillermo Lasso." });
    newsgraph()
        .args(["--max-article-bytes", "100", "extract", "-"])
        .write_stdin(format!("{small}\n{huge}\n{fine}\n"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "skipped: stdin:1:1: article `a` is larger than 100 bytes",
        ))
        .stderr(predicate::str::contains(
            "skipped: stdin:2:1: the line is longer than 1048776 bytes",
        ))
        .stdout(predicate::str::contains("\"source\":\"c\""));
}
