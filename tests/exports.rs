//! Every export read back and compared with the graph.

use std::collections::BTreeMap;
use std::path::Path;

use newsgraph::export::{self, View};
use newsgraph::{pipeline, KnowledgeGraph, Loaded};

fn graph() -> KnowledgeGraph {
    pipeline::build_graph(Loaded::load("data").unwrap(), &|| {})
        .unwrap()
        .0
}

#[test]
fn cytoscape_json_keeps_every_node_edge_and_attribute() {
    let graph = graph();
    let value = export::to_cytoscape(&View::all(&graph));
    let nodes = value["elements"]["nodes"].as_array().unwrap();
    let edges = value["elements"]["edges"].as_array().unwrap();
    assert_eq!(nodes.len(), graph.dataset().entities.len());
    assert_eq!(edges.len(), graph.petgraph().edge_count());
    for (node, entity) in nodes.iter().zip(graph.dataset().entities.values()) {
        assert_eq!(node["data"]["id"], entity.id.as_str());
        assert_eq!(node["data"]["label"], entity.name.as_str());
        assert_eq!(
            node["data"]["aliases"].as_array().unwrap().len(),
            entity.aliases.len()
        );
    }
    for (edge, fact) in edges.iter().zip(graph.facts()) {
        let data = &edge["data"];
        assert_eq!(data["source"], fact.from.id.as_str());
        assert_eq!(data["target"], fact.to.id.as_str());
        assert_eq!(data["relation"], fact.fact.relation.name());
        for (name, value) in fact.fact.relation.attributes() {
            assert_eq!(
                data[name],
                serde_json::to_value(value).unwrap(),
                "{name} of {data}"
            );
        }
        assert_eq!(
            data["evidence"].as_array().unwrap().len(),
            fact.fact.evidence.len()
        );
    }
    let funded: Vec<f64> = edges
        .iter()
        .filter(|e| e["data"]["relation"] == "funded")
        .map(|e| e["data"]["amount"].as_f64().unwrap())
        .collect();
    assert_eq!(funded, [13_500_000.0, 6_000_000.0]);
}

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_files_follow_neo4j_and_gephi_conventions() {
    let graph = graph();
    let files: BTreeMap<&str, Vec<u8>> = export::to_csv_files(&View::all(&graph))
        .unwrap()
        .into_iter()
        .collect();
    let (header, nodes) = read_csv(&files["nodes.csv"]);
    assert_eq!(&header[..3], ["id:ID", "name", ":LABEL"]);
    assert_eq!(nodes.len(), graph.dataset().entities.len());
    assert_eq!(nodes[0]["id:ID"], graph.dataset().entities[0].id);
    let (header, edges) = read_csv(&files["edges.csv"]);
    assert_eq!(&header[..3], [":START_ID", ":END_ID", ":TYPE"]);
    assert!(header.contains(&"amount:double".to_string()));
    assert_eq!(edges.len(), graph.petgraph().edge_count());
    let funding: Vec<&BTreeMap<String, String>> =
        edges.iter().filter(|e| e[":TYPE"] == "FUNDED").collect();
    assert_eq!(funding.len(), 2);
    assert_eq!(
        funding[0]["amount:double"].parse::<f64>().unwrap(),
        13_500_000.0
    );
    // Every edge's ends are nodes.
    let ids: Vec<&String> = nodes.iter().map(|n| &n["id:ID"]).collect();
    assert!(edges
        .iter()
        .all(|e| ids.contains(&&e[":START_ID"]) && ids.contains(&&e[":END_ID"])));

    let (header, gephi_nodes) = read_csv(&files["gephi-nodes.csv"]);
    assert_eq!(&header[..2], ["Id", "Label"]);
    assert_eq!(gephi_nodes.len(), nodes.len());
    let (header, gephi_edges) = read_csv(&files["gephi-edges.csv"]);
    assert_eq!(&header[..3], ["Source", "Target", "Type"]);
    assert!(header.contains(&"Time Interval".to_string()));
    let meeting = gephi_edges
        .iter()
        .find(|e| e["Relation"] == "met_with" && e["Date"] == "2022-01-28")
        .unwrap();
    assert_eq!(meeting["Type"], "Undirected");
    assert_eq!(meeting["Time Interval"], "<[2022-01-28, 2022-01-28]>");
}

