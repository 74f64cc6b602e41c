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
mod stat_at;
pub mod timings;
mod unchanged;
pub mod write;

use std::collections::BTreeSet;
use std::ffi::OsString;
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
    /// How long each phase of the build took.
    pub timings: timings::Timings,
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
    let locale = site_locale(config)?;
    let loaded = load::load(&config.root);
    let mut warnings = loaded.warnings;
    let mut errors = loaded.errors;
    let (articles, parse_errors) = parse::parse_all(&loaded.files, config);
    errors.extend(parse_errors);
    let renderer = compile_templates(config, locale, errors, &warnings)?;
    let (site, model_warnings) = model::build_site(articles, config, chrono::Utc::now());
    warnings.extend(model_warnings);
    let mut files = renderer
        .render_site(&site)
        .map_err(|errors| failure(errors, warnings.clone()))?;
    let pages: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let assets = assets::collect(&config.root, |p| pages.contains(p))
        .map_err(|errors| failure(errors, warnings.clone()))?;
    let statics: BTreeSet<&str> = assets.iter().map(|f| f.path.as_str()).collect();
    let bundled = assets::content(&loaded.assets, &site, |p| {
        pages.contains(p) || statics.contains(p)
    })
    .map_err(|errors| failure(errors, warnings.clone()))?;
    drop((pages, statics));
    files.extend(assets);
    files.extend(bundled);
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
/// [`write::apply_changes`]); otherwise every page is rendered straight into a staging folder
/// that replaces the output at the end. Either way the output is byte-identical to a clean
/// build. On any error the previous output stays as it was.
pub fn build_with(config: &Config, options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let mut timings = timings::Timings::default();
    let global = config_hash(config);
    // The output folder by its canonical name, however it was given.
    let output = canonical_output(&config.output);
    // Proving the previous output untouched needs nothing of the sources: done while they
    // are scanned.
    let (scanned, previous) = rayon::join(
        || load::scan(&config.root),
        || {
            (!options.clean)
                .then(|| Previous::read(config, global, &output))
                .flatten()
        },
    );
    timings.lap("scan and output check");
    if let Some(previous) = &previous
        && let Some(report) =
            unchanged::build(config, global, &scanned, previous, started, &timings)
    {
        return Ok(report);
    }
    let content_assets = scanned.assets.clone();
    let Prepared {
        mut site,
        renderer,
        mut warnings,
        sources,
        bodies,
        records,
        mut timings,
        sources_fingerprint,
        resave,
        saving,
    } = prepare(config, !options.clean, global, scanned, timings)?;
    // Saving the parsed articles only reads the site: done while the pages are rendered.
    let save_cache = |site: &model::Site| {
        if resave {
            save_articles(config, global, site, &sources, bodies.as_ref(), &records);
        }
    };
    // Templates are not global: each page's hash covers the templates it is rendered with.
    let templates = render::template_deps::closure_hashes(renderer.sources());
    // One parallel pass over the articles for what the pages' hashes need of each.
    let article_inputs: Vec<render::deps::ArticleInputs> = site
        .articles
        .par_iter()
        .map(|e| {
            let source = sources.get(e.article.source_path.as_os_str());
            render::deps::ArticleInputs {
                source_hash: source.map_or(0, |s| s.hash),
                site_links: match source.and_then(|s| s.body) {
                    Some(body) => body.has_links,
                    None => cache::has_site_links(&e.article.body_html),
                },
            }
        })
        .collect();
    let page_hashes = render::deps::page_hashes(
        &site,
        &article_inputs,
        &templates,
        global,
        config.feed_limit,
    );
    let mut outputs: Vec<(&str, u64)> = site
        .pages
        .iter()
        .map(|p| p.output_path.as_str())
        .zip(page_hashes.iter().copied())
        .collect();
    sort_outputs(&mut outputs);
    let mut assets = assets::collect(&config.root, |path| find_output(&outputs, path).is_some())
        .map_err(|errors| failure(errors, warnings.clone()))?;
    let bundled = assets::content(&content_assets, &site, |path| {
        find_output(&outputs, path).is_some() || assets.iter().any(|a| a.path == path)
    })
    .map_err(|errors| failure(errors, warnings.clone()))?;
    assets.extend(bundled);
    let asset_hashes: Vec<u64> = assets.par_iter().map(asset_hash).collect();
    outputs.extend(
        assets
            .iter()
            .map(|a| a.path.as_str())
            .zip(asset_hashes.iter().copied()),
    );
    sort_outputs(&mut outputs);
    let mut manifest = String::with_capacity(outputs.iter().map(|(p, _)| p.len() + 1).sum());
    for (path, _) in &outputs {
        manifest.push_str(path);
        manifest.push('\n');
    }
    let manifest_hash = cache::hash_bytes(manifest.as_bytes());
    timings.lap("page hashes");
    let incremental = previous.is_some();
    let (written, stamps) = match previous {
        Some(Previous {
            record: old,
            checked,
        }) => {
            let checked = checked.map_err(|e| failure(vec![e], warnings.clone()))?;
            let (changed, removed) = compare_outputs(&outputs, &old.files);
            let pages: Vec<model::Page> = site
                .pages
                .iter()
                .filter(|page| changed.contains(page.output_path.as_str()))
                .cloned()
                .collect();
            let needed = articles_shown_in_full(&site, &pages, config.feed_limit);
            if fill_bodies(&mut site.articles, &needed, &sources, bodies.as_ref()).is_err() {
                // The cache went bad under us: it is ignored, never an error.
                drop(saving);
                return build_with(config, &BuildOptions { clean: true });
            }
            timings.lap("bodies");
            let pages: Vec<&model::Page> = pages.iter().collect();
            let site = &site;
            // Saving the parsed articles only reads the site: done on a thread of its own
            // while the changed pages are rendered and written, which leave a core idle.
            std::thread::scope(|scope| {
                scope.spawn(|| save_cache(site));
                let mut files = renderer
                    .render_pages(site, &pages)
                    .map_err(|errors| failure(errors, warnings.clone()))?;
                files.extend(
                    assets
                        .iter()
                        .filter(|a| changed.contains(a.path.as_str()))
                        .cloned(),
                );
                timings.lap("render");
                // The output record doubles as the journal: gone while the folder is changed.
                cache::forget_output(&config.root);
                let stamps =
                    write::apply_changes(&config.output, checked, &files, &removed, &manifest)
                        .map_err(|e| failure(vec![e], warnings.clone()))?;
                timings.lap("write");
                Ok((files.len(), stamps))
            })?
        }
        None => {
            let all: Vec<usize> = (0..site.articles.len()).collect();
            if fill_bodies(&mut site.articles, &all, &sources, bodies.as_ref()).is_err() {
                drop(saving);
                return build_with(config, &BuildOptions { clean: true });
            }
            timings.lap("bodies");
            let paths: Vec<&str> = outputs.iter().map(|(path, _)| *path).collect();
            // The folder stamps of the previous build, even of another configuration, spare
            // reading the whole output to prove it holds no foreign file; --clean trusts none.
            let stamps = if options.clean {
                None
            } else {
                cache::read_output_stamps(&config.root, &output)
            };
            cache::forget_output(&config.root);
            let ((), written) = rayon::join(
                || save_cache(&site),
                || {
                    write::write_site_with(&config.output, &paths, &manifest, stamps, |staging| {
                        renderer.render_each(&site, &site.pages, |file| {
                            write::write_file(staging, &file)
                        })?;
                        assets
                            .par_iter()
                            .try_for_each(|file| write::write_file(staging, file))
                            .map_err(|e| vec![e])
                    })
                },
            );
            let stamps = written.map_err(|errors| failure(errors, warnings.clone()))?;
            timings.lap("render and write, save cache");
            (outputs.len(), stamps)
        }
    };
    warnings.sort();
    // A build that does nothing repeats this one's report, warnings included. (There is
    // a sources fingerprint only if the scan gave no warning: what it warns of, such as an
    // unreadable folder, is outside the fingerprint.)
    let inputs = sources_fingerprint.map(|sources| cache::Inputs {
        fingerprint: unchanged::fingerprint(
            sources,
            renderer.sources(),
            assets
                .iter()
                .map(|a| a.path.as_str())
                .zip(asset_hashes.iter().copied()),
        ),
        articles: site.articles.len() as u64,
        skipped: site.skipped() as u64,
        warnings: warnings.clone(),
    });
    cache::write_output(
        &config.root,
        global,
        &output,
        manifest_hash,
        Some(&stamps),
        inputs,
        &outputs,
    );
    timings.lap("save output record");
    let report = BuildReport {
        articles: site.articles.len(),
        pages: outputs.iter().filter(|(p, _)| p.ends_with(".html")).count(),
        files: outputs.len(),
        skipped: site.skipped(),
        warnings,
        elapsed: started.elapsed(),
        written,
        incremental,
        timings,
    };
    drop(outputs);
    // Freeing the site (some 200,000 allocations at 10,000 articles) took as long as the
    // model stage of a no-change build.
    drop_in_background(site);
    Ok(report)
}

