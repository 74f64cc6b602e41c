//! The pages for crawlers: the sitemap index (`sitemap.xml`), the sitemap files it lists
//! (`sitemap-1.xml`, …), the Google News sitemap (`sitemap-news.xml`) and `robots.txt`.
//! Every URL in them is absolute; dates are RFC 3339. Which pages each file lists, and which
//! articles the news sitemap holds, the model decided ([`crate::model::SitemapPart`]).

use tera::{Context, TeraResult};

use super::Renderer;
use super::context::{
    NewsPublication, NewsSitemapPage, NewsUrl, RobotsPage, SitemapIndexPage, SitemapPage,
    SitemapUrl,
};
use super::escape::{xml_string, xml_text};
use crate::model::{Entry, PageKind, SITEMAP_URL, Site, SitemapPart};

// An article's last change: its update, or its publication if that is later.
fn last_change(e: &Entry) -> chrono::DateTime<chrono::FixedOffset> {
    e.article
        .updated
        .unwrap_or(e.article.date)
        .max(e.article.date)
}

/// One sitemap file: its part's pages, articles with their last change.
pub(super) fn part(
    renderer: &Renderer<'_>,
    site: &Site,
    from: &str,
    part: &SitemapPart,
) -> TeraResult<Context> {
    let pages = site.pages.get(part.pages.clone()).unwrap_or_default();
    let urls = pages
        .iter()
        .filter(|p| p.kind.in_sitemap())
        .map(|page| SitemapUrl {
            loc: xml_string(renderer.absolute(&page.url)),
            // Listings change with every new article: no date for them.
            lastmod: match page.kind {
                PageKind::Article(i) => site.articles.get(i).map(|e| last_change(e).to_rfc3339()),
                _ => None,
            },
        })
        .collect();
    Context::from_serialize(&SitemapPage {
        current_url: xml_string(renderer.absolute(from)),
        urls,
    })
}

/// The sitemap index: each sitemap file, then the news sitemap, with the newest last change
/// of the articles each lists.
pub(super) fn index(renderer: &Renderer<'_>, site: &Site, from: &str) -> TeraResult<Context> {
    let newest = |range: std::ops::Range<usize>| {
        let articles = site.articles.get(range).unwrap_or_default();
        articles
            .iter()
            .map(last_change)
            .max()
            .map(|d| d.to_rfc3339())
    };
    let sitemaps = site
        .pages
        .iter()
        .filter_map(|page| {
            let lastmod = match &page.kind {
                PageKind::Sitemap(part) => newest(part.articles.clone()),
                PageKind::NewsSitemap(count) => newest(0..*count),
                _ => return None,
            };
            Some(SitemapUrl {
                loc: xml_string(renderer.absolute(&page.url)),
                lastmod,
            })
        })
        .collect();
    Context::from_serialize(&SitemapIndexPage {
        current_url: xml_string(renderer.absolute(from)),
        sitemaps,
    })
}

/// The Google News sitemap: the newest `count` articles, with the publication's name and
/// language.
pub(super) fn news(
    renderer: &Renderer<'_>,
    site: &Site,
    from: &str,
    count: usize,
) -> TeraResult<Context> {
    let config = renderer.config();
    let urls = site
        .articles
        .iter()
        .take(count)
        .map(|e| NewsUrl {
            loc: xml_string(renderer.absolute(&e.url)),
            title: xml_text(&e.article.title),
            publication_date: e.article.date.to_rfc3339(),
        })
        .collect();
    Context::from_serialize(&NewsSitemapPage {
        current_url: xml_string(renderer.absolute(from)),
        publication: NewsPublication {
            name: xml_string(config.title.clone()),
            language: news_language(&config.language),
        },
        urls,
    })
}

/// `robots.txt`, naming the sitemap index.
pub(super) fn robots(renderer: &Renderer<'_>, from: &str) -> TeraResult<Context> {
    Context::from_serialize(&RobotsPage {
        current_url: renderer.absolute(from),
        sitemap: renderer.absolute(SITEMAP_URL),
    })
}

/// The language as Google News names it: the ISO 639 code of the language tag (`en` for
/// `en-GB`), lower case, except Chinese, which keeps its script (`zh-cn`, `zh-tw`).
pub fn news_language(tag: &str) -> String {
    let lower = tag.to_ascii_lowercase();
    match lower.as_str() {
        "zh-cn" | "zh-hans" | "zh-sg" => "zh-cn".to_string(),
        "zh-tw" | "zh-hant" | "zh-hk" => "zh-tw".to_string(),
        _ => lower.split(['-', '_']).next().unwrap_or("").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::news_language;

    #[test]
    fn news_languages_are_iso_639_codes() {
        assert_eq!(news_language("id"), "id");
        assert_eq!(news_language("en-GB"), "en");
        assert_eq!(news_language("zh-Hant"), "zh-tw");
        assert_eq!(news_language("zh-CN"), "zh-cn");
    }
}
