//! `newsgraph timeline NAME`: every dated fact about an entity, in order.

use std::io::Write;

use newsgraph::query::TimelineEntry;

use super::table::Table;
use super::{count, emit, Answer, DataArgs, FormatArgs, TableFormat};

/// Arguments of `timeline`.
#[derive(clap::Args)]
pub struct TimelineArgs {
    /// An id, name or alias.
    name: String,
    #[command(flatten)]
    output: FormatArgs,
}

impl TimelineArgs {
    /// Prints the entity's dated facts; exit code 1 when there are none.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        let (graph, ids) = data.graph_about(&[&self.name], super::Need::Around)?;
        let entity = super::entity(&graph, &ids[0])?;
        let entries = graph.timeline(&entity.id);
        if let TableFormat::Table = self.output.format {
            let facts = count(entries.len(), "dated fact", "dated facts");
            writeln!(out, "{}: {facts}", entity.name)?;
        }
        let ids = matches!(self.output.format, TableFormat::Tsv);
        emit(self.output.format, &entries, &table(&entries, ids), out)?;
        Ok(Answer::rows(entries.len()))
    }
}

/// One row per entry. With `ids` (TSV), the fact as ids too: its id, subject,
/// relation and object.
fn table(entries: &[TimelineEntry], ids: bool) -> Table {
    let mut header = vec!["DATE", "WHAT", "AS", "SOURCES"];
    if ids {
        header.extend(["FACT", "FROM", "RELATION", "TO"]);
    }
    let mut table = Table::new(&header);
    for e in entries {
        let mut row = vec![
            e.date.to_string(),
            e.what.clone(),
            e.office.clone().unwrap_or_default(),
            e.fact.sources.join(", "),
        ];
        if ids {
            let f = &e.fact;
            row.extend([
                f.id.clone(),
                f.from.clone(),
                f.relation.into(),
                f.to.clone(),
            ]);
        }
        table.row(row);
    }
    table
}
