//! CSV export for graph databases and spreadsheets.
//!
//! Two pairs of files:
//!
//! - `nodes.csv`, `edges.csv` with Neo4j's `neo4j-admin database import`
//!   headers: `id:ID`, `:LABEL`, typed properties (`amount:double`,
//!   `aliases:string[]` with `;` between items), and `:START_ID`, `:END_ID`,
//!   `:TYPE` (the relation in upper case, as Neo4j names relationship types);
//! - `gephi-nodes.csv`, `gephi-edges.csv` with Gephi's spreadsheet import
//!   headers: `Id`, `Label`, and `Source`, `Target`, `Type` (Directed or
//!   Undirected), `Label`, `Time Interval` (`<[2022-01-28, 2022-01-28]>`).
//!
//! Names and evidence come from articles, and a spreadsheet reads a cell that
//! starts with `=`, `+`, `-` or `@` (or a tab or carriage return) as a
//! formula, which can run commands or send data away. Such cells are
//! neutralised as OWASP's "CSV injection" advice says: a single quote `'` is
//! put in front (`=HYPERLINK(…)` is written `'=HYPERLINK(…)`), also when only
//! spaces or line breaks come before the sign. Spreadsheets show the text as
//! written; other readers (neo4j-admin, Gephi, a CSV parser) keep the quote.
//! A plain number (`-5`, `+1.5e3`) is not a formula and is left alone. Control
//! characters other than tab, line feed and carriage return are dropped, as in
//! every export.

use std::borrow::Cow;

use super::clean::without_controls;
use super::graphml::LIST_SEPARATOR;
use super::reuse::{Key, Records};
use super::view::View;
use crate::graph::present::edge_label;
use crate::graph::FactRef;
use crate::model::{AttributeValue, Entity};

/// Relation attribute columns, in a fixed order, with their Neo4j types.
const EDGE_ATTRIBUTES: &[(&str, &str)] = &[
    ("mode", "string"),
    ("amount", "double"),
    ("currency", "string"),
    ("purpose", "string"),
    ("status", "string"),
    ("designation", "string"),
    ("what", "string"),
    ("about", "string"),
    ("role", "string"),
    ("side", "string"),
    ("office", "string"),
    ("title", "string"),
    ("until", "string"),
];

fn attribute(fact: &FactRef<'_>, name: &str) -> String {
    fact.fact
        .relation
        .attributes()
        .into_iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| match v {
            AttributeValue::Number(n) => n.to_string(),
            AttributeValue::Text(t) => t,
        })
        .unwrap_or_default()
}

fn evidence(fact: &FactRef<'_>) -> String {
    let texts: Vec<&str> = fact
        .fact
        .evidence
        .iter()
        .filter_map(|e| e.text.as_deref())
        .collect();
    texts.join(" | ")
}

fn event_date(entity: &Entity) -> String {
    entity
        .event
        .as_ref()
        .map(|e| e.date.to_string())
        .unwrap_or_default()
}