/// The output of the previous build, as the cache's record describes it, checked (see
/// [`write::check_output`]).
pub(crate) struct Previous {
    pub record: cache::OutputRecord,
    pub checked: Result<write::CheckedOutput, Error>,
}

impl Previous {
    // The record of the previous build, if it is for this configuration and describes the
    // output folder (known by its canonical name `output`) as it is, and the output checked.
    fn read(config: &Config, global: u64, output: &str) -> Option<Previous> {
        let record = cache::read_output(&config.root, global)?;
        if record.output != output || !output_matches(config, record.manifest) {
            return None;
        }
        let checked = write::check_output(&config.output, record.stamps.clone());
        Some(Previous { record, checked })
    }
}

// Values by article source file, keyed by the path's bytes (with a fast hash): hashing a
// `Path` goes component by component, a visible cost at 10,000 lookups. Keys and lookups are
// both articles' `source_path`s, so the same article always finds its entry.
type BySource<T> = rustc_hash::FxHashMap<OsString, T>;

/// An article's source file: the hash of its text, and where its body is in the cache's
/// bodies file if it is still there (read later, only for pages rendered again).
#[derive(Debug, Clone, Copy)]
struct Source {
    hash: u64,
    body: Option<cache::BodyRef>,
    stamp: Option<load::Stamp>,
    /// Its place among the sources in scan order, the order the cache keeps them in.
    order: usize,
    /// Where the cache's record of its article lies, when the cache holds it as it is.
    record: Option<cache::RecordRef>,
}

