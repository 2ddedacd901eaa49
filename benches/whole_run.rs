//! The whole pipeline on a generated corpus, stage by stage.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --entities 1000 --mb 20 --out target/corpus-small
//! cargo bench --bench whole_run -- target/corpus-small
//! ```
//!
//! Prints load, automaton build, matching (with 1 and 2 threads), the raw
//! aho-corasick scan of the same phrases for comparison, graph build, GraphML
//! and DOT export, `who-met` latency over 1,000 names, recall against the
//! planted relations, and peak memory.

use std::collections::HashSet;

/// The pattern id of visits the extractor infers from meetings.
const IMPLIED_VISIT: &str = "visit-implied-by-meeting";
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use newsgraph::extract::{ArticleFacts, Extractor};
use newsgraph::mentions::Matcher;
use newsgraph::pipeline::analyze_article;
use newsgraph::{export, Dataset, KnowledgeGraph, Loaded};
use rayon::prelude::*;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.to_string())
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn row(stage: &str, time: Duration, detail: String) {
    println!("{stage:<34} {:>10.3} s   {detail}", time.as_secs_f64());
}

/// Runs the matcher over every article with `threads` threads; returns facts per article.
fn run_matcher(
    dataset: &Dataset,
    matcher: &Matcher,
    extractor: &Extractor,
    threads: usize,
) -> (Vec<ArticleFacts>, Duration, usize) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let sources: Vec<_> = dataset
        .sources
        .values()
        .filter(|s| s.file.is_some())
        .collect();
    let start = Instant::now();
    let results: Vec<(ArticleFacts, usize)> = pool.install(|| {
        sources
            .par_iter()
            .map(|source| {
                let path = dataset.article_path(source).expect("a source with a file");
                let text = std::fs::read_to_string(&path).expect("generated articles are UTF-8");
                let (_, facts) = analyze_article(
                    dataset,
                    matcher,
                    extractor,
                    &text,
                    source.published,
                    source.event_date.or(source.published),
                    None,
                );
                let sentences = facts
                    .iter()
                    .map(|f| text[f.sentence_range.clone()].to_string())
                    .collect();
                let article = ArticleFacts {
                    source: source.id.clone(),
                    article: source.file.clone().unwrap_or_default(),
                    facts,
                    sentences,
                };
                (article, text.len())
            })
            .collect()
    });
    let elapsed = start.elapsed();
    let bytes = results.iter().map(|r| r.1).sum();
    (results.into_iter().map(|r| r.0).collect(), elapsed, bytes)
}

