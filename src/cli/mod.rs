//! The command line: one `Args` struct per command, each with its own `run`,
//! and what the commands share (option groups, exit codes, error text).

pub mod build;
pub mod check;
pub mod edges;
pub mod export;
pub mod extract;
pub mod mentions;
pub mod neighbors;
pub mod path;
pub mod search;
pub mod show;
pub mod stats;
pub mod table;
pub mod timeline;
pub mod who_met;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph::model::RelationSet;
use newsgraph::pipeline::{self, ExtractionReport};
use newsgraph::store::Resolved;
use newsgraph::KnowledgeGraph;
use serde::Serialize;

use table::Table;

/// The exit codes, as `--help` prints them.
pub const EXIT_STATUS: &str = "\
Exit status:
  0  the command answered
  1  nothing found: an unknown or ambiguous name, no path within the bound, no matching row
  2  an error: bad data, a file that cannot be read or written, bad arguments";

/// Build a typed, evidence-backed knowledge graph from curated entity files
/// and news articles, and ask it questions.
#[derive(Parser)]
#[command(name = "newsgraph", version, about, long_about = None, after_help = EXIT_STATUS)]
pub struct Cli {
    /// Where the data comes from.
    #[command(flatten)]
    pub data: DataArgs,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The options every command shares: where the data is, and whether to read the articles.
#[derive(clap::Args)]
#[command(next_help_heading = "Data options")]
pub struct DataArgs {
    /// The data directory: every .ron file under it is loaded. Repeat to load
    /// several directories as one dataset.
    #[arg(long, global = true, default_value = "data", value_name = "DIR")]
    pub data: Vec<PathBuf>,
    /// Use the curated records only; do not read the articles.
    #[arg(long, global = true)]
    pub curated_only: bool,
    /// Skip (and report) articles larger than this many bytes.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = newsgraph::model::Limits::MAX_ARTICLE_BYTES)]
    pub max_article_bytes: u64,
    /// Skip (and report) articles with a sentence longer than this many bytes.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = newsgraph::model::Limits::MAX_SENTENCE_BYTES)]
    pub max_sentence_bytes: usize,
    /// Show at most this many data errors (all are counted).
    #[arg(long, global = true, value_name = "N", default_value_t = newsgraph::model::Limits::MAX_ERRORS)]
    pub max_errors: usize,
    /// Accept article files outside the data directory (`../`, absolute paths, links leading out).
    #[arg(long, global = true)]
    pub allow_outside_data: bool,
    /// The SQLite store `build` writes and the queries answer from
    /// [default: graphs/newsgraph.sqlite, or OUT/newsgraph.sqlite for `build`].
    #[arg(long, global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// Fail instead of matching the articles again when the store is missing
    /// or older than the data files or articles.
    #[arg(long, global = true)]
    pub no_rebuild: bool,
}

/// Whether an article or file was skipped: the run then exits with code 2.
static SKIPPED: AtomicBool = AtomicBool::new(false);

/// Reports a skipped input on standard error, and remembers to exit with code 2.
pub fn report_skipped(what: &str) {
    SKIPPED.store(true, Ordering::Relaxed);
    eprintln!("skipped: {what}");
}

/// Whether anything was skipped in this run.
pub fn skipped_any() -> bool {
    SKIPPED.load(Ordering::Relaxed)
}

impl DataArgs {
    /// The load options these flags give (limits, `--allow-outside-data`).
    pub fn load_options(&self) -> newsgraph::LoadOptions {
        newsgraph::LoadOptions {
            limits: newsgraph::model::Limits {
                max_article_bytes: self.max_article_bytes,
                max_sentence_bytes: self.max_sentence_bytes,
                max_errors: self.max_errors,
            },
            allow_outside_data: self.allow_outside_data,
        }
    }

    /// Loads and validates the data directories with these options.
    pub fn load(&self) -> Result<newsgraph::Loaded, newsgraph::LoadError> {
        newsgraph::load_dirs_with(&self.data, &self.load_options())
    }

    /// Loads the data and builds the graph, reading the articles unless `--curated-only`.
    pub fn graph(&self) -> anyhow::Result<KnowledgeGraph> {
        Ok(self.graph_with_report()?.0)
    }

    /// [`DataArgs::graph`], with the matcher's report; a progress bar on a terminal.
    pub fn graph_with_report(&self) -> anyhow::Result<(KnowledgeGraph, ExtractionReport)> {
        let loaded = self.load()?;
        if self.curated_only {
            let report = ExtractionReport {
                patterns: loaded.patterns.patterns.len(),
                ..ExtractionReport::default()
            };
            let graph = KnowledgeGraph::build(loaded.dataset).with_style(loaded.style);
            return Ok((graph, report));
        }
        let bar = progress_bar(article_count(&loaded.dataset));
        let options = self.store_options(std::path::Path::new("graphs/newsgraph.sqlite"));
        let notify = |text: &str| bar.suspend(|| eprintln!("note: {text}"));
        let result = pipeline::open_graph(loaded, &self.data, &options, &notify, &|| bar.inc(1));
        bar.finish_and_clear();
        let (graph, report) = result?;
        for skipped in &report.skipped {
            report_skipped(&skipped.reason);
        }
        Ok((graph, report))
    }

