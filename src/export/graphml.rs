//! GraphML export, written with quick-xml.
//!
//! Every attribute is declared as a typed `<key>` in a fixed order, node ids are
//! entity ids and values are scalars, so networkx, igraph, Gephi and yEd read
//! the file with every attribute intact, and the same graph gives the same bytes.
//!
//! XML 1.0 forbids most control characters, even as character references:
//! they are dropped from every value and id, with DEL and the C1 controls
//! (which XML discourages).

use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::clean::without_controls;
use super::reuse::{Key as RecordKey, Records};
use super::view::View;
use crate::graph::{FactRef, KnowledgeGraph};
use crate::model::{AttributeValue, Entity};

/// A declared GraphML attribute: key id, element it applies to, name and type.
struct Key {
    id: &'static str,
    on: &'static str,
    name: &'static str,
    ty: &'static str,
}

const fn key(id: &'static str, on: &'static str, name: &'static str, ty: &'static str) -> Key {
    Key { id, on, name, ty }
}

/// Every key, in the order they are declared and written.
const KEYS: &[Key] = &[
    key("n_kind", "node", "kind", "string"),
    key("n_name", "node", "name", "string"),
    key("n_aliases", "node", "aliases", "string"),
    key("n_weak_aliases", "node", "weak_aliases", "string"),
    key("n_demonyms", "node", "demonyms", "string"),
    key("n_country", "node", "country", "string"),
    key("n_parent", "node", "parent", "string"),
    key("n_category", "node", "category", "string"),
    key("n_description", "node", "description", "string"),
    key("n_event_type", "node", "event_type", "string"),
    key("n_event_status", "node", "event_status", "string"),
    key("n_date", "node", "date", "string"),
    key("n_date_precision", "node", "date_precision", "string"),
    key("n_mode", "node", "mode", "string"),
    key("n_place", "node", "place", "string"),
    key("n_sources", "node", "sources", "string"),
    key("e_relation", "edge", "relation", "string"),
    key("e_date", "edge", "date", "string"),
    key("e_date_precision", "edge", "date_precision", "string"),
    key("e_symmetric", "edge", "symmetric", "boolean"),
    key("e_origin", "edge", "origin", "string"),
    key("e_event", "edge", "event", "string"),
    key("e_sources", "edge", "sources", "string"),
    key("e_evidence", "edge", "evidence", "string"),
    key("e_note", "edge", "note", "string"),
    key("e_mode", "edge", "mode", "string"),
    key("e_amount", "edge", "amount", "double"),
    key("e_currency", "edge", "currency", "string"),
    key("e_purpose", "edge", "purpose", "string"),
    key("e_status", "edge", "status", "string"),
    key("e_designation", "edge", "designation", "string"),
    key("e_what", "edge", "what", "string"),
    key("e_about", "edge", "about", "string"),
    key("e_role", "edge", "role", "string"),
    key("e_side", "edge", "side", "string"),
    key("e_office", "edge", "office", "string"),
    key("e_title", "edge", "title", "string"),
    key("e_until", "edge", "until", "string"),
];

/// Separator for list values (aliases, sources) stored in one string attribute.
pub const LIST_SEPARATOR: &str = "; ";

/// Writes the graph as GraphML.
///
/// ```
/// use newsgraph::{export, Dataset, KnowledgeGraph};
///
/// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
/// let mut out = Vec::new();
/// export::write_graphml(&graph, &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains(r#"<node id="antony-blinken">"#));
/// ```
pub fn write_graphml(graph: &KnowledgeGraph, mut out: impl Write) -> io::Result<()> {
    write_view_graphml(&View::all(graph), &mut out)
}

/// Writes the entities and facts of a view as GraphML.
pub fn write_view_graphml(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    Records::write_fresh(out, |records, keys| {
        write_graphml_records(view, records, keys)
    })
}

/// [`write_view_graphml`] through `records`: each fact's `<edge>` is a
/// record with the fact's key (`keys`, by edge index; see [`super::reuse`]).
pub fn write_graphml_records(
    view: &View<'_>,
    records: &mut Records<'_>,
    keys: &[RecordKey],
) -> io::Result<()> {
    // Everything goes through one indenting writer over a buffer, drained
    // into `records`: a record copied from the last build leaves the writer
    // as a formatted one would (every record is a whole element).
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("graphml").with_attributes([
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ])))?;
    for key in KEYS {
        w.create_element("key")
            .with_attributes([
                ("id", key.id),
                ("for", key.on),
                ("attr.name", key.name),
                ("attr.type", key.ty),
            ])
            .write_empty()?;
    }
    w.write_event(Event::Start(
        BytesStart::new("graph")
            .with_attributes([("id", "newsgraph"), ("edgedefault", "directed")]),
    ))?;
    for entity in view.entities() {
        write_node(&mut w, entity)?;
        if w.get_ref().len() > 1 << 16 {
            records.write_all(w.get_ref())?;
            w.get_mut().clear();
        }
    }
    records.write_all(w.get_ref())?;
    w.get_mut().clear();
    for fact in &view.facts() {
        let key = keys.get(fact.edge.index()).copied().unwrap_or_default();
        records.record(key, |buffer| {
            write_edge(&mut w, fact)?;
            buffer.append(w.get_mut());
            Ok(())
        })?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    records.write_all(w.get_ref())?;
    records.write_all(b"\n")
}

