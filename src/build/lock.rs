//! One build of a site at a time: an advisory lock on `.arsip-cache/lock`, held for the whole
//! build (output written, cache saved) and released when the build ends or its process dies.
//! A second build, or `serve` rebuilding beside a `build`, waits for the first to finish, so
//! neither reads the cache or the output half-written by the other (issue 21).

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::cache;

/// The lock file, in the cache folder.
pub const LOCK_FILE: &str = "lock";

/// The lock of a site, held until dropped.
#[derive(Debug)]
pub(super) struct SiteLock {
    _file: Option<File>,
}

impl SiteLock {
    /// Takes the lock of the site at `root`, waiting while another build holds it; calls
    /// `on_wait` with the lock file's path before waiting. Where the lock file cannot be made
    /// (a read-only site folder) the build goes on unlocked, as it goes on without a cache.
    pub(super) fn take(root: &Path, on_wait: Option<fn(&Path)>) -> SiteLock {
        let path = lock_path(root);
        let file = std::fs::create_dir_all(cache::dir(root))
            .and_then(|()| {
                std::fs::OpenOptions::new()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(&path)
            })
            .ok();
        let Some(file) = file else {
            return SiteLock { _file: None };
        };
        let taken = match crate::sys::lock_file(&file, false) {
            Ok(true) => true,
            Ok(false) => {
                if let Some(on_wait) = on_wait {
                    on_wait(&path);
                }
                crate::sys::lock_file(&file, true).unwrap_or(false)
            }
            Err(_) => false,
        };
        SiteLock {
            _file: taken.then_some(file),
        }
    }
}

/// Where the lock of the site at `root` lives.
pub fn lock_path(root: &Path) -> PathBuf {
    cache::dir(root).join(LOCK_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_of_one_site_waits_for_the_first() {
        let root = tempfile::tempdir().expect("temp");
        let first = SiteLock::take(root.path(), None);
        assert!(first._file.is_some());
        let other = File::open(lock_path(root.path())).expect("open");
        assert!(!crate::sys::lock_file(&other, false).expect("try"));
        drop(first);
        assert!(crate::sys::lock_file(&other, false).expect("try"));
    }
}
