//! A deterministic generator of whole newsgraph datasets for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --entities 1000 --mb 20 --out /tmp/ng-small
//! cargo run --release --example gen_corpus -- --entities 100000 --mb 200 --out /tmp/ng-large
//! ```
//!
//! It writes a data directory in newsgraph's own format: `governments.ron`,
//! `people.ron` (accented names, surnames as weak aliases, about three names
//! each), `organizations.ron`, `places.ron`, `offices.ron` (with dated
//! holders), `sources.ron`, `articles/*.txt` (about 5 KB each, streamed to
//! disk), `aliases.txt` (every name and alias, one a line, for the peer
//! tools), and `planted.tsv`: the relations the articles state, so a run can
//! check it found them. Articles mix sentences that state relations in the
//! phrasings the bundled patterns know, filler, near misses (names that
//! resemble aliases but are not, lowercase surnames) and ALL-CAPS headlines.
//! The same seed gives the same bytes.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast, and the same sequence on every platform and
/// version (a benchmark's data must not change under it).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "al", "ba", "cor", "da", "el", "fer", "ga", "her", "ib", "jo", "ka", "lo", "mar", "na", "or",
    "pe", "qui", "ra", "san", "te", "ur", "va", "xi", "ya", "zu", "mé", "lí", "nú", "gó", "bé",
    "ñó", "ché", "dó", "rú", "vé", "sún", "tó", "lü", "mö", "krä",
];
const FIRST_NAMES: &[&str] = &[
    "José", "María", "Ana", "Luis", "Sofía", "Andrés", "Lucía", "Jürgen", "Zoë", "Raúl", "Inés",
    "Martín", "Noémie", "Björn", "Çelik", "Marco", "Elena", "Tomás", "Chloé", "Iván", "Renée",
    "Joaquín", "Ágata", "Mateo", "Olga", "Kenji", "Amara", "Dmitri", "Fátima", "Hugo",
];
const ORG_KINDS: &[&str] = &[
    "Ministry of Trade",
    "Coast Guard",
    "National Bank",
    "Energy Agency",
    "Port Authority",
    "Army",
    "Health Institute",
    "Customs Service",
];
const GROUP_WORDS: &[&str] = &[
    "Lobos",
    "Halcones",
    "Tiburones",
    "Jaguares",
    "Serpientes",
    "Cóndores",
    "Pumas",
    "Zorros",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const FILLER: &[&str] = &[
    "Officials said the talks covered trade, migration and security along the border.",
    "The statement gave no further details about the timetable.",
    "Analysts noted that the region has seen rising violence in recent months.",
    "The ministry declined to comment on the reports, citing ongoing discussions.",
    "Markets reacted calmly to the news, with the currency little changed.",
    "Critics argued that the measures would do little to address the root causes.",
    "A spokesperson described the relationship as strong and stable.",
    "The proposal must still be approved by the legislature before it takes effect.",
];

/// A name made of syllables, unique for each number.
fn word(mut n: usize, min: usize) -> String {
    let mut out = String::new();
    let mut parts = 0;
    loop {
        out.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        parts += 1;
        if n == 0 && parts >= min {
            break;
        }
    }
    let mut chars = out.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    first + chars.as_str()
}

struct Person {
    id: String,
    name: String,
    country: usize,
}

struct Args {
    entities: usize,
    mb: usize,
    out: PathBuf,
    seed: u64,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        entities: 1000,
        mb: 20,
        out: PathBuf::from("target/corpus-small"),
        seed: 42,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--entities" => {
                args.entities = value.parse().map_err(|e| format!("--entities: {e}"))?
            }
            "--mb" => args.mb = value.parse().map_err(|e| format!("--mb: {e}"))?,
            "--out" => args.out = PathBuf::from(value),
            "--seed" => args.seed = value.parse().map_err(|e| format!("--seed: {e}"))?,
            other => {
                return Err(format!(
                    "unknown flag {other} (--entities N --mb M --out DIR --seed S)"
                ))
            }
        }
    }
    Ok(args)
}

