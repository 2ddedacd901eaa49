//! `newsgraph check`: validate the data and summarise it.

use std::io::Write;

use newsgraph::model::{EntityKind, RelationKind};
use newsgraph::KnowledgeGraph;

use super::{Answer, DataArgs};

/// Arguments of `check` (it has none of its own).
#[derive(clap::Args)]
pub struct CheckArgs {}

impl CheckArgs {
    /// Loads and validates the data; errors are returned for the caller to print.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        let graph = KnowledgeGraph::build(newsgraph::load_dirs(&data.data)?);
        summary(&graph, out)?;
        writeln!(out, "ok: no errors")?;
        Ok(Answer::Found)
    }
}

/// Prints what a dataset holds and what its graph holds.
pub fn summary(graph: &KnowledgeGraph, out: &mut impl Write) -> anyhow::Result<()> {
    let dataset = graph.dataset();
    let kinds: Vec<String> = EntityKind::ALL
        .iter()
        .map(|k| format!("{} {}", dataset.entities_of_kind(*k).count(), k.as_str()))
        .collect();
    writeln!(
        out,
        "{}: {} entities ({}), {} offices, {} curated relations, {} sources, {} patterns",
        dataset.root.display(),
        dataset.entities.len(),
        kinds.join(", "),
        dataset.offices.len(),
        dataset.relations.len(),
        dataset.sources.len(),
        dataset.patterns.patterns.len(),
    )?;
    let relations: Vec<String> = RelationKind::NAMES
        .iter()
        .map(|r| {
            (
                r,
                graph
                    .facts()
                    .filter(|f| f.fact.relation.name() == *r)
                    .count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| format!("{r} {n}"))
        .collect();
    writeln!(
        out,
        "graph: {} nodes, {} edges ({})",
        graph.petgraph().node_count(),
        graph.petgraph().edge_count(),
        relations.join(", ")
    )?;
    Ok(())
}
