//! RDF export as N-Triples: every entity and every fact, each fact both as a
//! plain triple (`<antony-blinken> ng:met_with <guillermo-lasso>`) and as a
//! reified statement that carries its date, attributes, origin, sources and
//! evidence.
//!
//! ```text
//! <urn:newsgraph:entity:antony-blinken> <urn:newsgraph:vocab:met_with> <urn:newsgraph:entity:guillermo-lasso> .
//! <urn:newsgraph:fact:ng-met-with-d448…> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <urn:newsgraph:entity:antony-blinken> .
//! <urn:newsgraph:fact:ng-met-with-d448…> <urn:newsgraph:vocab:date> "2021-10"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .
//! ```
//!
//! Dates are typed at their precision: `xsd:date` for a day, `xsd:gYearMonth`
//! for a month and `xsd:gYear` for a year, never a month written as an
//! invalid `xsd:date`. Amounts are `xsd:decimal`. Entities are
//! `urn:newsgraph:entity:ID`, sources `urn:newsgraph:source:ID`, facts
//! `urn:newsgraph:fact:` and the id the FollowTheMoney export gives them
//! (stable across builds), terms `urn:newsgraph:vocab:NAME`. Ids are
//! percent-encoded in IRIs; literals are escaped as N-Triples requires, and
//! control characters are dropped as in every export.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::clean::without_controls;
use super::ftm::fact_id;
use super::view::View;
use crate::graph::FactRef;
use crate::model::{AttributeValue, Date, Entity, Precision, Source};

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// The namespace of newsgraph's own terms.
pub const VOCAB: &str = "urn:newsgraph:vocab:";

/// An IRI, with its `<>` already written.
struct Iri(String);

/// `urn:newsgraph:KIND:ID` with the id percent-encoded.
fn iri(kind: &str, id: &str) -> Iri {
    let mut out = format!("<urn:newsgraph:{kind}:");
    for byte in without_controls(id).bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out.push('>');
    Iri(out)
}

fn term(name: &str) -> Iri {
    iri("vocab", name)
}

fn entity_iri(entity: &Entity) -> Iri {
    iri("entity", &entity.id)
}

/// A string literal, escaped as N-Triples requires.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in without_controls(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Line separators are legal but break line-oriented tools.
            '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn typed(lexical: &str, datatype: &str) -> String {
    format!("{}^^<{XSD}{datatype}>", literal(lexical))
}

/// A date typed at its precision: `xsd:date`, `xsd:gYearMonth` or `xsd:gYear`.
pub fn date_literal(date: Date) -> String {
    let datatype = match date.precision() {
        Precision::Day => "date",
        Precision::Month => "gYearMonth",
        Precision::Year => "gYear",
    };
    typed(&date.to_string(), datatype)
}

struct Triples<'w> {
    out: &'w mut dyn Write,
}

impl Triples<'_> {
    fn put(&mut self, subject: &Iri, predicate: &str, object: &str) -> io::Result<()> {
        writeln!(self.out, "{} <{predicate}> {object} .", subject.0)
    }

    fn put_term(&mut self, subject: &Iri, name: &str, object: &str) -> io::Result<()> {
        writeln!(self.out, "{} {} {object} .", subject.0, term(name).0)
    }
}

/// Writes the view as N-Triples (see the module documentation).
///
/// ```
/// use newsgraph::{export, Dataset, KnowledgeGraph};
///
/// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
/// let mut out = Vec::new();
/// export::write_ntriples(&export::View::all(&graph), &mut out).unwrap();
/// let nt = String::from_utf8(out).unwrap();
/// assert!(nt.contains("\"2021-10\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>"));
/// ```
pub fn write_ntriples(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut t = Triples { out };
    let dataset = view.graph().dataset();
    for entity in view.entities() {
        write_entity(&mut t, entity)?;
    }
    for source in dataset.sources.values() {
        write_source(&mut t, source)?;
    }
    for fact in view.facts() {
        write_fact(&mut t, &fact)?;
    }
    Ok(())
}

