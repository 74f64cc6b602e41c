//! The plan of a build: every output file with the hash of what it is made from (pages by
//! their inputs, static files by their bytes), sorted by path, and the manifest listing them.
//! Comparing the plan with the previous build's record tells which files to write again.

use std::hash::Hasher;

use rayon::prelude::*;

use super::reuse::{BySource, Source};
use crate::config::Config;
use crate::error::Error;
use crate::hash::{Hash64, hash_bytes};
use crate::load::ContentAsset;
use crate::model::{Page, Site};
use crate::render::{Contents, OutputFile, deps, template_deps, templates::TemplateSource};

/// The static files of the build and each one's hash.
pub(crate) struct Assets {
    pub files: Vec<OutputFile>,
    pub hashes: Vec<u64>,
}

/// The hash of everything global: arsip's version and the configuration (but not where the
/// site and its output are, which may be named relatively or absolutely).
pub(crate) fn config_hash(config: &Config) -> u64 {
    let mut settings = config.clone();
    settings.root = std::path::PathBuf::new();
    settings.output = std::path::PathBuf::new();
    let mut h = Hash64::default();
    h.str(env!("CARGO_PKG_VERSION"))
        .str(&format!("{settings:?}"));
    h.finish()
}

/// The output path of each page of `site` (`pages`, which is `site.pages`, borrowed apart so
/// the articles stay free to change) with the hash of its inputs, sorted by path.
pub(crate) fn page_outputs<'p>(
    config: &Config,
    site: &Site,
    pages: &'p [Page],
    sources: &BySource<Source>,
    templates: &[TemplateSource],
    global: u64,
) -> Vec<(&'p str, u64)> {
    // Templates are not global: each page's hash covers the templates it is rendered with.
    let templates = template_deps::closure_hashes(templates);
    // One parallel pass over the articles for what the pages' hashes need of each.
    let article_inputs: Vec<deps::ArticleInputs> = site
        .articles
        .par_iter()
        .map(|e| {
            let source = sources.get(e.article.source_path.as_os_str());
            deps::ArticleInputs {
                source_hash: source.map_or(0, |s| s.hash),
                site_links: match source.and_then(|s| s.body) {
                    Some(body) => body.has_links,
                    None => crate::cache::has_site_links(&e.article.body_html),
                },
            }
        })
        .collect();
    let hashes = deps::page_hashes(site, &article_inputs, &templates, global, config.feed_limit);
    let mut outputs: Vec<(&str, u64)> = pages
        .iter()
        .map(|p| p.output_path.as_str())
        .zip(hashes)
        .collect();
    sort_outputs(&mut outputs);
    outputs
}

/// The static files that no page of `pages` (sorted by path) replaces, and the files of
/// `content/` published beside the articles of `site`, hashed.
pub(crate) fn assets(
    config: &Config,
    site: &Site,
    pages: &[(&str, u64)],
    content: &[ContentAsset],
) -> Result<Assets, Vec<Error>> {
    let mut files = super::assets::collect(&config.root, &config.theme, config.search, |path| {
        find_output(pages, path).is_some()
    })?;
    let statics: rustc_hash::FxHashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let bundled = super::assets::content(content, site, |path| {
        find_output(pages, path).is_some() || statics.contains(path)
    })?;
    drop(statics);
    files.extend(bundled);
    let hashes = files.par_iter().map(asset_hash).collect();
    Ok(Assets { files, hashes })
}

/// Every output file, pages and static files, sorted by path, and the manifest listing them
/// one a line.
pub(crate) fn all_outputs<'a>(
    mut outputs: Vec<(&'a str, u64)>,
    assets: &'a Assets,
) -> (Vec<(&'a str, u64)>, String) {
    let paths = assets.files.iter().map(|a| a.path.as_str());
    outputs.extend(paths.zip(assets.hashes.iter().copied()));
    sort_outputs(&mut outputs);
    let mut manifest = String::with_capacity(outputs.iter().map(|(p, _)| p.len() + 1).sum());
    for (path, _) in &outputs {
        manifest.push_str(path);
        manifest.push('\n');
    }
    (outputs, manifest)
}

/// Sorts output files by path, stably, and keeps one entry per path: a path listed twice (two
/// pages at one path) keeps its last hash.
pub(crate) fn sort_outputs(outputs: &mut Vec<(&str, u64)>) {
    outputs.par_sort_by(|a, b| a.0.cmp(b.0));
    outputs.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1 = later.1;
        }
        same
    });
}

/// The hash of output file `path` in `outputs`, sorted by path.
pub(crate) fn find_output(outputs: &[(&str, u64)], path: &str) -> Option<u64> {
    let i = outputs.binary_search_by(|(p, _)| (*p).cmp(path)).ok()?;
    outputs.get(i).map(|(_, hash)| *hash)
}

/// A static file's hash, by its bytes: a changed asset must be copied again.
pub(crate) fn asset_hash(file: &OutputFile) -> u64 {
    match &file.contents {
        Contents::Text(text) => hash_bytes(text),
        Contents::Copy(from) => match std::fs::read(from) {
            Ok(bytes) => hash_bytes(&bytes),
            // Unreadable now: never "unchanged"; copying it reports the error.
            Err(_) => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64),
        },
    }
}

/// The pages to render, by index into `site.pages` (those whose paths are in `changed`, or
/// every page without it), and the articles whose bodies they print, sorted.
pub(crate) fn to_render(
    site: &Site,
    changed: Option<&rustc_hash::FxHashSet<&str>>,
    feed_limit: usize,
) -> (Vec<usize>, Vec<usize>) {
    let Some(changed) = changed else {
        return (
            (0..site.pages.len()).collect(),
            (0..site.articles.len()).collect(),
        );
    };
    let pages: Vec<usize> = (0..site.pages.len())
        .filter(|i| changed.contains(site.pages[*i].output_path.as_str()))
        .collect();
    let shown: Vec<&Page> = pages.iter().filter_map(|i| site.pages.get(*i)).collect();
    let needed = crate::model::shown_in_full(site, &shown, feed_limit);
    (pages, needed)
}
