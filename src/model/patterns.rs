//! Relation patterns as data: which words trigger which relation, and how the
//! arguments attach (`patterns: [...]` and `cues: (...)` in `data/patterns.ron`).
//! Only the schema lives here, below `load`; `extract` compiles it.

use serde::Deserialize;

use super::{AgreementStatus, EntityKind, MeetingMode};

/// The relation a pattern produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatternRelation {
    /// `met_with`.
    MetWith,
    /// `funded`.
    Funded,
    /// `designated`.
    Designated,
    /// `agreed`.
    Agreed,
    /// `visited`.
    Visited,
    /// `praised`.
    Praised,
    /// `thanked`.
    Thanked,
    /// `congratulated`.
    Congratulated,
}

impl PatternRelation {
    /// Whether the relation is symmetric.
    pub fn is_symmetric(self) -> bool {
        matches!(self, PatternRelation::MetWith | PatternRelation::Agreed)
    }
}

/// How a pattern's arguments attach to its trigger.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Subject before the trigger, object (or a list of objects) after it:
    /// "Blinken met Holguín", "designated Los Lobos and Los Choneros".
    /// A participle opening the sentence takes its subject after the comma
    /// ("Commending Noboa, Rubio said…"); one after a comma takes the
    /// sentence's first ("Blinken spoke with Lasso, congratulating him").
    #[default]
    SubjectObject,
    /// Two or more parties listed before the trigger ("Ecuador and the US
    /// agreed"), else after it ("an agreement for Mexico and the United
    /// States"), else a pair reference ("both countries").
    Pair,
    /// Parties listed after the trigger: "meeting between A and B", "led by A and B".
    PartiesAfter,
    /// Passive voice: object before the trigger, subject after "by":
    /// "Los Lobos was designated by the State Department".
    Passive,
    /// "a visit by A to B": subject after "by", object after "to".
    ByTo,
    /// A phrase opening the sentence that refers back to a fact ("With this
    /// funding, USAID is working with partners in Fiji and Tonga"): the
    /// subject follows its comma, the objects follow the subject in its clause.
    Opener,
    /// A fact only recalled in apposition to its object: "Iyad ag Ghaly, a
    /// U.S.-designated SDGT"; "AQAP, a designated Foreign Terrorist
    /// Organization". The object is the name before ", a"; the subject is
    /// the name joined to the trigger by a hyphen ("U.S.-designated"), else
    /// the government of the article's author.
    Appositive,
}

/// What a planned or future cue ("will", "plans to") does to a pattern's fact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnPlanned {
    /// A planned meeting is not a meeting: no fact.
    #[default]
    Drop,
    /// The fact stands (a pledge of funding is still a pledge).
    Keep,
}

/// One relation pattern.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// Stable id, recorded in each fact's provenance.
    pub id: String,
    /// The relation produced.
    pub relation: PatternRelation,
    /// Words or phrases that trigger it (matched whole, ignoring case and accents).
    #[serde(default)]
    pub triggers: Vec<String>,
    /// Triggers whose first word is a verb lemma, matched in every inflection:
    /// "meet with" finds "meets with", "met with" and "meeting with".
    #[serde(default)]
    pub lemmas: Vec<String>,
    /// Words that cancel the trigger when they follow it right away ("called
    /// on X to …" is an appeal, not a call).
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    /// Words that cancel the trigger when they stand right before it ("remains
    /// committed to" is a standing position, not a new commitment).
    #[serde(default)]
    pub not_preceded_by: Vec<String>,
    /// How arguments attach.
    #[serde(default)]
    pub shape: Shape,
    /// For `met_with`: the mode when the sentence has no cue.
    #[serde(default)]
    pub mode: Option<MeetingMode>,
    /// For `agreed`: the status when the sentence has no negotiation cue.
    #[serde(default)]
    pub status: Option<AgreementStatus>,
    /// For `designated`: the designation when the sentence names none of the known ones.
    #[serde(default)]
    pub designation: Option<String>,
    /// Kinds the subject may be; person, government or organization when empty.
    #[serde(default)]
    pub subject_kinds: Vec<EntityKind>,
    /// Kinds the object may be; person, government or organization when empty.
    #[serde(default)]
    pub object_kinds: Vec<EntityKind>,
    /// What a planned cue does.
    #[serde(default)]
    pub on_planned: OnPlanned,
    /// Whether the sentence must state a sum of money (for generic verbs like "provided").
    #[serde(default)]
    pub needs_amount: bool,
    /// Whether the sum must come after the trigger ("announced $5 million",
    /// not "$5 million …, she announced").
    #[serde(default)]
    pub amount_follows: bool,
    /// Confidence of a fact found by this pattern with clean arguments, 0–1.
    #[serde(default = "default_confidence")]
    pub confidence: f32,
    /// How many words may stand between the trigger and its first object.
    #[serde(default = "default_object_gap")]
    pub object_gap: usize,
    /// How many words may stand between the subject and the trigger.
    #[serde(default = "default_subject_gap")]
    pub subject_gap: usize,
    /// Whether every eligible name up to the end of the clause is an object,
    /// not only an unbroken list ("designating A and two of its leaders, B
    /// and C, as …").
    #[serde(default)]
    pub objects_to_clause_end: bool,
    /// Whether the object may stand in a purpose clause after the trigger
    /// ("will provide $6 million to bolster Ecuador's Navy").
    #[serde(default)]
    pub objects_past_infinitive: bool,
    /// Whether the subject must come from another country than the object
    /// belongs to: being "in Dhaka" is a visit for a foreigner only.
    #[serde(default)]
    pub abroad_only: bool,
    /// Whether the pattern states a meeting only between coordinated
    /// subjects ("Townsend and Segokgo discussed …"): a verb that needs both
    /// parties before it, never an object after it. The two come from
    /// different countries (colleagues discussing is no meeting), and a pair
    /// the article's last meeting or call already joined is that meeting.
    #[serde(default)]
    pub subjects_only: bool,
    /// Words one of which must follow the trigger in its sentence: "joined
    /// the ministers" is a meeting only when they gathered for a meeting,
    /// talks or a summit, not when one "joined" the other in a cause.
    #[serde(default)]
    pub needs_after: Vec<String>,
    /// Whether the objects stand after a later "with" in the trigger's
    /// clause, past a topic: "convened a meeting on the conflict in Sudan
    /// with the ambassadors of …". Names before the "with" are the topic's.
    #[serde(default)]
    pub objects_after_with: bool,
}

