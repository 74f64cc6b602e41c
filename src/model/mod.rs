//! Stage 3, model: place the parsed articles in a [`Site`]: drafts and future articles left
//! out, newest first, every URL decided (collisions get `-2`, `-3`), date and tag indexes
//! built, and the list of every page to render (each page's URL from its kind, by the scheme
//! in [`crate::urls`]).
//!
//! URLs here are site-relative: `""` is the home page, directories end in `/` (written as
//! `…/index.html`), files such as `rss.xml` do not.
//!
//! Every build pays for this stage in full, so it works on indexes and hash maps and moves
//! each article once; the order it hands on is the same as sorting and filling `BTreeMap`s
//! would give.

mod kinds;
mod pages;
mod place;
mod redirects;
mod related;
#[cfg(test)]
mod related_tests;
mod safe_slugs;
mod site_links;
mod sitemaps;

pub use site_links::{BrokenLink, broken_site_links};
mod tags;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use crate::urls::paged;
pub use crate::urls::{
    FEED_URL, NOT_FOUND_URL, SITEMAP_URL, STYLESHEET_URL, archive_url, day_url, index_url,
    month_url, output_path, tag_url, tags_url, year_url,
};
pub use kinds::{
    Articles, NEWS_SITEMAP_URL, Page, PageKind, ROBOTS_URL, Shows, TagsShown, month_range,
    shown_in_full, year_range,
};
pub use pages::paginate;
pub use sitemaps::SitemapPart;

use crate::config::Config;
use crate::error::Warning;
use crate::parse::Article;

/// An article with its place in the site.
#[derive(Debug, Clone)]
pub struct Entry {
    pub article: Article,
    /// Final slug, after collisions.
    pub slug: String,
    pub url: String,
    /// The publication day as written: in the article's own offset when its date has one,
    /// else in the site's timezone. It decides the archive the article is in.
    pub day: NaiveDate,
    /// The old URLs that lead to the article, each a redirect page: its `aliases` a static
    /// host can serve, then its URL in each of the site's `old_permalinks`.
    pub old_urls: Vec<String>,
}

/// Every article carrying one tag (all spellings with the same slug share it).
#[derive(Debug, Clone)]
pub struct TagGroup {
    /// The spelling used by most articles; ties go to the first in sort order.
    pub name: String,
    pub slug: String,
    pub url: String,
    pub feed_url: String,
    /// Indexes into [`Site::articles`], newest first.
    pub articles: Vec<usize>,
}

/// One page of a paginated listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// 1-based page number.
    pub number: usize,
    pub total: usize,
    /// Which entries of the full list this page shows.
    pub range: Range<usize>,
    pub first_url: String,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
}

/// The whole site, immutable once built.
#[derive(Debug, Clone)]
pub struct Site {
    /// Newest first; ties by slug, then source path.
    pub articles: Vec<Entry>,
    /// Indexes into `articles` per day, newest first within a day.
    pub by_date: BTreeMap<NaiveDate, Vec<usize>>,
    /// By tag slug.
    pub tags: BTreeMap<String, TagGroup>,
    pub pages: Vec<Page>,
    /// Indexes into `articles` in the order of their source files, for `@/file.md` links in
    /// bodies: see [`Site::url_of_source`].
    pub by_source: Vec<usize>,
    /// The drafts and future-dated articles left out, in the order they were given.
    pub unpublished: Vec<Article>,
    /// Per article, its related articles (indexes into `articles`), best first.
    pub related: Vec<Vec<usize>>,
}

impl Site {
    /// How many drafts and future-dated articles were left out.
    pub fn skipped(&self) -> usize {
        self.unpublished.len()
    }

    /// The URL of the article read from `path` (such as `content/2016/a.md`), if any.
    pub fn url_of_source(&self, path: &Path) -> Option<&str> {
        // `by_source` holds valid indexes, sorted by source path: set once, in `build_site`.
        let source = |i: usize| self.articles[i].article.source_path.as_path();
        let found = self
            .by_source
            .binary_search_by(|&i| source(i).cmp(path))
            .ok()?;
        Some(&self.articles[self.by_source[found]].url)
    }
}

