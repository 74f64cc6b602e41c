//! The list of every page to render: each page kind's instances, in a fixed order.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use super::{Entry, Page, PageKind, Pagination, TagGroup, output_path, paged, sitemaps};
use crate::config::Config;
use crate::error::Warning;
use crate::words::layout;

/// Splits `count` items into pages of `per_page` under `base` (`""` or `tags/x/`).
pub fn paginate(base: &str, count: usize, per_page: usize) -> Vec<Pagination> {
    let per_page = per_page.max(1);
    let total = count.div_ceil(per_page).max(1);
    (1..=total)
        .map(|number| Pagination {
            number,
            total,
            range: (number - 1) * per_page..(number * per_page).min(count),
            first_url: base.to_string(),
            prev_url: (number > 1).then(|| paged(base, number - 1)),
            next_url: (number < total).then(|| paged(base, number + 1)),
        })
        .collect()
}

/// Every page of the site, in a fixed order: home pages, articles, archives, tags (each
/// tag's pages, then its feeds), the site's feeds, sitemap and 404, then the redirects from
/// articles' old paths; and a warning for each old path a page of the site has already.
pub(super) fn list_pages(
    entries: &[Entry],
    by_date: &BTreeMap<NaiveDate, Vec<usize>>,
    tags: &BTreeMap<String, TagGroup>,
    config: &Config,
) -> (Vec<Page>, Vec<Warning>) {
    let feeds = PageKind::feeds(None, &config.feeds).len();
    let listing_pages = |count: usize| count.div_ceil(config.paginate_by).max(1);
    let tag_pages: usize = tags
        .values()
        .map(|g| listing_pages(g.articles.len()) + feeds)
        .sum();
    let mut pages = Vec::with_capacity(
        listing_pages(entries.len()) + entries.len() + by_date.len() * 3 + tag_pages + 10,
    );
    let page = |kind: PageKind| {
        let url = kind.url(entries, tags)?;
        Some(Page {
            output_path: output_path(&url),
            kind,
            url,
        })
    };
    for pagination in paginate("", entries.len(), config.paginate_by) {
        pages.extend(page(PageKind::Index(pagination)));
    }
    // Most pages are articles': made in parallel, in order.
    pages.par_extend(
        (0..entries.len())
            .into_par_iter()
            .filter_map(|i| page(PageKind::Article(i))),
    );
    let mut kinds = vec![PageKind::Archive];
    let months: BTreeSet<(i32, u32)> = by_date.keys().map(|d| (d.year(), d.month())).collect();
    let years: BTreeSet<i32> = months.iter().map(|(y, _)| *y).collect();
    kinds.extend(years.into_iter().map(PageKind::Year));
    kinds.extend(months.into_iter().map(|(y, m)| PageKind::Month(y, m)));
    kinds.extend(by_date.keys().map(|day| PageKind::Day(*day)));
    kinds.push(PageKind::TagsIndex);
    for group in tags.values() {
        for pagination in paginate(&group.url, group.articles.len(), config.paginate_by) {
            kinds.push(PageKind::Tag(group.slug.clone(), pagination));
        }
        kinds.extend(PageKind::feeds(Some(&group.slug), &config.feeds));
    }
    kinds.extend(PageKind::feeds(None, &config.feeds));
    pages.extend(kinds.into_iter().filter_map(page));
    // The sitemap's files list the pages made so far; the pages after them are not listed.
    let discovery = &config.discovery;
    let mut kinds = vec![PageKind::SitemapIndex];
    let parts = sitemaps::parts(&pages, config.base_url.len(), discovery);
    kinds.extend(parts.into_iter().map(PageKind::Sitemap));
    if discovery.news_sitemap && !entries.is_empty() {
        kinds.push(PageKind::NewsSitemap(sitemaps::news_count(entries)));
    }
    if !discovery.static_robots {
        kinds.push(PageKind::Robots);
    }
    kinds.push(PageKind::NotFound);
    // Search pages are for readers, not crawlers: after the sitemap's files, so not listed.
    if config.search {
        let n = entries.len();
        kinds.extend([PageKind::Search, PageKind::SearchMeta]);
        kinds.extend((0..layout::buckets(n)).map(PageKind::SearchTerms));
        kinds.extend((0..layout::chunks(n)).map(PageKind::SearchDocs));
    }
    pages.extend(kinds.into_iter().filter_map(page));
    let warnings = super::redirects::add_redirects(&mut pages, entries, tags);
    (pages, warnings)
}
