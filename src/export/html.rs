//! The interactive page: one self-contained HTML file that draws the graph
//! with Cytoscape.js, with search, filters (kinds, relations, a time slider)
//! and a side panel of each entity's facts and their evidence.
//!
//! The page loads nothing from the network. Two scripts run in it: the
//! vendored Cytoscape.js (`page/vendor/cytoscape.min.js`, MIT licence, see
//! `page/vendor/README.md`) and the project's own `page/page.js`, which reads
//! the graph from a JSON block in the page.
//!
//! No text from the data can become markup or script: the template's
//! placeholders are filled in one pass (an article quoting `__DATA__` stays
//! text), the JSON block escapes `<`, `>`, `&` and U+2028/U+2029 as `\u003c`…,
//! and the page script inserts text with `textContent` only. Of a Graphviz
//! picture only the nodes' positions are kept (numbers; see `positions.rs`),
//! and of the style only the Cytoscape properties that draw.

use serde_json::{json, Map, Value};

use super::clean::{without_controls, write_json};
use super::json::{edge_data, node_data};
use super::positions::node_positions;
use super::view::View;
use crate::model::{Attributes, PageStyle, Style};

const TEMPLATE: &str = include_str!("page/page.html");
const CSS: &str = include_str!("page/page.css");
const SCRIPT: &str = include_str!("page/page.js");
/// Cytoscape.js, minified as published on npm (see `page/vendor/README.md`).
const CYTOSCAPE: &str = include_str!("page/vendor/cytoscape.min.js");

/// The Cytoscape.js style properties a style file may set for the page: they
/// draw shapes, colours and lines, and none of them can load a file (no
/// `background-image`, no `font-family` pointing at a web font).
const PAGE_PROPERTIES: &[&str] = &[
    "shape",
    "background-color",
    "background-opacity",
    "border-color",
    "border-style",
    "border-width",
    "color",
    "font-size",
    "font-weight",
    "width",
    "height",
    "line-color",
    "line-style",
    "line-dash-pattern",
    "target-arrow-shape",
    "target-arrow-fill",
    "source-arrow-shape",
    "source-arrow-fill",
    "arrow-scale",
    "curve-style",
    "opacity",
];

/// The page for a view. `svg` is Graphviz's picture of the same view: the
/// page opens with its nodes where Graphviz put them. Give `""` for a page
/// that lays itself out by force (Cytoscape's `cose`).
///
/// ```
/// use newsgraph::{export, Dataset, KnowledgeGraph};
///
/// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
/// let page = export::to_html(&export::View::all(&graph), "", "newsgraph");
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("id=\"graph-data\""));
/// ```
pub fn to_html(view: &View<'_>, svg: &str, title: &str) -> String {
    let graph = view.graph();
    let entities = view.entities();
    let nodes: Vec<Map<String, Value>> = entities.iter().map(|e| node_data(graph, e)).collect();
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
    // Positions of the entities in view only: [x, y, width, height] in points.
    let mut placed = node_positions(svg);
    let positions: Map<String, Value> = entities
        .iter()
        .filter_map(|e| {
            let p = placed.remove(&e.id)?;
            Some((e.id.clone(), json!([p.x, p.y, p.width, p.height])))
        })
        .collect();
    // A style file written before the page had its section draws the page
    // with the bundled one.
    let builtin;
    let style = if graph.style().page == PageStyle::default() {
        builtin = Style::builtin().page;
        &builtin
    } else {
        &graph.style().page
    };
    // The whole graph opens with the relations its picture leaves out
    // unticked (offices, parents), as the picture does; a ticked box shows them.
    let unticked: &[String] = if view.is_whole() {
        &graph.style().overview.hidden_relations
    } else {
        &[]
    };
    let page_style = json!({
        "kinds": drawing_properties(&style.kinds),
        "relations": drawing_properties(&style.relations),
        "unticked": unticked,
    });
    let data = json!({
        "nodes": nodes,
        "edges": edges,
        "sources": sources,
        "positions": positions,
        "style": page_style,
    });
    let mut json = Vec::new();
    // `<`, `>` and `&` written as \u003c…: the JSON cannot end the element
    // (`</script>`) or change how it is read (`<!--`, `<script`).
    write_json(&mut json, &data, true).expect("writing to a Vec cannot fail");
    let data = String::from_utf8(json).expect("JSON is UTF-8");
    let title = escape(title);
    fill(TEMPLATE, |name| match name {
        "CSS" => Some(CSS.trim_end()),
        "LIBRARY" => Some(CYTOSCAPE.trim_end()),
        "JS" => Some(SCRIPT.trim_end()),
        "TITLE" => Some(&title),
        "DATA" => Some(&data),
        _ => None,
    })
}

/// The style's properties that [`PAGE_PROPERTIES`] allows, with values that
/// name no file (`url(`) and carry no control character.
fn drawing_properties(styles: &indexmap::IndexMap<String, Attributes>) -> Map<String, Value> {
    styles
        .iter()
        .map(|(name, properties)| {
            let kept: Map<String, Value> = properties
                .iter()
                .filter(|(key, value)| {
                    PAGE_PROPERTIES.contains(&key.as_str())
                        && !value.to_ascii_lowercase().contains("url(")
                })
                .map(|(key, value)| (key.clone(), json!(without_controls(value))))
                .collect();
            (name.clone(), Value::Object(kept))
        })
        .collect()
}

/// The template with each `__NAME__` placeholder replaced by `value(NAME)`, in
/// one pass over the template: inserted text is never searched for
/// placeholders, whatever it contains.
fn fill<'a>(template: &str, value: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find("__") {
        let after = &rest[at + 2..];
        let len = after.bytes().take_while(u8::is_ascii_uppercase).count();
        let inserted = after[len..]
            .starts_with("__")
            .then(|| value(&after[..len]))
            .flatten();
        match inserted {
            Some(text) => {
                out.push_str(&rest[..at]);
                out.push_str(text);
                rest = &after[len + 2..];
            }
            None => {
                out.push_str(&rest[..at + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape(text: &str) -> String {
    without_controls(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_placeholder_once() {
        let page = fill("<t>__A__</t>__B____A__ __C__ _ __ x__", |name| match name {
            "A" => Some("__B__"),
            "B" => Some("b"),
            _ => None,
        });
        assert_eq!(page, "<t>__B__</t>b__B__ __C__ _ __ x__");
    }

    #[test]
    fn the_page_style_keeps_only_drawing_properties() {
        let mut styles = indexmap::IndexMap::new();
        let mut person = Attributes::new();
        for (key, value) in [
            ("shape", "ellipse"),
            ("background-image", "https://example.com/x.png"),
            ("background-color", "url(https://example.com/)"),
            ("border-color", "#1d4ed8\u{1}"),
            ("font-family", "x"),
        ] {
            person.insert(key.to_string(), value.to_string());
        }
        styles.insert("person".to_string(), person);
        assert_eq!(
            Value::Object(drawing_properties(&styles)),
            json!({ "person": { "shape": "ellipse", "border-color": "#1d4ed8" } })
        );
    }

    #[test]
    fn the_template_has_only_known_placeholders() {
        let known = ["CSS", "LIBRARY", "JS", "TITLE", "DATA"];
        let page = fill(TEMPLATE, |name| known.contains(&name).then_some(""));
        assert!(!page.contains("__"), "{page}");
        for name in known {
            assert!(TEMPLATE.contains(&format!("__{name}__")), "{name}");
        }
    }
}
