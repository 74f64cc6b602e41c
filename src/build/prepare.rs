//! The front half of the one pipeline, shared by `build`, `check` and `serve`: scan, parse
//! (or reuse from the cache), model, with the templates compiled alongside. It collects every
//! error instead of stopping at the first, and leaves it to the caller to stop.

use rayon::prelude::*;

use super::reuse::{BySource, Outcome, Saving, Source, parse_or_reuse};
use super::timings::Timings;
use super::unchanged;
use crate::cache;
use crate::config::{self, Config};
use crate::error::{Error, Warning};
use crate::load;
use crate::model;
use crate::parse::Article;
use crate::render::Renderer;

/// Everything the pipeline knows before rendering.
pub(crate) struct Prepared<'a> {
    pub site: model::Site,
    /// The compiled templates, or every template (and interface language) error.
    pub renderer: Result<Renderer<'a>, Vec<Error>>,
    /// Every article that failed to load or parse.
    pub errors: Vec<Error>,
    /// Warnings of the scan, and the notes of every article read.
    pub warnings: Vec<Warning>,
    /// The files of `content/` that are no articles, published beside them.
    pub content_assets: Vec<load::ContentAsset>,
    /// Warnings of the model: articles competing for one URL.
    pub model_warnings: Vec<Warning>,
    /// What is known of every article's source file, by path.
    pub sources: BySource<Source>,
    pub bodies: Option<cache::Bodies>,
    /// The cache's article records, as read.
    pub records: cache::ArticleRecords,
    pub timings: Timings,
    /// The sources' part of the inputs fingerprint, if a later build may repeat this one by
    /// doing nothing (see [`unchanged`]).
    pub sources_fingerprint: Option<u64>,
    /// Whether the cache lacks some of the articles as they are now and is still to be saved.
    pub resave: bool,
    /// The cache being saved already, if it is.
    pub saving: Saving,
}

/// The sources parsed, in scan order.
struct Sources {
    articles: Vec<Article>,
    in_order: Vec<Source>,
    by_path: BySource<Source>,
    errors: Vec<Error>,
    /// The files that are no articles, each with a warning.
    skipped: Vec<Warning>,
}

/// Parses what `scanned` found (unchanged files from the cache when `use_cache`), compiles
/// the templates, and models the site. `global` is the configuration's hash.
pub(crate) fn prepare<'c>(
    config: &'c Config,
    use_cache: bool,
    global: u64,
    scanned: load::Scanned,
    mut timings: Timings,
    progress: Option<&crate::progress::Progress>,
) -> Prepared<'c> {
    let sources_fingerprint = unchanged::sources_fingerprint(global, &scanned);
    // The templates need nothing of the articles: compiled while the cache is decoded.
    let ((mut cached, bodies), renderer) = rayon::join(
        || match use_cache {
            true => cache::read_articles(&config.root, global),
            false => (cache::CachedArticles::default(), None),
        },
        || compile_templates(config),
    );
    timings.lap("read cache, compile templates");
    let parsed = parse_all(&scanned, &mut cached, config, progress);
    let stale = cached.len() != scanned.entries.len() - parsed.skipped.len();
    let mut records = cached.into_records();
    timings.lap("read and parse");
    let mut resave = stale || parsed.in_order.iter().any(|s| s.record.is_none());
    let mut saving = Saving::default();
    if resave && bodies.is_some() && parsed.errors.is_empty() && renderer.is_ok() {
        saving = save_early(config, global, &parsed, bodies.clone(), &mut records);
        resave = !saving.started();
    }
    let now = chrono::Utc::now();
    // An article scheduled for later appears once its time has come: until then the
    // output depends on the clock, and a build with unchanged inputs is not a no-op.
    let scheduled = !config.drafts
        && parsed
            .articles
            .iter()
            .any(|a| !a.draft && a.date.with_timezone(&chrono::Utc) > now);
    // The readers' notes, from the cache as from a fresh parse: every build warns alike.
    let mut warnings = scanned.warnings;
    warnings.extend(parsed.skipped);
    warnings.extend(parsed.articles.iter().flat_map(Article::note_warnings));
    let (site, model_warnings) = model::build_site(parsed.articles, config, now);
    timings.lap("model");
    Prepared {
        site,
        renderer,
        errors: parsed.errors,
        warnings,
        content_assets: scanned.assets,
        model_warnings,
        sources: parsed.by_path,
        bodies,
        records,
        timings,
        sources_fingerprint: sources_fingerprint.filter(|_| !scheduled),
        resave,
        saving,
    }
}

/// The interface language and the templates, or every error of either.
fn compile_templates(config: &Config) -> Result<Renderer<'_>, Vec<Error>> {
    let locale =
        crate::i18n::Locale::new(&config.language, &config.strings).map_err(|message| {
            vec![Error::Config {
                path: config::CONFIG_FILE.into(),
                location: None,
                message,
            }]
        })?;
    Renderer::new(config, locale)
}

// Parses (or reuses) every scanned source, in parallel, keeping scan order.
fn parse_all(
    scanned: &load::Scanned,
    cached: &mut cache::CachedArticles,
    config: &Config,
    progress: Option<&crate::progress::Progress>,
) -> Sources {
    let jobs: Vec<(&load::SourceEntry, Option<cache::CachedArticle>)> = scanned
        .entries
        .iter()
        .map(|entry| (entry, cached.take(&entry.path)))
        .collect();
    let results: Vec<Outcome> = jobs
        .into_par_iter()
        .map(|(entry, hit)| parse_or_reuse(entry, hit, config))
        .inspect(|_| {
            if let Some(progress) = progress {
                progress.article();
            }
        })
        .collect();
    let mut sources = Sources {
        articles: Vec::with_capacity(results.len()),
        in_order: Vec::with_capacity(results.len()),
        by_path: BySource::default(),
        errors: Vec::new(),
        skipped: Vec::new(),
    };
    sources.by_path.reserve(results.len());
    for result in results {
        match result {
            Outcome::Parsed(p) => {
                let source = Source {
                    hash: p.hash,
                    body: p.body,
                    stamp: p.stamp,
                    order: sources.articles.len(),
                    record: p.record,
                };
                let key = p.article.source_path.clone().into_os_string();
                sources.by_path.insert(key, source);
                sources.in_order.push(source);
                sources.articles.push(p.article);
            }
            Outcome::Skipped(warning) => sources.skipped.push(warning),
            Outcome::Failed(found) => sources.errors.extend(found),
        }
    }
    sources
}

// After an edit of a few articles (an eighth at most), the cache is saved on a thread of its
// own from now on, so the save overlaps the model, the page hashes and the rendering.
fn save_early(
    config: &Config,
    global: u64,
    parsed: &Sources,
    bodies: Option<cache::Bodies>,
    records: &mut cache::ArticleRecords,
) -> Saving {
    let reparsed = parsed
        .in_order
        .iter()
        .filter(|s| s.record.is_none())
        .count();
    if reparsed > parsed.articles.len() / 8 {
        return Saving::default();
    }
    // Boxed: all but the few edited articles are None.
    let to_save: Vec<(Source, Option<Box<Article>>)> = parsed
        .articles
        .iter()
        .zip(&parsed.in_order)
        .map(|(article, source)| {
            let copy = source.record.is_none().then(|| Box::new(article.clone()));
            (*source, copy)
        })
        .collect();
    Saving::start(config, global, to_save, bodies, std::mem::take(records))
}
