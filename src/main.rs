//! The `newsgraph` command line: parses arguments, calls the library, prints.

mod cli;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use cli::table::Table;
use newsgraph::export::{self, Engine, ImageFormat};
use newsgraph::model::{EntityKind, RelationKind};
use newsgraph::{Dataset, KnowledgeGraph};

/// Build a typed, evidence-backed knowledge graph from curated entity files
/// and news articles, and ask it questions.
#[derive(Parser)]
#[command(name = "newsgraph", version, about, long_about = None)]
struct Args {
    /// The data directory: every .ron file under it is loaded.
    #[arg(long, global = true, default_value = "data", value_name = "DIR")]
    data: PathBuf,
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
    /// The main job: validate, build the graph, write every export into graphs/.
    Build {
        /// Where the exports go.
        #[arg(long, default_value = "graphs", value_name = "DIR")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Dot,
    Graphml,
    Svg,
    Png,
}

#[derive(Clone, Copy, ValueEnum)]
enum EngineArg {
    Dot,
    Neato,
    Fdp,
    Sfdp,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(args, &mut out).and_then(|()| out.flush().map_err(anyhow::Error::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = out.flush();
            eprintln!("{}", render_error(&error));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn render_error(error: &anyhow::Error) -> String {
    let mut text = format!("error: {error}");
    for cause in error.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {cause}"));
    }
    // Diagnostics already carry their own `error[...]` headers.
    if let Some(newsgraph::LoadError::Invalid(diagnostics)) = error.downcast_ref() {
        text = diagnostics.to_string();
    }
    text
}

fn load(args: &Args) -> anyhow::Result<KnowledgeGraph> {
    Ok(KnowledgeGraph::build(Dataset::load(&args.data)?))
}

fn run(args: Args, out: &mut impl Write) -> anyhow::Result<()> {
    match &args.command {
        Command::Check => check(&load(&args)?, out),
        Command::WhoMet { name, format } => who_met(&load(&args)?, name, *format, out),
        Command::Export {
            format,
            output,
            engine,
        } => export(&load(&args)?, *format, output.as_deref(), *engine, out),
        Command::Build { out: dir } => {
            let graph = load(&args)?;
            let report = newsgraph::pipeline::write_exports(&graph, dir)?;
            summary(&graph, out)?;
            for path in &report.written {
                writeln!(out, "wrote {}", path.display())?;
            }
            for skipped in &report.skipped {
                writeln!(out, "skipped {skipped}")?;
            }
            Ok(())
        }
    }
}

fn summary(graph: &KnowledgeGraph, out: &mut impl Write) -> anyhow::Result<()> {
    let dataset = graph.dataset();
    let kinds: Vec<String> = EntityKind::ALL
        .iter()
        .map(|k| format!("{} {}", dataset.entities_of_kind(*k).count(), k.as_str()))
        .collect();
    writeln!(
        out,
        "{}: {} entities ({}), {} offices, {} curated relations, {} sources",
        dataset.root.display(),
        dataset.entities.len(),
        kinds.join(", "),
        dataset.offices.len(),
        dataset.relations.len(),
        dataset.sources.len()
    )?;
    let relations: Vec<String> = RelationKind::NAMES
        .iter()
        .map(|r| {
            (
                r,
                graph
                    .facts()
                    .filter(|f| f.fact.relation.name() == *r)
                    .count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| format!("{r} {n}"))
        .collect();
    writeln!(
        out,
        "graph: {} nodes, {} edges ({})",
        graph.petgraph().node_count(),
        graph.petgraph().edge_count(),
        relations.join(", ")
    )?;
    Ok(())
}

fn check(graph: &KnowledgeGraph, out: &mut impl Write) -> anyhow::Result<()> {
    summary(graph, out)?;
    writeln!(out, "ok: no errors")?;
    Ok(())
}

fn who_met(
    graph: &KnowledgeGraph,
    name: &str,
    format: TableFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let entity = graph.resolve(name)?;
    let encounters = graph.who_met(&entity.id);
    match format {
        TableFormat::Json => {
            let value = serde_json::json!({
                "entity": { "id": entity.id, "name": entity.name, "kind": entity.kind },
                "encounters": encounters,
            });
            serde_json::to_writer_pretty(&mut *out, &value)?;
            writeln!(out)?;
        }
        TableFormat::Table => {
            let mut counterparts: Vec<&str> =
                encounters.iter().map(|e| e.counterpart.as_str()).collect();
            counterparts.sort_unstable();
            counterparts.dedup();
            writeln!(
                out,
                "{}: {} encounters with {} counterparts",
                entity.name,
                encounters.len(),
                counterparts.len()
            )?;
            let mut table =
                Table::new(&["DATE", "COUNTERPART", "MODE", "PLACE", "EVENT", "SOURCE"]);
            for e in &encounters {
                let counterpart = match &e.counterpart_office {
                    Some(office) => format!("{} ({office})", e.counterpart_name),
                    None => e.counterpart_name.clone(),
                };
                table.row(vec![
                    e.date.map(|d| d.to_string()).unwrap_or_default(),
                    counterpart,
                    e.mode.label().to_string(),
                    e.place_name.clone().unwrap_or_default(),
                    e.event_name.clone().unwrap_or_default(),
                    e.sources.join(", "),
                ]);
            }
            table.print(out)?;
        }
    }
    Ok(())
}

fn export(
    graph: &KnowledgeGraph,
    format: ExportFormat,
    output: Option<&std::path::Path>,
    engine: EngineArg,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let engine = match engine {
        EngineArg::Dot => Engine::Dot,
        EngineArg::Neato => Engine::Neato,
        EngineArg::Fdp => Engine::Fdp,
        EngineArg::Sfdp => Engine::Sfdp,
    };
    let bytes = match format {
        ExportFormat::Dot => export::to_dot(graph).into_bytes(),
        ExportFormat::Graphml => export::to_graphml(graph).into_bytes(),
        ExportFormat::Svg => export::render(&export::to_dot(graph), ImageFormat::Svg, engine)?,
        ExportFormat::Png => export::render(&export::to_dot(graph), ImageFormat::Png, engine)?,
    };
    match output {
        Some(path) => export::write_atomic(path, &bytes)?,
        None => out.write_all(&bytes)?,
    }
    Ok(())
}
