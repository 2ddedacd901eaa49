//! The interactive page: one self-contained HTML file with the Graphviz
//! picture (SVG embedded), a search box, filters and a side panel.
//!
//! The page loads nothing from the network. Its script (`page/page.js`) is the
//! project's own and reads the graph from a JSON block in the page.
//!
//! No text from the data can become markup or script: the template's
//! placeholders are filled in one pass (an article quoting `__DATA__` stays
//! text), the JSON block escapes `<`, `>`, `&` and U+2028/U+2029 as `\u003c`…,
//! and the SVG is rebuilt with only Graphviz's drawing elements and attributes
//! (see `svg.rs`).

use serde_json::{json, Map, Value};

use super::clean::{without_controls, write_json};
use super::json::{edge_data, node_data};
use super::svg::safe_svg;
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
    let mut json = Vec::new();
    // `<`, `>` and `&` written as \u003c…: the JSON cannot end the element
    // (`</script>`) or change how it is read (`<!--`, `<script`).
    write_json(&mut json, &data, true).expect("writing to a Vec cannot fail");
    let data = String::from_utf8(json).expect("JSON is UTF-8");
    let svg = safe_svg(svg);
    let title = escape(title);
    fill(TEMPLATE, |name| match name {
        "CSS" => Some(CSS.trim_end()),
        "JS" => Some(SCRIPT.trim_end()),
        "TITLE" => Some(&title),
        "SVG" => Some(&svg),
        "DATA" => Some(&data),
        _ => None,
    })
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
    fn the_template_has_only_known_placeholders() {
        let known = ["CSS", "JS", "TITLE", "SVG", "DATA"];
        let page = fill(TEMPLATE, |name| known.contains(&name).then_some(""));
        assert!(!page.contains("__"), "{page}");
        for name in known {
            assert!(TEMPLATE.contains(&format!("__{name}__")), "{name}");
        }
    }
}
