//! The build with nothing to do: every input as the last build read it, and its output
//! untouched since, so the output is already what a build would write.
//!
//! The last build's output record keeps a fingerprint of its inputs: the configuration,
//! every source file by its stamp (see [`crate::load::Stamp`]), every template's text and
//! every static file's hash. A build that finds the same fingerprint, and proves by the
//! output folders' stamps that nobody touched the output (see [`crate::write`]), stops
//! there, skipping the article cache, the model and the page hashes, and repeats the last
//! build's report, its warnings included (the same inputs warn alike). Builds whose output
//! depends on more than these inputs never record a fingerprint: those with a source not
//! yet settled (stamped), those whose scan of `content/` warned (an unreadable folder hides
//! inputs), and those with an article scheduled for later (the clock changes their output).

use std::hash::Hasher;
use std::time::Instant;

use super::previous::Previous;
use super::timings::Timings;
use super::{BuildReport, assets};
use crate::cache;
use crate::hash::Hash64;
use crate::load;
use crate::render::templates::{self, TemplateSource};

/// The sources' part of the fingerprint: the configuration hash `global` and every source
/// file by path, format and stamp. `None` when a source has no settled stamp or the scan
/// warned.
pub(crate) fn sources_fingerprint(global: u64, scanned: &load::Scanned) -> Option<u64> {
    // Files of `content/` published beside articles are not fingerprinted: a site with
    // any is built each time (issue 17).
    if !scanned.warnings.is_empty() || !scanned.assets.is_empty() {
        return None;
    }
    let mut h = Hash64::default();
    h.num(global).num(scanned.entries.len() as u64);
    for entry in &scanned.entries {
        let stamp = entry.stamp?;
        h.str(&entry.path.to_string_lossy())
            .num(entry.format as u64)
            .num(stamp.len)
            .num(stamp.dev)
            .num(stamp.ino)
            .num(stamp.mtime_ns.cast_unsigned())
            .num(stamp.ctime_ns.cast_unsigned());
    }
    Some(h.finish())
}

/// The whole fingerprint: `sources` (see [`sources_fingerprint`]), the templates' texts and
/// the static files' hashes.
pub(crate) fn fingerprint<'a>(
    sources: u64,
    templates: &[TemplateSource],
    assets: impl IntoIterator<Item = (&'a str, u64)>,
) -> u64 {
    let mut h = Hash64::default();
    h.num(sources).num(templates.len() as u64);
    for t in templates {
        h.str(&t.name).str(&t.text);
    }
    for (path, hash) in assets {
        h.str(path).num(hash);
    }
    h.finish()
}

/// Finishes the build here if nothing changed since the last one (see the module docs), with
/// the report the last build gave; `None` if there is anything to do or anything to check,
/// which the full build then does. `previous` is the last build's output, already checked.
pub(crate) fn build(
    config: &crate::config::Config,
    global: u64,
    scanned: &load::Scanned,
    previous: &Previous,
    started: Instant,
    timings: &Timings,
) -> Option<BuildReport> {
    let sources = sources_fingerprint(global, scanned)?;
    let record = &previous.record;
    // The cheap checks first: a build that has work to do goes on having spent little here.
    let inputs = record.inputs.as_ref()?;
    // A foreign or missing file is left to the full build to report.
    let checked = previous.checked.as_ref().ok()?;
    let templates = templates::sources(&config.root, &config.theme).ok()?;
    let assets = assets::collect(&config.root, &config.theme, config.search, |_| false).ok()?;
    let asset_hashes: Vec<u64> = assets.iter().map(super::plan::asset_hash).collect();
    let now = fingerprint(
        sources,
        &templates,
        assets.iter().map(|a| a.path.as_str()).zip(asset_hashes),
    );
    if now != inputs.fingerprint {
        return None;
    }
    // The check restamped folders it had to read: keep their stamps for next time.
    if checked.stamps() != record.stamps.as_ref() {
        let files: Vec<(&str, u64)> = record.files.iter().collect();
        cache::write_output(
            &config.root,
            global,
            &record.output,
            record.manifest,
            checked.stamps(),
            Some(inputs.clone()),
            &files,
        );
    }
    let mut timings = timings.clone();
    timings.lap("nothing changed: inputs checked");
    Some(BuildReport {
        articles: inputs.articles as usize,
        pages: record
            .files
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .count(),
        files: record.files.len(),
        skipped: inputs.skipped as usize,
        warnings: inputs.warnings.clone(),
        elapsed: started.elapsed(),
        written: 0,
        incremental: true,
        timings,
    })
}
