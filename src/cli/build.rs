//! `newsgraph build`: the main job.

use std::io::Write;
use std::path::{Path, PathBuf};

use newsgraph::pipeline;

/// Validates, reads the articles, builds the graph and writes the exports into `dir`.
pub fn run(
    data: &[PathBuf],
    dir: &Path,
    curated_only: bool,
    store: &super::StoreArgs,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let store = store.options(&dir.join("newsgraph.sqlite")).path;
    let (graph, report, entries) = super::build_graph(data, curated_only, &store)?;
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
    pipeline::write_store(&store, data, &graph, &entries)?;
    writeln!(out, "wrote {}", store.display())?;
    Ok(())
}
