//! Orchestration: runs the one pipeline (`load` -> `parse` -> `model` -> `render` -> `write`)
//! and decides what to reuse from `.arsip-cache/`. The stages do not know the cache exists:
//! this module hands them less work (articles reused, pages left as they are) and records
//! what the next build needs. `check` and `serve` run the same pipeline through it.

mod apply;
pub mod assets;
mod links;
pub mod lock;
mod plan;
pub(crate) mod prepare;
mod previous;
mod reuse;
pub mod timings;
mod unchanged;

use std::time::{Duration, Instant};

use crate::cache;
use crate::config::Config;
use crate::error::{Error, Warning};
use crate::load;
use crate::render::Renderer;
use prepare::Prepared;
use previous::Previous;
use timings::Timings;

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
    pub timings: Timings,
}

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Ignore `.arsip-cache/`: parse and render everything, write a fresh output folder.
    pub clean: bool,
    /// Counters the build advances, for a progress line.
    pub progress: Option<std::sync::Arc<crate::progress::Progress>>,
    /// Called with the lock file's path when another build of the site holds it, before
    /// waiting for it (see `lock`).
    pub on_lock_wait: Option<fn(&std::path::Path)>,
}

/// Why a build failed: every error (sorted by file), and the warnings met on the way.
#[derive(Debug)]
pub struct BuildFailure {
    pub errors: Vec<Error>,
    pub warnings: Vec<Warning>,
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
/// output folder only pages whose inputs changed are rendered and written, in place;
/// otherwise every page is rendered straight into a staging folder that replaces the output
/// at the end. Either way the output is byte-identical to a clean build.
pub fn build_with(config: &Config, options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let inputs = [
        config.content_dir(),
        config.static_dir(),
        config.templates_dir(),
        cache::dir(&config.root),
    ];
    let inputs: Vec<&std::path::Path> = inputs.iter().map(|p| p.as_path()).collect();
    crate::write::check_place(&config.output, &inputs).map_err(|e| failure(vec![e], &[]))?;
    let _lock = lock::SiteLock::take(&config.root, options.on_lock_wait);
    // Before anything can fail: a killed build's half-done update is undone, and what it
    // left in the cache folder removed.
    crate::write::recover(&config.output);
    cache::remove_stale_temporaries(&config.root);
    build_locked(config, options)
}

// The build, under the site's lock (a build retried clean does not take it twice).
fn build_locked(config: &Config, options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let global = plan::config_hash(config);
    let output = previous::canonical_output(&config.output);
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
    let progress = options.progress.as_deref();
    let prepared = prepare::prepare(config, !options.clean, global, scanned, timings, progress);
    let (mut prepared, renderer) = without_errors(prepared)?;
    let (site, sources) = (&mut prepared.site, &prepared.sources);
    let Ok(broken) = links::broken_links(&config.root, site, sources, prepared.bodies.as_ref())
    else {
        // The cache went bad under the build: it is ignored, never an error.
        drop(prepared);
        return build_locked(config, &clean(options));
    };
    prepared.warnings.extend(broken);
    strict(config, &prepared.warnings)?;
    render_and_write(
        config, options, global, &output, prepared, &renderer, previous, started,
    )
}

// Renders and writes what changed since `previous` (everything without it), then records
// the output for the next build and reports this one.
#[allow(clippy::too_many_arguments)]
fn render_and_write(
    config: &Config,
    options: &BuildOptions,
    global: u64,
    output: &str,
    prepared: Prepared<'_>,
    renderer: &Renderer<'_>,
    previous: Option<Previous>,
    started: Instant,
) -> Result<BuildReport, BuildFailure> {
    let Prepared {
        mut site,
        sources,
        bodies,
        records,
        warnings,
        mut timings,
        sources_fingerprint,
        resave,
        saving,
        content_assets,
        ..
    } = prepared;
    let fail = |errors| failure(errors, &warnings);
    let templates = renderer.sources();
    let pages = plan::page_outputs(config, &site, &site.pages, &sources, templates, global);
    let assets = plan::assets(config, &site, &pages, &content_assets).map_err(fail)?;
    let (outputs, manifest) = plan::all_outputs(pages, &assets);
    timings.lap("page hashes");
    let (record, checked) = previous.map(|p| (p.record, p.checked)).unzip();
    let changes = record
        .as_ref()
        .map(|r| previous::compare_outputs(&outputs, &r.files));
    let changed = changes.as_ref().map(|(changed, _)| changed);
    let (to_render, needed) = plan::to_render(&site, changed, config.feed_limit);
    if reuse::fill_bodies(&mut site.articles, &needed, &sources, bodies.as_ref()).is_err() {
        // The cache went bad under the build: it is ignored, never an error.
        drop(saving);
        return build_locked(config, &clean(options));
    }
    timings.lap("bodies");
    let pages = to_render
        .iter()
        .filter_map(|i| site.pages.get(*i))
        .collect();
    // --clean trusts no folder stamps of a previous build.
    let stamps = || (!options.clean).then(|| cache::read_output_stamps(&config.root, output));
    let mode = apply::Mode::choose(checked, changes.as_ref(), pages, || stamps().flatten())
        .map_err(|e| fail(vec![e]))?;
    let save_cache = |site: &crate::model::Site| {
        if resave {
            reuse::save_articles(config, global, site, &sources, bodies.as_ref(), &records);
        }
    };
    let progress = options.progress.as_deref();
    let job = apply::Job {
        progress,
        config,
        site: &site,
        renderer,
        outputs: &outputs,
        assets: &assets,
        manifest: &manifest,
    };
    let (files, stamps, in_place) =
        apply::run(&job, mode, &save_cache, &mut timings).map_err(fail)?;
    let done = Done {
        global,
        output,
        stamps,
        warnings,
        timings,
        sources_fingerprint,
        files,
        started,
    };
    let mut report = finish(&job, done, record.is_some());
    if in_place == Some(crate::write::InPlace::MountPoint) {
        // Said, not stored with the cached report: a later build may swap again.
        report.warnings.push(Warning {
            path: config.output.clone(),
            location: None,
            message: "the output folder is a mount point and cannot be swapped: it was \
                      updated in place through the journal (a killed build is still undone)"
                .to_string(),
        });
    }
    // Freeing the site takes as long as modelling it: nothing needs to wait for that.
    rayon::spawn(move || drop(site));
    // The process must not end, nor another build start, halfway through the cache's save.
    drop(saving);
    Ok(report)
}

/// A build done, to be recorded and reported.
struct Done<'a> {
    global: u64,
    output: &'a str,
    stamps: crate::write::Stamps,
    warnings: Vec<Warning>,
    timings: Timings,
    sources_fingerprint: Option<u64>,
    /// Files rendered and written.
    files: usize,
    started: Instant,
}

