//! The typed sections of the language pack beyond its word lists: the
//! matcher's tuning constants, currencies, calendar words and the words of
//! names. Each section checks its own values ([`Tuning::check`] and the
//! like); the pack reports a failed check at the field's place in the file.

use serde::Deserialize;

/// A value of the pack that parses but cannot be used: the field it is in,
/// and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The field's name, as written in the pack.
    pub field: &'static str,
    /// One line saying what is wrong.
    pub message: String,
}

impl Invalid {
    fn new(field: &'static str, message: impl Into<String>) -> Invalid {
        Invalid {
            field,
            message: message.into(),
        }
    }
}

/// The matcher's tuning constants: how sure each kind of inference is,
/// how much each clue corroborates a weak alias, and how far each look
/// around a trigger or a name reaches.
///
/// Certainties multiply into a fact's confidence (0–1); weights add up to
/// a weak alias's score; windows count words (or bytes, where the name
/// says so) and must be at least 1.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tuning {
    /// Confidence of a visit told by a fronted locative ("In Kabul, Clinton said …").
    pub fronted_visit: f32,
    /// Factor on an in-person meeting's confidence for the visit it implies.
    pub implied_visit: f32,
    /// Certainty that two members of one group meeting met each other.
    pub group_meeting: f32,
    /// Certainty of the last funder standing in for a missing one ("This new funding …").
    pub recent_funder: f32,
    /// Certainty of the person a subject stand-in means ("He met …", "The minister met …").
    pub stand_in_subject: f32,
    /// Certainty of "the country" as the object (the most-mentioned other government).
    pub country_reference: f32,
    /// Certainty of the one foreign party as the recipient of unaddressed money.
    pub sole_foreign_recipient: f32,
    /// Certainty of a pair stand-in ("the two leaders", "both countries").
    pub pair_reference: f32,
    /// Certainty of the article's author standing for "I" or "we".
    pub first_person_author: f32,
    /// Factor on a party named indirectly (a title, a demonym, a weak alias).
    pub indirect_mention: f32,
    /// Factor on a party whose name is glued to another word.
    pub glued_mention: f32,
    /// Weight of a weak alias whose entity the article names in full.
    pub named_in_article: f32,
    /// Weight of a government whose agencies or officials the article names.
    pub member_named: f32,
    /// Weight of an entity whose country is named in a nearby sentence.
    pub country_nearby: f32,
    /// Weight of a place named right after a locative preposition ("in Washington").
    pub place_after_locative: f32,
    /// Weight of a title before a surname ("President Macron").
    pub title_before_surname: f32,
    /// Weight of a title before a surname that names an office the person held.
    pub title_names_office: f32,
    /// Sentences either side in which an entity's country corroborates it.
    pub country_nearby_sentences: usize,
    /// Words before a trigger in which a time word dates it.
    pub time_words_before: usize,
    /// Words after a trigger in which a time word dates it (at least to its clause's end).
    pub time_words_after: usize,
    /// Words between a trigger and the sum a pattern needs right after it.
    pub amount_after_trigger: usize,
    /// Words between a trigger and the sum that ends its phrase ("provided $5 million in aid to").
    pub sum_after_trigger: usize,
    /// Words of gap allowed inside a list of objects after a trigger.
    pub objects_after: usize,
    /// Words of gap allowed inside a list of objects before a passive trigger.
    pub objects_before_passive: usize,
    /// Words of gap allowed inside a list of parties around a pair trigger.
    pub parties_list: usize,
    /// Words after a trigger within which an unlinked name is an unknown object.
    pub unknown_object_words: usize,
    /// Words between a "by … to" trigger and its subject.
    pub by_to_subject_words: usize,
    /// Words at the start of a clause in which "I" or "we" makes the author the subject.
    pub first_person_words: usize,
    /// Words between the end of a passive trigger and the agent after "by".
    pub by_phrase_words: usize,
    /// Words before a trigger in which "he" or "she" is the subject.
    pub pronoun_words: usize,
    /// Words before a name read for "ahead of", "before", "prior to".
    pub time_preposition_words: usize,
    /// Bytes before a date searched for "published", "updated" (the article's own date).
    pub publication_marker_bytes: usize,
    /// Words before a date in which "published" or "updated" marks it as the article's own.
    pub publication_marker_words: usize,
    /// Mentions looked back for the people a stand-in may mean.
    pub recent_mentions: usize,
    /// Words between "in"/"at" and a meeting's place ("in the city of Boa Vista").
    pub locative_lead: usize,
    /// The same when the place ends an "of" phrase ("in the Red Sea resort of Sharm el-Sheikh").
    pub locative_lead_of_phrase: usize,
    /// Words from a fronted "In" to its place ("In Serbia Wednesday, Biden …").
    pub fronted_place_lead: usize,
    /// Words of time between a fronted place and its comma.
    pub fronted_time_words: usize,
    /// Words between a fronted place's comma and the person who visited.
    pub fronted_subject_lead: usize,
    /// Words after the person read for a planned cue ("Biden will meet").
    pub fronted_planned_words: usize,
    /// Bytes before a visit's trigger read for "during", "while", "on".
    pub during_bytes: usize,
    /// Bytes between a sum and the recipient it belongs to ("$8.5 million in Honduras").
    pub own_amount_bytes: usize,
    /// Words between "with" and the list it introduces before a pair trigger.
    pub list_host_with_words: usize,
    /// Words between the host and the list after "with" before a pair trigger.
    pub list_host_words: usize,
    /// Words of a title between two names of one person ("Mission Director").
    pub titled_words: usize,
    /// Words of a title heading the next item of a list ("; and Greenlandic
    /// Minister of Foreign Affairs, Business, Trade, and Climate Pele Broberg").
    pub list_title_words: usize,
    /// Words between an opening phrase's comma and its clause's subject
    /// ("With this funding, the U.S. Agency for … is working").
    pub opener_subject_words: usize,
    /// Bytes before a name read for the title heading "the X of" it.
    pub of_head_bytes: usize,
    /// Bytes before a name read for the description it stands in ("the top
    /// U.S. commander in Iraq, General Ray Odierno").
    pub description_bytes: usize,
    /// Words at most in a description a person's name stands in apposition to.
    pub description_words: usize,
    /// Words at most in a fronted phrase before its comma ("In addition to Mr. Alejos,").
    pub fronted_phrase_words: usize,
    /// Words at most in the description opening a list item before its name ("; his son, Jose …").
    pub item_description_words: usize,
    /// Words between two mentions of one entity that still make one mention.
    pub same_entity_gap_words: usize,
    /// Words between a possessive and the name it qualifies ("Burma's Ministry of Defense").
    pub possessive_qualifier_words: usize,
    /// Words of an appositive between commas that a subject may skip.
    pub appositive_words: usize,
    /// Words before a noun trigger read for its owner ("his historic visit").
    pub owner_words: usize,
    /// Adjectives allowed between an owner and a noun trigger.
    pub owner_adjectives: usize,
    /// Words between "with" and the first object it introduces.
    pub with_words: usize,
    /// Words between a trigger and the first object after "with".
    pub with_gap_words: usize,
    /// Words kept of what money is for ("for emergency food aid …").
    pub purpose_words: usize,
    /// Words kept of what was agreed, before a passive trigger.
    pub passive_what_words: usize,
    /// Words kept of what was agreed, after the trigger ("agreed on the need to …").
    pub agreed_what_words: usize,
    /// Lines from the top of an article on which a dateline may stand.
    pub header_lines: usize,
    /// Bytes from the top of an article searched for "Published on …".
    pub header_bytes: usize,
    /// Words of place allowed before a dateline's date ("QUITO, June 13, 2025 —").
    pub dateline_place_words: usize,
    /// Bytes before a name searched for a title ("Brig. Gen. Smith").
    pub title_bytes: usize,
    /// Words a title before a name may have.
    pub title_words: usize,
}

