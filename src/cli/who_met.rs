//! `newsgraph who-met NAME`.

use std::io::Write;

use newsgraph::KnowledgeGraph;

use super::table::Table;
use super::{tsv_cell, TableFormat};

/// Prints everyone `name` met.
pub fn run(
    graph: &KnowledgeGraph,
    name: &str,
    format: TableFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let entity = graph.resolve(name)?;
    let encounters = graph.who_met(&entity.id);
    match format {
        TableFormat::Json => {
            let value = serde_json::json!({
                "entity": { "id": entity.id, "name": entity.name, "kind": entity.kind },
                "encounters": encounters,
            });
            serde_json::to_writer_pretty(&mut *out, &value)?;
            writeln!(out)?;
        }
        TableFormat::Tsv => {
            writeln!(
                out,
                "date\tcounterpart\tcounterpart_name\toffice\tmode\tplace\tevent\tsources"
            )?;
            for e in &encounters {
                let cells = [
                    e.date.map(|d| d.to_string()).unwrap_or_default(),
                    e.counterpart.clone(),
                    e.counterpart_name.clone(),
                    e.counterpart_office.clone().unwrap_or_default(),
                    e.mode.as_str().to_string(),
                    e.place.clone().unwrap_or_default(),
                    e.event.clone().unwrap_or_default(),
                    e.sources.join(","),
                ];
                let cells: Vec<String> = cells.iter().map(|c| tsv_cell(c)).collect();
                writeln!(out, "{}", cells.join("\t"))?;
            }
        }
        TableFormat::Table => {
            let mut counterparts: Vec<&str> =
                encounters.iter().map(|e| e.counterpart.as_str()).collect();
            counterparts.sort_unstable();
            counterparts.dedup();
            writeln!(
                out,
                "{}: {} encounters with {} counterparts",
                entity.name,
                encounters.len(),
                counterparts.len()
            )?;
            let mut table =
                Table::new(&["DATE", "COUNTERPART", "MODE", "PLACE", "EVENT", "SOURCE"]);
            for e in &encounters {
                let counterpart = match &e.counterpart_office {
                    Some(office) => format!("{} ({office})", e.counterpart_name),
                    None => e.counterpart_name.clone(),
                };
                table.row(vec![
                    e.date.map(|d| d.to_string()).unwrap_or_default(),
                    counterpart,
                    e.mode.label().to_string(),
                    e.place_name.clone().unwrap_or_default(),
                    e.event_name.clone().unwrap_or_default(),
                    e.sources.join(", "),
                ]);
            }
            table.print(out)?;
        }
    }
    Ok(())
}
