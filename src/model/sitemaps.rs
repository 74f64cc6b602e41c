//! How the sitemap is split into files, and which articles the Google News sitemap lists.
//!
//! A sitemap file holds at most `sitemap_max_urls` URLs (50,000) and `sitemap_max_bytes`
//! bytes (50 MiB). The bytes are known only once rendered, so each entry is counted at an
//! upper bound of its size in the built-in template (its URL twice over, for escaping, and
//! the tags and date around it): a file may come out smaller than the limit, never larger.
//!
//! The news sitemap lists the articles of the last two days, counted back from the newest
//! article's date rather than from the clock: a build depends only on its input, so two
//! builds of one archive (and an incremental build and a clean one) are byte-identical. An
//! archive that stopped publishing keeps its last two days in it; Google ignores the old.

use super::{Entry, Page};
use crate::discovery::Discovery;

/// One file of the sitemap: its number (from 1) and the pages it lists, by their place in
/// [`super::Site::pages`] (those of them the sitemap lists); and the articles among them, by
/// index, whose dates it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapPart {
    pub number: usize,
    pub pages: std::ops::Range<usize>,
    pub articles: std::ops::Range<usize>,
}

/// How far back from the newest article the news sitemap reaches.
pub const NEWS_WINDOW_HOURS: i64 = 48;
/// The most articles a news sitemap may list (Google's limit).
const NEWS_MAX: usize = 1000;
/// The bytes of the sitemap file around its entries (XML declaration, `<urlset>`).
const FILE_OVERHEAD: usize = 160;
/// The bytes of one entry besides its URL: `<url><loc>`, `<lastmod>` with an RFC 3339 date.
const ENTRY_OVERHEAD: usize = 80;

/// The sitemap's files: the pages of `pages` that the sitemap lists, in order, cut where a
/// file would pass either limit. Always at least one part.
pub(super) fn parts(pages: &[Page], base_url_len: usize, limits: &Discovery) -> Vec<SitemapPart> {
    let max_urls = limits.sitemap_max_urls.max(1);
    let max_bytes = limits.sitemap_max_bytes.saturating_sub(FILE_OVERHEAD);
    let mut parts = Vec::new();
    let mut part = SitemapPart {
        number: 1,
        pages: 0..0,
        articles: 0..0,
    };
    let (mut urls, mut bytes) = (0, 0);
    for (place, page) in pages.iter().enumerate() {
        if !page.kind.in_sitemap() {
            continue;
        }
        let size = ENTRY_OVERHEAD + 2 * (base_url_len + page.url.len());
        if urls > 0 && (urls == max_urls || bytes + size > max_bytes) {
            let number = part.number + 1;
            parts.push(std::mem::replace(
                &mut part,
                SitemapPart {
                    number,
                    pages: place..place,
                    articles: 0..0,
                },
            ));
            (urls, bytes) = (0, 0);
        }
        if urls == 0 {
            part.pages.start = place;
        }
        part.pages.end = place + 1;
        if let super::PageKind::Article(i) = page.kind {
            if part.articles.is_empty() {
                part.articles = i..i + 1;
            } else {
                part.articles.end = i + 1;
            }
        }
        urls += 1;
        bytes += size;
    }
    parts.push(part);
    parts
}

/// How many of the newest `entries` (newest first) the news sitemap lists: those dated
/// within [`NEWS_WINDOW_HOURS`] of the newest, at most 1,000.
pub(super) fn news_count(entries: &[Entry]) -> usize {
    let Some(newest) = entries.first().map(|e| e.article.date) else {
        return 0;
    };
    let cutoff = newest - chrono::Duration::hours(NEWS_WINDOW_HOURS);
    entries
        .iter()
        .take(NEWS_MAX)
        .take_while(|e| e.article.date >= cutoff)
        .count()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{article, config, now};
    use super::super::*;

    fn site_with(count: usize, limits: impl Fn(&mut crate::config::Config)) -> Site {
        let articles = (0..count)
            .map(|k| {
                let day = 1 + (k % 28) as u32;
                let title = format!("Berita {k}");
                article(&format!("content/{k}.md"), &title, (2016, 2, day, 9), &[])
            })
            .collect();
        let mut config = config();
        limits(&mut config);
        build_site(articles, &config, now()).0
    }

    fn sitemap_parts(site: &Site) -> Vec<&SitemapPart> {
        site.pages
            .iter()
            .filter_map(|p| match &p.kind {
                PageKind::Sitemap(part) => Some(part),
                _ => None,
            })
            .collect()
    }

    fn listed(site: &Site, part: &SitemapPart) -> usize {
        site.pages[part.pages.clone()]
            .iter()
            .filter(|p| p.kind.in_sitemap())
            .count()
    }

    #[test]
    fn the_sitemap_splits_at_the_url_limit_and_lists_every_page_once() {
        let site = site_with(30, |c| c.discovery.sitemap_max_urls = 7);
        let parts = sitemap_parts(&site);
        let in_sitemap = site.pages.iter().filter(|p| p.kind.in_sitemap()).count();
        assert_eq!(parts.len(), in_sitemap.div_ceil(7));
        assert!(parts.iter().all(|p| listed(&site, p) <= 7));
        assert_eq!(
            parts.iter().map(|p| listed(&site, p)).sum::<usize>(),
            in_sitemap
        );
        let numbers: Vec<usize> = parts.iter().map(|p| p.number).collect();
        assert_eq!(numbers, (1..=parts.len()).collect::<Vec<_>>());
        assert!(site.pages.iter().any(|p| p.url == "sitemap-1.xml"));
        assert!(site.pages.iter().any(|p| p.url == "sitemap.xml"));
    }

    #[test]
    fn the_sitemap_splits_at_the_byte_limit() {
        // Room for about three entries of this site's URLs per file.
        let site = site_with(10, |c| c.discovery.sitemap_max_bytes = 160 + 3 * 150);
        let parts = sitemap_parts(&site);
        assert!(parts.len() > 3, "{} parts", parts.len());
        assert!(parts.iter().all(|p| (1..=3).contains(&listed(&site, p))));
    }

    #[test]
    fn one_sitemap_file_when_the_site_is_small() {
        let site = site_with(3, |_| {});
        let parts = sitemap_parts(&site);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].articles, 0..3);
    }

    #[test]
    fn the_news_sitemap_counts_two_days_back_from_the_newest_article() {
        // Articles on the 1st to the 28th: the 28th, 27th and 26th at 09:00 are within 48 h.
        let site = site_with(28, |_| {});
        let news = site.pages.iter().find_map(|p| match p.kind {
            PageKind::NewsSitemap(n) => Some(n),
            _ => None,
        });
        assert_eq!(news, Some(3));
        let none = site_with(28, |c| c.discovery.news_sitemap = false);
        assert!(!none.pages.iter().any(|p| p.url == NEWS_SITEMAP_URL));
    }

    #[test]
    fn robots_txt_is_made_unless_static_has_one() {
        assert!(
            site_with(1, |_| {})
                .pages
                .iter()
                .any(|p| p.url == ROBOTS_URL)
        );
        let replaced = site_with(1, |c| c.discovery.static_robots = true);
        assert!(!replaced.pages.iter().any(|p| p.url == ROBOTS_URL));
    }
}