    /// The graph a query about `names` reads, and the ids the names resolve
    /// to: from the store, only the part of the graph the query needs
    /// ([`Need`]), when the store is up to date and resolves every name;
    /// else the whole graph. Either way the query prints the same.
    pub fn graph_about(
        &self,
        names: &[&str],
        need: Need<'_>,
    ) -> anyhow::Result<(KnowledgeGraph, Vec<String>)> {
        if self.curated_only {
            return self.graph_resolving(names);
        }
        let options = self.store_options(std::path::Path::new("graphs/newsgraph.sqlite"));
        let mut timer = Timer::from_env();
        if let Some((store, pending)) = pipeline::store_checking(&self.data, &options)? {
            // The answer is read while the files are checked, and kept only
            // when the check finds the store up to date.
            let answer = slice_about(&store, names, need);
            timer.lap("read the answer from the store");
            let fresh = store.finish_check(pending, &self.data)?;
            timer.lap("check the store is up to date");
            if fresh == newsgraph::store::Freshness::Fresh {
                if let Some(found) = answer? {
                    return Ok(found);
                }
            }
        }
        self.graph_resolving(names)
    }

    /// `search`'s hits from the store's name list, read while the store is
    /// checked ([`newsgraph::query::rank_list`]); `None` when the store cannot answer.
    pub fn store_search(
        &self,
        text: &str,
        limit: usize,
    ) -> anyhow::Result<Option<Vec<newsgraph::query::SearchHit>>> {
        if self.curated_only {
            return Ok(None);
        }
        let options = self.store_options(std::path::Path::new("graphs/newsgraph.sqlite"));
        let mut timer = Timer::from_env();
        let Some((store, pending)) = pipeline::store_checking(&self.data, &options)? else {
            return Ok(None);
        };
        let answer = pipeline::search_store(&store, text, limit);
        timer.lap("read the answer from the store");
        let fresh = store.finish_check(pending, &self.data)?;
        timer.lap("check the store is up to date");
        if fresh != newsgraph::store::Freshness::Fresh {
            return Ok(None);
        }
        Ok(answer?)
    }

    /// The whole graph, and the ids `names` resolve to in it.
    pub fn graph_resolving(&self, names: &[&str]) -> anyhow::Result<(KnowledgeGraph, Vec<String>)> {
        let graph = self.graph()?;
        let ids = names
            .iter()
            .map(|name| graph.resolve(name).map(|e| e.id.clone()))
            .collect::<Result<_, _>>()?;
        Ok((graph, ids))
    }

    /// The store's options, with `default` as its path when none was given.
    pub fn store_options(&self, default: &std::path::Path) -> pipeline::StoreOptions {
        pipeline::StoreOptions {
            path: self.store.clone().unwrap_or_else(|| default.to_path_buf()),
            explicit: self.store.is_some(),
            no_rebuild: self.no_rebuild,
        }
    }

    /// `build`'s graph: articles unchanged since the store at `store` was
    /// written are not matched again. Also returns what the new store keeps
    /// of each article.
    pub fn build_graph(&self, store: &std::path::Path) -> anyhow::Result<Built> {
        let mut timer = Timer::from_env();
        let loaded = self.load()?;
        timer.sub_lap("load and validate the data");
        let patterns = loaded.patterns.clone();
        if self.curated_only {
            let report = ExtractionReport {
                patterns: patterns.patterns.len(),
                ..ExtractionReport::default()
            };
            let graph = KnowledgeGraph::build(loaded.dataset).with_style(loaded.style);
            return Ok(Built {
                graph,
                report,
                entries: Vec::new(),
                patterns,
            });
        }
        let bar = progress_bar(article_count(&loaded.dataset));
        let result = pipeline::build_graph_incremental(loaded, Some(store), &|| bar.inc(1));
        bar.finish_and_clear();
        let (graph, report, entries) = result?;
        for skipped in &report.skipped {
            report_skipped(&skipped.reason);
        }
        Ok(Built {
            graph,
            report,
            entries,
            patterns,
        })
    }
}

/// The part of the graph a query about `names` reads, from the store, with
/// the ids the names resolve to; `None` when a name is unknown (its
/// suggestions need every name).
fn slice_about(
    store: &newsgraph::store::Store,
    names: &[&str],
    need: Need<'_>,
) -> anyhow::Result<Option<(KnowledgeGraph, Vec<String>)>> {
    let mut ids = Vec::new();
    for name in names {
        match store.resolve(name)? {
            Resolved::One(id) => ids.push(id),
            Resolved::Ambiguous(error) => return Err(error.into()),
            Resolved::Unknown => return Ok(None),
        }
    }
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let graph = match (need, refs.as_slice()) {
        (
            Need::Path {
                max_hops,
                relations,
            },
            [a, b],
        ) => store.path_slice(a, b, max_hops, &|r| relations.allows_name(r))?,
        _ => store.slice(&refs)?,
    };
    Ok(Some((graph, ids)))
}

/// With `NEWSGRAPH_TIMINGS` set, a command prints the time of each stage on
/// standard error (`timing: write the store 12.345 s`), for benches/store.sh.
pub struct Timer(Option<std::time::Instant>);

impl Timer {
    /// A timer that prints only when `NEWSGRAPH_TIMINGS` is set.
    pub fn from_env() -> Timer {
        Timer(std::env::var_os("NEWSGRAPH_TIMINGS").map(|_| std::time::Instant::now()))
    }