fn ron(text: &str) -> String {
    format!("{text:?}") // Rust string escapes are RON string escapes
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = args()?;
    let mut rng = Rng(args.seed);
    let out = &args.out;
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    std::fs::create_dir_all(out.join("articles"))?;
    let mut aliases = BufWriter::new(std::fs::File::create(out.join("aliases.txt"))?);

    // Governments: about one per 1,000 entities, at least 8.
    let governments = (args.entities / 1000).max(8);
    let mut file = BufWriter::new(std::fs::File::create(out.join("governments.ron"))?);
    writeln!(file, "(\n    governments: [")?;
    let mut gov_names = Vec::new();
    for g in 0..governments {
        let name = format!("{}land", word(g + 7, 2));
        let demonym = format!("{}ian", word(g + 7, 2));
        writeln!(
            file,
            "        (id: \"gov-{g}\", name: {}, aliases: [{}], demonyms: [{}]),",
            ron(&name),
            ron(&format!("Republic of {name}")),
            ron(&demonym)
        )?;
        writeln!(aliases, "{name}\nRepublic of {name}")?;
        gov_names.push(name);
    }
    writeln!(file, "    ],\n)")?;

    // People (60 %), organizations (30 %), places (10 %).
    let people_count = args.entities * 6 / 10;
    let org_count = args.entities * 3 / 10;
    let place_count = args.entities - people_count - org_count - governments.min(args.entities);
    let mut people = Vec::with_capacity(people_count);
    let mut file = BufWriter::new(std::fs::File::create(out.join("people.ron"))?);
    writeln!(file, "(\n    people: [")?;
    for p in 0..people_count {
        let first = *rng.pick(FIRST_NAMES);
        let surname = word(p * 7919 % (people_count * 8 + 1) + 1000, 3);
        let middle = (b'A' + (p % 26) as u8) as char;
        let name = format!("{first} {surname}");
        let country = rng.below(governments);
        writeln!(
            file,
            "        (id: \"p-{p}\", name: {}, aliases: [{}], weak_aliases: [{}], country: \"gov-{country}\"),",
            ron(&name),
            ron(&format!("{first} {middle}. {surname}")),
            ron(&surname)
        )?;
        writeln!(aliases, "{name}\n{first} {middle}. {surname}\n{surname}")?;
        people.push(Person {
            id: format!("p-{p}"),
            name,
            country,
        });
    }
    writeln!(file, "    ],\n)")?;

    let mut orgs = Vec::with_capacity(org_count);
    let mut groups = Vec::new();
    let mut file = BufWriter::new(std::fs::File::create(out.join("organizations.ron"))?);
    writeln!(file, "(\n    organizations: [")?;
    for o in 0..org_count {
        let country = rng.below(governments);
        let (name, short, category) = if o % 5 == 0 {
            let name = format!("Los {} de {}", rng.pick(GROUP_WORDS), word(o + 31, 2));
            (name, None, "criminal_group")
        } else {
            let name = format!("{} of {}", rng.pick(ORG_KINDS), word(o + 5000, 3));
            let short: String = name
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_uppercase())
                .collect();
            (name, Some(format!("{short}{o}")), "agency")
        };
        let alias = short
            .clone()
            .unwrap_or_else(|| name.replace("Los ", "Banda "));
        writeln!(
            file,
            "        (id: \"o-{o}\", name: {}, aliases: [{}], country: \"gov-{country}\", category: \"{category}\"),",
            ron(&name),
            ron(&alias)
        )?;
        writeln!(aliases, "{name}\n{alias}")?;
        if category == "criminal_group" {
            groups.push((format!("o-{o}"), name));
        } else {
            orgs.push((format!("o-{o}"), name));
        }
    }
    writeln!(file, "    ],\n)")?;

    let mut places = Vec::new();
    let mut file = BufWriter::new(std::fs::File::create(out.join("places.ron"))?);
    writeln!(file, "(\n    places: [")?;
    for c in 0..place_count {
        let name = format!("San {}", word(c + 90_000, 3));
        let country = rng.below(governments);
        writeln!(file, "        (id: \"pl-{c}\", name: {}, aliases: [{}], country: \"gov-{country}\", category: \"city\"),", ron(&name), ron(&format!("{name} City")))?;
        writeln!(aliases, "{name}\n{name} City")?;
        places.push(name);
    }
    writeln!(file, "    ],\n)")?;

    // Offices: a foreign minister per government, two holders each.
    let mut file = BufWriter::new(std::fs::File::create(out.join("offices.ron"))?);
    writeln!(file, "(\n    offices: [")?;
    for g in 0..governments {
        let a = &people[(g * 13) % people.len()].id;
        let b = &people[(g * 13 + 5) % people.len()].id;
        writeln!(
            file,
            "        (id: \"fm-{g}\", name: \"Foreign Minister of {}\", of: \"gov-{g}\", titles: [\"Foreign Minister of {}\"],\n         holders: [(person: \"{a}\", from: \"2019-01-01\", to: \"2021-12-31\", sources: [\"registry\"]), (person: \"{b}\", from: \"2022-01-01\", sources: [\"registry\"])]),",
            gov_names[g], gov_names[g]
        )?;
    }
    writeln!(file, "    ],\n)")?;

    // Articles, streamed; sources and planted relations alongside.
    let mut sources = BufWriter::new(std::fs::File::create(out.join("sources.ron"))?);
    writeln!(sources, "(\n    sources: [\n        (id: \"registry\", title: \"Synthetic registry of office holders\"),")?;
    let mut planted = BufWriter::new(std::fs::File::create(out.join("planted.tsv"))?);
    writeln!(planted, "article\tsubject\trelation\tobject\tdate")?;
    let target = args.mb * 1_000_000;
    let mut written = 0;
    let mut article = 0;
    while written < target {
        let day = 18_000 + rng.below(2000) as i64; // 2019-2024
        let published = newsgraph::Date::from_day_number(day);
        let weekday_of = |offset: i64| {
            let date = newsgraph::Date::from_day_number(day - offset);
            (WEEKDAYS[date.weekday() as usize], date)
        };
        let mut text = String::with_capacity(5200);
        let gov = rng.below(governments);
        writeln!(
            text,
            "{} TALKS: OFFICIALS MEET AS {} WEIGHS NEW MEASURES",
            gov_names[gov].to_uppercase(),
            gov_names[(gov + 1) % governments].to_uppercase()
        )?;
        writeln!(text)?;
        let file_name = format!("{article:06}.txt");
        while text.len() < 5000 {
            let (weekday, date) = weekday_of(1 + rng.below(6) as i64);
            let a = &people[rng.below(people.len())];
            let b = &people[rng.below(people.len())];
            let sentence = match rng.below(10) {
                0 if a.id != b.id => {
                    writeln!(planted, "{file_name}\t{}\tmet_with\t{}\t{date}", a.id, b.id)?;
                    format!(
                        "{} met with {} in {} on {weekday}.",
                        a.name,
                        b.name,
                        rng.pick(&places)
                    )
                }
                1 if a.id != b.id => {
                    writeln!(planted, "{file_name}\t{}\tmet_with\t{}\t{date}", a.id, b.id)?;
                    format!(
                        "{} spoke by telephone with {} on {weekday}, officials said.",
                        a.name, b.name
                    )
                }
                2 => {
                    let (org, org_name) = rng.pick(&orgs);
                    let amount = 1 + rng.below(90);
                    writeln!(
                        planted,
                        "{file_name}\tgov-{}\tfunded\t{org}\t{date}",
                        a.country
                    )?;
                    format!("{} announced funding of ${amount}.5 million for the {org_name} on {weekday}.", gov_names[a.country])
                }
                3 => {
                    let (group, group_name) = rng.pick(&groups);
                    writeln!(
                        planted,
                        "{file_name}\tgov-{gov}\tdesignated\t{group}\t{date}"
                    )?;
                    format!("{} designated {group_name} as a foreign terrorist organization on {weekday}.", gov_names[gov])
                }
                4 => {
                    let other = (gov + 1 + rng.below(governments - 1)) % governments;
                    writeln!(
                        planted,
                        "{file_name}\tgov-{gov}\tagreed\tgov-{other}\t{date}"
                    )?;
                    format!(
                        "{} signed an agreement with {} on {weekday} to expand trade.",
                        gov_names[gov], gov_names[other]
                    )
                }
                5 => {
                    // Near misses: a plural surname and a lowercase one are not mentions.
                    let surname = a.name.split(' ').nth(1).unwrap_or("");
                    format!("The {surname}s of the capital, a family of bankers, said {} was not involved.", surname.to_lowercase())
                }
                6 => format!(
                    "In {}, the {} said the {} would publish its report next year.",
                    rng.pick(&places),
                    gov_names[b.country],
                    "committee"
                ),
                _ => rng.pick(FILLER).to_string(),
            };
            text.push_str(&sentence);
            text.push(if rng.below(4) == 0 { '\n' } else { ' ' });
        }
        text.push('\n');
        std::fs::write(out.join("articles").join(&file_name), &text)?;
        writeln!(sources, "        (id: \"a-{article}\", file: \"articles/{file_name}\", title: \"Article {article}\", published: \"{published}\"),")?;
        written += text.len();
        article += 1;
    }
    writeln!(sources, "    ],\n)")?;
    for writer in [&mut sources, &mut planted, &mut aliases] {
        writer.flush()?;
    }
    let total = governments + people_count + org_count + place_count;
    println!(
        "wrote {}: {total} entities, {article} articles, {:.1} MB",
        out.display(),
        written as f64 / 1e6
    );
    let _ = Path::new(".");
    Ok(())
}
