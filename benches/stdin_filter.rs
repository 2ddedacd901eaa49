//! `extract -` (articles as JSON lines on standard input) against `extract
//! FILE...` on the same texts: the filter Spark pipes partitions through
//! should match articles as fast as `extract` reads files.
//!
//! ```sh
//! cargo bench --bench stdin_filter                       # the bundled articles, 300 times over
//! cargo run --release --example gen_corpus -- --entities 1000 --mb 20 --out target/corpus-small
//! cargo bench --bench stdin_filter -- target/corpus-small
//! ```
//!
//! Both run the release binary as a whole process (loading the data and
//! building the automaton included), best of three runs each, interleaved;
//! the output goes to a file. Prints each throughput and their ratio.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Times the bundled articles are repeated when no corpus is given.
const REPEAT: usize = 300;

/// Runs of each mode; the best counts.
const RUNS: usize = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpus = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let (data, files) = match &corpus {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            let files = text_files(&dir.join("articles"))?;
            (dir, files)
        }
        None => {
            let files = text_files(Path::new("data/articles"))?;
            let repeated = (0..REPEAT).flat_map(|_| files.iter().cloned()).collect();
            (PathBuf::from("data"), repeated)
        }
    };
    let work = tempfile::tempdir()?;
    let lines = work.path().join("articles.jsonl");
    let mut jsonl = String::new();
    let mut bytes = 0usize;
    for path in &files {
        let text = std::fs::read_to_string(path)?;
        bytes += text.len();
        let line = serde_json::json!({ "path": path.display().to_string(), "text": text });
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    std::fs::write(&lines, jsonl)?;
    let binary = env!("CARGO_BIN_EXE_newsgraph");
    let sink = work.path().join("facts.jsonl");
    let from_files = || -> Result<Duration, Box<dyn std::error::Error>> {
        let mut command = Command::new(binary);
        command
            .arg("--data")
            .arg(&data)
            .args(["extract", "--format", "jsonl"])
            .args(&files);
        timed(command, None, &sink)
    };
    let from_stdin = || -> Result<Duration, Box<dyn std::error::Error>> {
        let mut command = Command::new(binary);
        command.arg("--data").arg(&data).args(["extract", "-"]);
        timed(command, Some(&lines), &sink)
    };
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..RUNS {
        best.0 = best.0.min(from_files()?);
        best.1 = best.1.min(from_stdin()?);
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} articles, {mb:.1} MB of text, data {} (best of {RUNS}, whole process)",
        files.len(),
        data.display()
    );
    for (name, time) in [("extract FILE...", best.0), ("extract - (stdin)", best.1)] {
        println!(
            "{name:<20} {:>8.3} s  {:>7.2} MB/s",
            time.as_secs_f64(),
            mb / time.as_secs_f64()
        );
    }
    let ratio = best.0.as_secs_f64() / best.1.as_secs_f64();
    println!("stdin throughput / files throughput: {ratio:.3} (target ≥ 0.90)");
    Ok(())
}

/// The `.txt` files of `dir`, in name order.
fn text_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    Ok(files)
}

/// Runs `command` with `input` on its standard input, its output into `sink`.
fn timed(
    mut command: Command,
    input: Option<&Path>,
    sink: &Path,
) -> Result<Duration, Box<dyn std::error::Error>> {
    let stdin = match input {
        Some(path) => Stdio::from(std::fs::File::open(path)?),
        None => Stdio::null(),
    };
    let start = Instant::now();
    let status = command
        .stdin(stdin)
        .stdout(std::fs::File::create(sink)?)
        .status()?;
    let time = start.elapsed();
    if !status.success() {
        return Err(format!("{command:?} failed: {status}").into());
    }
    Ok(time)
}
