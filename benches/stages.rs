//! Criterion micro-benchmarks, one per stage of the pipeline.
//!
//! ```sh
//! cargo bench --bench stages                                   # bundled data
//! NEWSGRAPH_CORPUS=target/corpus-small cargo bench --bench stages  # a generated corpus
//! ```
//!
//! Throughput is reported in bytes (folding and matching, sentence splitting),
//! sentences (extraction) or entities (RON loading).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph::extract::Extractor;
use newsgraph::mentions::{scan, Matcher};
use newsgraph::model::PatternSet;
use newsgraph::text::{split_sentences, FoldedText};
use newsgraph::{Dataset, Date, Loaded};

fn corpus() -> (PathBuf, Dataset, PatternSet, Vec<(String, Option<Date>)>) {
    let dir =
        std::env::var_os("NEWSGRAPH_CORPUS").map_or_else(|| PathBuf::from("data"), PathBuf::from);
    let Loaded {
        dataset, patterns, ..
    } = Loaded::load(&dir).expect("the corpus loads");
    let mut articles: Vec<(String, Option<Date>)> = dataset
        .sources
        .values()
        .filter_map(|s| {
            Some((
                std::fs::read_to_string(dataset.article_path(s)?).ok()?,
                s.reference_date(),
            ))
        })
        .take(400)
        .collect();
    // Bundled data is small: repeat it to about 1 MB so timings are stable.
    let bytes: usize = articles.iter().map(|a| a.0.len()).sum();
    let copies = (1_000_000 / bytes.max(1)).max(1);
    articles = articles
        .iter()
        .cycle()
        .take(articles.len() * copies)
        .cloned()
        .collect();
    (dir, dataset, patterns, articles)
}

fn stages(c: &mut Criterion) {
    let (dir, dataset, patterns, articles) = corpus();
    let bytes: usize = articles.iter().map(|a| a.0.len()).sum();
    let matcher = Matcher::new(&dataset);
    let extractor = Extractor::new(&patterns);

    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("fold + alias scan", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|(text, _)| scan(matcher.lexicon(), text, &FoldedText::new(text)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("mentions (fold, scan, sentences, dates, resolution)", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|(text, date)| matcher.analyze(&dataset, text, *date).mentions.len())
                .sum::<usize>()
        })
    });
    group.bench_function("sentence splitting", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|(text, _)| split_sentences(text).len())
                .sum::<usize>()
        })
    });
    group.finish();

    let analysed: Vec<_> = articles
        .iter()
        .map(|(text, date)| (text, *date, matcher.analyze(&dataset, text, *date)))
        .collect();
    let sentences: usize = analysed.iter().map(|a| a.2.sentences.len()).sum();
    let mut group = c.benchmark_group("extraction");
    group.throughput(Throughput::Elements(sentences as u64));
    group.bench_function("relation extraction (per sentence)", |b| {
        b.iter(|| {
            analysed
                .iter()
                .map(|(text, date, found)| extractor.extract(&dataset, text, found, *date).len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.throughput(Throughput::Elements(dataset.entities.len() as u64));
    group.bench_function("RON loading (per entity)", |b| {
        b.iter(|| Dataset::load(&dir).expect("loads").entities.len())
    });
    group.bench_function("automaton build", |b| {
        b.iter(|| Matcher::new(&dataset).lexicon().phrases.len())
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
