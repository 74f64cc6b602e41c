//! The output check of stage 5, write: before a build replaces or updates the output folder,
//! prove that it holds no file arsip did not make (a foreign file, which the build would
//! delete) and find the files of the previous build that are missing from it.
//!
//! With the folder stamps of the previous build (see `stamps`) only the folders whose stamp no
//! longer matches are read, each compared with what the manifest says it holds; without them
//! (no cache, or an output holding another manifest) the whole output is walked. Both give the
//! same answer.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use rayon::prelude::*;

use super::MANIFEST;
use super::stamps::{self, DirStamp, Now, Stamps};
use crate::error::Error;
use crate::hash::hash_bytes;

/// What the check found, when it found no foreign file.
#[derive(Debug, Default)]
pub(super) struct Scan {
    /// Files of the manifest missing from the output, sorted.
    pub missing: Vec<String>,
    /// The stamps of the output's folders as the check left them, for the manifest the output
    /// holds: only when asked for (with a probe path), and only if the output exists.
    pub stamps: Option<Stamps>,
}

/// Checks `output` against its manifest, using `stamps` when they are for that manifest.
/// With `probe` (a path beside the output that does not exist, used to read the file system's
/// clock) the folders read are stamped for the next check.
///
/// Names in `keep` at the top of the output are the user's: never read, never foreign.
///
/// Fails when `output` is not a folder, or holds files not listed in its manifest (or has no
/// manifest and is not empty), naming up to five of them.
pub(super) fn scan_output(
    output: &Path,
    stamps: Option<Stamps>,
    probe: Option<&Path>,
    keep: &[String],
) -> Result<Scan, Error> {
    if !output.exists() {
        return Ok(Scan::default());
    }
    if !output.is_dir() {
        return Err(Error::io(
            output,
            "the output path exists and is not a folder",
            std::io::Error::other("not a directory"),
        ));
    }
    let manifest = std::fs::read_to_string(output.join(MANIFEST)).unwrap_or_default();
    let hash = hash_bytes(manifest.as_bytes());
    if let Some(stamps) = stamps.filter(|s| s.manifest == hash) {
        return by_stamps(output, &manifest, stamps, probe, keep);
    }
    // "Now" is read before any folder is, so folders that change while they are read are
    // not stamped (see `stamps`).
    let now = probe.and_then(Now::probe);
    let missing = walk_all(output, &manifest, keep)?;
    let stamps = probe.map(|_| stamps::record(output, &manifest, now));
    Ok(Scan { missing, stamps })
}

// The check by stamps: `stamps` are for `manifest`, so their folders are exactly those its
// files need.
fn by_stamps(
    output: &Path,
    manifest: &str,
    mut stamps: Stamps,
    probe: Option<&Path>,
    keep: &[String],
) -> Result<Scan, Error> {
    let folders = stamps::Output::open(output);
    let fresh: Vec<Option<DirStamp>> = (0..stamps.len())
        .into_par_iter()
        .map(|i| folders.stamp(stamps.path(i)))
        .collect();
    let mut read: Vec<bool> = stamps
        .iter()
        .zip(&fresh)
        .map(|((_, old), new)| old.is_none() || old != *new)
        .collect();
    // A folder that is gone or no longer a folder: what took its place, if anything, is an
    // entry of its parent, so the parent is read too (and its parent, if it went as well).
    for (i, (dir, _)) in stamps.iter().enumerate() {
        if fresh[i].is_some() {
            continue;
        }
        let mut dir = dir;
        while let Some(up) = stamps::parent(dir) {
            let Some(j) = stamps.find(up) else {
                break;
            };
            read[j] = true;
            if fresh[j].is_some() {
                break;
            }
            dir = up;
        }
    }
    let to_read: Vec<usize> = (0..read.len()).filter(|i| read[*i]).collect();
    if to_read.is_empty() {
        return Ok(Scan {
            missing: Vec::new(),
            stamps: Some(stamps),
        });
    }
    let now = probe.and_then(Now::probe);
    // What each folder to read should hold: files from the manifest, folders from the stamps.
    let mut wanted: HashMap<&str, Wanted> = to_read
        .iter()
        .map(|i| (stamps.path(*i), Wanted::default()))
        .collect();
    for line in manifest.lines() {
        let (dir, name) = line.rsplit_once('/').unwrap_or(("", line));
        if let Some(w) = wanted.get_mut(dir) {
            w.files.insert(name);
        }
    }
    for (dir, _) in stamps.iter() {
        if let Some(w) = stamps::parent(dir).and_then(|p| wanted.get_mut(p)) {
            w.dirs.insert(dir.rsplit_once('/').map_or(dir, |(_, n)| n));
        }
    }
    let found: Option<Vec<(Vec<String>, Vec<String>)>> = to_read
        .par_iter()
        .map(|i| {
            let dir = stamps.path(*i);
            check_folder(output, dir, fresh[*i].is_some(), &wanted[dir], keep)
        })
        .collect();
    let Some(found) = found else {
        // An unreadable folder: the walk decides what that means, as it always did.
        let missing = walk_all(output, manifest, keep)?;
        for i in to_read {
            stamps.set(i, None);
        }
        return Ok(Scan {
            missing,
            stamps: Some(stamps),
        });
    };
    let (mut foreign, mut missing): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for (f, m) in found {
        foreign.extend(f);
        missing.extend(m);
    }
    if !foreign.is_empty() {
        return Err(foreign_files(output, foreign));
    }
    missing.sort();
    for i in to_read {
        stamps.set(
            i,
            fresh[i].filter(|s| now.is_some_and(|now| now.settled(s))),
        );
    }
    Ok(Scan {
        missing,
        stamps: Some(stamps),
    })
}

