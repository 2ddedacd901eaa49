//! The interactive page: one self-contained HTML file with the Graphviz
//! picture (SVG embedded), a search box, filters and a side panel.
//!
//! The page loads nothing from the network. Its script (`page/page.js`) is the
//! project's own and reads the graph from a JSON block in the page.

use serde_json::{json, Map, Value};

use super::json::{edge_data, node_data};
use super::view::View;

const TEMPLATE: &str = include_str!("page/page.html");
const CSS: &str = include_str!("page/page.css");
const SCRIPT: &str = include_str!("page/page.js");

/// The page for a view, around an SVG rendering of the same view.
pub fn to_html(view: &View<'_>, svg: &str, title: &str) -> String {
    let graph = view.graph();
    let nodes: Vec<Map<String, Value>> = view
        .entities()
        .into_iter()
        .map(|e| node_data(graph, e))
        .collect();
    let edges: Vec<Map<String, Value>> = view.facts().iter().map(edge_data).collect();
    let sources: Map<String, Value> = graph
        .dataset()
        .sources
        .values()
        .map(|s| {
            let label = match &s.outlet {
                Some(outlet) => format!("{outlet}: {}", s.title),
                None => s.title.clone(),
            };
            (s.id.clone(), json!(label))
        })
        .collect();
    let data = json!({ "nodes": nodes, "edges": edges, "sources": sources });
    // Inside <script>, "</" would end the element early.
    let data = serde_json::to_string(&data)
        .expect("JSON values serialise")
        .replace("</", "<\\/");
    let svg = svg_element(svg);
    let title = escape(title);
    TEMPLATE
        .replace("__CSS__", CSS.trim_end())
        .replace("__JS__", SCRIPT.trim_end())
        .replace("__TITLE__", &title)
        .replace("__SVG__", svg.trim_end())
        .replace("__DATA__", &data)
}

/// The `<svg>` element of a Graphviz SVG file, without the XML prolog and doctype.
fn svg_element(svg: &str) -> &str {
    svg.find("<svg").map_or(svg, |start| &svg[start..])
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