impl Source {
    // What the cache saves of the article from this source: `article` is needed only when
    // the cache does not hold its record already.
    fn to_save<'a>(self, article: Option<&'a parse::Article>) -> cache::ArticleToSave<'a> {
        cache::ArticleToSave {
            hash: self.hash,
            stamp: self.stamp,
            article,
            body: self.body,
            record: self.record,
        }
    }
}

/// Everything a build needs before rendering.
struct Prepared<'a> {
    site: model::Site,
    renderer: render::Renderer<'a>,
    warnings: Vec<Warning>,
    /// What is known of every article's source file, by path.
    sources: BySource<Source>,
    bodies: Option<cache::Bodies>,
    /// The cache's article records, as read.
    records: cache::ArticleRecords,
    timings: timings::Timings,
    /// The sources' part of the build's inputs fingerprint, if this build may be repeated by
    /// one that does nothing (see [`unchanged`]).
    sources_fingerprint: Option<u64>,
    /// Whether the cache lacks some of the articles as they are now and is still to be saved
    /// (see [`save_articles`]).
    resave: bool,
    /// The cache being saved already, if it is (see [`Saving`]).
    saving: Saving,
}

/// The save of the cache running on a thread of its own, waited for when dropped: the
/// process must not end, nor another build start, halfway through it.
#[derive(Default)]
struct Saving(Option<std::thread::JoinHandle<()>>);