impl Tuning {
    /// Checks every value: certainties in (0, 1], weights finite and not
    /// negative, windows at least 1.
    pub fn check(&self) -> Result<(), Invalid> {
        let certainties = [
            ("fronted_visit", self.fronted_visit),
            ("implied_visit", self.implied_visit),
            ("group_meeting", self.group_meeting),
            ("recent_funder", self.recent_funder),
            ("stand_in_subject", self.stand_in_subject),
            ("country_reference", self.country_reference),
            ("sole_foreign_recipient", self.sole_foreign_recipient),
            ("pair_reference", self.pair_reference),
            ("first_person_author", self.first_person_author),
            ("indirect_mention", self.indirect_mention),
            ("glued_mention", self.glued_mention),
        ];
        for (field, value) in certainties {
            if !(value > 0.0 && value <= 1.0) {
                return Err(Invalid::new(
                    field,
                    format!("a certainty must be over 0 and at most 1, not {value}"),
                ));
            }
        }
        let weights = [
            ("named_in_article", self.named_in_article),
            ("member_named", self.member_named),
            ("country_nearby", self.country_nearby),
            ("place_after_locative", self.place_after_locative),
            ("title_before_surname", self.title_before_surname),
            ("title_names_office", self.title_names_office),
        ];
        for (field, value) in weights {
            if !(value.is_finite() && value >= 0.0) {
                return Err(Invalid::new(
                    field,
                    format!("a weight must be a number of 0 or more, not {value}"),
                ));
            }
        }
        let windows = [
            ("country_nearby_sentences", self.country_nearby_sentences),
            ("time_words_before", self.time_words_before),
            ("time_words_after", self.time_words_after),
            ("amount_after_trigger", self.amount_after_trigger),
            ("sum_after_trigger", self.sum_after_trigger),
            ("objects_after", self.objects_after),
            ("objects_before_passive", self.objects_before_passive),
            ("parties_list", self.parties_list),
            ("unknown_object_words", self.unknown_object_words),
            ("by_to_subject_words", self.by_to_subject_words),
            ("first_person_words", self.first_person_words),
            ("by_phrase_words", self.by_phrase_words),
            ("pronoun_words", self.pronoun_words),
            ("time_preposition_words", self.time_preposition_words),
            ("publication_marker_bytes", self.publication_marker_bytes),
            ("publication_marker_words", self.publication_marker_words),
            ("recent_mentions", self.recent_mentions),
            ("locative_lead", self.locative_lead),
            ("locative_lead_of_phrase", self.locative_lead_of_phrase),
            ("fronted_place_lead", self.fronted_place_lead),
            ("fronted_time_words", self.fronted_time_words),
            ("fronted_subject_lead", self.fronted_subject_lead),
            ("fronted_planned_words", self.fronted_planned_words),
            ("during_bytes", self.during_bytes),
            ("own_amount_bytes", self.own_amount_bytes),
            ("list_host_with_words", self.list_host_with_words),
            ("list_host_words", self.list_host_words),
            ("titled_words", self.titled_words),
            ("list_title_words", self.list_title_words),
            ("opener_subject_words", self.opener_subject_words),
            ("of_head_bytes", self.of_head_bytes),
            ("description_bytes", self.description_bytes),
            ("description_words", self.description_words),
            ("fronted_phrase_words", self.fronted_phrase_words),
            ("item_description_words", self.item_description_words),
            ("same_entity_gap_words", self.same_entity_gap_words),
            (
                "possessive_qualifier_words",
                self.possessive_qualifier_words,
            ),
            ("appositive_words", self.appositive_words),
            ("owner_words", self.owner_words),
            ("owner_adjectives", self.owner_adjectives),
            ("with_words", self.with_words),
            ("with_gap_words", self.with_gap_words),
            ("purpose_words", self.purpose_words),
            ("passive_what_words", self.passive_what_words),
            ("agreed_what_words", self.agreed_what_words),
            ("header_lines", self.header_lines),
            ("header_bytes", self.header_bytes),
            ("dateline_place_words", self.dateline_place_words),
            ("title_bytes", self.title_bytes),
            ("title_words", self.title_words),
        ];
        for (field, value) in windows {
            if value == 0 {
                return Err(Invalid::new(
                    field,
                    "a window must be at least 1 (a window of 0 sees nothing)",
                ));
            }
        }
        Ok(())
    }
}

