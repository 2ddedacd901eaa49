//! Regression tests for issue #11: bad input, faults and misuse found by a
//! sweep. Each test is named after what it pins; each failed before the fix.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").expect("the newsgraph binary is built")
}

/// A copy of the minimal fixture in a temporary directory, with `edit`
/// applied to its `data.ron`.
fn minimal_with(edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = std::fs::read_to_string("tests/fixtures/minimal/data.ron").unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::copy(
        "tests/fixtures/minimal/articles/duck-soup.txt",
        dir.path().join("articles/duck-soup.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("data.ron"), edit(data)).unwrap();
    dir
}

fn stderr_of(output: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&output.get_output().stderr).into_owned()
}

fn stdout_of(output: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&output.get_output().stdout).into_owned()
}

// 1. `-o PATH` data loss

#[cfg(unix)]
#[test]
fn export_o_onto_a_symlink_is_refused_and_the_link_kept() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.txt");
    std::fs::write(&target, "precious").unwrap();
    let link = dir.path().join("link.dot");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let output = newsgraph()
        .args(["--curated-only", "export", "--format", "dot", "-o"])
        .arg(&link)
        .assert()
        .code(2);
    assert!(
        stderr_of(&output).contains("symbolic link"),
        "{}",
        stderr_of(&output)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
}

#[cfg(unix)]
#[test]
fn export_o_onto_a_fifo_is_refused_and_the_fifo_kept() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = StdCommand::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let output = newsgraph()
        .args(["--curated-only", "export", "--format", "json", "-o"])
        .arg(&fifo)
        .assert()
        .code(2);
    assert!(
        stderr_of(&output).contains("a FIFO"),
        "{}",
        stderr_of(&output)
    );
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
}

#[test]
fn export_o_dash_writes_to_standard_output() {
    let output = newsgraph()
        .args(["--curated-only", "export", "--format", "dot", "-o", "-"])
        .assert()
        .success();
    assert!(stdout_of(&output).starts_with("digraph"));
    assert!(!Path::new("-").exists());
}

// 2. `build` as a set

#[cfg(unix)]
#[test]
fn a_second_concurrent_build_fails_clearly() {
    use std::os::unix::io::AsRawFd;
    let out = tempfile::tempdir().unwrap();
    let held = std::fs::File::open(out.path()).unwrap();
    // SAFETY: flock on a descriptor this test owns.
    let rc = unsafe { libc::flock(held.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    assert_eq!(rc, 0);
    let output = newsgraph()
        .args(["--curated-only", "build", "--out"])
        .arg(out.path())
        .assert()
        .code(2);
    assert!(
        stderr_of(&output).contains("another newsgraph build is writing into"),
        "{}",
        stderr_of(&output)
    );
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none());
}

#[test]
fn a_failed_build_leaves_the_previous_set_untouched() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("newsgraph.dot"), "old").unwrap();
    // A directory where a file of the set goes: publishing must refuse before moving anything.
    std::fs::create_dir(out.path().join("newsgraph.json")).unwrap();
    newsgraph()
        .args(["--curated-only", "build", "--out"])
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    assert_eq!(
        std::fs::read_to_string(out.path().join("newsgraph.dot")).unwrap(),
        "old"
    );
    assert!(!out.path().join("newsgraph.graphml").exists());
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.starts_with('.')), "{names:?}");
}

#[test]
fn a_killed_builds_leftovers_are_cleaned() {
    let out = tempfile::tempdir().unwrap();
    // PID 4194305 is above Linux's largest pid_max: no process has it.
    for dir in ["", "csv", "focus"] {
        std::fs::create_dir_all(out.path().join(dir)).unwrap();
        std::fs::write(out.path().join(dir).join(".x.dot.4194305.tmp"), "half").unwrap();
    }
    let unfinished = out.path().join(".newsgraph-staging.4194305");
    std::fs::create_dir_all(unfinished.join("focus")).unwrap();
    std::fs::write(unfinished.join("focus/half.dot"), "half").unwrap();
    newsgraph()
        .args(["--curated-only", "build", "--out"])
        .arg(out.path())
        .assert()
        .success();
    for dir in ["", "csv", "focus"] {
        for entry in std::fs::read_dir(out.path().join(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.starts_with('.'), "left over: {dir}/{name}");
        }
    }
    assert!(!out.path().join("focus/half.dot").exists());
    assert!(out.path().join("newsgraph.dot").is_file());
}

