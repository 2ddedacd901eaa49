//! Precision and recall of the matcher on the hand-annotated gold cases
//! (tests/gold/): the matcher alone, curated relations left out.
//!
//! Run `cargo test --test quality -- --nocapture` to see the table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use newsgraph::extract::{ExtractedFact, Extractor};
use newsgraph::mentions::Matcher;
use newsgraph::model::{Date, RelationKind};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    article: String,
    date: Date,
    #[serde(default)]
    fallback: Option<Date>,
    facts: Vec<GoldFact>,
}

#[derive(Deserialize, Clone)]
struct GoldFact {
    from: String,
    relation: String,
    to: String,
    date: Date,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    amount: Option<f64>,
    #[serde(default)]
    status: Option<String>,
}

/// Relation types the targets apply to, with `met_with` by phone counted apart too.
const TARGETED: &[&str] = &[
    "met_with",
    "met_with (phone)",
    "funded",
    "designated",
    "agreed",
    "visited",
];
/// Every relation reported.
const REPORTED: &[&str] = &[
    "met_with",
    "met_with (phone)",
    "funded",
    "designated",
    "agreed",
    "visited",
    "praised",
    "thanked",
    "congratulated",
];

/// Thresholds the test enforces; raise them as the matcher improves.
const MIN_PRECISION: f64 = 0.9;
const MIN_RECALL: f64 = 0.8;
const MIN_STATEMENT_PRECISION: f64 = 0.8;
const MIN_STATEMENT_RECALL: f64 = 0.8;

fn key(from: &str, relation: &str, to: &str, date: Date) -> (String, String, String, String) {
    let symmetric = relation == "met_with" || relation == "agreed";
    let (a, b) = if symmetric && to < from {
        (to, from)
    } else {
        (from, to)
    };
    (
        a.to_string(),
        relation.to_string(),
        b.to_string(),
        date.to_string(),
    )
}

fn attributes_agree(gold: &GoldFact, found: &ExtractedFact) -> bool {
    match &found.relation {
        RelationKind::MetWith { mode } => gold.mode.as_deref().is_none_or(|m| m == mode.as_str()),
        RelationKind::Funded { amount, .. } => gold.amount.is_none_or(|a| *amount == Some(a)),
        RelationKind::Agreed { status, .. } => {
            gold.status.as_deref().is_none_or(|s| s == status.as_str())
        }
        _ => true,
    }
}

fn bucket(relation: &str, phone: bool) -> Vec<&'static str> {
    let base = REPORTED.iter().copied().find(|r| *r == relation);
    let mut out: Vec<&str> = base.into_iter().collect();
    if phone {
        out.push("met_with (phone)");
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Count {
    true_positive: usize,
    found: usize,
    gold: usize,
}

impl Count {
    fn precision(self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.true_positive as f64 / self.found as f64
        }
    }
    fn recall(self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.true_positive as f64 / self.gold as f64
        }
    }
    fn add(&mut self, other: Count) {
        self.true_positive += other.true_positive;
        self.found += other.found;
        self.gold += other.gold;
    }
}

#[test]
fn matcher_precision_and_recall_on_gold_cases() {
    let gold_dir = Path::new("tests/gold");
    let newsgraph::Loaded {
        dataset, patterns, ..
    } = newsgraph::load_dirs(&[PathBuf::from("data"), gold_dir.join("data")])
        .expect("data and gold entities load");
    let matcher = Matcher::new(&dataset);
    let extractor = Extractor::new(&patterns);
    let mut counts: BTreeMap<&str, Count> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(gold_dir.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 13,
        "five bundled articles and at least eight written cases"
    );
    for path in &cases {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let case: Case = options
            .from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = std::fs::read_to_string(gold_dir.join(&case.article)).unwrap();
        let mentions = matcher.analyze(&dataset, &text, Some(case.date));
        let found = extractor.extract(
            &dataset,
            &text,
            &mentions,
            case.fallback.or(Some(case.date)),
        );
        let id = |i: usize| dataset.entities[i].id.as_str();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let mut matched_gold = vec![false; case.facts.len()];
        for fact in &found {
            let k = key(
                id(fact.subject),
                fact.relation.name(),
                id(fact.object),
                fact.date,
            );
            let phone = matches!(
                fact.relation,
                RelationKind::MetWith {
                    mode: newsgraph::model::MeetingMode::Phone
                }
            );
            let hit = case.facts.iter().enumerate().find(|(i, g)| {
                !matched_gold[*i]
                    && key(&g.from, &g.relation, &g.to, g.date) == k
                    && attributes_agree(g, fact)
            });
            for b in bucket(fact.relation.name(), phone) {
                counts.entry(b).or_default().found += 1;
            }
            match hit {
                Some((i, _)) => {
                    matched_gold[i] = true;
                    let gold_phone = case.facts[i].mode.as_deref() == Some("phone");
                    for b in bucket(fact.relation.name(), gold_phone && phone) {
                        counts.entry(b).or_default().true_positive += 1;
                    }
                    if phone && !gold_phone {
                        // counted as found by phone but not a phone meeting in the gold
                    }
                }
                None => errors.push(format!(
                    "{name}: unexpected {} {} {} {} ({}, {:?})",
                    id(fact.subject),
                    fact.relation.name(),
                    id(fact.object),
                    fact.date,
                    fact.pattern,
                    fact.relation
                )),
            }
        }
        for (i, g) in case.facts.iter().enumerate() {
            for b in bucket(&g.relation, g.mode.as_deref() == Some("phone")) {
                counts.entry(b).or_default().gold += 1;
            }
            if !matched_gold[i] {
                errors.push(format!(
                    "{name}: missed {} {} {} {}",
                    g.from, g.relation, g.to, g.date
                ));
            }
        }
    }

    println!(
        "\nmatcher quality on {} gold cases (tests/gold/):",
        cases.len()
    );
    println!(
        "{:<18} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "relation", "gold", "found", "right", "precision", "recall"
    );
    let mut targeted = Count::default();
    let mut statements = Count::default();
    for relation in REPORTED {
        let c = counts.get(relation).copied().unwrap_or_default();
        println!(
            "{relation:<18} {:>5} {:>5} {:>5} {:>9.2} {:>7.2}",
            c.gold,
            c.found,
            c.true_positive,
            c.precision(),
            c.recall()
        );
        if TARGETED.contains(relation) && *relation != "met_with (phone)" {
            targeted.add(c);
        } else if !TARGETED.contains(relation) {
            statements.add(c);
        }
    }
    println!(
        "{:<18} {:>5} {:>5} {:>5} {:>9.2} {:>7.2}",
        "targeted (all)",
        targeted.gold,
        targeted.found,
        targeted.true_positive,
        targeted.precision(),
        targeted.recall()
    );
    println!(
        "{:<18} {:>5} {:>5} {:>5} {:>9.2} {:>7.2}",
        "statements",
        statements.gold,
        statements.found,
        statements.true_positive,
        statements.precision(),
        statements.recall()
    );
    for error in &errors {
        println!("  {error}");
    }

    for relation in TARGETED {
        let c = counts.get(relation).copied().unwrap_or_default();
        assert!(
            c.precision() >= MIN_PRECISION,
            "{relation}: precision {:.2} < {MIN_PRECISION}",
            c.precision()
        );
        assert!(
            c.recall() >= MIN_RECALL,
            "{relation}: recall {:.2} < {MIN_RECALL}",
            c.recall()
        );
    }
    assert!(statements.precision() >= MIN_STATEMENT_PRECISION);
    assert!(statements.recall() >= MIN_STATEMENT_RECALL);
}