    /// Prints the time since the last lap, under `stage`.
    pub fn lap(&mut self, stage: &str) {
        if let Some(start) = &mut self.0 {
            eprintln!("timing: {stage} {:.3} s", start.elapsed().as_secs_f64());
            *start = std::time::Instant::now();
        }
    }

    /// Prints the time since the last lap, indented under a stage.
    pub fn sub_lap(&mut self, stage: &str) {
        if let Some(start) = &mut self.0 {
            eprintln!("timing:   {stage} {:.3} s", start.elapsed().as_secs_f64());
            *start = std::time::Instant::now();
        }
    }
}

/// What part of the graph a query reads, for [`DataArgs::graph_about`].
#[derive(Clone, Copy)]
pub enum Need<'a> {
    /// The entities asked about, their facts and what those name: enough
    /// for `who-met` (without `--include-members`), `show`, `timeline` and
    /// `neighbors` at depth 1.
    Around,
    /// The shortest paths between two entities, for `path`.
    Path {
        /// The longest path looked for.
        max_hops: usize,
        /// The relations a path may use.
        relations: &'a RelationSet,
    },
}

/// What `build` built: the graph, the matcher's report, what the store keeps
/// of each article, and the patterns the store's fingerprint covers.
pub struct Built {
    /// The graph.
    pub graph: KnowledgeGraph,
    /// What the matcher did.
    pub report: ExtractionReport,
    /// Each article's facts, for the store.
    pub entries: Vec<newsgraph::store::ArticleEntry>,
    /// The relation patterns used.
    pub patterns: newsgraph::model::PatternSet,
}

/// The number of sources with an article file.
fn article_count(dataset: &newsgraph::Dataset) -> u64 {
    dataset
        .sources
        .values()
        .filter(|s| s.file.is_some())
        .count() as u64
}

/// The output option of the query commands.
#[derive(clap::Args)]
#[command(next_help_heading = "Output options")]
pub struct FormatArgs {
    /// Output format: an aligned table for people, JSON or TSV (ids, not names) for programs.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// The commands.
#[derive(Subcommand)]
pub enum Command {
    /// Load and validate the data; print a summary, or every error found.
    #[command(after_help = EXIT_STATUS)]
    Check(check::CheckArgs),
    /// Everyone an entity met on another side: counterpart and their office, date, mode, place, event, source.
    #[command(after_help = EXIT_STATUS)]
    WhoMet(who_met::WhoMetArgs),
    /// An entity card: kind, names and aliases, offices with dates, parent,
    /// meetings, relations by type, sources.
    #[command(after_help = EXIT_STATUS)]
    Show(show::ShowArgs),
    /// Who is connected to an entity, how, and through which facts.
    #[command(after_help = EXIT_STATUS)]
    Neighbors(neighbors::NeighborsArgs),
    /// The shortest chains of facts linking two entities, each hop with its evidence.
    #[command(after_help = EXIT_STATUS)]
    Path(path::PathArgs),
    /// Every dated fact about an entity, in date order, with its office at the time.
    #[command(after_help = EXIT_STATUS)]
    Timeline(timeline::TimelineArgs),
    /// Counts by kind and relation, the most connected entities, connected components.
    #[command(after_help = EXIT_STATUS)]
    Stats(stats::StatsArgs),
    /// Entities whose names or aliases contain or resemble a text, best first.
    #[command(after_help = EXIT_STATUS)]
    Search(search::SearchArgs),
    /// Every fact of the graph with its provenance, optionally filtered.
    #[command(after_help = EXIT_STATUS)]
    Edges(edges::EdgesArgs),
    /// Run the matcher on articles and print the facts it finds, as RON to
    /// paste into the curated files or as JSON lines.
    #[command(after_help = EXIT_STATUS)]
    Extract(extract::ExtractArgs),
    /// Show an article's sentences, each mention and what it resolved to, and why.
    #[command(after_help = EXIT_STATUS)]
    Mentions(mentions::MentionsArgs),
    /// Export the graph, or part of it, as DOT, GraphML, SVG, PNG, JSON, CSV or an HTML page.
    #[command(after_help = EXIT_STATUS)]
    Export(export::ExportArgs),
    /// The main job: validate, read the articles, build the graph, write every export into graphs/.
    #[command(after_help = EXIT_STATUS)]
    Build(build::BuildArgs),
}

impl Command {
    /// Runs the command, writing its answer to `out`.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        match self {
            Command::Check(args) => args.run(data, out),
            Command::WhoMet(args) => args.run(data, out),
            Command::Show(args) => args.run(data, out),
            Command::Neighbors(args) => args.run(data, out),
            Command::Path(args) => args.run(data, out),
            Command::Timeline(args) => args.run(data, out),
            Command::Stats(args) => args.run(data, out),
            Command::Search(args) => args.run(data, out),
            Command::Edges(args) => args.run(data, out),
            Command::Extract(args) => args.run(data, out),
            Command::Mentions(args) => args.run(data, out),
            Command::Export(args) => args.run(data, out),
            Command::Build(args) => args.run(data, out),
        }
    }
}