/// The text of [`write_ntriples`].
pub fn view_to_ntriples(view: &View<'_>) -> String {
    let mut out = Vec::new();
    write_ntriples(view, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("N-Triples is UTF-8")
}

fn class_name(entity: &Entity) -> String {
    let kind = entity.kind.as_str();
    kind[..1].to_uppercase() + &kind[1..]
}

fn write_entity(t: &mut Triples<'_>, entity: &Entity) -> io::Result<()> {
    let me = entity_iri(entity);
    t.put(&me, RDF_TYPE, &term(&class_name(entity)).0)?;
    t.put(&me, RDFS_LABEL, &literal(&entity.name))?;
    for alias in &entity.aliases {
        t.put_term(&me, "alias", &literal(alias))?;
    }
    for alias in &entity.weak_aliases {
        t.put_term(&me, "weak_alias", &literal(alias))?;
    }
    for demonym in &entity.demonyms {
        t.put_term(&me, "demonym", &literal(demonym))?;
    }
    if let Some(country) = &entity.country {
        t.put_term(&me, "country", &iri("entity", country).0)?;
    }
    if let Some(parent) = &entity.parent {
        t.put_term(&me, "parent", &iri("entity", parent).0)?;
    }
    if let Some(category) = &entity.category {
        t.put_term(&me, "category", &literal(category))?;
    }
    if let Some(description) = &entity.description {
        t.put_term(&me, "description", &literal(description))?;
    }
    if let Some(event) = &entity.event {
        t.put_term(&me, "date", &date_literal(event.date))?;
        t.put_term(&me, "event_type", &literal(event.event_type.as_str()))?;
        t.put_term(&me, "event_status", &literal(event.status.as_str()))?;
        if event.event_type.is_encounter() {
            t.put_term(&me, "mode", &literal(event.effective_mode().as_str()))?;
        }
        if let Some(place) = &event.place {
            t.put_term(&me, "place", &iri("entity", place).0)?;
        }
        for source in &event.sources {
            t.put_term(&me, "source", &iri("source", source).0)?;
        }
    }
    Ok(())
}

fn write_source(t: &mut Triples<'_>, source: &Source) -> io::Result<()> {
    let me = iri("source", &source.id);
    t.put(&me, RDF_TYPE, &term("Source").0)?;
    t.put(&me, RDFS_LABEL, &literal(&source.title))?;
    if let Some(outlet) = &source.outlet {
        t.put_term(&me, "outlet", &literal(outlet))?;
    }
    if let Some(url) = &source.url {
        t.put_term(&me, "url", &typed(url, "anyURI"))?;
    }
    if let Some(file) = &source.file {
        t.put_term(&me, "file", &literal(file))?;
    }
    if let Some(published) = source.published {
        t.put_term(&me, "published", &date_literal(published))?;
    }
    if let Some(note) = &source.note {
        t.put_term(&me, "note", &literal(note))?;
    }
    Ok(())
}

fn write_fact(t: &mut Triples<'_>, fact: &FactRef<'_>) -> io::Result<()> {
    let relation = term(fact.fact.relation.name());
    let from = entity_iri(fact.from);
    let to = entity_iri(fact.to);
    t.put(&from, &relation.0[1..relation.0.len() - 1], &to.0)?;
    let me = iri("fact", &fact_id(fact));
    t.put(&me, RDF_TYPE, &format!("<{RDF}Statement>"))?;
    t.put(&me, &format!("{RDF}subject"), &from.0)?;
    t.put(&me, &format!("{RDF}predicate"), &relation.0)?;
    t.put(&me, &format!("{RDF}object"), &to.0)?;
    if let Some(date) = fact.fact.date {
        t.put_term(&me, "date", &date_literal(date))?;
    }
    for (name, value) in fact.fact.relation.attributes() {
        let object = match value {
            AttributeValue::Number(n) if n.is_finite() => typed(&n.to_string(), "decimal"),
            AttributeValue::Number(_) => continue,
            AttributeValue::Text(text) => match name {
                "until" => text
                    .parse::<Date>()
                    .map(date_literal)
                    .unwrap_or_else(|_| literal(&text)),
                "office" | "side" => {
                    iri(if name == "office" { "office" } else { "entity" }, &text).0
                }
                _ => literal(&text),
            },
        };
        t.put_term(&me, name, &object)?;
    }
    t.put_term(&me, "origin", &literal(fact.fact.origin.as_str()))?;
    if let Some(event) = &fact.fact.event {
        t.put_term(&me, "event", &iri("entity", event).0)?;
    }
    for source in fact.fact.sources() {
        t.put_term(&me, "source", &iri("source", source).0)?;
    }
    for evidence in &fact.fact.evidence {
        if let Some(text) = &evidence.text {
            t.put_term(&me, "evidence", &literal(text))?;
        }
    }
    if let Some(note) = &fact.fact.note {
        t.put_term(&me, "note", &literal(note))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_typed_at_their_precision() {
        let cases = [
            ("2021", "\"2021\"^^<http://www.w3.org/2001/XMLSchema#gYear>"),
            (
                "2021-10",
                "\"2021-10\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>",
            ),
            (
                "2021-10-05",
                "\"2021-10-05\"^^<http://www.w3.org/2001/XMLSchema#date>",
            ),
        ];
        for (date, expected) in cases {
            assert_eq!(date_literal(date.parse().unwrap()), expected);
        }
    }

    #[test]
    fn literals_and_iris_are_escaped() {
        assert_eq!(
            literal("a \"q\" \\ b\nc\r\td\u{1}\u{2028}é"),
            r#""a \"q\" \\ b\nc\r\td\u2028é""#
        );
        assert_eq!(
            iri("entity", "a b>c<é\u{1}").0,
            "<urn:newsgraph:entity:a%20b%3Ec%3C%C3%A9>"
        );
        assert_eq!(
            iri("entity", "antony-blinken").0,
            "<urn:newsgraph:entity:antony-blinken>"
        );
    }
}
