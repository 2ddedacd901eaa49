//! The README's `console` examples, run: each `$ newsgraph ARGS` must print
//! the lines shown under it (standard output, then standard error). A line
//! that ends with `…` is a prefix of the real, longer line.

use assert_cmd::Command;

/// Splits a command line on spaces, keeping "double-quoted" words whole.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Each console example: its arguments and the lines it shows.
fn examples(readme: &str) -> Vec<(Vec<String>, Vec<String>)> {
    readme
        .split("```console\n")
        .skip(1)
        .filter_map(|block| {
            let block = block.split("```").next()?;
            let mut lines = block.lines();
            let command = lines.next()?.strip_prefix("$ newsgraph ")?;
            Some((words(command), lines.map(str::to_string).collect()))
        })
        .collect()
}

#[test]
fn readme_console_examples_print_what_the_readme_shows() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let examples = examples(&readme);
    assert!(
        examples.len() >= 3,
        "the README's console examples were not found"
    );
    for (args, expected) in examples {
        let output = Command::cargo_bin("newsgraph")
            .unwrap()
            .args(&args)
            .output()
            .unwrap();
        let mut text = String::from_utf8(output.stdout).unwrap();
        text.push_str(&String::from_utf8(output.stderr).unwrap());
        let actual: Vec<&str> = text.lines().collect();
        assert_eq!(actual.len(), expected.len(), "newsgraph {args:?}:\n{text}");
        for (want, got) in expected.iter().zip(&actual) {
            let same = match want.strip_suffix('…') {
                Some(prefix) => got.starts_with(prefix.trim_end()),
                None => want == got,
            };
            assert!(same, "newsgraph {args:?}:\nREADME: {want}\nactual: {got}");
        }
    }
}
