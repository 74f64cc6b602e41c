//! What each page is rendered from, as one hash per page, for incremental builds (issue #4).
//!
//! A page's hash covers the global inputs (configuration), the templates it is rendered with
//! (see [`super::template_deps`]: a template change re-renders only the pages using it), its
//! URL and kind, and an identity hash of every article it shows. Pages that print an
//! article in full (its own page, the feeds) take the article's source text hash, final URL,
//! slug and day; pages that print only its summary (listings, the neighbour links of an
//! article page, the sitemap) take a hash of exactly the fields a summary shows, so editing
//! an article's body re-renders its own page and the feeds, not every listing it is in.
//! Whatever changes what a page prints changes its hash, so a page whose hash is unchanged
//! since the last build is left as it is. Counts, pagination and tag names a page prints are
//! hashed with it; bodies with `@/` links also depend on every article's URL.

use std::collections::BTreeMap;
use std::hash::Hasher;

use chrono::Datelike;
use rayon::prelude::*;

use crate::hash::Hash64;
use crate::model::{Page, PageKind, Pagination, Site};

/// What a page's hash needs to know of an article besides the site itself.
#[derive(Debug, Clone, Copy)]
pub struct ArticleInputs {
    /// The hash of its source text.
    pub source_hash: u64,
    /// Whether its body holds `@/` links.
    pub site_links: bool,
}

/// The hash of each page of `site.pages`, in the same order.
///
/// `articles` gives each article's inputs, by index into `site.articles`; `templates` gives
/// each template's hash with every template it uses; `global` covers the configuration.
pub fn page_hashes(
    site: &Site,
    articles: &[ArticleInputs],
    templates: &BTreeMap<String, u64>,
    global: u64,
    feed_limit: usize,
) -> Vec<u64> {
    // Per article, in parallel: its identity, and its source path with its URL (what `@/`
    // links print).
    let hashed: Vec<(u64, u64, u64)> = site
        .articles
        .par_iter()
        .zip(articles)
        .map(|(e, inputs)| {
            let mut ident = Hash64::default();
            ident
                .num(inputs.source_hash)
                .str(&e.url)
                .str(&e.slug)
                .num(day_number(e.day));
            let mut link = Hash64::default();
            link.write(e.article.source_path.as_os_str().as_encoded_bytes());
            link.str(&e.url);
            (ident.finish(), summary_hash(e), link.finish())
        })
        .collect();
    let idents: Vec<u64> = hashed.iter().map(|h| h.0).collect();
    let summaries: Vec<u64> = hashed.iter().map(|h| h.1).collect();
    let links: Vec<u64> = hashed.iter().map(|h| h.2).collect();
    let mut urls = Hash64::default();
    for i in &site.by_source {
        urls.num(links.get(*i).copied().unwrap_or(0));
    }
    let deps = Deps {
        site,
        idents: &idents,
        summaries: &summaries,
        articles,
        urls: urls.finish(),
        templates,
        global,
        feed_limit,
    };
    site.pages.par_iter().map(|page| deps.hash(page)).collect()
}

struct Deps<'a> {
    site: &'a Site,
    /// Per article: everything it is made from.
    idents: &'a [u64],
    /// Per article: what its summary shows.
    summaries: &'a [u64],
    articles: &'a [ArticleInputs],
    urls: u64,
    templates: &'a BTreeMap<String, u64>,
    global: u64,
    feed_limit: usize,
}

