//! Plain-text tables for the terminal.

use std::io::{self, Write};

/// A table: a header row and data rows, printed with aligned columns.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column titles.
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; missing cells print empty.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Prints the table as tab-separated values: a header of lowercase names,
    /// tabs and line breaks in cells turned into spaces.
    pub fn print_tsv(&self, out: &mut impl Write) -> io::Result<()> {
        let header: Vec<String> = self
            .header
            .iter()
            .map(|h| h.to_lowercase().replace(' ', "_"))
            .collect();
        writeln!(out, "{}", header.join("\t"))?;
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| super::tsv_cell(c)).collect();
            writeln!(out, "{}", cells.join("\t"))?;
        }
        Ok(())
    }

    /// Prints the table, columns separated by two spaces, trailing spaces trimmed.
    pub fn print(&self, out: &mut impl Write) -> io::Result<()> {
        let columns = self.header.len();
        let width = |i: usize| {
            std::iter::once(&self.header)
                .chain(&self.rows)
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..columns).map(width).collect();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::new();
            for (i, w) in widths.iter().enumerate() {
                let cell = row.get(i).map_or("", String::as_str);
                line.push_str(cell);
                if i + 1 < columns {
                    line.push_str(&" ".repeat(w - cell.chars().count() + 2));
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}