impl Site {
    /// The URL of the article a link names by its source file (`content/2016/a.md`):
    /// `path` itself, else, as links and other generators' tags name files loosely (Hugo's
    /// `ref` adds `.md`, `{% post_url %}` the linking post's extension), the same name with
    /// another Markdown extension, or the page bundle of that name (`a/index.md`).
    pub fn url_of_linked_source(&self, path: &Path) -> Option<&str> {
        if let Some(url) = self.url_of_source(path) {
            return Some(url);
        }
        let ext = path.extension()?;
        if ext == "txt" {
            return None;
        }
        let stem = path.with_extension("");
        MARKDOWN_EXTENSIONS
            .iter()
            .filter(|e| **e != ext)
            .find_map(|e| self.url_of_source(&stem.with_extension(e)))
            .or_else(|| {
                let bundle = stem.join("index");
                MARKDOWN_EXTENSIONS
                    .iter()
                    .find_map(|e| self.url_of_source(&bundle.with_extension(e)))
            })
    }
}

// The file name endings of Markdown articles, in the order a loose link tries them.
const MARKDOWN_EXTENSIONS: [&str; 3] = ["md", "markdown", "mdown"];

// Ends the warning about an article's tags cut at the cap.
const TAG_CAP: &str = "(max_tags_per_article in arsip.toml)";

/// Whether `warning` is about an article whose tags were cut at `max_tags_per_article` (the
/// other warnings of the model are articles competing for one URL).
pub fn cuts_tags(warning: &Warning) -> bool {
    warning.message.ends_with(TAG_CAP)
}

// Keeps the first `max` tags of each article, with a warning naming each article cut: one
// article with 10,000 tags made every tag page list every other (issue 21).
fn cap_tags(articles: &mut [Article], max: usize) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for article in articles.iter_mut().filter(|a| a.tags.len() > max) {
        warnings.push(Warning {
            path: article.source_path.clone(),
            location: None,
            message: format!(
                "{} tags; only the first {max} are kept {TAG_CAP}",
                article.tags.len()
            ),
        });
        article.tags.truncate(max);
    }
    warnings
}

/// Where a file of `content/` that is no article is published: beside the page of its
/// bundle's article (`2016/02/18/kabar/grafik.png` for `content/kabar/grafik.png` of
/// `content/kabar/index.md`), so that relative links in the article find it, or at its own
/// path under `content/` when it belongs to no bundle. `None` when its article is not
/// published (a draft, or one that failed): the file stays with it.
pub fn content_asset_path(site: &Site, path: &Path, bundle: Option<&Path>) -> Option<String> {
    let (base, rel) = match bundle {
        Some(index) => {
            let url = site.url_of_source(index)?;
            // An article at `a/b.html` has its folder `a/`.
            let folder = match url.rfind('/') {
                _ if url.ends_with('/') => url,
                Some(i) => &url[..=i],
                None => "",
            };
            (folder.to_string(), path.strip_prefix(index.parent()?).ok()?)
        }
        None => (String::new(), path.strip_prefix("content").ok()?),
    };
    let mut out = base;
    for part in rel.components() {
        match part {
            std::path::Component::Normal(name) => {
                out.push_str(name.to_str()?);
                out.push('/');
            }
            _ => return None,
        }
    }
    out.pop();
    Some(out)
}

/// Builds the site from parsed articles. `now` decides which articles are still in the future.
///
/// Never fails: URL collisions are resolved with a suffix and reported as warnings.
pub fn build_site(
    articles: Vec<Article>,
    config: &Config,
    now: DateTime<Utc>,
) -> (Site, Vec<Warning>) {
    // Drafts and future articles are few: taken out, the rest stays in place. (A partition
    // into two new lists moved every article, growing the list as it went.)
    let mut articles = articles;
    let unpublished: Vec<Article> = articles
        .extract_if(.., |a| {
            !(config.drafts || (!a.draft && a.date.with_timezone(&Utc) <= now))
        })
        .collect();
    let capped = cap_tags(&mut articles, config.max_tags_per_article);
    // A date keeps the day it was written on: a date without an offset was read in the
    // site's timezone, one with an offset keeps it.
    let days: Vec<NaiveDate> = articles.iter().map(|a| a.date.date_naive()).collect();
    // Three independent passes over the articles, side by side.
    let ((by_path, oldest_first), tally) = rayon::join(
        || rayon::join(|| sorted_by_path(&articles), || oldest_first(&articles)),
        || tags::Tally::count(&articles),
    );
    let (placed, mut warnings) =
        place::place(&articles, &days, &oldest_first, tally.slugs(), config);
    warnings.extend(capped);
    // Sorted from the oldest-first order, as the stable sort of the entries was.
    let mut newest_first = oldest_first.clone();
    newest_first.sort_by(|&i, &j| {
        let (a, b) = (&articles[i], &articles[j]);
        b.date
            .cmp(&a.date)
            .then_with(|| placed[i].slug.cmp(&placed[j].slug))
            .then_with(|| a.source_path.cmp(&b.source_path))
    });
    let mut entries = entries_in_order(articles, placed, days, &newest_first);
    redirects::fill_old_urls(&mut entries, &config.old_permalinks);
    let mut position = vec![0; newest_first.len()];
    for (k, &i) in newest_first.iter().enumerate() {
        position[i] = k;
    }
    let by_source = by_path.iter().map(|&i| position[i]).collect();
    let mut by_date: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, entry) in entries.iter().enumerate() {
        by_date.entry(entry.day).or_default().push(i);
    }
    let tags = tally.into_groups(&position);
    let (pages, taken) = pages::list_pages(&entries, &by_date, &tags, config);
    warnings.extend(taken);
    let stemmer = crate::words::Stemmer::for_language(&config.language);
    let related = related::related(&entries, &tags, stemmer, config.related_articles);
    let site = Site {
        by_source,
        articles: entries,
        by_date,
        tags,
        pages,
        unpublished,
        related,
    };
    (site, warnings)
}

