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

/// Writes `files` as the new content of `output`.
///
/// Fails, leaving `output` untouched, when `output` holds files that no arsip build made, or
/// when any file cannot be written.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), Error> {
    check_no_foreign_files(output)?;
    let parent = parent_of(output);
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    std::fs::create_dir_all(&parent)
        .map_err(|e| Error::io(&parent, "cannot create the output's parent folder", e))?;
    remove_leftovers(&parent, &name);
    let staging = parent.join(format!(".{name}{STAGING_MARK}{}", std::process::id()));
    let result =
        write_tree(&staging, files).and_then(|()| swap_in(&staging, output, &parent, &name));
    if result.is_err() {
        // Best effort: a staging folder left behind is removed by the next build anyway.
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn parent_of(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn write_tree(staging: &Path, files: &[OutputFile]) -> Result<(), Error> {
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    dirs.insert(staging.to_path_buf());
    for file in files {
        if let Some(dir) = staging.join(&file.path).parent() {
            dirs.insert(dir.to_path_buf());
        }
    }
    // Sorted, so each parent exists before its children: one mkdir per folder.
    for dir in &dirs {
        match std::fs::create_dir(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(_) => std::fs::create_dir_all(dir)
                .map_err(|e| Error::io(dir, "cannot create folder", e))?,
        }
    }
    files.par_iter().try_for_each(|file| {
        let target = staging.join(&file.path);
        match &file.contents {
            Contents::Text(text) => std::fs::write(&target, text)
                .map_err(|e| Error::io(&file.path, "cannot write file", e)),
            Contents::Copy(from) => std::fs::copy(from, &target)
                .map(|_| ())
                .map_err(|e| Error::io(from, "cannot copy static file", e)),
        }
    })?;
    let mut manifest = String::new();
    for file in files {
        manifest.push_str(&file.path);
        manifest.push('\n');
    }
    std::fs::write(staging.join(MANIFEST), manifest)
        .map_err(|e| Error::io(MANIFEST, "cannot write the manifest", e))
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
        if rel != MANIFEST && !made.contains(&rel) {
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
