//! Text processing: folding, sentences and dates in articles.

mod dates;
mod folded;
mod language;
mod sentences;
mod tuning;

pub use crate::model::fold::{fold, fold_char_into, fold_name};
pub use dates::{find_dates, header_date, is_calendar_word, DateMention};
pub use folded::FoldedText;
pub use language::{tuning, Language, LanguageError};
pub use sentences::{overlong_sentence, split_sentences, split_sentences_capped, Sentence};
pub use tuning::{listed, Calendar, Currencies, Grammar, Invalid, NameWords, Tuning};
