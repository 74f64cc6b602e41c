//! arsip: a static site generator for archives of news articles.
//!
//! One pipeline of five stages, each a function of the previous stage's value:
//!
//! ```text
//! content/ -load-> Vec<SourceFile> -parse-> Vec<Article> -model-> Site -render-> Vec<OutputFile> -write-> public/
//! ```
//!
//! [`build`] runs them in order; the library never prints, it returns a [`BuildReport`] or
//! every error found.

#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::panic,
        clippy::print_stdout,
        clippy::print_stderr
    )
)]

pub mod assets;
pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod error;
pub mod i18n;
pub mod import;
pub mod load;
pub mod model;
pub mod newsroom;
pub mod parse;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hasher;
use std::path::PathBuf;

use rayon::prelude::*;
use std::time::{Duration, Instant};

use config::Config;
use error::{Error, Warning};
use render::{Contents, OutputFile};

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub articles: usize,
    /// HTML pages written (articles, listings, archives, tags, 404).
    pub pages: usize,
    /// All files written, feeds and static files included.
    pub files: usize,
    /// Drafts and future-dated articles left out.
    pub skipped: usize,
    pub warnings: Vec<Warning>,
    pub elapsed: Duration,
    /// Files rendered and written by this build; fewer than `files` when the cache showed the
    /// rest unchanged.
    pub written: usize,
    /// Whether the build updated the previous output in place from the cache.
    pub incremental: bool,
}

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Ignore `.arsip-cache/`: parse and render everything, write a fresh output folder.
    pub clean: bool,
}

/// Why a build failed: every error (sorted by file), and the warnings met on the way.
#[derive(Debug)]
pub struct BuildFailure {
    pub errors: Vec<Error>,
    pub warnings: Vec<Warning>,
}

/// A rendered site, not yet written.
pub struct Rendered {
    pub site: model::Site,
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Warning>,
}

/// Runs load, parse, model and render: everything but writing. Used by `build` and `check`.
pub fn render_site(config: &Config) -> Result<Rendered, BuildFailure> {
    let locale =
        i18n::Locale::new(&config.language, &config.strings).map_err(|message| BuildFailure {
            errors: vec![Error::Config {
                path: config::CONFIG_FILE.into(),
                location: None,
                message,
            }],
            warnings: Vec::new(),
        })?;
    let loaded = load::load(&config.root);
    let mut warnings = loaded.warnings;
    let mut errors = loaded.errors;
    let (articles, parse_errors) = parse::parse_all(&loaded.files, config);
    errors.extend(parse_errors);
    // Templates are checked even when content failed, so one run reports everything.
    let renderer = render::Renderer::new(config, locale);
    let renderer = match renderer {
        Ok(r) if errors.is_empty() => r,
        Ok(_) => return Err(failure(errors, warnings)),
        Err(template_errors) => {
            errors.extend(template_errors);
            return Err(failure(errors, warnings));
        }
    };
    let (site, model_warnings) = model::build_site(articles, config, chrono::Utc::now());
    warnings.extend(model_warnings);
    let mut files = renderer
        .render_site(&site)
        .map_err(|errors| failure(errors, warnings.clone()))?;
    let pages: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let assets = assets::collect(&config.root, &pages)
        .map_err(|errors| failure(errors, warnings.clone()))?;
    files.extend(assets);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    warnings.sort();
    Ok(Rendered {
        site,
        files,
        warnings,
    })
}

/// Builds the site described by `config` into `config.output`, reusing `.arsip-cache/`.
///
/// On any error nothing is written and the previous output stays as it was.
pub fn build(config: &Config) -> Result<BuildReport, BuildFailure> {
    build_with(config, &BuildOptions::default())
}

