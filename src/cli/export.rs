//! `newsgraph export`.

use std::io::Write;
use std::path::Path;

use newsgraph::export::{self, Engine, ImageFormat};
use newsgraph::KnowledgeGraph;

use super::{EngineArg, ExportFormat};

/// Writes the graph in `format` to `output`, or to standard output.
pub fn run(
    graph: &KnowledgeGraph,
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
