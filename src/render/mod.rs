//! Stage 4, render: every [`Page`] of the [`Site`] through its Tera template into an
//! [`OutputFile`]. Templates are compiled once; pages render in parallel and come back sorted
//! by output path, so output never depends on thread timing.

pub mod cards;
pub mod context;
mod context_fields;
pub mod deps;
pub mod escape;
pub mod feed;
#[cfg(test)]
mod field_docs;
mod filters;
pub mod json;
pub mod links;
pub mod reading;
pub mod search;
mod sitemaps;
mod summaries;
pub mod template_deps;
#[cfg(test)]
mod template_docs;
pub mod templates;
pub mod themes;
pub mod variables;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, TeraResult, Value};

use crate::config::Config;
use crate::error::Error;
use crate::i18n::Locale;
use crate::model::{self, Entry, Page, PageKind, Pagination, Site};
use context::*;
use summaries::Summaries;
use templates::TemplateSource;

/// A file to write, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Contents,
}

/// What goes into an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Text as the UTF-8 bytes of the file (Tera writes only UTF-8, so it is not checked again).
    Text(Vec<u8>),
    /// Copied from this file (a `static/` asset), not read into memory.
    Copy(PathBuf),
}

/// Compiled templates plus everything pages share.
pub struct Renderer<'a> {
    tera: Tera,
    sources: Vec<TemplateSource>,
    config: &'a Config,
    locale: Locale,
    /// The header's links as a Tera value, by link depth, made on first use: they depend on
    /// the page only through its depth, and every page prints them.
    navs: [OnceLock<Value>; NAV_DEPTHS],
    /// The search index, built before rendering pages that print it.
    search: OnceLock<search::SearchIndex>,
    /// The JSON-LD publisher (the site), written on first use.
    publisher: OnceLock<String>,
}

/// Link depths whose header links are kept; deeper pages make their own.
const NAV_DEPTHS: usize = 8;

#[derive(Serialize)]
struct SiteGlobals<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    /// `og:locale`: `id_ID` for `id`.
    og_locale: String,
    /// `discovery.twitter`, for `twitter:site`.
    twitter: Option<&'a str>,
    extra: &'a toml::Table,
}

