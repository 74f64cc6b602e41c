//! Where each article is published: the permalink of its slug, or of `slug-2`, `slug-3`, …
//! when a listing page or an older article already has that URL (with a warning naming who).

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{Datelike, NaiveDate};

use super::{archive_url, day_url, index_url, month_url, tag_url, tags_url, year_url};
use crate::config::Config;
use crate::error::Warning;
use crate::parse::Article;

/// An article's final slug and URL.
#[derive(Debug, Clone, Default)]
pub(super) struct Placed {
    pub slug: String,
    pub url: String,
}

/// The place of each of `articles` (by index), which are visited in `oldest_first` order;
/// `days` are their publication days and `tag_slugs` every tag's slug. Warns once per article
/// that had to take a suffix.
pub(super) fn place<'t>(
    articles: &[Article],
    days: &[NaiveDate],
    oldest_first: &[usize],
    tag_slugs: impl Iterator<Item = &'t str>,
    config: &Config,
) -> (Vec<Placed>, Vec<Warning>) {
    let index_pages = articles.len().div_ceil(config.paginate_by);
    // Every URL given out so far, with the first article that asked for it, if any (a
    // listing page's URL, or one with a suffix, has none until an article asks for it).
    let mut claims: HashMap<String, Option<usize>> = HashMap::with_capacity(articles.len() * 2);
    claims.extend(reserved_urls(days, tag_slugs, index_pages).map(|url| (url, None)));
    let mut placed = vec![Placed::default(); articles.len()];
    let mut warnings = Vec::new();
    for &i in oldest_first {
        let base = base_slug(&articles[i]);
        let wanted = config.permalink.expand(days[i], &base);
        let other = match claims.entry(wanted.clone()) {
            Entry::Vacant(free) => {
                free.insert(Some(i));
                placed[i] = Placed {
                    slug: base,
                    url: wanted,
                };
                continue;
            }
            Entry::Occupied(mut taken) => {
                let first = *taken.get();
                taken.get_mut().get_or_insert(i);
                first.map_or_else(
                    || "a page of the site".to_string(),
                    |j| articles[j].source_path.display().to_string(),
                )
            }
        };
        let (mut slug, mut url);
        let mut n = 1;
        loop {
            n += 1;
            slug = format!("{base}-{n}");
            url = config.permalink.expand(days[i], &slug);
            if !claims.contains_key(&url) {
                break;
            }
        }
        warnings.push(Warning {
            path: articles[i].source_path.clone(),
            location: None,
            message: format!(
                "/{wanted} is already taken by {other}; this article is published at /{url}"
            ),
        });
        claims.insert(url.clone(), None);
        placed[i] = Placed { slug, url };
    }
    (placed, warnings)
}

// An empty slug (a title of only punctuation) falls back to the file name, then a constant;
// collisions then make it unique.
fn base_slug(article: &Article) -> String {
    if !article.slug.is_empty() {
        return article.slug.clone();
    }
    let stem = article
        .source_path
        .file_stem()
        .and_then(|s| s.to_str())
        .map(crate::slug::slugify)
        .unwrap_or_default();
    if stem.is_empty() {
        "artikel".to_string()
    } else {
        stem
    }
}

// URLs of listing pages, which no article may take. Each is made once: years, months and
// days repeat across thousands of articles.
fn reserved_urls<'t>(
    days: &[NaiveDate],
    tag_slugs: impl Iterator<Item = &'t str>,
    index_pages: usize,
) -> impl Iterator<Item = String> {
    let mut days = days.to_vec();
    days.sort_unstable();
    days.dedup();
    let mut months: Vec<(i32, u32)> = days.iter().map(|d| (d.year(), d.month())).collect();
    months.dedup();
    let mut years: Vec<i32> = months.iter().map(|(y, _)| *y).collect();
    years.dedup();
    [index_url(1), archive_url(), tags_url()]
        .into_iter()
        .chain(years.into_iter().map(year_url))
        .chain(months.into_iter().map(|(y, m)| month_url(y, m)))
        .chain(days.into_iter().map(day_url))
        .chain(tag_slugs.map(tag_url))
        .chain((2..=index_pages).map(index_url))
}
