//! The store on a generated corpus: how long `build` takes to write it, how
//! big it is, and what a query saves by reading it.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --entities 10000 --mb 20 --out target/corpus-mid
//! cargo bench --bench store -- target/corpus-mid
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use newsgraph::{pipeline, store, Loaded};

fn row(stage: &str, time: Duration, detail: String) {
    println!("{stage:<34} {:>10.3} s   {detail}", time.as_secs_f64());
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn main() {
    let dir: PathBuf = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("data"));
    let dirs = [dir.clone()];
    println!("newsgraph store on {}", dir.display());
    let (loaded, load) = timed(|| Loaded::load(&dir).expect("the data loads"));
    let (dataset, patterns) = (loaded.dataset.clone(), loaded.patterns.clone());
    row("load + validate RON", load, String::new());
    let (built, time) =
        timed(|| pipeline::build_graph_incremental(loaded.clone(), None, &|| {}).expect("builds"));
    let (graph, _, entries) = built;
    row(
        "match every article + graph",
        time,
        format!(
            "{} articles, {} facts",
            entries.len(),
            graph.petgraph().edge_count()
        ),
    );
    let out = tempfile::tempdir().expect("a temporary directory");
    let path = out.path().join("newsgraph.sqlite");
    let (_, time) =
        timed(|| pipeline::write_store(&path, &dirs, &graph, &patterns, &entries).expect("writes"));
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    row(
        "write the store",
        time,
        format!("{:.1} MB", size as f64 / 1e6),
    );
    let (opened, time) = timed(|| store::Store::open(&path).expect("opens"));
    let (fresh, check) = timed(|| opened.check(&dirs).expect("checks"));
    row("check the hashes", check + time, format!("{fresh:?}"));
    let (cache, time) =
        timed(|| pipeline::reusable_articles(&opened, &dataset, &patterns).expect("reads"));
    row(
        "read the articles' facts",
        time,
        format!("{} articles", cache.len()),
    );
    let mut cache = cache;
    let (_, time) = timed(|| {
        let entries = pipeline::take_cached(&dataset, &mut cache).expect("every article cached");
        pipeline::graph_from_owned(dataset.clone(), entries, Vec::new())
    });
    row("graph from the cached facts", time, String::new());
    let (_, time) = timed(|| {
        pipeline::build_graph_incremental(loaded.clone(), Some(&path), &|| {}).expect("builds")
    });
    row(
        "incremental build, nothing changed",
        time,
        "(hashing every article)".into(),
    );
}
