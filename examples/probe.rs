use newsgraph::extract::Extractor;
use newsgraph::mentions::Matcher;
use newsgraph::Dataset;
fn main() {
    let dataset = Dataset::load("data").unwrap();
    let matcher = Matcher::new(&dataset);
    let extractor = Extractor::new(&dataset.patterns);
    for source in dataset.sources.values() {
        let Some(file) = &source.file else { continue };
        let text = std::fs::read_to_string(dataset.root.join(file)).unwrap();
        let found = matcher.analyze(&dataset, &text, source.published);
        let facts = extractor.extract(
            &dataset,
            &text,
            &found,
            source.event_date.or(source.published),
        );
        println!("=== {}", file);
        for f in &facts {
            println!(
                "  {} -[{:?}]-> {} {} ({:?}) p={} c={} | {:?}",
                dataset.entities[f.subject].id,
                f.relation,
                dataset.entities[f.object].id,
                f.date,
                f.date_origin,
                f.pattern,
                f.confidence,
                &text[f.trigger_range.clone()]
            );
        }
    }
}
