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
    let mut timer = Timer::from_env();
    let store = data.store_options(&dir.join("newsgraph.sqlite")).path;
    let super::Built {
        graph,
        report,
        entries,
        patterns,
    } = data.build_graph(&store)?;
    timer.lap("load, match and build the graph");
    super::check::summary(&graph, report.patterns, out)?;
    super::check::matcher_summary(&report, out)?;
    let written = pipeline::write_exports(&graph, dir)?;
    timer.lap("write the exports");
    for path in &written.written {
        writeln!(out, "wrote {}", path.display())?;
    }
    for skipped in &written.skipped {
        writeln!(out, "skipped {skipped}")?;
    }
    pipeline::write_store(&store, &data.data, &graph, &patterns, &entries)?;
    timer.lap("write the store");
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

/// With `NEWSGRAPH_TIMINGS` set, `build` prints the time of each stage on
/// standard error (`timing: write the store 12.345 s`), for benches/store.sh.
struct Timer(Option<std::time::Instant>);

impl Timer {
    fn from_env() -> Timer {
        Timer(std::env::var_os("NEWSGRAPH_TIMINGS").map(|_| std::time::Instant::now()))
    }

    fn lap(&mut self, stage: &str) {
        if let Some(start) = &mut self.0 {
            eprintln!("timing: {stage} {:.3} s", start.elapsed().as_secs_f64());
            *start = std::time::Instant::now();
        }
    }
}
