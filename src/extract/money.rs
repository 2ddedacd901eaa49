//! Sums of money written in text: "$13.5 million", "USD 20 million", "€3bn".

use std::ops::Range;

use crate::text::Language;

/// A sum of money found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    /// Byte range of the expression.
    pub range: Range<usize>,
    /// The amount in currency units (13.5 million → 13 500 000).
    pub amount: f64,
    /// ISO 4217 code.
    pub currency: String,
}

/// Every sum of money in `text`.
///
/// ```
/// use newsgraph::extract::find_money;
///
/// let found = find_money("funding of $13.5 million and USD 20 million, plus 300,000 euros");
/// let sums: Vec<(f64, &str)> = found.iter().map(|m| (m.amount, m.currency.as_str())).collect();
/// assert_eq!(sums, [(13_500_000.0, "USD"), (20_000_000.0, "USD"), (300_000.0, "EUR")]);
/// ```
pub fn find_money(text: &str) -> Vec<Money> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new(); // no sum without a figure
    }
    let lower = text.to_ascii_lowercase(); // same byte offsets
    let bytes = lower.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(money) = money_at(&lower, i) {
            i = money.range.end;
            found.push(money);
        } else {
            i += lower[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

fn word_start(lower: &str, at: usize) -> bool {
    lower[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn money_at(lower: &str, at: usize) -> Option<Money> {
    // A currency before the number: "$13.5 million", "USD 20 million".
    for (symbol, code) in &Language::english().currencies.symbols {
        if lower[at..].starts_with(symbol)
            && (symbol.starts_with(|c: char| !c.is_alphabetic()) || word_start(lower, at))
        {
            let after = at + symbol.len();
            let number_at = after + (lower[after..].len() - lower[after..].trim_start().len());
            if let Some((value, end)) = number(lower, number_at) {
                let (scaled, end) = scale(lower, end, value);
                return Some(Money {
                    range: at..end,
                    amount: scaled,
                    currency: code.to_string(),
                });
            }
        }
    }
    // A number followed by a currency word: "20 million dollars".
    if word_start(lower, at) && lower[at..].starts_with(|c: char| c.is_ascii_digit()) {
        let (value, end) = number(lower, at)?;
        let (scaled, end) = scale(lower, end, value);
        let rest = &lower[end..];
        let skipped = rest.len() - rest.trim_start().len();
        for (word, code) in &Language::english().currencies.words {
            if rest.trim_start().starts_with(word) {
                let stop = end + skipped + word.len();
                if lower[stop..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
                {
                    return Some(Money {
                        range: at..stop,
                        amount: scaled,
                        currency: code.to_string(),
                    });
                }
            }
        }
    }
    None
}

/// A number with optional thousands separators and decimals: "13.5", "300,000".
fn number(lower: &str, at: usize) -> Option<(f64, usize)> {
    let bytes = lower.as_bytes();
    let mut end = at;
    let mut digits = String::new();
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_digit() {
            digits.push(b as char);
        } else if b == b','
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            && bytes.get(end + 3).is_some_and(u8::is_ascii_digit)
        {
            // thousands separator
        } else if b == b'.'
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            && !digits.contains('.')
        {
            digits.push('.');
        } else {
            break;
        }
        end += 1;
    }
    digits.parse().ok().map(|v| (v, end))
}

fn scale(lower: &str, end: usize, value: f64) -> (f64, usize) {
    let rest = &lower[end..];
    let trimmed = rest.trim_start();
    let skipped = rest.len() - trimmed.len();
    for (word, factor) in &Language::english().currencies.scales {
        if trimmed.starts_with(word) {
            let stop = end + skipped + word.len();
            let bounded = lower[stop..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            // "m" and "k" only right after the number ("$6m"), not "$6 more".
            let short = word.len() <= 2 && skipped > 0;
            if bounded && !short {
                return ((value * factor).round(), stop);
            }
        }
    }
    (value, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_amounts_and_currencies() {
        let cases: &[(&str, &[(f64, &str)])] = &[
            ("funding of $13.5 million to", &[(13_500_000.0, "USD")]),
            ("$6 million worth of", &[(6_000_000.0, "USD")]),
            ("USD 20 million", &[(20_000_000.0, "USD")]),
            ("US$ 1.2 billion", &[(1_200_000_000.0, "USD")]),
            (
                "€3bn and £250,000",
                &[(3_000_000_000.0, "EUR"), (250_000.0, "GBP")],
            ),
            ("$6m for drones", &[(6_000_000.0, "USD")]),
            ("$6 more", &[(6.0, "USD")]),
            ("5 million pesos", &[(5_000_000.0, "MXN")]),
            ("430,000 Venezuelan immigrants", &[]),
            ("$4.99/month or $42/year", &[(4.99, "USD"), (42.0, "USD")]),
            ("the USDA said", &[]),
        ];
        for (text, expected) in cases {
            let money = find_money(text);
            let found: Vec<(f64, &str)> = money
                .iter()
                .map(|m| (m.amount, m.currency.as_str()))
                .collect();
            let expected: Vec<(f64, &str)> = expected.to_vec();
            assert_eq!(found, expected, "{text}");
        }
    }
}
