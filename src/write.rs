//! Stage 5, write: put the rendered files in the output folder, all or nothing.
//!
//! The site is written into a staging folder beside the output and swapped in only when every
//! file is written, so a failed or interrupted build leaves the previous output as it was.
//! The output folder holds a manifest (`.arsip-manifest`) of the files arsip made; a build
//! refuses to replace a folder holding files arsip did not make, so nothing of the user's is
//! ever deleted silently.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;
use crate::render::{Contents, OutputFile};

/// The list of files arsip wrote, kept in the output folder.
pub const MANIFEST: &str = ".arsip-manifest";

const STAGING_MARK: &str = ".arsip-staging-";
const RETIRED_MARK: &str = ".arsip-retired-";
/// Marks a file an incremental build is writing, renamed over its target once complete.
const NEW_MARK: &str = ".arsip-new-";

/// Writes `files` as the new content of `output`.
///
/// Fails, leaving `output` untouched, when `output` holds files that no arsip build made, or
/// when any file cannot be written.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), Error> {
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

/// Makes a fresh output folder: creates a staging folder beside `output` with every folder
/// `paths` need, lets `fill` write the files into it (see [`write_file`]), adds `manifest`,
/// and swaps it in. This lets a build render and write page by page without holding the
/// site in memory.
///
/// Fails, leaving `output` untouched, as [`write_site`] does, or with the errors of `fill`.
pub fn write_site_with<F>(
    output: &Path,
    paths: &[&str],
    manifest: &str,
    fill: F,
) -> Result<(), Vec<Error>>
where
    F: FnOnce(&Path) -> Result<(), Vec<Error>>,
{
    check_no_foreign_files(output).map_err(|e| vec![e])?;
    let parent = parent_of(output);
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    std::fs::create_dir_all(&parent).map_err(|e| {
        vec![Error::io(
            &parent,
            "cannot create the output's parent folder",
            e,
        )]
    })?;
    remove_leftovers(&parent, &name);
    let staging = parent.join(format!(".{name}{STAGING_MARK}{}", std::process::id()));
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

/// Updates `output` in place for an incremental build: writes `files` (new or changed),
/// removes `removed` (files of the previous build the new one does not make), and writes
/// `manifest`.
///
/// Every new file is first written beside its target under a temporary name; only when all
/// are written are they renamed over their targets, so a failed write leaves `output` as it
/// was. A failure during the renames (which do not fail on one file system short of a crash)
/// can leave a mix of old and new files; the caller has deleted its record of the output
/// beforehand, so the next build is then a clean one.
pub fn write_changes(
    output: &Path,
    files: &[OutputFile],
    removed: &[&str],
    manifest: &str,
) -> Result<(), Error> {
    let temp_name = |target: &Path| {
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(format!("{NEW_MARK}{}", std::process::id()));
        target.with_file_name(name)
    };
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    for file in files {
        if let Some(dir) = output.join(&file.path).parent() {
            dirs.insert(dir.to_path_buf());
        }
    }
    for dir in &dirs {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "cannot create folder", e))?;
    }
    let written: Vec<Result<PathBuf, Error>> = files
        .par_iter()
        .map(|file| {
            let target = output.join(&file.path);
            let temp = temp_name(&target);
            let result = match &file.contents {
                Contents::Text(text) => std::fs::write(&temp, text)
                    .map_err(|e| Error::io(&file.path, "cannot write file", e)),
                Contents::Copy(from) => std::fs::copy(from, &temp)
                    .map(|_| ())
                    .map_err(|e| Error::io(from, "cannot copy static file", e)),
            };
            result.map(|()| temp)
        })
        .collect();
    if let Some(i) = written.iter().position(Result::is_err) {
        for temp in written.iter().flatten() {
            let _ = std::fs::remove_file(temp);
        }
        return match written.into_iter().nth(i) {
            Some(Err(e)) => Err(e),
            _ => Ok(()),
        };
    }
    for (file, temp) in files.iter().zip(written.into_iter().flatten()) {
        std::fs::rename(&temp, output.join(&file.path))
            .map_err(|e| Error::io(&file.path, "cannot move the new file into place", e))?;
    }
    for path in removed {
        let target = output.join(path);
        let _ = std::fs::remove_file(&target);
        // Folders left empty go too, as a clean build would not make them.
        let mut dir = target.parent();
        while let Some(d) = dir {
            if d == output || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    let target = output.join(MANIFEST);
    let temp = temp_name(&target);
    std::fs::write(&temp, manifest)
        .and_then(|()| std::fs::rename(&temp, &target))
        .map_err(|e| Error::io(MANIFEST, "cannot write the manifest", e))
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
    if output.exists() {
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
    } else {
        std::fs::rename(staging, output)
            .map_err(|e| Error::io(output, "cannot move the new output into place", e))
    }
}

// Staging and retired folders of builds that were killed half-way.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefixes = [
        format!(".{name}{STAGING_MARK}"),
        format!(".{name}{RETIRED_MARK}"),
    ];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Fails when `output` exists and holds files not listed in its manifest (or has no manifest
/// and is not empty): those files are the user's, and a build would delete them.
pub fn check_no_foreign_files(output: &Path) -> Result<(), Error> {
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(Error::io(
            output,
            "the output path exists and is not a folder",
            std::io::Error::other("not a directory"),
        ));
    }
    let made: BTreeSet<String> = std::fs::read_to_string(output.join(MANIFEST))
        .map(|m| m.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let mut foreign = Vec::new();
    for entry in walkdir::WalkDir::new(output)
        .min_depth(1)
        .sort_by_file_name()
    {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        // Half-written files of an interrupted incremental build are ours too.
        if rel != MANIFEST && !made.contains(&rel) && !rel.contains(NEW_MARK) {
            foreign.push(rel);
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
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