/// What a command came to, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// It answered (exit code 0).
    Found,
    /// It ran, but found nothing to answer with (exit code 1).
    Nothing,
}

impl Answer {
    /// `Found` when there is at least one row.
    pub fn rows(count: usize) -> Answer {
        if count == 0 {
            Answer::Nothing
        } else {
            Answer::Found
        }
    }
}

/// A query that found nothing, with the sentence that says so (exit code 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NothingFound(pub String);

/// Runs the parsed command line: prints the answer on standard output, the
/// error (once per cause) on standard error, and returns the exit code.
pub fn main(cli: &Cli) -> ExitCode {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = cli
        .command
        .run(&cli.data, &mut out)
        .and_then(|answer| out.flush().map(|()| answer).map_err(anyhow::Error::from));
    match result {
        Ok(_) if skipped_any() => ExitCode::from(2),
        Ok(Answer::Found) => ExitCode::SUCCESS,
        Ok(Answer::Nothing) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = out.flush();
            eprintln!("{}", render_error(&error));
            ExitCode::from(exit_code(&error))
        }
    }
}

/// 1 for an answer that could not be found (unknown or ambiguous name, nothing
/// matched), 2 for every other error.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    let not_found = error.chain().any(|cause| {
        cause.downcast_ref::<newsgraph::ResolveError>().is_some()
            || cause.downcast_ref::<NothingFound>().is_some()
    });
    if not_found {
        1
    } else {
        2
    }
}

/// Prints `value` as JSON, or `table` as a table or TSV.
pub fn emit(
    format: TableFormat,
    value: &impl Serialize,
    table: &Table,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, value)?;
            writeln!(out)?;
        }
        TableFormat::Tsv => table.print_tsv(out)?,
        TableFormat::Table => table.print(out)?,
    }
    Ok(())
}

/// `1 entity`, `2 entities`: a count with its noun, singular or plural.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// A fact's date as text, empty when undated.
pub fn date_text(date: Option<newsgraph::Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

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
    /// FollowTheMoney entities as JSON lines (Aleph, OpenSanctions, `ftm`).
    Ftm,
    /// RDF as N-Triples, dates typed at their precision.
    Nt,
    /// A self-contained interactive HTML page (laid out by Graphviz when installed, by force otherwise).
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

/// The entity `id` of a graph a query resolved a name in.
pub fn entity<'g>(graph: &'g KnowledgeGraph, id: &str) -> anyhow::Result<&'g newsgraph::Entity> {
    graph
        .dataset()
        .entity(id)
        .ok_or_else(|| anyhow::anyhow!("entity `{id}` is missing from the graph"))
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
        let io = cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe);
        // serde_json keeps its io::Error inside and does not give it as a
        // source, so it is asked for the error's kind.
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind)
            == Some(io::ErrorKind::BrokenPipe);
        io || json
    })
}

/// The text printed for an error: diagnostics as they are, others with their
/// causes, each cause once (a message that already quotes its cause is not
/// followed by it again).
pub fn render_error(error: &anyhow::Error) -> String {
    if let Some(newsgraph::LoadError::Invalid(diagnostics)) = error.downcast_ref() {
        return diagnostics.to_string();
    }
    let mut text = format!("error: {error}");
    let mut shown = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !shown.contains(&cause) {
            text.push_str(&format!("\n  caused by: {cause}"));
        }
        shown = cause;
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
