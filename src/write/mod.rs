//! Stage 5, write: put the rendered files in the output folder, all or nothing. A clean build
//! fills a staging folder beside the output and swaps it in at the end; an update applies its
//! changes through a journal that the next build rolls back if this one was killed (`journal`).
//! A manifest (`.arsip-manifest`) lists the files arsip made: a folder holding others is never
//! replaced, and folder stamps (`stamps`) spare reading every folder to prove that.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;
use crate::render::{Contents, OutputFile};

mod fault;
mod in_place;
mod journal;
mod place;
mod scan;
#[cfg(test)]
mod stamp_tests;
mod stamps;
mod swap;
#[cfg(test)]
mod tests;

pub use fault::CRASHED;
pub use in_place::InPlace;
pub use place::check_place;
pub use stamps::{DirStamp, Stamps};

/// The list of files arsip wrote, kept in the output folder.
pub const MANIFEST: &str = ".arsip-manifest";

/// What writing a fresh output did, beside its folder stamps.
#[derive(Debug)]
pub struct Written {
    /// The stamps of the new output's folders, for the next build.
    pub stamps: Stamps,
    /// Why the output was updated in place rather than swapped, if it was.
    pub in_place: Option<InPlace>,
}

/// Makes a fresh output folder: creates a staging folder with every folder `paths` need,
/// lets `fill` write the files into it (see [`write_file`]), adds `manifest`, and puts it in
/// place: swapped in for `output`, carrying over the names the build does not own (`keep`,
/// the user's empty folders), or, for an output that is a link or a mount point, moved into
/// it through the journal (see `in_place`). This lets a build render and write page by page
/// without holding the site in memory. `stamps` (of the build that made the present
/// `output`, if known) spare reading its unchanged folders when checking it for foreign files.
///
/// Fails, leaving `output` untouched, when `output` holds files that no arsip build made, when
/// a folder or file cannot be written, or with the errors of `fill`.
pub fn write_site_with<F>(
    output: &Path,
    paths: &[&str],
    manifest: &str,
    stamps: Option<Stamps>,
    keep: &[String],
    fill: F,
) -> Result<Written, Vec<Error>>
where
    F: FnOnce(&Path) -> Result<(), Vec<Error>>,
{
    let parent = parent_of(output);
    let name = output_name(output);
    // A killed build is undone before anything looks at the output.
    swap::remove_leftovers(output, &parent, &name);
    check_no_foreign_files(output, stamps, keep).map_err(|e| vec![e])?;
    if let Some(why) = in_place::in_place(output) {
        let staging = in_place::inner_staging(output);
        let stamps = write_in_place(output, &staging, paths, manifest, |tree| fill(tree))?;
        return Ok(Written {
            stamps,
            in_place: Some(why),
        });
    }
    std::fs::create_dir_all(&parent).map_err(|e| {
        vec![Error::io(
            output,
            "cannot create the output's parent folder",
            e,
        )]
    })?;
    let staging = parent.join(format!(
        ".{name}{}{}",
        swap::STAGING_MARK,
        std::process::id()
    ));
    remove_stale(&staging).map_err(|e| vec![e])?;
    let old_manifest = std::fs::read_to_string(output.join(MANIFEST)).unwrap_or_default();
    let mut now = None;
    let result = make_dirs(&staging, paths)
        .map_err(|e| vec![cannot_stage(output, e)])
        .and_then(|()| fill(&staging))
        .and_then(|()| {
            now = write_manifest(&staging, manifest)?;
            swap::carry_over(output, &staging, &old_manifest, paths, keep).map_err(|e| vec![e])
        });
    let swapped = result.and_then(|()| match swap::swap_in(&staging, output, &parent, &name) {
        Ok(()) => Ok(None),
        Err(swap::SwapError::CannotRename) => {
            // A mount point the check above did not see (a bind mount): updated in place.
            swap::put_carried_back(output, &staging);
            let inner = in_place::inner_staging(output);
            in_place::copy_staged(&staging, &inner, paths)
                .and_then(|()| in_place::merge(output, &inner, paths))
                .map(|()| Some(InPlace::MountPoint))
                .map_err(|e| {
                    let _ = std::fs::remove_dir_all(&inner);
                    vec![e]
                })
        }
        Err(swap::SwapError::Failed(e)) => Err(vec![e]),
    });
    // The kept names go back to the output where the swap did not happen; then the staging
    // folder (best effort: one left behind is removed by the next build anyway).
    swap::put_carried_back(output, &staging);
    if swapped.is_err() || matches!(swapped, Ok(Some(_))) {
        swap::remove_tree(&staging);
    }
    swapped.map(|in_place| Written {
        stamps: stamps::record(output, manifest, now),
        in_place,
    })
}

