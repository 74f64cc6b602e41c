//! Recurring proper names (people, organisations, places) that can tag an article when it
//! has no tags of its own: `Jokowi`, `Twitter`, `Jack Dorsey`.
//!
//! A name is a run of capitalized words inside a sentence. Function words, titles and
//! calendar words break runs (`Presiden Joko Widodo` gives `Joko Widodo`); a sentence's first
//! word counts only if it is also capitalized elsewhere mid-sentence. A run made of two names
//! seen on their own (`Twitter Jack Dorsey`) counts as both, and a lone first or last name counts
//! for the one full name it starts or ends (`Dorsey` for `Jack Dorsey`). Names seen at least twice are returned,
//! most frequent first, ties by first appearance: the same text always gives the same list.

use std::collections::{BTreeMap, HashSet};

use rustc_hash::FxHashSet;

use super::stopwords::{is_not_person, is_stopword};

#[derive(Debug, Clone)]
struct Word {
    text: String,
    sentence_start: bool,
}

/// The recurring names of `paragraphs`, most frequent first. Words in `exclude` (the outlet's
/// name) never count.
pub fn recurring(paragraphs: &[String], exclude: &[&str]) -> Vec<String> {
    let runs: Vec<Vec<Word>> = paragraphs
        .iter()
        .flat_map(|p| capitalized_runs(p))
        .collect();
    let mid_caps: FxHashSet<&str> = runs
        .iter()
        .flatten()
        .filter(|w| !w.sentence_start)
        .map(|w| w.text.as_str())
        .collect();
    let mut mentions: Vec<Vec<String>> = Vec::new();
    for run in &runs {
        let mut current: Vec<String> = Vec::new();
        for word in run {
            let skip = ((current.is_empty() || word.text != "dan") && is_stopword(&word.text))
                || exclude.iter().any(|e| e.eq_ignore_ascii_case(&word.text))
                || (word.sentence_start
                    && current.is_empty()
                    && !mid_caps.contains(word.text.as_str()));
            if skip {
                if !current.is_empty() {
                    mentions.push(std::mem::take(&mut current));
                }
            } else {
                // `BPBD Balikpapan`, `PSSI Ade Wellington`: an acronym ends an organisation.
                if current.last().is_some_and(|w| is_acronym(w)) && !is_acronym(&word.text) {
                    mentions.push(std::mem::take(&mut current));
                }
                current.push(word.text.clone());
            }
        }
        if !current.is_empty() {
            mentions.push(current);
        }
    }
    let mut alone: BTreeMap<String, usize> = BTreeMap::new();
    for mention in &mentions {
        *alone.entry(mention.join(" ")).or_default() += 1;
    }
    let known = Known {
        alone: &alone,
        shapes: mentions
            .iter()
            .filter_map(|m| Some((m.first()?.as_str(), m.len())))
            .collect(),
    };
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut order = 0;
    for mention in &mentions {
        for name in split_known(mention, &known, true) {
            let entry = counts.entry(name).or_insert((0, order));
            entry.0 += 1;
            order += 1;
        }
    }
    attribute_surnames(&mut counts);
    let mut ranked: Vec<(String, usize, usize)> = counts
        .into_iter()
        .filter(|(name, (count, _))| *count >= 2 && name.chars().count() >= 2)
        .map(|(name, (count, first))| (name, count, first))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    ranked.into_iter().map(|(name, _, _)| name).collect()
}