#[test]
fn graphviz_leaves_no_temporary_dot_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    newsgraph()
        .env("TMPDIR", tmp.path())
        .args(["--curated-only", "build", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn build_does_not_draw_a_graph_with_too_many_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let mut ron = String::from("(\n    places: [\n");
    for i in 0..3100 {
        ron.push_str(&format!(
            "        (id: \"place-{i}\", name: \"Place {i}\"),\n"
        ));
    }
    ron.push_str("    ],\n)\n");
    std::fs::write(dir.path().join("data.ron"), ron).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = newsgraph()
        .arg("--data")
        .arg(dir.path())
        .args(["build", "--out"])
        .arg(out.path())
        .assert()
        .success();
    assert!(
        stdout_of(&output).contains("3100 nodes are too many to draw"),
        "{}",
        stdout_of(&output)
    );
    assert!(!out.path().join("newsgraph.svg").exists());
}

// 3. Limits

#[cfg(unix)]
#[test]
fn extract_dev_zero_is_read_with_a_cap() {
    newsgraph()
        .args(["--max-article-bytes", "100000", "extract", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/dev/zero is larger than 100000 bytes",
        ));
}

#[test]
fn an_article_over_a_limit_is_reported_and_skipped() {
    let data = minimal_with(|d| d);
    let article = data.path().join("articles/duck-soup.txt");
    let long = format!(
        "{} {}",
        std::fs::read_to_string(&article).unwrap(),
        "word ".repeat(2000)
    );
    std::fs::write(&article, long).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = newsgraph()
        .arg("--data")
        .arg(data.path())
        .args(["build", "--out"])
        .arg(out.path())
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("duck-soup.txt has a sentence of"),
        "{stderr}"
    );
    assert!(stderr.contains("longer than 5000"), "{stderr}");
    assert!(out.path().join("newsgraph.dot").is_file());
    // Raising the limit reads it.
    newsgraph()
        .arg("--data")
        .arg(data.path())
        .args(["--max-sentence-bytes", "100000", "build", "--out"])
        .arg(out.path())
        .assert()
        .success();
}

// 5. Error reporting

#[test]
fn a_long_single_line_ron_error_shows_a_window_not_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut ron = String::from("(places: [");
    for i in 0..100_000 {
        ron.push_str(&format!("(id: \"p{i}\", name: \"P {i}\"), "));
    }
    ron.push_str("(id: \"bad\", nmae: \"Bad\")])");
    std::fs::write(dir.path().join("data.ron"), &ron).unwrap();
    let output = newsgraph()
        .arg("--data")
        .arg(dir.path())
        .arg("check")
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    assert!(stderr.len() < 2_000, "{} bytes of stderr", stderr.len());
    assert!(stderr.contains("nmae"), "{stderr}");
    assert!(stderr.contains('\u{2026}'), "{stderr}");
}

#[test]
fn many_errors_are_counted_and_only_the_first_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut ron = String::from("(\n    places: [\n");
    for i in 0..1000 {
        ron.push_str(&format!("        (id: \"same\", name: \"Place {i}\"),\n"));
    }
    ron.push_str("    ],\n)\n");
    std::fs::write(dir.path().join("data.ron"), ron).unwrap();
    let output = newsgraph()
        .arg("--data")
        .arg(dir.path())
        .args(["--max-errors", "10", "check"])
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    assert_eq!(
        stderr.matches("error[duplicate-id]").count(),
        10,
        "{stderr}"
    );
    assert!(
        stderr.contains("999 errors found; the first 10 are shown"),
        "{stderr}"
    );
}

// 6. Directory walk

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_the_data_folder_is_reported() {
    let data = minimal_with(|d| d);
    std::os::unix::fs::symlink(".", data.path().join("again")).unwrap();
    std::os::unix::fs::symlink(".", data.path().join("articles/up")).unwrap();
    newsgraph()
        .arg("--data")
        .arg(data.path())
        .arg("check")
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("directory loop"));
}

// 7. Alias checks

#[test]
fn strong_aliases_that_match_everywhere_are_refused() {
    let data = minimal_with(|d| {
        d.replace(
            r#"aliases: ["Rufus Firefly"]"#,
            r#"aliases: ["Rufus Firefly", "the", ".", "I"]"#,
        )
    });
    let output = newsgraph()
        .arg("--data")
        .arg(data.path())
        .arg("check")
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    assert_eq!(stderr.matches("error[unsafe-alias]").count(), 3, "{stderr}");
    assert!(
        stderr.contains("\"the\" of `rufus-firefly` is a common English word"),
        "{stderr}"
    );
    assert!(stderr.contains("weak_aliases"), "{stderr}");
}

