//! A Graphviz SVG made safe to inline in the page.
//!
//! Graphviz copies labels and tooltips (names, article sentences) into its
//! SVG, and the SVG handed to [`to_html`](super::to_html) may come from
//! anywhere. Rather than trust it, the SVG is parsed and written again with
//! quick-xml: only the drawing elements Graphviz uses are kept (no `script`,
//! `style`, `foreignObject`, `image`, animation), no `on…` event attribute, no
//! link or `url(…)` to anything but an `http`, `https` or `mailto` address or
//! a fragment, and no comment, processing instruction or doctype. Text and
//! attribute values are unescaped and escaped again, so whatever they said is
//! text in the page, and the control characters XML forbids are dropped.

use std::borrow::Cow;

use quick_xml::escape::{partial_escape, resolve_predefined_entity};
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use super::clean::without_controls;

/// The SVG elements kept: those Graphviz writes.
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "a",
    "title",
    "path",
    "polygon",
    "polyline",
    "ellipse",
    "circle",
    "rect",
    "line",
    "text",
    "tspan",
    "defs",
    "linearGradient",
    "radialGradient",
    "stop",
];

/// The `<svg>` element of an SVG document, rebuilt as the module says. An
/// SVG that stops being well-formed is cut there, its open elements closed.
pub(crate) fn safe_svg(svg: &str) -> String {
    let mut reader = Reader::from_str(svg);
    // Graphviz writes a URL's `&` unescaped.
    reader.config_mut().allow_dangling_amp = true;
    let mut writer = Writer::new(Vec::with_capacity(svg.len()));
    // The elements written and not yet closed.
    let mut open: Vec<&'static str> = Vec::new();
    // How deep inside an element that is dropped, with its content.
    let mut skipped = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        let inside = skipped == 0 && !open.is_empty();
        let text: Option<Cow<'_, str>> = match event {
            Event::Start(start) => {
                if skipped > 0 {
                    skipped += 1;
                } else if open.is_empty() && start.name().as_ref() != b"svg" {
                    // Before the picture: look inside for it.
                } else if let Some((name, rebuilt)) = element(&start) {
                    open.push(name);
                    write(&mut writer, Event::Start(rebuilt));
                } else {
                    skipped = 1;
                }
                None
            }
            Event::Empty(start) if inside => {
                if let Some((_, rebuilt)) = element(&start) {
                    write(&mut writer, Event::Empty(rebuilt));
                }
                None
            }
            Event::End(_) => {
                if skipped > 0 {
                    skipped -= 1;
                } else if let Some(name) = open.pop() {
                    write(&mut writer, Event::End(BytesEnd::new(name)));
                    if open.is_empty() {
                        break; // the end of the <svg> element
                    }
                }
                None
            }
            Event::Text(text) if inside => text.decode().ok().map(|t| Cow::Owned(t.into_owned())),
            Event::CData(data) if inside => data.decode().ok().map(|t| Cow::Owned(t.into_owned())),
            Event::GeneralRef(reference) if inside => match reference.resolve_char_ref() {
                Ok(Some(c)) => Some(Cow::Owned(c.to_string())),
                Ok(None) => reference.decode().ok().map(|name| {
                    Cow::Owned(match resolve_predefined_entity(&name) {
                        Some(value) => value.to_string(),
                        // Not an XML entity: keep the reference as text.
                        None => format!("&{name};"),
                    })
                }),
                Err(_) => None,
            },
            // Comments, processing instructions, the prolog, and anything
            // outside the <svg> element or inside a dropped one.
            _ => None,
        };
        if let Some(text) = text {
            let text = without_controls(&text);
            if !text.is_empty() {
                write(
                    &mut writer,
                    Event::Text(BytesText::from_escaped(partial_escape(text))),
                );
            }
        }
    }
    while let Some(name) = open.pop() {
        write(&mut writer, Event::End(BytesEnd::new(name)));
    }
    String::from_utf8(writer.into_inner()).expect("written from UTF-8 strings")
}