/// Builds the site as [`build`] does, with `options`.
///
/// Unchanged articles come parsed from the cache, and when the cache describes the current
/// output folder only pages whose inputs changed are rendered and written, in place (see
/// [`write::write_changes`]); otherwise every page is rendered straight into a staging folder
/// that replaces the output at the end. Either way the output is byte-identical to a clean
/// build. On any error the previous output stays as it was.
pub fn build_with(config: &Config, options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let prepared = prepare(config, !options.clean)?;
    let Prepared {
        site,
        renderer,
        mut warnings,
        sources,
        config_hash,
    } = prepared;
    let mut global = cache::Hash64::default();
    global.num(config_hash);
    for source in renderer.sources() {
        global.str(&source.name).str(&source.text);
    }
    let global = global.finish();
    let page_hashes = render::deps::page_hashes(&site, &sources, global, config.feed_limit);
    let page_set: BTreeSet<&str> = site.pages.iter().map(|p| p.output_path.as_str()).collect();
    let assets = assets::collect(&config.root, &page_set)
        .map_err(|errors| failure(errors, warnings.clone()))?;
    let mut record = cache::OutputRecord {
        output: config.output.to_string_lossy().into_owned(),
        ..Default::default()
    };
    for (page, hash) in site.pages.iter().zip(&page_hashes) {
        record.files.insert(page.output_path.clone(), *hash);
    }
    for asset in &assets {
        record.files.insert(asset.path.clone(), asset_hash(asset));
    }
    let mut manifest = String::new();
    for path in record.files.keys() {
        manifest.push_str(path);
        manifest.push('\n');
    }
    record.manifest = cache::hash_bytes(manifest.as_bytes());
    let previous = (!options.clean)
        .then(|| cache::read_output(&config.root, global))
        .flatten()
        .filter(|old| old.output == record.output && output_matches(config, old.manifest));
    let incremental = previous.is_some();
    let written = match previous {
        Some(old) => {
            let changed = |path: &str, hash: u64| old.files.get(path) != Some(&hash);
            let pages: Vec<&model::Page> = site
                .pages
                .iter()
                .zip(&page_hashes)
                .filter(|(page, hash)| changed(&page.output_path, **hash))
                .map(|(page, _)| page)
                .collect();
            let mut files = renderer
                .render_pages(&site, &pages)
                .map_err(|errors| failure(errors, warnings.clone()))?;
            files.extend(
                assets
                    .into_iter()
                    .filter(|a| changed(&a.path, record.files[&a.path])),
            );
            let removed: Vec<&str> = old
                .files
                .keys()
                .filter(|path| !record.files.contains_key(*path))
                .map(String::as_str)
                .collect();
            // The output record doubles as the journal: gone while the folder is changed.
            cache::forget_output(&config.root);
            write::write_changes(&config.output, &files, &removed, &manifest)
                .map_err(|e| failure(vec![e], warnings.clone()))?;
            files.len()
        }
        None => {
            let paths: Vec<&str> = record.files.keys().map(String::as_str).collect();
            cache::forget_output(&config.root);
            write::write_site_with(&config.output, &paths, &manifest, |staging| {
                renderer
                    .render_each(&site, &site.pages, |file| write::write_file(staging, &file))?;
                assets
                    .par_iter()
                    .try_for_each(|file| write::write_file(staging, file))
                    .map_err(|e| vec![e])
            })
            .map_err(|errors| failure(errors, warnings.clone()))?;
            record.files.len()
        }
    };
    cache::write_output(&config.root, global, &record);
    warnings.sort();
    Ok(BuildReport {
        articles: site.articles.len(),
        pages: record.files.keys().filter(|p| p.ends_with(".html")).count(),
        files: record.files.len(),
        skipped: site.skipped,
        warnings,
        elapsed: started.elapsed(),
        written,
        incremental,
    })
}

/// Everything a build needs before rendering.
struct Prepared<'a> {
    site: model::Site,
    renderer: render::Renderer<'a>,
    warnings: Vec<Warning>,
    /// The hash of every loaded source file's text, by path.
    sources: BTreeMap<PathBuf, u64>,
    config_hash: u64,
}

