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

/// Where the store is, shared by every command.
#[derive(clap::Args, Clone, Debug)]
pub struct StoreArgs {
    /// The SQLite store `build` writes and the queries answer from
    /// [default: graphs/newsgraph.sqlite, or OUT/newsgraph.sqlite for `build`].
    #[arg(long, global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// Fail instead of matching the articles again when the store is missing
    /// or older than the data files or articles.
    #[arg(long, global = true)]
    pub no_rebuild: bool,
}

impl StoreArgs {
    /// The library's options, with `default` as the path when none was given.
    pub fn options(&self, default: &std::path::Path) -> pipeline::StoreOptions {
        pipeline::StoreOptions {
            path: self.store.clone().unwrap_or_else(|| default.to_path_buf()),
            explicit: self.store.is_some(),
            no_rebuild: self.no_rebuild,
        }
    }
}

/// Loads the data and builds the graph: from the store when it is up to date,
/// reading the articles unless `curated_only`.
pub fn load_graph(
    data: &[PathBuf],
    curated_only: bool,
    store: &StoreArgs,
) -> anyhow::Result<KnowledgeGraph> {
    Ok(load_graph_with_report(data, curated_only, store)?.0)
}

/// [`load_graph`], with the matcher's report; a progress bar on a terminal.
pub fn load_graph_with_report(
    data: &[PathBuf],
    curated_only: bool,
    store: &StoreArgs,
) -> anyhow::Result<(KnowledgeGraph, ExtractionReport)> {
    let dataset = newsgraph::load_dirs(data)?;
    if curated_only {
        return Ok((KnowledgeGraph::build(dataset), ExtractionReport::default()));
    }
    let bar = progress_bar(article_count(&dataset));
    let options = store.options(std::path::Path::new("graphs/newsgraph.sqlite"));
    let notify = |text: &str| bar.suspend(|| eprintln!("note: {text}"));
    let result = pipeline::open_graph(dataset, data, &options, &notify, &|| bar.inc(1));
    bar.finish_and_clear();
    Ok(result?)
}

/// `build`'s graph: articles unchanged since the store at `store` was written
/// are not matched again. Also returns what the new store keeps of each article.
pub fn build_graph(
    data: &[PathBuf],
    curated_only: bool,
    store: &std::path::Path,
) -> anyhow::Result<(
    KnowledgeGraph,
    ExtractionReport,
    Vec<newsgraph::store::ArticleEntry>,
)> {
    let dataset = newsgraph::load_dirs(data)?;
    if curated_only {
        let graph = KnowledgeGraph::build(dataset);
        return Ok((graph, ExtractionReport::default(), Vec::new()));
    }
    let bar = progress_bar(article_count(&dataset));
    let result = pipeline::build_graph_incremental(dataset, Some(store), &|| bar.inc(1));
    bar.finish_and_clear();
    Ok(result?)
}

/// The number of sources with an article file.
fn article_count(dataset: &newsgraph::Dataset) -> u64 {
    dataset
        .sources
        .values()
        .filter(|s| s.file.is_some())
        .count() as u64
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
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
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
