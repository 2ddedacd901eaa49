//! `newsgraph extract FILE...`: suggested facts for articles, as RON or JSON lines.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use newsgraph::extract::{author_of, DateOrigin, ExtractedFact, Extractor};
use newsgraph::mentions::Matcher;
use newsgraph::model::{Dataset, Date, Source};
use newsgraph::pipeline::lines::{fact_line, ArticleContext, ArticleRead};
use newsgraph::pipeline::{analyze_article, read_article_within};

use super::{Answer, DataArgs, ExtractFormat};

mod stdin;

/// Arguments of `extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Article files (plain UTF-8 text), or `-` alone: read articles as JSON
    /// lines on standard input (`{"id": …, "published": "YYYY-MM-DD", "text": …}`,
    /// optionally `path`, `event_date`, `title`, `outlet`, `url`) and write
    /// one JSON line per fact, in input order, as they are found.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The articles' publication date (YYYY-MM-DD), for relative dates and
    /// titles. With `-`, for the lines that give none.
    #[arg(long, value_name = "DATE")]
    date: Option<Date>,
    /// Output format [default: ron for files, jsonl with `-`].
    #[arg(long, value_enum)]
    format: Option<ExtractFormat>,
}

impl ExtractArgs {
    /// Runs the matcher on each file (or each line of standard input) and prints the facts found.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        let stdin = self.files.iter().any(|f| f.as_os_str() == "-");
        if stdin {
            if self.files.len() > 1 {
                anyhow::bail!(
                    "`-` (articles as JSON lines on standard input) cannot be mixed with files"
                );
            }
            if let Some(ExtractFormat::Ron) = self.format {
                anyhow::bail!("`extract -` writes JSON lines only (--format jsonl)");
            }
            stdin::run(data, self.date, &mut std::io::stdin().lock(), out)?;
        } else {
            let format = self.format.unwrap_or(ExtractFormat::Ron);
            run(data, &self.files, self.date, format, out)?;
        }
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

    /// The source record of the article at `path`, if the data names it.
    pub fn find(&self, path: &Path) -> Option<&'d Source> {
        let path = path.canonicalize().ok()?;
        self.0.get(&path).copied()
    }
}

/// Finds the source record of `path`, and its dates (`--date` wins).
pub fn article<'d>(sources: &SourceFiles<'d>, path: &Path, date: Option<Date>) -> Article<'d> {
    let source = sources.find(path);
    // As `build` reads it: relative dates and titles from the publication
    // date; the main event date only dates what the text leaves undated.
    let date = date.or(source.and_then(|s| s.published));
    let fallback = source.and_then(|s| s.event_date).or(date);
    Article {
        source,
        date,
        fallback,
    }
}

/// A source id for an article the data does not know: its file stem as a slug.
pub fn suggested_source_id(path: &Path) -> String {
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
        let (mentions, facts) = analyze_article(
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
        let shown = path.display().to_string();
        let (source_id, record) = match article.source {
            Some(source) => (source.id.clone(), None),
            None => {
                let id = suggested_source_id(path);
                new_sources.push((id.clone(), path.clone(), article.date));
                (id.clone(), Some(unknown_source(id, article.date)))
            }
        };
        let file = match article.source {
            Some(source) => source.file.clone().unwrap_or_default(),
            None => shown.clone(),
        };
        let context = ArticleContext {
            source: &source_id,
            article: &shown,
            file: &file,
            record: record.as_ref(),
            read: article_read(&text, &mentions),
            text: &text,
        };
        for fact in &facts {
            match format {
                ExtractFormat::Jsonl => {
                    serde_json::to_writer(&mut *out, &fact_line(&dataset, fact, &context))?;
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

/// What reading an article came to, for the store of a `build --facts`.
pub fn article_read(text: &str, mentions: &newsgraph::mentions::ArticleMentions) -> ArticleRead {
    ArticleRead {
        hash: newsgraph::store::hash_bytes(text.as_bytes()),
        bytes: text.len(),
        sentences: mentions.sentences.len(),
        mentions: mentions.mentions.len(),
        linked: mentions.linked(),
    }
}

/// The source record of an article the data does not know.
pub fn unknown_source(id: String, published: Option<Date>) -> Source {
    Source {
        title: id.clone(),
        id,
        file: None,
        outlet: None,
        published,
        event_date: None,
        url: None,
        note: None,
    }
}
