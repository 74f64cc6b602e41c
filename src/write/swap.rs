//! The fresh output folder put in place, for stage 5, write: the staging folder swaps with
//! the output (atomically where the system can), the names the build does not own (kept
//! names, the user's empty folders) carried over first; and the folders of builds killed
//! half-way, put back or removed by the next build.

use std::path::Path;

use rayon::prelude::*;

use super::{MANIFEST, fault, journal};
use crate::error::Error;

pub(super) const STAGING_MARK: &str = ".arsip-staging-";
const RETIRED_MARK: &str = ".arsip-retired-";
const CARRIED_MARK: &str = ".arsip-carried-";

/// What went wrong in a swap: a failure to report, or a file system that cannot rename the
/// output (a mount point: `EBUSY`, `EXDEV`), so the output is to be updated in place.
pub(super) enum SwapError {
    Failed(Error),
    CannotRename,
}

/// Puts `staging` (same parent as `output`, named after `name`) in place of `output`.
pub(super) fn swap_in(
    staging: &Path,
    output: &Path,
    parent: &Path,
    name: &str,
) -> Result<(), SwapError> {
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(|e| {
            SwapError::Failed(Error::io(
                output,
                "cannot move the new output into place",
                e,
            ))
        });
    }
    fault::step();
    match crate::sys::exchange(staging, output) {
        Ok(()) => {
            fault::step();
            // `staging` now holds the previous site; a kill here leaves it for the next
            // build to remove.
            remove_tree(staging);
            return Ok(());
        }
        Err(e) if crate::sys::exchange_unsupported(&e) => {}
        Err(e) if cannot_rename(&e) => return Err(SwapError::CannotRename),
        Err(e) => {
            return Err(SwapError::Failed(Error::io(
                output,
                "cannot swap the new output into place",
                e,
            )));
        }
    }
    // Fallback: two renames, with a moment in which `output` is missing. A build killed in
    // that moment leaves the previous site in the retired folder; `remove_leftovers` puts it
    // back.
    let retired = parent.join(format!(".{name}{RETIRED_MARK}{}", std::process::id()));
    std::fs::rename(output, &retired).map_err(|e| {
        if cannot_rename(&e) {
            SwapError::CannotRename
        } else {
            SwapError::Failed(Error::io(
                output,
                "cannot move the previous output aside",
                e,
            ))
        }
    })?;
    fault::step();
    if let Err(e) = std::fs::rename(staging, output) {
        // Put the previous site back so the reader never sees a missing folder.
        let _ = std::fs::rename(&retired, output);
        return Err(SwapError::Failed(Error::io(
            output,
            "cannot move the new output into place",
            e,
        )));
    }
    fault::step();
    remove_tree(&retired);
    Ok(())
}

// A folder the system will not rename: a mount point (`EBUSY`), or one on another device.
fn cannot_rename(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::ResourceBusy | std::io::ErrorKind::CrossesDevices
    )
}

/// Moves into `staging` the top-level entries of `output` that the build does not own: the
/// `keep` names and folders holding no file of `old_manifest` (the check proved them free of
/// foreign files: the user's empty folders such as `.well-known/acme-challenge/`), unless
/// the new site (`paths`) makes that name itself. Their names are listed beside the staging
/// folder first, so that a build killed before the swap puts them back.
pub(super) fn carry_over(
    output: &Path,
    staging: &Path,
    old_manifest: &str,
    paths: &[&str],
    keep: &[String],
) -> Result<(), Error> {
    let Ok(entries) = std::fs::read_dir(output) else {
        return Ok(());
    };
    let top = |path: &str| path.split('/').next().unwrap_or(path).to_string();
    let owned: std::collections::HashSet<String> = old_manifest
        .lines()
        .map(top)
        .chain(paths.iter().map(|p| top(p)))
        .collect();
    let mut names: Vec<String> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if name == MANIFEST || owned.contains(&name) || name.starts_with(STAGING_MARK) {
            continue;
        }
        if keep.contains(&name) || is_dir {
            names.push(name);
        }
    }
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let list = carried_list(staging);
    fault::step();
    std::fs::write(&list, names.join("\n"))
        .map_err(|e| Error::io(&list, "cannot write the list of kept names", e))?;
    for name in &names {
        fault::step();
        std::fs::rename(output.join(name), staging.join(name))
            .map_err(|e| Error::io(output.join(name), "cannot carry a kept name over", e))?;
    }
    Ok(())
}

