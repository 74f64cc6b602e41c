//! Where each article is published: the permalink of its slug, or of `slug-2`, `slug-3`, …
//! when a listing page or an older article already has that URL (with a warning naming who).

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use super::{archive_url, day_url, index_url, month_url, tag_url, tags_url, year_url};
use crate::config::Config;
use crate::error::Warning;
use crate::parse::Article;

/// An article's final slug and URL.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub slug: String,
    pub url: String,
}

/// The place of each of `articles` (by index), which are visited in `oldest_first` order;
/// `days` are their publication days. Warns once per article that had to take a suffix.
pub(super) fn place(
    articles: &[Article],
    days: &[NaiveDate],
    oldest_first: &[usize],
    config: &Config,
) -> (Vec<Placed>, Vec<Warning>) {
    // What each article asks for does not depend on the others.
    let wanted: Vec<Placed> = articles
        .par_iter()
        .zip(days)
        .map(|(article, day)| {
            let slug = base_slug(article);
            Placed {
                url: config.permalink.expand(*day, &slug),
                slug,
            }
        })
        .collect();
    let index_pages = articles.len().div_ceil(config.paginate_by);
    let mut taken = reserved_urls(articles, days, index_pages);
    // The first article to ask for each URL, named when a later one cannot have it.
    let mut first_claimant: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
    // The few articles that had to take a suffix, by index.
    let mut moved: HashMap<usize, Placed> = HashMap::new();
    let mut warnings = Vec::new();
    for &i in oldest_first {
        let want = &wanted[i];
        let mut suffixed = None;
        let mut url = want.url.clone();
        let mut n = 1;
        while taken.contains(&url) {
            n += 1;
            let slug = format!("{}-{n}", want.slug);
            url = config.permalink.expand(days[i], &slug);
            suffixed = Some(slug);
        }
        if let Some(slug) = suffixed {
            let other = first_claimant.get(want.url.as_str()).map_or_else(
                || "a page of the site".to_string(),
                |j| articles[*j].source_path.display().to_string(),
            );
            warnings.push(Warning {
                path: articles[i].source_path.clone(),
                location: None,
                message: format!(
                    "/{} is already taken by {other}; this article is published at /{url}",
                    want.url
                ),
            });
            moved.insert(
                i,
                Placed {
                    slug,
                    url: url.clone(),
                },
            );
        }
        first_claimant.entry(&want.url).or_insert(i);
        taken.insert(url);
    }
    drop(first_claimant);
    let placed = wanted
        .into_iter()
        .enumerate()
        .map(|(i, want)| moved.remove(&i).unwrap_or(want))
        .collect();
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

// URLs of listing pages, which no article may take. Each is made once: years, months, days
// and tags repeat across thousands of articles.
fn reserved_urls(articles: &[Article], days: &[NaiveDate], index_pages: usize) -> HashSet<String> {
    let mut urls: HashSet<String> = [index_url(1), archive_url(), tags_url()]
        .into_iter()
        .collect();
    let mut days = days.to_vec();
    days.sort_unstable();
    days.dedup();
    let mut months: Vec<(i32, u32)> = days.iter().map(|d| (d.year(), d.month())).collect();
    months.dedup();
    let mut years: Vec<i32> = months.iter().map(|(y, _)| *y).collect();
    years.dedup();
    urls.extend(days.iter().map(|d| day_url(*d)));
    urls.extend(months.iter().map(|(y, m)| month_url(*y, *m)));
    urls.extend(years.iter().map(|y| year_url(*y)));
    let tag_slugs: HashSet<&str> = articles
        .iter()
        .flat_map(|a| a.tags.iter().map(|t| t.slug.as_str()))
        .collect();
    urls.extend(tag_slugs.into_iter().map(tag_url));
    urls.extend((2..=index_pages).map(index_url));
    urls
}
