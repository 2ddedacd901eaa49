//! The commands of the command line, one file each, and what they share.

pub mod build;
pub mod check;
pub mod edges;
pub mod export;
pub mod extract;
pub mod mentions;
pub mod queries;
pub mod table;
pub mod who_met;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph::pipeline::{self, ExtractionReport};
use newsgraph::KnowledgeGraph;

/// Output formats of the query commands.
#[derive(Clone, Copy, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for people.
    Table,
    /// JSON for programs.
    Json,
    /// Tab-separated values.
    Tsv,
}

/// Output formats of `extract`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    /// A data file to paste into the curated RON files.
    Ron,
    /// One JSON object per fact.
    Jsonl,
}

/// Formats of `export`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// Graphviz DOT.
    Dot,
    /// GraphML.
    Graphml,
    /// SVG rendered by Graphviz.
    Svg,
    /// PNG rendered by Graphviz.
    Png,
    /// Cytoscape.js elements (JSON).
    Json,
    /// CSV for Neo4j and Gephi: four files into the directory given by -o.
    Csv,
    /// A self-contained interactive HTML page (needs Graphviz).
    Html,
}

/// Meeting modes on the command line.
#[derive(Clone, Copy, ValueEnum)]
pub enum ModeArg {
    /// In the same room.
    InPerson,
    /// By video.
    Virtual,
    /// By telephone.
    Phone,
}

impl ModeArg {
    /// The model's mode.
    pub fn mode(self) -> newsgraph::model::MeetingMode {
        use newsgraph::model::MeetingMode;
        match self {
            ModeArg::InPerson => MeetingMode::InPerson,
            ModeArg::Virtual => MeetingMode::Virtual,
            ModeArg::Phone => MeetingMode::Phone,
        }
    }
}

/// Fails on a relation name the graph does not know.
pub fn check_relations(relations: &[String]) -> anyhow::Result<()> {
    use newsgraph::model::RelationKind;
    for relation in relations {
        if !RelationKind::NAMES.contains(&relation.as_str()) {
            anyhow::bail!(
                "unknown relation `{relation}`; relations are: {}",
                RelationKind::NAMES.join(", ")
            );
        }
    }
    Ok(())
}

/// Graphviz layout engines.
#[derive(Clone, Copy, ValueEnum)]
pub enum EngineArg {
    /// Hierarchical.
    Dot,
    /// Spring model.
    Neato,
    /// Force-directed.
    Fdp,
    /// Force-directed, large graphs.
    Sfdp,
}

/// The options of this run for loading data, set once from the command line.
static LOAD_OPTIONS: OnceLock<newsgraph::LoadOptions> = OnceLock::new();

/// Whether an article or file was skipped: the run then exits with code 2.
static SKIPPED: AtomicBool = AtomicBool::new(false);

/// Sets the load options of this run (limits, `--allow-outside-data`).
pub fn set_load_options(options: newsgraph::LoadOptions) {
    let _ = LOAD_OPTIONS.set(options);
}

/// Loads and validates the data directories with this run's options.
pub fn load_dataset(data: &[PathBuf]) -> Result<newsgraph::Dataset, newsgraph::LoadError> {
    let options = LOAD_OPTIONS.get().copied().unwrap_or_default();
    newsgraph::load_dirs_with(data, &options)
}

/// Reports a skipped input on standard error, and remembers to exit with code 2.
pub fn report_skipped(what: &str) {
    SKIPPED.store(true, Ordering::Relaxed);
    eprintln!("skipped: {what}");
}

/// Whether anything was skipped in this run.
pub fn skipped_any() -> bool {
    SKIPPED.load(Ordering::Relaxed)
}

/// Loads the data and builds the graph, reading the articles unless `curated_only`.
pub fn load_graph(data: &[PathBuf], curated_only: bool) -> anyhow::Result<KnowledgeGraph> {
    Ok(load_graph_with_report(data, curated_only)?.0)
}

/// [`load_graph`], with the matcher's report; a progress bar on a terminal.
pub fn load_graph_with_report(
    data: &[PathBuf],
    curated_only: bool,
) -> anyhow::Result<(KnowledgeGraph, ExtractionReport)> {
    let dataset = load_dataset(data)?;
    if curated_only {
        return Ok((KnowledgeGraph::build(dataset), ExtractionReport::default()));
    }
    let articles = dataset
        .sources
        .values()
        .filter(|s| s.file.is_some())
        .count() as u64;
    let bar = progress_bar(articles);
    let result = pipeline::build_graph(dataset, &|| bar.inc(1));
    bar.finish_and_clear();
    let (graph, report) = result?;
    for skipped in &report.skipped {
        report_skipped(&skipped.reason);
    }
    Ok((graph, report))
}

/// A progress bar on standard error, hidden when it is not a terminal or the run is short.
fn progress_bar(length: u64) -> ProgressBar {
    if length < 50 || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(length), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} articles ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix("matching");
    bar
}

/// Whether the error is a closed output pipe (`| head`), which is not a failure.
/// serde_json keeps its io::Error inside and does not give it as a source,
/// so it is asked for the error's kind.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io = cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe);
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind)
            == Some(io::ErrorKind::BrokenPipe);
        io || json
    })
}

/// The text printed for an error: diagnostics as they are, others with their causes.
pub fn render_error(error: &anyhow::Error) -> String {
    if let Some(newsgraph::LoadError::Invalid(diagnostics)) = error.downcast_ref() {
        return diagnostics.to_string();
    }
    let mut text = format!("error: {error}");
    for cause in error.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {cause}"));
    }
    text
}

/// Escapes a value for a TSV cell: tabs and line breaks become spaces.
pub fn tsv_cell(value: &str) -> String {
    value.replace(['\t', '\n', '\r'], " ")
}

/// A relation's attributes as a JSON object (`{"mode": "virtual"}`), amounts as numbers.
pub fn attributes_json(
    relation: &newsgraph::model::RelationKind,
) -> serde_json::Map<String, serde_json::Value> {
    relation
        .attributes()
        .into_iter()
        .map(|(k, v)| (k.to_string(), serde_json::to_value(v).unwrap_or_default()))
        .collect()
}
