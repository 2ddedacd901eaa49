//! Funding's own rules: whose sum it is, and when a trigger is a purpose.

use std::ops::Range;

use super::args::{has_infinitive, word_count};
use super::fact::{ExtractedFact, Party};
use super::money::find_money;

use crate::model::RelationKind;
use crate::text::tuning;

/// Where the sum of money right after byte `from` ends ("$5 million in
/// emergency aid"), or `from` when none follows within the clause.
pub(super) fn sum_end_after(text: &str, sentence: &Range<usize>, from: usize) -> usize {
    let rest = &text[from..sentence.end];
    match find_money(rest).first() {
        Some(m)
            if !rest[..m.range.start].contains(';')
                && word_count(&rest[..m.range.start]) <= tuning().sum_after_trigger =>
        {
            from + m.range.end
        }
        _ => from,
    }
}

/// One sum given to several recipients ("$17 million in aid to Guatemala,
/// Honduras, and Nicaragua") is their total, not each one's: their facts
/// keep the funding but not the sum.
pub(super) fn shared_totals(
    mut found: Vec<(Party, Party, RelationKind, f32)>,
) -> Vec<(Party, Party, RelationKind, f32)> {
    let amount = |r: &RelationKind| match r {
        RelationKind::Funded { amount, .. } => *amount,
        _ => None,
    };
    let sums: Vec<f64> = found.iter().filter_map(|(_, _, r, _)| amount(r)).collect();
    let shared = |a: f64| {
        let recipients: Vec<usize> = found
            .iter()
            .filter(|(_, _, r, _)| amount(r) == Some(a))
            .map(|(_, o, _, _)| o.entity)
            .collect();
        recipients.iter().any(|&o| o != recipients[0])
    };
    let shared: Vec<f64> = sums.into_iter().filter(|&a| shared(a)).collect();
    for (_, _, relation, _) in &mut found {
        if let RelationKind::Funded {
            amount, currency, ..
        } = relation
        {
            if amount.is_some_and(|a| shared.contains(&a)) {
                *amount = None;
                *currency = None;
            }
        }
    }
    found
}

/// Whether a funding trigger is the purpose of a grant the sentence already
/// stated: "will provide a $60 million grant to UNICEF to deliver support to
/// families in Tunisia" funds UNICEF only.
pub(super) fn purpose_of_funding(
    text: &str,
    sentence: &Range<usize>,
    trigger: &Range<usize>,
    stated: &[ExtractedFact],
) -> bool {
    let infinitive = text[sentence.start..trigger.start]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.eq_ignore_ascii_case("to"));
    stated.iter().any(|f| {
        let after = f.object_range.end <= trigger.start;
        matches!(f.relation, RelationKind::Funded { .. })
            && after
            && (infinitive || has_infinitive(&text[f.object_range.end..trigger.start]))
    })
}
