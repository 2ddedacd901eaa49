//! The SQLite store: queries answer from it with the same output as without
//! it, a stale store is noticed, and incremental builds equal full builds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use newsgraph::{pipeline, store, Loaded};

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").expect("the newsgraph binary is built")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_none_or(|e| e != "stamps" && e != "idx") {
                // The stamps file and the exports' indexes hold modification
                // times: caches, not output.
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Runs newsgraph in `cwd` and returns its standard output and error.
fn run(cwd: &Path, args: &[&str]) -> (String, String) {
    let output = newsgraph().current_dir(cwd).args(args).assert().success();
    let output = output.get_output();
    (
        String::from_utf8(output.stdout.clone()).unwrap(),
        String::from_utf8(output.stderr.clone()).unwrap(),
    )
}

fn data_dir() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .display()
        .to_string()
}

const QUERIES: &[&[&str]] = &[
    &["who-met", "Blinken"],
    &["who-met", "Blinken", "--format", "json"],
    &[
        "who-met",
        "united-states",
        "--include-members",
        "--format",
        "tsv",
    ],
    &["show", "Blinken"],
    &["show", "Lasso", "--format", "json"],
    &["neighbors", "Blinken", "--depth", "2"],
    &[
        "path",
        "Alicia Bárcena",
        "Juan Carlos Holguín",
        "--format",
        "json",
    ],
    &["timeline", "Blinken"],
    &["stats", "--format", "json"],
    &["search", "Blink"],
    &["edges", "--format", "json"],
    &["export", "--format", "json"],
];

#[test]
fn every_query_answers_the_same_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_dir();
    run(dir.path(), &["--data", &data, "build", "--out", "out"]);
    for query in QUERIES {
        // No store in this directory's graphs/: the articles are matched.
        let mut args = vec!["--data", data.as_str()];
        args.extend_from_slice(query);
        let (matched, _) = run(dir.path(), &args);
        args.extend_from_slice(&["--store", "out/newsgraph.sqlite", "--no-rebuild"]);
        let (stored, notes) = run(dir.path(), &args);
        assert_eq!(matched, stored, "newsgraph {}", query.join(" "));
        assert_eq!(notes, "", "newsgraph {}", query.join(" "));
    }
}

#[test]
fn a_changed_article_makes_the_store_stale() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("data"), &dir.path().join("data"));
    run(dir.path(), &["build", "--out", "out"]);
    let article = dir.path().join("data/articles/001_5a00022fb1cfdec3.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("Blinken", "Blinkin")).unwrap();
    let store = ["--store", "out/newsgraph.sqlite"];
    let refused = newsgraph()
        .current_dir(dir.path())
        .args(store)
        .args(["--no-rebuild", "who-met", "Lasso"])
        .assert()
        .failure();
    let stderr = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("is out of date: data/articles/001_5a00022fb1cfdec3.txt changed"),
        "{stderr}"
    );
    assert!(stderr.contains("--no-rebuild"), "{stderr}");
    let (rebuilt, notes) = run(dir.path(), &[store[0], store[1], "who-met", "Lasso"]);
    assert!(
        notes.starts_with("note: the store out/newsgraph.sqlite is out of date"),
        "{notes}"
    );
    let (matched, _) = run(dir.path(), &["--store", "none.sqlite", "who-met", "Lasso"]);
    assert_eq!(rebuilt, matched);
}

/// Adds an article, changes one, and takes another's file away.
fn edit_dataset(data: &Path) {
    let sources = data.join("sources.ron");
    let text = std::fs::read_to_string(&sources).unwrap();
    let text = text
        .replace("            file: \"articles/003_505ba5365d0a523a.txt\",\n", "")
        .replace(
            "    sources: [\n",
            "    sources: [\n        (\n            id: \"new-article\",\n            file: \"articles/new.txt\",\n            title: \"New\",\n            published: \"2024-02-02\",\n        ),\n",
        );
    std::fs::write(&sources, text).unwrap();
    std::fs::remove_file(data.join("articles/003_505ba5365d0a523a.txt")).unwrap();
    std::fs::write(
        data.join("articles/new.txt"),
        "Antony Blinken met with Alicia Bárcena in Mexico City on Thursday.\n",
    )
    .unwrap();
    let changed = data.join("articles/000_7520cb3237928add.txt");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(
        &changed,
        format!("{text}\nMarco Rubio met with Guillermo Lasso on Friday.\n"),
    )
    .unwrap();
}