// Beside the staging folder, named after it.
fn carried_list(staging: &Path) -> std::path::PathBuf {
    let name = staging.file_name().unwrap_or_default().to_string_lossy();
    staging.with_file_name(name.replacen(STAGING_MARK, CARRIED_MARK, 1))
}

/// Removes a folder, its top entries in parallel (deleting a large site one entry at a time
/// sat on a clean rebuild's critical path). Best effort: what is left is removed by the next
/// build.
pub(super) fn remove_tree(path: &Path) {
    if let Ok(listing) = std::fs::read_dir(path) {
        let entries: Vec<std::fs::DirEntry> = listing.flatten().collect();
        entries.par_iter().for_each(|entry| {
            // The entry's own type: a link is removed, never followed.
            let _ = match entry.file_type() {
                Ok(kind) if kind.is_dir() => std::fs::remove_dir_all(entry.path()),
                _ => std::fs::remove_file(entry.path()),
            };
        });
    }
    let _ = std::fs::remove_dir_all(path);
}

/// Staging and retired folders of builds that were killed half-way, beside the output and
/// inside it (an output updated in place). A retired folder is the previous site: when the
/// output is missing (a kill between the fallback's two renames), it is put back rather than
/// deleted; names carried into a staging folder go back; a staging folder with a journal is
/// an update to undo. Folders of builds still running are left alone.
pub(super) fn remove_leftovers(output: &Path, parent: &Path, name: &str) {
    let staging = format!(".{name}{STAGING_MARK}");
    let retired = format!(".{name}{RETIRED_MARK}");
    for file_name in dead_entries(parent, &[&retired, &staging]) {
        let path = parent.join(&file_name);
        if file_name.starts_with(&retired) {
            if output.exists() {
                let _ = std::fs::remove_dir_all(&path);
            } else {
                let _ = std::fs::rename(&path, output);
            }
        } else {
            put_carried_back(output, &path);
            journal::roll_back(output, &path);
        }
    }
    // Carried lists whose staging folder is gone: the swap happened.
    for file_name in dead_entries(parent, &[&format!(".{name}{CARRIED_MARK}")]) {
        let _ = std::fs::remove_file(parent.join(file_name));
    }
    // Inside an output updated in place.
    for file_name in dead_entries(output, &[STAGING_MARK]) {
        journal::roll_back(output, &output.join(file_name));
    }
}

// Entries of `dir` named a prefix of `marks` and then the id of a process no longer alive,
// sorted (so retired folders come before staging ones).
fn dead_entries(dir: &Path, marks: &[&str]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            marks.iter().any(|mark| {
                n.strip_prefix(mark)
                    .is_some_and(|pid| !pid.parse::<u32>().is_ok_and(crate::sys::process_alive))
            })
        })
        .collect();
    names.sort();
    names
}

// The names a killed build carried from `output` into `staging`, put back where the output
// lacks them (before the swap; after it, the new output holds them already).
pub(super) fn put_carried_back(output: &Path, staging: &Path) {
    let list = carried_list(staging);
    let Ok(names) = std::fs::read_to_string(&list) else {
        return;
    };
    for name in names.lines() {
        let (from, to) = (staging.join(name), output.join(name));
        if std::fs::symlink_metadata(&from).is_ok() && std::fs::symlink_metadata(&to).is_err() {
            let _ = std::fs::rename(from, to);
        }
    }
    let _ = std::fs::remove_file(list);
}