fn default_object_gap() -> usize {
    14
}

fn default_subject_gap() -> usize {
    12
}

fn default_confidence() -> f32 {
    0.8
}

/// Words that change or cancel what a pattern finds, and words that stand for parties.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Cues {
    /// Cancel a fact when they stand just before the trigger ("did not meet").
    pub negation: Vec<String>,
    /// Make a fact planned when they stand just before the trigger ("will meet").
    pub planned: Vec<String>,
    /// Make a fact planned when they stand within a few words of the trigger ("next month").
    pub planned_anywhere: Vec<String>,
    /// Make a fact planned when they stand within a few words of the
    /// trigger or in its clause before it, and no verb from them to the
    /// trigger is in a past form ("Later Monday Biden travels to Kenya for
    /// talks with …"; not "Later Monday, he flew to Kenya").
    #[serde(default)]
    pub planned_unless_past: Vec<String>,
    /// Make a fact planned when they stand anywhere in the trigger's clause
    /// before it ("will fly to Florida for talks with …").
    pub planned_clause: Vec<String>,
    /// Words that end the objects of a clause ("as", "for", "pursuant").
    pub clause_stops: Vec<String>,
    /// Make an agreement "in negotiation" anywhere in the sentence ("nearing", "still in the works").
    pub in_negotiation: Vec<String>,
    /// Make an agreement "signed".
    pub signed: Vec<String>,
    /// Make a meeting virtual.
    pub virtual_mode: Vec<String>,
    /// Make a meeting a phone call.
    pub phone_mode: Vec<String>,
    /// Stand for the article's two most-mentioned governments ("both countries").
    pub pair_references: Vec<String>,
    /// Stand for the two people named last before them ("the two officials").
    pub people_pair_references: Vec<String>,
    /// Role words between an organization and a person's name that make the
    /// organization a mere qualifier ("Southern Command chief Laura Richardson").
    pub role_nouns: Vec<String>,
    /// Stand for the article's most-mentioned government other than the subject's ("the country").
    pub country_references: Vec<String>,
    /// Known designations ("foreign terrorist organization"); plural forms match too.
    pub designations: Vec<String>,
    /// Words that join the items of a list besides commas ("and", "as well as").
    pub list_joiners: Vec<String>,
}

/// Patterns and cues, as loaded from the data or built in.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    /// The patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// The cues.
    pub cues: Cues,
}

/// The patterns of `data/patterns.ron`, built into the library for data directories without their own.
const BUILTIN: &str = include_str!("../../data/patterns.ron");

impl PatternSet {
    /// The built-in patterns (the bundled `data/patterns.ron`).
    pub fn builtin() -> PatternSet {
        #[derive(Deserialize)]
        struct File {
            patterns: Vec<Pattern>,
            cues: Cues,
        }
        let file: File = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(BUILTIN)
            .expect("the bundled data/patterns.ron is valid (tested)");
        PatternSet {
            patterns: file.patterns,
            cues: file.cues,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_patterns_parse_and_ids_are_unique() {
        let set = PatternSet::builtin();
        assert!(set.patterns.len() >= 8);
        let mut ids: Vec<&str> = set.patterns.iter().map(|p| p.id.as_str()).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "pattern ids are unique");
        assert!(set
            .patterns
            .iter()
            .all(|p| (0.0..=1.0).contains(&p.confidence)));
    }
}
