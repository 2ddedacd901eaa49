//! Limits on what one run reads: article size, sentence length, errors shown.
//!
//! The defaults keep memory flat and time linear on any input, and are far
//! above what news text needs: the longest sentence of the 57 real texts in
//! `tests/realtext/` is 1,247 bytes, the longest article under 5 KB.

/// Caps on input size; an article over a cap is reported and skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Articles larger than this many bytes are skipped (default 8 MiB).
    pub max_article_bytes: u64,
    /// Articles with a sentence longer than this many bytes are skipped
    /// (default 5,000); the sentence splitter cuts longer runs of text at
    /// this length so that no caller of the matcher pays more.
    pub max_sentence_bytes: usize,
    /// At most this many data errors are shown (default 100); the rest are counted.
    pub max_errors: usize,
}

impl Limits {
    /// Default [`Limits::max_article_bytes`]: 8 MiB.
    pub const MAX_ARTICLE_BYTES: u64 = 8 << 20;
    /// Default [`Limits::max_sentence_bytes`].
    pub const MAX_SENTENCE_BYTES: usize = 5_000;
    /// Default [`Limits::max_errors`].
    pub const MAX_ERRORS: usize = 100;
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_article_bytes: Limits::MAX_ARTICLE_BYTES,
            max_sentence_bytes: Limits::MAX_SENTENCE_BYTES,
            max_errors: Limits::MAX_ERRORS,
        }
    }
}