#[test]
fn the_page_is_self_contained() {
    let graph = graph();
    let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><g id=\"n-antony-blinken\" class=\"node\"><ellipse cx=\"50\" cy=\"-30\" rx=\"40\" ry=\"18\"/></g></svg>";
    let html = export::to_html(&View::all(&graph), svg, "newsgraph");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<svg"),
        "the graph is drawn by the page, not embedded"
    );
    assert!(!html.contains("<?xml"));
    let library = include_str!("../src/export/page/vendor/cytoscape.min.js").trim_end();
    assert!(html.contains(library), "Cytoscape.js is inlined");
    // The page's own markup and script load nothing (the library's licence
    // comment names web addresses; tests/export_safety.rs checks that the
    // library itself reaches for nothing).
    let own = html.replace(library, "");
    for remote in ["http://", "https://", "src=\"", "<link", "@import", "url("] {
        assert!(
            !own.contains(remote),
            "the page loads nothing from outside ({remote})"
        );
    }
    let start = html
        .find("<script type=\"application/json\" id=\"graph-data\">")
        .unwrap();
    let json = &html[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        data["nodes"].as_array().unwrap().len(),
        graph.dataset().entities.len()
    );
    assert_eq!(
        data["edges"].as_array().unwrap().len(),
        graph.petgraph().edge_count()
    );
    // Graphviz's positions, for the page to open as the picture is laid out.
    assert_eq!(
        data["positions"],
        serde_json::json!({ "antony-blinken": [50.0, -30.0, 80.0, 36.0] })
    );
    assert_eq!(data["style"]["kinds"]["person"]["shape"], "ellipse");
    // The same input gives the same page: no time, no random id.
    assert_eq!(html, export::to_html(&View::all(&graph), svg, "newsgraph"));
}

#[test]
fn every_person_with_three_relations_gets_a_focused_picture() {
    let graph = graph();
    let people = pipeline::focus_people(&graph);
    assert!(people.contains(&"antony-blinken".to_string()));
    assert!(
        !people.contains(&"joe-biden".to_string()),
        "Biden has no relation besides his office"
    );
    for person in &people {
        assert!(
            Path::new("graphs/focus")
                .join(format!("{person}.dot"))
                .exists(),
            "{person}"
        );
    }
}

/// The DOT statements of `dot` that draw a line: (from, to, attributes).
fn dot_edges(dot: &str) -> Vec<(String, String, String)> {
    dot.lines()
        .filter_map(|line| {
            let line = line.trim();
            let (ends, attributes) = line.split_once(" [")?;
            let (from, to) = ends.split_once(" -> ")?;
            Some((
                from.trim_matches('"').to_string(),
                to.trim_matches('"').to_string(),
                attributes.to_string(),
            ))
        })
        .collect()
}

#[test]
fn the_whole_picture_leaves_out_offices_and_lonely_entities_and_says_so() {
    let graph = graph();
    let dot = export::to_dot(&graph);
    let edges = dot_edges(&dot);
    let office_color = "color=\"#6b7280\"";
    assert!(
        !edges
            .iter()
            .any(|(f, _, a)| a.contains(office_color) && !f.starts_with("newsgraph-legend")),
        "no office line in the whole picture"
    );
    // Every entity drawn has a line; those without one are counted in the legend.
    for entity in graph.dataset().entities.values() {
        let node = format!("\"{}\"[", entity.id);
        if dot.contains(&node) {
            assert!(
                edges
                    .iter()
                    .any(|(f, t, _)| *f == entity.id || *t == entity.id),
                "{} is drawn without a line",
                entity.id
            );
        }
    }
    assert!(!dot.contains("\"galapagos-islands\"["));
    assert!(
        dot.contains("Not drawn: "),
        "the legend says what is left out"
    );
    assert!(dot.contains("entities with no line drawn left out"));
    // Labels go into tooltips: no line of an entity carries one.
    for (from, _, attributes) in &edges {
        if !from.starts_with("newsgraph-legend") {
            assert!(attributes.contains("label=\"\""), "{attributes}");
            assert!(attributes.contains("tooltip=\""), "{attributes}");
        }
    }
    // A focused picture keeps its labels and offices.
    let focus = export::view_to_dot(&View::focus(&graph, "antony-blinken", 1));
    assert!(focus.contains("label=\"holds office: U.S. Secretary of State\\n2021-01-26\""));
}