impl Deps<'_> {
    fn hash(&self, page: &Page) -> u64 {
        let mut h = Hash64::default();
        let template = super::template_name(&page.kind);
        h.num(self.global)
            .num(self.templates.get(template).copied().unwrap_or(0))
            .str(&page.url)
            .str(&page.output_path);
        let site = self.site;
        match &page.kind {
            PageKind::Index(p) => {
                h.num(1);
                pagination(&mut h, p);
                h.num(p.range.len() as u64);
                for i in p.range.clone() {
                    self.summary(&mut h, Some(i));
                }
            }
            PageKind::Article(i) => {
                h.num(2);
                self.article(&mut h, Some(*i));
                self.summary(&mut h, i.checked_sub(1));
                self.summary(&mut h, i.checked_add(1));
                self.links(&mut h, [*i]);
            }
            PageKind::Archive => {
                h.num(3);
                for (day, list) in &site.by_date {
                    h.num(day_number(*day)).num(list.len() as u64);
                }
            }
            PageKind::Year(y) => {
                h.num(4);
                self.period(&mut h, super::year_range(*y));
            }
            PageKind::Month(y, m) => {
                h.num(5);
                self.period(&mut h, super::month_range(*y, *m));
            }
            PageKind::Day(d) => {
                h.num(6);
                self.period(&mut h, *d..=*d);
            }
            PageKind::TagsIndex => {
                h.num(7);
                for g in site.tags.values() {
                    h.str(&g.name).str(&g.url).num(g.articles.len() as u64);
                }
            }
            PageKind::Tag(slug, p) => {
                h.num(8);
                pagination(&mut h, p);
                if let Some(g) = site.tags.get(slug) {
                    h.str(&g.name).str(&g.slug).str(&g.url).str(&g.feed_url);
                    h.num(g.articles.len() as u64);
                    for i in g.articles.get(p.range.clone()).unwrap_or_default() {
                        self.summary(&mut h, Some(*i));
                    }
                }
            }
            PageKind::Feed(None) => {
                h.num(9);
                let n = site.articles.len().min(self.feed_limit);
                self.articles(&mut h, 0..n);
                self.links(&mut h, 0..n);
            }
            PageKind::Feed(Some(slug)) => {
                h.num(10);
                if let Some(g) = site.tags.get(slug) {
                    h.str(&g.name).str(&g.url);
                    let first = g.articles.iter().take(self.feed_limit).copied();
                    for i in first.clone() {
                        self.article(&mut h, Some(i));
                    }
                    self.links(&mut h, first);
                }
            }
            PageKind::Sitemap => {
                h.num(11);
                for p in &site.pages {
                    h.str(&p.url);
                    if let PageKind::Article(i) = p.kind {
                        self.summary(&mut h, Some(i));
                    }
                }
            }
            PageKind::NotFound => {
                h.num(12);
            }
        }
        h.finish()
    }

    fn article(&self, h: &mut Hash64, i: Option<usize>) {
        h.num(i.and_then(|i| self.idents.get(i)).copied().unwrap_or(0));
    }

    fn articles(&self, h: &mut Hash64, range: std::ops::Range<usize>) {
        h.num(range.len() as u64);
        for i in range {
            self.article(h, Some(i));
        }
    }

    fn summary(&self, h: &mut Hash64, i: Option<usize>) {
        h.num(i.and_then(|i| self.summaries.get(i)).copied().unwrap_or(0));
    }

    fn period(&self, h: &mut Hash64, days: std::ops::RangeInclusive<chrono::NaiveDate>) {
        for (day, list) in self.site.by_date.range(days) {
            h.num(day_number(*day)).num(list.len() as u64);
            for i in list {
                self.summary(h, Some(*i));
            }
        }
    }

    // Bodies with `@/file.md` links print other articles' URLs.
    fn links(&self, h: &mut Hash64, indexes: impl IntoIterator<Item = usize>) {
        let linked = indexes
            .into_iter()
            .any(|i| self.articles.get(i).is_some_and(|a| a.site_links));
        if linked {
            h.num(self.urls);
        }
    }
}

// Every field of an article that a listing's summary (`super::context::Summary`), an
// article page's neighbour link or the sitemap prints: no body.
fn summary_hash(e: &crate::model::Entry) -> u64 {
    let a = &e.article;
    let mut h = Hash64::default();
    h.str(&a.title)
        .str(&e.url)
        .str(&e.slug)
        .num(day_number(e.day));
    for date in std::iter::once(Some(a.date)).chain([a.updated]) {
        match date {
            Some(d) => h
                .num(1)
                .num(d.timestamp().cast_unsigned())
                .num(u64::from(d.timestamp_subsec_nanos()))
                .num(i64::from(d.offset().local_minus_utc()).cast_unsigned()),
            None => h.num(0),
        };
    }
    for field in [&a.description, &a.source, &a.author] {
        match field {
            Some(text) => h.num(1).str(text),
            None => h.num(0),
        };
    }
    h.num(a.tags.len() as u64);
    for tag in &a.tags {
        h.str(&tag.name).str(&tag.slug);
    }
    h.finish()
}

// A day as one number (days since 1 January of year 1): formatting it was a visible share of
// hashing every page.
fn day_number(day: chrono::NaiveDate) -> u64 {
    u64::from(day.num_days_from_ce().cast_unsigned())
}

fn pagination(h: &mut Hash64, p: &Pagination) {
    h.num(p.number as u64)
        .num(p.total as u64)
        .num(p.range.start as u64)
        .num(p.range.end as u64)
        .str(&p.first_url)
        .str(p.prev_url.as_deref().unwrap_or("-"))
        .str(p.next_url.as_deref().unwrap_or("-"));
}
