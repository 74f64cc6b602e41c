//! Updates of the output folder in place that can be undone: the new files are written into a
//! staging folder; a journal (written whole by a rename) lists every folder to create and file
//! to replace, add or remove; the old files move into the staging folder and the new ones into
//! place, renames only; deleting the journal commits. A build killed before that leaves the
//! journal, and the next build's [`roll_back`] puts the previous output back exactly. The new
//! files are staged by their index in the update, or (an output written in place whole, see
//! `in_place`) by their output paths.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::fault;
use crate::error::Error;
use crate::render::{Contents, OutputFile};

const JOURNAL: &str = "journal";
pub(super) const NEW: &str = "new";
const OLD: &str = "old";
// The journal's first line when the new files are staged by their output paths.
const BY_PATH: &str = "L\tpath";

/// Where the new files of an update are staged under `new/`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    /// `new/<index>`, the file's index in the update.
    ByIndex,
    /// `new/<path>`, its path in the output.
    ByPath,
}

impl Layout {
    fn new_file(self, new_dir: &Path, index: usize, path: &str) -> PathBuf {
        match self {
            Layout::ByIndex => new_dir.join(index.to_string()),
            Layout::ByPath => new_dir.join(path),
        }
    }
}

/// One change of the update.
#[derive(Debug, PartialEq)]
enum Step {
    /// A folder the update creates (parents before children).
    Folder(String),
    /// File `path` gets the content staged as `new/<index>`; `existed` says whether an old
    /// version is moved to `old/<index>` first.
    Put {
        index: usize,
        existed: bool,
        path: String,
    },
    /// File `path` goes, moved to `old/<index>`.
    Remove { index: usize, path: String },
}

/// Applies `files` (new or changed) and `removed` to `output`, using `staging` (which must
/// not exist) for the new files, the old ones and the journal. `files` may include the
/// manifest.
pub fn apply(
    output: &Path,
    staging: &Path,
    files: &[OutputFile],
    removed: &[&str],
) -> Result<(), Error> {
    let new_dir = staging.join(NEW);
    let old_dir = staging.join(OLD);
    for dir in [&new_dir, &old_dir] {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "cannot create folder", e))?;
    }
    files
        .par_iter()
        .enumerate()
        .try_for_each(|(index, file)| stage(&new_dir.join(index.to_string()), file))?;
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    run(output, staging, &paths, removed, Layout::ByIndex)
}

/// Applies to `output` the files `paths` already staged under `staging/new/` by their output
/// paths, and `removed`, as [`apply`] does.
pub(super) fn apply_staged(
    output: &Path,
    staging: &Path,
    paths: &[&str],
    removed: &[&str],
) -> Result<(), Error> {
    let old_dir = staging.join(OLD);
    std::fs::create_dir_all(&old_dir)
        .map_err(|e| Error::io(&old_dir, "cannot create folder", e))?;
    run(output, staging, paths, removed, Layout::ByPath)
}

// Journals the steps, applies them (rolled back on the first failure), then commits.
fn run(
    output: &Path,
    staging: &Path,
    paths: &[&str],
    removed: &[&str],
    layout: Layout,
) -> Result<(), Error> {
    let new_dir = staging.join(NEW);
    let old_dir = staging.join(OLD);
    let steps = plan(output, paths, removed);
    write_journal(staging, &steps, layout)?;
    for step in &steps {
        fault::step();
        let done = match step {
            Step::Folder(dir) => std::fs::create_dir(output.join(dir)),
            Step::Put {
                index,
                existed,
                path,
            } => {
                let target = output.join(path);
                let moved_old = if *existed {
                    let moved = std::fs::rename(&target, old_dir.join(index.to_string()));
                    fault::step();
                    moved
                } else {
                    Ok(())
                };
                let new = layout.new_file(&new_dir, *index, path);
                moved_old.and_then(|()| std::fs::rename(new, &target))
            }
            Step::Remove { index, path } => {
                std::fs::rename(output.join(path), old_dir.join(format!("r{index}")))
            }
        };
        if let Err(e) = done {
            let error = Error::io(output, "cannot update the output folder", e);
            roll_back(output, staging);
            return Err(error);
        }
    }
    fault::step();
    // The commit point: from here on the new output stands.
    let _ = std::fs::remove_file(staging.join(JOURNAL));
    fault::step();
    prune_empty_folders(output, removed);
    let _ = std::fs::remove_dir_all(staging);
    Ok(())
}

