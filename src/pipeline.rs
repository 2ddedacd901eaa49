//! The main job: load a data directory, build the graph, write every export.

use std::path::{Path, PathBuf};

use crate::export::{self, Engine, ExportError, ImageFormat};
use crate::graph::KnowledgeGraph;

/// What [`write_exports`] wrote, and what it skipped.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// Files written, in order.
    pub written: Vec<PathBuf>,
    /// Why an optional output was skipped (no Graphviz), when it was.
    pub skipped: Vec<String>,
}

/// Writes `newsgraph.dot`, `newsgraph.graphml` and, when Graphviz is
/// installed, `newsgraph.svg` into `out_dir`.
pub fn write_exports(graph: &KnowledgeGraph, out_dir: &Path) -> Result<BuildReport, ExportError> {
    let mut report = BuildReport::default();
    let dot = export::to_dot(graph);
    let mut write = |name: &str, bytes: &[u8]| -> Result<(), ExportError> {
        let path = out_dir.join(name);
        export::write_atomic(&path, bytes)?;
        report.written.push(path);
        Ok(())
    };
    write("newsgraph.dot", dot.as_bytes())?;
    write("newsgraph.graphml", export::to_graphml(graph).as_bytes())?;
    match export::render(&dot, ImageFormat::Svg, Engine::Dot) {
        Ok(svg) => write("newsgraph.svg", &svg)?,
        Err(ExportError::GraphvizMissing) => report
            .skipped
            .push("newsgraph.svg: Graphviz is not installed (apt-get install graphviz)".into()),
        Err(other) => return Err(other),
    }
    Ok(report)
}
