//! `newsgraph stats`: counts, the most connected entities, components.

use std::io::Write;

use newsgraph::query::GraphStats;

use super::table::Table;
use super::{emit, Answer, DataArgs, FormatArgs};

/// Arguments of `stats`.
#[derive(clap::Args)]
pub struct StatsArgs {
    /// How many top entities to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
    #[command(flatten)]
    output: FormatArgs,
}

impl StatsArgs {
    /// Prints the statistics of the graph.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        let stats = data.graph()?.stats(self.top);
        emit(self.output.format, &stats, &table(&stats), out)?;
        Ok(Answer::Found)
    }
}

/// One row per figure, grouped by section.
fn table(stats: &GraphStats) -> Table {
    let mut table = Table::new(&["SECTION", "NAME", "VALUE"]);
    let mut row = |section: &str, name: String, value: String| {
        table.row(vec![section.to_string(), name, value]);
    };
    row("size", "entities".into(), stats.nodes.to_string());
    row("size", "facts".into(), stats.edges.to_string());
    row(
        "size",
        "components".into(),
        stats.component_count.to_string(),
    );
    for (kind, n) in &stats.kinds {
        row("kind", kind.to_string(), n.to_string());
    }
    for (relation, n) in &stats.relations {
        row("relation", relation.to_string(), n.to_string());
    }
    for (origin, n) in &stats.origins {
        row("origin", origin.as_str().into(), n.to_string());
    }
    for r in &stats.top_degree {
        row("degree", r.name.clone(), r.score.to_string());
    }
    for r in &stats.top_pagerank {
        row("pagerank", r.name.clone(), format!("{:.4}", r.score));
    }
    for (i, c) in stats.components.iter().enumerate() {
        let name = format!(
            "#{} ({})",
            i + 1,
            super::count(c.size, "entity", "entities")
        );
        row("component", name, c.members.join(", "));
    }
    table
}
