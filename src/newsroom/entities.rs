//! Recurring proper names (people, organisations, places) that can tag an article when it
//! has no tags of its own: `Jokowi`, `Twitter`, `Jack Dorsey`.
//!
//! A name is a run of capitalized words inside a sentence. Function words, titles and
//! calendar words break runs (`Presiden Joko Widodo` gives `Joko Widodo`); a sentence's first
//! word counts only if it is also capitalized elsewhere mid-sentence. A run made of two names
//! seen on their own (`Twitter Jack Dorsey`) counts as both, and a lone surname counts for the
//! one full name it ends (`Dorsey` for `Jack Dorsey`). Names seen at least twice are returned,
//! most frequent first, ties by first appearance: the same text always gives the same list.

use std::collections::{BTreeMap, BTreeSet};

use super::stopwords::is_stopword;

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
    let mid_caps: BTreeSet<String> = runs
        .iter()
        .flatten()
        .filter(|w| !w.sentence_start)
        .map(|w| w.text.clone())
        .collect();
    let mut mentions: Vec<Vec<String>> = Vec::new();
    for run in &runs {
        let mut current: Vec<String> = Vec::new();
        for word in run {
            let skip = is_stopword(&word.text)
                || exclude.iter().any(|e| e.eq_ignore_ascii_case(&word.text))
                || (word.sentence_start && current.is_empty() && !mid_caps.contains(&word.text));
            if skip {
                if !current.is_empty() {
                    mentions.push(std::mem::take(&mut current));
                }
            } else {
                current.push(word.text.clone());
            }
        }
        if !current.is_empty() {
            mentions.push(current);
        }
    }
    let whole: BTreeSet<String> = mentions.iter().map(|m| m.join(" ")).collect();
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut order = 0;
    for mention in &mentions {
        for name in split_known(mention, &whole) {
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

// `Twitter Jack Dorsey` where `Twitter` and `Jack Dorsey` both occur alone: two names.
fn split_known(mention: &[String], whole: &BTreeSet<String>) -> Vec<String> {
    if mention.len() >= 2 {
        for k in 1..mention.len() {
            let head = mention[..k].join(" ");
            let tail = mention[k..].join(" ");
            if whole.contains(&head) && whole.contains(&tail) {
                let mut names = vec![head];
                names.extend(split_known(&mention[k..], whole));
                return names;
            }
        }
    }
    vec![mention.join(" ")]
}

// `Dorsey` alone counts for `Jack Dorsey` when that is the only full name it ends.
fn attribute_surnames(counts: &mut BTreeMap<String, (usize, usize)>) {
    let singles: Vec<String> = counts
        .keys()
        .filter(|k| !k.contains(' '))
        .cloned()
        .collect();
    for single in singles {
        let suffix = format!(" {single}");
        let owners: Vec<String> = counts
            .keys()
            .filter(|k| k.ends_with(&suffix))
            .cloned()
            .collect();
        if let [owner] = owners.as_slice()
            && let Some((count, first)) = counts.remove(&single)
            && let Some(entry) = counts.get_mut(owner)
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
    fn order_is_deterministic_for_ties() {
        let found = names(&["Budi dan Ani datang.", "Lalu Ani dan Budi pulang."]);
        assert_eq!(found, ["Budi", "Ani"]);
    }
}
