//! Exports of the whole graph or of a [`View`] (an entity's neighbourhood,
//! some relations, a period): DOT (and SVG/PNG through Graphviz), GraphML,
//! Cytoscape.js JSON, CSV for Neo4j and Gephi, FollowTheMoney JSON lines (for
//! Aleph and OpenSanctions), RDF N-Triples, and a self-contained HTML page.
//!
//! Every text export treats names, descriptions and evidence as untrusted:
//! control characters are dropped or escaped, CSV cells that a spreadsheet
//! would run as formulas are neutralised, and no text can become markup or
//! script in the HTML page.

mod clean;
mod csv;
mod dot;
mod ftm;
mod graphml;
mod html;
mod json;
mod output;
mod positions;
mod process;
mod rdf;
pub mod reuse;
mod view;

pub use self::csv::{
    csv_node_files, to_csv_files, write_csv_files, write_edges_csv_records,
    write_gephi_edges_csv_records,
};
pub use crate::graph::present::edge_label;
pub use crate::model::{Attributes, Overview, PageStyle, Style};
pub use dot::{
    dot_graph, quoted, render, to_dot, view_dot_graph, view_to_dot, write_dot_records,
    write_view_dot, Engine, ImageFormat,
};
pub use ftm::{
    country_code, entity_id, fact_description, fact_id, format_number, position_id, source_id,
    to_ftm, view_to_ftm, write_ftm, write_ftm_records, FtmEntity, FTM_ID_PREFIX,
};
pub use graphml::{
    to_graphml, view_to_graphml, write_graphml, write_graphml_records, write_view_graphml,
    LIST_SEPARATOR,
};
pub use html::to_html;
pub use json::{
    edge_data, node_data, to_cytoscape, view_to_json, write_cytoscape, write_cytoscape_records,
};
pub use output::{check_replaceable, write_atomic, write_atomic_with, Staging};
pub use process::GRAPHVIZ_TIMEOUT;
pub use rdf::{date_literal, view_to_ntriples, write_ntriples, VOCAB};
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
    /// The picture would have too many nodes for Graphviz to lay out.
    #[error(
        "{0} nodes are too many to draw; draw part of the graph (--focus, --relation, --since)"
    )]
    TooManyNodes(usize),
    /// Graphviz took longer than its time limit and was stopped.
    #[error("Graphviz did not finish within {0} seconds and was stopped; draw part of the graph (--focus, --relation, --since)")]
    GraphvizTimeout(u64),
    /// The output path exists and is not a regular file; it is not replaced.
    #[error("refusing to write {}: it is {kind}, and writing would replace it (give a new or regular file, or `-o -` for standard output)", path.display())]
    NotRegularFile {
        /// The output path.
        path: std::path::PathBuf,
        /// What it is ("a symbolic link", "a FIFO"…).
        kind: &'static str,
    },
    /// Another build holds the output folder's lock.
    #[error("another newsgraph build is writing into {}; wait for it to finish, or build into another --out", dir.display())]
    Busy {
        /// The output folder.
        dir: std::path::PathBuf,
    },
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
