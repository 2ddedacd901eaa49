//! JSON export in the Cytoscape.js `elements` format (also read easily by D3).
//!
//! ```json
//! {"elements": {"nodes": [{"data": {"id": "antony-blinken", "label": "Antony Blinken", "kind": "person", …}}],
//!               "edges": [{"data": {"id": "f12", "source": "…", "target": "…", "relation": "met_with", …}}]}}
//! ```
//!
//! Every attribute of the GraphML export is here too, lists as arrays and
//! each piece of evidence with its provenance.

use serde_json::{json, Map, Value};

use super::clean::write_json;
use super::reuse::{Key, Records};
use super::view::View;
use crate::graph::present::edge_label;
use crate::graph::{FactRef, KnowledgeGraph};
use crate::model::Entity;
use crate::query::{MeetingCount, WhoMetOptions};
use std::io::Write as _;

/// The graph as Cytoscape.js elements.
///
/// ```
/// use newsgraph::{export, Dataset, KnowledgeGraph};
///
/// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
/// let value = export::to_cytoscape(&export::View::all(&graph));
/// let nodes = value["elements"]["nodes"].as_array().unwrap();
/// assert_eq!(nodes.len(), graph.dataset().entities.len());
/// ```
pub fn to_cytoscape(view: &View<'_>) -> Value {
    let nodes: Vec<Value> = view
        .entities()
        .into_iter()
        .map(|e| json!({ "data": node_data(view.graph(), e) }))
        .collect();
    let edges: Vec<Value> = view
        .facts()
        .iter()
        .map(|f| json!({ "data": edge_data(f) }))
        .collect();
    json!({
        "format": "newsgraph cytoscape elements",
        "elements": { "nodes": nodes, "edges": edges },
    })
}