#[test]
fn incremental_build_gives_the_bytes_of_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("data"), &dir.path().join("data"));
    run(dir.path(), &["build", "--out", "incremental"]);
    edit_dataset(&dir.path().join("data"));
    // The edit leaves entities, offices and patterns alone: the old store's
    // articles are reusable, so the next build matches only what changed.
    let edited = Loaded::load(dir.path().join("data")).unwrap();
    let old = store::Store::open(&dir.path().join("incremental/newsgraph.sqlite")).unwrap();
    let reusable = pipeline::reusable_articles(&old, &edited.dataset, &edited.patterns).unwrap();
    assert_eq!(reusable.len(), 5);
    drop(old);
    run(dir.path(), &["build", "--out", "incremental"]);
    run(dir.path(), &["build", "--out", "full"]);
    let incremental = files_under(&dir.path().join("incremental"));
    let full = files_under(&dir.path().join("full"));
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &full {
        assert!(incremental[name] == *bytes, "{name} differs");
    }
    let (who, _) = run(
        dir.path(),
        &[
            "--store",
            "full/newsgraph.sqlite",
            "--no-rebuild",
            "who-met",
            "Rubio",
        ],
    );
    assert!(who.contains("Guillermo Lasso"), "{who}");
}

#[test]
fn an_unchanged_article_is_not_matched_again() {
    let Loaded {
        dataset, patterns, ..
    } = Loaded::load("data").unwrap();
    let (entries, _) =
        pipeline::extract_articles(&dataset, &patterns, &Default::default(), true, &|| {});
    let mut cache: pipeline::ArticleCache = entries
        .iter()
        .map(|e| (e.facts.source.clone(), e.clone()))
        .collect();
    // Mark every cached entry: what comes back marked came from the cache.
    for entry in cache.values_mut() {
        entry.mentions = usize::MAX;
    }
    cache[1].key = "changed".into();
    let (again, _) = pipeline::extract_articles(&dataset, &patterns, &cache, true, &|| {});
    let marked: Vec<bool> = again.iter().map(|e| e.mentions == usize::MAX).collect();
    assert_eq!(marked, [true, false, true, true, true]);
    assert_eq!(again[1], entries[1]);
}

#[test]
fn the_store_reads_back_what_was_written() {
    let dirs = [PathBuf::from("data")];
    let loaded = Loaded::load("data").unwrap();
    let patterns = loaded.patterns.clone();
    let (graph, _, entries) = pipeline::build_graph_incremental(loaded, None, &|| {}).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    pipeline::write_store(&path, &dirs, &graph, &patterns, &entries).unwrap();
    let opened = store::Store::open(&path).unwrap();
    assert_eq!(opened.check(&dirs).unwrap(), store::Freshness::Fresh);
    let read: Vec<_> = opened
        .articles(graph.dataset())
        .unwrap()
        .into_values()
        .collect();
    // Sizes and times go to the stamps file beside the store, not into it.
    let written: Vec<_> = entries
        .into_iter()
        .map(|e| store::ArticleEntry {
            stamp: store::Stamp::default(),
            ..e
        })
        .collect();
    assert_eq!(read, written);
}

#[test]
fn the_store_is_not_written_over_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("newsgraph.sqlite")).unwrap();
    let data = data_dir();
    newsgraph()
        .current_dir(dir.path())
        .args(["--data", &data, "--curated-only", "build", "--out", "."])
        .assert()
        .failure()
        .stderr(predicates::str::contains("is not a regular file"));
}

/// Sets the modification time of every file and folder under `dir` (and of
/// `dir`) to `age` ago, past the stamps' racy window.
fn age_tree(dir: &Path, age: std::time::Duration) {
    let when = std::time::SystemTime::now() - age;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            age_tree(&path, age);
        } else {
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(when).unwrap();
        }
    }
    std::fs::File::open(dir)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

#[test]
fn the_stamps_spare_reading_and_listing_yet_a_change_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_dir(Path::new("data"), &data);
    let hour = std::time::Duration::from_secs(3600);
    age_tree(&data, hour);
    run(dir.path(), &["build", "--out", "out"]);
    let stamps = dir.path().join("out/newsgraph.sqlite.stamps");
    let written = std::fs::read_to_string(&stamps).unwrap();
    // Every directory listed and every file has a trusted time.
    assert!(
        written.contains("dir\t") && !written.contains("\t-\t"),
        "{written}"
    );
    let store = ["--store", "out/newsgraph.sqlite", "--no-rebuild"];
    let query = [store[0], store[1], store[2], "who-met", "Lasso"];
    let (answer, notes) = run(dir.path(), &query);
    assert_eq!(notes, "");
    // Nothing had to be read: the stamps were not written again.
    assert_eq!(std::fs::read_to_string(&stamps).unwrap(), written);

    // The same size, another (old) time: read, and found changed.
    let article = data.join("articles/001_5a00022fb1cfdec3.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("Blinken", "Blinkin")).unwrap();
    let file = std::fs::File::options().write(true).open(&article).unwrap();
    file.set_modified(std::time::SystemTime::now() - hour / 2)
        .unwrap();
    let stale = newsgraph()
        .current_dir(dir.path())
        .args(query)
        .assert()
        .failure();
    let stderr = String::from_utf8(stale.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("001_5a00022fb1cfdec3.txt changed"),
        "{stderr}"
    );

    // Put back (another time again, so it is read): up to date again.
    std::fs::write(&article, &text).unwrap();
    age_tree(&data, hour / 4);
    assert_eq!(run(dir.path(), &query), (answer, String::new()));

    // A data file added in a folder: the folder's time changed, so it is listed.
    std::fs::write(data.join("articles/extra.ron"), "(people: [])").unwrap();
    let stale = newsgraph()
        .current_dir(dir.path())
        .args(query)
        .assert()
        .failure();
    let stderr = String::from_utf8(stale.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("articles/extra.ron is new"), "{stderr}");
}