// Article indexes by source path. The articles come from `load` sorted by path, so this
// stable sort only checks that order: comparing `Path`s component by component is slow, and
// sorting them from scratch was the largest part of this stage at 10,000 articles.
fn sorted_by_path(articles: &[Article]) -> Vec<usize> {
    let plain: Vec<bool> = articles.iter().map(|a| is_plain(&a.source_path)).collect();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&articles[i].source_path, &articles[j].source_path);
        if plain[i] && plain[j] {
            plain_path_order(a, b)
        } else {
            a.cmp(b)
        }
    });
    order
}

// Whether `path` is its components joined by `/` and nothing else: no `.`, `..` or empty
// component (a leading `/` is the root). Such paths compare as `Path`s do by their bytes,
// with `/` below every other byte ([`plain_path_order`]).
fn is_plain(path: &Path) -> bool {
    let bytes = path.as_os_str().as_encoded_bytes();
    let relative = bytes.strip_prefix(b"/").unwrap_or(bytes);
    cfg!(unix)
        && !relative.is_empty()
        && relative
            .split(|b| *b == b'/')
            .all(|c| !c.is_empty() && c != b"." && c != b"..")
}

// `Path`'s order (component by component) of two plain paths, from their bytes: at the first
// byte where they differ, a `/` ends the shorter component. Comparing `Path`s is much slower,
// and the model orders 10,000 of them.
fn plain_path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    let rank = |byte: u8| if byte == b'/' { 0 } else { u16::from(byte) + 1 };
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(d) => rank(a[d]).cmp(&rank(b[d])),
        None => a.len().cmp(&b.len()),
    }
}

// Article indexes oldest first: the order collisions are settled in, so that an older article
// keeps its URL when a newer one arrives (issue 19: an article never moves because another
// was added). Among articles of the very same date and time, one whose slug or path was
// given (front matter `slug`, `path`, or a dated file name) goes first, so `slug` pins an
// article's URL against a newcomer; only then the source path decides.
fn oldest_first(articles: &[Article]) -> Vec<usize> {
    let pinned = |a: &Article| a.slug_is_explicit || a.path.is_some();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&articles[i], &articles[j]);
        a.date
            .cmp(&b.date)
            .then_with(|| pinned(b).cmp(&pinned(a)))
            .then_with(|| a.source_path.cmp(&b.source_path))
    });
    order
}

// The articles as entries, moved (not cloned) into `order`, a permutation of their indexes.
// Sorting indexes and moving each article once is much cheaper than sorting the articles.
fn entries_in_order(
    articles: Vec<Article>,
    mut placed: Vec<place::Placed>,
    days: Vec<NaiveDate>,
    order: &[usize],
) -> Vec<Entry> {
    // Collected in place: an `Option<Article>` is the size of an `Article`.
    let mut articles: Vec<Option<Article>> = articles.into_iter().map(Some).collect();
    let mut entries = Vec::with_capacity(order.len());
    for &i in order {
        if let Some(article) = articles[i].take() {
            let place::Placed { slug, url } = std::mem::take(&mut placed[i]);
            entries.push(Entry {
                article,
                slug,
                url,
                day: days[i],
                old_urls: Vec::new(),
            });
        }
    }
    entries
}

#[cfg(test)]
mod stable_urls;
#[cfg(test)]
mod tests;
