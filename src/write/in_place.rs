//! Outputs that cannot be swapped, for stage 5, write: a `public` that is a symbolic link to
//! a web root (the link stays, its target is updated) or a mount point (which the system will
//! not rename). Their new files are staged inside the output folder itself, on its file
//! system, and moved into place through the journal, so a failed or killed build still
//! leaves the previous site; the names the build does not own are never touched.

use std::path::{Path, PathBuf};

use super::swap::STAGING_MARK;
use super::{MANIFEST, fault, journal};
use crate::error::Error;

/// Why an output is updated in place rather than swapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InPlace {
    /// The output is a symbolic link: the link is kept and its target updated.
    Link,
    /// The output is a mount point (or on another device than its parent): it cannot be
    /// renamed.
    MountPoint,
}

/// How `output` is replaced: `None` for a swap beside it, or why it is updated in place.
pub fn in_place(output: &Path) -> Option<InPlace> {
    let meta = std::fs::symlink_metadata(output).ok()?;
    if meta.file_type().is_symlink() {
        return Some(InPlace::Link);
    }
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty());
    let parent = std::fs::metadata(parent.unwrap_or(Path::new("."))).ok()?;
    let dev = |m: &std::fs::Metadata| crate::sys::Stamp::of(m).map(|s| s.dev);
    match (dev(&meta), dev(&parent)) {
        (Some(a), Some(b)) if meta.is_dir() && a != b => Some(InPlace::MountPoint),
        _ => None,
    }
}

/// The staging folder of this build inside `output`.
pub(super) fn inner_staging(output: &Path) -> PathBuf {
    output.join(format!("{STAGING_MARK}{}", std::process::id()))
}

/// The folder, inside `staging`, where the new files are written by their output paths.
pub(super) fn new_tree(staging: &Path) -> PathBuf {
    staging.join(journal::NEW)
}

/// Moves the new site staged under [`new_tree`] of `staging` (every file of `paths`, and the
/// manifest) into `output` through the journal, and removes the previous build's files that
/// the new `paths` do not hold. Folders and files the build does not own stay as they are.
pub(super) fn merge(output: &Path, staging: &Path, paths: &[&str]) -> Result<(), Error> {
    let old = std::fs::read_to_string(output.join(MANIFEST)).unwrap_or_default();
    let new: std::collections::HashSet<&str> = paths.iter().copied().collect();
    let removed: Vec<&str> = old.lines().filter(|p| !new.contains(p)).collect();
    let mut all: Vec<&str> = paths.to_vec();
    all.push(MANIFEST);
    journal::apply_staged(output, staging, &all, &removed)
}

/// Copies the staged files `paths` (and the manifest) from `from` into the [`new_tree`] of
/// `staging`: for a mount point found only when its swap failed, whose files were staged
/// beside it, on another file system.
pub(super) fn copy_staged(from: &Path, staging: &Path, paths: &[&str]) -> Result<(), Error> {
    let to = new_tree(staging);
    super::make_dirs(&to, paths)?;
    for path in paths.iter().copied().chain([MANIFEST]) {
        fault::step();
        std::fs::copy(from.join(path), to.join(path))
            .map_err(|e| Error::io(to.join(path), "cannot stage a file in the output", e))?;
    }
    Ok(())
}