// Writes the whole site into `output` in place: staged by paths in `staging` (inside the
// output), moved in through the journal.
fn write_in_place(
    output: &Path,
    staging: &Path,
    paths: &[&str],
    manifest: &str,
    fill: impl FnOnce(&Path) -> Result<(), Vec<Error>>,
) -> Result<Stamps, Vec<Error>> {
    remove_stale(staging).map_err(|e| vec![e])?;
    let tree = in_place::new_tree(staging);
    let mut now = None;
    let result = make_dirs(&tree, paths)
        .map_err(|e| vec![cannot_stage(output, e)])
        .and_then(|()| fill(&tree))
        .and_then(|()| {
            now = write_manifest(&tree, manifest)?;
            in_place::merge(output, staging, paths).map_err(|e| vec![e])
        });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(staging);
    }
    result.map(|()| stamps::record(output, manifest, now))
}

// The manifest, the last file written before the new site is put in place: until then the
// folders were this build's alone, and their stamps prove what they hold only if they
// changed clearly before this moment. Folders written in the build's last moments are
// recorded unproven, and read by the next build. Returns that moment.
fn write_manifest(dir: &Path, manifest: &str) -> Result<Option<stamps::Now>, Vec<Error>> {
    let path = dir.join(MANIFEST);
    fault::step();
    std::fs::write(&path, manifest)
        .map_err(|e| vec![Error::io(MANIFEST, "cannot write the manifest", e)])?;
    Ok(std::fs::metadata(&path)
        .ok()
        .and_then(|m| stamps::Now::of(&m)))
}

// A staging folder of a dead build that happened to have our process id must not leak its
// files into this build's output.
fn remove_stale(staging: &Path) -> Result<(), Error> {
    if std::fs::symlink_metadata(staging).is_ok() {
        std::fs::remove_dir_all(staging)
            .map_err(|e| Error::io(staging, "cannot remove a stale staging folder", e))?;
    }
    Ok(())
}

// A staging folder that cannot be made is the output's problem (read-only, full): the error
// names the output folder, which the user knows, with the cause.
fn cannot_stage(output: &Path, error: Error) -> Error {
    match error {
        Error::Io { source, .. } => Error::io(
            output,
            "cannot write the output folder (it or the folder holding it is not writable)",
            source,
        ),
        other => other,
    }
}

/// Writes one file under `dir`, whose folder must exist.
pub fn write_file(dir: &Path, file: &OutputFile) -> Result<(), Error> {
    let target = dir.join(&file.path);
    fault::step();
    match &file.contents {
        Contents::Text(text) => {
            std::fs::write(&target, text).map_err(|e| Error::io(&file.path, "cannot write file", e))
        }
        Contents::Copy(from) => std::fs::copy(from, &target)
            .map(|_| ())
            .map_err(|e| Error::io(from, "cannot copy static file", e)),
    }
}

/// Updates `output` for an incremental build: writes `files` (new or changed), drops
/// `removed` (files of the previous build the new one does not make), and writes `manifest`.
/// `stamps`, those returned by the build that made `output`, spare reading its unchanged
/// folders when checking it. [`check_output`] and [`apply_changes`] in turn.
///
/// Returns the stamps of the updated output's folders, for the next build.
#[cfg(test)]
pub(crate) fn write_changes(
    output: &Path,
    files: &[OutputFile],
    removed: &[&str],
    manifest: &str,
    stamps: Option<Stamps>,
) -> Result<Stamps, Error> {
    let checked = check_output(output, stamps, &[])?;
    apply_changes(output, checked, files, removed, manifest)
}

/// The output folder of the previous build, checked and ready to be updated in place.
#[derive(Debug)]
pub struct CheckedOutput {
    staging: PathBuf,
    /// The stamps of its folders as the check left them.
    stamps: Option<Stamps>,
}

impl CheckedOutput {
    /// The stamps of its folders as the check left them.
    pub fn stamps(&self) -> Option<&Stamps> {
        self.stamps.as_ref()
    }
}

