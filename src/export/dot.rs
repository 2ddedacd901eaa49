//! DOT export through graphviz-rust, and rendering to SVG or PNG with Graphviz.
//!
//! graphviz-rust prints identifiers as given, so every id and label is quoted
//! and escaped here ([`quoted`]); an entity id with a space or a quote stays one node.
//!
//! Graphviz copies control characters into its SVG, which is then not
//! well-formed XML, and reads `&name;` and `&#N;` in labels as character
//! entities (`&#1;` in an article would become a control character, `&lt;` a
//! `<`). So [`quoted`] drops control characters (as every export does), and
//! labels and tooltips, whose text comes from the data, also write `&` as
//! `&amp;`: they show the text as it was written.

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::{HashMap, HashSet};

use indexmap::IndexSet;

use super::clean::{is_dropped, without_controls};
use super::style::{Attributes, Style};
use super::view::View;
use super::ExportError;
use crate::graph::{FactOrigin, FactRef, KnowledgeGraph};
use crate::model::{AttributeValue, Entity, EntityKind, RelationKind};

/// A DOT identifier: quoted, with `\`, `"` and line breaks escaped, and
/// without the control characters the exports drop (carriage returns too).
pub fn quoted(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

/// A label or tooltip: [`quoted`], with `&` written as `&amp;` so Graphviz
/// shows the text as written instead of reading entities in it.
fn shown(text: &str) -> Id {
    quoted(&text.replace('&', "&amp;"))
}

fn attributes(attrs: &Attributes) -> impl Iterator<Item = Attribute> + '_ {
    attrs
        .iter()
        .map(|(key, value)| Attribute(Id::Plain(key.clone()), quoted(value)))
}

/// The whole graph as a graphviz-rust [`Graph`], styled by the dataset's style.
pub fn dot_graph(graph: &KnowledgeGraph) -> Graph {
    view_dot_graph(&View::all(graph))
}

/// The entities and facts of a view as a graphviz-rust [`Graph`].
pub fn view_dot_graph(view: &View<'_>) -> Graph {
    let mut stmts = Vec::new();
    statements(view, &mut |stmt| {
        stmts.push(stmt);
        Ok(())
    })
    .expect("collecting statements cannot fail");
    Graph::DiGraph {
        id: quoted("newsgraph"),
        strict: false,
        stmts,
    }
}

/// Writes a view as DOT one statement at a time, each printed by
/// graphviz-rust: the same bytes as [`view_to_dot`], without holding the whole
/// graph's statements in memory.
pub fn write_view_dot(view: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let header = format!(
        "digraph {} {{",
        quoted("newsgraph").print(&mut PrinterContext::default())
    );
    out.write_all(header.as_bytes())?;
    statements(view, &mut |stmt| {
        // graphviz-rust prints statements inside a graph: print a graph of one
        // and keep its middle line(s).
        let one = Graph::DiGraph {
            id: quoted("newsgraph"),
            strict: false,
            stmts: vec![stmt],
        };
        let text = one.print(&mut PrinterContext::default());
        let inner = text
            .strip_prefix(header.as_str())
            .and_then(|t| t.strip_suffix("\n}"))
            .unwrap_or(&text);
        out.write_all(inner.as_bytes())
    })?;
    out.write_all(b"\n}\n")
}