/// The graph as a GraphML string.
pub fn to_graphml(graph: &KnowledgeGraph) -> String {
    view_to_graphml(&View::all(graph))
}

/// A view as a GraphML string.
pub fn view_to_graphml(view: &View<'_>) -> String {
    let mut out = Vec::new();
    write_view_graphml(view, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("GraphML is written from UTF-8 strings")
}

fn data<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> io::Result<()> {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&without_controls(value)))?;
    Ok(())
}

fn write_node<W: Write>(w: &mut Writer<W>, entity: &Entity) -> io::Result<()> {
    w.create_element("node")
        .with_attribute(("id", &*without_controls(&entity.id)))
        .write_inner_content(|w| {
            data(w, "n_kind", entity.kind.as_str())?;
            data(w, "n_name", &entity.name)?;
            for (key, list) in [
                ("n_aliases", &entity.aliases),
                ("n_weak_aliases", &entity.weak_aliases),
                ("n_demonyms", &entity.demonyms),
            ] {
                if !list.is_empty() {
                    data(w, key, &list.join(LIST_SEPARATOR))?;
                }
            }
            for (key, value) in [
                ("n_country", &entity.country),
                ("n_parent", &entity.parent),
                ("n_category", &entity.category),
                ("n_description", &entity.description),
            ] {
                if let Some(value) = value {
                    data(w, key, value)?;
                }
            }
            if let Some(event) = &entity.event {
                data(w, "n_event_type", event.event_type.as_str())?;
                data(w, "n_event_status", event.status.as_str())?;
                data(w, "n_date", &event.date.to_string())?;
                data(w, "n_date_precision", event.date.precision().as_str())?;
                if event.event_type.is_encounter() {
                    data(w, "n_mode", event.effective_mode().as_str())?;
                }
                if let Some(place) = &event.place {
                    data(w, "n_place", place)?;
                }
                if !event.sources.is_empty() {
                    data(w, "n_sources", &event.sources.join(LIST_SEPARATOR))?;
                }
            }
            Ok(())
        })?;
    Ok(())
}

fn write_edge<W: Write>(w: &mut Writer<W>, fact: &FactRef<'_>) -> io::Result<()> {
    let id = fact.id().to_string();
    let source = without_controls(&fact.from.id);
    let target = without_controls(&fact.to.id);
    w.create_element("edge")
        .with_attributes([
            ("id", id.as_str()),
            ("source", &*source),
            ("target", &*target),
        ])
        .write_inner_content(|w| {
            let f = fact.fact;
            data(w, "e_relation", f.relation.name())?;
            if let Some(date) = f.date {
                data(w, "e_date", &date.to_string())?;
                data(w, "e_date_precision", date.precision().as_str())?;
            }
            data(
                w,
                "e_symmetric",
                if f.relation.is_symmetric() {
                    "true"
                } else {
                    "false"
                },
            )?;
            data(w, "e_origin", f.origin.as_str())?;
            if let Some(event) = &f.event {
                data(w, "e_event", event)?;
            }
            let sources = f.sources();
            if !sources.is_empty() {
                data(w, "e_sources", &sources.join(LIST_SEPARATOR))?;
            }
            let evidence: Vec<&str> = f
                .evidence
                .iter()
                .filter_map(|e| e.text.as_deref())
                .collect();
            if !evidence.is_empty() {
                data(w, "e_evidence", &evidence.join("\n"))?;
            }
            if let Some(note) = &f.note {
                data(w, "e_note", note)?;
            }
            for (name, value) in f.relation.attributes() {
                let key = format!("e_{name}");
                match value {
                    AttributeValue::Text(text) => data(w, &key, &text)?,
                    AttributeValue::Number(n) => data(w, &key, &n.to_string())?,
                }
            }
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_attribute_has_a_key() {
        use crate::model::{FundingStatus, MeetingMode, ParticipantRole, RelationKind};
        let kinds = [
            RelationKind::MetWith {
                mode: MeetingMode::Phone,
            },
            RelationKind::Funded {
                amount: Some(1.0),
                currency: Some("USD".into()),
                purpose: Some("p".into()),
                status: FundingStatus::Pledged,
            },
            RelationKind::Designated {
                designation: "d".into(),
            },
            RelationKind::Agreed {
                what: "w".into(),
                status: Default::default(),
            },
            RelationKind::Praised {
                about: Some("a".into()),
            },
            RelationKind::ParticipatedIn {
                role: ParticipantRole::Lead,
                side: Some("s".into()),
            },
            RelationKind::HoldsOffice {
                office: "o".into(),
                title: "t".into(),
                until: Some(crate::model::Date::year_only(2020)),
            },
        ];
        for kind in kinds {
            for (name, _) in kind.attributes() {
                let id = format!("e_{name}");
                assert!(KEYS.iter().any(|k| k.id == id), "no key for {id}");
            }
        }
    }

    #[test]
    fn strips_characters_xml_forbids() {
        let mut out = Vec::new();
        data(&mut Writer::new(&mut out), "k", "é\u{0B}\u{1}\u{FFFE}<\t\n").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<data key=\"k\">é&lt;\t\n</data>"
        );
    }
}
