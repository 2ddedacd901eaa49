//! What several test binaries share: the bundled data, and the matcher and
//! extractor built from it, each loaded once per binary.

#![allow(dead_code)] // each binary uses its own part

use std::sync::OnceLock;

use newsgraph::extract::Extractor;
use newsgraph::mentions::Matcher;
use newsgraph::{Dataset, Loaded};

/// The bundled data directory, loaded once.
pub fn loaded() -> &'static Loaded {
    static DATA: OnceLock<Loaded> = OnceLock::new();
    DATA.get_or_init(|| Loaded::load("data").expect("the bundled data loads"))
}

/// The bundled dataset's records.
pub fn dataset() -> &'static Dataset {
    &loaded().dataset
}

/// The matcher and extractor of the bundled data, built once.
pub fn matcher() -> &'static (Matcher, Extractor) {
    static MATCHER: OnceLock<(Matcher, Extractor)> = OnceLock::new();
    MATCHER.get_or_init(|| (Matcher::new(dataset()), Extractor::new(&loaded().patterns)))
}