// The prepared site and its templates, or the failure of a build with every error of both.
fn without_errors(prepared: Prepared<'_>) -> Result<(Prepared<'_>, Renderer<'_>), BuildFailure> {
    let mut prepared = prepared;
    prepared.warnings.append(&mut prepared.model_warnings);
    let renderer = std::mem::replace(&mut prepared.renderer, Err(Vec::new()));
    match renderer {
        Ok(renderer) if prepared.errors.is_empty() => Ok((prepared, renderer)),
        Ok(_) => Err(failure(
            std::mem::take(&mut prepared.errors),
            &prepared.warnings,
        )),
        Err(template_errors) => {
            let mut errors = std::mem::take(&mut prepared.errors);
            errors.extend(template_errors);
            Err(failure(errors, &prepared.warnings))
        }
    }
}

// Records the output of `job` for the next build and reports the build.
fn finish(job: &apply::Job<'_>, done: Done<'_>, incremental: bool) -> BuildReport {
    let Done {
        mut warnings,
        mut timings,
        ..
    } = done;
    warnings.sort();
    // A build that does nothing repeats this one's report, warnings included.
    let (assets, site) = (job.assets, job.site);
    let inputs = done.sources_fingerprint.map(|sources| cache::Inputs {
        fingerprint: unchanged::fingerprint(
            sources,
            job.renderer.sources(),
            assets
                .files
                .iter()
                .map(|a| a.path.as_str())
                .zip(assets.hashes.iter().copied()),
        ),
        articles: site.articles.len() as u64,
        skipped: site.skipped() as u64,
        warnings: warnings.clone(),
    });
    let manifest = crate::hash::hash_bytes(job.manifest.as_bytes());
    let (root, stamps) = (&job.config.root, Some(&done.stamps));
    cache::write_output(
        root,
        done.global,
        done.output,
        manifest,
        stamps,
        inputs,
        job.outputs,
    );
    timings.lap("save output record");
    BuildReport {
        articles: site.articles.len(),
        pages: job
            .outputs
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .count(),
        files: job.outputs.len(),
        skipped: site.skipped(),
        warnings,
        elapsed: done.started.elapsed(),
        written: done.files,
        incremental,
        timings,
    }
}

// `options` for a clean build.
fn clean(options: &BuildOptions) -> BuildOptions {
    BuildOptions {
        clean: true,
        ..options.clone()
    }
}

// With `--strict`, every warning fails the build as an error, before anything is written.
fn strict(config: &Config, warnings: &[Warning]) -> Result<(), BuildFailure> {
    if !config.strict || warnings.is_empty() {
        return Ok(());
    }
    let errors = warnings
        .iter()
        .map(|w| Error::content(&w.path, w.location, w.message.clone()))
        .collect();
    Err(failure(errors, &[]))
}

fn failure(mut errors: Vec<Error>, warnings: &[Warning]) -> BuildFailure {
    crate::error::sort_errors(&mut errors);
    let mut warnings = warnings.to_vec();
    warnings.sort();
    BuildFailure { errors, warnings }
}
