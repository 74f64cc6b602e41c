//! One serializable view per template: the data each page kind hands its template, ready to
//! print (relative links, dates written out). Templates never sort, filter or build URLs.
//!
//! Every page also sees `site` (title, description, base_url, language, extra) and `t` (the
//! interface strings) from the global context, set once in [`super::Renderer::new`].

use std::borrow::Cow;

use serde::Serialize;

use tera::Value;

use crate::parse::Caption;

/// Links every page's header and footer need, relative to that page.
#[derive(Debug, Serialize)]
pub struct Nav {
    pub home: String,
    pub archive: String,
    pub tags: String,
    /// The site's first feed (RSS unless the site has none), linked in the header.
    pub feed: Option<String>,
    /// Every feed of the site, for `<link rel="alternate">`.
    pub feeds: Vec<FeedLink>,
    pub stylesheet: String,
    /// The search page, where the header's search box sends its query (`None`: no search).
    pub search: Option<String>,
}

/// A feed and its media type (`application/rss+xml`, `application/atom+xml`).
#[derive(Debug, Serialize)]
pub struct FeedLink {
    #[serde(rename = "type")]
    pub media_type: &'static str,
    pub url: String,
}

/// A titled link.
#[derive(Debug, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// A link with a count of the articles behind it (a tag, a month, a day).
#[derive(Debug, Serialize)]
pub struct CountedLink {
    pub title: String,
    pub url: String,
    pub count: usize,
}

/// A tag on an article or in a listing.
#[derive(Debug, Serialize)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub url: String,
}

/// An article in a listing: enough for a headline, dateline and standfirst, no body.
/// Listings hold it converted once per link depth (see `super::summaries`).
#[derive(Debug, Serialize)]
pub struct Summary<'a> {
    pub title: &'a str,
    pub url: String,
    /// ISO 8601 date-time, for `<time datetime>`.
    pub date: String,
    pub date_long: String,
    pub date_short: String,
    pub description: Option<&'a str>,
    pub source: Option<&'a str>,
    pub author: Option<&'a str>,
    pub tags: Vec<TagLink<'a>>,
}

/// The article page's subject.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub date: String,
    pub date_long: String,
    pub date_short: String,
    /// `09:28 WIB`; absent when the article was dated without a time (midnight).
    pub time: Option<String>,
    pub updated: Option<String>,
    pub updated_long: Option<String>,
    pub author: Option<&'a str>,
    pub editor: Option<&'a str>,
    pub source: Option<&'a str>,
    pub location: Option<&'a str>,
    pub description: Option<&'a str>,
    pub tags: Vec<TagLink<'a>>,
    /// The last change (RFC 3339): `updated`, or the publication date.
    pub modified: String,
    /// The lead image, for cards and structured data (see `super::cards::lead_image`).
    pub image: Option<ImageView>,
    pub captions: &'a [Caption],
    /// The body as HTML, the one value templates print with `| safe`.
    pub body_html: Cow<'a, str>,
    /// The next newer and next older article, if any.
    pub newer: Option<Link>,
    pub older: Option<Link>,
    /// Related articles (shared tags, then headline words), best first.
    pub related: Vec<Summary<'a>>,
    /// The day archive this article belongs to.
    pub day: Link,
    pub extra: &'a toml::Table,
    /// The body's length in words, and the minutes it takes to read (at least one).
    pub words: usize,
    pub reading_minutes: usize,
    /// The body's sections when the page shows a table of contents (the site's `toc`, or the
    /// article's), and at least two of them; empty otherwise.
    pub toc: Vec<super::reading::TocEntry>,
}

/// An image by absolute URL, with its size in pixels when known.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Where a listing page is among its pages.
#[derive(Debug, Serialize)]
pub struct PaginationView {
    pub number: usize,
    pub total: usize,
    pub first: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// A tag's page subject.
#[derive(Debug, Serialize)]
pub struct TagView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    /// The tag's first feed (RSS unless the site has none).
    pub feed: Option<String>,
    /// Every feed of the tag, for `<link rel="alternate">`.
    pub feeds: Vec<FeedLink>,
    pub count: usize,
}

/// A year in the archive overview, with its months.
#[derive(Debug, Serialize)]
pub struct YearView {
    pub title: String,
    pub url: String,
    pub count: usize,
    pub months: Vec<CountedLink>,
}

/// The period an archive page covers, and the larger period it belongs to.
#[derive(Debug, Serialize)]
pub struct PeriodView {
    pub title: String,
    pub url: String,
    pub count: usize,
    pub parent: Option<Link>,
}

/// Context fields every HTML page has.
#[derive(Debug, Serialize)]
pub struct Common {
    /// The page's absolute URL, for `<link rel="canonical">`.
    pub current_url: String,
    /// A [`Nav`].
    pub nav: Value,
    /// The navigation entry that is this very page (`home`, `archive`, `tags`), for
    /// `aria-current="page"`; absent on every other page.
    pub section: Option<&'static str>,
    /// The page's JSON-LD structured data, if it has any, written (print with the `json`
    /// filter).
    pub json_ld: Option<super::cards::JsonText>,
}

