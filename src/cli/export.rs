//! `newsgraph export`.

use std::io::Write;
use std::path::Path;

use newsgraph::export::{self, Engine, ImageFormat, View};

use super::{EngineArg, ExportFormat};

/// Writes the view in `format` to `output`, or to standard output.
pub fn run(
    view: &View<'_>,
    format: ExportFormat,
    output: Option<&Path>,
    engine: EngineArg,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let engine = match engine {
        EngineArg::Dot => Engine::Dot,
        EngineArg::Neato => Engine::Neato,
        EngineArg::Fdp => Engine::Fdp,
        EngineArg::Sfdp => Engine::Sfdp,
    };
    let bytes = match format {
        ExportFormat::Dot => export::view_to_dot(view).into_bytes(),
        ExportFormat::Graphml => export::view_to_graphml(view).into_bytes(),
        ExportFormat::Json => export::view_to_json(view).into_bytes(),
        ExportFormat::Svg => export::render(&export::view_to_dot(view), ImageFormat::Svg, engine)?,
        ExportFormat::Png => export::render(&export::view_to_dot(view), ImageFormat::Png, engine)?,
        ExportFormat::Html => {
            let svg = export::render(&export::view_to_dot(view), ImageFormat::Svg, engine)?;
            export::to_html(view, &String::from_utf8_lossy(&svg), "newsgraph").into_bytes()
        }
        ExportFormat::Csv => {
            let Some(dir) = output else {
                anyhow::bail!("--format csv writes four files: give the directory with -o DIR");
            };
            for (name, bytes) in export::to_csv_files(view)? {
                let path = dir.join(name);
                export::write_atomic(&path, &bytes)?;
                writeln!(out, "wrote {}", path.display())?;
            }
            return Ok(());
        }
    };
    match output {
        Some(path) => export::write_atomic(path, &bytes)?,
        None => out.write_all(&bytes)?,
    }
    Ok(())
}