/// The first half of an incremental update: rolls back a killed build's journal, then proves
/// that `output` holds exactly the files of its manifest (see `scan`), using `stamps` from the
/// build that made it. Past the rollback it only reads, so it may run while the build does
/// other work; nothing but this build may change `output` until [`apply_changes`].
///
/// Fails like [`write_site_with`], and when a file of the previous build is missing from
/// `output`.
pub fn check_output(
    output: &Path,
    stamps: Option<Stamps>,
    keep: &[String],
) -> Result<CheckedOutput, Error> {
    let parent = parent_of(output);
    let name = output_name(output);
    swap::remove_leftovers(output, &parent, &name);
    // An output that cannot be swapped is staged inside, on its own file system.
    let staging = match in_place::in_place(output) {
        Some(_) => in_place::inner_staging(output),
        None => parent.join(format!(
            ".{name}{}{}",
            swap::STAGING_MARK,
            std::process::id()
        )),
    };
    remove_stale(&staging)?;
    // The staging path doubles as the probe of the file system's clock.
    let scan = scan::scan_output(output, stamps, Some(&staging), keep)?;
    if let Some(first) = scan.missing.first() {
        return Err(Error::io(
            output.join(first),
            "a file of the previous build is missing from the output; run `arsip build --clean`",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    Ok(CheckedOutput {
        staging,
        stamps: scan.stamps,
    })
}

/// The second half of an incremental update, on the output `checked` describes: writes
/// `files`, drops `removed`, and writes `manifest`.
///
/// Like a clean build, it is all or nothing: the changes go through a journaled update (see
/// `journal`) that touches only the changed files, and a failed or killed build leaves
/// `output` as it was (a killed one is rolled back by the next build). When nothing changed,
/// nothing is written.
///
/// Returns the stamps of the updated output's folders, for the next build.
pub fn apply_changes(
    output: &Path,
    checked: CheckedOutput,
    files: &[OutputFile],
    removed: &[&str],
    manifest: &str,
) -> Result<Stamps, Error> {
    let CheckedOutput { staging, stamps } = checked;
    let manifest_path = output.join(MANIFEST);
    let manifest_changed =
        std::fs::read_to_string(&manifest_path).ok().as_deref() != Some(manifest);
    if files.is_empty() && removed.is_empty() && !manifest_changed {
        return Ok(stamps.unwrap_or_else(|| Stamps::unproven(manifest)));
    }
    let paths = files.iter().map(|f| f.path.as_str());
    let after = stamps::after_update(stamps, paths.chain(removed.iter().copied()), manifest);
    let mut all: Vec<OutputFile> = files.to_vec();
    if manifest_changed {
        all.push(OutputFile {
            path: MANIFEST.to_string(),
            contents: Contents::Text(manifest.as_bytes().to_vec()),
        });
    }
    let result = journal::apply(output, &staging, &all, removed);
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result.map(|()| after)
}

fn output_name(output: &Path) -> String {
    output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

fn parent_of(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

// One mkdir per folder, level by level (parents before children), each level in parallel.
// Folder names are kept as strings: ordering `PathBuf`s component-wise was measurable.
pub(super) fn make_dirs(staging: &Path, paths: &[&str]) -> Result<(), Error> {
    std::fs::create_dir_all(staging).map_err(|e| Error::io(staging, "cannot create folder", e))?;
    let mut levels: Vec<BTreeSet<&str>> = Vec::new();
    for path in paths {
        let mut dir = path.rsplit_once('/').map(|(d, _)| d);
        while let Some(d) = dir {
            let depth = d.matches('/').count();
            if levels.len() <= depth {
                levels.resize_with(depth + 1, BTreeSet::new);
            }
            if !levels[depth].insert(d) {
                break;
            }
            dir = d.rsplit_once('/').map(|(p, _)| p);
        }
    }
    for level in &levels {
        level.par_iter().try_for_each(|dir| {
            let dir = staging.join(dir);
            match std::fs::create_dir(&dir) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
                Err(_) => std::fs::create_dir_all(&dir)
                    .map_err(|e| Error::io(&dir, "cannot create folder", e)),
            }
        })?;
    }
    Ok(())
}

/// Puts the output folder back as the last finished build left it: rolls back an update that
/// a killed build left half-done (its journal), puts back a previous site left aside, and
/// removes the staging folders of dead builds. Every build calls it first, so a build that
/// then fails still leaves exactly the last good site (issue 21).
pub fn recover(output: &Path) {
    swap::remove_leftovers(output, &parent_of(output), &output_name(output));
}

/// Fails when `output` exists and holds files not listed in its manifest (or has no manifest
/// and is not empty): those files are the user's, and a build would delete them. `stamps`, the
/// folder stamps of the build that made `output`, spare reading the folders they prove
/// unchanged.
pub fn check_no_foreign_files(
    output: &Path,
    stamps: Option<Stamps>,
    keep: &[String],
) -> Result<(), Error> {
    scan::scan_output(output, stamps, None, keep).map(|_| ())
}
