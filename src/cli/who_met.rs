//! `newsgraph who-met NAME`.

use std::io::Write;

use newsgraph::query::WhoMetOptions;
use newsgraph::KnowledgeGraph;

use super::table::Table;
use super::TableFormat;

/// Prints everyone `name` met.
pub fn run(
    graph: &KnowledgeGraph,
    name: &str,
    options: &WhoMetOptions,
    format: TableFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let entity = graph.resolve(name)?;
    let encounters = graph.who_met_with(&entity.id, options);
    if let TableFormat::Json = format {
        let value = serde_json::json!({
            "entity": { "id": entity.id, "name": entity.name, "kind": entity.kind },
            "encounters": encounters,
        });
        serde_json::to_writer_pretty(&mut *out, &value)?;
        writeln!(out)?;
        return Ok(());
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
        return Ok(());
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
    Ok(())
}
