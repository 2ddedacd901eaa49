//! `newsgraph path A B`: the shortest chains of facts linking two entities.

use std::io::Write;

use newsgraph::model::{RelationName, RelationSet};
use newsgraph::query::{FactPath, PathOptions};

use super::table::Table;
use super::{count, emit, Answer, DataArgs, FormatArgs, Need, NothingFound, TableFormat};

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
    relations: Vec<RelationName>,
    /// At most this many tied paths.
    #[arg(long, default_value_t = 10)]
    max_paths: usize,
    #[command(flatten)]
    output: FormatArgs,
}

impl PathArgs {
    /// Prints the paths; exit code 1 when the two are not connected within the bound.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        let relations = RelationSet::of(self.relations.iter().copied());
        let need = Need::Path {
            max_hops: self.max_hops,
            relations: &relations,
        };
        let (graph, ids) = data.graph_about(&[&self.from, &self.to], need)?;
        let from = super::entity(&graph, &ids[0])?;
        let to = super::entity(&graph, &ids[1])?;
        let options = PathOptions {
            max_hops: self.max_hops,
            relations: relations.clone(),
            max_paths: self.max_paths,
        };
        let paths = graph.paths(&from.id, &to.id, &options);
        let Some(first) = paths.first() else {
            let through = if options.relations.is_all() {
                String::new()
            } else {
                let names: Vec<&str> = options
                    .relations
                    .names()
                    .iter()
                    .map(|r| r.as_str())
                    .collect();
                format!(" through {}", names.join(", "))
            };
            let hops = count(options.max_hops, "hop", "hops");
            return Err(NothingFound(format!(
                "{} and {} are not connected within {hops}{through}",
                from.name, to.name,
            ))
            .into());
        };
        if let TableFormat::Table = self.output.format {
            writeln!(
                out,
                "{} of {} from {} to {}",
                count(paths.len(), "shortest path", "shortest paths"),
                count(first.steps.len(), "hop", "hops"),
                from.name,
                to.name
            )?;
        }
        let ids = matches!(self.output.format, TableFormat::Tsv);
        emit(self.output.format, &paths, &table(&paths, ids), out)?;
        Ok(Answer::Found)
    }
}

/// One row per hop, each read from where the path stands. With `ids` (TSV):
/// entity ids, the relation's name and the fact's id.
fn table(paths: &[FactPath], ids: bool) -> Table {
    let mut header = vec![
        "PATH", "STEP", "FROM", "FACT", "TO", "DATE", "SOURCES", "EVIDENCE",
    ];
    if ids {
        header[3] = "RELATION";
        header.push("FACT");
    }
    let mut table = Table::new(&header);
    for (p, path) in paths.iter().enumerate() {
        for (s, step) in path.steps.iter().enumerate() {
            let f = &step.fact;
            let forward = step.from == f.from || matches!(f.relation, "met_with" | "agreed");
            let (here, there) = match (step.from == f.from, ids) {
                (true, false) => (&f.from_name, &f.to_name),
                (false, false) => (&f.to_name, &f.from_name),
                (true, true) => (&f.from, &f.to),
                (false, true) => (&f.to, &f.from),
            };
            let label = if ids { f.relation } else { f.label.as_str() };
            let arrow = if forward {
                label.to_string()
            } else {
                format!("{label} (by {there})")
            };
            let mut row = vec![
                (p + 1).to_string(),
                (s + 1).to_string(),
                here.clone(),
                arrow,
                there.clone(),
                super::date_text(f.date),
                f.sources.join(", "),
                f.evidence.clone().unwrap_or_default(),
            ];
            if ids {
                row.push(f.id.clone());
            }
            table.row(row);
        }
    }
    table
}