impl Saving {
    // Saves the articles from `sources`, in scan order, each with a copy of its article
    // where the cache lacks its record. Started before the model is built: after an edit
    // of a few articles the save then overlaps the model, the page hashes and the
    // rendering, instead of following them.
    fn start(
        config: &Config,
        global: u64,
        sources: Vec<(Source, Option<Box<parse::Article>>)>,
        bodies: Option<cache::Bodies>,
        records: cache::ArticleRecords,
    ) -> Saving {
        let root = config.root.clone();
        Saving(Some(std::thread::spawn(move || {
            let items: Vec<cache::ArticleToSave> = sources
                .iter()
                .map(|(source, article)| source.to_save(article.as_deref()))
                .collect();
            cache::write_articles(&root, global, &items, bodies.as_ref(), &records);
        })))
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            // A panic there was reported as it happened; the cache is only ever a speed-up.
            let _ = thread.join();
        }
    }
}

// The hash of everything global: arsip's version and the configuration.
fn config_hash(config: &Config) -> u64 {
    // Where the site and its output are does not change what is built, and the same folder
    // may be named relatively or absolutely: leave both out of the hash.
    let mut settings = config.clone();
    settings.root = PathBuf::new();
    settings.output = PathBuf::new();
    let mut h = cache::Hash64::default();
    h.str(env!("CARGO_PKG_VERSION"))
        .str(&format!("{settings:?}"));
    h.finish()
}

// Parse what `scanned` found (unchanged files from the cache), check the templates, and
// model the site. `config_hash` is [`config_hash`] of `config`.
fn prepare(
    config: &Config,
    use_cache: bool,
    config_hash: u64,
    scanned: load::Scanned,
    mut timings: timings::Timings,
) -> Result<Prepared<'_>, BuildFailure> {
    let locale = site_locale(config)?;
    let sources_fingerprint = unchanged::sources_fingerprint(config_hash, &scanned);
    let mut warnings = scanned.warnings;
    let mut errors = Vec::new();
    // The templates need nothing of the articles: compiled while the cache is decoded.
    let ((mut cached, bodies), compiled) = rayon::join(
        || {
            if use_cache {
                cache::read_articles(&config.root, config_hash)
            } else {
                (cache::CachedArticles::default(), None)
            }
        },
        || render::Renderer::new(config, locale),
    );
    timings.lap("read cache, compile templates");
    let stale = cached.len() != scanned.entries.len();
    let jobs: Vec<(&load::SourceEntry, Option<cache::CachedArticle>)> = scanned
        .entries
        .iter()
        .map(|entry| (entry, cached.take(&entry.path)))
        .collect();
    let results: Vec<Result<Parsed, Vec<Error>>> = jobs
        .into_par_iter()
        .map(|(entry, hit)| parse_or_reuse(entry, hit, config))
        .collect();
    let mut records = cached.into_records();
    timings.lap("read and parse");
    let mut resave = stale;
    let mut articles: Vec<parse::Article> = Vec::with_capacity(results.len());
    // What is known of each article's source, in scan order.
    let mut in_order: Vec<Source> = Vec::with_capacity(results.len());
    let mut sources: BySource<Source> = BySource::default();
    sources.reserve(results.len());
    for result in results {
        match result {
            Ok(p) => {
                resave |= p.record.is_none();
                let source = Source {
                    hash: p.hash,
                    body: p.body,
                    stamp: p.stamp,
                    order: articles.len(),
                    record: p.record,
                };
                sources.insert(p.article.source_path.clone().into_os_string(), source);
                in_order.push(source);
                articles.push(p.article);
            }
            Err(found) => errors.extend(found),
        }
    }
    let renderer = templates_or_failure(compiled, errors, &warnings)?;
    let reparsed = in_order.iter().filter(|s| s.record.is_none()).count();
    let mut saving = Saving::default();
    if resave && bodies.is_some() && reparsed <= articles.len() / 8 {
        // Boxed: an article is ~450 bytes, and all but the few edited ones are None.
        let to_save: Vec<(Source, Option<Box<parse::Article>>)> = articles
            .iter()
            .zip(&in_order)
            .map(|(article, source)| {
                let copy = source.record.is_none().then(|| Box::new(article.clone()));
                (*source, copy)
            })
            .collect();
        let records = std::mem::take(&mut records);
        saving = Saving::start(config, config_hash, to_save, bodies.clone(), records);
        resave = false;
    }
    let now = chrono::Utc::now();
    // An article scheduled for later appears once its time has come: until then the
    // output depends on the clock, and a build with unchanged inputs is not a no-op.
    let scheduled = !config.drafts
        && articles
            .iter()
            .any(|a| !a.draft && a.date.with_timezone(&chrono::Utc) > now);
    let (site, model_warnings) = model::build_site(articles, config, now);
    warnings.extend(model_warnings);
    timings.lap("model");
    Ok(Prepared {
        site,
        renderer,
        warnings,
        sources,
        bodies,
        records,
        timings,
        sources_fingerprint: sources_fingerprint.filter(|_| !scheduled),
        resave,
        saving,
    })
}

