//! Build a dataset of your own, from a directory of RON files or in code, run
//! the matcher on a text, and query a graph that includes what it found.
//!
//! ```sh
//! cargo run --example own_dataset                  # a dataset written below
//! cargo run --example own_dataset -- path/to/data  # your own data directory
//! ```

use newsgraph::extract::{ArticleFacts, Extractor};
use newsgraph::mentions::Matcher;
use newsgraph::{Date, KnowledgeGraph, Loaded};

/// A small dataset, written as a curator would write it in a .ron file.
const DATA: &str = r#"(
    governments: [
        (id: "freedonia", name: "Freedonia", demonyms: ["Freedonian"]),
        (id: "sylvania", name: "Sylvania", demonyms: ["Sylvanian"]),
    ],
    people: [
        (id: "rufus-firefly", name: "Rufus T. Firefly", weak_aliases: ["Firefly"], country: "freedonia"),
        (id: "trentino", name: "Ambassador Trentino", weak_aliases: ["Trentino"], country: "sylvania"),
    ],
    offices: [
        (id: "freedonia-leader", name: "Leader of Freedonia", of: "freedonia", titles: ["Leader of Freedonia"],
         holders: [(person: "rufus-firefly", from: "1933-11-01", sources: ["gazette"])]),
    ],
    sources: [(id: "gazette", title: "The Freedonia Gazette")],
)"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The records, and the relation patterns and style beside them.
    let Loaded {
        dataset, patterns, ..
    } = match std::env::args().nth(1) {
        Some(dir) => Loaded::load(dir)?,
        None => {
            // Write the RON into a temporary data directory and load it like any other.
            let dir =
                std::env::temp_dir().join(format!("newsgraph-example-{}", std::process::id()));
            std::fs::create_dir_all(&dir)?;
            std::fs::write(dir.join("data.ron"), DATA)?;
            let loaded = Loaded::load(&dir);
            std::fs::remove_dir_all(&dir)?;
            loaded?
        }
    };
    println!(
        "{} entities, {} offices",
        dataset.entities.len(),
        dataset.offices.len()
    );

    // Run the matcher on a text the dataset has never seen.
    let text = "The Leader of Freedonia met with Ambassador Trentino on Friday. \
                Firefly did not meet the Sylvanian envoy again.";
    let date = Date::ymd(1933, 11, 20);
    let matcher = Matcher::new(&dataset);
    let extractor = Extractor::new(&patterns);
    let mentions = matcher.analyze(&dataset, text, date);
    let facts = extractor.extract(&dataset, text, &mentions, date);
    for fact in &facts {
        println!(
            "found: {} {} {} on {} (pattern {}, confidence {:.2})",
            dataset.entities[fact.subject].name,
            fact.relation.name(),
            dataset.entities[fact.object].name,
            fact.date,
            fact.pattern,
            fact.confidence
        );
    }

    // The graph of the curated records and of the facts just found, as the
    // text's own source ("gazette" here; the first source of your directory).
    let subjects: Vec<String> = facts
        .iter()
        .map(|f| dataset.entities[f.subject].id.clone())
        .collect();
    let found = ArticleFacts {
        source: dataset
            .sources
            .keys()
            .next()
            .cloned()
            .unwrap_or_else(|| "example".into()),
        article: "(the text above)".into(),
        sentences: facts
            .iter()
            .map(|f| text[f.sentence_range.clone()].to_string())
            .collect(),
        facts,
    };
    let graph = KnowledgeGraph::build_with(dataset, vec![found]);
    let stats = graph.stats(3);
    println!("graph: {} nodes, {} edges", stats.nodes, stats.edges);
    for ranked in stats.top_degree {
        println!("  {} (degree {})", ranked.name, ranked.score);
    }
    // Ask the graph about what the text said.
    for subject in &subjects {
        for met in graph.who_met(subject) {
            let date = met.date.map(|d| d.to_string()).unwrap_or_default();
            println!("{subject} met {} on {date}", met.counterpart_name);
        }
    }
    Ok(())
}
