//! Load the bundled data and print whom a person met.
//!
//! ```sh
//! cargo run --example who_met -- Blinken
//! cargo run --example who_met -- "Alicia Bárcena"
//! ```

use newsgraph::{pipeline, Loaded};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "Blinken".to_string());
    // Curated records plus what the matcher finds in data/articles/.
    let (graph, _report) = pipeline::build_graph(Loaded::load("data")?, &|| {})?;
    let entity = graph.resolve(&name)?;
    println!("{} met:", entity.name);
    for met in graph.who_met(&entity.id) {
        let date = met
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into());
        let office = met
            .counterpart_office
            .map(|o| format!(", {o}"))
            .unwrap_or_default();
        println!(
            "  {date}  {}{office} ({}) — {}",
            met.counterpart_name,
            met.mode.label(),
            met.sources.join(", ")
        );
    }
    Ok(())
}
