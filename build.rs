//! Records a hash of the sources that decide what the matcher finds (the code,
//! the language pack, the built-in patterns), so a store written by another
//! version of newsgraph is known to be out of date.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

const INPUTS: [&str; 4] = ["src", "lang", "data/patterns.ron", "Cargo.lock"];

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                files(&entry.path(), out);
            }
        }
        Err(_) => out.push(path.to_path_buf()),
    }
}

fn main() {
    let mut all = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        files(Path::new(input), &mut all);
    }
    all.sort();
    let mut hasher = std::hash::DefaultHasher::new();
    for path in &all {
        path.hash(&mut hasher);
        std::fs::read(path).unwrap_or_default().hash(&mut hasher);
    }
    println!(
        "cargo:rustc-env=NEWSGRAPH_CODE_HASH={}-{:016x}",
        env!("CARGO_PKG_VERSION"),
        hasher.finish()
    );
}