/// Produces the DOT statements of a view, in order.
fn statements(
    view: &View<'_>,
    emit: &mut dyn FnMut(Stmt) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let graph = view.graph();
    let style = &graph.dataset().style;
    let all_facts = view.facts();
    // A meeting event drawn with both participants' lines to it already shows
    // that they met.
    let events_drawn: HashSet<(&str, &str)> = all_facts
        .iter()
        .filter(|f| matches!(f.fact.relation, RelationKind::ParticipatedIn { .. }))
        .map(|f| (f.from.id.as_str(), f.to.id.as_str()))
        .collect();
    let facts: Vec<FactRef<'_>> = all_facts
        .iter()
        .filter(|f| drawn(style, f, &events_drawn))
        .copied()
        .collect();
    let sources = sources_by_entity(&all_facts);
    emit(Stmt::GAttribute(GraphAttributes::Graph(
        attributes(&style.graph).collect(),
    )))?;
    emit(Stmt::GAttribute(GraphAttributes::Node(
        attributes(&style.node).collect(),
    )))?;
    emit(Stmt::GAttribute(GraphAttributes::Edge(
        attributes(&style.edge).collect(),
    )))?;
    let entities: Vec<&Entity> = view.entities();
    let mut placed: HashSet<&str> = HashSet::new();
    if style.cluster_by_country {
        let mut members_of: HashMap<&str, Vec<&Entity>> = HashMap::new();
        for entity in entities.iter().filter(|e| e.kind != EntityKind::Event) {
            let cluster = if entity.kind == EntityKind::Government {
                Some(entity.id.as_str())
            } else {
                entity.country.as_deref()
            };
            if let Some(cluster) = cluster {
                members_of.entry(cluster).or_default().push(entity);
            }
        }
        for government in entities.iter().filter(|e| e.kind == EntityKind::Government) {
            let mut cluster = vec![Stmt::Attribute(Attribute(
                Id::Plain("label".into()),
                shown(&government.name),
            ))];
            cluster.extend(attributes(&style.cluster).map(Stmt::Attribute));
            for member in members_of.get(government.id.as_str()).into_iter().flatten() {
                placed.insert(&member.id);
                cluster.push(Stmt::Node(node(style, member, graph, &sources)));
            }
            emit(Stmt::Subgraph(Subgraph {
                id: quoted(&format!("cluster_{}", government.id)),
                stmts: cluster,
            }))?;
        }
    }
    for entity in &entities {
        if !placed.contains(entity.id.as_str()) {
            emit(Stmt::Node(node(style, entity, graph, &sources)))?;
        }
    }
    for fact in &facts {
        emit(Stmt::Edge(edge(style, fact)))?;
    }
    if style.legend {
        emit(legend(style, &entities, &facts))?;
    }
    Ok(())
}

/// The whole graph as DOT text.
///
/// ```
/// use newsgraph::{export, Dataset, KnowledgeGraph};
///
/// let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
/// let dot = export::to_dot(&graph);
/// assert!(dot.starts_with("digraph \"newsgraph\""));
/// assert!(dot.contains("\"antony-blinken\""));
/// ```
pub fn to_dot(graph: &KnowledgeGraph) -> String {
    view_to_dot(&View::all(graph))
}

/// A view as DOT text.
pub fn view_to_dot(view: &View<'_>) -> String {
    let mut out = Vec::new();
    write_view_dot(view, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("DOT is written from UTF-8 strings")
}

fn drawn(style: &Style, fact: &FactRef<'_>, events_drawn: &HashSet<(&str, &str)>) -> bool {
    let name = fact.fact.relation.name();
    let shown_by_event = fact.fact.event.as_deref().is_some_and(|e| {
        events_drawn.contains(&(fact.from.id.as_str(), e))
            && events_drawn.contains(&(fact.to.id.as_str(), e))
    });
    let derived_meeting = matches!(fact.fact.relation, RelationKind::MetWith { .. })
        && fact.fact.origin == FactOrigin::Derived
        && shown_by_event;
    !style.hidden_relations.iter().any(|h| h == name)
        && (style.draw_derived_meetings || !derived_meeting)
}

fn node(
    style: &Style,
    entity: &Entity,
    graph: &KnowledgeGraph,
    sources: &HashMap<&str, (Vec<&str>, usize)>,
) -> Node {
    let mut attrs: Vec<Attribute> = style
        .kinds
        .get(entity.kind.as_str())
        .map(|a| attributes(a).collect())
        .unwrap_or_default();
    let label = match &entity.event {
        Some(event) => format!("{}\n{}", entity.name, event.date),
        None => entity.name.clone(),
    };
    attrs.push(Attribute(Id::Plain("label".into()), shown(&label)));
    attrs.push(Attribute(
        Id::Plain("tooltip".into()),
        shown(&tooltip(entity, graph, sources.get(entity.id.as_str()))),
    ));
    // The SVG element of the node gets this id, so pages can find it.
    attrs.push(Attribute(
        Id::Plain("id".into()),
        quoted(&format!("n-{}", entity.id)),
    ));
    Node::new(NodeId(quoted(&entity.id), None), attrs)
}

/// How many sources or pieces of evidence a tooltip lists before "and N more".
const TOOLTIP_ITEMS: usize = 8;

fn tooltip(
    entity: &Entity,
    graph: &KnowledgeGraph,
    sources: Option<&(Vec<&str>, usize)>,
) -> String {
    let mut lines = vec![format!("{} ({})", entity.name, entity.kind)];
    if let Some(description) = &entity.description {
        lines.push(description.clone());
    }
    for (office, tenure) in graph.dataset().offices_of(&entity.id) {
        let from = tenure.from.map_or("?".to_string(), |d| d.to_string());
        let to = tenure.to.map_or("present".to_string(), |d| d.to_string());
        lines.push(format!("{}: {from} to {to}", office.name));
    }
    if let Some((list, total)) = sources {
        // Graphviz refuses strings over 16 KiB; a tooltip needs far less.
        let more = total.saturating_sub(list.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        lines.push(format!("sources: {}{more}", list.join(", ")));
    }
    lines.join("\n")
}

/// For each entity of a view: its first sources (in fact order) and how many it has.
fn sources_by_entity<'a>(facts: &[FactRef<'a>]) -> HashMap<&'a str, (Vec<&'a str>, usize)> {
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    let mut map: HashMap<&'a str, (Vec<&'a str>, usize)> = HashMap::new();
    for fact in facts {
        for source in fact.fact.sources() {
            for entity in [fact.from.id.as_str(), fact.to.id.as_str()] {
                if seen.insert((entity, source)) {
                    let entry = map.entry(entity).or_default();
                    entry.1 += 1;
                    if entry.0.len() < TOOLTIP_ITEMS {
                        entry.0.push(source);
                    }
                }
            }
        }
    }
    map
}

