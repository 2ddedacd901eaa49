//! `newsgraph build`: the main job.

use std::io::Write;
use std::path::{Path, PathBuf};

use newsgraph::pipeline;

use super::{Answer, DataArgs};

/// Arguments of `build`.
#[derive(clap::Args)]
pub struct BuildArgs {
    /// Where the exports go.
    #[arg(long, default_value = "graphs", value_name = "DIR")]
    out: PathBuf,
}

impl BuildArgs {
    /// Builds the graph and writes every export.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        run(data, &self.out, out)?;
        Ok(Answer::Found)
    }
}

/// Validates, reads the articles (those unchanged since the store was
/// written come from it), builds the graph, writes the exports into `dir`
/// and the store last.
fn run(data: &DataArgs, dir: &Path, out: &mut impl Write) -> anyhow::Result<()> {
    let store = data.store_options(&dir.join("newsgraph.sqlite")).path;
    let super::Built {
        graph,
        report,
        entries,
        patterns,
    } = data.build_graph(&store)?;
    super::check::summary(&graph, report.patterns, out)?;
    super::check::matcher_summary(&report, out)?;
    super::check::late_dates(&graph, false, out)?;
    let written = pipeline::write_exports(&graph, dir)?;
    for path in &written.written {
        writeln!(out, "wrote {}", path.display())?;
    }
    for skipped in &written.skipped {
        writeln!(out, "skipped {skipped}")?;
    }
    pipeline::write_store(&store, &data.data, &graph, &patterns, &entries)?;
    writeln!(out, "wrote {}", store.display())?;
    if !report.skipped.is_empty() {
        writeln!(
            out,
            "{} article(s) skipped (listed on standard error); the graph was built from the others",
            report.skipped.len()
        )?;
    }
    Ok(())
}