/// Currency symbols, codes and words, and the scale words after a number.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currencies {
    /// Symbols and codes written before the number, lowercase, with their
    /// ISO 4217 codes; tried in order, so a longer one must come first.
    pub symbols: Vec<(String, String)>,
    /// Words written after the number ("dollars"), lowercase, with their codes.
    pub words: Vec<(String, String)>,
    /// Scale words after the number ("million"), lowercase, with their factors.
    pub scales: Vec<(String, f64)>,
}

impl Currencies {
    /// Checks every entry: lowercase symbols and words, three-letter
    /// uppercase codes, positive scale factors.
    pub fn check(&self) -> Result<(), Invalid> {
        let code_ok = |code: &str| code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
        for (field, list) in [("symbols", &self.symbols), ("words", &self.words)] {
            for (word, code) in list {
                if word.is_empty() || *word != word.to_lowercase() {
                    return Err(Invalid::new(
                        field,
                        format!("\"{word}\" must be written in lowercase, and not be empty"),
                    ));
                }
                if !code_ok(code) {
                    return Err(Invalid::new(
                        field,
                        format!("\"{code}\" (for \"{word}\") is no ISO 4217 code such as \"USD\""),
                    ));
                }
            }
        }
        for (word, factor) in &self.scales {
            if word.is_empty() || *word != word.to_lowercase() {
                return Err(Invalid::new(
                    "scales",
                    format!("\"{word}\" must be written in lowercase, and not be empty"),
                ));
            }
            if !(factor.is_finite() && *factor > 0.0) {
                return Err(Invalid::new(
                    "scales",
                    format!("the factor of \"{word}\" must be a positive number, not {factor}"),
                ));
            }
        }
        Ok(())
    }
}