// 8. Broken pipe

#[test]
fn large_json_into_a_closed_pipe_exits_quietly() {
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["edges", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "exit {status:?}, stderr: {stderr}");
    // A note that the working tree's store is stale may come first; no
    // error may follow it.
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("note: ") && !l.trim().is_empty())
        .collect();
    assert!(errors.is_empty(), "{stderr}");
}

// 9. RON encoding

#[test]
fn non_utf8_ron_names_line_column_and_byte() {
    let data = minimal_with(|d| d);
    let mut bytes = std::fs::read(data.path().join("data.ron")).unwrap();
    let at = bytes.windows(9).position(|w| w == b"Freedonia").unwrap();
    bytes[at + 1] = 0xE9; // "Freedonia" -> "F\xE9eedonia", Latin-1
    std::fs::write(data.path().join("data.ron"), &bytes).unwrap();
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = at + 1 - line_start + 1;
    newsgraph()
        .arg("--data")
        .arg(data.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "error[encoding]: {}:{line}:{column}: not UTF-8 text: byte 0xE9 at byte offset {}",
            data.path().join("data.ron").display(),
            at + 1
        )));
}

#[test]
fn a_utf8_bom_is_stripped() {
    let data = minimal_with(|d| format!("\u{FEFF}{d}"));
    newsgraph()
        .arg("--data")
        .arg(data.path())
        .arg("check")
        .assert()
        .success();
}

// 10. Undecodable article

#[test]
fn an_undecodable_article_is_skipped_and_the_build_exits_2() {
    let data = minimal_with(|d| {
        d.replace(
            "    sources: [\n",
            "    sources: [\n        (id: \"latin1\", file: \"articles/latin1.txt\", title: \"Latin-1\"),\n",
        )
    });
    std::fs::write(
        data.path().join("articles/latin1.txt"),
        b"Fr\xe9edonia".as_slice(),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = newsgraph()
        .arg("--data")
        .arg(data.path())
        .args(["build", "--out"])
        .arg(out.path())
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("latin1.txt is not UTF-8 text: invalid byte at offset 2"),
        "{stderr}"
    );
    assert!(stdout_of(&output).contains("1 article(s) skipped"));
    assert!(out.path().join("newsgraph.graphml").is_file());
}

// 11. Overlapping tenures

#[test]
fn the_same_person_holding_an_office_twice_at_once_is_an_error() {
    let data = minimal_with(|d| {
        d.replace(
            r#"                (person: "rufus-firefly", from: "1933-11-01", sources: ["duck-soup"]),"#,
            "                (person: \"rufus-firefly\", from: \"1933-11-01\", sources: [\"duck-soup\"]),\n                (person: \"rufus-firefly\", from: \"1934-02-01\", sources: [\"duck-soup\"]),",
        )
    });
    let output = newsgraph()
        .arg("--data")
        .arg(data.path())
        .arg("check")
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    let header = format!(
        "error[overlapping-tenure]: {}:25:",
        data.path().join("data.ron").display()
    );
    assert!(stderr.starts_with(&header), "{stderr}");
    assert!(stderr.contains("held twice by `rufus-firefly`"), "{stderr}");
}

// 12. Source paths confined to the data folder

#[test]
fn source_paths_outside_the_data_folder_are_refused() {
    let data =
        minimal_with(|d| d.replace("articles/duck-soup.txt", "../../../../../../etc/passwd"));
    let output = newsgraph()
        .arg("--data")
        .arg(data.path())
        .arg("check")
        .assert()
        .code(2);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("error[outside-data]"), "{stderr}");
    assert!(stderr.contains("--allow-outside-data"), "{stderr}");
}

#[test]
fn source_paths_outside_the_data_folder_load_when_allowed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(
        "tests/fixtures/minimal/articles/duck-soup.txt",
        outside.path().join("duck-soup.txt"),
    )
    .unwrap();
    let path: PathBuf = outside.path().join("duck-soup.txt");
    let data = minimal_with(|d| d.replace("articles/duck-soup.txt", &path.display().to_string()));
    newsgraph()
        .arg("--data")
        .arg(data.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error[outside-data]"));
    newsgraph()
        .arg("--data")
        .arg(data.path())
        .args(["--allow-outside-data", "check"])
        .assert()
        .success();
}
