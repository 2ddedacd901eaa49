//! How a fact reads: its short label and the amounts and texts in it.
//!
//! Presentation lives here, below [`query`](crate::query) and
//! [`export`](crate::export), so a query result and a picture label a fact
//! the same way without either importing the other.

use super::Fact;
use crate::model::{AttributeValue, RelationKind};

/// A short label for an edge: the relation, its main attribute and the date
/// on a second line; empty for `participated_in` and `part_of` (the line
/// style and the legend say it).
pub fn edge_label(fact: &Fact) -> String {
    let main = match &fact.relation {
        RelationKind::MetWith { mode } => Some(mode.label().to_string()),
        RelationKind::Funded {
            amount, currency, ..
        } => amount.map(|a| money(a, currency.as_deref())),
        RelationKind::Designated { designation } => Some(designation.clone()),
        RelationKind::Agreed { what, status } => Some(format!(
            "{} ({})",
            shorten(what, 40),
            status.as_str().replace('_', " ")
        )),
        RelationKind::HoldsOffice { title, .. } => Some(title.clone()),
        // Statements say what about in the tooltip; the line says who and when.
        _ => None,
    };
    if matches!(
        fact.relation,
        RelationKind::ParticipatedIn { .. } | RelationKind::PartOf
    ) {
        return String::new(); // the line style and the legend say it
    }
    let mut label = fact.relation.name().replace('_', " ");
    if let Some(main) = main {
        label = format!("{label}: {main}");
    }
    if let Some(date) = fact.date {
        label = format!("{label}\n{date}");
    }
    label
}

/// `text` cut at a word boundary to at most `max` characters, with "…".
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// "13.5M USD" for 13,500,000 USD.
pub fn money(amount: f64, currency: Option<&str>) -> String {
    let value = AttributeValue::Number(amount);
    let short = if amount >= 1e9 {
        format!("{}B", amount / 1e9)
    } else if amount >= 1e6 {
        format!("{}M", amount / 1e6)
    } else {
        value.to_string()
    };
    match currency {
        Some(currency) => format!("{short} {currency}"),
        None => short,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_short() {
        assert_eq!(money(13_500_000.0, Some("USD")), "13.5M USD");
        assert_eq!(money(6_000_000.0, None), "6M");
        assert_eq!(money(2_500.0, Some("EUR")), "2500 EUR");
    }

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short", 40), "short");
        assert_eq!(shorten("one two three", 8), "one two…");
    }
}
