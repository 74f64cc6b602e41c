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

mod journal;
mod scan;
#[cfg(test)]
mod stamp_tests;
mod stamps;

pub use stamps::{DirStamp, Stamps};

/// The list of files arsip wrote, kept in the output folder.
pub const MANIFEST: &str = ".arsip-manifest";

const STAGING_MARK: &str = ".arsip-staging-";
const RETIRED_MARK: &str = ".arsip-retired-";

/// Makes a fresh output folder: creates a staging folder beside `output` with every folder
/// `paths` need, lets `fill` write the files into it (see [`write_file`]), adds `manifest`,
/// and swaps it in. This lets a build render and write page by page without holding the
/// site in memory. `stamps` (of the build that made the present `output`, if known) spare
/// reading its unchanged folders when checking it for foreign files.
///
/// Returns the stamps of the new output's folders, for the next build.
///
/// Fails, leaving `output` untouched, when `output` holds files that no arsip build made, when
/// a folder or file cannot be written, or with the errors of `fill`.
pub fn write_site_with<F>(
    output: &Path,
    paths: &[&str],
    manifest: &str,
    stamps: Option<Stamps>,
    fill: F,
) -> Result<Stamps, Vec<Error>>
where
    F: FnOnce(&Path) -> Result<(), Vec<Error>>,
{
    let parent = parent_of(output);
    let name = output_name(output);
    // A killed incremental build is rolled back before anything looks at the output.
    remove_leftovers(output, &parent, &name);
    check_no_foreign_files(output, stamps).map_err(|e| vec![e])?;
    std::fs::create_dir_all(&parent).map_err(|e| {
        vec![Error::io(
            &parent,
            "cannot create the output's parent folder",
            e,
        )]
    })?;
    let staging = parent.join(format!(".{name}{STAGING_MARK}{}", std::process::id()));
    // A staging folder of a dead build that happened to have our process id must not
    // leak its files into this build's output.
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| {
            vec![Error::io(
                &staging,
                "cannot remove a stale staging folder",
                e,
            )]
        })?;
    }
    let mut now = None;
    let result = make_dirs(&staging, paths)
        .map_err(|e| vec![e])
        .and_then(|()| fill(&staging))
        .and_then(|()| {
            let path = staging.join(MANIFEST);
            std::fs::write(&path, manifest)
                .map_err(|e| vec![Error::io(MANIFEST, "cannot write the manifest", e)])?;
            // The manifest is the last file written, just before the swap: until then the
            // folders were this build's alone, and their stamps prove what they hold only if
            // they changed clearly before this moment. Folders written in the build's last
            // moments are recorded unproven, and read by the next build.
            now = std::fs::metadata(&path)
                .ok()
                .and_then(|m| stamps::Now::of(&m));
            Ok(())
        })
        .and_then(|()| swap_in(&staging, output, &parent, &name).map_err(|e| vec![e]));
    if result.is_err() {
        // Best effort: a staging folder left behind is removed by the next build anyway.
        let _ = std::fs::remove_dir_all(&staging);
    }
    result.map(|()| stamps::record(output, manifest, now))
}

