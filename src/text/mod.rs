//! Text processing: folding names for comparison.

mod fold;

pub use fold::{fold, fold_char_into, fold_name};