// Saves every parsed article of `site` (published or not) to the cache, in the order of
// their sources, with what `sources` knows of each.
fn save_articles(
    config: &Config,
    global: u64,
    site: &model::Site,
    sources: &BySource<Source>,
    bodies: Option<&cache::Bodies>,
    records: &cache::ArticleRecords,
) {
    let mut in_order: Vec<Option<cache::ArticleToSave>> = vec![None; sources.len()];
    let all = site.articles.iter().map(|e| &e.article);
    for article in all.chain(&site.unpublished) {
        if let Some(source) = sources.get(article.source_path.as_os_str())
            && let Some(slot) = in_order.get_mut(source.order)
        {
            *slot = Some(source.to_save(Some(article)));
        }
    }
    let items: Vec<cache::ArticleToSave> = in_order.into_iter().flatten().collect();
    cache::write_articles(&config.root, global, &items, bodies, records);
}

/// An article parsed from its source file, or reused from the cache.
struct Parsed {
    /// The hash of the source text.
    hash: u64,
    stamp: Option<load::Stamp>,
    article: parse::Article,
    /// Where the body lies in the cache's bodies file, when it came from the cache.
    body: Option<cache::BodyRef>,
    /// Where the cache holds this article as it is, stamp included, if it does.
    record: Option<cache::RecordRef>,
}

// Reuses the cached article when the source is unchanged (known by its stamp without
// reading it, or else by the hash of its text); otherwise reads and parses the file.
fn parse_or_reuse(
    entry: &load::SourceEntry,
    hit: Option<cache::CachedArticle>,
    config: &Config,
) -> Result<Parsed, Vec<Error>> {
    let reuse = |c: cache::CachedArticle| Parsed {
        hash: c.hash,
        stamp: entry.stamp,
        record: (c.stamp == entry.stamp).then_some(c.record),
        article: c.article,
        body: Some(c.body),
    };
    let hit = match hit {
        Some(c) if entry.stamp.is_some() && c.stamp == entry.stamp => return Ok(reuse(c)),
        hit => hit,
    };
    let file = entry.read().map_err(|e| vec![e])?;
    let mut h = cache::Hash64::default();
    h.num(file.format as u64).str(&file.text);
    let hash = h.finish();
    match hit.filter(|c| c.hash == hash) {
        Some(c) => Ok(reuse(c)),
        None => parse::parse(&file, config).map(|article| Parsed {
            hash,
            stamp: entry.stamp,
            article,
            body: None,
            record: None,
        }),
    }
}