/// The JSON text of [`to_cytoscape`], ending with a newline.
pub fn view_to_json(view: &View<'_>) -> String {
    let mut out = Vec::new();
    write_cytoscape(view, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes [`to_cytoscape`]'s JSON one element at a time (one per line), so
/// a graph of millions of facts is never held in memory as JSON values.
///
/// Strings keep every character: control characters, DEL, the C1 controls,
/// U+FFFE/U+FFFF and U+2028/U+2029 are written as `\uXXXX` escapes, never raw.
pub fn write_cytoscape(view: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    Records::write_fresh(out, |records, keys| {
        write_cytoscape_records(view, records, keys)
    })
}

/// [`write_cytoscape`] through `records`: each edge element is a record with
/// its fact's key (`keys`, by edge index; see [`super::reuse`]).
pub fn write_cytoscape_records(
    view: &View<'_>,
    records: &mut Records<'_>,
    keys: &[Key],
) -> std::io::Result<()> {
    records.write_all(
        b"{\"format\": \"newsgraph cytoscape elements\", \"elements\": {\n\"nodes\": [\n",
    )?;
    // Each node is a record too (its meetings cost what a fact's line
    // costs): keyed by its entity and the keys of its facts.
    let graph = view.graph();
    let node_keys = if keys.is_empty() || !view.is_whole() {
        Vec::new()
    } else {
        super::reuse::entity_keys(graph, keys)
    };
    for (i, entity) in view.entities().into_iter().enumerate() {
        if i > 0 {
            records.write_all(b",\n")?;
        }
        let key = node_keys.get(i).copied().unwrap_or_default();
        records.record(key, |buffer| {
            write_json(buffer, &json!({ "data": node_data(graph, entity) }), false)
        })?;
    }
    records.write_all(b"\n],\n\"edges\": [\n")?;
    for (i, fact) in view.facts().iter().enumerate() {
        if i > 0 {
            records.write_all(b",\n")?;
        }
        let key = keys.get(fact.edge.index()).copied().unwrap_or_default();
        records.record(key, |buffer| {
            write_json(buffer, &json!({ "data": edge_data(fact) }), false)
        })?;
    }
    records.write_all(b"\n]}}\n")
}

/// A node's attributes: names, kind, links, and event details.
pub fn node_data(graph: &KnowledgeGraph, entity: &Entity) -> Map<String, Value> {
    let mut data = Map::new();
    data.insert("id".into(), json!(entity.id));
    data.insert("label".into(), json!(entity.name));
    data.insert("kind".into(), json!(entity.kind));
    data.insert("aliases".into(), json!(entity.aliases));
    data.insert("weak_aliases".into(), json!(entity.weak_aliases));
    data.insert("demonyms".into(), json!(entity.demonyms));
    for (key, value) in [
        ("country", &entity.country),
        ("parent", &entity.parent),
        ("category", &entity.category),
        ("description", &entity.description),
    ] {
        if let Some(value) = value {
            data.insert(key.into(), json!(value));
        }
    }
    let offices: Vec<Value> = graph
        .dataset()
        .offices_of(&entity.id)
        .map(|(office, tenure)| json!({ "office": office.id, "title": office.name, "from": tenure.from, "to": tenure.to, "acting": tenure.acting }))
        .collect();
    if !offices.is_empty() {
        data.insert("offices".into(), json!(offices));
    }
    if let Some(meetings) = meetings_data(graph, entity) {
        data.insert("meetings".into(), meetings);
    }
    if let Some(event) = &entity.event {
        data.insert("event_type".into(), json!(event.event_type));
        data.insert("event_status".into(), json!(event.status));
        data.insert("date".into(), json!(event.date));
        data.insert("date_precision".into(), json!(event.date.precision()));
        if event.event_type.is_encounter() {
            data.insert("mode".into(), json!(event.effective_mode().as_str()));
        }
        if let Some(place) = &event.place {
            data.insert("place".into(), json!(place));
        }
        data.insert("participants".into(), json!(event.participants));
        data.insert("sources".into(), json!(event.sources));
    }
    data
}

/// An entity's meetings as `who-met` and `show` count them
/// ([`KnowledgeGraph::meetings`]): `{"encounters": N, "counterparts": M,
/// "own_side_left_out": K, "rows": [...]}`, the rows as `who-met --format
/// json` prints them; `None` when it met no one.
fn meetings_data(graph: &KnowledgeGraph, entity: &Entity) -> Option<Value> {
    let meetings = graph.meetings(&entity.id, &WhoMetOptions::default());
    if meetings.encounters.is_empty() && meetings.own_side_left_out == 0 {
        return None;
    }
    let MeetingCount {
        encounters,
        counterparts,
        own_side_left_out,
    } = MeetingCount::of(&meetings);
    Some(json!({
        "encounters": encounters,
        "counterparts": counterparts,
        "own_side_left_out": own_side_left_out,
        "rows": meetings.encounters,
    }))
}

/// An edge's attributes: relation, its attributes, date, origin, evidence.
pub fn edge_data(fact: &FactRef<'_>) -> Map<String, Value> {
    let f = fact.fact;
    let mut data = Map::new();
    data.insert("id".into(), json!(fact.id().to_string()));
    data.insert("source".into(), json!(fact.from.id));
    data.insert("target".into(), json!(fact.to.id));
    data.insert("relation".into(), json!(f.relation.name()));
    data.insert("label".into(), json!(edge_label(f).replace('\n', " ")));
    data.insert("symmetric".into(), json!(f.relation.is_symmetric()));
    if let Some(date) = f.date {
        data.insert("date".into(), json!(date));
        data.insert("date_precision".into(), json!(date.precision()));
    }
    for (name, value) in f.relation.attributes() {
        data.insert(name.into(), json!(value));
    }
    data.insert("origin".into(), json!(f.origin));
    if let Some(event) = &f.event {
        data.insert("event".into(), json!(event));
    }
    data.insert("sources".into(), json!(f.sources()));
    data.insert("evidence".into(), json!(f.evidence));
    if let Some(note) = &f.note {
        data.insert("note".into(), json!(note));
    }
    data
}
