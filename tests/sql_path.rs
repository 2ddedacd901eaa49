//! The queries' SQL path (a slice of the graph read from the store through
//! its indexes) gives the same answers as the whole graph in memory, for
//! every query on every entity of the bundled data, and names resolve the
//! same way through the store's alias index.

use newsgraph::model::{MeetingMode, RelationName, RelationSet};
use newsgraph::query::{Direction, NeighborOptions, PathOptions, WhoMetOptions};
use newsgraph::store::{self, Resolved, Store};
use newsgraph::{pipeline, KnowledgeGraph, Loaded};

/// The whole graph of the bundled data, and a store written from it.
fn graph_and_store() -> (KnowledgeGraph, Store, tempfile::TempDir) {
    let dirs = ["data".into()];
    let loaded = Loaded::load("data").unwrap();
    let patterns = loaded.patterns.clone();
    let (graph, _, articles) = pipeline::build_graph_incremental(loaded, None, &|| {}).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newsgraph.sqlite");
    let inputs = store::Inputs::of(&dirs, graph.dataset(), &patterns).unwrap();
    store::write(&path, &graph, &articles, &inputs).unwrap();
    let opened = Store::open(&path).unwrap();
    assert!(opened.complete().unwrap());
    (graph, opened, dir)
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

/// Every entity-centred query, as JSON, over one graph.
fn answers(graph: &KnowledgeGraph, id: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut who = |label: &str, options: WhoMetOptions| {
        out.push((label.to_string(), json(&graph.meetings(id, &options))));
    };
    who("who-met", WhoMetOptions::default());
    who(
        "who-met --include-own-side",
        WhoMetOptions {
            include_own_side: true,
            ..Default::default()
        },
    );
    who(
        "who-met --mode phone --since 2022",
        WhoMetOptions {
            mode: Some(MeetingMode::Phone),
            since: "2022".parse().ok(),
            ..Default::default()
        },
    );
    out.push(("show".into(), json(&graph.show(id))));
    out.push(("timeline".into(), json(&graph.timeline(id))));
    let mut relation_sets = vec![RelationSet::default()];
    relation_sets.extend(RelationName::ALL.map(|r| RelationSet::of([r])));
    for relations in relation_sets {
        for direction in [Direction::Both, Direction::Out, Direction::In] {
            let options = NeighborOptions {
                relations: relations.clone(),
                depth: 1,
                direction,
            };
            let label = format!("neighbors {relations:?} {direction:?}");
            out.push((label, json(&graph.neighbors(id, &options))));
        }
    }
    out
}

#[test]
fn every_query_about_every_entity_answers_the_same_from_the_store() {
    let (graph, store, _dir) = graph_and_store();
    for id in graph.dataset().entities.keys() {
        let slice = store.slice(&[id]).unwrap();
        let whole = answers(&graph, id);
        let sliced = answers(&slice, id);
        for ((label, expected), (_, found)) in whole.iter().zip(&sliced) {
            assert_eq!(expected, found, "{label} {id}");
        }
    }
}

#[test]
fn every_path_between_two_entities_is_found_the_same_from_the_store() {
    let (graph, store, _dir) = graph_and_store();
    let ids: Vec<&String> = graph.dataset().entities.keys().collect();
    let filters = [
        RelationSet::default(),
        RelationSet::of([RelationName::MetWith, RelationName::ParticipatedIn]),
    ];
    for relations in &filters {
        for max_hops in [2, 4] {
            let options = PathOptions {
                max_hops,
                relations: relations.clone(),
                max_paths: 3,
            };
            for a in &ids {
                for b in &ids {
                    let slice = store
                        .path_slice(a, b, max_hops, &|r| relations.allows_name(r))
                        .unwrap();
                    let expected = json(&graph.paths(a, b, &options));
                    let found = json(&slice.paths(a, b, &options));
                    assert_eq!(expected, found, "path {a} {b} {options:?}");
                }
            }
        }
    }
}

#[test]
fn names_resolve_through_the_store_as_in_the_graph() {
    let (graph, store, _dir) = graph_and_store();
    let mut names: Vec<String> = Vec::new();
    for entity in graph.dataset().entities.values() {
        names.push(entity.id.clone());
        names.push(format!("  {}  ", entity.id.to_uppercase()));
        for (name, _) in entity.all_names() {
            names.push(name.to_string());
            names.push(name.to_uppercase());
            names.extend(name.split(' ').map(str::to_string));
        }
        names.extend(entity.demonyms.iter().cloned());
    }
    names.extend(["", "-", "\"", "Nobody Atall", "carlos", "holguin", "u.s."].map(String::from));
    for name in names {
        let expected = graph.resolve(&name).map(|e| e.id.clone());
        match (store.resolve(&name).unwrap(), expected) {
            (Resolved::One(id), Ok(expected)) => assert_eq!(id, expected, "{name:?}"),
            (Resolved::Ambiguous(error), Err(expected)) => assert_eq!(error, expected, "{name:?}"),
            (Resolved::Unknown, Err(newsgraph::ResolveError::Unknown { .. })) => {}
            (found, expected) => panic!("{name:?}: store {found:?}, graph {expected:?}"),
        }
    }
}

#[test]
fn search_ranks_the_stores_names_as_the_graphs() {
    use newsgraph::query::{rank, Searchable};
    use newsgraph::text::fold_name;
    let (graph, store, _dir) = graph_and_store();
    let names = store.names().unwrap();
    let texts = [
        "navy", "Mayorcas", "blinken", "ecuador", "lasso", "x", "united", "Bárcena", "",
    ];
    for text in texts {
        let entities = names.iter().map(|e| Searchable {
            id: &e.id,
            name: &e.name,
            kind: e.kind,
            names: std::iter::once((e.id.as_str(), fold_name(&e.id).into()))
                .chain(e.names.iter().map(|(n, f)| (n.as_str(), f.as_str().into())))
                .collect(),
        });
        assert_eq!(rank(text, 10, entities), graph.search(text, 10), "{text}");
        // The name list `search` reads gives the same hits.
        let listed = pipeline::search_store(&store, text, 10).unwrap().unwrap();
        assert_eq!(listed, graph.search(text, 10), "{text}");
    }
}