/// Undoes the update recorded in `staging` (a build killed before its commit point), then
/// removes `staging`. Without a journal there is nothing to undo.
pub fn roll_back(output: &Path, staging: &Path) {
    if let Some((steps, layout)) = read_journal(staging) {
        let new_dir = staging.join(NEW);
        let old_dir = staging.join(OLD);
        for step in steps.iter().rev() {
            match step {
                Step::Put {
                    index,
                    existed: true,
                    path,
                } => {
                    let old = old_dir.join(index.to_string());
                    if old.exists() {
                        let _ = std::fs::rename(old, output.join(path));
                    }
                }
                Step::Put {
                    index,
                    existed: false,
                    path,
                } => {
                    // Still staged means it never reached the output.
                    if !layout.new_file(&new_dir, *index, path).exists() {
                        let _ = std::fs::remove_file(output.join(path));
                    }
                }
                Step::Remove { index, path } => {
                    let old = old_dir.join(format!("r{index}"));
                    if old.exists() {
                        let _ = std::fs::rename(old, output.join(path));
                    }
                }
                Step::Folder(dir) => {
                    let _ = std::fs::remove_dir(output.join(dir));
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(staging);
}

fn stage(to: &Path, file: &OutputFile) -> Result<(), Error> {
    match &file.contents {
        Contents::Text(text) => {
            std::fs::write(to, text).map_err(|e| Error::io(&file.path, "cannot write file", e))
        }
        Contents::Copy(from) => std::fs::copy(from, to)
            .map(|_| ())
            .map_err(|e| Error::io(from, "cannot copy static file", e)),
    }
}

// The steps in the order they are applied: removals (so a folder may take a removed file's
// name), then folders, parents before children, then files.
fn plan(output: &Path, paths: &[&str], removed: &[&str]) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for (index, path) in removed.iter().enumerate() {
        if std::fs::symlink_metadata(output.join(path)).is_ok() {
            steps.push(Step::Remove {
                index,
                path: (*path).to_string(),
            });
        }
    }
    let mut folders: Vec<String> = Vec::new();
    for path in paths {
        let mut missing = Vec::new();
        let mut dir = path.rsplit_once('/').map(|(d, _)| d);
        while let Some(d) = dir {
            if folders.iter().any(|f| f == d) || output.join(d).is_dir() {
                break;
            }
            missing.push(d.to_string());
            dir = d.rsplit_once('/').map(|(p, _)| p);
        }
        folders.extend(missing.into_iter().rev());
    }
    steps.extend(folders.into_iter().map(Step::Folder));
    for (index, path) in paths.iter().enumerate() {
        steps.push(Step::Put {
            index,
            existed: std::fs::symlink_metadata(output.join(path)).is_ok(),
            path: (*path).to_string(),
        });
    }
    steps
}

// One step a line, tab-separated; paths never hold tabs or newlines (they are slugs).
fn write_journal(staging: &Path, steps: &[Step], layout: Layout) -> Result<(), Error> {
    let mut text = String::new();
    if layout == Layout::ByPath {
        text.push_str(BY_PATH);
        text.push('\n');
    }
    for step in steps {
        match step {
            Step::Folder(dir) => text.push_str(&format!("D\t{dir}\n")),
            Step::Put {
                index,
                existed,
                path,
            } => text.push_str(&format!("P\t{index}\t{}\t{path}\n", u8::from(*existed))),
            Step::Remove { index, path } => text.push_str(&format!("R\t{index}\t{path}\n")),
        }
    }
    let temp = staging.join("journal.partial");
    fault::step();
    std::fs::write(&temp, text)
        .and_then(|()| std::fs::rename(&temp, staging.join(JOURNAL)))
        .map_err(|e| Error::io(staging, "cannot write the update journal", e))
}

fn read_journal(staging: &Path) -> Option<(Vec<Step>, Layout)> {
    let text = std::fs::read_to_string(staging.join(JOURNAL)).ok()?;
    let mut steps = Vec::new();
    let (layout, text) = match text.strip_prefix(BY_PATH) {
        Some(rest) => (Layout::ByPath, rest),
        None => (Layout::ByIndex, text.as_str()),
    };
    for line in text.lines().filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.splitn(4, '\t').collect();
        let step = match fields.as_slice() {
            ["D", dir] => Step::Folder((*dir).to_string()),
            ["P", index, existed, path] => Step::Put {
                index: index.parse().ok()?,
                existed: *existed == "1",
                path: (*path).to_string(),
            },
            ["R", index, path] => Step::Remove {
                index: index.parse().ok()?,
                path: (*path).to_string(),
            },
            _ => return None,
        };
        steps.push(step);
    }
    Some((steps, layout))
}

// Folders that removals left empty go too, as a clean build would not make them.
fn prune_empty_folders(output: &Path, removed: &[&str]) {
    for path in removed {
        let mut dir = output.join(path).parent().map(PathBuf::from);
        while let Some(d) = dir {
            if d == output || std::fs::remove_dir(&d).is_err() {
                break;
            }
            dir = d.parent().map(PathBuf::from);
        }
    }
}

#[cfg(test)]
#[path = "journal_tests.rs"]
mod tests;