/// Every row of the store at `path`, table by table, in row order; the
/// evidence without its `id` (a row id, given in order of writing), in
/// `(fact_id, seq)` order, and what the full-text indexes find for a few words.
fn store_rows(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables = [
        ("meta", "SELECT * FROM meta ORDER BY key"),
        ("files", "SELECT rowid, * FROM files ORDER BY rowid"),
        ("entities", "SELECT rowid, * FROM entities ORDER BY rowid"),
        ("aliases", "SELECT rowid, * FROM aliases ORDER BY rowid"),
        ("offices", "SELECT rowid, * FROM offices ORDER BY rowid"),
        ("tenures", "SELECT rowid, * FROM tenures ORDER BY rowid"),
        ("sources", "SELECT rowid, * FROM sources ORDER BY rowid"),
        ("facts", "SELECT * FROM facts ORDER BY id"),
        (
            "evidence",
            "SELECT fact_id, seq, source_id, text, article, sentence, sentence_start, sentence_end,
             subject_start, subject_end, object_start, object_end, trigger_start, trigger_end,
             pattern, confidence, date_origin FROM evidence ORDER BY fact_id, seq",
        ),
        ("articles", "SELECT rowid, * FROM articles ORDER BY rowid"),
        ("extracted", "SELECT rowid, * FROM extracted ORDER BY rowid"),
        (
            "evidence_fts",
            "SELECT w.word, e.fact_id, e.seq FROM (SELECT 'met' AS word UNION SELECT 'blinken'
             UNION SELECT 'geneva' UNION SELECT 'lasso') w
             JOIN evidence_fts ON evidence_fts MATCH w.word
             JOIN evidence e ON e.id = evidence_fts.rowid ORDER BY 1, 2, 3",
        ),
        (
            "names_fts",
            "SELECT rowid FROM names_fts WHERE names_fts MATCH 'antony OR lasso' ORDER BY rowid",
        ),
    ];
    let mut out = Vec::new();
    for (table, sql) in tables {
        let mut query = conn.prepare(sql).unwrap();
        let columns = query.column_count();
        let mut rows = query.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<rusqlite::types::Value> =
                (0..columns).map(|i| row.get(i).unwrap()).collect();
            out.push(format!("{table}: {values:?}"));
        }
    }
    out
}

