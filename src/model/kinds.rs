//! The page kinds: the one place that says what each kind of page is. For every kind, its
//! URL, template, whether the sitemap lists it, whether it is a feed (and of which type),
//! and what it prints of the site, which decides the articles whose bodies it needs and the
//! inputs its incremental-build hash covers. Every match here names every kind, so a new
//! kind does not compile until each of these is declared for it. A new kind is a variant
//! here, its instances in `pages.rs`, its context in `render`, and its template.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::NaiveDate;

use super::{Entry, Pagination, Site, SitemapPart, TagGroup};
use crate::urls::{self, FEED_URL, NOT_FOUND_URL, SITEMAP_URL};
use crate::words::layout;

/// What a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Index(Pagination),
    Article(usize),
    /// The overview of every year and month.
    Archive,
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
    TagsIndex,
    /// A tag's page, by tag slug.
    Tag(String, Pagination),
    /// The site's RSS 2.0 feed (`None`) or a tag's.
    Feed(Option<String>),
    /// The site's Atom 1.0 feed (`None`) or a tag's.
    Atom(Option<String>),
    /// The site's JSON Feed 1.1 (`None`) or a tag's.
    JsonFeed(Option<String>),
    /// `sitemap.xml`: the index of the sitemap files and the news sitemap.
    SitemapIndex,
    /// One sitemap file, of the pages in its part.
    Sitemap(SitemapPart),
    /// The Google News sitemap: the newest articles, this many (see `pages.rs` for which).
    NewsSitemap(usize),
    /// `robots.txt`, naming the sitemap index (unless `static/robots.txt` replaces it).
    Robots,
    NotFound,
    /// An article's old path (its number in [`super::Entry::old_urls`]), sending readers
    /// to the article.
    Redirect(usize, usize),
    /// The search page.
    Search,
    /// The search index's meta file: its size and the stems too common to index.
    SearchMeta,
    /// A fragment of the search index's terms, by number.
    SearchTerms(u32),
    /// A chunk of the search index's document table, by number.
    SearchDocs(u32),
}

/// The file name of an Atom feed, at the site's root or a tag's.
const ATOM_FILE: &str = "atom.xml";
/// The file name of a JSON Feed, at the site's root or a tag's.
const JSON_FEED_FILE: &str = "feed.json";
/// The Google News sitemap.
pub const NEWS_SITEMAP_URL: &str = "sitemap-news.xml";
/// The robots file, at the site's root.
pub const ROBOTS_URL: &str = "robots.txt";

/// A page to render, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub kind: PageKind,
    pub url: String,
    /// Relative to the output folder.
    pub output_path: String,
}

/// What a page prints of the site: the inputs its content depends on.
#[derive(Debug, Default)]
pub struct Shows<'s> {
    /// Articles printed in full, body included.
    pub in_full: Articles<'s>,
    /// Articles printed as summaries (headline, dates, description, source, author, tags).
    pub summaries: Articles<'s>,
    /// An article page's related articles, printed as summaries.
    pub related: Articles<'s>,
    /// Days whose article counts it prints.
    pub day_counts: Option<RangeInclusive<NaiveDate>>,
    pub tags: TagsShown<'s>,
    pub pagination: Option<&'s Pagination>,
    /// The pages whose URLs it prints, by place in the page list (the sitemap's).
    pub page_urls: Option<std::ops::Range<usize>>,
    /// Whether it prints what every article says (the search index): it depends on all of
    /// them, bodies included.
    pub corpus: bool,
}

/// Some of the site's articles, by index, as a page shows them: made without allocating, since
/// every page of every build is asked.
#[derive(Debug, Default)]
pub enum Articles<'s> {
    #[default]
    None,
    /// Consecutive articles (newest first, as the site lists them).
    Range(std::ops::Range<usize>),
    /// Articles as a tag lists them.
    Slice(&'s [usize]),
    /// An article page's newer and older neighbours; `None` where there is none.
    Neighbours(Option<usize>, Option<usize>),
    /// Every article of some days, newest day first.
    Days(
        &'s BTreeMap<NaiveDate, Vec<usize>>,
        RangeInclusive<NaiveDate>,
    ),
}

