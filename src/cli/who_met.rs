//! `newsgraph who-met NAME`: whom an entity met on another side of the table.

use std::io::Write;

use newsgraph::query::{Encounter, Meetings, WhoMetOptions};
use newsgraph::{Date, Entity, KnowledgeGraph};

use super::table::Table;
use super::{count, date_text, Answer, DataArgs, FormatArgs, ModeArg, TableFormat};

/// Arguments of `who-met`.
#[derive(clap::Args)]
pub struct WhoMetArgs {
    /// An id, name or alias (case and accents ignored): `Blinken`, `holguin`.
    name: String,
    /// Only encounters on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<Date>,
    /// Only encounters on or before this date.
    #[arg(long, value_name = "DATE")]
    until: Option<Date>,
    /// Only encounters of this mode.
    #[arg(long, value_enum)]
    mode: Option<ModeArg>,
    /// For a government or organization, count its officials' and
    /// sub-organizations' encounters as its own.
    #[arg(long)]
    include_members: bool,
    /// Also list the people on the entity's own side of a meeting (its own
    /// delegation, its own government's officials), left out by default.
    #[arg(long)]
    include_own_side: bool,
    #[command(flatten)]
    output: FormatArgs,
}

impl WhoMetArgs {
    /// Prints whom the entity met; exit code 1 when there is no one.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        // A government's members are found among every entity: the whole graph.
        let (graph, ids) = if self.include_members {
            data.graph_resolving(&[&self.name])?
        } else {
            data.graph_about(&[&self.name], super::Need::Around)?
        };
        let entity = super::entity(&graph, &ids[0])?;
        let options = WhoMetOptions {
            since: self.since,
            until: self.until,
            mode: self.mode.map(ModeArg::mode),
            include_members: self.include_members,
            include_own_side: self.include_own_side,
        };
        let meetings = graph.meetings(&entity.id, &options);
        match self.output.format {
            TableFormat::Json => print_json(entity, &meetings, out)?,
            TableFormat::Tsv => tsv(&meetings.encounters).print_tsv(out)?,
            TableFormat::Table => {
                writeln!(out, "{}", headline(entity, &meetings))?;
                table(&graph, &meetings.encounters, self.include_members).print(out)?;
            }
        }
        Ok(Answer::rows(meetings.encounters.len()))
    }
}

/// `Antony Blinken: 10 encounters with 9 counterparts (4 on his own side left out; …)`.
fn headline(entity: &Entity, meetings: &Meetings<'_>) -> String {
    let mut line = format!(
        "{}: {} with {}",
        entity.name,
        count(meetings.encounters.len(), "encounter", "encounters"),
        count(meetings.counterparts().len(), "counterpart", "counterparts"),
    );
    if meetings.own_side_left_out > 0 {
        line.push_str(&format!(
            " ({} on the same side left out; --include-own-side lists them)",
            count(meetings.own_side_left_out, "colleague", "colleagues")
        ));
    }
    line
}

fn print_json(
    entity: &Entity,
    meetings: &Meetings<'_>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let value = serde_json::json!({
        "entity": { "id": entity.id, "name": entity.name, "kind": entity.kind },
        "encounters": meetings.encounters,
        "own_side_left_out": meetings.own_side_left_out,
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)?;
    Ok(())
}

/// The rows for programs: ids, and the JSON field names.
fn tsv(encounters: &[Encounter<'_>]) -> Table {
    let mut table = Table::new(&[
        "date",
        "counterpart",
        "counterpart_name",
        "counterpart_office",
        "side",
        "own_side",
        "mode",
        "place",
        "event",
        "sources",
        "via",
    ]);
    for e in encounters {
        table.row(vec![
            date_text(e.date),
            e.counterpart.to_string(),
            e.counterpart_name.to_string(),
            e.counterpart_office.unwrap_or_default().to_string(),
            e.side.unwrap_or_default().to_string(),
            e.own_side.to_string(),
            e.mode.as_str().to_string(),
            e.place.unwrap_or_default().to_string(),
            e.event.unwrap_or_default().to_string(),
            e.sources.join(","),
            e.via.unwrap_or_default().to_string(),
        ]);
    }
    table
}

/// The rows for people: names, each counterpart with their office that day.
fn table(graph: &KnowledgeGraph, encounters: &[Encounter<'_>], through: bool) -> Table {
    let name_of = |id: &str| {
        graph
            .dataset()
            .entity(id)
            .map_or(id.to_string(), |e| e.name.clone())
    };
    let mut header = vec!["DATE", "COUNTERPART", "MODE", "PLACE", "EVENT", "SOURCE"];
    if through {
        header.push("THROUGH");
    }
    let mut table = Table::new(&header);
    for e in encounters {
        let counterpart = match &e.counterpart_office {
            Some(office) => format!("{} ({office})", e.counterpart_name),
            None => e.counterpart_name.to_string(),
        };
        let mut row = vec![
            date_text(e.date),
            counterpart,
            e.mode.label().to_string(),
            e.place_name.unwrap_or_default().to_string(),
            e.event_name.unwrap_or_default().to_string(),
            e.sources.join(", "),
        ];
        if through {
            row.push(e.via.map(name_of).unwrap_or_default());
        }
        table.row(row);
    }
    table
}
