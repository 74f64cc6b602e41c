//! Redirect pages: every old URL of an article (its `aliases` and `redirect_from`, and its
//! URL in each of the site's `old_permalinks`) becomes a small page sending readers on,
//! unless a page of the site is there already.

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

use super::{Entry, Page, PageKind, TagGroup, output_path};
use crate::error::Warning;
use crate::old_scheme::{OldFields, OldPermalink};
use crate::parse::site_path;

/// Fills each entry's [`Entry::old_urls`]: its aliases that name a file (one with a query,
/// `?p=12`, names none a static host can serve), then its URL in each scheme of `schemes`,
/// each once and never its own URL.
pub(super) fn fill_old_urls(entries: &mut [Entry], schemes: &[OldPermalink]) {
    let fill = |entry: &mut Entry| {
        let article = &entry.article;
        let date = article.date.naive_local();
        let from_schemes = schemes.iter().filter_map(|scheme| {
            site_path::page_path(&scheme.expand(&OldFields {
                date,
                slug: &article.slug,
                source: &article.source_path,
            }))
        });
        let mut urls: Vec<String> = Vec::new();
        for url in article
            .aliases
            .iter()
            .filter(|a| !a.contains('?'))
            .cloned()
            .chain(from_schemes)
        {
            if url != entry.url && !urls.contains(&url) {
                urls.push(url);
            }
        }
        entry.old_urls = urls;
    };
    if schemes.is_empty() {
        // Most sites: only the few articles with aliases have any.
        entries
            .iter_mut()
            .filter(|e| !e.article.aliases.is_empty())
            .for_each(fill);
    } else {
        entries.par_iter_mut().for_each(fill);
    }
}

/// Adds a page at each article's old URLs after every other page. An old URL that a page of
/// the site (or an older redirect) has already keeps that page, with a warning naming the
/// article.
pub(super) fn add_redirects(
    pages: &mut Vec<Page>,
    entries: &[Entry],
    tags: &BTreeMap<String, TagGroup>,
) -> Vec<Warning> {
    let mut taken: HashSet<String> = pages.iter().map(|p| p.output_path.clone()).collect();
    let mut warnings = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        for k in 0..entry.old_urls.len() {
            let kind = PageKind::Redirect(i, k);
            let Some(url) = kind.url(entries, tags) else {
                continue;
            };
            let output_path = output_path(&url);
            if !taken.insert(output_path.clone()) {
                warnings.push(Warning {
                    path: entry.article.source_path.clone(),
                    location: None,
                    message: format!(
                        "old path /{url} is a page of the site already: no redirect is made there"
                    ),
                });
                continue;
            }
            pages.push(Page {
                kind,
                url,
                output_path,
            });
        }
    }
    warnings
}
