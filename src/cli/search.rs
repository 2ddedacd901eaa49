//! `newsgraph search TEXT`: entities called something like a text.

use std::io::Write;

use super::table::Table;
use super::{emit, Answer, DataArgs, FormatArgs, NothingFound, TableFormat};

/// Arguments of `search`.
#[derive(clap::Args)]
pub struct SearchArgs {
    /// What to look for.
    text: String,
    /// At most this many results.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    #[command(flatten)]
    output: FormatArgs,
}

impl SearchArgs {
    /// Prints the best matches; exit code 1 when nothing resembles the text.
    pub fn run(&self, data: &DataArgs, out: &mut impl Write) -> anyhow::Result<Answer> {
        let hits = match data.store_search(&self.text, self.limit)? {
            Some(hits) => hits,
            None => data.graph()?.search(&self.text, self.limit),
        };
        if hits.is_empty() && !matches!(self.output.format, TableFormat::Json) {
            let text = &self.text;
            return Err(
                NothingFound(format!("no entity is called anything like \"{text}\"")).into(),
            );
        }
        let mut table = Table::new(&["SCORE", "NAME", "KIND", "ID", "MATCHED"]);
        for h in &hits {
            table.row(vec![
                format!("{:.2}", h.score),
                h.name.clone(),
                h.kind.to_string(),
                h.id.clone(),
                h.matched.clone(),
            ]);
        }
        emit(self.output.format, &hits, &table, out)?;
        Ok(Answer::rows(hits.len()))
    }
}