impl<'s> Articles<'s> {
    /// Each place, in order: an article, or `None` for an empty place (a missing neighbour).
    pub fn places(&self) -> Places<'_> {
        match self {
            Articles::None => Places::Range(0..0),
            Articles::Range(range) => Places::Range(range.clone()),
            Articles::Slice(list) => Places::Slice(list.iter()),
            Articles::Neighbours(newer, older) => Places::Neighbours([*newer, *older].into_iter()),
            Articles::Days(by_date, days) => {
                Places::Days(by_date.range(days.clone()).rev(), [].iter())
            }
        }
    }

    /// The articles, without empty places.
    pub fn indexes(&self) -> impl Iterator<Item = usize> + '_ {
        self.places().flatten()
    }
}

/// The places of [`Articles`], in order.
pub enum Places<'a> {
    Range(std::ops::Range<usize>),
    Slice(std::slice::Iter<'a, usize>),
    Neighbours(std::array::IntoIter<Option<usize>, 2>),
    /// The days left, and the articles left of the current day.
    Days(
        std::iter::Rev<std::collections::btree_map::Range<'a, NaiveDate, Vec<usize>>>,
        std::slice::Iter<'a, usize>,
    ),
}

impl Iterator for Places<'_> {
    type Item = Option<usize>;

    fn next(&mut self) -> Option<Option<usize>> {
        match self {
            Places::Range(range) => range.next().map(Some),
            Places::Slice(list) => list.next().map(|i| Some(*i)),
            Places::Neighbours(pair) => pair.next(),
            Places::Days(days, list) => loop {
                if let Some(i) = list.next() {
                    return Some(Some(*i));
                }
                *list = days.next()?.1.iter();
            },
        }
    }
}

/// Which tags a page prints (names, URLs, counts).
#[derive(Debug, Default)]
pub enum TagsShown<'s> {
    #[default]
    None,
    One(&'s TagGroup),
    All,
}

