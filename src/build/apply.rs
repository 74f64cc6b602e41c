//! The last stages of a build, render and write, in the two ways the orchestrator runs them:
//! the changed pages rendered and written into the previous output in place, or every page
//! rendered straight into a fresh staging folder that replaces the output.

use rayon::prelude::*;

use super::plan::Assets;
use super::timings::Timings;
use crate::cache;
use crate::config::Config;
use crate::error::Error;
use crate::model::{Page, Site};
use crate::render::Renderer;
use crate::write;

/// What a build renders and writes.
pub(super) struct Job<'a> {
    pub config: &'a Config,
    /// Counters of pages written, for a progress line.
    pub progress: Option<&'a crate::progress::Progress>,
    pub site: &'a Site,
    pub renderer: &'a Renderer<'a>,
    /// Every output file with its hash, sorted by path.
    pub outputs: &'a [(&'a str, u64)],
    pub assets: &'a Assets,
    /// Every output path, one a line.
    pub manifest: &'a str,
}

/// How the output is written.
pub(super) enum Mode<'a> {
    /// Into the previous output, in place.
    Update {
        /// The previous output, checked.
        checked: write::CheckedOutput,
        /// The output paths to write again.
        changed: &'a rustc_hash::FxHashSet<&'a str>,
        /// The previous build's files no longer made.
        removed: &'a [&'a str],
        /// The pages among `changed`.
        pages: Vec<&'a Page>,
    },
    /// Into a fresh staging folder swapped in for the output. The folder stamps of the
    /// previous build (even of another configuration), if trusted, spare reading the whole
    /// output to prove it holds no foreign file.
    Fresh(Option<write::Stamps>),
}

impl<'a> Mode<'a> {
    /// An update in place when there is a previous output (`checked`, failing when it holds
    /// foreign files) and its `changes` (paths to write again, paths removed); else a fresh
    /// folder, with the folder stamps that `stamps` finds. `pages` are the pages to render.
    pub(super) fn choose(
        checked: Option<Result<write::CheckedOutput, Error>>,
        changes: Option<&'a (rustc_hash::FxHashSet<&'a str>, Vec<&'a str>)>,
        pages: Vec<&'a Page>,
        stamps: impl FnOnce() -> Option<write::Stamps>,
    ) -> Result<Mode<'a>, Error> {
        Ok(match (checked, changes) {
            (Some(checked), Some((changed, removed))) => Mode::Update {
                checked: checked?,
                changed,
                removed,
                pages,
            },
            _ => Mode::Fresh(stamps()),
        })
    }
}

/// What writing did: files written, the output's folder stamps, and why the output was
/// written in place if a fresh build could not swap it.
pub(super) type Wrote = (usize, write::Stamps, Option<write::InPlace>);

/// Renders and writes `job` as `mode` says, while `save_cache` runs beside it.
pub(super) fn run(
    job: &Job<'_>,
    mode: Mode<'_>,
    save_cache: &(dyn Fn(&Site) + Sync),
    timings: &mut Timings,
) -> Result<Wrote, Vec<Error>> {
    match mode {
        Mode::Update {
            checked,
            changed,
            removed,
            pages,
        } => std::thread::scope(|scope| {
            // Saving the articles only reads the site: on a thread of its own while the
            // changed pages are rendered and written, which leave a core idle.
            scope.spawn(|| save_cache(job.site));
            let mut files = job.renderer.render_pages(job.site, &pages)?;
            let assets = job.assets.files.iter();
            files.extend(
                assets
                    .filter(|a| changed.contains(a.path.as_str()))
                    .cloned(),
            );
            timings.lap("render");
            // The output record doubles as the journal: gone while the folder is changed.
            cache::forget_output(&job.config.root);
            let output = &job.config.output;
            let stamps = write::apply_changes(output, checked, &files, removed, job.manifest)
                .map_err(|e| vec![e])?;
            timings.lap("write");
            Ok((files.len(), stamps, None))
        }),
        Mode::Fresh(stamps) => {
            let paths: Vec<&str> = job.outputs.iter().map(|(path, _)| *path).collect();
            cache::forget_output(&job.config.root);
            let (site, renderer) = (job.site, job.renderer);
            let keep = &job.config.keep;
            let ((), written) = rayon::join(
                || save_cache(site),
                || {
                    let output = &job.config.output;
                    write::write_site_with(output, &paths, job.manifest, stamps, keep, |staging| {
                        renderer.render_each(site, &site.pages, |file| {
                            write::write_file(staging, &file)?;
                            if let Some(progress) = job.progress {
                                progress.pages(1);
                            }
                            Ok(())
                        })?;
                        let assets = job.assets.files.par_iter();
                        assets
                            .try_for_each(|file| write::write_file(staging, file))
                            .map_err(|e| vec![e])
                    })
                },
            );
            let written = written?;
            timings.lap("render and write, save cache");
            Ok((job.outputs.len(), written.stamps, written.in_place))
        }
    }
}
