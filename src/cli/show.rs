//! `newsgraph show NAME`: an entity card.

use std::io::Write;

use newsgraph::query::EntityCard;

use super::table::Table;
use super::{emit, Answer, DataArgs, FormatArgs, TableFormat};

/// Arguments of `show`.
#[derive(clap::Args)]
pub struct ShowArgs {
    /// An id, name or alias.
    name: String,
    #[command(flatten)]
    output: FormatArgs,
}

impl ShowArgs {
    /// Prints the card of the entity the name resolves to.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        let (graph, ids) = data.graph_about(&[&self.name], super::Need::Around)?;
        let entity = super::entity(&graph, &ids[0])?;
        let Some(card) = graph.show(&entity.id) else {
            return Err(super::NothingFound(format!("no card for `{}`", entity.id)).into());
        };
        let ids = matches!(self.output.format, TableFormat::Tsv);
        emit(self.output.format, &card, &table(&card, ids), out)?;
        Ok(Answer::Found)
    }
}

/// The card as rows of field and value; empty fields are left out. With
/// `ids` (TSV), links to other entities and offices are given by id.
fn table(card: &EntityCard, ids: bool) -> Table {
    let mut table = Table::new(&["FIELD", "VALUE"]);
    let mut field = |k: &str, v: String| {
        if !v.is_empty() {
            table.row(vec![k.to_string(), v]);
        }
    };
    let named = |pair: &Option<(String, String)>| {
        pair.as_ref()
            .map(|(id, name)| if ids { id.clone() } else { name.clone() })
    };
    field("name", card.name.clone());
    field("id", card.id.clone());
    field("kind", card.kind.to_string());
    field("category", card.category.clone().unwrap_or_default());
    field("description", card.description.clone().unwrap_or_default());
    field("aliases", card.aliases.join("; "));
    field("weak aliases", card.weak_aliases.join("; "));
    field("demonyms", card.demonyms.join("; "));
    field("country", named(&card.country).unwrap_or_default());
    field("part of", named(&card.parent).unwrap_or_default());
    for office in &card.offices {
        let from = office.from.map_or("?".to_string(), |d| d.to_string());
        let to = office.to.map_or("present".to_string(), |d| d.to_string());
        let acting = if office.acting { " (acting)" } else { "" };
        let name = if ids { &office.office } else { &office.name };
        field("office", format!("{name}{acting}, {from} to {to}"));
    }
    let m = &card.meetings;
    if m.encounters > 0 || m.own_side_left_out > 0 {
        let mut meetings = format!(
            "{} with {}",
            super::count(m.encounters, "encounter", "encounters"),
            super::count(m.counterparts, "counterpart", "counterparts")
        );
        if m.own_side_left_out > 0 {
            let left = super::count(m.own_side_left_out, "colleague", "colleagues");
            meetings.push_str(&format!(" ({left} on the same side left out)"));
        }
        field("meetings", meetings);
    }
    let relations: Vec<String> = card
        .relations
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect();
    field("facts", relations.join(", "));
    for (id, title) in &card.sources {
        field("source", format!("{id}: {title}"));
    }
    table
}
