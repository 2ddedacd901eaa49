//! One answer everywhere (issue #14): `who-met`, `show`, the JSON export, the
//! page's data (which its Meetings panel reads) and the focus pictures all
//! count a person's meetings with the same call, [`KnowledgeGraph::meetings`],
//! so their numbers agree for every person.

use std::collections::BTreeSet;

use newsgraph::export::{self, View};
use newsgraph::query::{MeetingCount, WhoMetOptions};
use newsgraph::{pipeline, EntityKind, KnowledgeGraph, Loaded};

fn graph() -> KnowledgeGraph {
    let loaded = Loaded::load("data").expect("the bundled data loads");
    pipeline::build_graph(loaded, &|| {})
        .expect("the articles are read")
        .0
}

/// The JSON the page reads (`<script type="application/json" id="graph-data">`).
fn page_data(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"graph-data\">";
    let start = html.find(open).expect("the page has its data block") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("the data block is JSON")
}

#[test]
fn who_met_show_page_and_focus_picture_agree_for_every_person() {
    let graph = graph();
    let json = export::to_cytoscape(&View::all(&graph));
    let nodes = json["elements"]["nodes"].as_array().unwrap();
    let html = export::to_html(&View::all(&graph), "", "newsgraph");
    let page = page_data(&html);
    let page_nodes = page["nodes"].as_array().unwrap();
    for person in graph.dataset().entities_of_kind(EntityKind::Person) {
        let id = person.id.as_str();
        let meetings = graph.meetings(id, &WhoMetOptions::default());
        let counterparts: BTreeSet<&str> = meetings.counterparts().into_iter().collect();
        let counts = MeetingCount::of(&meetings);
        // who-met prints these rows; show prints these numbers.
        assert_eq!(graph.who_met(id), meetings.encounters, "{id}: who_met");
        assert_eq!(graph.show(id).unwrap().meetings, counts, "{id}: show");
        // The page's data.
        let node = nodes.iter().find(|n| n["data"]["id"] == id).unwrap();
        let data = &node["data"]["meetings"];
        if counts.encounters == 0 && counts.own_side_left_out == 0 {
            assert!(data.is_null(), "{id}: page has meetings it should not");
        } else {
            assert_eq!(data["encounters"], counts.encounters, "{id}: page");
            assert_eq!(data["counterparts"], counts.counterparts, "{id}: page");
            assert_eq!(data["own_side_left_out"], counts.own_side_left_out);
            assert_eq!(
                data["rows"],
                serde_json::to_value(&meetings.encounters).unwrap(),
                "{id}: JSON rows"
            );
        }
        // The page's side panel heads its list "Meetings (N)" with N read
        // from the data embedded in the page, and lists its rows (the
        // browser check, .ci/check_page.py, reads the panel itself).
        let in_page = page_nodes.iter().find(|n| n["id"] == id).unwrap();
        assert_eq!(in_page["meetings"], *data, "{id}: the page's data");
        // The focus picture draws every counterpart, and a meeting line to
        // no one else.
        let view = View::focus(&graph, id, 1);
        let drawn: BTreeSet<&str> = view.entities().iter().map(|e| e.id.as_str()).collect();
        assert!(
            counterparts.is_subset(&drawn),
            "{id}: focus misses a counterpart"
        );
        for fact in view.facts() {
            if fact.fact.relation.name() == "met_with" && (fact.from.id == id || fact.to.id == id) {
                let other = fact.other(id).id.as_str();
                assert!(counterparts.contains(other), "{id}: focus draws {other}");
            }
        }
        let dot = export::view_to_dot(&view);
        for counterpart in &counterparts {
            assert!(
                dot.contains(&format!("\"{counterpart}\"")),
                "{id}: dot lacks {counterpart}"
            );
        }
    }
}

#[test]
fn who_met_leaves_out_the_own_side_and_counts_it() {
    let graph = graph();
    let holguin = graph.meetings("juan-carlos-holguin", &WhoMetOptions::default());
    let ids = holguin.counterparts();
    assert!(ids.contains(&"antony-blinken"));
    // His own ambassador and vice minister sat on Ecuador's side.
    assert!(!ids.contains(&"ivonne-a-baki") && !ids.contains(&"luis-vayas"));
    assert_eq!(holguin.own_side_left_out, 2);
    let all = WhoMetOptions {
        include_own_side: true,
        ..Default::default()
    };
    let everyone = graph.meetings("juan-carlos-holguin", &all);
    assert!(everyone.counterparts().contains(&"luis-vayas"));
    assert_eq!(everyone.own_side_left_out, 0);
    let blinken = MeetingCount::of(&graph.meetings("antony-blinken", &WhoMetOptions::default()));
    assert_eq!((blinken.encounters, blinken.counterparts), (10, 9));
}
