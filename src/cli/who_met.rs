//! `newsgraph who-met NAME`.

use std::io::Write;

use newsgraph::query::WhoMetOptions;
use newsgraph::{Date, KnowledgeGraph};

use super::table::Table;
use super::{Answer, DataArgs, FormatArgs, ModeArg, TableFormat};

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
    #[command(flatten)]
    output: FormatArgs,
}

impl WhoMetArgs {
    /// Prints everyone the entity met; exit code 1 when there is no one.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        let graph = data.graph()?;
        let options = WhoMetOptions {
            since: self.since,
            until: self.until,
            mode: self.mode.map(ModeArg::mode),
            include_members: self.include_members,
        };
        print(&graph, &self.name, &options, self.output.format, out)
    }
}

/// Prints everyone `name` met.
fn print(
    graph: &KnowledgeGraph,
    name: &str,
    options: &WhoMetOptions,
    format: TableFormat,
    out: &mut impl Write,
) -> anyhow::Result<Answer> {
    let entity = graph.resolve(name)?;
    let encounters = graph.who_met_with(&entity.id, options);
    if let TableFormat::Json = format {
        let value = serde_json::json!({
            "entity": { "id": entity.id, "name": entity.name, "kind": entity.kind },
            "encounters": encounters,
        });
        serde_json::to_writer_pretty(&mut *out, &value)?;
        writeln!(out)?;
        return Ok(Answer::rows(encounters.len()));
    }
    let dataset = graph.dataset();
    let name_of = |id: &str| {
        dataset
            .entity(id)
            .map_or(id.to_string(), |e| e.name.clone())
    };
    if let TableFormat::Tsv = format {
        let mut table = Table::new(&[
            "date",
            "counterpart",
            "counterpart_name",
            "office",
            "mode",
            "place",
            "event",
            "sources",
            "via",
        ]);
        for e in &encounters {
            table.row(vec![
                e.date.map(|d| d.to_string()).unwrap_or_default(),
                e.counterpart.to_string(),
                e.counterpart_name.to_string(),
                e.counterpart_office.unwrap_or_default().to_string(),
                e.mode.as_str().to_string(),
                e.place.unwrap_or_default().to_string(),
                e.event.unwrap_or_default().to_string(),
                e.sources.join(","),
                e.via.unwrap_or_default().to_string(),
            ]);
        }
        table.print_tsv(out)?;
        return Ok(Answer::rows(encounters.len()));
    }
    let mut counterparts: Vec<&str> = encounters.iter().map(|e| e.counterpart).collect();
    counterparts.sort_unstable();
    counterparts.dedup();
    writeln!(
        out,
        "{}: {} encounters with {} counterparts",
        entity.name,
        encounters.len(),
        counterparts.len()
    )?;
    let mut header = vec!["DATE", "COUNTERPART", "MODE", "PLACE", "EVENT", "SOURCE"];
    if options.include_members {
        header.push("THROUGH");
    }
    let mut table = Table::new(&header);
    for e in &encounters {
        let counterpart = match &e.counterpart_office {
            Some(office) => format!("{} ({office})", e.counterpart_name),
            None => e.counterpart_name.to_string(),
        };
        let mut row = vec![
            e.date.map(|d| d.to_string()).unwrap_or_default(),
            counterpart,
            e.mode.label().to_string(),
            e.place_name.unwrap_or_default().to_string(),
            e.event_name.unwrap_or_default().to_string(),
            e.sources.join(", "),
        ];
        if options.include_members {
            row.push(e.via.map(name_of).unwrap_or_default());
        }
        table.row(row);
    }
    table.print(out)?;
    Ok(Answer::rows(encounters.len()))
}
