//! `newsgraph timeline NAME`: every dated fact about an entity, in order.

use std::io::Write;

use super::table::Table;
use super::{emit, Answer, DataArgs, FormatArgs, TableFormat};

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
        let graph = data.graph()?;
        let entity = graph.resolve(&self.name)?;
        let entries = graph.timeline(&entity.id);
        if let TableFormat::Table = self.output.format {
            writeln!(out, "{}: {} dated facts", entity.name, entries.len())?;
        }
        let mut table = Table::new(&["DATE", "WHAT", "AS", "SOURCES"]);
        for e in &entries {
            table.row(vec![
                e.date.to_string(),
                e.what.clone(),
                e.office.clone().unwrap_or_default(),
                e.fact.sources.join(", "),
            ]);
        }
        emit(self.output.format, &entries, &table, out)?;
        Ok(Answer::rows(entries.len()))
    }
}