impl<'a> Renderer<'a> {
    /// Compiles the built-in and site templates. Fails with every template error found.
    pub fn new(config: &'a Config, locale: Locale) -> Result<Renderer<'a>, Vec<Error>> {
        let sources = templates::sources(&config.root, &config.theme)?;
        let mut tera = Tera::new();
        // Autoescape everything we render: HTML pages and the XML feeds alike.
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(escape::escape_html);
        filters::register(&mut tera, &locale);
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|s| (s.name.as_str(), s.text.as_str())))
        {
            return Err(templates::convert_errors(&e, &sources, None));
        }
        let globals = SiteGlobals {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            language: &config.language,
            og_locale: cards::og_locale(&config.language),
            twitter: config.discovery.twitter.as_deref(),
            extra: &config.extra,
        };
        tera.global_context().insert("site", &globals);
        tera.global_context().insert("t", locale.strings());
        Ok(Renderer {
            tera,
            sources,
            config,
            locale,
            navs: Default::default(),
            search: OnceLock::new(),
            publisher: OnceLock::new(),
        })
    }

    /// Renders `pages`, in their order. Fails with the distinct template errors met.
    pub fn render_pages(
        &self,
        site: &Site,
        pages: &[&Page],
    ) -> Result<Vec<OutputFile>, Vec<Error>> {
        let mut results: Vec<(usize, Result<OutputFile, Error>)> = Vec::with_capacity(pages.len());
        self.prepare_search(site, pages.iter().copied());
        for group in summaries::by_depth(pages.iter().copied()) {
            let table = Summaries::new(site);
            let mut rendered: Vec<(usize, Result<OutputFile, Error>)> = group
                .par_iter()
                .map(|(i, page)| (*i, self.render_page(site, page, &table)))
                .collect();
            results.append(&mut rendered);
            // Freed on a worker thread: nothing waits for it.
            rayon::spawn(move || drop(table));
        }
        results.sort_by_key(|(i, _)| *i);
        let mut files = Vec::with_capacity(results.len());
        let mut errors: Vec<Error> = Vec::new();
        for (_, result) in results {
            match result {
                Ok(file) => files.push(file),
                Err(e) => note_error(&mut errors, e),
            }
        }
        if errors.is_empty() {
            Ok(files)
        } else {
            Err(errors)
        }
    }

    /// Renders `pages` in parallel and hands each file to `sink` as soon as it is rendered,
    /// so the whole site is never held in memory. Fails with the distinct errors met,
    /// template errors and `sink` errors alike.
    pub fn render_each<F>(&self, site: &Site, pages: &[Page], sink: F) -> Result<(), Vec<Error>>
    where
        F: Fn(OutputFile) -> Result<(), Error> + Sync,
    {
        let mut failures: Vec<Error> = Vec::new();
        self.prepare_search(site, pages.iter());
        // One link depth at a time, so that one table of summaries is alive at a time.
        for group in summaries::by_depth(pages) {
            let table = Summaries::new(site);
            let mut met: Vec<Error> = group
                .par_iter()
                .filter_map(|(_, page)| self.render_page(site, page, &table).and_then(&sink).err())
                .collect();
            failures.append(&mut met);
            // Freed on a worker thread: nothing waits for it.
            rayon::spawn(move || drop(table));
        }
        let mut errors: Vec<Error> = Vec::new();
        for e in failures {
            note_error(&mut errors, e);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The template sources, built-in and the site's own.
    pub fn sources(&self) -> &[TemplateSource] {
        &self.sources
    }

    fn render_page(
        &self,
        site: &Site,
        page: &Page,
        table: &Summaries,
    ) -> Result<OutputFile, Error> {
        let from = page.url.as_str();
        if let Some(data) = self.search_file(site, &page.kind) {
            let text = data.map_err(|e| {
                templates::convert_error(&e, &self.sources, Some(&page.output_path))
            })?;
            return Ok(OutputFile {
                path: page.output_path.clone(),
                contents: Contents::Text(text),
            });
        }
        let template = page.kind.template();
        let context = match &page.kind {
            PageKind::Index(p) => self.index(site, from, p, table),
            PageKind::Article(i) => self.article(site, from, *i),
            PageKind::Archive => self.archive(site, from),
            PageKind::Year(y) => self.year(site, from, *y, table),
            PageKind::Month(y, m) => self.month(site, from, *y, *m, table),
            PageKind::Day(d) => self.day(site, from, *d, table),
            PageKind::TagsIndex => self.tags(site, from),
            PageKind::Tag(slug, p) => self.tag(site, from, slug, p, table),
            PageKind::Feed(tag) | PageKind::Atom(tag) | PageKind::JsonFeed(tag) => {
                feed::feed(self, site, from, tag.as_deref())
            }
            PageKind::SitemapIndex => sitemaps::index(self, site, from),
            PageKind::Sitemap(part) => sitemaps::part(self, site, from, part),
            PageKind::NewsSitemap(count) => sitemaps::news(self, site, from, *count),
            PageKind::Robots => sitemaps::robots(self, from),
            PageKind::NotFound => self.not_found(from),
            PageKind::Redirect(i, _) => self.redirect(site, from, *i),
            PageKind::Search => self.search_page(from),
            PageKind::SearchMeta | PageKind::SearchTerms(_) | PageKind::SearchDocs(_) => Err(
                tera::Error::message("search files are not rendered by templates"),
            ),
        };
        let context = context
            .map_err(|e| templates::convert_error(&e, &self.sources, Some(&page.output_path)))?;
        // Rendered into a buffer of about the page's size, without growing it page by page or
        // checking Tera's output is UTF-8 again as `Tera::render` does.
        let mut text = Vec::with_capacity(size_hint(site, &page.kind));
        self.tera
            .render_to(template, &context, &mut text)
            .map_err(|e| templates::convert_error(&e, &self.sources, Some(&page.output_path)))?;
        Ok(OutputFile {
            path: page.output_path.clone(),
            contents: Contents::Text(text),
        })
    }

    pub(crate) fn config(&self) -> &Config {
        self.config
    }

    pub(crate) fn locale(&self) -> &Locale {
        &self.locale
    }

    fn link(&self, from: &str, to: &str) -> String {
        links::relative(from, to, self.config.file_urls)
    }

    pub(crate) fn absolute(&self, url: &str) -> String {
        // One allocation of the right size, as `model::tag_url`.
        [self.config.base_url.as_str(), url].concat()
    }

    fn common(&self, from: &str) -> TeraResult<Common> {
        let nav = || {
            let formats = &self.config.feeds;
            let (feed, feeds) = feed_links(None, &Default::default(), formats, |url| {
                self.link(from, url)
            });
            Value::try_from_serializable(&Nav {
                home: self.link(from, &model::index_url(1)),
                archive: self.link(from, &model::archive_url()),
                tags: self.link(from, &model::tags_url()),
                feed,
                feeds,
                stylesheet: self.link(from, model::STYLESHEET_URL),
                search: self
                    .config
                    .search
                    .then(|| self.link(from, crate::words::layout::SEARCH_URL)),
            })
        };
        let nav = match self.navs.get(links::depth(from)) {
            Some(cell) => summaries::filled(cell, nav)?,
            None => nav()?,
        };
        Ok(Common {
            current_url: self.absolute(from),
            nav,
            section: links::section(from),
            json_ld: None,
        })
    }

    // A date is shown as it was written: one with an offset in that offset (its day is the
    // day it is archived under), one without in the site's timezone, where it was read.
    fn local(&self, date: &DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        *date
    }

    fn tag_links<'s>(&self, from: &str, entry: &'s Entry) -> Vec<TagLink<'s>> {
        entry
            .article
            .tags
            .iter()
            .map(|t| TagLink {
                name: &t.name,
                url: self.link(from, &model::tag_url(&t.slug)),
            })
            .collect()
    }

    pub(crate) fn summary<'s>(&self, from: &str, entry: &'s Entry) -> Summary<'s> {
        let a = &entry.article;
        Summary {
            title: &a.title,
            url: self.link(from, &entry.url),
            date: self.local(&a.date).to_rfc3339(),
            date_long: self.locale.long_date(entry.day),
            date_short: self.locale.short_date(entry.day),
            description: a.description.as_deref(),
            source: a.source.as_deref(),
            author: a.author.as_deref(),
            tags: self.tag_links(from, entry),
        }
    }

    fn pagination(&self, from: &str, p: &Pagination) -> PaginationView {
        PaginationView {
            number: p.number,
            total: p.total,
            first: self.link(from, &p.first_url),
            prev: p.prev_url.as_deref().map(|u| self.link(from, u)),
            next: p.next_url.as_deref().map(|u| self.link(from, u)),
        }
    }

    fn index(
        &self,
        site: &Site,
        from: &str,
        p: &Pagination,
        table: &Summaries,
    ) -> TeraResult<Context> {
        let shown = p.range.start..p.range.end.min(site.articles.len());
        let articles = table.list(self, site, from, shown)?;
        let common = match p.number {
            1 => self.common_ld(from, cards::website(self))?,
            _ => self.common(from)?,
        };
        Context::from_serialize(&IndexPage {
            common,
            articles,
            pagination: self.pagination(from, p),
        })
    }

    fn article(&self, site: &Site, from: &str, i: usize) -> TeraResult<Context> {
        let Some(entry) = site.articles.get(i) else {
            return Err(tera::Error::message(format!("no article number {i}")));
        };
        let a = &entry.article;
        let local = self.local(&a.date);
        let neighbour = |j: Option<usize>| {
            j.and_then(|j| site.articles.get(j)).map(|e| Link {
                title: e.article.title.clone(),
                url: self.link(from, &e.url),
            })
        };
        // Broken `@/` links stay as written; `arsip check` reports them.
        let (body_html, _broken) = links::rewrite_site_links(
            &a.body_html,
            |p| site.url_of_linked_source(p),
            |url| self.link(from, url),
        );
        let image = cards::lead_image(self, entry);
        let reading = reading::read(&a.body_html, a.toc.unwrap_or(self.config.toc));
        let view = ArticleView {
            title: &a.title,
            url: self.link(from, &entry.url),
            permalink: self.absolute(&entry.url),
            date: local.to_rfc3339(),
            date_long: self.locale.long_date(entry.day),
            date_short: self.locale.short_date(entry.day),
            // A date written without a time is stored at midnight: show no time for it.
            time: (local.time() != chrono::NaiveTime::MIN).then(|| self.locale.time(&local)),
            updated: a.updated.map(|u| self.local(&u).to_rfc3339()),
            updated_long: a
                .updated
                .map(|u| self.locale.long_date(self.local(&u).date_naive())),
            author: a.author.as_deref(),
            editor: a.editor.as_deref(),
            source: a.source.as_deref(),
            location: a.location.as_deref(),
            description: a.description.as_deref(),
            tags: self.tag_links(from, entry),
            modified: a.updated.unwrap_or(a.date).max(a.date).to_rfc3339(),
            image,
            captions: &a.captions,
            body_html,
            newer: neighbour(i.checked_sub(1)),
            older: neighbour(i.checked_add(1)),
            related: site
                .related
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|j| site.articles.get(*j))
                .map(|e| self.summary(from, e))
                .collect(),
            day: Link {
                title: self.locale.long_date(entry.day),
                url: self.link(from, &model::day_url(entry.day)),
            },
            extra: &a.extra,
            words: reading.words,
            reading_minutes: reading.minutes(),
            toc: if reading.headings.len() >= 2 {
                reading.headings
            } else {
                Vec::new()
            },
        };
        let json_ld = cards::news_article(
            self,
            entry,
            &cards::ArticleLd {
                image: view.image.as_ref(),
                permalink: &view.permalink,
                modified: &view.modified,
            },
        );
        Context::from_serialize(&ArticlePage {
            common: self.common_ld(from, json_ld)?,
            article: view,
        })
    }

    fn month_links(&self, site: &Site, from: &str, year: i32) -> Vec<CountedLink> {
        let mut months: BTreeMap<u32, usize> = BTreeMap::new();
        for (day, list) in site.by_date.range(model::year_range(year)) {
            *months.entry(day.month()).or_default() += list.len();
        }
        months
            .into_iter()
            .rev()
            .map(|(m, count)| CountedLink {
                title: self.locale.month_year(year, m),
                url: self.link(from, &model::month_url(year, m)),
                count,
            })
            .collect()
    }

    fn archive(&self, site: &Site, from: &str) -> TeraResult<Context> {
        let mut years: Vec<i32> = site.by_date.keys().map(|d| d.year()).collect();
        years.dedup();
        let years = years
            .into_iter()
            .rev()
            .map(|y| {
                let months = self.month_links(site, from, y);
                YearView {
                    title: y.to_string(),
                    url: self.link(from, &model::year_url(y)),
                    count: months.iter().map(|m| m.count).sum(),
                    months,
                }
            })
            .collect();
        let trail = [(
            self.locale.strings()["archive"].clone(),
            model::archive_url(),
        )];
        Context::from_serialize(&ArchivePage {
            common: self.trail(from, &trail)?,
            years,
        })
    }

    fn period_articles(site: &Site, range: impl std::ops::RangeBounds<NaiveDate>) -> Vec<usize> {
        // Days ascend in the map; articles within a day are newest first already.
        site.by_date
            .range(range)
            .rev()
            .flat_map(|(_, list)| list.iter().copied())
            .collect()
    }

    fn year(&self, site: &Site, from: &str, year: i32, table: &Summaries) -> TeraResult<Context> {
        let indexes = Self::period_articles(site, model::year_range(year));
        let page = PeriodPage {
            common: self.trail(from, &self.period_steps(year, None))?,
            period: PeriodView {
                title: year.to_string(),
                url: self.link(from, &model::year_url(year)),
                count: indexes.len(),
                parent: Some(Link {
                    title: self.locale.strings()["archive"].clone(),
                    url: self.link(from, &model::archive_url()),
                }),
            },
            parts: self.month_links(site, from, year),
            articles: table.list(self, site, from, indexes.iter().copied())?,
        };
        Context::from_serialize(&page)
    }

    fn month(
        &self,
        site: &Site,
        from: &str,
        year: i32,
        month: u32,
        table: &Summaries,
    ) -> TeraResult<Context> {
        let indexes = Self::period_articles(site, model::month_range(year, month));
        let parts = site
            .by_date
            .range(model::month_range(year, month))
            .rev()
            .map(|(day, list)| CountedLink {
                title: self.locale.long_date(*day),
                url: self.link(from, &model::day_url(*day)),
                count: list.len(),
            })
            .collect();
        let page = PeriodPage {
            common: self.trail(from, &self.period_steps(year, Some(month)))?,
            period: PeriodView {
                title: self.locale.month_year(year, month),
                url: self.link(from, &model::month_url(year, month)),
                count: indexes.len(),
                parent: Some(Link {
                    title: year.to_string(),
                    url: self.link(from, &model::year_url(year)),
                }),
            },
            parts,
            articles: table.list(self, site, from, indexes.iter().copied())?,
        };
        Context::from_serialize(&page)
    }

    fn day(
        &self,
        site: &Site,
        from: &str,
        day: NaiveDate,
        table: &Summaries,
    ) -> TeraResult<Context> {
        let indexes = site.by_date.get(&day).cloned().unwrap_or_default();
        let mut steps = self.period_steps(day.year(), Some(day.month()));
        steps.push((self.locale.long_date(day), model::day_url(day)));
        let page = PeriodPage {
            common: self.trail(from, &steps)?,
            period: PeriodView {
                title: self.locale.long_date(day),
                url: self.link(from, &model::day_url(day)),
                count: indexes.len(),
                parent: Some(Link {
                    title: self.locale.month_year(day.year(), day.month()),
                    url: self.link(from, &model::month_url(day.year(), day.month())),
                }),
            },
            parts: Vec::new(),
            articles: table.list(self, site, from, indexes.iter().copied())?,
        };
        Context::from_serialize(&page)
    }

    fn tags(&self, site: &Site, from: &str) -> TeraResult<Context> {
        let tags = site
            .tags
            .values()
            .map(|g| CountedLink {
                title: g.name.clone(),
                url: self.link(from, &g.url),
                count: g.articles.len(),
            })
            .collect();
        Context::from_serialize(&TagsPage {
            common: self.common(from)?,
            tags,
        })
    }

    fn tag(
        &self,
        site: &Site,
        from: &str,
        slug: &str,
        p: &Pagination,
        table: &Summaries,
    ) -> TeraResult<Context> {
        let Some(group) = site.tags.get(slug) else {
            return Err(tera::Error::message(format!("no tag `{slug}`")));
        };
        let indexes = group.articles.get(p.range.clone()).unwrap_or_default();
        let (feed, feeds) = feed_links(Some(slug), &site.tags, &self.config.feeds, |url| {
            self.link(from, url)
        });
        let steps = [
            (self.locale.strings()["tags"].clone(), model::tags_url()),
            (group.name.clone(), group.url.clone()),
        ];
        let page = TagPage {
            common: self.trail(from, &steps)?,
            tag: TagView {
                name: &group.name,
                slug: &group.slug,
                url: self.link(from, &group.url),
                feed,
                feeds,
                count: group.articles.len(),
            },
            articles: table.list(self, site, from, indexes.iter().copied())?,
            pagination: self.pagination(from, p),
        };
        Context::from_serialize(&page)
    }

    fn redirect(&self, site: &Site, from: &str, i: usize) -> TeraResult<Context> {
        let Some(entry) = site.articles.get(i) else {
            return Err(tera::Error::message(format!("no article number {i}")));
        };
        Context::from_serialize(&RedirectPage {
            current_url: self.absolute(from),
            redirect: RedirectView {
                title: &entry.article.title,
                url: self.link(from, &entry.url),
                permalink: self.absolute(&entry.url),
            },
        })
    }

    // The 404 page is served at any depth and on any host (a staging host, another
    // domain): its links start at the root, under base_url's path.
    fn not_found(&self, _from: &str) -> TeraResult<Context> {
        let rooted = |to: &str| links::rooted(&self.config.base_url, to, self.config.file_urls);
        let (feed, feeds) = feed_links(None, &Default::default(), &self.config.feeds, rooted);
        let common = Common {
            current_url: self.absolute(model::NOT_FOUND_URL),
            nav: Value::try_from_serializable(&Nav {
                home: rooted(""),
                archive: rooted(&model::archive_url()),
                tags: rooted(&model::tags_url()),
                feed,
                feeds,
                stylesheet: rooted(model::STYLESHEET_URL),
                search: self
                    .config
                    .search
                    .then(|| rooted(crate::words::layout::SEARCH_URL)),
            })?,
            section: None,
            json_ld: None,
        };
        Context::from_serialize(&NotFoundPage { common })
    }
}

