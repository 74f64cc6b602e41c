//! The system calls written with `std` alone: what other systems run, and what Linux runs
//! under `ARSIP_PORTABLE_SYS=1` so the tests cover it.

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

use super::Stamp;

pub(super) fn stamp_at(dir: &Path, relative: &OsStr, follow: bool) -> Option<Stamp> {
    let path = dir.join(relative);
    let meta = if follow {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    };
    stamp_of(&meta.ok()?)
}

#[cfg(unix)]
pub(super) fn stamp_of(meta: &std::fs::Metadata) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let ns = |secs: i64, nanos: i64| secs.checked_mul(1_000_000_000)?.checked_add(nanos);
    Some(Stamp {
        is_dir: meta.is_dir(),
        dev: meta.dev(),
        ino: meta.ino(),
        len: meta.len(),
        mtime_ns: ns(meta.mtime(), meta.mtime_nsec())?,
        ctime_ns: ns(meta.ctime(), meta.ctime_nsec())?,
    })
}

// Without inode numbers and change times nothing can be proven unchanged by its stamp: every
// source is read and hashed, every output folder listed.
#[cfg(not(unix))]
pub(super) fn stamp_of(_meta: &std::fs::Metadata) -> Option<Stamp> {
    None
}

pub(super) fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

pub(super) fn process_alive(_pid: u32) -> bool {
    false
}

pub(super) fn process_cpu() -> Option<Duration> {
    None
}

pub(super) fn lock_file(file: &std::fs::File, wait: bool) -> std::io::Result<bool> {
    if wait {
        return file.lock().map(|()| true);
    }
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}