// The articles whose bodies `pages` print: article pages and feed items.
fn articles_shown_in_full(
    site: &model::Site,
    pages: &[model::Page],
    feed_limit: usize,
) -> Vec<usize> {
    let mut needed = BTreeSet::new();
    for page in pages {
        match &page.kind {
            model::PageKind::Article(i) => {
                needed.insert(*i);
            }
            model::PageKind::Feed(None) => needed.extend(0..site.articles.len().min(feed_limit)),
            model::PageKind::Feed(Some(slug)) => {
                if let Some(group) = site.tags.get(slug) {
                    needed.extend(group.articles.iter().take(feed_limit).copied());
                }
            }
            _ => {}
        }
    }
    needed.into_iter().collect()
}

// Reads the bodies of articles `indexes` that are still in the cache into the site, before
// rendering.
fn fill_bodies(
    articles: &mut [model::Entry],
    indexes: &[usize],
    sources: &BySource<Source>,
    bodies: Option<&cache::Bodies>,
) -> std::io::Result<()> {
    // A clean build has no body in the cache: no need to look every article up.
    if !sources.values().any(|s| s.body.is_some()) {
        return Ok(());
    }
    let wanted: Vec<(usize, cache::BodyRef)> = indexes
        .iter()
        .filter_map(|i| {
            let entry = articles.get(*i)?;
            let source = sources.get(entry.article.source_path.as_os_str())?;
            source.body.map(|b| (*i, b))
        })
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let Some(bodies) = bodies else {
        return Err(std::io::Error::other("no bodies file"));
    };
    let refs: Vec<cache::BodyRef> = wanted.iter().map(|(_, b)| *b).collect();
    for ((i, _), body) in wanted.iter().zip(bodies.load(&refs)?) {
        if let Some(entry) = articles.get_mut(*i) {
            entry.article.body_html = body;
        }
    }
    Ok(())
}

// Sorts output files by path, stably, and keeps one entry per path: a path listed twice (two
// pages at one path) keeps its last hash, as inserting them into a map in turn did.
fn sort_outputs(outputs: &mut Vec<(&str, u64)>) {
    outputs.par_sort_by(|a, b| a.0.cmp(b.0));
    outputs.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1 = later.1;
        }
        same
    });
}

// The output files (of `outputs`, sorted by path) whose hash differs from the previous
// build's or that are new, and the previous build's files no longer made: one pass over
// both lists, which are sorted alike.
fn compare_outputs<'a>(
    outputs: &[(&'a str, u64)],
    old: &'a cache::OutputFiles,
) -> (rustc_hash::FxHashSet<&'a str>, Vec<&'a str>) {
    let mut changed = rustc_hash::FxHashSet::default();
    let mut removed = Vec::new();
    let mut old = old.iter().peekable();
    for &(path, hash) in outputs {
        while let Some((gone, _)) = old.next_if(|(p, _)| *p < path) {
            removed.push(gone);
        }
        match old.next_if(|(p, _)| *p == path) {
            Some((_, before)) if before == hash => {}
            _ => {
                changed.insert(path);
            }
        }
    }
    removed.extend(old.map(|(path, _)| path));
    (changed, removed)
}

// The hash of output file `path` in `outputs`, sorted by path.
fn find_output(outputs: &[(&str, u64)], path: &str) -> Option<u64> {
    let i = outputs.binary_search_by(|(p, _)| (*p).cmp(path)).ok()?;
    outputs.get(i).map(|(_, hash)| *hash)
}

// Static files are read to be hashed: a changed asset must be copied again.
fn asset_hash(file: &OutputFile) -> u64 {
    match &file.contents {
        Contents::Text(text) => cache::hash_bytes(text),
        Contents::Copy(from) => match std::fs::read(from) {
            Ok(bytes) => cache::hash_bytes(&bytes),
            // Unreadable now: never "unchanged"; copying it reports the error.
            Err(_) => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64),
        },
    }
}