#[test]
fn relations_look_different_and_the_legend_draws_the_pictures_shapes() {
    let style = newsgraph::export::Style::builtin();
    let looks: Vec<(&String, Vec<(&String, &String)>)> = style
        .relations
        .iter()
        .map(|(name, attributes)| {
            let mut look: Vec<(&String, &String)> = attributes
                .iter()
                .filter(|(k, _)| ["color", "style", "arrowhead"].contains(&k.as_str()))
                .collect();
            look.sort();
            (name, look)
        })
        .collect();
    for (i, (a, look_a)) in looks.iter().enumerate() {
        for (b, look_b) in &looks[i + 1..] {
            assert_ne!(look_a, look_b, "{a} and {b} look the same");
        }
    }
    for relation in ["praised", "thanked", "congratulated"] {
        assert!(
            style.page.relations.contains_key(relation),
            "{relation} on the page"
        );
    }
    let graph = graph();
    let dot = export::to_dot(&graph);
    for (kind, attributes) in &style.kinds {
        let shape = &attributes["shape"];
        let legend = format!("\"newsgraph-legend-{kind}\"[shape=\"{shape}\"");
        assert!(
            dot.contains(&legend),
            "the legend draws {kind} as a {shape}"
        );
    }
    let mut lines = 0;
    for (from, to, attributes) in dot_edges(&dot) {
        if attributes.contains("style=\"invis\"") {
            continue; // the legend's layout
        }
        if let Some(relation) = from.strip_prefix("newsgraph-legend-") {
            lines += 1;
            assert_eq!(to, format!("{from}-end"));
            let color = &style.relations[relation]["color"];
            assert!(attributes.contains(&format!("color=\"{color}\"")));
        }
    }
    assert!(
        lines >= 9,
        "a legend line for each relation drawn ({lines})"
    );
}

#[test]
fn a_countrys_cluster_is_drawn_without_its_government() {
    // Blinken has no fact with Mexico itself, only with its officials.
    let graph = graph();
    let focus = export::view_to_dot(&View::focus(&graph, "antony-blinken", 1));
    assert!(!focus.contains("\"mexico\"["));
    let cluster = focus
        .split("subgraph \"cluster_mexico\" {")
        .nth(1)
        .expect("a cluster for Mexico");
    let cluster = &cluster[..cluster.find('}').unwrap()];
    assert!(cluster.contains("label=\"Mexico\""));
    assert!(cluster.contains("\"alicia-barcena\"["), "{cluster}");
    assert!(focus.contains("subgraph \"cluster_ecuador\" {"));
}

#[test]
fn a_focus_picture_is_laid_out_again_only_when_its_dot_text_changed() {
    if std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_err()
    {
        return; // Without Graphviz no picture is drawn.
    }
    let graph = graph();
    let dir = tempfile::tempdir().unwrap();
    pipeline::write_exports(&graph, dir.path()).unwrap();
    let focus = dir.path().join("focus");
    let svg = focus.join("antony-blinken.svg");
    let drawn = std::fs::read(&svg).unwrap();
    // The same DOT text: the picture beside it is kept as it is.
    let marked = b"<svg><!-- drawn before --></svg>".to_vec();
    std::fs::write(&svg, &marked).unwrap();
    pipeline::write_exports(&graph, dir.path()).unwrap();
    assert_eq!(std::fs::read(&svg).unwrap(), marked);
    // Another DOT text: laid out again.
    let dot = focus.join("antony-blinken.dot");
    let text = std::fs::read_to_string(&dot).unwrap();
    std::fs::write(&dot, format!("{text}\n")).unwrap();
    pipeline::write_exports(&graph, dir.path()).unwrap();
    assert_eq!(std::fs::read(&svg).unwrap(), drawn);
}
