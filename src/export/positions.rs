//! Where Graphviz put each entity: read back from its SVG, so the page can
//! open with the same layout as the picture.
//!
//! Only numbers leave this module: the centre and size of every node group
//! whose `id` is `n-ENTITY` (the ids the DOT export gives), in points, with y
//! growing downwards as on screen. Nothing else of the SVG reaches the page.

use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// A node's box in the picture, in points: centre and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placement {
    /// Centre, left to right.
    pub x: f64,
    /// Centre, top to bottom.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// The box of every entity node of a Graphviz SVG, by entity id. An SVG that
/// is not well-formed is read up to where it breaks.
pub(crate) fn node_positions(svg: &str) -> BTreeMap<String, Placement> {
    let mut reader = Reader::from_str(svg);
    reader.config_mut().allow_dangling_amp = true;
    let mut found = BTreeMap::new();
    // The entity whose group is open, how deep in it we are, and its bounds
    // (min x, min y, max x, max y).
    let mut current: Option<(String, usize, [f64; 4])> = None;
    loop {
        let (start, empty) = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(start)) => (start, false),
            Ok(Event::Empty(start)) => (start, true),
            Ok(Event::End(_)) => {
                if let Some((id, depth, bounds)) = current.as_mut() {
                    *depth -= 1;
                    if *depth == 0 {
                        if bounds[0] <= bounds[2] && bounds[1] <= bounds[3] {
                            found.insert(std::mem::take(id), placement(bounds));
                        }
                        current = None;
                    }
                }
                continue;
            }
            Ok(_) => continue,
        };
        match current.as_mut() {
            Some((_, depth, bounds)) => {
                if !empty {
                    *depth += 1;
                }
                for (x, y) in points(&start) {
                    bounds[0] = bounds[0].min(x);
                    bounds[1] = bounds[1].min(y);
                    bounds[2] = bounds[2].max(x);
                    bounds[3] = bounds[3].max(y);
                }
            }
            None if !empty && start.name().as_ref() == b"g" => {
                let id = attribute(&start, b"id");
                if let Some(entity) = id.as_deref().and_then(|id| id.strip_prefix("n-")) {
                    let empty_bounds = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
                    current = Some((entity.to_string(), 1, empty_bounds));
                }
            }
            None => {}
        }
    }
    found
}

fn placement(bounds: &[f64; 4]) -> Placement {
    let round = |v: f64| (v * 10.0).round() / 10.0;
    Placement {
        x: round((bounds[0] + bounds[2]) / 2.0),
        y: round((bounds[1] + bounds[3]) / 2.0),
        width: round(bounds[2] - bounds[0]),
        height: round(bounds[3] - bounds[1]),
    }
}

fn attribute(start: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The points a drawing element covers: an ellipse's box, a polygon's
/// corners, a path's coordinates (its control points included, which is
/// close enough for a node's outline).
fn points(start: &BytesStart<'_>) -> Vec<(f64, f64)> {
    let number = |name: &[u8]| attribute(start, name).and_then(|v| v.trim().parse::<f64>().ok());
    match start.name().as_ref() {
        b"ellipse" => match (number(b"cx"), number(b"cy"), number(b"rx"), number(b"ry")) {
            (Some(cx), Some(cy), Some(rx), Some(ry)) => {
                vec![(cx - rx, cy - ry), (cx + rx, cy + ry)]
            }
            _ => Vec::new(),
        },
        b"polygon" | b"polyline" => pairs(&attribute(start, b"points").unwrap_or_default()),
        b"path" => pairs(&attribute(start, b"d").unwrap_or_default()),
        _ => Vec::new(),
    }
}

/// The numbers of a `points` or path `d` attribute, taken two by two.
fn pairs(text: &str) -> Vec<(f64, f64)> {
    let numbers: Vec<f64> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e'))
        .filter_map(|n| n.parse().ok())
        .filter(|n: &f64| n.is_finite())
        .collect();
    numbers.chunks_exact(2).map(|p| (p[0], p[1])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_boxes_of_entity_nodes_only() {
        let svg = r#"<svg><g id="graph0" class="graph" transform="translate(4 100)">
<g id="node1" class="node"><title>legend</title><ellipse cx="500" cy="-5" rx="1" ry="1"/></g>
<g id="n-a" class="node"><title>a</title><ellipse fill="none" cx="10" cy="-20" rx="8" ry="4"/><text x="10" y="-18">A</text></g>
<g id="n-b&amp;c" class="node"><g><polygon points="0,-10 40,-10 40,-30 0,-30 0,-10"/></g></g>
<g id="n-d" class="node"><path d="M1,-2C3,-4 5,-6 7,-8"/></g>
<g id="n-empty" class="node"><title>nothing drawn</title></g>
</g></svg>"#;
        let found = node_positions(svg);
        let keys: Vec<&str> = found.keys().map(String::as_str).collect();
        assert_eq!(keys, ["a", "b&c", "d"]);
        assert_eq!(
            found["a"],
            Placement {
                x: 10.0,
                y: -20.0,
                width: 16.0,
                height: 8.0
            }
        );
        assert_eq!((found["b&c"].x, found["b&c"].y), (20.0, -20.0));
        assert_eq!((found["d"].x, found["d"].y), (4.0, -5.0));
        assert!(node_positions("not svg <g id=\"n-x\"><ellipse").is_empty());
    }
}
