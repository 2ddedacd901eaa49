//! `newsgraph mentions FILE`: every sentence, every mention, and why it resolved as it did.

use std::io::Write;
use std::path::{Path, PathBuf};

use newsgraph::mentions::{Matcher, MentionKind, Resolution};
use newsgraph::pipeline::read_article_within;

use super::{Answer, DataArgs};

/// Arguments of `mentions`.
#[derive(clap::Args)]
pub struct MentionsArgs {
    /// The article file.
    file: PathBuf,
    /// The article's publication date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    date: Option<newsgraph::Date>,
}

impl MentionsArgs {
    /// Prints the article's sentences with their mentions.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        run(data, &self.file, self.date, out)?;
        Ok(Answer::Found)
    }
}

/// Prints the article's sentences with their mentions.
fn run(
    data: &DataArgs,
    file: &Path,
    date: Option<newsgraph::Date>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let dataset = data.load()?.dataset;
    let sources = super::extract::SourceFiles::new(&dataset);
    let article = super::extract::article(&sources, file, date);
    let text = read_article_within(file, &dataset.limits)?;
    let found = Matcher::new(&dataset).analyze(&dataset, &text, article.date);
    match found.reference_date {
        Some(d) => writeln!(out, "{}: dated {d}", file.display())?,
        None => writeln!(
            out,
            "{}: no date (give --date YYYY-MM-DD to resolve titles and relative dates)",
            file.display()
        )?,
    }
    for sentence in &found.sentences {
        let one_line = sentence
            .text(&text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(out, "\n[{}] {one_line}", sentence.index)?;
        for date in &found.sentence_dates[sentence.index] {
            writeln!(
                out,
                "    date  \"{}\" → {}",
                &text[date.range.clone()],
                date.date
            )?;
        }
        for mention in found.mentions_in(sentence.index) {
            let shown = &text[mention.range.clone()];
            let kind = match mention.kind {
                MentionKind::Name => "name",
                MentionKind::Title => "title",
                MentionKind::Demonym => "demonym",
            };
            let target = mention.entity.map(|e| &dataset.entities[e]);
            let why = match &mention.resolution {
                Resolution::Alias => "name or alias".to_string(),
                Resolution::Corroborated { by } => format!("weak alias, corroborated: {by}"),
                Resolution::Office { office, date } => format!("holder of `{office}` on {date}"),
                Resolution::TitleOfName => "title of the name that follows".to_string(),
                Resolution::Demonym => "demonym of the government".to_string(),
                Resolution::Ambiguous { candidates } => {
                    format!("ambiguous: {}", candidates.join(", "))
                }
                Resolution::Unlinked { why } => format!("not linked: {why}"),
            };
            let glued = if mention.glued {
                " [glued to the word before or after]"
            } else {
                ""
            };
            match target {
                Some(entity) => writeln!(
                    out,
                    "    {kind:<7} \"{shown}\" → {} (`{}`): {why}{glued}",
                    entity.name, entity.id
                )?,
                None => writeln!(out, "    {kind:<7} \"{shown}\" → ?: {why}{glued}")?,
            }
        }
    }
    let unknown = found.unknown_names(&text);
    if !unknown.is_empty() {
        writeln!(out, "\nunknown names (capitalised, not linked):")?;
        for (name, count) in &unknown {
            writeln!(out, "    {count:>3}  {name}")?;
        }
    }
    Ok(())
}
