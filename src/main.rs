//! The `newsgraph` command line: parses arguments, calls the library, prints.

mod cli;

/// mimalloc: the matcher makes many small allocations per article, and the
/// system allocator spent a fifth of the run on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    #[command(flatten)]
    store: cli::StoreArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load and validate the data; print a summary, or every error found.
    Check,
    /// Everyone an entity met: counterpart and their office, date, mode, place, event, source.
    WhoMet {
        /// An id, name or alias (case and accents ignored): `Blinken`, `holguin`.
        name: String,
        /// Only encounters on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<newsgraph::Date>,
        /// Only encounters on or before this date.
        #[arg(long, value_name = "DATE")]
        until: Option<newsgraph::Date>,
        /// Only encounters of this mode.
        #[arg(long, value_enum)]
        mode: Option<cli::ModeArg>,
        /// For a government or organization, count its officials' and
        /// sub-organizations' encounters as its own.
        #[arg(long)]
        include_members: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// An entity card: kind, names and aliases, offices with dates, parent,
    /// relations by type, sources.
    Show {
        /// An id, name or alias.
        name: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Who is connected to an entity, how, and through which facts.
    Neighbors {
        /// An id, name or alias.
        name: String,
        /// Only this relation; repeatable.
        #[arg(long = "relation", value_name = "R")]
        relations: Vec<String>,
        /// How many steps away.
        #[arg(long, default_value_t = 1)]
        depth: usize,
        /// Follow facts where the entity is the subject (out), the object (in), or both.
        #[arg(long, default_value = "both", value_parser = cli::queries::direction)]
        direction: newsgraph::query::Direction,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// The shortest chains of facts linking two entities, each hop with its evidence.
    Path {
        /// Where the path starts.
        from: String,
        /// Where it ends.
        to: String,
        /// Longest chain considered.
        #[arg(long, default_value_t = 4)]
        max_hops: usize,
        /// Only this relation; repeatable.
        #[arg(long = "relation", value_name = "R")]
        relations: Vec<String>,
        /// At most this many tied paths.
        #[arg(long, default_value_t = 10)]
        max_paths: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Every dated fact about an entity, in date order, with its office at the time.
    Timeline {
        /// An id, name or alias.
        name: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Counts by kind and relation, the most connected entities, connected components.
    Stats {
        /// How many top entities to list.
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// Entities whose names or aliases contain or resemble a text, best first.
    Search {
        /// What to look for.
        text: String,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
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
    /// Export the graph, or part of it, as DOT, GraphML, SVG or PNG.
    Export {
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Draw only this entity and its neighbourhood.
        #[arg(long, value_name = "NAME")]
        focus: Option<String>,
        /// With --focus: how many steps around it.
        #[arg(long, default_value_t = 1)]
        depth: usize,
        /// Only this relation; repeatable.
        #[arg(long = "relation", value_name = "R")]
        relations: Vec<String>,
        /// Only facts on or after this date.
        #[arg(long, value_name = "DATE")]
        since: Option<newsgraph::Date>,
        /// Only facts on or before this date.
        #[arg(long, value_name = "DATE")]
        until: Option<newsgraph::Date>,
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
        Command::WhoMet {
            name,
            since,
            until,
            mode,
            include_members,
            format,
        } => {
            let graph = cli::load_graph(data, args.curated_only, &args.store)?;
            let options = newsgraph::query::WhoMetOptions {
                since: *since,
                until: *until,
                mode: mode.map(cli::ModeArg::mode),
                include_members: *include_members,
            };
            cli::who_met::run(&graph, name, &options, *format, out)
        }
        Command::Show { name, format } => cli::queries::show(
            &cli::load_graph(data, args.curated_only, &args.store)?,
            name,
            *format,
            out,
        ),
        Command::Neighbors {
            name,
            relations,
            depth,
            direction,
            format,
        } => {
            let options = newsgraph::query::NeighborOptions {
                relations: relations.clone(),
                depth: *depth,
                direction: *direction,
            };
            cli::queries::neighbors(
                &cli::load_graph(data, args.curated_only, &args.store)?,
                name,
                &options,
                *format,
                out,
            )
        }
        Command::Path {
            from,
            to,
            max_hops,
            relations,
            max_paths,
            format,
        } => {
            let options = newsgraph::query::PathOptions {
                max_hops: *max_hops,
                relations: relations.clone(),
                max_paths: *max_paths,
            };
            cli::queries::path(
                &cli::load_graph(data, args.curated_only, &args.store)?,
                from,
                to,
                &options,
                *format,
                out,
            )
        }
        Command::Timeline { name, format } => cli::queries::timeline(
            &cli::load_graph(data, args.curated_only, &args.store)?,
            name,
            *format,
            out,
        ),
        Command::Stats { top, format } => cli::queries::stats(
            &cli::load_graph(data, args.curated_only, &args.store)?,
            *top,
            *format,
            out,
        ),
        Command::Search {
            text,
            limit,
            format,
        } => cli::queries::search(
            &cli::load_graph(data, args.curated_only, &args.store)?,
            text,
            *limit,
            *format,
            out,
        ),
        Command::Edges {
            relations,
            entity,
            source,
            format,
        } => {
            let graph = cli::load_graph(data, args.curated_only, &args.store)?;
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
            focus,
            depth,
            relations,
            since,
            until,
            output,
            engine,
        } => {
            let graph = cli::load_graph(data, args.curated_only, &args.store)?;
            cli::check_relations(relations)?;
            let mut view = newsgraph::export::View::all(&graph);
            if let Some(name) = focus {
                view = newsgraph::export::View::focus(&graph, &graph.resolve(name)?.id, *depth);
            }
            let view = view.relations(relations).between(*since, *until);
            cli::export::run(&view, *format, output.as_deref(), *engine, out)
        }
        Command::Build { out: dir } => {
            cli::build::run(data, dir, args.curated_only, &args.store, out)
        }
    }
}