#[test]
fn adding_articles_updates_the_store_in_place_to_the_rows_of_a_full_build() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_dir(Path::new("data"), &data);
    run(dir.path(), &["build", "--out", "incremental"]);
    let store = dir.path().join("incremental/newsgraph.sqlite");
    let inode = std::fs::metadata(&store).unwrap().ino();
    // Two sources added at the end: one article repeats an old one (its
    // facts merge into facts the store holds), one states a new meeting.
    let sources = data.join("sources.ron");
    let text = std::fs::read_to_string(&sources).unwrap();
    let added = "        (id: \"added-1\", file: \"articles/added-1.txt\", title: \"Added\", event_date: \"2021-04-23\"),\n        (id: \"added-2\", file: \"articles/added-2.txt\", title: \"Added\", published: \"2024-02-03\"),\n";
    let end = text.rfind("    ],").unwrap();
    std::fs::write(&sources, format!("{}{added}{}", &text[..end], &text[end..])).unwrap();
    std::fs::copy(
        data.join("articles/001_5a00022fb1cfdec3.txt"),
        data.join("articles/added-1.txt"),
    )
    .unwrap();
    std::fs::write(
        data.join("articles/added-2.txt"),
        "Antony Blinken met with Guillermo Lasso in Geneva on Tuesday.\n",
    )
    .unwrap();
    run(dir.path(), &["build", "--out", "incremental"]);
    assert_eq!(
        std::fs::metadata(&store).unwrap().ino(),
        inode,
        "the store was written afresh, not updated"
    );
    run(dir.path(), &["build", "--out", "full"]);
    let incremental = files_under(&dir.path().join("incremental"));
    let full = files_under(&dir.path().join("full"));
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &full {
        if !name.ends_with(".sqlite") {
            assert!(incremental[name] == *bytes, "{name} differs");
        }
    }
    let updated = store_rows(&store);
    let fresh = store_rows(&dir.path().join("full/newsgraph.sqlite"));
    assert!(updated.iter().any(|r| r.contains("added-2")));
    // Some of the repeated article's evidence went to facts the store held.
    let conn = rusqlite::Connection::open(&store).unwrap();
    let merged: i64 = conn
        .query_row(
            "SELECT count(*) FROM evidence WHERE source_id = 'added-1' AND seq > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(merged > 0);
    assert_eq!(updated.len(), fresh.len());
    for (a, b) in updated.iter().zip(&fresh) {
        assert_eq!(a, b);
    }
    // The full-text index agrees with the evidence it indexes.
    conn.execute(
        "INSERT INTO evidence_fts (evidence_fts) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
    // And the store is up to date for the queries.
    let (who, notes) = run(
        dir.path(),
        &[
            "--store",
            "incremental/newsgraph.sqlite",
            "--no-rebuild",
            "who-met",
            "Lasso",
        ],
    );
    assert_eq!(notes, "");
    assert!(who.contains("added-2"), "{who}");
}

/// Builds into `incremental` with timings on, then into `full` from the same
/// data without any cache; every export must be the same bytes. Returns the
/// incremental build's notes of records copied and formatted.
fn build_both_and_compare(dir: &Path) -> String {
    let output = newsgraph()
        .current_dir(dir)
        .env("NEWSGRAPH_TIMINGS", "1")
        .args(["build", "--out", "incremental"])
        .assert()
        .success();
    let notes = String::from_utf8(output.get_output().stderr.clone()).unwrap();
    let _ = std::fs::remove_dir_all(dir.join("full"));
    run(dir, &["build", "--out", "full"]);
    let incremental = files_under(&dir.join("incremental"));
    let full = files_under(&dir.join("full"));
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &full {
        if !name.ends_with(".sqlite") {
            assert!(incremental[name] == *bytes, "{name} differs");
        }
    }
    notes
}

#[test]
fn export_records_are_copied_only_when_their_index_allows() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_dir(Path::new("data"), &data);
    run(dir.path(), &["build", "--out", "incremental"]);
    let cache = dir.path().join("incremental/newsgraph.sqlite.exports");
    assert!(cache.join("newsgraph.json.idx").is_file());
    // Nothing changed: every record is copied.
    let notes = build_both_and_compare(dir.path());
    assert!(
        notes.contains("newsgraph.graphml: 134 records copied, 0 formatted"),
        "{notes}"
    );
    // A new, a removed and a changed article.
    edit_dataset(&data);
    let notes = build_both_and_compare(dir.path());
    assert!(notes.contains(" formatted)"), "{notes}");
    // An entity renamed: every article is matched again, and every record
    // is formatted again (names reach facts' lines).
    let people = data.join("people.ron");
    let text = std::fs::read_to_string(&people).unwrap();
    std::fs::write(
        &people,
        text.replace("name: \"Antony Blinken\"", "name: \"Tony Blinken\""),
    )
    .unwrap();
    let notes = build_both_and_compare(dir.path());
    assert!(
        notes.contains("newsgraph.graphml: 0 records copied"),
        "{notes}"
    );
    // A corrupt index, a missing one, and an export edited since it was
    // written: those files are formatted whole, the same bytes.
    std::fs::write(
        cache.join("newsgraph.json.idx"),
        b"newsgraph-export-index 1\ngarbage",
    )
    .unwrap();
    std::fs::remove_file(cache.join("newsgraph.dot.idx")).unwrap();
    let graphml = dir.path().join("incremental/newsgraph.graphml");
    let mut text = std::fs::read(&graphml).unwrap();
    text[100] = b'!';
    std::fs::write(&graphml, text).unwrap();
    let notes = build_both_and_compare(dir.path());
    assert!(
        notes.contains("newsgraph.json: 0 records copied"),
        "{notes}"
    );
    assert!(notes.contains("newsgraph.dot: 0 records copied"), "{notes}");
    assert!(
        notes.contains("newsgraph.graphml: 0 records copied"),
        "{notes}"
    );
    assert!(
        !notes.contains("newsgraph.ftm.json: 0 records copied"),
        "{notes}"
    );
    // The whole cache gone: a full write.
    std::fs::remove_dir_all(&cache).unwrap();
    let notes = build_both_and_compare(dir.path());
    assert!(
        notes.contains("newsgraph.ftm.json: 0 records copied"),
        "{notes}"
    );
    assert!(cache.join("newsgraph.ftm.json.idx").is_file());
}
