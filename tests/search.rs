//! `search` from the store's name list ([`rank_list`]) ranks as the
//! reference, [`rank`] over every name, on a generated set of names and on
//! every kind of query: exact, prefix, word, substring, misspelled,
//! accented, one letter, no hit.

use newsgraph::model::{Dataset, Entity};
use newsgraph::query::{rank, rank_list, SearchHit, Searchable};
use newsgraph::store::{encode_names, NameList};
use newsgraph::text::fold_name;

/// SplitMix64: the same names on every run.
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
}

const SYLLABLES: &[&str] = &[
    "al", "bé", "cor", "da", "el", "fú", "ga", "her", "i", "jo", "ka", "lí", "mé", "ñó", "or",
    "pa", "qu", "ra", "sö", "ta", "ur", "va", "x", "ya", "zu", "ch", "an", "ö", "ß", "ç",
];

fn word(rng: &mut Rng) -> String {
    let n = 1 + rng.below(4);
    let mut w: String = (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect();
    if let Some(first) = w.chars().next() {
        let upper: String = first.to_uppercase().collect();
        w.replace_range(..first.len_utf8(), &upper);
    }
    w
}

/// The bundled dataset and `count` generated entities: names of one to
/// three words, aliases, repeated display names (ties broken by name, then
/// order), ids with digits.
fn generated(count: usize) -> Dataset {
    let mut dataset = Dataset::load("data").unwrap();
    let template: Entity = dataset.entities.values().next().unwrap().clone();
    let mut rng = Rng(7);
    let mut names: Vec<String> = Vec::new();
    for i in 0..count {
        let name = if i % 17 == 0 && !names.is_empty() {
            names[rng.below(names.len())].clone()
        } else {
            (0..1 + rng.below(3))
                .map(|_| word(&mut rng))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut entity = template.clone();
        entity.id = format!("g-{i}");
        entity.name = name.clone();
        entity.aliases = (0..rng.below(3)).map(|_| word(&mut rng)).collect();
        entity.weak_aliases = name.split(' ').skip(1).map(String::from).collect();
        entity.demonyms = Vec::new();
        names.push(name);
        dataset.entities.insert(entity.id.clone(), entity);
    }
    dataset
}

/// The reference: every name scored.
fn reference(dataset: &Dataset, text: &str, limit: usize) -> Vec<SearchHit> {
    rank(text, limit, dataset.entities.values().map(Searchable::of))
}

/// The fast path, its hits looked up as the store looks them up.
fn fast(dataset: &Dataset, list: &NameList<'_>, text: &str, limit: usize) -> Vec<SearchHit> {
    rank_list(text, limit, list)
        .into_iter()
        .map(|hit| {
            let (_, entity) = dataset.entities.get_index(hit.entity).unwrap();
            let matched = std::iter::once(entity.id.as_str())
                .chain(entity.all_names().map(|(n, _)| n))
                .nth(hit.name)
                .unwrap();
            SearchHit {
                id: entity.id.clone(),
                name: entity.name.clone(),
                kind: entity.kind,
                matched: matched.to_string(),
                score: hit.score,
            }
        })
        .collect()
}

/// Queries of every kind, drawn from the names.
fn queries(dataset: &Dataset) -> Vec<String> {
    let mut rng = Rng(11);
    let names: Vec<&str> = dataset
        .entities
        .values()
        .flat_map(|e| e.all_names().map(|(n, _)| n))
        .collect();
    let mut out: Vec<String> = vec![
        String::new(),
        "  ".into(),
        "qqqq".into(),
        "zzxy wvut".into(),
        "Blinken".into(),
        "Mayorcas".into(),
        "g-1".into(),
        "g-12".into(),
        "G-999".into(),
        "-".into(),
        "SÖ".into(),
        "strasse".into(),
        "a l".into(),
    ];
    out.extend(('a'..='z').map(String::from));
    out.extend(["é", "ñ", "1", "0"].map(String::from));
    for _ in 0..120 {
        let name = names[rng.below(names.len())];
        let chars: Vec<char> = name.chars().collect();
        let cut = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
        out.push(name.to_string()); // exact
        out.push(fold_name(name).to_uppercase()); // exact, another case, no accents
        out.push(cut(0, 1 + rng.below(chars.len()))); // prefix
        if let Some(w) = name.split(' ').next_back() {
            out.push(w.to_string()); // a word
        }
        let from = rng.below(chars.len());
        out.push(cut(from, from + 1 + rng.below(chars.len() - from))); // substring
                                                                       // Misspelled: a letter dropped, doubled or replaced, or two swapped.
        let mut wrong = chars.clone();
        let at = rng.below(wrong.len());
        match rng.below(4) {
            0 => {
                wrong.remove(at);
            }
            1 => wrong.insert(at, wrong[at]),
            2 => wrong[at] = 'k',
            _ if wrong.len() > 1 => {
                let i = at.min(wrong.len() - 2);
                wrong.swap(i, i + 1);
            }
            _ => {}
        }
        out.push(wrong.into_iter().collect());
    }
    out
}

#[test]
fn the_name_list_ranks_as_every_name_scored() {
    let dataset = generated(3000);
    let blob = encode_names(&dataset);
    let list = NameList::parse(&blob).expect("the blob reads back");
    assert_eq!(list.len(), dataset.entities.len());
    let mut fuzzy = 0;
    for text in queries(&dataset) {
        // `rank` sorts every hit, then keeps the first `limit`.
        let every = reference(&dataset, &text, usize::MAX);
        fuzzy += every.iter().filter(|h| h.score <= 0.7).count();
        for limit in [0, 1, 3, 10, 40] {
            let expected = every[..limit.min(every.len())].to_vec();
            assert_eq!(
                fast(&dataset, &list, &text, limit),
                expected,
                "{text:?}, limit {limit}"
            );
        }
    }
    // The resemblance tier was exercised, not only names containing the text.
    assert!(fuzzy > 100, "{fuzzy} hits by resemblance");
}

#[test]
fn a_broken_name_list_is_refused_not_read() {
    let dataset = generated(20);
    let blob = encode_names(&dataset);
    assert!(NameList::parse(&blob).is_some());
    for cut in [0, 3, 8, 40, blob.len() - 1] {
        assert!(NameList::parse(&blob[..cut]).is_none(), "cut at {cut}");
    }
    let mut bad = blob.clone();
    bad[8] = 0xff; // an entity's place out of range
    assert!(NameList::parse(&bad).is_none());
}
