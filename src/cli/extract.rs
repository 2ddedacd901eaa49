//! `newsgraph extract FILE...`: suggested facts for articles, as RON or JSON lines.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use newsgraph::extract::{author_of, DateOrigin, ExtractedFact, Extractor};
use newsgraph::mentions::Matcher;
use newsgraph::model::{Dataset, Date, Source};
use newsgraph::pipeline::{analyze_article, read_article_within};
use serde_json::json;

use super::{Answer, DataArgs, ExtractFormat};

/// Arguments of `extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Article files (plain UTF-8 text).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The articles' publication date (YYYY-MM-DD), for relative dates and titles.
    #[arg(long, value_name = "DATE")]
    date: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Ron)]
    format: ExtractFormat,
}

impl ExtractArgs {
    /// Runs the matcher on each file and prints the facts found.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        run(data, &self.files, self.date, self.format, out)?;
        Ok(Answer::Found)
    }
}

/// An article given on the command line and what the data says about it.
pub struct Article<'d> {
    /// Its source record, when the data has one.
    pub source: Option<&'d Source>,
    /// Reference date for relative dates and titles.
    pub date: Option<Date>,
    /// Date of facts the text leaves undated.
    pub fallback: Option<Date>,
}

/// The source records of a dataset by the canonical path of their article.
pub struct SourceFiles<'d>(HashMap<PathBuf, &'d Source>);

impl<'d> SourceFiles<'d> {
    /// Resolves every source's article path once.
    pub fn new(dataset: &'d Dataset) -> SourceFiles<'d> {
        let by_path = dataset
            .sources
            .values()
            .filter_map(|s| Some((dataset.article_path(s)?.canonicalize().ok()?, s)))
            .collect();
        SourceFiles(by_path)
    }
}

/// Finds the source record of `path`, and its dates (`--date` wins).
pub fn article<'d>(sources: &SourceFiles<'d>, path: &Path, date: Option<Date>) -> Article<'d> {
    let source = path
        .canonicalize()
        .ok()
        .and_then(|p| sources.0.get(&p).copied());
    let date = date.or(source.and_then(Source::reference_date));
    let fallback = source.and_then(|s| s.event_date).or(date);
    Article {
        source,
        date,
        fallback,
    }
}

/// A source id for an article the data does not know: its file stem as a slug.
fn suggested_source_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let slug: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "article".into()
    } else {
        slug
    }
}

/// Runs the matcher on each file and prints the facts found.
fn run(
    data: &DataArgs,
    files: &[PathBuf],
    date: Option<Date>,
    format: ExtractFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let newsgraph::Loaded {
        dataset, patterns, ..
    } = data.load()?;
    let matcher = Matcher::new(&dataset);
    let extractor = Extractor::new(&patterns);
    let sources = SourceFiles::new(&dataset);
    if let ExtractFormat::Ron = format {
        writeln!(
            out,
            "// Facts suggested by `newsgraph extract`. Check each against its sentence,"
        )?;
        writeln!(
            out,
            "// then paste the records into relations.ron (and sources.ron)."
        )?;
        writeln!(out, "(")?;
    }
    let mut new_sources = Vec::new();
    let mut relations = String::new();
    for path in files {
        let article = article(&sources, path, date);
        let text = match read_article_within(path, &dataset.limits) {
            Ok(text) => text,
            Err(error) => {
                super::report_skipped(&error.to_string());
                continue;
            }
        };
        let (_, facts) = analyze_article(
            &dataset,
            &matcher,
            &extractor,
            &text,
            article.date,
            article.fallback,
            article
                .source
                .and_then(|s| s.outlet.as_deref())
                .and_then(|o| author_of(&dataset, o)),
        );
        let source_id = match article.source {
            Some(source) => source.id.clone(),
            None => {
                let id = suggested_source_id(path);
                new_sources.push((id.clone(), path.clone(), article.date));
                id
            }
        };
        for fact in &facts {
            match format {
                ExtractFormat::Jsonl => {
                    serde_json::to_writer(
                        &mut *out,
                        &fact_json(&dataset, fact, &source_id, path, &text),
                    )?;
                    writeln!(out)?;
                }
                ExtractFormat::Ron => {
                    relations.push_str(&fact_ron(&dataset, fact, &source_id, path, &text)?)
                }
            }
        }
    }
    if let ExtractFormat::Ron = format {
        writeln!(out, "    relations: [\n{relations}    ],")?;
        if !new_sources.is_empty() {
            writeln!(
                out,
                "    // Articles the data has no source record for: complete these."
            )?;
            writeln!(out, "    sources: [")?;
            for (id, path, date) in new_sources {
                let file = ron::to_string(&path.display().to_string())?;
                let published = date
                    .map(|d| format!(" published: \"{d}\","))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "        (id: \"{id}\", file: {file}, title: \"TODO: headline\",{published}),"
                )?;
            }
            writeln!(out, "    ],")?;
        }
        writeln!(out, ")")?;
    }
    Ok(())
}

fn fact_ron(
    dataset: &Dataset,
    fact: &ExtractedFact,
    source: &str,
    path: &Path,
    text: &str,
) -> anyhow::Result<String> {
    let sentence = &text[fact.sentence_range.clone()];
    let one_line = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    let subject = &dataset.entities[fact.subject];
    let object = &dataset.entities[fact.object];
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let relation = options.to_string(&fact.relation)?;
    Ok(format!(
        "        // {} sentence {}: {}\n        // pattern `{}`, confidence {:.2}, {}\n        (\n            from: \"{}\", // {}\n            relation: {relation},\n            to: \"{}\", // {}\n            date: \"{}\",\n            sources: [\"{source}\"],\n            evidence: {},\n        ),\n",
        path.display(),
        fact.sentence,
        one_line,
        fact.pattern,
        fact.confidence,
        match fact.date_origin {
            DateOrigin::Sentence => "date from the sentence",
            DateOrigin::Context => "date from an earlier sentence",
            DateOrigin::Fallback => "the article's date (the text gives none)",
        },
        subject.id,
        subject.name,
        object.id,
        object.name,
        fact.date,
        ron::to_string(&one_line)?,
    ))
}

fn fact_json(
    dataset: &Dataset,
    fact: &ExtractedFact,
    source: &str,
    path: &Path,
    text: &str,
) -> serde_json::Value {
    let subject = &dataset.entities[fact.subject];
    let object = &dataset.entities[fact.object];
    let attributes = super::attributes_json(&fact.relation);
    json!({
        "subject": { "id": subject.id, "name": subject.name, "text": &text[fact.subject_range.clone()] },
        "relation": fact.relation.name(),
        "object": { "id": object.id, "name": object.name, "text": &text[fact.object_range.clone()] },
        "attributes": attributes,
        "date": fact.date,
        "date_precision": fact.date.precision(),
        "date_origin": fact.date_origin,
        "source": source,
        "article": path.display().to_string(),
        "evidence": {
            "sentence": &text[fact.sentence_range.clone()],
            "sentence_index": fact.sentence,
            "sentence_range": [fact.sentence_range.start, fact.sentence_range.end],
            "subject_range": [fact.subject_range.start, fact.subject_range.end],
            "object_range": [fact.object_range.start, fact.object_range.end],
            "trigger": &text[fact.trigger_range.clone()],
            "trigger_range": [fact.trigger_range.start, fact.trigger_range.end],
            "pattern": fact.pattern,
            "confidence": fact.confidence,
        },
    })
}
