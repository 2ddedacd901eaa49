//! `newsgraph extract -`: a streaming filter from articles as JSON lines to
//! facts as JSON lines, for `RDD.pipe` and shell pipelines. One article is
//! held at a time; the automaton is built once; facts come out in input order.

use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::path::Path;

use newsgraph::extract::{author_of, Extractor};
use newsgraph::mentions::Matcher;
use newsgraph::model::{Dataset, Date, Source};
use newsgraph::pipeline::analyze_article;
use newsgraph::pipeline::lines::{fact_line, ArticleContext, ArticleLine};

use super::{article_read, suggested_source_id, unknown_source, SourceFiles};
use crate::cli::DataArgs;

/// At most this many outlets' authors are remembered (a feed has few outlets).
const AUTHOR_CACHE: usize = 4096;

/// Bytes a line may take beyond the article limit, for JSON escapes and fields.
const LINE_SLACK: u64 = 1 << 20;

/// Reads articles as JSON lines from `input` and writes their facts to `out`.
/// A bad line is reported on standard error with its line and column and
/// skipped (the run then exits with code 2).
pub fn run(
    data: &DataArgs,
    date: Option<Date>,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let newsgraph::Loaded {
        dataset, patterns, ..
    } = data.load()?;
    let matcher = Matcher::new(&dataset);
    let extractor = Extractor::new(&patterns);
    let sources = Sources::new(&dataset);
    let mut authors: HashMap<String, Option<usize>> = HashMap::new();
    // A line may hold an article at the limit, escaped: twice its bytes and some.
    let limit = dataset
        .limits
        .max_article_bytes
        .saturating_mul(2)
        .saturating_add(LINE_SLACK);
    let mut buffer = Vec::new();
    let mut number = 0usize;
    loop {
        buffer.clear();
        let read = input.by_ref().take(limit).read_until(b'\n', &mut buffer)?;
        if read == 0 {
            break;
        }
        number += 1;
        let bad = |column: usize, message: &str| {
            crate::cli::report_skipped(&format!("stdin:{number}:{column}: {message}"));
        };
        if buffer.len() as u64 >= limit && !buffer.ends_with(b"\n") {
            skip_line(input)?;
            bad(
                1,
                &format!(
                    "the line is longer than {limit} bytes (twice --max-article-bytes, and 1 MiB)"
                ),
            );
            continue;
        }
        let line = trim_line_end(&buffer);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = match std::str::from_utf8(line) {
            Ok(line) => line,
            Err(error) => {
                bad(error.valid_up_to() + 1, "not UTF-8");
                continue;
            }
        };
        let article: ArticleLine = match serde_json::from_str(line) {
            Ok(article) => article,
            Err(error) => {
                let message = error.to_string();
                let message = message
                    .rfind(" at line ")
                    .map_or(message.as_str(), |at| &message[..at]);
                bad(error.column().max(1), message);
                continue;
            }
        };
        let Some(resolved) = resolve(&sources, article, date) else {
            bad(1, "an article needs an `id` or a `path`");
            continue;
        };
        let text = &resolved.text;
        if text.len() as u64 > dataset.limits.max_article_bytes {
            bad(1, &format!(
                "article `{}` is larger than {} bytes (the limit; raise it with --max-article-bytes)",
                resolved.record.id, dataset.limits.max_article_bytes
            ));
            continue;
        }
        if let Some(long) =
            newsgraph::text::overlong_sentence(text, dataset.limits.max_sentence_bytes)
        {
            bad(1, &format!(
                "article `{}` has a sentence of {} bytes at byte offset {}, longer than {} (the limit; raise it with --max-sentence-bytes)",
                resolved.record.id, long.len(), long.start, dataset.limits.max_sentence_bytes
            ));
            continue;
        }
        let author = resolved.record.outlet.as_deref().and_then(|outlet| {
            if let Some(found) = authors.get(outlet) {
                return *found;
            }
            let found = author_of(&dataset, outlet);
            if authors.len() < AUTHOR_CACHE {
                authors.insert(outlet.to_string(), found);
            }
            found
        });
        // As `build` reads an article: see `super::article`.
        let reference = resolved.published.or(date).or(resolved.record.published);
        let fallback = resolved.record.event_date.or(reference);
        let (mentions, facts) = analyze_article(
            &dataset, &matcher, &extractor, text, reference, fallback, author,
        );
        let context = ArticleContext {
            source: &resolved.record.id,
            article: &resolved.article,
            file: &resolved.file,
            record: (!resolved.known).then_some(&resolved.record),
            read: article_read(text, &mentions),
            text,
        };
        for fact in &facts {
            serde_json::to_writer(&mut *out, &fact_line(&dataset, fact, &context))?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// The rest of an over-long line, read and dropped a buffer at a time.
fn skip_line(input: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        if let Some(end) = chunk.iter().position(|&b| b == b'\n') {
            input.consume(end + 1);
            return Ok(());
        }
        let all = chunk.len();
        input.consume(all);
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The dataset's source records by the article paths they name: canonical,
/// as written in the source (`articles/x.txt`), and joined with the data
/// directory (`data/articles/x.txt`), so a path given on another machine,
/// where the articles may not be, still finds its record.
struct Sources<'d> {
    dataset: &'d Dataset,
    canonical: SourceFiles<'d>,
    written: HashMap<String, &'d Source>,
}

impl<'d> Sources<'d> {
    fn new(dataset: &'d Dataset) -> Sources<'d> {
        let mut written = HashMap::new();
        for source in dataset.sources.values() {
            if let (Some(file), Some(path)) = (&source.file, dataset.article_path(source)) {
                written.insert(path.display().to_string(), source);
                written.entry(file.clone()).or_insert(source);
            }
        }
        Sources {
            dataset,
            canonical: SourceFiles::new(dataset),
            written,
        }
    }

    fn find(&self, id: Option<&str>, path: Option<&str>) -> Option<&'d Source> {
        if let Some(source) = id.and_then(|id| self.dataset.sources.get(id)) {
            return Some(source);
        }
        let path = path?;
        // `data/articles/x.txt` given where the data directory is elsewhere
        // (shipped to a cluster's executors) still ends with `articles/x.txt`.
        let suffixes = path.match_indices('/').map(|(at, _)| &path[at + 1..]);
        std::iter::once(path)
            .chain(suffixes)
            .find_map(|p| self.written.get(p).copied())
            .or_else(|| self.canonical.find(Path::new(path)))
    }
}

/// An article line with its source record: the dataset's, with what the line gives on top.
struct Resolved {
    record: Source,
    known: bool,
    published: Option<Date>,
    article: String,
    file: String,
    text: String,
}

fn resolve(sources: &Sources, line: ArticleLine, date: Option<Date>) -> Option<Resolved> {
    let known = sources.find(line.id.as_deref(), line.path.as_deref());
    let id = match (&line.id, known, &line.path) {
        (Some(id), _, _) => id.clone(),
        (None, Some(source), _) => source.id.clone(),
        (None, None, Some(path)) => suggested_source_id(Path::new(path)),
        (None, None, None) => return None,
    };
    let known = known.filter(|s| s.id == id);
    let mut record = known
        .cloned()
        .unwrap_or_else(|| unknown_source(id.clone(), None));
    record.published = line.published.or(record.published);
    record.event_date = line.event_date.or(record.event_date);
    record.title = line.title.unwrap_or(record.title);
    record.outlet = line.outlet.or(record.outlet);
    record.url = line.url.or(record.url);
    // The path it was given by, else its id: never where this process
    // happens to find the data (a cluster's executors each have their own).
    let article = line.path.clone().unwrap_or_else(|| id.clone());
    let file = match known {
        Some(source) => source.file.clone().unwrap_or_default(),
        None => line.path.unwrap_or_default(),
    };
    if known.is_none() && record.published.is_none() {
        record.published = date;
    }
    Some(Resolved {
        published: line.published,
        record,
        known: known.is_some(),
        article,
        file,
        text: line.text,
    })
}
