//! Exports of the whole graph or of a [`View`] (an entity's neighbourhood,
//! some relations, a period): DOT (and SVG/PNG through Graphviz), GraphML,
//! Cytoscape.js JSON, CSV for Neo4j and Gephi, and a self-contained HTML page.
//!
//! Every text export treats names, descriptions and evidence as untrusted:
//! control characters are dropped or escaped, CSV cells that a spreadsheet
//! would run as formulas are neutralised, and no text can become markup or
//! script in the HTML page.

mod clean;
mod csv;
mod dot;
mod graphml;
mod html;
mod json;
mod positions;
mod style;
mod view;

pub use self::csv::{to_csv_files, write_csv_files};
pub use dot::{
    dot_graph, edge_label, quoted, render, to_dot, view_dot_graph, view_to_dot, write_view_dot,
    Engine, ImageFormat,
};
pub use graphml::{to_graphml, view_to_graphml, write_graphml, write_view_graphml, LIST_SEPARATOR};
pub use html::to_html;
pub use json::{edge_data, node_data, to_cytoscape, view_to_json, write_cytoscape};
pub use style::{Attributes, Overview, PageStyle, Style};
pub use view::View;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The `dot` binary is not on PATH.
    #[error("Graphviz is not installed (no `dot` on PATH); install it with `apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS) or from https://graphviz.org/download/, or export --format dot")]
    GraphvizMissing,
    /// The picture would have too many facts for Graphviz to lay out.
    #[error(
        "{0} facts are too many to draw; draw part of the graph (--focus, --relation, --since)"
    )]
    TooLarge(usize),
    /// Graphviz ran but failed.
    #[error("Graphviz failed: {0}")]
    Graphviz(String),
    /// A CSV file could not be written.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// Writing the output failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file being written.
        path: std::path::PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

/// Writes `bytes` to `path` atomically: to a temporary file beside it, then renamed,
/// so a failed run never leaves a half-written export behind.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], for a writer that streams its output (large exports
/// are never held in memory whole).
pub fn write_atomic_with(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    use std::io::Write as _;
    let fail = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => std::path::Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            write(&mut out)?;
            out.flush()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(fail)
}
