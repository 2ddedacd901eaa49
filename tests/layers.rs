//! The library's top-level modules form layers that never run back up: each
//! module imports only the ones declared before it in [`ORDER`], so there is
//! no import cycle among them (issue #10). README's Layout section states
//! the same order.
//!
//! Every `src/**/*.rs` file is read and its `crate::<module>`,
//! `newsgraph::<module>` and `super::…::<module>` paths (grouped `use
//! crate::{a::X, b::Y}` forms included, comments left out) are checked
//! against the order. The command line (`src/main.rs`, `src/cli/`) sits on
//! top of everything and is not checked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The library's modules from the bottom up. A module may import the ones
/// before it, never one after it.
const ORDER: [&str; 10] = [
    "model", "text", "load", "mentions", "extract", "graph", "store", "query", "export", "pipeline",
];

/// Paths that start at the crate root.
const ROOTS: [&str; 2] = ["crate::", "newsgraph::"];

/// One import of a module above the importing one.
#[derive(Debug, PartialEq, Eq)]
struct Violation {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// The line with the comment cut off (a `//` inside a string cuts too early,
/// which can only hide a path, never invent one).
fn code(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The first path segments after `at` in `text`: one for `a::…`, one per
/// item for `{a::X, b::{Y, Z}}`.
fn segments_at(text: &str, at: usize) -> Vec<String> {
    let rest = &text[at..];
    if let Some(group) = rest.strip_prefix('{') {
        let mut found = Vec::new();
        let mut depth = 0;
        let mut start_of_item = true;
        let mut word = String::new();
        for c in group.chars() {
            if depth == 0 && start_of_item && is_ident(c) {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                found.push(std::mem::take(&mut word));
            }
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    start_of_item = true;
                    continue;
                }
                c if c.is_whitespace() => continue,
                _ => {}
            }
            start_of_item = false;
        }
        found
    } else {
        let word: String = rest.chars().take_while(|&c| is_ident(c)).collect();
        if word.is_empty() {
            Vec::new()
        } else {
            vec![word]
        }
    }
}

/// The top-level modules `text` names, as `(line, module)`, for a file
/// `depth` modules below the crate root (`src/a.rs` and `src/a/mod.rs` are 1,
/// `src/a/b.rs` is 2), so that `super::super::x` in `src/a/b.rs` is `x`.
fn modules_named(text: &str, depth: usize) -> Vec<(usize, String)> {
    // Grouped imports span lines: join the code, keeping line starts.
    let mut joined = String::new();
    let mut starts = Vec::new();
    for line in text.lines() {
        starts.push(joined.len());
        joined.push_str(code(line));
        joined.push('\n');
    }
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset);
    let mut found = Vec::new();
    let supers = "super::".repeat(depth.max(1));
    for (i, _) in joined.char_indices() {
        let before = joined[..i].chars().next_back();
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        let prefix = ROOTS
            .iter()
            .map(|r| r.to_string())
            .chain(std::iter::once(supers.clone()))
            .find(|p| joined[i..].starts_with(p.as_str()));
        if let Some(prefix) = prefix {
            let mut at = i + prefix.len();
            if prefix.starts_with("super::") {
                // More supers (inside a `mod tests`) still reach the root.
                while joined[at..].starts_with("super::") {
                    at += "super::".len();
                }
            }
            for module in segments_at(&joined, at) {
                found.push((line_of(i), module));
            }
        }
    }
    found
}

/// The imports of `text`, a file of `module`, that go up the order.
fn violations_in(file: &str, module: &str, depth: usize, text: &str) -> Vec<Violation> {
    let rank = |m: &str| ORDER.iter().position(|&o| o == m);
    let Some(own) = rank(module) else {
        return vec![Violation {
            file: file.to_string(),
            line: 0,
            from: module.to_string(),
            to: "(a module missing from ORDER: add it where it belongs)".to_string(),
        }];
    };
    modules_named(text, depth)
        .into_iter()
        .filter(|(_, to)| rank(to).is_some_and(|r| r > own))
        .map(|(line, to)| Violation {
            file: file.to_string(),
            line,
            from: module.to_string(),
            to,
        })
        .collect()
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The library's top-level modules, as `lib.rs` declares them.
fn declared_modules() -> BTreeSet<String> {
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    lib.lines()
        .filter_map(|l| {
            let l = l.trim();
            let name = l
                .strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("mod "))?;
            Some(name.trim_end_matches(';').trim().to_string())
        })
        .collect()
}

#[test]
fn no_module_imports_one_above_it() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut violations = Vec::new();
    let mut checked = BTreeSet::new();
    for path in &files {
        let relative = path.strip_prefix("src").unwrap();
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let first = parts[0].trim_end_matches(".rs");
        if matches!(first, "lib" | "main" | "cli") {
            continue;
        }
        let last = parts.last().unwrap();
        let depth = if last == "mod.rs" {
            parts.len() - 1
        } else {
            parts.len()
        };
        let text = std::fs::read_to_string(path).unwrap();
        checked.insert(first.to_string());
        violations.extend(violations_in(
            &path.display().to_string(),
            first,
            depth,
            &text,
        ));
    }
    assert!(
        checked.len() >= 9,
        "the library's modules were read: {checked:?}"
    );
    let shown: Vec<String> = violations
        .iter()
        .map(|v| format!("{}:{}: {} imports {}", v.file, v.line, v.from, v.to))
        .collect();
    assert!(
        shown.is_empty(),
        "modules import ones above them (order: {}):\n{}",
        ORDER.join(" → "),
        shown.join("\n")
    );
}

#[test]
fn every_module_has_a_place_in_the_order() {
    for module in declared_modules() {
        assert!(
            ORDER.contains(&module.as_str()),
            "src/lib.rs declares `{module}`: add it to ORDER in tests/layers.rs and to README's Layout"
        );
    }
}

#[test]
fn the_readme_states_the_same_order() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let order = ORDER.map(|m| format!("`{m}`")).join(" → ");
    assert!(
        readme.contains(&order),
        "README's Layout section states the layers as: {order}"
    );
}

#[test]
fn an_import_from_above_is_caught_in_every_form() {
    let up = [
        // The import issue #10 removed, in each spelling.
        "use crate::export::Style;",
        "use crate::{export::Style, model::Date};",
        "use crate::{\n    model::Date,\n    extract::{Pattern, PatternSet},\n};",
        "let style: crate::export::Style = Default::default();",
        "use super::super::export::Style;",
        "use newsgraph::query::WhoMetOptions;",
    ];
    for text in up {
        let found = violations_in("src/model/dataset.rs", "model", 2, text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
    }
    let fine = [
        "use super::{Date, Entity};",
        "use crate::model::Date;",
        "// use crate::export::Style;",
        "/// See [`crate::pipeline::build_graph`].",
        "use super::super::args::arg;",
        "let x = mycrate::export::thing();",
    ];
    for text in fine {
        let found = violations_in("src/model/dataset.rs", "model", 2, text);
        assert!(found.is_empty(), "{text}: {found:?}");
    }
    // Going down is fine; up from the top of the library is not possible.
    assert!(violations_in("src/pipeline.rs", "pipeline", 1, "use crate::export::View;").is_empty());
    assert_eq!(
        violations_in(
            "src/query/summary.rs",
            "query",
            2,
            "use crate::export::edge_label;"
        )
        .len(),
        1
    );
}
