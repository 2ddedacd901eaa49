//! Attributes read around a trigger: amounts and purposes, designations,
//! what was agreed, the mode of a meeting, and cue words.

use std::ops::Range;

use super::money::find_money;
use crate::text::{listed, tuning, Language};

/// The sum of money nearest after `from` in the sentence (else the nearest
/// before it), with what it is for: the words after it introduced by "to", "for" or
/// "worth of", up to punctuation.
pub fn money_near(sentence: &str, from: usize) -> Option<(f64, String, Option<String>)> {
    let found = find_money(sentence);
    let money = found
        .iter()
        .find(|m| m.range.start >= from)
        .or(found.iter().rev().find(|m| m.range.end <= from))
        .or(found.first())?;
    let rest = &sentence[money.range.end..];
    let purpose = purpose_after(rest);
    Some((money.amount, money.currency.clone(), purpose))
}

fn purpose_after(rest: &str) -> Option<String> {
    let trimmed = rest.trim_start();
    let lower = trimmed.to_lowercase();
    let body = Language::english()
        .grammar
        .purpose_leads
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| &trimmed[p.len()..])?;
    let end = body
        .find([',', '.', ';', ':', '(', '—'])
        .unwrap_or(body.len());
    let words: Vec<&str> = body[..end]
        .split_whitespace()
        .take(tuning().purpose_words)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// What was agreed: a clause after the trigger ("agreed on the need to…"),
/// else capitalised words before it ("the Open Skies agreement"), else the
/// trigger itself.
pub fn agreement_what(sentence: &str, trigger: Range<usize>) -> String {
    let trigger_text = &sentence[trigger.clone()];
    let before = &sentence[..trigger.start];
    let title_case = is_title_case(sentence);
    if !title_case {
        let named: Vec<&str> = before
            .split_whitespace()
            .rev()
            .take_while(|w| {
                w.starts_with(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            .collect();
        if !named.is_empty() && trigger_text.to_lowercase().starts_with("agreement") {
            let mut words: Vec<&str> = named.into_iter().rev().collect();
            words.push("agreement");
            return words.join(" ");
        }
    }
    let passive = before.trim_end().rsplit(' ').next().is_some_and(|w| {
        listed(
            &Language::english().grammar.passive_auxiliaries,
            &w.to_lowercase(),
        )
    });
    if passive {
        let head = before.trim_end();
        let head = &head[..head.rfind(' ').unwrap_or(0)];
        let clause = head.rsplit([',', '.', ';', ':']).next().unwrap_or(head);
        let words: Vec<&str> = clause
            .split_whitespace()
            .rev()
            .take(tuning().passive_what_words)
            .collect();
        if !words.is_empty() {
            return words.into_iter().rev().collect::<Vec<_>>().join(" ");
        }
    }
    let rest = sentence[trigger.end..].trim_start();
    let lower = rest.to_lowercase();
    if Language::english()
        .grammar
        .agreed_leads
        .iter()
        .any(|p| lower.starts_with(p))
    {
        let end = rest.find([',', '.', ';', ':']).unwrap_or(rest.len());
        let words: Vec<&str> = rest[..end]
            .split_whitespace()
            .skip(1)
            .take(tuning().agreed_what_words)
            .collect();
        if !words.is_empty() {
            let what = words.join(" ");
            // A headline capitalises every word: the capitals say nothing.
            return if title_case {
                what.to_lowercase()
            } else {
                what
            };
        }
    }
    trigger_text.to_lowercase()
}

/// Whether most words of the sentence start with a capital (a headline).
fn is_title_case(sentence: &str) -> bool {
    let words: Vec<&str> = sentence
        .split_whitespace()
        .filter(|w| w.len() > 3)
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    !words.is_empty() && capitalised * 2 > words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_purposes_designations_and_agreements() {
        let s = "Rubio announced funding of $13.5 million to enhance security capabilities and combat drugs and crime.";
        let (amount, currency, purpose) = money_near(s, 0).unwrap();
        assert_eq!((amount, currency.as_str()), (13_500_000.0, "USD"));
        assert_eq!(
            purpose.as_deref(),
            Some("enhance security capabilities and combat drugs and crime")
        );
        let s = "the US will provide $6 million worth of unmanned aerial vehicles (UAVs) to bolster the Navy.";
        assert_eq!(
            money_near(s, 0).unwrap().2.as_deref(),
            Some("unmanned aerial vehicles")
        );

        let s = "The first agreement was the Open Skies agreement, which will help.";
        let at = s.rfind("agreement").unwrap();
        assert_eq!(agreement_what(s, at..at + 9), "Open Skies agreement");
        let s =
            "both countries agreed on the need to join Europe in the fight against crime, due to";
        let at = s.find("agreed").unwrap();
        assert_eq!(
            agreement_what(s, at..at + 6),
            "the need to join Europe in the fight against crime"
        );
        let s = "These measures were agreed during the meeting.";
        let at = s.find("agreed").unwrap();
        assert_eq!(agreement_what(s, at..at + 6), "These measures");
        let s = "US and Ecuador Nearing Agreement to Send Asylum Seekers";
        let at = s.find("Agreement").unwrap();
        assert_eq!(agreement_what(s, at..at + 9), "send asylum seekers");
    }
}
