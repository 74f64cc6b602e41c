//! Listing summaries built once: each article's [`Summary`] as a Tera value, made the first
//! time a listing at one link depth needs it and reused by every other listing at that depth.
//!
//! An article appears on several listing pages (index, tags, year, month, day), and building
//! its summary for each was a large share of a build. A summary depends on the
//! page only through the page's depth (its links are `../` repeated once per folder), so
//! pages are rendered one depth at a time, each depth with its own table, which bounds the
//! memory to one table at a time. Tera clones a value inside a context by reference count.

use std::sync::OnceLock;

use tera::{TeraResult, Value};

use super::Renderer;
use crate::model::{Page, Site};

/// Pages grouped by link depth, shallowest first, each group keeping the pages' order and
/// their positions in `pages`.
pub(crate) fn by_depth<'p>(
    pages: impl IntoIterator<Item = &'p Page>,
) -> Vec<Vec<(usize, &'p Page)>> {
    let mut groups: Vec<Vec<(usize, &Page)>> = Vec::new();
    for (i, page) in pages.into_iter().enumerate() {
        let d = super::links::depth(&page.url);
        if groups.len() <= d {
            groups.resize_with(d + 1, Vec::new);
        }
        groups[d].push((i, page));
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// The value in `cell`, made by `make` if the cell is empty. Two threads may both make it;
/// they make the same value and one is kept.
pub(crate) fn filled(
    cell: &OnceLock<Value>,
    make: impl FnOnce() -> TeraResult<Value>,
) -> TeraResult<Value> {
    if let Some(value) = cell.get() {
        return Ok(value.clone());
    }
    let value = make()?;
    Ok(cell.get_or_init(|| value).clone())
}

/// The summaries of one link depth, one cell per article of the site, filled on first use.
pub(crate) struct Summaries {
    cells: Vec<OnceLock<Value>>,
}

impl Summaries {
    /// An empty table for `site`.
    pub(crate) fn new(site: &Site) -> Summaries {
        Summaries {
            cells: (0..site.articles.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The summary of article `i` as seen from the page at `from`, built on first use.
    /// Fails if `i` is out of range or the summary does not convert.
    pub(crate) fn get(
        &self,
        renderer: &Renderer<'_>,
        site: &Site,
        from: &str,
        i: usize,
    ) -> TeraResult<Value> {
        let (Some(cell), Some(entry)) = (self.cells.get(i), site.articles.get(i)) else {
            return Err(tera::Error::message(format!("no article number {i}")));
        };
        filled(cell, || {
            Value::try_from_serializable(&renderer.summary(from, entry))
        })
    }

    /// The summaries of the articles `indexes`, in that order.
    pub(crate) fn list(
        &self,
        renderer: &Renderer<'_>,
        site: &Site,
        from: &str,
        indexes: impl IntoIterator<Item = usize>,
    ) -> TeraResult<Vec<Value>> {
        indexes
            .into_iter()
            .map(|i| self.get(renderer, site, from, i))
            .collect()
    }
}
