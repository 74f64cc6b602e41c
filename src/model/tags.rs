//! Tag pages: every spelling of a tag with the same slug shares one page, named by the
//! spelling most articles use.
//!
//! Tags are counted before the articles are placed (tag pages' URLs are reserved), so the
//! count keeps articles by their input index and [`Tally::into_groups`] renumbers them.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::{FEED_URL, TagGroup, tag_url};
use crate::parse::Article;

/// Every tag of a list of articles, one per slug.
pub(super) struct Tally {
    tags: Vec<TagCount>,
}

struct TagCount {
    slug: String,
    /// The spelling used most, ties to the first in sort order.
    name: String,
    /// Indexes of the articles carrying it, once per time an article carries it, in no
    /// particular order.
    articles: Vec<usize>,
}

// Per spelling of a tag (name and slug): how many times it is used, and by which articles.
type Spellings<'a> = HashMap<(&'a str, &'a str), (usize, Vec<usize>)>;

// How a spelling ranks for naming its tag: uses, then names earlier in sort order.
type Rank<'a> = (usize, Reverse<&'a str>);

impl Tally {
    /// Counts the tags of `articles`.
    pub(super) fn count(articles: &[Article]) -> Tally {
        // Some 35,000 tags carried at 10,000 articles, a few dozen distinct: counted in
        // parallel, one hash lookup each, then the counts of each part are added up.
        let spellings: Spellings = articles
            .par_iter()
            .enumerate()
            .fold(Spellings::default, |mut counts, (i, article)| {
                for tag in &article.tags {
                    let (uses, carriers) = counts.entry((&tag.name, &tag.slug)).or_default();
                    *uses += 1;
                    carriers.push(i);
                }
                counts
            })
            .reduce(Spellings::default, |mut all, part| {
                for (spelling, (uses, mut carriers)) in part {
                    let (total, all_carriers) = all.entry(spelling).or_default();
                    *total += uses;
                    all_carriers.append(&mut carriers);
                }
                all
            });
        // Per slug: its most used spelling (ties to the first in sort order; spellings of a
        // slug differ, so the map's order does not matter) and every carrier.
        let mut tags: HashMap<&str, (Rank, Vec<usize>)> = HashMap::default();
        for ((name, slug), (uses, mut carriers)) in spellings {
            let (best, all_carriers) = tags
                .entry(slug)
                .or_insert_with(|| ((0, Reverse(name)), Vec::new()));
            *best = (*best).max((uses, Reverse(name)));
            all_carriers.append(&mut carriers);
        }
        let tags = tags
            .into_iter()
            .map(|(slug, ((_, Reverse(name)), articles))| TagCount {
                slug: slug.to_string(),
                name: name.to_string(),
                articles,
            })
            .collect();
        Tally { tags }
    }

    /// Every tag's slug, in no particular order.
    pub(super) fn slugs(&self) -> impl Iterator<Item = &str> {
        self.tags.iter().map(|t| t.slug.as_str())
    }

    /// The tag groups by slug, with each article index `i` made `position[i]` (its place
    /// newest first) and sorted.
    pub(super) fn into_groups(self, position: &[usize]) -> BTreeMap<String, TagGroup> {
        self.tags
            .into_iter()
            .map(|tag| {
                let mut articles: Vec<usize> = tag.articles.iter().map(|i| position[*i]).collect();
                articles.sort_unstable();
                let url = tag_url(&tag.slug);
                let group = TagGroup {
                    name: tag.name,
                    feed_url: format!("{url}{FEED_URL}"),
                    url,
                    slug: tag.slug.clone(),
                    articles,
                };
                (tag.slug, group)
            })
            .collect()
    }
}
