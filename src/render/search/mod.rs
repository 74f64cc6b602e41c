//! Stage 4, render: search that needs no server. The search page (a template), and the files
//! its script reads, written as scripts that call `arsipSearch` so they load with `<script>`
//! tags, which browsers allow from `file://` where they refuse `fetch()`: the meta file, the
//! term fragments (see [`index`]) and the document table in chunks (headline, dates, source
//! and the opening words of each article, for the results list).

mod encode;
pub mod index;
#[cfg(test)]
mod index_tests;
mod text;

pub use index::SearchIndex;

use tera::{Context, TeraResult};

use super::Renderer;
use super::context::{SearchPage, SearchView};
use crate::model::{Page, PageKind, Site};
use crate::words::{Stemmer, layout};

/// Bytes of an article's opening words kept for its search result.
const EXCERPT: usize = 240;

impl Renderer<'_> {
    /// Builds the search index once, before rendering, when `pages` hold a file made from it
    /// (built here, outside the parallel rendering, so no page waits on another).
    pub(super) fn prepare_search<'p>(
        &self,
        site: &Site,
        mut pages: impl Iterator<Item = &'p Page>,
    ) {
        let needed =
            pages.any(|p| matches!(p.kind, PageKind::SearchMeta | PageKind::SearchTerms(_)));
        if needed && self.search.get().is_none() {
            let stemmer = Stemmer::for_language(&self.config.language);
            let _ = self.search.set(index::build(site, stemmer));
        }
    }

    /// The bytes of a search data file, or `None` for any other kind of page.
    pub(super) fn search_file(&self, site: &Site, kind: &PageKind) -> Option<TeraResult<Vec<u8>>> {
        let index = || {
            self.search
                .get()
                .ok_or_else(|| tera::Error::message("the search index was not built"))
        };
        match kind {
            PageKind::SearchMeta => Some(index().map(|i| i.meta.clone())),
            PageKind::SearchTerms(n) => Some(index().and_then(|i| {
                i.fragments
                    .get(*n as usize)
                    .cloned()
                    .ok_or_else(|| tera::Error::message(format!("no search fragment {n}")))
            })),
            PageKind::SearchDocs(n) => Some(Ok(self.search_docs(site, *n))),
            _ => None,
        }
    }

    // Chunk `n` of the document table: per article its link (from the search page), headline,
    // date (ISO and as shown), source and opening words.
    fn search_docs(&self, site: &Site, n: u32) -> Vec<u8> {
        let first = n as usize * layout::DOCS_PER_CHUNK;
        let last = (first + layout::DOCS_PER_CHUNK).min(site.articles.len());
        let mut out = format!("arsipSearch.docs({n},[");
        for (k, entry) in site
            .articles
            .get(first..last)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let a = &entry.article;
            let mut opening = text::opening(&a.body_html, EXCERPT);
            if opening.is_empty() {
                opening = a.description.clone().unwrap_or_default();
            }
            let fields = [
                self.link(layout::SEARCH_URL, &entry.url),
                a.title.clone(),
                self.local(&a.date).to_rfc3339(),
                self.locale.short_date(entry.day),
                a.source.clone().unwrap_or_default(),
                opening,
            ];
            out.push_str(if k == 0 { "[" } else { ",[" });
            for (f, field) in fields.iter().enumerate() {
                if f > 0 {
                    out.push(',');
                }
                encode::push_string(&mut out, field);
            }
            out.push(']');
        }
        out.push_str("]);\n");
        out.into_bytes()
    }

    pub(super) fn search_page(&self, from: &str) -> TeraResult<Context> {
        Context::from_serialize(&SearchPage {
            common: self.common(from)?,
            search: SearchView {
                meta: self.link(from, layout::META_URL),
                script: self.link(from, layout::SCRIPT_URL),
            },
        })
    }
}