// Load, parse (unchanged files from the cache), check the templates, and model the site.
fn prepare(config: &Config, use_cache: bool) -> Result<Prepared<'_>, BuildFailure> {
    let locale =
        i18n::Locale::new(&config.language, &config.strings).map_err(|message| BuildFailure {
            errors: vec![Error::Config {
                path: config::CONFIG_FILE.into(),
                location: None,
                message,
            }],
            warnings: Vec::new(),
        })?;
    let config_hash = {
        let mut h = cache::Hash64::default();
        h.str(env!("CARGO_PKG_VERSION")).str(&format!("{config:?}"));
        h.finish()
    };
    let loaded = load::load(&config.root);
    let mut warnings = loaded.warnings;
    let mut errors = loaded.errors;
    let mut cached = if use_cache {
        cache::read_articles(&config.root, config_hash)
    } else {
        cache::CachedArticles::new()
    };
    let hashes: Vec<u64> = loaded
        .files
        .par_iter()
        .map(|f| {
            let mut h = cache::Hash64::default();
            h.num(f.format as u64).str(&f.text);
            h.finish()
        })
        .collect();
    let stale = cached.len() != loaded.files.len();
    let jobs: Vec<(&load::SourceFile, u64, Option<parse::Article>)> = loaded
        .files
        .iter()
        .zip(&hashes)
        .map(|(file, hash)| {
            let hit = cached
                .remove(&file.path)
                .filter(|(h, _)| h == hash)
                .map(|(_, a)| a);
            (file, *hash, hit)
        })
        .collect();
    let results: Vec<(u64, Result<parse::Article, Error>, bool)> = jobs
        .into_par_iter()
        .map(|(file, hash, hit)| match hit {
            Some(article) => (hash, Ok(article), true),
            None => (hash, parse::parse(file, config), false),
        })
        .collect();
    let sources: BTreeMap<PathBuf, u64> = loaded
        .files
        .iter()
        .zip(&hashes)
        .map(|(f, h)| (f.path.clone(), *h))
        .collect();
    drop(loaded.files);
    let mut reparsed = stale;
    let mut articles = Vec::with_capacity(results.len());
    let mut fresh = cache::CachedArticles::new();
    for (hash, result, hit) in results {
        match result {
            Ok(article) => {
                reparsed |= !hit;
                fresh.insert(article.source_path.clone(), (hash, article));
            }
            Err(error) => errors.push(error),
        }
    }
    if reparsed && errors.is_empty() {
        cache::write_articles(&config.root, config_hash, &fresh);
    }
    articles.extend(fresh.into_values().map(|(_, a)| a));
    // Templates are checked even when content failed, so one run reports everything.
    let renderer = match render::Renderer::new(config, locale) {
        Ok(r) if errors.is_empty() => r,
        Ok(_) => return Err(failure(errors, warnings)),
        Err(template_errors) => {
            errors.extend(template_errors);
            return Err(failure(errors, warnings));
        }
    };
    let (site, model_warnings) = model::build_site(articles, config, chrono::Utc::now());
    warnings.extend(model_warnings);
    Ok(Prepared {
        site,
        renderer,
        warnings,
        sources,
        config_hash,
    })
}

// Static files are read to be hashed: a changed asset must be copied again.
fn asset_hash(file: &OutputFile) -> u64 {
    match &file.contents {
        Contents::Text(text) => cache::hash_bytes(text.as_bytes()),
        Contents::Copy(from) => match std::fs::read(from) {
            Ok(bytes) => cache::hash_bytes(&bytes),
            // Unreadable now: never "unchanged"; copying it reports the error.
            Err(_) => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64),
        },
    }
}

// The output folder is the one the cache describes: its manifest is the one last written.
fn output_matches(config: &Config, manifest_hash: u64) -> bool {
    std::fs::read(config.output.join(write::MANIFEST))
        .is_ok_and(|bytes| cache::hash_bytes(&bytes) == manifest_hash)
}

fn failure(mut errors: Vec<Error>, mut warnings: Vec<Warning>) -> BuildFailure {
    error::sort_errors(&mut errors);
    warnings.sort();
    BuildFailure { errors, warnings }
}
