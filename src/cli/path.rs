//! `newsgraph path A B`: the shortest chains of facts linking two entities.

use std::io::Write;

use newsgraph::query::{FactPath, PathOptions};

use super::table::Table;
use super::{emit, Answer, DataArgs, FormatArgs, NothingFound, TableFormat};

/// Arguments of `path`.
#[derive(clap::Args)]
pub struct PathArgs {
    /// Where the path starts.
    from: String,
    /// Where it ends.
    to: String,
    /// Longest chain considered.
    #[arg(long, default_value_t = 4)]
    max_hops: usize,
    /// Only this relation; repeatable.
    #[arg(long = "relation", value_name = "R")]
    relations: Vec<String>,
    /// At most this many tied paths.
    #[arg(long, default_value_t = 10)]
    max_paths: usize,
    #[command(flatten)]
    output: FormatArgs,
}

impl PathArgs {
    /// Prints the paths; exit code 1 when the two are not connected within the bound.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        super::check_relations(&self.relations)?;
        let graph = data.graph()?;
        let from = graph.resolve(&self.from)?;
        let to = graph.resolve(&self.to)?;
        let options = PathOptions {
            max_hops: self.max_hops,
            relations: self.relations.clone(),
            max_paths: self.max_paths,
        };
        let paths = graph.paths(&from.id, &to.id, &options);
        let Some(first) = paths.first() else {
            let through = if options.relations.is_empty() {
                String::new()
            } else {
                format!(" through {}", options.relations.join(", "))
            };
            return Err(NothingFound(format!(
                "{} and {} are not connected within {} hops{through}",
                from.name, to.name, options.max_hops,
            ))
            .into());
        };
        if let TableFormat::Table = self.output.format {
            writeln!(
                out,
                "{} shortest path(s) of {} hop(s) from {} to {}",
                paths.len(),
                first.steps.len(),
                from.name,
                to.name
            )?;
        }
        emit(self.output.format, &paths, &table(&paths), out)?;
        Ok(Answer::Found)
    }
}

/// One row per hop, each read from where the path stands.
fn table(paths: &[FactPath]) -> Table {
    let mut table = Table::new(&[
        "PATH", "STEP", "FROM", "FACT", "TO", "DATE", "SOURCES", "EVIDENCE",
    ]);
    for (p, path) in paths.iter().enumerate() {
        for (s, step) in path.steps.iter().enumerate() {
            let f = &step.fact;
            let forward = step.from == f.from || matches!(f.relation, "met_with" | "agreed");
            let (here, there) = if step.from == f.from {
                (&f.from_name, &f.to_name)
            } else {
                (&f.to_name, &f.from_name)
            };
            let arrow = if forward {
                f.label.clone()
            } else {
                format!("{} (by {there})", f.label)
            };
            table.row(vec![
                (p + 1).to_string(),
                (s + 1).to_string(),
                here.clone(),
                arrow,
                there.clone(),
                super::date_text(f.date),
                f.sources.join(", "),
                f.evidence.clone().unwrap_or_default(),
            ]);
        }
    }
    table
}