/// Writes one file under `dir`, whose folder must exist.
pub fn write_file(dir: &Path, file: &OutputFile) -> Result<(), Error> {
    let target = dir.join(&file.path);
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
    let checked = check_output(output, stamps)?;
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
pub fn check_output(output: &Path, stamps: Option<Stamps>) -> Result<CheckedOutput, Error> {
    let parent = parent_of(output);
    let name = output_name(output);
    remove_leftovers(output, &parent, &name);
    let staging = parent.join(format!(".{name}{STAGING_MARK}{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .map_err(|e| Error::io(&staging, "cannot remove a stale staging folder", e))?;
    }
    // The staging path doubles as the probe of the file system's clock.
    let scan = scan::scan_output(output, stamps, Some(&staging))?;
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
fn make_dirs(staging: &Path, paths: &[&str]) -> Result<(), Error> {
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

fn swap_in(staging: &Path, output: &Path, parent: &Path, name: &str) -> Result<(), Error> {
    if !output.exists() {
        return std::fs::rename(staging, output)
            .map_err(|e| Error::io(output, "cannot move the new output into place", e));
    }
    match crate::sys::exchange(staging, output) {
        Ok(()) => {
            // `staging` now holds the previous site; a kill here leaves it for the next
            // build to remove.
            remove_tree(staging);
            return Ok(());
        }
        Err(e) if crate::sys::exchange_unsupported(&e) => {}
        Err(e) => {
            return Err(Error::io(
                output,
                "cannot swap the new output into place",
                e,
            ));
        }
    }
    // Fallback: two renames, with a moment in which `output` is missing. A build killed in
    // that moment leaves the previous site in the retired folder; `remove_leftovers` puts it
    // back.
    let retired = parent.join(format!(".{name}{RETIRED_MARK}{}", std::process::id()));
    std::fs::rename(output, &retired)
        .map_err(|e| Error::io(output, "cannot move the previous output aside", e))?;
    if let Err(e) = std::fs::rename(staging, output) {
        // Put the previous site back so the reader never sees a missing folder.
        let _ = std::fs::rename(&retired, output);
        return Err(Error::io(
            output,
            "cannot move the new output into place",
            e,
        ));
    }
    remove_tree(&retired);
    Ok(())
}

// Removes the previous site, its top entries in parallel (deleting a large site one entry at
// a time sat on a clean rebuild's critical path). Best effort: what is left is removed by the
// next build.
fn remove_tree(path: &Path) {
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

// Staging and retired folders of builds that were killed half-way. A retired folder is the
// previous site: when the output is missing (a kill between the fallback's two renames), it
// is put back rather than deleted. Folders of builds still running are left alone.
fn remove_leftovers(output: &Path, parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let staging = format!(".{name}{STAGING_MARK}");
    let retired = format!(".{name}{RETIRED_MARK}");
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for file_name in names {
        let pid = match file_name
            .strip_prefix(&staging)
            .or_else(|| file_name.strip_prefix(&retired))
        {
            Some(pid) => pid,
            None => continue,
        };
        if pid.parse::<u32>().is_ok_and(crate::sys::process_alive) {
            continue;
        }
        let path = parent.join(&file_name);
        if file_name.starts_with(&retired) {
            if output.exists() {
                let _ = std::fs::remove_dir_all(&path);
            } else {
                let _ = std::fs::rename(&path, output);
            }
        } else {
            // A staging folder with a journal is an update killed half-way: undo it.
            journal::roll_back(output, &path);
        }
    }
}

/// Fails when `output` exists and holds files not listed in its manifest (or has no manifest
/// and is not empty): those files are the user's, and a build would delete them. `stamps`, the
/// folder stamps of the build that made `output`, spare reading the folders they prove
/// unchanged.
pub fn check_no_foreign_files(output: &Path, stamps: Option<Stamps>) -> Result<(), Error> {
    scan::scan_output(output, stamps, None).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Contents;

    /// Writes `files` as the new content of `output`.
    ///
    /// Fails, leaving `output` untouched, when `output` holds files that no arsip build made, or
    /// when any file cannot be written.
    fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), Error> {
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let mut manifest = String::new();
        for file in files {
            manifest.push_str(&file.path);
            manifest.push('\n');
        }
        write_site_with(output, &paths, &manifest, None, |staging| {
            files
                .par_iter()
                .try_for_each(|file| write_file(staging, file))
                .map_err(|e| vec![e])
        })
        .map(|_| ())
        .map_err(|mut errors| errors.swap_remove(0))
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            contents: Contents::Text(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn second_build_swaps_the_whole_output_and_leaves_no_folder_behind() {
        let dir = tempfile::tempdir().expect("temp");
        let output = dir.path().join("public");
        write_site(&output, &[file("a.html", "1"), file("x/b.html", "1")]).expect("first");
        write_site(&output, &[file("a.html", "2")]).expect("second");
        assert_eq!(
            std::fs::read_to_string(output.join("a.html")).expect("a"),
            "2"
        );
        assert!(!output.join("x").exists());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["public"]);
    }

    #[test]
    fn previous_site_in_a_retired_folder_is_restored_not_deleted() {
        // A build killed between the fallback's two renames: no output, the old site retired.
        let dir = tempfile::tempdir().expect("temp");
        let output = dir.path().join("public");
        let retired = dir.path().join(".public.arsip-retired-4000000");
        std::fs::create_dir(&retired).expect("mkdir");
        std::fs::write(retired.join("old.html"), "old").expect("write");
        remove_leftovers(&output, dir.path(), "public");
        assert_eq!(
            std::fs::read_to_string(output.join("old.html")).expect("restored"),
            "old"
        );
        assert!(!retired.exists());
    }

    #[test]
    fn staging_folders_of_dead_builds_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().expect("temp");
        let output = dir.path().join("public");
        let dead = dir.path().join(".public.arsip-staging-4000000");
        std::fs::create_dir(&dead).expect("mkdir");
        // The parent of the test process is alive, so its folder may still be in use.
        #[cfg(unix)]
        let live = {
            let live = dir.path().join(format!(
                ".public.arsip-staging-{}",
                std::os::unix::process::parent_id()
            ));
            std::fs::create_dir(&live).expect("mkdir");
            live
        };
        remove_leftovers(&output, dir.path(), "public");
        assert!(!dead.exists());
        #[cfg(unix)]
        assert!(live.exists());
    }

    #[test]
    fn incremental_build_links_unchanged_files_and_swaps_the_whole_folder() {
        let dir = tempfile::tempdir().expect("temp");
        let output = dir.path().join("public");
        let first = [
            file("a.html", "a1"),
            file("b.html", "b1"),
            file("x/c.html", "c1"),
        ];
        write_site(&output, &first).expect("first");
        write_changes(
            &output,
            &[file("a.html", "a2")],
            &["x/c.html"],
            "a.html\nb.html\n",
            None,
        )
        .expect("incremental");
        let tree: Vec<(String, String)> = ["a.html", "b.html"]
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(output.join(p)).expect("read");
                (p.to_string(), text)
            })
            .collect();
        assert_eq!(
            tree,
            [
                ("a.html".into(), "a2".into()),
                ("b.html".into(), "b1".into())
            ]
        );
        assert!(!output.join("x").exists());
        assert_eq!(
            std::fs::read_to_string(output.join(MANIFEST)).expect("manifest"),
            "a.html\nb.html\n"
        );
        // A failed incremental build (a file it should carry over is gone) changes nothing.
        std::fs::remove_file(output.join("b.html")).expect("remove");
        let before = std::fs::read_to_string(output.join("a.html")).expect("read");
        assert!(
            write_changes(
                &output,
                &[file("a.html", "a3")],
                &[],
                "a.html\nb.html\n",
                None
            )
            .is_err()
        );
        assert_eq!(
            std::fs::read_to_string(output.join("a.html")).expect("read"),
            before
        );
    }
}