// Runs of capitalized words; punctuation, numbers, hashtags and lower-case words end a run.
fn capitalized_runs(paragraph: &str) -> Vec<Vec<Word>> {
    let mut runs = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut sentence_start = true;
    for raw in paragraph.split_whitespace() {
        let opens = raw.starts_with(['"', '\'', '(', '“', '‘', '[']);
        let word = raw
            .trim_start_matches(['"', '\'', '(', '“', '‘', '['])
            .trim_end_matches(['"', '\'', ')', '”', '’', ']', ',', '.', ';', ':', '!', '?']);
        let closes = word.len() < raw.len() && !raw.ends_with(word);
        let ends_sentence = raw
            .trim_end_matches(['"', '\'', ')', '”', '’', ']'])
            .ends_with(['.', '!', '?', ':']);
        if opens && !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
        // `Kementerian Komunikasi dan Informatika`: one organisation across `dan`.
        if raw == "dan"
            && current.iter().any(|w| is_org_head(&w.text))
            && !current.iter().any(|w| w.text == "dan")
        {
            current.push(Word {
                text: raw.to_string(),
                sentence_start: false,
            });
            continue;
        }
        if !word.chars().next().is_some_and(char::is_uppercase)
            && current.last().is_some_and(|w| w.text == "dan")
        {
            current.pop();
        }
        let is_name_word = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().all(|c| c.is_alphanumeric() || c == '-')
            && word.chars().any(char::is_alphabetic);
        if is_name_word {
            current.push(Word {
                text: word.to_string(),
                sentence_start,
            });
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
        if closes && !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
        sentence_start = ends_sentence;
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

// Words that open an organisation's name, which may hold `dan`.
fn is_org_head(word: &str) -> bool {
    matches!(
        word,
        "Kementerian"
            | "Badan"
            | "Komisi"
            | "Dinas"
            | "Lembaga"
            | "Dewan"
            | "Balai"
            | "Direktorat"
            | "Majelis"
            | "Kantor"
            | "Asosiasi"
            | "Persatuan"
            | "Ikatan"
    )
}

// Splits a run made of several names. `Twitter Jack Dorsey`, where `Twitter` and `Jack Dorsey`
// both occur alone, is two names; so is `Jayawijaya John Wempi Wetipo` when `Jayawijaya`
// occurs alone often (three times or more). `Kalimantan Timur Awang Faroek Ishak`, where
// `Awang` occurs alone, holds a person starting at `Awang`.
fn split_known(mention: &[String], known: &Known<'_>, top: bool) -> Vec<String> {
    let joined = mention.join(" ");
    // Byte offset in `joined` where word `k` starts: heads and tails are slices of `joined`,
    // not a fresh join per split point, which made one long run of capitalized words
    // quadratic.
    let mut start = 0;
    for k in 1..mention.len() {
        start += mention[k - 1].len() + 1;
        let head = &joined[..start - 1];
        let tail = &joined[start..];
        let tail_len = mention.len() - k;
        // Only look up a head or tail that some mention could equal: looking up every prefix
        // of a long run would compare it against the whole run each time.
        let head_count = known.count(&mention[0], k, head);
        let tail_whole = known.count(&mention[k], tail_len, tail).is_some();
        if head_count.is_some() && tail_whole {
            let mut names = vec![head.to_string()];
            names.extend(split_known(&mention[k..], known, false));
            return names;
        }
        let frequent_head = head_count.is_some_and(|n| n >= 3) && tail_len >= 2;
        let person_starts = known.alone.contains_key(&mention[k]) && tail_len >= 2;
        if top && (frequent_head || person_starts) {
            return vec![head.to_string(), tail.to_string()];
        }
    }
    vec![joined]
}

// The mentions seen on their own, with the (first word, word count) of each, so a candidate
// name is looked up only when some mention has its shape.
struct Known<'a> {
    alone: &'a BTreeMap<String, usize>,
    shapes: HashSet<(&'a str, usize)>,
}

impl Known<'_> {
    // How often `name`, of `words` words starting with `first`, occurs as a mention alone.
    fn count(&self, first: &str, words: usize, name: &str) -> Option<usize> {
        if !self.shapes.contains(&(first, words)) {
            return None;
        }
        self.alone.get(name).copied()
    }
}

// `BPBD`, `PSSI`: three or more capitals.
fn is_acronym(word: &str) -> bool {
    word.chars().filter(char::is_ascii_uppercase).count() >= 3
        && !word.chars().any(char::is_lowercase)
}

// `Jack Dorsey`, `Moh Zaini`: two to four words, none of them an acronym or an organisation
// or place word.
fn is_person_like(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    (2..=4).contains(&words.len()) && words.iter().all(|w| !is_acronym(w) && !is_not_person(w))
}

// `Dorsey` alone counts for `Jack Dorsey` (and `Petrus` for `Petrus Demo`) when that is the
// only person-like name holding it.
fn attribute_surnames(counts: &mut BTreeMap<String, (usize, usize)>) {
    // For each word, the person-like names holding it: how many, and the first of them. One
    // pass over the names, where a scan of all names per single word was quadratic.
    let mut owners: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for name in counts.keys().filter(|k| is_person_like(k)) {
        let mut words: Vec<&str> = name.split(' ').collect();
        words.sort_unstable();
        words.dedup();
        for word in words {
            owners.entry(word).or_insert((0, name)).0 += 1;
        }
    }
    // Singles never hold a space, so they are never person-like owners: moving their counts
    // leaves every owner list as it was.
    let moves: Vec<(String, String)> = counts
        .keys()
        .filter(|k| !k.contains(' '))
        .filter_map(|single| match owners.get(single.as_str()) {
            Some((1, owner)) => Some((single.clone(), (*owner).to_string())),
            _ => None,
        })
        .collect();
    for (single, owner) in moves {
        if let Some((count, first)) = counts.remove(&single)
            && let Some(entry) = counts.get_mut(&owner)
        {
            entry.0 += count;
            entry.1 = entry.1.min(first);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &[&str]) -> Vec<String> {
        let paragraphs: Vec<String> = text.iter().map(|s| s.to_string()).collect();
        recurring(&paragraphs, &["VIVA.co.id"])
    }

    #[test]
    fn titles_and_sentence_openers_are_not_names() {
        let found = names(&[
            "Presiden Jokowi bertemu CEO Twitter Jack Dorsey di San Fransisco.",
            "Dalam pertemuan itu Jokowi dan Dorsey membahas Twitter. Kunjungan berlangsung singkat.",
            "Kunjungan itu, kata Jack Dorsey, penting bagi Twitter.",
        ]);
        assert_eq!(found, ["Twitter", "Jack Dorsey", "Jokowi"]);
    }

    #[test]
    fn an_organisation_keeps_its_dan() {
        let found = names(&[
            "Kata Kementerian Komunikasi dan Informatika kepada wartawan.",
            "Lalu Kementerian Komunikasi dan Informatika dan Budi menolak.",
        ]);
        assert_eq!(found, ["Kementerian Komunikasi dan Informatika"]);
    }

    #[test]
    fn order_is_deterministic_for_ties() {
        let found = names(&["Budi dan Ani datang.", "Lalu Ani dan Budi pulang."]);
        assert_eq!(found, ["Budi", "Ani"]);
    }
}
