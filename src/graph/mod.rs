//! The knowledge graph: entities as nodes, typed facts as edges, on petgraph.
//!
//! [`KnowledgeGraph::build`] turns a [`Dataset`] into a directed graph. Besides
//! the curated relations it derives the facts curated records imply, so no fact
//! is typed twice:
//!
//! - `participated_in`: each event participant → the event;
//! - `visited`: each participant of a held visit who is not its host → the place;
//! - `met_with`: each pair of participants of a held meeting, call or visit who
//!   sat on different sides (or all pairs when sides are not given);
//! - `holds_office`: each office holder → the government or organization of the office;
//! - `part_of`: each entity → its parent.
//!
//! Symmetric relations (`met_with`, `agreed`) are stored once, from the first
//! party to the second, and read both ways by queries. Facts with the same
//! subject, relation, object and date merge into one edge that lists all
//! their evidence.
//!
//! ```
//! use newsgraph::{Dataset, KnowledgeGraph};
//!
//! let graph = KnowledgeGraph::build(Dataset::load("data").unwrap());
//! let blinken = graph.resolve("Blinken").unwrap();
//! assert_eq!(blinken.id, "antony-blinken");
//! assert!(graph.facts_of(&blinken.id).count() > 5);
//! ```

mod build;
mod fact;
pub mod present;
mod resolve;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

pub use fact::{Evidence, Fact, FactId, FactIdError, FactOrigin, Provenance};
pub use resolve::{Candidate, NameIndex, ResolveError};

use crate::model::{Dataset, Entity, RelationKind, Style};

/// A dataset and the graph built from it, with the style exports draw it in.
#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    dataset: Dataset,
    /// How exports draw the graph: [`Style::builtin`] unless set by [`KnowledgeGraph::with_style`].
    style: Style,
    /// Node weights are indexes into `dataset.entities`; node `i` is entity `i`.
    graph: DiGraph<usize, Fact>,
    names: NameIndex,
    /// For each person (entity index): (office index, tenure index) of every office held.
    tenures: rustc_hash::FxHashMap<usize, Vec<(usize, usize)>>,
    /// For each node: its `met_with` and `participated_in` facts, in graph
    /// order, so `who_met` never walks a government's thousands of other facts.
    encounters: Vec<Vec<EdgeIndex>>,
    /// The id of each edge when the graph is a slice of a larger one (see
    /// [`KnowledgeGraph::from_parts`]); `None` when ids are edge indexes.
    fact_ids: Option<Vec<FactId>>,
}

/// A fact seen from one of its two entities.
#[derive(Debug, Clone, Copy)]
pub struct FactRef<'g> {
    /// The edge's index in the petgraph graph.
    pub edge: EdgeIndex,
    /// The fact's id: the edge index in the whole graph.
    id: FactId,
    /// The subject.
    pub from: &'g Entity,
    /// The object.
    pub to: &'g Entity,
    /// The fact.
    pub fact: &'g Fact,
}

impl<'g> FactRef<'g> {
    /// The fact's id in this graph.
    pub fn id(&self) -> FactId {
        self.id
    }

    /// The entity at the other end from `id` (the object when `id` is neither).
    pub fn other(&self, id: &str) -> &'g Entity {
        if self.to.id == id {
            self.from
        } else {
            self.to
        }
    }
}

impl KnowledgeGraph {
    /// Builds the graph of a dataset's curated records; see the [module docs](self)
    /// for what is derived. [`crate::pipeline::build_graph`] adds what the
    /// matcher finds in the articles.
    pub fn build(dataset: Dataset) -> KnowledgeGraph {
        KnowledgeGraph::build_with(dataset, Vec::new())
    }

    /// Builds the graph of a dataset's curated records and of facts extracted
    /// from articles. An extracted fact with the same subject, relation, object
    /// and date as another merges into it: one edge, all the evidence.
    pub fn build_with(
        dataset: Dataset,
        extracted: Vec<crate::extract::ArticleFacts>,
    ) -> KnowledgeGraph {
        let graph = build::build(&dataset, extracted);
        KnowledgeGraph::assemble(dataset, graph, None)
    }