fn main() {
    let dir: PathBuf = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/corpus-small"));
    if !dir.join("planted.tsv").exists() {
        eprintln!(
            "no corpus in {}: run `cargo run --release --example gen_corpus -- --out {}` first",
            dir.display(),
            dir.display()
        );
        std::process::exit(2);
    }
    println!("newsgraph whole run on {}", dir.display());

    let start = Instant::now();
    let Loaded {
        dataset,
        patterns,
        style,
    } = Loaded::load(&dir).expect("the generated data loads");
    let load = start.elapsed();
    let entities = dataset.entities.len();
    row(
        "load + validate RON",
        load,
        format!(
            "{entities} entities, {:.0} entities/s",
            entities as f64 / load.as_secs_f64()
        ),
    );

    let start = Instant::now();
    let matcher = Matcher::new(&dataset);
    let extractor = Extractor::new(&patterns);
    let build = start.elapsed();
    row(
        "automaton build",
        build,
        format!("{} phrases", matcher.lexicon().phrases.len()),
    );

    // Warm the page cache so both runs read from memory.
    for source in dataset.sources.values() {
        if let Some(path) = dataset.article_path(source) {
            std::hint::black_box(std::fs::read(path).ok());
        }
    }
    // A first run warms the allocator and the caches; it is not reported.
    let _ = run_matcher(&dataset, &matcher, &extractor, 2);
    let (_, one, bytes) = run_matcher(&dataset, &matcher, &extractor, 1);
    let mb = bytes as f64 / 1e6;
    row(
        "matching, 1 thread",
        one,
        format!("{mb:.1} MB, {:.1} MB/s", mb / one.as_secs_f64()),
    );
    let (articles, two, _) = run_matcher(&dataset, &matcher, &extractor, 2);
    row(
        "matching, 2 threads",
        two,
        format!(
            "{:.1} MB/s, speed-up {:.2}x",
            mb / two.as_secs_f64(),
            one.as_secs_f64() / two.as_secs_f64()
        ),
    );

    // The aho-corasick crate alone on the same phrases, over the same (lowercased) text.
    let texts: Vec<String> = dataset
        .sources
        .values()
        .filter_map(|s| dataset.article_path(s))
        .map(|p| std::fs::read_to_string(p).expect("UTF-8").to_lowercase())
        .collect();
    let raw = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(matcher.lexicon().phrases.iter().map(|p| p.folded.as_str()))
        .expect("plain phrases");
    let start = Instant::now();
    let hits: usize = texts
        .iter()
        .map(|t| raw.find_iter(t.as_str()).count())
        .sum();
    let scan = start.elapsed();
    row(
        "raw aho-corasick scan, 1 thread",
        scan,
        format!(
            "{hits} hits, {:.1} MB/s (matching is {:.1}x slower)",
            mb / scan.as_secs_f64(),
            one.as_secs_f64() / scan.as_secs_f64()
        ),
    );
    let originals: Vec<String> = dataset
        .sources
        .values()
        .filter_map(|s| dataset.article_path(s))
        .map(|p| std::fs::read_to_string(p).expect("UTF-8"))
        .collect();
    let start = Instant::now();
    let mentions: usize = originals
        .iter()
        .map(|t| matcher.analyze(&dataset, t, None).mentions.len())
        .sum();
    let mention_time = start.elapsed();
    row(
        "mentions only (fold+scan+resolve)",
        mention_time,
        format!(
            "{mentions} mentions, {:.1} MB/s",
            mb / mention_time.as_secs_f64()
        ),
    );
    drop(texts);
    drop(originals);

    // Recall and precision against the planted relations.
    let planted = std::fs::read_to_string(dir.join("planted.tsv")).expect("planted.tsv");
    let symmetric = |r: &str| r == "met_with" || r == "agreed";
    let key = |article: &str, s: &str, r: &str, o: &str, d: &str| {
        let (a, b) = if symmetric(r) && o < s {
            (o, s)
        } else {
            (s, o)
        };
        format!("{article}\t{a}\t{r}\t{b}\t{d}")
    };
    let expected: HashSet<String> = planted
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            key(f[0], f[1], f[2], f[3], f[4])
        })
        .collect();
    let ids = |i: usize| dataset.entities[i].id.as_str();
    let found: HashSet<String> = articles
        .iter()
        .flat_map(|a| {
            let file = Path::new(&a.article)
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default();
            // Visits implied by meetings abroad are true of the text but the
            // generator does not plant them: counted apart below.
            a.facts
                .iter()
                .filter(|f| f.pattern != IMPLIED_VISIT)
                .map(move |f| (file.clone(), f))
                .collect::<Vec<_>>()
        })
        .map(|(file, f)| {
            key(
                &file,
                ids(f.subject),
                f.relation.name(),
                ids(f.object),
                &f.date.to_string(),
            )
        })
        .collect();
    let right = found.intersection(&expected).count();
    println!(
        "{:<34} recall {:.4} ({right} of {} planted), precision {:.4} ({} found)",
        "quality on planted relations",
        right as f64 / expected.len().max(1) as f64,
        expected.len(),
        right as f64 / found.len().max(1) as f64,
        found.len()
    );
    let implied = articles
        .iter()
        .flat_map(|a| &a.facts)
        .filter(|f| f.pattern == IMPLIED_VISIT)
        .count();
    println!(
        "{:<34} {implied} (meetings held in a place abroad)",
        "implied visits, not planted"
    );
    let start = Instant::now();
    let graph = KnowledgeGraph::build_with(dataset, articles).with_style(style);
    let graph_time = start.elapsed();
    row(
        "graph build",
        graph_time,
        format!(
            "{} nodes, {} edges",
            graph.petgraph().node_count(),
            graph.petgraph().edge_count()
        ),
    );

    let start = Instant::now();
    let path = dir.join("newsgraph.graphml");
    export::write_atomic_with(&path, |out| {
        export::write_view_graphml(&export::View::all(&graph), out)
    })
    .expect("writable corpus directory");
    let graphml_time = start.elapsed();
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    row(
        "GraphML export (to a file)",
        graphml_time,
        format!("{:.1} MB", size as f64 / 1e6),
    );
    let start = Instant::now();
    let dot = export::to_dot(&graph);
    row(
        "DOT export",
        start.elapsed(),
        format!("{:.1} MB", dot.len() as f64 / 1e6),
    );
    drop(dot);

    // who-met latency over 1,000 people, and for the busiest entity.
    let people: Vec<String> = graph
        .dataset()
        .entities_of_kind(newsgraph::EntityKind::Person)
        .map(|e| e.id.clone())
        .collect();
    let step = (people.len() / 1000).max(1);
    let mut latencies: Vec<Duration> = people
        .iter()
        .step_by(step)
        .take(1000)
        .map(|id| {
            let start = Instant::now();
            let met = graph.who_met(id);
            std::hint::black_box(met);
            start.elapsed()
        })
        .collect();
    latencies.sort();
    let busiest = graph
        .petgraph()
        .node_indices()
        .max_by_key(|&n| graph.petgraph().neighbors_undirected(n).count())
        .map(|n| graph.entity_at(n).id.clone())
        .unwrap_or_default();
    let start = Instant::now();
    let met = graph.who_met(&busiest);
    let busiest_time = start.elapsed();
    println!(
        "{:<34} median {:.2} µs, worst {:.1} µs over {} people; busiest ({busiest}, {} rows) {:.2} ms",
        "who-met latency",
        latencies[latencies.len() / 2].as_secs_f64() * 1e6,
        latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1e6),
        latencies.len(),
        met.len(),
        busiest_time.as_secs_f64() * 1e3
    );

    println!("{:<34} {:.0} MB", "peak memory (VmHWM)", peak_rss_mb());
}
