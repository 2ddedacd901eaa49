//! Select an entity's neighbourhood and export it as DOT and GraphML.
//!
//! ```sh
//! cargo run --example subgraph -- "Marco Rubio" 1 /tmp/rubio
//! dot -Tsvg /tmp/rubio.dot -o /tmp/rubio.svg
//! ```

use newsgraph::export::{self, View};
use newsgraph::{pipeline, Loaded};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "Marco Rubio".to_string());
    let depth: usize = args.next().map(|d| d.parse()).transpose()?.unwrap_or(1);
    let out = args.next().unwrap_or_else(|| {
        std::env::temp_dir()
            .join("newsgraph-subgraph")
            .display()
            .to_string()
    });

    let (graph, _) = pipeline::build_graph(Loaded::load("data")?, &|| {})?;
    let entity = graph.resolve(&name)?;
    let view = View::focus(&graph, &entity.id, depth);
    println!(
        "{} within {depth} step(s): {} entities, {} facts",
        entity.name,
        view.entities().len(),
        view.facts().len()
    );
    let dot = format!("{out}.dot");
    let graphml = format!("{out}.graphml");
    export::write_atomic(dot.as_ref(), export::view_to_dot(&view).as_bytes())?;
    export::write_atomic(graphml.as_ref(), export::view_to_graphml(&view).as_bytes())?;
    println!("wrote {dot} and {graphml}");
    Ok(())
}
