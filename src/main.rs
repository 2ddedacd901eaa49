//! The `newsgraph` command line: parses arguments, runs the command, exits
//! with 0 (answered), 1 (nothing found) or 2 (error). The commands live in `cli/`.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: the matcher makes many small allocations per article, and the
/// system allocator spent a fifth of the run on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main(&cli::Cli::parse())
}