// The output folder by its canonical name (its parent's, before the first build), so that
// naming it relatively or absolutely does not make the cache miss.
fn canonical_output(output: &std::path::Path) -> String {
    let canonical = std::fs::canonicalize(output).ok().or_else(|| {
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty());
        let parent = std::fs::canonicalize(parent.unwrap_or(std::path::Path::new("."))).ok()?;
        Some(parent.join(output.file_name()?))
    });
    canonical
        .unwrap_or_else(|| output.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

// The output folder is the one the cache describes: its manifest is the one last written.
fn output_matches(config: &Config, manifest_hash: u64) -> bool {
    std::fs::read(config.output.join(write::MANIFEST))
        .is_ok_and(|bytes| cache::hash_bytes(&bytes) == manifest_hash)
}

// Compiles the templates, checked even when content already failed so that one run reports
// everything; fails with `errors` (content errors so far) and any template errors.
fn compile_templates<'a>(
    config: &'a Config,
    locale: i18n::Locale,
    errors: Vec<Error>,
    warnings: &[Warning],
) -> Result<render::Renderer<'a>, BuildFailure> {
    templates_or_failure(render::Renderer::new(config, locale), errors, warnings)
}

// The compiled templates, or the failure of a build with content errors `errors` and any
// template errors in `compiled`.
fn templates_or_failure<'a>(
    compiled: Result<render::Renderer<'a>, Vec<Error>>,
    mut errors: Vec<Error>,
    warnings: &[Warning],
) -> Result<render::Renderer<'a>, BuildFailure> {
    match compiled {
        Ok(r) if errors.is_empty() => Ok(r),
        Ok(_) => Err(failure(errors, warnings.to_vec())),
        Err(template_errors) => {
            errors.extend(template_errors);
            Err(failure(errors, warnings.to_vec()))
        }
    }
}

// The interface language of the site; an unknown `[strings]` key is a configuration error.
fn site_locale(config: &Config) -> Result<i18n::Locale, BuildFailure> {
    i18n::Locale::new(&config.language, &config.strings).map_err(|message| BuildFailure {
        errors: vec![Error::Config {
            path: config::CONFIG_FILE.into(),
            location: None,
            message,
        }],
        warnings: Vec::new(),
    })
}

/// Frees `value` on another thread. Big structures (the site model, tables of summaries)
/// take tens of milliseconds to free; nothing waits for that, and at the end of a build the
/// process may exit before it is done, leaving the memory to the operating system.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    // A job for the thread pool: no thread to start, and it runs whenever a worker is free.
    rayon::spawn(move || drop(value));
}

fn failure(mut errors: Vec<Error>, mut warnings: Vec<Warning>) -> BuildFailure {
    error::sort_errors(&mut errors);
    warnings.sort();
    BuildFailure { errors, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparing_outputs_finds_new_changed_and_removed_files() {
        let old = cache::OutputFiles::new(vec![
            ("a.html".to_string(), 1),
            ("b/index.html".to_string(), 2),
            ("c.html".to_string(), 3),
            ("z.xml".to_string(), 9),
        ])
        .expect("sorted");
        let now = [("b/index.html", 2), ("b/x.html", 5), ("c.html", 4)];
        let (changed, removed) = compare_outputs(&now, &old);
        let mut changed: Vec<&str> = changed.into_iter().collect();
        changed.sort_unstable();
        assert_eq!(changed, ["b/x.html", "c.html"]);
        assert_eq!(removed, ["a.html", "z.xml"]);
        let (changed, removed) = compare_outputs(&[], &old);
        assert!(changed.is_empty());
        assert_eq!(removed.len(), 4);
    }
}
