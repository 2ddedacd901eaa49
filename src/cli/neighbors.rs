//! `newsgraph neighbors NAME`: who is connected, how far, through which facts.

use std::io::Write;

use newsgraph::model::{RelationName, RelationSet};
use newsgraph::query::{Direction, FactSummary, Neighbor, NeighborOptions};

use super::table::Table;
use super::{count, date_text, emit, Answer, DataArgs, FormatArgs, Need, TableFormat};

/// Arguments of `neighbors`.
#[derive(clap::Args)]
pub struct NeighborsArgs {
    /// An id, name or alias.
    name: String,
    /// Only this relation; repeatable.
    #[arg(long = "relation", value_name = "R")]
    relations: Vec<RelationName>,
    /// How many steps away.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    /// Follow facts where the entity is the subject (out), the object (in), or both.
    #[arg(long, default_value = "both", value_parser = direction)]
    direction: Direction,
    #[command(flatten)]
    output: FormatArgs,
}

impl NeighborsArgs {
    /// Prints the neighbours; exit code 1 when there are none.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        // One step around the entity is what the store's slice holds.
        let (graph, ids) = if self.depth <= 1 {
            data.graph_about(&[&self.name], Need::Around)?
        } else {
            data.graph_resolving(&[&self.name])?
        };
        let entity = super::entity(&graph, &ids[0])?;
        let options = NeighborOptions {
            relations: RelationSet::of(self.relations.iter().copied()),
            depth: self.depth,
            direction: self.direction,
        };
        let found = graph.neighbors(&entity.id, &options);
        if let TableFormat::Table = self.output.format {
            writeln!(
                out,
                "{}: {} within {}",
                entity.name,
                count(found.len(), "neighbour", "neighbours"),
                count(options.depth, "step", "steps"),
            )?;
        }
        let table = match self.output.format {
            TableFormat::Tsv => tsv(&found),
            _ => table(&found),
        };
        emit(self.output.format, &found, &table, out)?;
        Ok(Answer::rows(found.len()))
    }
}

/// The rows for people: names, and each fact as words.
fn table(found: &[Neighbor]) -> Table {
    let mut table = Table::new(&["DISTANCE", "NEIGHBOUR", "KIND", "VIA"]);
    for n in found {
        let via: Vec<String> = n
            .via
            .iter()
            .map(|f| {
                let date = date_text(f.date);
                format!("{} {} {} [{date}]", f.from_name, f.label, f.to_name).replace(" []", "")
            })
            .collect();
        let cells = [
            &n.distance.to_string(),
            &n.name,
            &n.kind.to_string(),
            &via.join("; "),
        ];
        table.row(cells.map(String::clone).to_vec());
    }
    table
}

/// The rows for programs: ids, relation names and fact ids.
fn tsv(found: &[Neighbor]) -> Table {
    let mut table = Table::new(&["DISTANCE", "NEIGHBOUR", "NAME", "KIND", "VIA", "FACTS"]);
    let fact = |f: &FactSummary| {
        format!("{} {} {} {}", f.from, f.relation, f.to, date_text(f.date))
            .trim_end()
            .to_string()
    };
    for n in found {
        let via: Vec<String> = n.via.iter().map(fact).collect();
        let ids: Vec<&str> = n.via.iter().map(|f| f.id.as_str()).collect();
        table.row(vec![
            n.distance.to_string(),
            n.id.clone(),
            n.name.clone(),
            n.kind.to_string(),
            via.join("; "),
            ids.join(","),
        ]);
    }
    table
}

/// Parses `in`, `out` or `both`.
fn direction(text: &str) -> Result<Direction, String> {
    match text {
        "in" => Ok(Direction::In),
        "out" => Ok(Direction::Out),
        "both" => Ok(Direction::Both),
        other => Err(format!("`{other}` is not a direction (in, out, both)")),
    }
}
