//! The previous build's output, as the cache's record describes it: read, checked against
//! the folder, and compared with this build's plan to find what to write and remove.

use crate::cache;
use crate::config::Config;
use crate::error::Error;
use crate::write;

/// The output of the previous build, as the cache's record describes it, checked (see
/// [`write::check_output`]).
pub(crate) struct Previous {
    pub record: cache::OutputRecord,
    pub checked: Result<write::CheckedOutput, Error>,
}

impl Previous {
    /// The record of the previous build, if it is for this configuration (`global`) and
    /// describes the output folder (known by its canonical name `output`) as it is, and the
    /// output checked.
    pub(crate) fn read(config: &Config, global: u64, output: &str) -> Option<Previous> {
        let record = cache::read_output(&config.root, global)?;
        if record.output != output || !output_matches(config, record.manifest) {
            return None;
        }
        let checked = write::check_output(&config.output, record.stamps.clone(), &config.keep);
        Some(Previous { record, checked })
    }
}

/// The output folder by its canonical name (its parent's, before the first build), so that
/// naming it relatively or absolutely does not make the cache miss.
pub(crate) fn canonical_output(output: &std::path::Path) -> String {
    let canonical = std::fs::canonicalize(output).ok().or_else(|| {
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty());
        let parent = std::fs::canonicalize(parent.unwrap_or(std::path::Path::new("."))).ok()?;
        Some(parent.join(output.file_name()?))
    });
    canonical
        .unwrap_or_else(|| output.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

// The output folder is the one the cache describes: its manifest is the one last written.
fn output_matches(config: &Config, manifest_hash: u64) -> bool {
    std::fs::read(config.output.join(write::MANIFEST))
        .is_ok_and(|bytes| crate::hash::hash_bytes(&bytes) == manifest_hash)
}

/// The output files (of `outputs`, sorted by path) whose hash differs from the previous
/// build's or that are new, and the previous build's files no longer made: one pass over
/// both lists, which are sorted alike.
pub(crate) fn compare_outputs<'a>(
    outputs: &[(&'a str, u64)],
    old: &'a cache::OutputFiles,
) -> (rustc_hash::FxHashSet<&'a str>, Vec<&'a str>) {
    let mut changed = rustc_hash::FxHashSet::default();
    let mut removed = Vec::new();
    let mut old = old.iter().peekable();
    for &(path, hash) in outputs {
        while let Some((gone, _)) = old.next_if(|(p, _)| *p < path) {
            removed.push(gone);
        }
        match old.next_if(|(p, _)| *p == path) {
            Some((_, before)) if before == hash => {}
            _ => {
                changed.insert(path);
            }
        }
    }
    removed.extend(old.map(|(path, _)| path));
    (changed, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparing_outputs_finds_new_changed_and_removed_files() {
        let old = cache::OutputFiles::new(vec![
            ("a.html".to_string(), 1),
            ("b/index.html".to_string(), 2),
            ("c.html".to_string(), 3),
            ("z.xml".to_string(), 9),
        ])
        .expect("sorted");
        let now = [("b/index.html", 2), ("b/x.html", 5), ("c.html", 4)];
        let (changed, removed) = compare_outputs(&now, &old);
        let mut changed: Vec<&str> = changed.into_iter().collect();
        changed.sort_unstable();
        assert_eq!(changed, ["b/x.html", "c.html"]);
        assert_eq!(removed, ["a.html", "z.xml"]);
        let (changed, removed) = compare_outputs(&[], &old);
        assert!(changed.is_empty());
        assert_eq!(removed.len(), 4);
    }
}
