//! `newsgraph build`: the main job.

use std::io::Write;
use std::path::{Path, PathBuf};

use newsgraph::pipeline;

use super::{Answer, DataArgs, Timer};

/// Arguments of `build`.
#[derive(clap::Args)]
pub struct BuildArgs {
    /// Where the exports go.
    #[arg(long, default_value = "graphs", value_name = "DIR")]
    out: PathBuf,
    /// Facts matched elsewhere, as the JSON lines `extract --format jsonl`
    /// (or `extract -`) writes: files, or folders of `part-*` files as Spark
    /// writes them. Articles they cover are not matched again; the graph and
    /// the store are those a build matching them here would write.
    #[arg(long, num_args = 1.., value_name = "FILE|DIR")]
    facts: Vec<PathBuf>,
}

impl BuildArgs {
    /// Builds the graph and writes every export.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        run(data, &self.out, &self.facts, out)?;
        Ok(Answer::Found)
    }
}

/// Validates, reads the articles (those unchanged since the store was
/// written come from it), builds the graph, writes the exports into `dir`
/// and the store last.
fn run(data: &DataArgs, dir: &Path, facts: &[PathBuf], out: &mut impl Write) -> anyhow::Result<()> {
    let mut timer = Timer::from_env();
    let store = data.store_options(&dir.join("newsgraph.sqlite")).path;
    let super::Built {
        graph,
        report,
        entries,
        patterns,
    } = if facts.is_empty() {
        data.build_graph(&store)?
    } else {
        from_facts(data, facts, &store)?
    };
    timer.lap("load, match and build the graph");
    super::check::summary(&graph, report.patterns, out)?;
    super::check::matcher_summary(&report, out)?;
    super::check::late_dates(&graph, false, out)?;
    timer.lap("summarise the graph");
    let cache = pipeline::exports_cache(&store);
    let written = pipeline::write_exports_reusing(&graph, dir, Some(&cache))?;
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

/// `build --facts`: the graph with the facts of `facts` in place of matching
/// the articles they cover.
fn from_facts(data: &DataArgs, facts: &[PathBuf], store: &Path) -> anyhow::Result<super::Built> {
    if data.curated_only {
        anyhow::bail!("--facts and --curated-only exclude each other");
    }
    let loaded = data.load()?;
    let patterns = loaded.patterns.clone();
    let external = pipeline::lines::read_fact_files(facts, &loaded.dataset)?;
    let (graph, report, entries) =
        pipeline::build_graph_with_facts(loaded, external, Some(store), &|| {})?;
    for skipped in &report.skipped {
        super::report_skipped(&skipped.reason);
    }
    Ok(super::Built {
        graph,
        report,
        entries,
        patterns,
    })
}
