//! Where each article is published: the permalink of its slug, or of `slug-2`, `slug-3`, …
//! when a listing page or an older article already has that URL (with a warning naming who).

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::hash_map::Entry;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use super::safe_slugs;
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
    // What each article asks for does not depend on the others.
    let wanted: Vec<Placed> = articles
        .par_iter()
        .zip(days)
        .map(|(article, day)| {
            let slug = base_slug(article);
            // A path of its own (`permalink`, `url`, `path`), already checked by `parse`.
            let url = match &article.path {
                Some(path) => path.clone(),
                None => config.permalink.expand(*day, &slug),
            };
            Placed { url, slug }
        })
        .collect();
    let index_pages = articles.len().div_ceil(config.paginate_by);
    let reserved: Vec<String> = reserved_urls(days, tag_slugs, index_pages).collect();
    // Slug safety (issue 21), apart from the order in which articles claim URLs: what no
    // article may have, and URLs compared as a case-insensitive file system sees them.
    let (problems, keys) = safety(&wanted, articles);
    // Every URL given out so far, with the first article that asked for it, if any (a
    // listing page's URL, or one with a suffix, has none until an article asks for it).
    // The keys are borrowed; only the few URLs with a suffix are owned, in `suffixed`.
    let mut claims: HashMap<&str, Option<usize>> =
        HashMap::with_capacity_and_hasher(reserved.len() + wanted.len(), Default::default());
    claims.extend(reserved.iter().map(|url| (url.as_str(), None)));
    let mut suffixed: HashMap<String, Option<usize>> = HashMap::default();
    let mut moved: HashMap<usize, Placed> = HashMap::default();
    let mut warnings = Vec::new();
    for &i in oldest_first {
        let want = &wanted[i];
        let first_claimant = match claims.entry(&keys[i]) {
            Entry::Occupied(taken) => Some(taken.into_mut()),
            Entry::Vacant(free) => match suffixed.get_mut(keys[i].as_ref()) {
                Some(taken) => Some(taken),
                None if problems[i].is_some() => None,
                None => {
                    free.insert(Some(i));
                    continue;
                }
            },
        };
        let why = match (first_claimant, problems[i]) {
            (Some(first_claimant), _) => {
                let other = first_claimant.map_or_else(
                    || "a page of the site".to_string(),
                    |j| taken_by(&articles[j], &wanted[j].url, &want.url),
                );
                first_claimant.get_or_insert(i);
                format!("is already taken by {other}")
            }
            (None, problem) => format!("is {}", problem.unwrap_or_default()),
        };
        let base = match problems[i] {
            Some(_) => safe_slugs::safe_base(&want.slug),
            None => want.slug.clone(),
        };
        let (slug, url) = free_suffix(&base, days[i], config, |key| {
            claims.contains_key(key) || suffixed.contains_key(key)
        });
        warnings.push(Warning {
            path: articles[i].source_path.clone(),
            location: None,
            message: format!("/{} {why}; this article is published at /{url}", want.url),
        });
        suffixed.insert(safe_slugs::folded(&url).into_owned(), None);
        moved.insert(i, Placed { slug, url });
    }
    drop(claims);
    let placed = wanted
        .into_iter()
        .enumerate()
        .map(|(i, want)| moved.remove(&i).unwrap_or(want))
        .collect();
    (placed, warnings)
}

// Why each wanted URL cannot be had whatever the other articles want, if so, and each URL
// case-folded, as claims compare them.
fn safety<'w>(
    wanted: &'w [Placed],
    articles: &[Article],
) -> (Vec<Option<&'static str>>, Vec<Cow<'w, str>>) {
    let problems = wanted
        .iter()
        .zip(articles)
        .map(|(w, a)| safe_slugs::problem(&w.url, &w.slug, a.path.is_some()))
        .collect();
    let keys = wanted.iter().map(|w| safe_slugs::folded(&w.url)).collect();
    (problems, keys)
}

// The first `base-2`, `base-3`, … whose URL (case-folded) is not `taken` and is safe.
fn free_suffix(
    base: &str,
    day: NaiveDate,
    config: &Config,
    taken: impl Fn(&str) -> bool,
) -> (String, String) {
    let mut n = 1;
    loop {
        n += 1;
        let slug = format!("{base}-{n}");
        let url = config.permalink.expand(day, &slug);
        if !taken(&safe_slugs::folded(&url)) && safe_slugs::problem(&url, &slug, false).is_none() {
            return (slug, url);
        }
    }
}

// Who took a URL: the article's file, and that its URL differs only in case when it does.
fn taken_by(article: &Article, its_url: &str, wanted: &str) -> String {
    let file = article.source_path.display();
    if its_url == wanted {
        file.to_string()
    } else {
        format!(
            "{file} (at /{its_url}: URLs that differ only in case are one folder on macOS and Windows)"
        )
    }
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
    // 404.html too: an article's own path may name an `.html` file.
    [
        index_url(1),
        archive_url(),
        tags_url(),
        super::NOT_FOUND_URL.to_string(),
    ]
    .into_iter()
    .chain(years.into_iter().map(year_url))
    .chain(months.into_iter().map(|(y, m)| month_url(y, m)))
    .chain(days.into_iter().map(day_url))
    .chain(tag_slugs.map(tag_url))
    .chain((2..=index_pages).map(index_url))
}