    /// A graph of given facts, nothing derived: a slice of a larger graph
    /// read back from the store. `facts` are (subject index, object index,
    /// fact, its id in the whole graph) in id order, indexes into
    /// `dataset.entities`; the dataset holds only the records the slice needs,
    /// in the whole dataset's order, so every query over the slice orders its
    /// rows as it would over the whole graph.
    pub fn from_parts(
        dataset: Dataset,
        facts: Vec<(usize, usize, Fact, FactId)>,
    ) -> KnowledgeGraph {
        let mut graph = DiGraph::with_capacity(dataset.entities.len(), facts.len());
        for index in 0..dataset.entities.len() {
            graph.add_node(index);
        }
        let mut ids = Vec::with_capacity(facts.len());
        for (from, to, fact, id) in facts {
            graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), fact);
            ids.push(id);
        }
        KnowledgeGraph::assemble(dataset, graph, Some(ids))
    }

    /// The indexes of a built graph.
    fn assemble(
        dataset: Dataset,
        graph: DiGraph<usize, Fact>,
        fact_ids: Option<Vec<FactId>>,
    ) -> KnowledgeGraph {
        let names = NameIndex::new(&dataset);
        let mut tenures: rustc_hash::FxHashMap<usize, Vec<(usize, usize)>> = Default::default();
        for (o, office) in dataset.offices.values().enumerate() {
            for (t, tenure) in office.holders.iter().enumerate() {
                if let Some(person) = dataset.entities.get_index_of(&tenure.person) {
                    tenures.entry(person).or_default().push((o, t));
                }
            }
        }
        let mut encounters = vec![Vec::new(); graph.node_count()];
        for edge in graph.edge_references() {
            if matches!(
                edge.weight().relation,
                RelationKind::MetWith { .. } | RelationKind::ParticipatedIn { .. }
            ) {
                encounters[edge.source().index()].push(edge.id());
                if edge.target() != edge.source() {
                    encounters[edge.target().index()].push(edge.id());
                }
            }
        }
        KnowledgeGraph {
            dataset,
            style: Style::builtin(),
            graph,
            names,
            tenures,
            encounters,
            fact_ids,
        }
    }

    /// The id of the fact on `edge`: its index, or in a slice its index in the whole graph.
    pub fn fact_id(&self, edge: EdgeIndex) -> FactId {
        match &self.fact_ids {
            Some(ids) => ids[edge.index()],
            None => FactId(edge.index()),
        }
    }

    /// The dataset the graph was built from.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The graph drawn with `style` (a [`Loaded`](crate::load::Loaded) data
    /// directory's own) instead of the built-in one.
    pub fn with_style(mut self, style: Style) -> KnowledgeGraph {
        self.style = style;
        self
    }

    /// How exports draw the graph.
    pub fn style(&self) -> &Style {
        &self.style
    }

    /// The petgraph graph: node weights index [`Dataset::entities`], edge weights are facts.
    pub fn petgraph(&self) -> &DiGraph<usize, Fact> {
        &self.graph
    }

    /// The entity of a node.
    pub fn entity_at(&self, node: NodeIndex) -> &Entity {
        &self.dataset.entities[self.graph[node]]
    }

    /// The node of an entity id.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.dataset.entities.get_index_of(id).map(NodeIndex::new)
    }

    /// Finds the entity a person would mean by `name`: an id, a name or an alias,
    /// ignoring case and accents; see [`NameIndex::resolve`].
    pub fn resolve(&self, name: &str) -> Result<&Entity, ResolveError> {
        self.names
            .resolve(&self.dataset, name)
            .map(|i| &self.dataset.entities[i])
    }

    /// The office `person` (an id) held on `date`, when there was one (the
    /// first curated if several); like [`Dataset::office_on`], through an index.
    pub fn office_on(
        &self,
        person: &str,
        date: crate::model::Date,
    ) -> Option<&crate::model::Office> {
        self.office_of_index(self.dataset.entities.get_index_of(person)?, date)
    }

    /// [`office_on`](Self::office_on) for the entity at `index` of [`Dataset::entities`].
    pub fn office_of_index(
        &self,
        index: usize,
        date: crate::model::Date,
    ) -> Option<&crate::model::Office> {
        self.tenures.get(&index)?.iter().find_map(|&(o, t)| {
            let office = &self.dataset.offices[o];
            office.holders[t].covers(date).then_some(office)
        })
    }

    /// The fact of one edge.
    pub fn fact(&self, edge: EdgeIndex) -> Option<FactRef<'_>> {
        let (from, to) = self.graph.edge_endpoints(edge)?;
        Some(FactRef {
            edge,
            id: self.fact_id(edge),
            from: self.entity_at(from),
            to: self.entity_at(to),
            fact: &self.graph[edge],
        })
    }

    /// Every fact, in insertion order.
    pub fn facts(&self) -> impl Iterator<Item = FactRef<'_>> {
        self.graph.edge_references().map(|e| self.fact_ref(e))
    }

    /// Every fact touching the entity `id`, in graph order, each once.
    pub fn facts_of<'g>(&'g self, id: &str) -> impl Iterator<Item = FactRef<'g>> + 'g {
        self.facts_of_where(id, |_| true)
    }

    /// The `met_with` and `participated_in` facts touching `id`, in graph order.
    pub fn encounter_facts<'g>(&'g self, id: &str) -> impl Iterator<Item = FactRef<'g>> + 'g {
        let edges = self
            .node(id)
            .map(|n| self.encounters[n.index()].as_slice())
            .unwrap_or(&[]);
        edges.iter().filter_map(move |&edge| self.fact(edge))
    }

    /// The facts touching the entity `id` that pass `keep`, in graph order, each once.
    pub fn facts_of_where<'g>(
        &'g self,
        id: &str,
        keep: impl Fn(&Fact) -> bool + 'g,
    ) -> impl Iterator<Item = FactRef<'g>> + 'g {
        let node = self.node(id);
        let mut edges: Vec<EdgeIndex> = Vec::new();
        if let Some(n) = node {
            let out = self.graph.edges_directed(n, Direction::Outgoing);
            let incoming = self
                .graph
                .edges_directed(n, Direction::Incoming)
                .filter(|e| e.source() != n);
            edges.extend(
                out.chain(incoming)
                    .filter(|e| keep(e.weight()))
                    .map(|e| e.id()),
            );
        }
        edges.sort_unstable();
        edges.into_iter().filter_map(move |edge| self.fact(edge))
    }

    fn fact_ref<'g>(&'g self, edge: petgraph::graph::EdgeReference<'g, Fact>) -> FactRef<'g> {
        FactRef {
            edge: edge.id(),
            id: self.fact_id(edge.id()),
            from: self.entity_at(edge.source()),
            to: self.entity_at(edge.target()),
            fact: edge.weight(),
        }
    }
}