/// Names of months and weekdays, and the words of relative dates.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// The twelve months, January first, lowercase ASCII; their first three
    /// letters are their abbreviation.
    pub months: Vec<String>,
    /// Abbreviations of months beyond the first three letters ("sept").
    pub month_abbreviations: Vec<String>,
    /// Words before "May" that make it the month, not the verb ("in May").
    pub may_leads: Vec<String>,
    /// The seven weekdays, Monday first, lowercase.
    pub weekdays: Vec<String>,
    /// Before a weekday: the next one after the reference date ("next Friday").
    pub next: String,
    /// Before a weekday: a week back when it is the reference day ("last Friday");
    /// before a period: the one before ("last year").
    pub last: String,
    /// Before a period: the current one ("this month").
    pub this: String,
    /// The period words after `last`, `this` and `next`: (year, month).
    pub periods: (String, String),
    /// Parts of a day after `last` and `this` ("last night" is the day
    /// before the reference date, "this morning" the reference date).
    #[serde(default)]
    pub day_parts: Vec<String>,
    /// The day before the reference date.
    pub yesterday: String,
    /// The reference date itself.
    pub today: String,
    /// Words before a bare year that date by it ("in 2021").
    pub year_leads: Vec<String>,
    /// Markers of the article's own date near its top ("Published on …").
    pub published: Vec<String>,
    /// Openings of an article's first line that give its date ("date 2022-01-29").
    pub date_headers: Vec<String>,
    /// Words right before a date that make it the article's own ("Published …").
    pub publication_words: Vec<String>,
}

impl Calendar {
    /// Checks the names: twelve months and seven weekdays, lowercase ASCII,
    /// months of at least three letters with distinct abbreviations.
    pub fn check(&self) -> Result<(), Invalid> {
        if self.months.len() != 12 {
            return Err(Invalid::new(
                "months",
                format!("twelve months are needed, not {}", self.months.len()),
            ));
        }
        if self.weekdays.len() != 7 {
            return Err(Invalid::new(
                "weekdays",
                format!("seven weekdays are needed, not {}", self.weekdays.len()),
            ));
        }
        let plain = |w: &String| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase());
        for (field, list) in [("months", &self.months), ("weekdays", &self.weekdays)] {
            if let Some(bad) = list.iter().find(|w| !plain(w)) {
                return Err(Invalid::new(
                    field,
                    format!("\"{bad}\" must be three or more lowercase ASCII letters"),
                ));
            }
        }
        for (i, month) in self.months.iter().enumerate() {
            if self.months[..i].iter().any(|m| m[..3] == month[..3]) {
                return Err(Invalid::new(
                    "months",
                    format!("\"{month}\" shares its first three letters with an earlier month"),
                ));
            }
        }
        Ok(())
    }
}

