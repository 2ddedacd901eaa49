//! The query commands: show, neighbors, path, timeline, stats, search.

use std::io::Write;

use newsgraph::query::{Direction, FactSummary, NeighborOptions, PathOptions};
use newsgraph::KnowledgeGraph;
use serde::Serialize;

use super::table::Table;
use super::TableFormat;

/// Prints `rows` as JSON, or `table` as a table or TSV.
fn emit(
    format: TableFormat,
    value: &impl Serialize,
    table: &Table,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, value)?;
            writeln!(out)?;
        }
        TableFormat::Tsv => table.print_tsv(out)?,
        TableFormat::Table => table.print(out)?,
    }
    Ok(())
}

fn symmetric(relation: &str) -> bool {
    matches!(relation, "met_with" | "agreed")
}

fn date(fact: &FactSummary) -> String {
    fact.date.map(|d| d.to_string()).unwrap_or_default()
}

/// `show NAME`.
pub fn show(
    graph: &KnowledgeGraph,
    name: &str,
    format: TableFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let entity = graph.resolve(name)?;
    let card = graph.show(&entity.id).expect("a resolved entity exists");
    let mut table = Table::new(&["FIELD", "VALUE"]);
    let mut field = |k: &str, v: String| {
        if !v.is_empty() {
            table.row(vec![k.to_string(), v]);
        }
    };
    field("name", card.name.clone());
    field("id", card.id.clone());
    field("kind", card.kind.to_string());
    field("category", card.category.clone().unwrap_or_default());
    field("description", card.description.clone().unwrap_or_default());
    field("aliases", card.aliases.join("; "));
    field("weak aliases", card.weak_aliases.join("; "));
    field("demonyms", card.demonyms.join("; "));
    field(
        "country",
        card.country
            .as_ref()
            .map(|c| c.1.clone())
            .unwrap_or_default(),
    );
    field(
        "part of",
        card.parent
            .as_ref()
            .map(|c| c.1.clone())
            .unwrap_or_default(),
    );
    for office in &card.offices {
        let from = office.from.map_or("?".to_string(), |d| d.to_string());
        let to = office.to.map_or("present".to_string(), |d| d.to_string());
        let acting = if office.acting { " (acting)" } else { "" };
        field("office", format!("{}{acting}, {from} to {to}", office.name));
    }
    let relations: Vec<String> = card
        .relations
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect();
    field("relations", relations.join(", "));
    for (id, title) in &card.sources {
        field("source", format!("{id}: {title}"));
    }
    emit(format, &card, &table, out)
}

/// `neighbors NAME`.
pub fn neighbors(
    graph: &KnowledgeGraph,
    name: &str,
    options: &NeighborOptions,
    format: TableFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    super::check_relations(&options.relations)?;
    let entity = graph.resolve(name)?;
    let found = graph.neighbors(&entity.id, options);
    if let TableFormat::Table = format {
        writeln!(
            out,
            "{}: {} neighbours within {} step(s)",
            entity.name,
            found.len(),
            options.depth
        )?;
    }
    let mut table = Table::new(&["DISTANCE", "NEIGHBOUR", "KIND", "VIA"]);
    for n in &found {
        let via: Vec<String> = n
            .via
            .iter()
            .map(|f| {
                format!("{} {} {} [{}]", f.from_name, f.label, f.to_name, date(f))
                    .replace(" []", "")
            })
            .collect();
        table.row(vec![
            n.distance.to_string(),
            n.name.clone(),
            n.kind.to_string(),
            via.join("; "),
        ]);
    }
    emit(format, &found, &table, out)
}

/// `path A B`.
pub fn path(
    graph: &KnowledgeGraph,
    a: &str,
    b: &str,
    options: &PathOptions,
    format: TableFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    super::check_relations(&options.relations)?;
    let from = graph.resolve(a)?;
    let to = graph.resolve(b)?;
    let paths = graph.paths(&from.id, &to.id, options);
    if paths.is_empty() {
        anyhow::bail!(
            "{} and {} are not connected within {} hops{}",
            from.name,
            to.name,
            options.max_hops,
            if options.relations.is_empty() {
                String::new()
            } else {
                format!(" through {}", options.relations.join(", "))
            }
        );
    }
    let mut table = Table::new(&[
        "PATH", "STEP", "FROM", "FACT", "TO", "DATE", "SOURCES", "EVIDENCE",
    ]);
    for (p, path) in paths.iter().enumerate() {
        for (s, step) in path.steps.iter().enumerate() {
            let f = &step.fact;
            let forward = step.from == f.from || symmetric(f.relation);
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
                date(f),
                f.sources.join(", "),
                f.evidence.clone().unwrap_or_default(),
            ]);
        }
    }
    if let TableFormat::Table = format {
        writeln!(
            out,
            "{} shortest path(s) of {} hop(s) from {} to {}",
            paths.len(),
            paths[0].steps.len(),
            from.name,
            to.name
        )?;
    }
    emit(format, &paths, &table, out)
}

/// `timeline NAME`.
pub fn timeline(
    graph: &KnowledgeGraph,
    name: &str,
    format: TableFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let entity = graph.resolve(name)?;
    let entries = graph.timeline(&entity.id);
    if let TableFormat::Table = format {
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
    emit(format, &entries, &table, out)
}

/// `stats`.
pub fn stats(
    graph: &KnowledgeGraph,
    top: usize,
    format: TableFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let stats = graph.stats(top);
    let mut table = Table::new(&["SECTION", "NAME", "VALUE"]);
    table.row(vec![
        "size".into(),
        "entities".into(),
        stats.nodes.to_string(),
    ]);
    table.row(vec!["size".into(), "facts".into(), stats.edges.to_string()]);
    for (kind, n) in &stats.kinds {
        table.row(vec!["kind".into(), kind.to_string(), n.to_string()]);
    }
    for (relation, n) in &stats.relations {
        table.row(vec!["relation".into(), relation.to_string(), n.to_string()]);
    }
    for (origin, n) in &stats.origins {
        table.row(vec!["origin".into(), origin.as_str().into(), n.to_string()]);
    }
    for r in &stats.top_degree {
        table.row(vec!["degree".into(), r.name.clone(), r.score.to_string()]);
    }
    for r in &stats.top_pagerank {
        table.row(vec![
            "pagerank".into(),
            r.name.clone(),
            format!("{:.4}", r.score),
        ]);
    }
    for (i, c) in stats.components.iter().enumerate() {
        table.row(vec![
            "component".into(),
            format!("#{} ({} entities)", i + 1, c.size),
            c.members.join(", "),
        ]);
    }
    emit(format, &stats, &table, out)
}

/// `search TEXT`.
pub fn search(
    graph: &KnowledgeGraph,
    text: &str,
    limit: usize,
    format: TableFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let hits = graph.search(text, limit);
    if hits.is_empty() && !matches!(format, TableFormat::Json) {
        anyhow::bail!("no entity is called anything like \"{text}\"");
    }
    let mut table = Table::new(&["SCORE", "NAME", "KIND", "ID", "MATCHED"]);
    for h in &hits {
        table.row(vec![
            format!("{:.2}", h.score),
            h.name.clone(),
            h.kind.to_string(),
            h.id.clone(),
            h.matched.clone(),
        ]);
    }
    emit(format, &hits, &table, out)
}

/// Parses `in`, `out` or `both`.
pub fn direction(text: &str) -> Result<Direction, String> {
    match text {
        "in" => Ok(Direction::In),
        "out" => Ok(Direction::Out),
        "both" => Ok(Direction::Both),
        other => Err(format!("`{other}` is not a direction (in, out, both)")),
    }
}
