//! Tag pages: every spelling of a tag with the same slug shares one page, named by the
//! spelling most articles use.
//!
//! Tags are counted before the articles are placed (tag pages' URLs are reserved), so the
//! count keeps articles by their input index and [`Tally::into_groups`] renumbers them.

use std::collections::{BTreeMap, HashMap};

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
    /// Indexes of the articles carrying it, once per time an article carries it.
    articles: Vec<usize>,
}

// One spelling of a tag, and how many times it is used.
struct Spelling<'a> {
    name: &'a str,
    tag: usize,
    uses: usize,
}

impl Tally {
    /// Counts the tags of `articles`.
    pub(super) fn count(articles: &[Article]) -> Tally {
        // One hash lookup per tag carried, by spelling; a new spelling's slug is looked up
        // once. At 10,000 articles there are some 35,000 tags carried and a few dozen tags.
        let mut spelling_ids: HashMap<(&str, &str), usize> = HashMap::new();
        let mut spellings: Vec<Spelling> = Vec::new();
        let mut tag_ids: HashMap<&str, usize> = HashMap::new();
        let mut tags: Vec<(&str, Vec<usize>)> = Vec::new();
        for (i, article) in articles.iter().enumerate() {
            for tag in &article.tags {
                let id = *spelling_ids
                    .entry((&tag.name, &tag.slug))
                    .or_insert_with(|| {
                        let tag_id = *tag_ids.entry(&tag.slug).or_insert_with(|| {
                            tags.push((&tag.slug, Vec::new()));
                            tags.len() - 1
                        });
                        spellings.push(Spelling {
                            name: &tag.name,
                            tag: tag_id,
                            uses: 0,
                        });
                        spellings.len() - 1
                    });
                let spelling = &mut spellings[id];
                spelling.uses += 1;
                tags[spelling.tag].1.push(i);
            }
        }
        let mut names: Vec<Option<&Spelling>> = (0..tags.len()).map(|_| None).collect();
        for spelling in &spellings {
            let best = &mut names[spelling.tag];
            let better = best.is_none_or(|b| {
                (spelling.uses, std::cmp::Reverse(spelling.name))
                    > (b.uses, std::cmp::Reverse(b.name))
            });
            if better {
                *best = Some(spelling);
            }
        }
        let tags = tags
            .into_iter()
            .zip(names)
            .map(|((slug, articles), best)| TagCount {
                slug: slug.to_string(),
                name: best.map_or(slug, |s| s.name).to_string(),
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
