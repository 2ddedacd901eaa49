//! `newsgraph edges`: every fact with its provenance.

use std::io::Write;
use std::path::Path;

use newsgraph::graph::FactRef;
use newsgraph::query::EdgeFilter;
use newsgraph::{Dataset, KnowledgeGraph};
use serde_json::json;

use newsgraph::model::{RelationName, RelationSet};

use super::table::Table;
use super::{tsv_cell, Answer, DataArgs, FormatArgs, NothingFound, TableFormat};

/// Arguments of `edges`: its filters.
#[derive(clap::Args)]
pub struct EdgesArgs {
    /// Only this relation (`met_with`, `funded`…); repeatable.
    #[arg(long = "relation", value_name = "R")]
    relations: Vec<RelationName>,
    /// Only facts about this entity.
    #[arg(long, value_name = "NAME")]
    entity: Option<String>,
    /// Only facts stated by this source: its id, its article's file name, or the article's path.
    #[arg(long, value_name = "SOURCE")]
    source: Option<String>,
    #[command(flatten)]
    output: FormatArgs,
}

impl EdgesArgs {
    /// Prints the facts that pass the filters; exit code 1 when none does.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        let graph = data.graph()?;
        print(&graph, self, out)
    }
}

/// Prints the facts that pass the filter.
fn print(
    graph: &KnowledgeGraph,
    filter: &EdgesArgs,
    out: &mut impl Write,
) -> anyhow::Result<Answer> {
    let format = filter.output.format;
    let entity = filter
        .entity
        .as_deref()
        .map(|name| graph.resolve(name))
        .transpose()?;
    let source = filter
        .source
        .as_deref()
        .map(|given| source_id(graph.dataset(), given))
        .transpose()?;
    let query = EdgeFilter {
        relations: RelationSet::of(filter.relations.iter().copied()),
        entity: entity.map(|e| e.id.clone()),
        source,
    };
    let facts = graph.edges(&query);
    match format {
        TableFormat::Json => {
            let rows: Vec<_> = facts.iter().map(fact_json).collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        TableFormat::Tsv => {
            writeln!(
                out,
                "from\trelation\tto\tdate\tattributes\torigin\tsources\tevidence"
            )?;
            for f in &facts {
                let cells = row(f);
                let cells: Vec<String> = cells.iter().map(|c| tsv_cell(c)).collect();
                writeln!(out, "{}", cells.join("\t"))?;
            }
        }
        TableFormat::Table => {
            writeln!(out, "{}", super::count(facts.len(), "fact", "facts"))?;
            let mut table = Table::new(&[
                "FROM",
                "RELATION",
                "TO",
                "DATE",
                "ATTRIBUTES",
                "ORIGIN",
                "SOURCES",
                "MATCHED BY",
            ]);
            for f in &facts {
                let mut cells = row(f);
                cells[0] = f.from.name.clone();
                cells[2] = f.to.name.clone();
                table.row(cells);
            }
            table.print(out)?;
        }
    }
    Ok(Answer::rows(facts.len()))
}

/// The id of the source `given` names: its id, its article's file name, or
/// a path to the article (`data/articles/FILE.txt`, relative or absolute).
fn source_id(dataset: &Dataset, given: &str) -> anyhow::Result<String> {
    let named = dataset.sources.values().find(|s| {
        s.id == given
            || s.file
                .as_deref()
                .is_some_and(|f| f == given || f.rsplit('/').next() == Some(given))
    });
    let path = Path::new(given).canonicalize().ok();
    let at_path = || {
        dataset.sources.values().find(|s| {
            let article = dataset.article_path(s).and_then(|a| a.canonicalize().ok());
            path.is_some() && article == path
        })
    };
    match named.or_else(at_path) {
        Some(source) => Ok(source.id.clone()),
        None => {
            let ids: Vec<&str> = dataset.sources.keys().map(String::as_str).collect();
            Err(NothingFound(format!(
                "unknown source `{given}`: give a source id, an article's file name \
                 (`FILE.txt`) or its path (`data/articles/FILE.txt`); sources are: {}",
                ids.join(", ")
            ))
            .into())
        }
    }
}

fn row(f: &FactRef<'_>) -> Vec<String> {
    let attributes: Vec<String> = f
        .fact
        .relation
        .attributes()
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let matched: Vec<String> = f
        .fact
        .evidence
        .iter()
        .filter_map(|e| e.extraction.as_ref())
        .map(|x| {
            format!(
                "{}@{}:s{} ({:.2})",
                x.pattern,
                x.article.rsplit('/').next().unwrap_or(&x.article),
                x.sentence,
                x.confidence
            )
        })
        .collect();
    vec![
        f.from.id.clone(),
        f.fact.relation.name().to_string(),
        f.to.id.clone(),
        f.fact.date.map(|d| d.to_string()).unwrap_or_default(),
        attributes.join("; "),
        f.fact.origin.as_str().to_string(),
        f.fact.sources().join(", "),
        matched.join(", "),
    ]
}

fn fact_json(f: &FactRef<'_>) -> serde_json::Value {
    let attributes = super::attributes_json(&f.fact.relation);
    json!({
        "from": { "id": f.from.id, "name": f.from.name },
        "relation": f.fact.relation.name(),
        "to": { "id": f.to.id, "name": f.to.name },
        "symmetric": f.fact.relation.is_symmetric(),
        "date": f.fact.date,
        "date_precision": f.fact.date.map(|d| d.precision()),
        "attributes": attributes,
        "origin": f.fact.origin,
        "event": f.fact.event,
        "evidence": f.fact.evidence,
        "note": f.fact.note,
    })
}
