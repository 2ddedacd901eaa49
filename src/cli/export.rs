//! `newsgraph export`.

use std::io::Write;
use std::path::{Path, PathBuf};

use newsgraph::export::{self, Engine, ImageFormat, View};
use newsgraph::model::{RelationName, RelationSet};
use newsgraph::Date;

use super::{Answer, DataArgs, EngineArg, ExportFormat};

/// Arguments of `export`.
#[derive(clap::Args)]
pub struct ExportArgs {
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
    relations: Vec<RelationName>,
    /// Only facts on or after this date.
    #[arg(long, value_name = "DATE")]
    since: Option<Date>,
    /// Only facts on or before this date.
    #[arg(long, value_name = "DATE")]
    until: Option<Date>,
    /// Output file; standard output when omitted or `-`. An existing
    /// path that is not a regular file (a link, a FIFO, a device) is refused.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Graphviz layout engine for svg and png.
    #[arg(long, value_enum, default_value_t = EngineArg::Dot)]
    engine: EngineArg,
}

impl ExportArgs {
    /// Selects the view and writes it.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        let graph = data.graph()?;
        let view = match &self.focus {
            Some(name) => View::focus(&graph, &graph.resolve(name)?.id, self.depth),
            None => View::all(&graph),
        };
        let view = view
            .relations(&RelationSet::of(self.relations.iter().copied()))
            .between(self.since, self.until);
        let output = self
            .output
            .as_deref()
            .filter(|p| *p != std::path::Path::new("-"));
        run(&view, self.format, output, self.engine, out)?;
        Ok(Answer::Found)
    }
}

/// Writes the view in `format` to `output`, or to standard output.
fn run(
    view: &View<'_>,
    format: ExportFormat,
    output: Option<&Path>,
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
        ExportFormat::Dot => export::view_to_dot(view).into_bytes(),
        ExportFormat::Graphml => export::view_to_graphml(view).into_bytes(),
        ExportFormat::Json => export::view_to_json(view).into_bytes(),
        ExportFormat::Ftm => export::view_to_ftm(view).into_bytes(),
        ExportFormat::Nt => export::view_to_ntriples(view).into_bytes(),
        ExportFormat::Svg => export::render(&export::view_to_dot(view), ImageFormat::Svg, engine)?,
        ExportFormat::Png => export::render(&export::view_to_dot(view), ImageFormat::Png, engine)?,
        ExportFormat::Html => {
            // Graphviz's positions when it is installed; without it the page
            // lays itself out by force.
            let svg = match export::render(&export::view_to_dot(view), ImageFormat::Svg, engine) {
                Ok(svg) => String::from_utf8_lossy(&svg).into_owned(),
                Err(export::ExportError::GraphvizMissing) => String::new(),
                Err(other) => return Err(other.into()),
            };
            export::to_html(view, &svg, "newsgraph").into_bytes()
        }
        ExportFormat::Csv => {
            let Some(dir) = output else {
                anyhow::bail!("--format csv writes four files: give the directory with -o DIR");
            };
            for (name, bytes) in export::to_csv_files(view)? {
                let path = dir.join(name);
                export::write_atomic(&path, &bytes)?;
                writeln!(out, "wrote {}", path.display())?;
            }
            return Ok(());
        }
    };
    match output {
        Some(path) => export::write_atomic(path, &bytes)?,
        None => out.write_all(&bytes)?,
    }
    Ok(())
}
