//! How pictures look, as data a curator edits (`style: (...)` in `data/style.ron`).
//! Only the schema lives here, below `load`; `export` draws with it.

use indexmap::IndexMap;
use serde::Deserialize;

/// Graphviz attributes, by name, in the order written.
pub type Attributes = IndexMap<String, String>;

/// Drawing rules for DOT exports. Every value is a Graphviz attribute.
///
/// Attributes apply from the general to the specific: `node` to every node,
/// then `kinds[kind]`; `edge` to every edge, then `relations[relation]`, then
/// `derived` to facts derived from other records.
///
/// A data directory without a `style` section is drawn with [`Style::builtin`]; a
/// field left out of a `style` section is empty.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Style {
    /// Graph attributes (`rankdir`, `fontname`, `overlap`…).
    pub graph: Attributes,
    /// Attributes of every node.
    pub node: Attributes,
    /// Attributes of every edge.
    pub edge: Attributes,
    /// Node attributes by entity kind (`person`, `government`…).
    pub kinds: IndexMap<String, Attributes>,
    /// Edge attributes by relation name (`met_with`, `funded`…).
    pub relations: IndexMap<String, Attributes>,
    /// Attributes added to derived facts (from events, offices, parents).
    pub derived: Attributes,
    /// Relations not drawn (they stay in GraphML and JSON exports).
    pub hidden_relations: Vec<String>,
    /// Whether derived `met_with` facts are drawn even when their event is in the
    /// picture (its participants already show who met whom).
    pub draw_derived_meetings: bool,
    /// Whether governments and the entities of their country are drawn in one cluster.
    pub cluster_by_country: bool,
    /// Cluster attributes.
    pub cluster: Attributes,
    /// Whether a legend of kinds and relations is drawn.
    pub legend: bool,
    /// Changes for the picture of the whole graph (not focused or filtered views).
    pub overview: Overview,
    /// How the interactive page draws entities and facts.
    pub page: PageStyle,
}

/// How the picture of the whole graph differs from a focused picture: a
/// picture of everything needs fewer lines and words to stay readable.
///
/// Every field left out changes nothing.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Overview {
    /// Relations not drawn in the whole picture (the legend says so).
    pub hidden_relations: Vec<String>,
    /// Whether entities with no line drawn are left out (the legend counts them).
    pub drop_isolated: bool,
    /// Whether the lines' labels go into their tooltips instead of beside them.
    pub labels_in_tooltips: bool,
    /// Whether the clusters by country are left out.
    pub without_clusters: bool,
    /// Graph attributes added to [`Style::graph`].
    pub graph: Attributes,
}

/// The page's styles: Cytoscape.js style properties
/// (<https://js.cytoscape.org/#style>) by entity kind and by relation.
///
/// Only properties that draw are passed to the page (see
/// `PAGE_PROPERTIES` in `html.rs`): nothing in a style can load a file.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PageStyle {
    /// Node properties by entity kind (`shape`, `background-color`…).
    pub kinds: IndexMap<String, Attributes>,
    /// Edge properties by relation name (`line-color`, `line-style`…).
    pub relations: IndexMap<String, Attributes>,
}

/// The style used when a dataset has none: the bundled `data/style.ron`.
const DEFAULT_STYLE: &str = include_str!("../../data/style.ron");

impl Style {
    /// The style of the bundled `data/style.ron`, built into the library.
    pub fn builtin() -> Style {
        #[derive(Deserialize)]
        struct File {
            style: Style,
        }
        ron::from_str::<File>(DEFAULT_STYLE)
            .map(|file| file.style)
            .expect("the bundled data/style.ron is valid (tested)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_style_parses() {
        #[derive(Deserialize)]
        struct File {
            #[allow(dead_code)]
            style: Style,
        }
        ron::from_str::<File>(DEFAULT_STYLE).expect("data/style.ron is valid");
        assert!(Style::builtin().kinds.contains_key("person"));
    }
}
