//! Reads the GraphML export back with a real XML parser.

use std::collections::{BTreeMap, BTreeSet};

use newsgraph::{export, Dataset, KnowledgeGraph};
use quick_xml::events::Event;
use quick_xml::Reader;

struct Parsed {
    keys: BTreeMap<String, (String, String, String)>, // id -> (for, name, type)
    nodes: Vec<String>,
    edges: Vec<(String, String, BTreeMap<String, String>)>,
    used_keys: BTreeSet<String>,
}

fn parse(xml: &str) -> Parsed {
    let mut reader = Reader::from_str(xml);
    let mut parsed = Parsed {
        keys: BTreeMap::new(),
        nodes: Vec::new(),
        edges: Vec::new(),
        used_keys: BTreeSet::new(),
    };
    let mut current_key: Option<String> = None;
    let mut in_edge = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| {
                    e.attributes()
                        .map(|a| a.unwrap())
                        .find(|a| a.key.as_ref() == name.as_bytes())
                        .map(|a| a.unescape_value().unwrap().to_string())
                        .unwrap_or_default()
                };
                match e.name().as_ref() {
                    b"key" => {
                        parsed.keys.insert(
                            attr("id"),
                            (attr("for"), attr("attr.name"), attr("attr.type")),
                        );
                    }
                    b"node" => {
                        parsed.nodes.push(attr("id"));
                        in_edge = false;
                    }
                    b"edge" => {
                        parsed
                            .edges
                            .push((attr("source"), attr("target"), BTreeMap::new()));
                        in_edge = true;
                    }
                    b"data" => current_key = Some(attr("key")),
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(key) = current_key.take() {
                    parsed.used_keys.insert(key.clone());
                    if in_edge {
                        let value = t.decode().unwrap().to_string();
                        parsed.edges.last_mut().unwrap().2.insert(key, value);
                    }
                }
            }
            Event::GeneralRef(_) => {}
            _ => {}
        }
    }
    parsed
}

#[test]
fn graphml_declares_typed_keys_and_keeps_every_node_and_edge() {
    let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
    let xml = export::to_graphml(&graph);
    let parsed = parse(&xml);

    assert_eq!(parsed.nodes.len(), graph.dataset().entities.len());
    let ids: Vec<&String> = graph.dataset().entities.keys().collect();
    assert_eq!(
        parsed.nodes.iter().collect::<Vec<_>>(),
        ids,
        "entity ids as node ids, in order"
    );
    assert_eq!(parsed.edges.len(), graph.petgraph().edge_count());

    for key in &parsed.used_keys {
        assert!(
            parsed.keys.contains_key(key),
            "data uses undeclared key {key}"
        );
    }
    for (id, (on, name, ty)) in &parsed.keys {
        assert!(on == "node" || on == "edge", "{id}");
        assert!(
            ["string", "double", "boolean"].contains(&ty.as_str()),
            "{id}: {ty}"
        );
        assert!(!name.is_empty());
    }
    assert_eq!(parsed.keys["e_amount"].2, "double");

    let funding: Vec<_> = parsed
        .edges
        .iter()
        .filter(|e| e.2.get("e_relation").map(String::as_str) == Some("funded"))
        .collect();
    let amounts: BTreeSet<&str> = funding.iter().map(|e| e.2["e_amount"].as_str()).collect();
    assert_eq!(amounts, BTreeSet::from(["13500000", "6000000"]));
    for (_, _, data) in &parsed.edges {
        assert!(data.contains_key("e_relation"));
        if data["e_relation"] != "part_of" {
            // Only structure (part_of) and tenures of unknown start lack a date.
            let undated_tenure = data["e_relation"] == "holds_office"
                && data["e_office"] == "ecuador-vice-minister-human-mobility";
            assert!(data.contains_key("e_date") || undated_tenure, "{data:?}");
            assert!(data.contains_key("e_sources"), "{data:?}");
        }
    }
}

#[test]
fn graphml_is_the_same_bytes_every_time() {
    let a = export::to_graphml(&KnowledgeGraph::build(Dataset::load("data").unwrap()));
    let b = export::to_graphml(&KnowledgeGraph::build(Dataset::load("data").unwrap()));
    assert_eq!(a, b);
}