fn write(writer: &mut Writer<Vec<u8>>, event: Event<'_>) {
    writer
        .write_event(event)
        .expect("writing to a Vec cannot fail");
}

/// The kept element `start` rebuilt with its safe attributes, or `None` when
/// it is dropped (with its content).
fn element(start: &BytesStart<'_>) -> Option<(&'static str, BytesStart<'static>)> {
    let name: &'static str = ELEMENTS
        .iter()
        .find(|e| e.as_bytes() == start.name().as_ref())?;
    let mut rebuilt = BytesStart::new(name);
    for attribute in start.attributes().flatten() {
        let Ok(key) = std::str::from_utf8(attribute.key.as_ref()) else {
            continue;
        };
        let value = match attribute.unescape_value() {
            Ok(value) => value,
            // A dangling `&`: the raw text is the value.
            Err(_) => match std::str::from_utf8(&attribute.value) {
                Ok(raw) => Cow::Borrowed(raw),
                Err(_) => continue,
            },
        };
        let value = without_controls(&value);
        if safe_attribute(key, &value) {
            rebuilt.push_attribute((key, value.as_ref()));
        }
    }
    Some((name, rebuilt))
}

/// Whether an attribute can do nothing but draw.
fn safe_attribute(key: &str, value: &str) -> bool {
    let key = key.to_ascii_lowercase();
    let local = key.rsplit(':').next().unwrap_or(&key);
    if local.starts_with("on")
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_:.".contains(&b))
    {
        return false;
    }
    let value: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if local == "href" && !safe_address(&value) {
        return false;
    }
    // url(…) in a presentation attribute or style: fragments only.
    value.match_indices("url(").all(|(at, _)| {
        value[at + 4..]
            .trim_start_matches(['"', '\''])
            .starts_with('#')
    })
}

/// Whether a link goes to a fragment, a relative path, or an `http`, `https`
/// or `mailto` address (not `javascript:` or `data:`).
fn safe_address(address: &str) -> bool {
    let scheme_end = address.find([':', '/', '?', '#']);
    match scheme_end {
        Some(at) if address[at..].starts_with(':') => {
            matches!(&address[..at], "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_graphviz_picture() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- a -->\n<svg width=\"8pt\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<g id=\"n&#45;a\" class=\"node\"><title>a&#45;&gt;b &amp; c</title>\n<a xlink:href=\"https://x/?a=1&b=2\" xlink:title=\"x&#10;y\"><ellipse fill=\"url(#g)\" cx=\"1\"/></a></g></svg>";
        assert_eq!(
            safe_svg(svg),
            "<svg width=\"8pt\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<g id=\"n-a\" class=\"node\"><title>a-&gt;b &amp; c</title>\n<a xlink:href=\"https://x/?a=1&amp;b=2\" xlink:title=\"x\ny\"><ellipse fill=\"url(#g)\" cx=\"1\"/></a></g></svg>"
        );
    }

    #[test]
    fn drops_what_could_run_or_load() {
        let svg = "<svg><script>alert(1)</script><g onclick=\"alert(1)\" ONLOAD=\"x\"><foreignObject><img src=x onerror=alert(1)/></foreignObject>\
                   <a href=\" JavaScript:alert(1)\" xlink:href=\"data:text/html,x\"><text style=\"fill:url(http://x/)\">&lt;img&gt;&#1;</text></a>\
                   <style>@import 'http://x';</style><image href=\"http://x/a.png\"/><![CDATA[<b>]]></g></svg><script>late()</script>";
        assert_eq!(
            safe_svg(svg),
            "<svg><g><a><text>&lt;img&gt;</text></a>&lt;b&gt;</g></svg>"
        );
    }

    #[test]
    fn cuts_a_broken_picture_and_closes_it() {
        assert_eq!(
            safe_svg("<svg><g><text>x</g>"),
            "<svg><g><text>x</text></g></svg>"
        );
        assert_eq!(safe_svg("no picture"), "");
    }
}
