//! Stage 5, write: put the rendered files in the output folder, all or nothing.
//!
//! A clean build writes the site into a staging folder beside the output and swaps it in only
//! when every file is written; an incremental build applies only its changes, through a
//! journal that the next build rolls back if this one was killed (see `journal`). Either way
//! a failed or interrupted build leaves the previous output as it was.
//! The output folder holds a manifest (`.arsip-manifest`) of the files arsip made; a build
//! refuses to replace a folder holding files arsip did not make, so nothing of the user's is
//! ever deleted silently.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;
use crate::render::{Contents, OutputFile};

mod journal;

/// The list of files arsip wrote, kept in the output folder.
pub const MANIFEST: &str = ".arsip-manifest";

const STAGING_MARK: &str = ".arsip-staging-";
const RETIRED_MARK: &str = ".arsip-retired-";

/// Makes a fresh output folder: creates a staging folder beside `output` with every folder
/// `paths` need, lets `fill` write the files into it (see [`write_file`]), adds `manifest`,
/// and swaps it in. This lets a build render and write page by page without holding the
/// site in memory.
///
/// Fails, leaving `output` untouched, when `output` holds files that no arsip build made, when
/// a folder or file cannot be written, or with the errors of `fill`.
pub fn write_site_with<F>(
    output: &Path,
    paths: &[&str],
    manifest: &str,
    fill: F,
) -> Result<(), Vec<Error>>
where
    F: FnOnce(&Path) -> Result<(), Vec<Error>>,
{
    let parent = parent_of(output);
    let name = output_name(output);
    // A killed incremental build is rolled back before anything looks at the output.
    remove_leftovers(output, &parent, &name);
    check_no_foreign_files(output).map_err(|e| vec![e])?;
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
    let result = make_dirs(&staging, paths)
        .map_err(|e| vec![e])
        .and_then(|()| fill(&staging))
        .and_then(|()| {
            std::fs::write(staging.join(MANIFEST), manifest)
                .map_err(|e| vec![Error::io(MANIFEST, "cannot write the manifest", e)])
        })
        .and_then(|()| swap_in(&staging, output, &parent, &name).map_err(|e| vec![e]));
    if result.is_err() {
        // Best effort: a staging folder left behind is removed by the next build anyway.
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
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
///
/// Like a clean build, it is all or nothing: the changes go through a journaled update (see
/// `journal`) that touches only the changed files, and a failed or killed build leaves
/// `output` as it was (a killed one is rolled back by the next build). When nothing changed,
/// nothing is written.
///
/// Fails like [`write_site_with`].
pub fn write_changes(
    output: &Path,
    files: &[OutputFile],
    removed: &[&str],
    manifest: &str,
) -> Result<(), Error> {
    let parent = parent_of(output);
    let name = output_name(output);
    remove_leftovers(output, &parent, &name);
    let missing = scan_output(output)?;
    if let Some(first) = missing.first() {
        return Err(Error::io(
            output.join(first),
            "a file of the previous build is missing from the output; run `arsip build --clean`",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    let manifest_path = output.join(MANIFEST);
    let manifest_changed =
        std::fs::read_to_string(&manifest_path).ok().as_deref() != Some(manifest);
    if files.is_empty() && removed.is_empty() && !manifest_changed {
        return Ok(());
    }
    let staging = parent.join(format!(".{name}{STAGING_MARK}{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .map_err(|e| Error::io(&staging, "cannot remove a stale staging folder", e))?;
    }
    let mut all: Vec<OutputFile> = files.to_vec();
    if manifest_changed {
        all.push(OutputFile {
            path: MANIFEST.to_string(),
            contents: Contents::Text(manifest.to_string()),
        });
    }
    let result = journal::apply(output, &staging, &all, removed);
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
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
    match exchange(staging, output) {
        Ok(()) => {
            // `staging` now holds the previous site; a kill here leaves it for the next
            // build to remove.
            let _ = std::fs::remove_dir_all(staging);
            return Ok(());
        }
        Err(e) if exchange_unsupported(&e) => {}
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
    let _ = std::fs::remove_dir_all(&retired);
    Ok(())
}

/// Atomically exchanges two folders with `renameat2(RENAME_EXCHANGE)`, so readers of the
/// output see either the whole previous site or the whole new one, never neither.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call, and
    // AT_FDCWD makes relative paths relative to the working directory as `rename` does.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

// Kernels before 3.15, some file systems (and seccomp filters) refuse the exchange.
fn exchange_unsupported(error: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(
        error.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP | libc::EPERM)
    ) {
        return true;
    }
    error.kind() == std::io::ErrorKind::Unsupported
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
        if pid.parse::<u32>().is_ok_and(is_running) {
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

// Whether another live process (not this one) has this id: its build may still be writing.
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn is_running(_pid: u32) -> bool {
    false
}

/// Fails when `output` exists and holds files not listed in its manifest (or has no manifest
/// and is not empty): those files are the user's, and a build would delete them.
pub fn check_no_foreign_files(output: &Path) -> Result<(), Error> {
    scan_output(output).map(|_| ())
}

// Checks for foreign files as [`check_no_foreign_files`] does, and returns the manifest's
// files that are missing from `output`.
fn scan_output(output: &Path) -> Result<Vec<String>, Error> {
    if !output.exists() {
        return Ok(Vec::new());
    }
    if !output.is_dir() {
        return Err(Error::io(
            output,
            "the output path exists and is not a folder",
            std::io::Error::other("not a directory"),
        ));
    }
    let manifest = std::fs::read_to_string(output.join(MANIFEST)).unwrap_or_default();
    // Every incremental build runs this over the whole output, so it walks with `read_dir`
    // alone (the file type comes with the entry, no `stat` per file) and allocates no
    // string per file: the manifest's lines are crossed off as their files are met.
    let mut unseen: HashSet<&str> = manifest.lines().collect();
    let mut foreign = Vec::new();
    let mut prefix = String::new();
    walk_output(output, &mut prefix, &mut |rel| {
        if rel != MANIFEST && !unseen.remove(rel) {
            foreign.push(rel.to_string());
        }
    });
    if foreign.is_empty() {
        let mut missing: Vec<String> = unseen.into_iter().map(str::to_string).collect();
        missing.sort();
        return Ok(missing);
    }
    foreign.sort();
    let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    let more = if foreign.len() > 5 {
        format!(" and {} more", foreign.len() - 5)
    } else {
        String::new()
    };
    Err(Error::Content {
        path: output.to_path_buf(),
        location: None,
        message: format!(
            "the output folder holds files arsip did not make ({}{more}); a build would delete them. \
             Move files to publish into static/, or choose another --output",
            shown.join(", ")
        ),
    })
}

// Calls `file` with the path, relative to the output and `/`-separated, of every file under
// `dir` (anything not a folder, symbolic links included); `prefix` is `dir`'s own. Unreadable
// folders are passed over.
fn walk_output(dir: &Path, prefix: &mut String, file: &mut dyn FnMut(&str)) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let len = prefix.len();
        prefix.push_str(&name);
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            prefix.push('/');
            walk_output(&entry.path(), prefix, file);
        } else {
            file(prefix);
        }
        prefix.truncate(len);
    }
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
        write_site_with(output, &paths, &manifest, |staging| {
            files
                .par_iter()
                .try_for_each(|file| write_file(staging, file))
                .map_err(|e| vec![e])
        })
        .map_err(|mut errors| errors.swap_remove(0))
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            contents: Contents::Text(text.to_string()),
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

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_folders_atomically() {
        let dir = tempfile::tempdir().expect("temp");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).expect("mkdir");
        std::fs::create_dir(&b).expect("mkdir");
        std::fs::write(a.join("from-a"), "").expect("write");
        match exchange(&a, &b) {
            Ok(()) => {
                assert!(b.join("from-a").exists());
                assert!(!a.join("from-a").exists());
            }
            // Some file systems lack RENAME_EXCHANGE; `swap_in` falls back to two renames.
            Err(e) => assert!(exchange_unsupported(&e), "{e}"),
        }
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
        assert!(write_changes(&output, &[file("a.html", "a3")], &[], "a.html\nb.html\n").is_err());
        assert_eq!(
            std::fs::read_to_string(output.join("a.html")).expect("read"),
            before
        );
    }
}
