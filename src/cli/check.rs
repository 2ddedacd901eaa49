//! `newsgraph check`: validate the data and summarise it.

use std::io::Write;

use newsgraph::model::{EntityKind, RelationKind};
use newsgraph::KnowledgeGraph;

use newsgraph::pipeline::ExtractionReport;

use super::{count, Answer, DataArgs};

/// Arguments of `check` (it has none of its own). It reads the articles
/// too, as `build` does, so both print the same graph; `--curated-only`
/// skips them and says so.
#[derive(clap::Args)]
pub struct CheckArgs {}

impl CheckArgs {
    /// Loads and validates the data, reads the articles unless
    /// `--curated-only`; errors are returned for the caller to print.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        let (graph, report) = data.graph_with_report()?;
        summary(&graph, report.patterns, out)?;
        if data.curated_only {
            writeln!(
                out,
                "articles not read (--curated-only): the graph holds the curated records and what they imply"
            )?;
        } else {
            matcher_summary(&report, out)?;
        }
        late_dates(&graph, true, out)?;
        writeln!(out, "ok: no errors")?;
        Ok(Answer::Found)
    }
}

/// Prints what the matcher found in the articles, when it read any.
pub fn matcher_summary(report: &ExtractionReport, out: &mut impl Write) -> anyhow::Result<()> {
    if report.articles.is_empty() {
        return Ok(());
    }
    let facts: usize = report.articles.iter().map(|a| a.facts).sum();
    let mentions: usize = report.articles.iter().map(|a| a.mentions).sum();
    let linked: usize = report.articles.iter().map(|a| a.linked).sum();
    writeln!(
        out,
        "matcher: {}, {} ({linked} linked), {} extracted",
        count(report.articles.len(), "article", "articles"),
        count(mentions, "mention", "mentions"),
        count(facts, "fact", "facts"),
    )?;
    Ok(())
}

/// Prints what a dataset holds and what its graph holds.
pub fn summary(
    graph: &KnowledgeGraph,
    patterns: usize,
    out: &mut impl Write,
) -> anyhow::Result<()> {
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
        patterns,
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

/// Lists the facts dated after every source that states them was published:
/// a warning, not an error, for the curator to look at. `list` prints each
/// one; otherwise only how many there are and where to see them.
pub fn late_dates(graph: &KnowledgeGraph, list: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let late = graph.dated_after_publication();
    if late.is_empty() {
        return Ok(());
    }
    let (is, their) = if late.len() == 1 {
        ("is", "its")
    } else {
        ("are", "their")
    };
    writeln!(
        out,
        "warning: {} {is} dated after {their} sources were published (check the dates):",
        count(late.len(), "fact", "facts")
    )?;
    if !list {
        writeln!(out, "  (`newsgraph check` lists them)")?;
        return Ok(());
    }
    for l in &late {
        writeln!(
            out,
            "  {} {} {} -> {} on {}, but {} was published on {}",
            l.fact.id,
            l.fact.relation,
            l.fact.from_name,
            l.fact.to_name,
            l.date,
            l.source,
            l.published
        )?;
    }
    Ok(())
}
