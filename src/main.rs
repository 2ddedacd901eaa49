//! The `newsgraph` command line: parses arguments, calls the library, prints.

mod cli;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cli::{EngineArg, ExportFormat, ExtractFormat, TableFormat};

/// Build a typed, evidence-backed knowledge graph from curated entity files
/// and news articles, and ask it questions.
#[derive(Parser)]
#[command(name = "newsgraph", version, about, long_about = None)]
pub struct Args {
    /// The data directory: every .ron file under it is loaded. Repeat to load
    /// several directories as one dataset.
    #[arg(long, global = true, default_value = "data", value_name = "DIR")]
    data: Vec<PathBuf>,
    /// Use the curated records only; do not read the articles.
    #[arg(long, global = true)]
    curated_only: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load and validate the data; print a summary, or every error found.
    Check,
    /// Everyone an entity met: counterpart, date, mode, place, event, source.
    WhoMet {
        /// An id, name or alias (case and accents ignored): `Blinken`, `holguin`.
        name: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Every fact of the graph with its provenance, optionally filtered.
    Edges {
        /// Only this relation (`met_with`, `funded`…); repeatable.
        #[arg(long = "relation", value_name = "R")]
        relations: Vec<String>,
        /// Only facts about this entity.
        #[arg(long, value_name = "NAME")]
        entity: Option<String>,
        /// Only facts stated by this source (id or article file name).
        #[arg(long, value_name = "SOURCE")]
        source: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Run the matcher on articles and print the facts it finds, as RON to
    /// paste into the curated files or as JSON lines.
    Extract {
        /// Article files (plain UTF-8 text).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The articles' publication date (YYYY-MM-DD), for relative dates and titles.
        #[arg(long, value_name = "DATE")]
        date: Option<newsgraph::Date>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Ron)]
        format: ExtractFormat,
    },
    /// Show an article's sentences, each mention and what it resolved to, and why.
    Mentions {
        /// The article file.
        file: PathBuf,
        /// The article's publication date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        date: Option<newsgraph::Date>,
    },
    /// Export the graph as DOT, GraphML, SVG or PNG.
    Export {
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file; standard output when omitted.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Graphviz layout engine for svg and png.
        #[arg(long, value_enum, default_value_t = EngineArg::Dot)]
        engine: EngineArg,
    },
    /// The main job: validate, read the articles, build the graph, write every export into graphs/.
    Build {
        /// Where the exports go.
        #[arg(long, default_value = "graphs", value_name = "DIR")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(&args, &mut out).and_then(|()| out.flush().map_err(anyhow::Error::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if cli::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = out.flush();
            eprintln!("{}", cli::render_error(&error));
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args, out: &mut impl Write) -> anyhow::Result<()> {
    let data = &args.data;
    match &args.command {
        Command::Check => cli::check::run(data, out),
        Command::WhoMet { name, format } => {
            let graph = cli::load_graph(data, args.curated_only)?;
            cli::who_met::run(&graph, name, *format, out)
        }
        Command::Edges {
            relations,
            entity,
            source,
            format,
        } => {
            let graph = cli::load_graph(data, args.curated_only)?;
            let filter = cli::edges::Filter {
                relations,
                entity: entity.as_deref(),
                source: source.as_deref(),
            };
            cli::edges::run(&graph, &filter, *format, out)
        }
        Command::Extract {
            files,
            date,
            format,
        } => cli::extract::run(data, files, *date, *format, out),
        Command::Mentions { file, date } => cli::mentions::run(data, file, *date, out),
        Command::Export {
            format,
            output,
            engine,
        } => {
            let graph = cli::load_graph(data, args.curated_only)?;
            cli::export::run(&graph, *format, output.as_deref(), *engine, out)
        }
        Command::Build { out: dir } => cli::build::run(data, dir, args.curated_only, out),
    }
}
