//! What each page is rendered from, as one hash per page, for incremental builds.
//!
//! A page's hash covers the global inputs (configuration), the templates it is rendered with
//! (see [`super::template_deps`]: a template change re-renders only the pages using it), its
//! URL and kind, and what its kind declares it prints ([`crate::model::PageKind::shows`]).
//! Articles printed in full (their own page, the feeds) count by their source text hash,
//! final URL, slug and day; articles printed as summaries (listings, the neighbour links of
//! an article page, the sitemap) by a hash of exactly the fields a summary shows, so editing
//! an article's body re-renders its own page and the feeds, not every listing it is in.
//! Whatever changes what a page prints changes its hash, so a page whose hash is unchanged
//! since the last build is left as it is. Counts, pagination and tag names a page prints are
//! hashed with it; bodies with `@/` links also depend on every article's URL.

use std::collections::BTreeMap;
use std::hash::Hasher;

use chrono::Datelike;
use rayon::prelude::*;

use crate::hash::Hash64;
use crate::model::{Page, Pagination, Site, TagsShown};

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
    // Everything every article is made from, for the search index.
    let mut corpus = Hash64::default();
    for ident in &idents {
        corpus.num(*ident);
    }
    let deps = Deps {
        site,
        corpus: corpus.finish(),
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
    /// Every article's identity, in order.
    corpus: u64,
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
    // The page's own identity, then everything it prints, as its kind declares it.
    fn hash(&self, page: &Page) -> u64 {
        let kind = &page.kind;
        let mut h = Hash64::default();
        h.num(self.global)
            .num(self.templates.get(kind.template()).copied().unwrap_or(0))
            .str(&page.url)
            .str(&page.output_path)
            .str(kind.name());
        let shows = kind.shows(self.site, self.feed_limit);
        if let Some(p) = shows.pagination {
            pagination(&mut h, p);
        }
        for i in shows.in_full.indexes() {
            self.article(&mut h, Some(i));
        }
        h.num(u64::MAX);
        for i in shows.summaries.places() {
            self.summary(&mut h, i);
        }
        h.num(u64::MAX);
        // Related articles: the list (another article's edit may change it) and what each shows.
        for i in shows.related.places() {
            self.summary(&mut h, i);
        }
        h.num(u64::MAX);
        if let Some(days) = shows.day_counts {
            for (day, list) in self.site.by_date.range(days) {
                h.num(day_number(*day)).num(list.len() as u64);
            }
        }
        self.tags(&mut h, &shows.tags);
        if shows.corpus {
            h.num(self.corpus);
        }
        if let Some(range) = shows.page_urls {
            for p in self.site.pages.get(range).unwrap_or_default() {
                h.str(&p.url);
            }
        }
        self.links(&mut h, shows.in_full.indexes());
        h.finish()
    }

    fn tags(&self, h: &mut Hash64, tags: &TagsShown) {
        match tags {
            TagsShown::None => {
                h.num(0);
            }
            TagsShown::One(g) => {
                h.num(1)
                    .str(&g.name)
                    .str(&g.slug)
                    .str(&g.url)
                    .str(&g.feed_url);
                h.num(g.articles.len() as u64);
            }
            TagsShown::All => {
                h.num(2);
                for g in self.site.tags.values() {
                    h.str(&g.name).str(&g.url).num(g.articles.len() as u64);
                }
            }
        }
    }

    fn article(&self, h: &mut Hash64, i: Option<usize>) {
        h.num(i.and_then(|i| self.idents.get(i)).copied().unwrap_or(0));
    }

    fn summary(&self, h: &mut Hash64, i: Option<usize>) {
        h.num(i.and_then(|i| self.summaries.get(i)).copied().unwrap_or(0));
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
