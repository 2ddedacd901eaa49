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
use super::reuse::{key_with, Key, Records};
use super::view::View;
use super::ExportError;
use crate::graph::present::{edge_label, shorten};
use crate::graph::{FactOrigin, FactRef, KnowledgeGraph};
use crate::model::{Attributes, Style};
use crate::model::{Entity, EntityKind, RelationKind};

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

/// The whole graph as a graphviz-rust [`Graph`], styled by the graph's
/// [`style`](KnowledgeGraph::style).
pub fn dot_graph(graph: &KnowledgeGraph) -> Graph {
    view_dot_graph(&View::all(graph))
}

/// The entities and facts of a view as a graphviz-rust [`Graph`].
pub fn view_dot_graph(view: &View<'_>) -> Graph {
    let mut stmts = Vec::new();
    let style = view.graph().style();
    statements(view, &mut |piece| {
        stmts.push(piece.into_stmt(style));
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
    Records::write_fresh(out, |records, keys| write_dot_records(view, records, keys))
}

/// [`write_view_dot`] through `records`: each fact's line is a record with
/// its fact's key (`keys`, by edge index; see [`super::reuse`]).
pub fn write_dot_records(
    view: &View<'_>,
    records: &mut Records<'_>,
    keys: &[Key],
) -> std::io::Result<()> {
    use std::io::Write as _;
    let header = format!(
        "digraph {} {{",
        quoted("newsgraph").print(&mut PrinterContext::default())
    );
    records.write_all(header.as_bytes())?;
    let style = view.graph().style();
    // graphviz-rust prints statements inside a graph: print a graph of one
    // and keep its middle line(s).
    let print = |stmt: Stmt, out: &mut dyn std::io::Write| {
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
    };
    statements(view, &mut |piece| match piece {
        Piece::Fact(fact, labels_in_tooltips) => {
            let key = keys.get(fact.edge.index()).copied().unwrap_or_default();
            let key = key_with(key, &[u8::from(labels_in_tooltips)]);
            records.record(key, |buffer| {
                print(Stmt::Edge(edge(style, &fact, labels_in_tooltips)), buffer)
            })
        }
        piece => print(piece.into_stmt(style), &mut *records),
    })?;
    records.write_all(b"\n}\n")
}

/// A statement of a picture, or a fact's line not made yet (so a line
/// copied from the last build is never made).
enum Piece<'g> {
    Stmt(Stmt),
    Fact(FactRef<'g>, bool),
}

impl Piece<'_> {
    fn into_stmt(self, style: &Style) -> Stmt {
        match self {
            Piece::Stmt(stmt) => stmt,
            Piece::Fact(fact, labels_in_tooltips) => {
                Stmt::Edge(edge(style, &fact, labels_in_tooltips))
            }
        }
    }
}

/// What a picture leaves out, for the note under its legend.
#[derive(Debug, Default)]
struct LeftOut<'a> {
    /// Relations not drawn, with how many facts of each the view has.
    relations: Vec<(&'a str, usize)>,
    /// Entities not drawn because no line reaches them.
    entities: usize,
}

/// Produces the DOT statements of a view, in order.
///
/// The picture of the whole graph follows [`Style::overview`] besides the
/// rest of the style: some relations and the entities left without a line
/// are not drawn, and the legend says so.
fn statements<'g>(
    view: &View<'g>,
    emit: &mut dyn FnMut(Piece<'g>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let graph = view.graph();
    let style = graph.style();
    let overview = view.is_whole();
    let all_facts = view.facts();
    let hidden: Vec<&str> = style
        .hidden_relations
        .iter()
        .chain(
            overview
                .then_some(&style.overview.hidden_relations)
                .into_iter()
                .flatten(),
        )
        .map(String::as_str)
        .collect();
    // A meeting event drawn with both participants' lines to it already shows
    // that they met.
    let events_drawn: HashSet<(&str, &str)> = all_facts
        .iter()
        .filter(|f| matches!(f.fact.relation, RelationKind::ParticipatedIn { .. }))
        .map(|f| (f.from.id.as_str(), f.to.id.as_str()))
        .collect();
    let facts: Vec<FactRef<'_>> = all_facts
        .iter()
        .filter(|f| drawn(style, &hidden, f, &events_drawn))
        .copied()
        .collect();
    let mut left_out = LeftOut::default();
    for relation in RelationKind::NAMES {
        let count = all_facts
            .iter()
            .filter(|f| f.fact.relation.name() == relation && hidden.contains(&relation))
            .count();
        if count > 0 {
            left_out.relations.push((relation, count));
        }
    }
    let sources = sources_by_entity(&all_facts);
    let mut graph_attributes = style.graph.clone();
    if overview {
        for (key, value) in &style.overview.graph {
            graph_attributes.insert(key.clone(), value.clone());
        }
    }
    emit(Piece::Stmt(Stmt::GAttribute(GraphAttributes::Graph(
        attributes(&graph_attributes).collect(),
    ))))?;
    emit(Piece::Stmt(Stmt::GAttribute(GraphAttributes::Node(
        attributes(&style.node).collect(),
    ))))?;
    emit(Piece::Stmt(Stmt::GAttribute(GraphAttributes::Edge(
        attributes(&style.edge).collect(),
    ))))?;
    let mut entities: Vec<&Entity> = view.entities();
    if overview && style.overview.drop_isolated {
        let touched: HashSet<&str> = facts
            .iter()
            .flat_map(|f| [f.from.id.as_str(), f.to.id.as_str()])
            .collect();
        let before = entities.len();
        entities.retain(|e| touched.contains(e.id.as_str()));
        left_out.entities = before - entities.len();
    }
    let mut placed: HashSet<&str> = HashSet::new();
    if style.cluster_by_country && !(overview && style.overview.without_clusters) {
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
        // A country's cluster is drawn when any of its entities is in the
        // picture, whether or not the government itself is.
        let governments = graph
            .dataset()
            .entities_of_kind(EntityKind::Government)
            .filter(|g| members_of.contains_key(g.id.as_str()));
        for government in governments {
            let mut cluster = vec![Stmt::Attribute(Attribute(
                Id::Plain("label".into()),
                shown(&government.name),
            ))];
            cluster.extend(attributes(&style.cluster).map(Stmt::Attribute));
            for member in members_of.get(government.id.as_str()).into_iter().flatten() {
                placed.insert(&member.id);
                cluster.push(Stmt::Node(node(style, member, graph, &sources)));
            }
            emit(Piece::Stmt(Stmt::Subgraph(Subgraph {
                id: quoted(&format!("cluster_{}", government.id)),
                stmts: cluster,
            })))?;
        }
    }
    for entity in &entities {
        if !placed.contains(entity.id.as_str()) {
            emit(Piece::Stmt(Stmt::Node(node(
                style, entity, graph, &sources,
            ))))?;
        }
    }
    let labels_in_tooltips = overview && style.overview.labels_in_tooltips;
    for fact in &facts {
        emit(Piece::Fact(*fact, labels_in_tooltips))?;
    }
    if style.legend {
        emit(Piece::Stmt(legend(style, &entities, &facts, &left_out)))?;
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

fn drawn(
    style: &Style,
    hidden: &[&str],
    fact: &FactRef<'_>,
    events_drawn: &HashSet<(&str, &str)>,
) -> bool {
    let name = fact.fact.relation.name();
    let shown_by_event = fact.fact.event.as_deref().is_some_and(|e| {
        events_drawn.contains(&(fact.from.id.as_str(), e))
            && events_drawn.contains(&(fact.to.id.as_str(), e))
    });
    let derived_meeting = matches!(fact.fact.relation, RelationKind::MetWith { .. })
        && fact.fact.origin == FactOrigin::Derived
        && shown_by_event;
    !hidden.contains(&name) && (style.draw_derived_meetings || !derived_meeting)
}

fn node(
    style: &Style,
    entity: &Entity,
    graph: &KnowledgeGraph,
    sources: &SourcesByEntity<'_>,
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
/// Each entity's first sources (at most [`TOOLTIP_ITEMS`]) and how many it has.
type SourcesByEntity<'a> = HashMap<&'a str, (Vec<&'a str>, usize), rustc_hash::FxBuildHasher>;

fn sources_by_entity<'a>(facts: &[FactRef<'a>]) -> SourcesByEntity<'a> {
    let mut seen: HashSet<(&str, &str), rustc_hash::FxBuildHasher> = HashSet::default();
    let mut map = SourcesByEntity::default();
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

fn edge(style: &Style, fact: &FactRef<'_>, label_in_tooltip: bool) -> Edge {
    let mut attrs: Vec<Attribute> = style
        .relations
        .get(fact.fact.relation.name())
        .map(|a| attributes(a).collect())
        .unwrap_or_default();
    if fact.fact.origin == FactOrigin::Derived {
        attrs.extend(attributes(&style.derived));
    }
    let label = edge_label(fact.fact);
    let headline = if label.is_empty() {
        fact.fact.relation.name().replace('_', " ")
    } else {
        label.replace('\n', " ")
    };
    let shown_label = if label_in_tooltip {
        String::new()
    } else {
        label
    };
    attrs.push(Attribute(Id::Plain("label".into()), shown(&shown_label)));
    // The tooltip: what the line says, then each distinct piece of evidence.
    let mut lines = vec![format!("{} → {}: {headline}", fact.from.name, fact.to.name)];
    let mut seen: HashSet<String> = HashSet::new();
    let evidence: Vec<String> = fact
        .fact
        .evidence
        .iter()
        .map(|e| match &e.text {
            Some(text) => format!("{}: {}", e.source, shorten(text, 400)),
            None => e.source.clone(),
        })
        .filter(|line| seen.insert(line.clone()))
        .collect();
    let more = evidence.len().saturating_sub(TOOLTIP_ITEMS);
    lines.extend(evidence.into_iter().take(TOOLTIP_ITEMS));
    if more > 0 {
        lines.push(format!("… and {more} more"));
    }
    attrs.push(Attribute(
        Id::Plain("tooltip".into()),
        shown(&lines.join("\n")),
    ));
    attrs.push(Attribute(
        Id::Plain("id".into()),
        quoted(&format!("f-{}", fact.edge.index())),
    ));
    Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quoted(&fact.from.id), None)),
            Vertex::N(NodeId(quoted(&fact.to.id), None)),
        ),
        attributes: attrs,
    }
}