/// A short label for an edge: the relation, its main attribute and the date.
pub fn edge_label(fact: &crate::graph::Fact) -> String {
    let main = match &fact.relation {
        RelationKind::MetWith { mode } => Some(mode.label().to_string()),
        RelationKind::Funded {
            amount, currency, ..
        } => amount.map(|a| money(a, currency.as_deref())),
        RelationKind::Designated { designation } => Some(designation.clone()),
        RelationKind::Agreed { what, status } => Some(format!(
            "{} ({})",
            shorten(what, 40),
            status.as_str().replace('_', " ")
        )),
        RelationKind::HoldsOffice { title, .. } => Some(title.clone()),
        // Statements say what about in the tooltip; the line says who and when.
        _ => None,
    };
    if matches!(
        fact.relation,
        RelationKind::ParticipatedIn { .. } | RelationKind::PartOf
    ) {
        return String::new(); // the line style and the legend say it
    }
    let mut label = fact.relation.name().replace('_', " ");
    if let Some(main) = main {
        label = format!("{label}: {main}");
    }
    if let Some(date) = fact.date {
        label = format!("{label}\n{date}");
    }
    label
}

/// `text` cut at a word boundary to at most `max` characters, with "…".
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// "13.5M USD" for 13,500,000 USD.
fn money(amount: f64, currency: Option<&str>) -> String {
    let value = AttributeValue::Number(amount);
    let short = if amount >= 1e9 {
        format!("{}B", amount / 1e9)
    } else if amount >= 1e6 {
        format!("{}M", amount / 1e6)
    } else {
        value.to_string()
    };
    match currency {
        Some(currency) => format!("{short} {currency}"),
        None => short,
    }
}

fn edge(style: &Style, fact: &FactRef<'_>) -> Edge {
    let mut attrs: Vec<Attribute> = style
        .relations
        .get(fact.fact.relation.name())
        .map(|a| attributes(a).collect())
        .unwrap_or_default();
    if fact.fact.origin == FactOrigin::Derived {
        attrs.extend(attributes(&style.derived));
    }
    attrs.push(Attribute(
        Id::Plain("label".into()),
        shown(&edge_label(fact.fact)),
    ));
    let mut evidence: Vec<String> = fact
        .fact
        .evidence
        .iter()
        .take(TOOLTIP_ITEMS)
        .map(|e| match &e.text {
            Some(text) => format!("{}: {}", e.source, shorten(text, 400)),
            None => e.source.clone(),
        })
        .collect();
    if fact.fact.evidence.len() > TOOLTIP_ITEMS {
        evidence.push(format!(
            "… and {} more",
            fact.fact.evidence.len() - TOOLTIP_ITEMS
        ));
    }
    attrs.push(Attribute(
        Id::Plain("tooltip".into()),
        shown(&evidence.join("\n")),
    ));
    Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quoted(&fact.from.id), None)),
            Vertex::N(NodeId(quoted(&fact.to.id), None)),
        ),
        attributes: {
            attrs.push(Attribute(
                Id::Plain("id".into()),
                quoted(&format!("f-{}", fact.edge.index())),
            ));
            attrs
        },
    }
}

