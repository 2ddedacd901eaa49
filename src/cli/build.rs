//! `newsgraph build`: the main job.

use std::io::Write;
use std::path::{Path, PathBuf};

use newsgraph::pipeline;

/// Validates, reads the articles, builds the graph and writes the exports into `dir`.
pub fn run(
    data: &[PathBuf],
    dir: &Path,
    curated_only: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let (graph, report) = super::load_graph_with_report(data, curated_only)?;
    super::check::summary(&graph, out)?;
    if !report.articles.is_empty() {
        let facts: usize = report.articles.iter().map(|a| a.facts).sum();
        let mentions: usize = report.articles.iter().map(|a| a.mentions).sum();
        let linked: usize = report.articles.iter().map(|a| a.linked).sum();
        writeln!(
            out,
            "matcher: {} articles, {mentions} mentions ({linked} linked), {facts} facts extracted",
            report.articles.len()
        )?;
    }
    let written = pipeline::write_exports(&graph, dir)?;
    for path in &written.written {
        writeln!(out, "wrote {}", path.display())?;
    }
    for skipped in &written.skipped {
        writeln!(out, "skipped {skipped}")?;
    }
    if !report.skipped.is_empty() {
        writeln!(
            out,
            "{} article(s) skipped (listed on standard error); the graph was built from the others",
            report.skipped.len()
        )?;
    }
    Ok(())
}