/// A legend cluster drawn with the picture's own styles: a node of each kind
/// drawn (in its shape and colours) and a short line of each relation drawn
/// (in its colour, line and arrow), then a note of what the picture leaves out.
fn legend(
    style: &Style,
    entities: &[&Entity],
    facts: &[FactRef<'_>],
    left_out: &LeftOut<'_>,
) -> Stmt {
    let kinds: IndexSet<EntityKind> = EntityKind::ALL
        .into_iter()
        .filter(|k| entities.iter().any(|e| e.kind == *k))
        .collect();
    let relations: IndexSet<&str> = RelationKind::NAMES
        .into_iter()
        .filter(|r| facts.iter().any(|f| f.fact.relation.name() == *r))
        .collect();
    let plain = |key: &str, value: &str| Attribute(Id::Plain(key.into()), quoted(value));
    let id = |name: &str| NodeId(quoted(&format!("newsgraph-legend-{name}")), None);
    let mut stmts = vec![
        Stmt::Attribute(plain("label", "Legend")),
        Stmt::Attribute(plain("color", "#e5e7eb")),
        Stmt::Attribute(plain("style", "")),
    ];
    // Three columns side by side, so the legend is short: the kinds and the
    // note; the relations' names (kept one rank further by invisible lines
    // from the first kind); the ends of their lines. Small nodes, so the
    // legend takes little room.
    let mut column: Vec<Stmt> = vec![Stmt::Attribute(plain("rank", "same"))];
    let mut names: Vec<Stmt> = vec![Stmt::Attribute(plain("rank", "same"))];
    let mut after_kinds: Vec<Stmt> = Vec::new();
    for kind in &kinds {
        let mut attrs: Vec<Attribute> = style
            .kinds
            .get(kind.as_str())
            .map(|a| attributes(a).collect())
            .unwrap_or_default();
        attrs.push(plain("label", kind.as_str()));
        attrs.push(plain("tooltip", kind.as_str()));
        attrs.push(plain("fontsize", "10"));
        attrs.push(plain("height", "0.3"));
        column.push(Stmt::Node(Node::new(id(kind.as_str()), attrs)));
    }
    let mut ends: Vec<Stmt> = vec![Stmt::Attribute(plain("rank", "same"))];
    let mut lines: Vec<Stmt> = Vec::new();
    // Graphviz stacks lines fanning out of one node bottom to top: listed
    // backwards, they read top to bottom in the order of RelationKind::NAMES.
    for relation in relations.iter().rev() {
        let name = relation.replace('_', " ");
        if let Some(first) = kinds.first() {
            after_kinds.push(Stmt::Edge(Edge {
                ty: EdgeTy::Pair(Vertex::N(id(first.as_str())), Vertex::N(id(relation))),
                attributes: vec![plain("style", "invis")],
            }));
        }
        names.push(Stmt::Node(Node::new(
            id(relation),
            vec![
                plain("shape", "plaintext"),
                plain("style", ""),
                plain("label", &name),
                plain("tooltip", &name),
                plain("fontsize", "10"),
                plain("height", "0.2"),
            ],
        )));
        let end = id(&format!("{relation}-end"));
        ends.push(Stmt::Node(Node::new(
            end.clone(),
            vec![
                plain("shape", "point"),
                plain("style", "invis"),
                plain("width", "0.01"),
            ],
        )));
        let mut attrs: Vec<Attribute> = style
            .relations
            .get(*relation)
            .map(|a| attributes(a).collect())
            .unwrap_or_default();
        attrs.push(plain("tooltip", &name));
        lines.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(id(relation)), Vertex::N(end)),
            attributes: attrs,
        }));
    }
    let mut notes = Vec::new();
    if !left_out.relations.is_empty() {
        let list: Vec<String> = left_out
            .relations
            .iter()
            .map(|(r, n)| format!("{n} {}", r.replace('_', " ")))
            .collect();
        notes.push(format!("Not drawn: {} facts", list.join(", ")));
    }
    if left_out.entities > 0 {
        notes.push(format!(
            "{} {} with no line drawn left out",
            left_out.entities,
            if left_out.entities == 1 {
                "entity"
            } else {
                "entities"
            }
        ));
    }
    if !notes.is_empty() {
        notes.push("Everything is on the page and in the data exports".to_string());
        column.push(Stmt::Node(Node::new(
            id("note"),
            vec![
                plain("shape", "plaintext"),
                plain("style", ""),
                plain("fontsize", "9"),
                // `\l`: each line left-aligned.
                Attribute(
                    Id::Plain("label".into()),
                    Id::Escaped(format!(
                        "\"{}\\l\"",
                        notes
                            .iter()
                            .map(|n| without_controls(n).replace('"', "'"))
                            .collect::<Vec<_>>()
                            .join("\\l")
                    )),
                ),
            ],
        )));
    }
    stmts.push(Stmt::Subgraph(Subgraph {
        id: quoted("newsgraph-legend-column"),
        stmts: column,
    }));
    if !lines.is_empty() {
        stmts.push(Stmt::Subgraph(Subgraph {
            id: quoted("newsgraph-legend-names"),
            stmts: names,
        }));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: quoted("newsgraph-legend-ends"),
            stmts: ends,
        }));
    }
    stmts.extend(lines);
    stmts.extend(after_kinds);
    Stmt::Subgraph(Subgraph {
        id: quoted("cluster_legend"),
        stmts,
    })
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
}