/// Function words the matcher's rules look for, each list by its role.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grammar {
    /// Pronouns that stand for the person last named as a subject ("he").
    pub subject_pronouns: Vec<String>,
    /// Pronouns that stand for a person as an object ("him").
    pub object_pronouns: Vec<String>,
    /// Modals that put a clause in the future ("will").
    pub future_modals: Vec<String>,
    /// Possessive determiners that give a noun trigger its owner ("his visit").
    pub possessives: Vec<String>,
    /// Articles ("a", "the").
    pub articles: Vec<String>,
    /// Auxiliaries before a passive participle ("was signed").
    pub passive_auxiliaries: Vec<String>,
    /// Phrases that put a name's event later than the sentence's ("ahead of").
    pub time_prepositions: Vec<String>,
    /// Prepositions after which a name is no subject ("in Venezuela").
    pub prepositions: Vec<String>,
    /// Words before a visit that make it frame a meeting ("during", "while").
    pub framing: Vec<String>,
    /// Prepositions before a place that make a weak alias the place ("in Washington").
    pub locatives: Vec<String>,
    /// Suffixes of ordinal day numbers ("16th").
    pub ordinal_suffixes: Vec<String>,
    /// Words that may hedge a sum ("up to", "nearly", "an additional").
    pub sum_hedges: Vec<String>,
    /// Prepositions after a sum that lead to its recipient or purpose ("$5 million for").
    pub sum_prepositions: Vec<String>,
    /// Determiners after "to" that make it a preposition, not an infinitive ("to the").
    pub determiners: Vec<String>,
    /// What stands between the subject of a "by … to" trigger and its object ("to the").
    pub by_to_gaps: Vec<String>,
    /// Openings after a sum that say what it is for ("worth of", "for").
    pub purpose_leads: Vec<String>,
    /// Openings after an agreement trigger that say what was agreed ("on", "that").
    pub agreed_leads: Vec<String>,
    /// Lower-case words inside a capitalised title ("Governor of the Central
    /// Bank", "Minister of Foreign Affairs and Culture").
    pub title_joiners: Vec<String>,
    /// Words opening a clause that goes on the one before it ("…, will
    /// conduct key engagements, including meeting with …"): the earlier
    /// clause's tense and plans hold for it.
    pub clause_continuations: Vec<String>,
    /// Adjectives that put the date after them in the future ("the
    /// upcoming February 2019 election"): such a date is not a fact's.
    pub future_adjectives: Vec<String>,
    /// Conjunctions that, after a comma, open a new clause with its own
    /// subject ("…, while the European Union …"): a party after one belongs
    /// to that clause, not to the trigger before it.
    pub contrast_conjunctions: Vec<String>,
    /// Prepositions that mark the names after them as the channel of an
    /// act, not its actor ("The United States, through USAID, provided …").
    pub intermediaries: Vec<String>,
    /// Auxiliaries of the present perfect ("has visited"): a fact told so
    /// belongs to the time of writing, not to a date an earlier sentence gave.
    pub perfect_auxiliaries: Vec<String>,
    /// Words that open a description a person's name is in apposition to
    /// ("Gates and | the top U.S. commander in Iraq, General Ray Odierno").
    pub description_openers: Vec<String>,
    /// Prepositions that say where someone is ("in Nigeria"): a name after
    /// one is no subject of the verb that follows when a name stands before it.
    pub place_prepositions: Vec<String>,
    /// Words that open a fronted phrase ("In addition to Mr. Alejos, the
    /// Department …"): the names in it are no subject of the clause after it.
    pub fronting_words: Vec<String>,
    /// Present forms of "be" ("is", "are"): with a past form or an
    /// auxiliary they tell a clause from a list item.
    pub copulas: Vec<String>,
    /// Words that open a complement clause ("agreed that …"): names in it
    /// are what was said or agreed, not the parties of the verb before it.
    pub complementizers: Vec<String>,
    /// Prepositions that open a meeting's topic ("a meeting on the conflict
    /// in Sudan with …"): the places in it are no venue.
    pub topic_prepositions: Vec<String>,
    /// Nouns after "on the" that set a scene, not a topic ("on the
    /// sidelines of the summit in New York").
    pub scene_nouns: Vec<String>,
    /// Participles that make a name before a hyphen say only where
    /// something is ("Iran-based operatives"): no party.
    pub place_participles: Vec<String>,
}

/// Whether `word` is one of `list`'s words, compared exactly.
pub fn listed(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

/// The words of capitalised names, for the list of names nobody linked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameWords {
    /// Capitalised words that are no names on their own ("Then", "The", "President").
    pub common: Vec<String>,
    /// Lowercase words that may join the parts of one name ("de", "van", "bin").
    pub connectors: Vec<String>,
}
