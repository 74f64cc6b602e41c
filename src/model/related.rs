//! Related articles: for each article, the few others that share the most of its tags, then
//! the most of its headline's words (stems, as search reads them), newest first among ties.
//!
//! Never all pairs: each tag and headline word lists its articles newest first, and an
//! article looks only at the [`WINDOW`] articles on each side of its own place in each list
//! (the nearest in time sharing that feature). A feature carried by more than a tenth of a
//! large site says nothing and is skipped, so the work grows with the articles, not their
//! square. The result depends on the site alone, in a fixed order.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Entry, TagGroup};
use crate::words::{self, Stemmer};

/// Articles looked at on each side of an article's place in each of its features' lists.
const WINDOW: usize = 6;
/// Sites smaller than this keep every feature, however common.
const SMALL_SITE: usize = 100;
/// The most headline words of one article used.
const MAX_WORDS: usize = 12;

/// The related articles of each article of `entries` (indexes, best first), `count` each at
/// most; `tags` are the site's tag groups.
pub(super) fn related(
    entries: &[Entry],
    tags: &std::collections::BTreeMap<String, TagGroup>,
    stemmer: Stemmer,
    count: usize,
) -> Vec<Vec<usize>> {
    let n = entries.len();
    if count == 0 || n < 2 {
        return vec![Vec::new(); n];
    }
    let says_something = |df: usize| n < SMALL_SITE || df <= n / 10;
    // Features are numbered: tags first, then headline words.
    let mut lists: Vec<&[usize]> = Vec::new();
    let mut features: Vec<Vec<u32>> = vec![Vec::new(); n];
    for group in tags.values() {
        if group.articles.len() > 1 && says_something(group.articles.len()) {
            let id = lists.len() as u32;
            lists.push(&group.articles);
            for &i in &group.articles {
                if let Some(f) = features.get_mut(i) {
                    f.push(id);
                }
            }
        }
    }
    let first_word = lists.len() as u32;
    let word_lists = headline_words(entries, stemmer);
    for list in word_lists
        .iter()
        .filter(|l| l.len() > 1 && says_something(l.len()))
    {
        let id = lists.len() as u32;
        lists.push(list);
        for &i in list.iter() {
            if let Some(f) = features.get_mut(i) {
                f.push(id);
            }
        }
    }
    (0..n)
        .into_par_iter()
        .map(|i| best(i, &features[i], &lists, first_word, count))
        .collect()
}

// The articles holding each headline word (folded stem), each list newest first; in the
// order of the words' first use, so the numbering depends on the site alone.
fn headline_words(entries: &[Entry], stemmer: Stemmer) -> Vec<Vec<usize>> {
    let stems: Vec<Vec<String>> = entries
        .par_iter()
        .map(|e| {
            let mut s: Vec<String> = words::stems(&e.article.title, stemmer)
                .into_iter()
                .filter(|w| w.chars().count() >= 3 && !w.bytes().all(|b| b.is_ascii_digit()))
                .collect();
            s.sort_unstable();
            s.dedup();
            s.truncate(MAX_WORDS);
            s
        })
        .collect();
    let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for (i, words) in stems.iter().enumerate() {
        for w in words {
            let id = *ids.entry(w.as_str()).or_insert_with(|| {
                lists.push(Vec::new());
                lists.len() - 1
            });
            lists[id].push(i);
        }
    }
    lists
}

// The `count` best neighbours of article `i` in the windows of its features.
fn best(i: usize, own: &[u32], lists: &[&[usize]], first_word: u32, count: usize) -> Vec<usize> {
    // (candidate, is a headline word), one per feature window the candidate is met in.
    let mut met: Vec<(usize, bool)> = Vec::with_capacity(own.len() * WINDOW * 2);
    for &f in own {
        let Some(list) = lists.get(f as usize) else {
            continue;
        };
        let Ok(at) = list.binary_search(&i) else {
            continue;
        };
        let from = at.saturating_sub(WINDOW);
        let to = (at + WINDOW + 1).min(list.len());
        for &j in &list[from..to] {
            if j != i {
                met.push((j, f >= first_word));
            }
        }
    }
    met.sort_unstable();
    // (shared tags, shared words, candidate), best first after sorting.
    let mut scored: Vec<(u32, u32, usize)> = Vec::new();
    for run in met.chunk_by(|a, b| a.0 == b.0) {
        let words = run.iter().filter(|(_, w)| *w).count() as u32;
        scored.push((run.len() as u32 - words, words, run[0].0));
    }
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    scored.into_iter().take(count).map(|(_, _, j)| j).collect()
}
