//! Tag pages: every spelling of a tag with the same slug shares one page, named by the
//! spelling most articles use.

use std::collections::{BTreeMap, HashMap};

use super::{Entry, FEED_URL, TagGroup, tag_url};

/// The tag groups of `entries` (newest first), by tag slug.
pub(super) fn group_tags(entries: &[Entry]) -> BTreeMap<String, TagGroup> {
    // Per slug: how many times each spelling is used, and the articles carrying it, in order.
    let mut tally: HashMap<&str, (HashMap<&str, usize>, Vec<usize>)> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for tag in &entry.article.tags {
            let (spellings, articles) = tally.entry(&tag.slug).or_default();
            *spellings.entry(&tag.name).or_default() += 1;
            articles.push(i);
        }
    }
    tally
        .into_iter()
        .map(|(slug, (spellings, articles))| {
            // Spellings differ, so the winner does not depend on the map's order: the most
            // used, ties to the first in sort order.
            let name = spellings
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                .map_or(slug, |(name, _)| name);
            let url = tag_url(slug);
            let group = TagGroup {
                name: name.to_string(),
                slug: slug.to_string(),
                feed_url: format!("{url}{FEED_URL}"),
                url,
                articles,
            };
            (slug.to_string(), group)
        })
        .collect()
}