#[derive(Debug, Serialize)]
pub struct IndexPage {
    #[serde(flatten)]
    pub common: Common,
    /// [`Summary`] values.
    pub articles: Vec<Value>,
    pub pagination: PaginationView,
}

#[derive(Debug, Serialize)]
pub struct ArticlePage<'a> {
    #[serde(flatten)]
    pub common: Common,
    pub article: ArticleView<'a>,
}

#[derive(Debug, Serialize)]
pub struct TagPage<'a> {
    #[serde(flatten)]
    pub common: Common,
    pub tag: TagView<'a>,
    /// [`Summary`] values.
    pub articles: Vec<Value>,
    pub pagination: PaginationView,
}

#[derive(Debug, Serialize)]
pub struct TagsPage {
    #[serde(flatten)]
    pub common: Common,
    pub tags: Vec<CountedLink>,
}

#[derive(Debug, Serialize)]
pub struct ArchivePage {
    #[serde(flatten)]
    pub common: Common,
    pub years: Vec<YearView>,
}

/// The year, month and day pages: the period, its sub-periods (none for a day) and articles.
#[derive(Debug, Serialize)]
pub struct PeriodPage {
    #[serde(flatten)]
    pub common: Common,
    pub period: PeriodView,
    pub parts: Vec<CountedLink>,
    /// [`Summary`] values.
    pub articles: Vec<Value>,
}

/// The search page: its script and the index's meta file, linked from the page.
#[derive(Debug, Serialize)]
pub struct SearchPage {
    #[serde(flatten)]
    pub common: Common,
    pub search: SearchView,
}

#[derive(Debug, Serialize)]
pub struct SearchView {
    /// The index's meta file (`search/meta.js`).
    pub meta: String,
    /// The search script (`search/search.js`).
    pub script: String,
}

#[derive(Debug, Serialize)]
pub struct NotFoundPage {
    #[serde(flatten)]
    pub common: Common,
}

/// An item of a feed; every URL absolute.
#[derive(Debug, Serialize)]
pub struct FeedItem<'a> {
    pub title: Cow<'a, str>,
    pub link: String,
    pub guid: String,
    /// RFC 2822 date (RSS).
    pub pub_date: String,
    /// RFC 3339 dates (Atom): publication, and last change (publication if none later).
    pub published: String,
    pub updated: String,
    pub author: Option<Cow<'a, str>>,
    /// The article's description, if it has one (JSON Feed's `summary`).
    pub summary: Option<Cow<'a, str>>,
    pub categories: Vec<Cow<'a, str>>,
    /// The lead image's absolute URL.
    pub image: Option<String>,
    pub description: Cow<'a, str>,
}

#[derive(Debug, Serialize)]
pub struct FeedView<'a> {
    pub title: String,
    pub link: String,
    pub self_url: String,
    pub description: String,
    /// The site's title, as the feed's author.
    pub publisher: String,
    /// The newest article's last change, RFC 2822 (RSS).
    pub last_build_date: Option<String>,
    /// The same in RFC 3339 (Atom), the Unix epoch for a feed without articles.
    pub updated: String,
    pub items: Vec<FeedItem<'a>>,
}

#[derive(Debug, Serialize)]
pub struct FeedPage<'a> {
    pub current_url: String,
    pub feed: FeedView<'a>,
}

#[derive(Debug, Serialize)]
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SitemapPage {
    pub current_url: String,
    pub urls: Vec<SitemapUrl>,
}

/// `sitemap.xml`: every sitemap file (`loc`, and `lastmod`, the newest date of the articles
/// it lists), the news sitemap among them.
#[derive(Debug, Serialize)]
pub struct SitemapIndexPage {
    pub current_url: String,
    pub sitemaps: Vec<SitemapUrl>,
}

/// The publication a news sitemap names: the site's title and language (ISO 639).
#[derive(Debug, Serialize)]
pub struct NewsPublication {
    pub name: String,
    pub language: String,
}

/// An article in the news sitemap.
#[derive(Debug, Serialize)]
pub struct NewsUrl<'a> {
    pub loc: String,
    pub title: Cow<'a, str>,
    /// RFC 3339 (W3C) date.
    pub publication_date: String,
}

#[derive(Debug, Serialize)]
pub struct NewsSitemapPage<'a> {
    pub current_url: String,
    pub publication: NewsPublication,
    pub urls: Vec<NewsUrl<'a>>,
}

/// `robots.txt`: the absolute URL of the sitemap index.
#[derive(Debug, Serialize)]
pub struct RobotsPage {
    pub current_url: String,
    pub sitemap: String,
}

/// An old path of an article: a page that sends the reader on to it.
#[derive(Debug, Serialize)]
pub struct RedirectPage<'a> {
    /// The old path's absolute URL.
    pub current_url: String,
    pub redirect: RedirectView<'a>,
}

#[derive(Debug, Serialize)]
pub struct RedirectView<'a> {
    /// The article's headline.
    pub title: &'a str,
    /// The article, relative to the old path (it works under a sub-path and from `file://`).
    pub url: String,
    /// The article's absolute URL, for `rel=canonical`.
    pub permalink: String,
}