/// Writes the four CSV files of a view into `dir`, each streamed and atomic.
pub fn write_csv_files(
    view: &View<'_>,
    dir: &std::path::Path,
) -> Result<Vec<std::path::PathBuf>, super::ExportError> {
    // Small views are built in memory; the files are the same either way.
    let mut written = Vec::new();
    for (name, bytes) in to_csv_files(view)? {
        let path = dir.join(name);
        super::write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// The four CSV files of a view: (file name, contents).
pub fn to_csv_files(view: &View<'_>) -> Result<Vec<(&'static str, Vec<u8>)>, csv::Error> {
    let entities = view.entities();
    Ok(vec![
        ("nodes.csv", neo4j_nodes(&entities)?),
        ("edges.csv", edges_file(view, write_edges_csv_records)?),
        ("gephi-nodes.csv", gephi_nodes(&entities)?),
        (
            "gephi-edges.csv",
            edges_file(view, write_gephi_edges_csv_records)?,
        ),
    ])
}

/// The CSV files of a view without their edge files: `nodes.csv` and
/// `gephi-nodes.csv` (small: one row per entity).
pub fn csv_node_files(view: &View<'_>) -> Result<Vec<(&'static str, Vec<u8>)>, csv::Error> {
    let entities = view.entities();
    Ok(vec![
        ("nodes.csv", neo4j_nodes(&entities)?),
        ("gephi-nodes.csv", gephi_nodes(&entities)?),
    ])
}

/// `nodes.csv` of these entities.
fn neo4j_nodes(entities: &[&Entity]) -> Result<Vec<u8>, csv::Error> {
    let mut nodes = csv::Writer::from_writer(Vec::new());
    nodes.write_record([
        "id:ID",
        "name",
        ":LABEL",
        "aliases:string[]",
        "weak_aliases:string[]",
        "country",
        "parent",
        "category",
        "description",
        "date",
    ])?;
    for e in entities {
        let label = capitalised(e.kind.as_str());
        write_row(
            &mut nodes,
            [
                e.id.as_str(),
                &e.name,
                &label,
                &e.aliases.join(";"),
                &e.weak_aliases.join(";"),
                e.country.as_deref().unwrap_or(""),
                e.parent.as_deref().unwrap_or(""),
                e.category.as_deref().unwrap_or(""),
                e.description.as_deref().unwrap_or(""),
                &event_date(e),
            ],
        )?;
    }
    finish(nodes)
}

/// An edge file of a view, in memory.
fn edges_file(
    view: &View<'_>,
    write: fn(&View<'_>, &mut Records<'_>, &[Key]) -> std::io::Result<()>,
) -> Result<Vec<u8>, csv::Error> {
    let mut bytes = Vec::new();
    Records::write_fresh(&mut bytes, |records, keys| write(view, records, keys))?;
    Ok(bytes)
}

/// `gephi-nodes.csv` of these entities.
fn gephi_nodes(entities: &[&Entity]) -> Result<Vec<u8>, csv::Error> {
    let mut nodes = csv::Writer::from_writer(Vec::new());
    nodes.write_record([
        "Id", "Label", "Kind", "Country", "Parent", "Category", "Aliases",
    ])?;
    for e in entities {
        write_row(
            &mut nodes,
            [
                e.id.as_str(),
                &e.name,
                e.kind.as_str(),
                e.country.as_deref().unwrap_or(""),
                e.parent.as_deref().unwrap_or(""),
                e.category.as_deref().unwrap_or(""),
                &e.aliases.join(LIST_SEPARATOR),
            ],
        )?;
    }
    finish(nodes)
}

/// The header line of `edges.csv`.
fn neo4j_edges_header() -> Result<Vec<u8>, csv::Error> {
    let mut edges = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "id",
        "date",
        "date_precision",
        "origin",
        "event",
        "sources:string[]",
        "evidence",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(
        EDGE_ATTRIBUTES
            .iter()
            .map(|(name, ty)| format!("{name}:{ty}")),
    );
    edges.write_record(&header)?;
    finish(edges)
}

/// Writes `edges.csv` of a view through `records`: each fact's row is a
/// record with its fact's key (`keys`, by edge index; see [`super::reuse`]).
pub fn write_edges_csv_records(
    view: &View<'_>,
    records: &mut Records<'_>,
    keys: &[Key],
) -> std::io::Result<()> {
    csv_records(view, records, keys, neo4j_edges_header()?, neo4j_row)
}

/// The header line of `gephi-edges.csv`.
fn gephi_edges_header() -> Result<Vec<u8>, csv::Error> {
    let mut edges = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "Source",
        "Target",
        "Type",
        "Id",
        "Label",
        "Relation",
        "Time Interval",
        "Date",
        "Origin",
        "Sources",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(EDGE_ATTRIBUTES.iter().map(|(name, _)| capitalised(name)));
    edges.write_record(&header)?;
    finish(edges)
}

/// Writes `gephi-edges.csv` of a view through `records`, as
/// [`write_edges_csv_records`] writes `edges.csv`.
pub fn write_gephi_edges_csv_records(
    view: &View<'_>,
    records: &mut Records<'_>,
    keys: &[Key],
) -> std::io::Result<()> {
    csv_records(view, records, keys, gephi_edges_header()?, gephi_row)
}

/// The cells of a fact's row in `edges.csv`.
fn neo4j_row(f: &FactRef<'_>) -> Vec<String> {
    let mut row = vec![
        f.from.id.clone(),
        f.to.id.clone(),
        f.fact.relation.name().to_uppercase(),
        f.id().to_string(),
        f.fact.date.map(|d| d.to_string()).unwrap_or_default(),
        f.fact
            .date
            .map(|d| d.precision().as_str().to_string())
            .unwrap_or_default(),
        f.fact.origin.as_str().to_string(),
        f.fact.event.clone().unwrap_or_default(),
        f.fact.sources().join(";"),
        evidence(f),
    ];
    row.extend(EDGE_ATTRIBUTES.iter().map(|(name, _)| attribute(f, name)));
    row
}

/// The cells of a fact's row in `gephi-edges.csv`.
fn gephi_row(f: &FactRef<'_>) -> Vec<String> {
    let interval = f
        .fact
        .date
        .map(|d| format!("<[{}, {}]>", d.first_day(), d.last_day()))
        .unwrap_or_default();
    let mut row = vec![
        f.from.id.clone(),
        f.to.id.clone(),
        if f.fact.relation.is_symmetric() {
            "Undirected"
        } else {
            "Directed"
        }
        .to_string(),
        f.id().to_string(),
        edge_label(f.fact).replace('\n', " "),
        f.fact.relation.name().to_string(),
        interval,
        f.fact.date.map(|d| d.to_string()).unwrap_or_default(),
        f.fact.origin.as_str().to_string(),
        f.fact.sources().join(LIST_SEPARATOR),
    ];
    row.extend(EDGE_ATTRIBUTES.iter().map(|(name, _)| attribute(f, name)));
    row
}

/// An edge file through `records`: its header line, then one keyed row per fact.
fn csv_records(
    view: &View<'_>,
    records: &mut Records<'_>,
    keys: &[Key],
    header: Vec<u8>,
    row: fn(&FactRef<'_>) -> Vec<String>,
) -> std::io::Result<()> {
    use std::io::Write as _;
    records.write_all(&header)?;
    edge_rows(records, &view.facts(), keys, row)
}

/// Writes each fact's row as a record (see [`super::reuse`]), keyed by
/// `keys` (by edge index) when there are keys.
fn edge_rows(
    records: &mut Records<'_>,
    facts: &[FactRef<'_>],
    keys: &[Key],
    row: fn(&FactRef<'_>) -> Vec<String>,
) -> std::io::Result<()> {
    for f in facts {
        let key = keys.get(f.edge.index()).copied().unwrap_or_default();
        records.record(key, |buffer| {
            let mut writer = csv::WriterBuilder::new()
                .buffer_capacity(1 << 10)
                .from_writer(buffer);
            write_row(&mut writer, row(f)).map_err(std::io::Error::from)?;
            writer.flush()
        })?;
    }
    Ok(())
}

/// Writes one record, each cell made safe by [`safe_cell`].
fn write_row<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = impl AsRef<str>>,
) -> Result<(), csv::Error> {
    for cell in cells {
        writer.write_field(safe_cell(cell.as_ref()).as_bytes())?;
    }
    writer.write_record(None::<&[u8]>)
}

/// A cell without control characters, and with `'` in front when a
/// spreadsheet would read it as a formula (see the module documentation).
fn safe_cell(text: &str) -> Cow<'_, str> {
    let text = without_controls(text);
    let start = text.trim_start_matches([' ', '\n']);
    let formula = text.starts_with(['\t', '\r'])
        || (start.starts_with(['=', '+', '-', '@']) && !is_number(start));
    if formula {
        Cow::Owned(format!("'{text}"))
    } else {
        text
    }
}

/// Whether `text` is a plain decimal number, such as `-5` or `+1.5e3`.
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b".eE+-".contains(&b))
        && digits.parse::<f64>().is_ok()
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, csv::Error> {
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas_and_keeps_numbers() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+cmd", "'+cmd"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("  =x", "'  =x"),
            ("\u{1}=x", "'=x"),
            ("-inf", "'-inf"),
            ("-5", "-5"),
            ("+1.5e3", "+1.5e3"),
            ("a=b", "a=b"),
            ("Antony Blinken", "Antony Blinken"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(safe_cell(input), expected, "{input:?}");
        }
    }
}