impl PageKind {
    /// A short name of the kind, stable across builds (part of each page's hash).
    pub fn name(&self) -> &'static str {
        match self {
            PageKind::Index(_) => "index",
            PageKind::Article(_) => "article",
            PageKind::Archive => "archive",
            PageKind::Year(_) => "year",
            PageKind::Month(..) => "month",
            PageKind::Day(_) => "day",
            PageKind::TagsIndex => "tags",
            PageKind::Tag(..) => "tag",
            PageKind::Feed(_) => "rss",
            PageKind::Atom(_) => "atom",
            PageKind::JsonFeed(_) => "json",
            PageKind::SitemapIndex => "sitemap-index",
            PageKind::Sitemap(_) => "sitemap",
            PageKind::NewsSitemap(_) => "news-sitemap",
            PageKind::Robots => "robots",
            PageKind::NotFound => "404",
            PageKind::Redirect(..) => "redirect",
            PageKind::Search => "search",
            PageKind::SearchMeta => "search-meta",
            PageKind::SearchTerms(_) => "search-terms",
            PageKind::SearchDocs(_) => "search-docs",
        }
    }

    /// The template that renders it. Templates ending in `.html` or `.xml` are autoescaped.
    pub fn template(&self) -> &'static str {
        match self {
            PageKind::Index(_) => "index.html",
            PageKind::Article(_) => "article.html",
            PageKind::Archive => "archive.html",
            PageKind::Year(_) => "year.html",
            PageKind::Month(..) => "month.html",
            PageKind::Day(_) => "day.html",
            PageKind::TagsIndex => "tags.html",
            PageKind::Tag(..) => "tag.html",
            PageKind::Feed(_) => "rss.xml",
            PageKind::Atom(_) => "atom.xml",
            PageKind::JsonFeed(_) => "feed.json",
            PageKind::SitemapIndex => "sitemap_index.xml",
            PageKind::Sitemap(_) => "sitemap.xml",
            PageKind::NewsSitemap(_) => "sitemap_news.xml",
            PageKind::Robots => "robots.txt",
            PageKind::NotFound => "404.html",
            PageKind::Redirect(..) => "redirect.html",
            PageKind::Search => "search.html",
            // Written by `render::search`, read by the search script: no template.
            PageKind::SearchMeta | PageKind::SearchTerms(_) | PageKind::SearchDocs(_) => {
                "search.js"
            }
        }
    }

    /// Its site-relative URL; `None` when it names an article or tag the site lacks.
    pub fn url(
        &self,
        articles: &[Entry],
        tags: &std::collections::BTreeMap<String, TagGroup>,
    ) -> Option<String> {
        let tag = |slug: &str| tags.get(slug);
        Some(match self {
            PageKind::Index(p) => urls::paged("", p.number),
            PageKind::Article(i) => articles.get(*i)?.url.clone(),
            PageKind::Archive => urls::archive_url(),
            PageKind::Year(y) => urls::year_url(*y),
            PageKind::Month(y, m) => urls::month_url(*y, *m),
            PageKind::Day(d) => urls::day_url(*d),
            PageKind::TagsIndex => urls::tags_url(),
            PageKind::Tag(slug, p) => urls::paged(&tag(slug)?.url, p.number),
            PageKind::Feed(None) => FEED_URL.to_string(),
            PageKind::Feed(Some(slug)) => [tag(slug)?.url.as_str(), FEED_URL].concat(),
            PageKind::Atom(None) => ATOM_FILE.to_string(),
            PageKind::Atom(Some(slug)) => [tag(slug)?.url.as_str(), ATOM_FILE].concat(),
            PageKind::JsonFeed(None) => JSON_FEED_FILE.to_string(),
            PageKind::JsonFeed(Some(slug)) => [tag(slug)?.url.as_str(), JSON_FEED_FILE].concat(),
            PageKind::SitemapIndex => SITEMAP_URL.to_string(),
            PageKind::Sitemap(part) => format!("sitemap-{}.xml", part.number),
            PageKind::NewsSitemap(_) => NEWS_SITEMAP_URL.to_string(),
            PageKind::Robots => ROBOTS_URL.to_string(),
            PageKind::NotFound => NOT_FOUND_URL.to_string(),
            // An old path with a query (`?p=12`) names no file a static host can serve.
            PageKind::Redirect(i, k) => articles.get(*i)?.old_urls.get(*k)?.clone(),
            PageKind::Search => layout::SEARCH_URL.to_string(),
            PageKind::SearchMeta => layout::META_URL.to_string(),
            PageKind::SearchTerms(n) => layout::terms_url(*n),
            PageKind::SearchDocs(n) => layout::docs_url(*n),
        })
    }

    /// The feeds of the site (`tag` None) or of one tag, in the order pages link them: those
    /// of the formats named in `formats` (see [`crate::config::FEED_FORMATS`]).
    pub fn feeds(tag: Option<&str>, formats: &[String]) -> Vec<PageKind> {
        let tag = tag.map(str::to_string);
        let all = [
            PageKind::Feed(tag.clone()),
            PageKind::Atom(tag.clone()),
            PageKind::JsonFeed(tag),
        ];
        all.into_iter()
            .filter(|kind| formats.iter().any(|f| f == kind.name()))
            .collect()
    }

    /// For a feed, its media type (as `<link rel="alternate">` names it); `None` for a page.
    pub fn feed_type(&self) -> Option<&'static str> {
        match self {
            PageKind::Feed(_) => Some("application/rss+xml"),
            PageKind::Atom(_) => Some("application/atom+xml"),
            PageKind::JsonFeed(_) => Some("application/feed+json"),
            PageKind::Index(_)
            | PageKind::Article(_)
            | PageKind::Archive
            | PageKind::Year(_)
            | PageKind::Month(..)
            | PageKind::Day(_)
            | PageKind::TagsIndex
            | PageKind::Tag(..)
            | PageKind::SitemapIndex
            | PageKind::Sitemap(_)
            | PageKind::NewsSitemap(_)
            | PageKind::Robots
            | PageKind::NotFound
            | PageKind::Redirect(..)
            | PageKind::Search
            | PageKind::SearchMeta
            | PageKind::SearchTerms(_)
            | PageKind::SearchDocs(_) => None,
        }
    }

    /// Whether the sitemap lists it: every HTML page but the 404.
    pub fn in_sitemap(&self) -> bool {
        match self {
            PageKind::Index(_)
            | PageKind::Article(_)
            | PageKind::Archive
            | PageKind::Year(_)
            | PageKind::Month(..)
            | PageKind::Day(_)
            | PageKind::TagsIndex
            | PageKind::Tag(..) => true,
            PageKind::Feed(_)
            | PageKind::Atom(_)
            | PageKind::JsonFeed(_)
            | PageKind::SitemapIndex
            | PageKind::Sitemap(_)
            | PageKind::NewsSitemap(_)
            | PageKind::Robots
            | PageKind::NotFound
            | PageKind::Redirect(..)
            | PageKind::Search
            | PageKind::SearchMeta
            | PageKind::SearchTerms(_)
            | PageKind::SearchDocs(_) => false,
        }
    }

    /// What it prints of `site`; feeds show their newest `feed_limit` articles.
    pub fn shows<'s>(&'s self, site: &'s Site, feed_limit: usize) -> Shows<'s> {
        let tag = |slug: &str| site.tags.get(slug);
        let period = |days: RangeInclusive<NaiveDate>| Shows {
            summaries: Articles::Days(&site.by_date, days.clone()),
            day_counts: Some(days),
            ..Shows::default()
        };
        match self {
            PageKind::Index(p) => Shows {
                summaries: Articles::Range(p.range.clone()),
                pagination: Some(p),
                ..Shows::default()
            },
            PageKind::Article(i) => Shows {
                in_full: Articles::Range(*i..*i + 1),
                summaries: Articles::Neighbours(i.checked_sub(1), i.checked_add(1)),
                related: Articles::Slice(site.related.get(*i).map_or(&[], Vec::as_slice)),
                ..Shows::default()
            },
            PageKind::Archive => Shows {
                day_counts: Some(NaiveDate::MIN..=NaiveDate::MAX),
                ..Shows::default()
            },
            PageKind::Year(y) => period(year_range(*y)),
            PageKind::Month(y, m) => period(month_range(*y, *m)),
            PageKind::Day(d) => period(*d..=*d),
            PageKind::TagsIndex => Shows {
                tags: TagsShown::All,
                ..Shows::default()
            },
            PageKind::Tag(slug, p) => match tag(slug) {
                Some(group) => Shows {
                    summaries: Articles::Slice(
                        group.articles.get(p.range.clone()).unwrap_or_default(),
                    ),
                    tags: TagsShown::One(group),
                    pagination: Some(p),
                    ..Shows::default()
                },
                None => Shows::default(),
            },
            PageKind::Feed(None) | PageKind::Atom(None) | PageKind::JsonFeed(None) => Shows {
                in_full: Articles::Range(0..site.articles.len().min(feed_limit)),
                ..Shows::default()
            },
            PageKind::Feed(Some(slug))
            | PageKind::Atom(Some(slug))
            | PageKind::JsonFeed(Some(slug)) => match tag(slug) {
                Some(group) => Shows {
                    in_full: Articles::Slice(
                        &group.articles[..group.articles.len().min(feed_limit)],
                    ),
                    tags: TagsShown::One(group),
                    ..Shows::default()
                },
                None => Shows::default(),
            },
            // The index prints each part's newest date and the parts there are.
            PageKind::SitemapIndex => Shows {
                summaries: Articles::Range(0..site.articles.len()),
                page_urls: Some(0..site.pages.len()),
                ..Shows::default()
            },
            PageKind::Sitemap(part) => Shows {
                summaries: Articles::Range(part.articles.clone()),
                page_urls: Some(part.pages.clone()),
                ..Shows::default()
            },
            PageKind::NewsSitemap(count) => Shows {
                summaries: Articles::Range(0..site.articles.len().min(*count)),
                ..Shows::default()
            },
            PageKind::Robots | PageKind::NotFound => Shows::default(),
            PageKind::Redirect(i, _) => Shows {
                summaries: Articles::Range(*i..*i + 1),
                ..Shows::default()
            },
            PageKind::Search => Shows::default(),
            PageKind::SearchMeta | PageKind::SearchTerms(_) => Shows {
                corpus: true,
                ..Shows::default()
            },
            PageKind::SearchDocs(n) => {
                let first = (*n as usize * layout::DOCS_PER_CHUNK).min(site.articles.len());
                let last = (first + layout::DOCS_PER_CHUNK).min(site.articles.len());
                Shows {
                    in_full: Articles::Range(first..last),
                    ..Shows::default()
                }
            }
        }
    }
}

/// The articles whose bodies `pages` print, sorted, each once.
pub fn shown_in_full(site: &Site, pages: &[&Page], feed_limit: usize) -> Vec<usize> {
    if pages.iter().any(|p| p.kind.shows(site, feed_limit).corpus) {
        return (0..site.articles.len()).collect();
    }
    let mut needed: Vec<usize> = pages
        .iter()
        .flat_map(|page| {
            page.kind
                .shows(site, feed_limit)
                .in_full
                .indexes()
                .collect::<Vec<_>>()
        })
        .collect();
    needed.sort_unstable();
    needed.dedup();
    needed
}

/// Every day of `year`.
pub fn year_range(year: i32) -> RangeInclusive<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    first..=last
}

/// Every day of `month` of `year`.
pub fn month_range(year: i32, month: u32) -> RangeInclusive<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN);
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX);
    first..=last
}