// One broken template fails every page using it: report it once.
fn note_error(errors: &mut Vec<Error>, e: Error) {
    if !errors.iter().any(|seen| same_problem(seen, &e)) {
        errors.push(e);
    }
}

fn same_problem(a: &Error, b: &Error) -> bool {
    match (a, b) {
        (
            Error::Render {
                path: p1,
                location: l1,
                message: m1,
                ..
            },
            Error::Render {
                path: p2,
                location: l2,
                message: m2,
                ..
            },
        ) => p1 == p2 && l1 == l2 && m1 == m2,
        _ => false,
    }
}

/// The feeds of the site (`tag` None) or of a tag in the site's `formats`, as the page kinds
/// declare them, each linked by `link`; and the first of them, the one the page names.
fn feed_links(
    tag: Option<&str>,
    tags: &BTreeMap<String, model::TagGroup>,
    formats: &[String],
    link: impl Fn(&str) -> String,
) -> (Option<String>, Vec<FeedLink>) {
    let feeds: Vec<FeedLink> = PageKind::feeds(tag, formats)
        .iter()
        .filter_map(|kind| {
            Some(FeedLink {
                media_type: kind.feed_type()?,
                url: link(&kind.url(&[], tags)?),
            })
        })
        .collect();
    (feeds.first().map(|f| f.url.clone()), feeds)
}

/// About how many bytes the page of this kind takes, for its buffer: the article's body and
/// the page around it, or a listing page of the built-in templates (20 summaries of ~800
/// bytes). Longer pages (a year's archive) grow their buffer as they need.
fn size_hint(site: &Site, kind: &PageKind) -> usize {
    const PAGE: usize = 8 * 1024;
    match kind {
        PageKind::Article(i) => {
            site.articles
                .get(*i)
                .map_or(0, |e| e.article.body_html.len())
                + PAGE
        }
        PageKind::Index(_) | PageKind::Tag(..) => 3 * PAGE,
        PageKind::Archive
        | PageKind::Year(_)
        | PageKind::Month(..)
        | PageKind::Day(_)
        | PageKind::TagsIndex
        | PageKind::Feed(_)
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
        | PageKind::SearchDocs(_) => PAGE,
    }
}
