//! The list of every page to render, in a fixed order: home pages, articles, archives, tags,
//! feeds, sitemap and 404.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use super::{
    Entry, FEED_URL, NOT_FOUND_URL, Page, PageKind, Pagination, SITEMAP_URL, TagGroup, archive_url,
    day_url, month_url, output_path, paged, tags_url, year_url,
};
use crate::config::Config;

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

fn page(kind: PageKind, url: String) -> Page {
    Page {
        output_path: output_path(&url),
        kind,
        url,
    }
}

/// Every page of the site.
pub(super) fn list_pages(
    entries: &[Entry],
    by_date: &BTreeMap<NaiveDate, Vec<usize>>,
    tags: &BTreeMap<String, TagGroup>,
    config: &Config,
) -> Vec<Page> {
    let listing_pages = |count: usize| count.div_ceil(config.paginate_by).max(1);
    let tag_pages: usize = tags
        .values()
        .map(|g| listing_pages(g.articles.len()) + 1)
        .sum();
    let mut pages = Vec::with_capacity(
        listing_pages(entries.len()) + entries.len() + by_date.len() * 3 + tag_pages + 6,
    );
    for pagination in paginate("", entries.len(), config.paginate_by) {
        let url = paged("", pagination.number);
        pages.push(page(PageKind::Index(pagination), url));
    }
    // Most pages are articles': made in parallel, in order.
    pages.par_extend(
        entries
            .par_iter()
            .enumerate()
            .map(|(i, entry)| page(PageKind::Article(i), entry.url.clone())),
    );
    pages.push(page(PageKind::Archive, archive_url()));
    let months: BTreeSet<(i32, u32)> = by_date.keys().map(|d| (d.year(), d.month())).collect();
    let years: BTreeSet<i32> = months.iter().map(|(y, _)| *y).collect();
    for year in years {
        pages.push(page(PageKind::Year(year), year_url(year)));
    }
    for (year, month) in months {
        pages.push(page(PageKind::Month(year, month), month_url(year, month)));
    }
    for day in by_date.keys() {
        pages.push(page(PageKind::Day(*day), day_url(*day)));
    }
    pages.push(page(PageKind::TagsIndex, tags_url()));
    for group in tags.values() {
        for pagination in paginate(&group.url, group.articles.len(), config.paginate_by) {
            let url = paged(&group.url, pagination.number);
            pages.push(page(PageKind::Tag(group.slug.clone(), pagination), url));
        }
        pages.push(page(
            PageKind::Feed(Some(group.slug.clone())),
            group.feed_url.clone(),
        ));
    }
    pages.push(page(PageKind::Feed(None), FEED_URL.to_string()));
    pages.push(page(PageKind::Sitemap, SITEMAP_URL.to_string()));
    pages.push(page(PageKind::NotFound, NOT_FOUND_URL.to_string()));
    pages
}