/// The names a folder should hold.
#[derive(Default)]
struct Wanted<'m> {
    files: HashSet<&'m str>,
    dirs: HashSet<&'m str>,
}

// Reads folder `dir` (if it is one) and returns the foreign files in it and under its foreign
// subfolders, and the files of `wanted` it lacks, all as paths relative to the output; `None`
// if it is a folder that cannot be read. As in the walk, an entry counts as a file unless it
// is a folder (a symbolic link is a file).
fn check_folder(
    output: &Path,
    dir: &str,
    is_folder: bool,
    wanted: &Wanted,
    keep: &[String],
) -> Option<(Vec<String>, Vec<String>)> {
    let prefix = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let mut foreign = Vec::new();
    let mut seen: HashSet<&str> = HashSet::default();
    let entries = if is_folder {
        Some(std::fs::read_dir(output.join(dir)).ok()?)
    } else {
        None
    };
    for entry in entries.into_iter().flatten().flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if dir.is_empty() && keep.iter().any(|k| *k == name) {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            // A folder of the manifest is checked on its own.
            if !wanted.dirs.contains(name.as_ref()) {
                let mut path = format!("{prefix}{name}/");
                walk_output(&entry.path(), &mut path, &mut |rel| {
                    foreign.push(rel.to_string());
                });
            }
        } else if let Some(file) = wanted.files.get(name.as_ref()) {
            seen.insert(file);
        } else if !(dir.is_empty() && name == MANIFEST) {
            foreign.push(format!("{prefix}{name}"));
        }
    }
    let missing = wanted
        .files
        .iter()
        .filter(|f| !seen.contains(*f))
        .map(|f| format!("{prefix}{f}"))
        .collect();
    Some((foreign, missing))
}

// The check without stamps: walks the whole output.
fn walk_all(output: &Path, manifest: &str, keep: &[String]) -> Result<Vec<String>, Error> {
    // It walks with `read_dir` alone (the file type comes with the entry, no `stat` per file)
    // and allocates no string per file: the manifest's lines are crossed off as their files
    // are met.
    let mut unseen: HashSet<&str> = manifest.lines().collect();
    let mut foreign = Vec::new();
    let mut prefix = String::new();
    // An unreadable output is passed over: its files are then missing.
    for entry in std::fs::read_dir(output).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if keep.iter().any(|k| *k == name) {
            continue;
        }
        prefix.clear();
        prefix.push_str(&name);
        let mut check = |rel: &str| {
            if rel != MANIFEST && !unseen.remove(rel) {
                foreign.push(rel.to_string());
            }
        };
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            prefix.push('/');
            walk_output(&entry.path(), &mut prefix, &mut check);
        } else {
            check(&prefix);
        }
    }
    if !foreign.is_empty() {
        return Err(foreign_files(output, foreign));
    }
    let mut missing: Vec<String> = unseen.into_iter().map(str::to_string).collect();
    missing.sort();
    Ok(missing)
}

// The error naming (up to five of) the foreign files found in `output`.
fn foreign_files(output: &Path, mut foreign: Vec<String>) -> Error {
    foreign.sort();
    let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    let more = if foreign.len() > 5 {
        format!(" and {} more", foreign.len() - 5)
    } else {
        String::new()
    };
    Error::Content {
        path: output.to_path_buf(),
        location: None,
        message: format!(
            "the output folder holds files arsip did not make ({}{more}); a build would delete them. \
             Move files to publish into static/, or choose another --output",
            shown.join(", ")
        ),
    }
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
