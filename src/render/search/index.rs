//! The search index: every article's words, stemmed as the site's language asks, weighted by
//! where they stand (headline 5, description, tags and source 2, body 1 per use), gathered
//! into a posting list per stem, and written as fragment files by the layout of
//! [`crate::words::layout`]. Stems in more than half the articles of a site of 100 or more
//! say nothing of a result: they are listed as common instead of indexed.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{encode, text};
use crate::model::{Entry, Site};
use crate::words::{self, Stemmer, layout};

/// Weights of a word by where it stands.
const TITLE: u32 = 5;
const LABEL: u32 = 2;
const BODY: u32 = 1;
/// Articles handled by one task when gathering postings.
const BLOCK: usize = 512;
/// Sites smaller than this index every stem, however common.
const SMALL_SITE: usize = 100;

/// The search files built from the whole site: the meta file and every term fragment.
#[derive(Debug)]
pub struct SearchIndex {
    pub meta: Vec<u8>,
    /// By fragment number.
    pub fragments: Vec<Vec<u8>>,
}

/// Per stem, its (article, weight) pairs.
type Postings = FxHashMap<String, Vec<(u32, u32)>>;
/// A stem and its pairs, as one fragment lists them.
type Term<'a> = (&'a str, &'a [(u32, u32)]);

/// Builds the index of every article of `site` (whose bodies must be filled).
pub fn build(site: &Site, stemmer: Stemmer) -> SearchIndex {
    let n = site.articles.len();
    let postings = site
        .articles
        .par_chunks(BLOCK)
        .enumerate()
        .map(|(block, entries)| gather(block * BLOCK, entries, stemmer))
        .reduce(Postings::default, merge);
    let too_common = |df: usize| n >= SMALL_SITE && df * 2 > n;
    let mut common: Vec<&str> = postings
        .iter()
        .filter(|(_, list)| too_common(list.len()))
        .map(|(stem, _)| stem.as_str())
        .collect();
    common.sort_unstable();
    let buckets = layout::buckets(n);
    let mut by_bucket: Vec<Vec<Term>> = vec![Vec::new(); buckets as usize];
    for (stem, list) in &postings {
        if !too_common(list.len()) {
            let b = layout::bucket_of(stem, buckets) as usize;
            by_bucket[b].push((stem.as_str(), list.as_slice()));
        }
    }
    let fragments = by_bucket
        .into_par_iter()
        .enumerate()
        .map(|(b, mut terms)| fragment(b, &mut terms))
        .collect();
    SearchIndex {
        meta: meta(n, buckets, stemmer, &common),
        fragments,
    }
}

// The postings of `entries`, the first of which is article `first`. Each distinct word is
// stemmed once per block (stemming every use was most of the index's cost), and stems are
// numbered within the block.
fn gather(first: usize, entries: &[Entry], stemmer: Stemmer) -> Postings {
    let mut block = Block::default();
    for (k, e) in entries.iter().enumerate() {
        let a = &e.article;
        block.add(&a.title, TITLE, stemmer);
        for label in [&a.description, &a.source, &a.author].into_iter().flatten() {
            block.add(label, LABEL, stemmer);
        }
        for tag in &a.tags {
            block.add(&tag.name, LABEL, stemmer);
        }
        block.add(&text::plain(&a.body_html), BODY, stemmer);
        block.end_article((first + k) as u32);
    }
    block
        .stems
        .into_iter()
        .zip(block.postings)
        .filter(|(_, list)| !list.is_empty())
        .collect()
}

/// The stems met in a block of articles, numbered, with each one's postings.
#[derive(Default)]
struct Block {
    stems: Vec<String>,
    numbers: FxHashMap<String, u32>,
    postings: Vec<Vec<(u32, u32)>>,
    /// Each word met, with its stems' numbers.
    words: FxHashMap<String, Vec<u32>>,
    /// The current article's weight of each stem, by number (0: not met).
    weights: Vec<u32>,
    /// The numbers of the stems the current article has met.
    touched: Vec<u32>,
}

impl Block {
    // Adds the words of `text` to the current article, each worth `weight`.
    fn add(&mut self, text: &str, weight: u32, stemmer: Stemmer) {
        words::each_word(text, |word| {
            // Looked up by `&str`: most uses are of words met before.
            if let Some(ids) = self.words.get(word) {
                weigh(ids, weight, &mut self.weights, &mut self.touched);
            } else {
                let ids = self.number(word, stemmer);
                weigh(&ids, weight, &mut self.weights, &mut self.touched);
                self.words.insert(word.to_string(), ids);
            }
        });
    }

    // Ends the current article, number `doc`: its weights go to the postings.
    fn end_article(&mut self, doc: u32) {
        for id in self.touched.drain(..) {
            let w = std::mem::take(&mut self.weights[id as usize]);
            self.postings[id as usize].push((doc, w));
        }
    }

    fn number(&mut self, word: &str, stemmer: Stemmer) -> Vec<u32> {
        let mut found = Vec::new();
        stemmer.stems(word, &mut found);
        let Block {
            stems,
            numbers,
            postings,
            weights,
            ..
        } = self;
        found
            .into_iter()
            .map(|stem| {
                *numbers.entry(stem).or_insert_with_key(|stem| {
                    stems.push(stem.clone());
                    postings.push(Vec::new());
                    weights.push(0);
                    (stems.len() - 1) as u32
                })
            })
            .collect()
    }
}

// Adds `weight` to the current article's weight of each stem of `ids`.
fn weigh(ids: &[u32], weight: u32, weights: &mut [u32], touched: &mut Vec<u32>) {
    for &id in ids {
        let w = &mut weights[id as usize];
        if *w == 0 {
            touched.push(id);
        }
        *w = w.saturating_add(weight);
    }
}

// `later`'s postings appended to `earlier`'s: blocks come in article order.
fn merge(mut earlier: Postings, later: Postings) -> Postings {
    for (stem, mut list) in later {
        earlier.entry(stem).or_default().append(&mut list);
    }
    earlier
}

fn fragment(b: usize, terms: &mut [Term]) -> Vec<u8> {
    terms.sort_unstable_by(|x, y| x.0.cmp(y.0));
    let mut out = format!("arsipSearch.terms({b},{{");
    for (k, (stem, list)) in terms.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        encode::push_string(&mut out, stem);
        out.push(':');
        let mut sorted = list.to_vec();
        sorted.sort_unstable();
        encode::push_string(&mut out, &encode::postings(&sorted));
    }
    out.push_str("});\n");
    out.into_bytes()
}

fn meta(n: usize, buckets: u32, stemmer: Stemmer, common: &[&str]) -> Vec<u8> {
    let mut out = format!(
        "arsipSearch.meta({{\"docs\":{n},\"buckets\":{buckets},\"chunk\":{},\"stemmer\":",
        layout::DOCS_PER_CHUNK
    );
    encode::push_string(&mut out, stemmer.name());
    out.push_str(",\"common\":[");
    for (k, stem) in common.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        encode::push_string(&mut out, stem);
    }
    out.push_str("]});\n");
    out.into_bytes()
}