/// A legend cluster: one row per entity kind and relation drawn.
fn legend(style: &Style, entities: &[&Entity], facts: &[FactRef<'_>]) -> Stmt {
    let kinds: IndexSet<EntityKind> = EntityKind::ALL
        .into_iter()
        .filter(|k| entities.iter().any(|e| e.kind == *k))
        .collect();
    let relations: IndexSet<&str> = RelationKind::NAMES
        .into_iter()
        .filter(|r| facts.iter().any(|f| f.fact.relation.name() == *r))
        .collect();
    let color = |attrs: Option<&Attributes>, key: &str| {
        attrs
            .and_then(|a| a.get(key))
            .map_or("#000000".to_string(), |c| html_escape(c))
    };
    let mut rows = String::from("<tr><td colspan=\"2\"><b>Legend</b></td></tr>");
    for kind in kinds {
        let attrs = style.kinds.get(kind.as_str());
        rows.push_str(&format!(
            "<tr><td bgcolor=\"{}\" border=\"1\" color=\"{}\">&nbsp;&nbsp;&nbsp;</td><td align=\"left\">{}</td></tr>",
            color(attrs, "fillcolor"),
            color(attrs, "color"),
            kind.as_str()
        ));
    }
    for relation in relations {
        let attrs = style.relations.get(relation);
        let line = attrs
            .and_then(|a| a.get("style"))
            .map_or("solid", |s| s.as_str());
        rows.push_str(&format!(
            "<tr><td><font color=\"{}\">{}</font></td><td align=\"left\">{relation}</td></tr>",
            color(attrs, "color"),
            match line {
                "dashed" => "- - -",
                "dotted" => "· · ·",
                _ => "―――",
            }
        ));
    }
    let label = format!("<<table border=\"0\" cellborder=\"0\" cellspacing=\"2\">{rows}</table>>");
    let node = Node::new(
        NodeId(quoted("newsgraph-legend"), None),
        vec![
            Attribute(Id::Plain("shape".into()), Id::Plain("plaintext".into())),
            Attribute(Id::Plain("style".into()), quoted("")),
            Attribute(Id::Plain("label".into()), Id::Html(label)),
        ],
    );
    Stmt::Subgraph(Subgraph {
        id: quoted("cluster_legend"),
        stmts: vec![
            Stmt::Attribute(Attribute(Id::Plain("label".into()), quoted(""))),
            Stmt::Attribute(Attribute(Id::Plain("color".into()), quoted("#e5e7eb"))),
            Stmt::Node(node),
        ],
    })
}

fn html_escape(text: &str) -> String {
    without_controls(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Output formats Graphviz can render here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
}

/// Graphviz layout engines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Engine {
    /// Hierarchical layout (default).
    #[default]
    Dot,
    /// Spring model.
    Neato,
    /// Force-directed placement.
    Fdp,
    /// Force-directed placement for large graphs.
    Sfdp,
}

/// Renders DOT text to an image with the `dot` binary, fed through a pipe;
/// the child is killed after [`GRAPHVIZ_TIMEOUT`](super::GRAPHVIZ_TIMEOUT) or when the run ends.
pub fn render(dot: &str, format: ImageFormat, engine: Engine) -> Result<Vec<u8>, ExportError> {
    let format = match format {
        ImageFormat::Svg => "-Tsvg",
        ImageFormat::Png => "-Tpng",
    };
    let layout = match engine {
        Engine::Dot => "-Kdot",
        Engine::Neato => "-Kneato",
        Engine::Fdp => "-Kfdp",
        Engine::Sfdp => "-Ksfdp",
    };
    let args = [format.to_string(), layout.to_string()];
    super::process::run_dot(dot, &args, super::GRAPHVIZ_TIMEOUT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_escapes_ids() {
        let cases = [
            ("plain", "\"plain\""),
            ("two words", "\"two words\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("back\\slash", "\"back\\\\slash\""),
            ("line\nbreak", "\"line\\nbreak\""),
            ("crlf\r\n", "\"crlf\\n\""),
            (
                "bell\u{7}esc\u{1b}del\u{7f}nel\u{85}\ttab",
                "\"bellescdelnel\ttab\"",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(quoted(input), Id::Escaped(expected.to_string()), "{input}");
        }
    }

    #[test]
    fn labels_show_ampersands_as_written() {
        assert_eq!(
            shown("A &amp; B &#1; C & D"),
            Id::Escaped("\"A &amp;amp; B &amp;#1; C &amp; D\"".to_string())
        );
    }

    #[test]
    fn money_is_short() {
        assert_eq!(money(13_500_000.0, Some("USD")), "13.5M USD");
        assert_eq!(money(6_000_000.0, None), "6M");
        assert_eq!(money(2_500.0, Some("EUR")), "2500 EUR");
    }
}
