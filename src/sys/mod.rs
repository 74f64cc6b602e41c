//! Every call to the operating system that `std` does not offer, behind one small API: stamps
//! of files and folders, the atomic swap of two folders, whether a process is alive, the
//! process's CPU time, advisory file locks, and the quick exit and `SIGPIPE` setting of the command line. With
//! `unsafe` escaping, the only `unsafe` code of the crate.
//!
//! Each call has a portable version written with `std` alone, used on systems other than
//! Linux (or Unix) and, when the environment sets `ARSIP_PORTABLE_SYS=1`, on Linux too, so
//! the test suite runs the same builds through both versions.

mod portable;
#[cfg(unix)]
mod unix;

use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// What identifies a file or folder and its last change: type, device and inode, size, and
/// modification and change times in nanoseconds since the Unix epoch. While a file keeps its
/// stamp its contents are taken as unchanged; while a folder keeps its stamp no entry was
/// created, deleted or renamed in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub is_dir: bool,
    pub dev: u64,
    pub ino: u64,
    pub len: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
}

impl Stamp {
    /// The stamp in `meta`; `None` where the system gives no inode and change time (then
    /// nothing is trusted unread) or a time does not fit in 64-bit nanoseconds.
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        portable::stamp_of(meta)
    }
}

/// A folder opened once, so that many entries are stamped by names relative to it.
pub struct Dir {
    path: PathBuf,
    file: Option<File>,
}

impl Dir {
    /// Opens `path` (following a symbolic link). Never fails: an unopenable folder stamps
    /// nothing.
    pub fn open(path: &Path) -> Dir {
        Dir {
            path: path.to_path_buf(),
            file: File::open(path).ok(),
        }
    }

    /// The stamp of `relative` (no leading `/`; `""` for the folder itself), following a final
    /// symbolic link only when `follow`. `None` when it is missing or cannot be stamped.
    pub fn stamp(&self, relative: &OsStr, follow: bool) -> Option<Stamp> {
        #[cfg(target_os = "linux")]
        if !portable_forced() {
            return self
                .file
                .as_ref()
                .and_then(|file| unix::stat_at(file, relative, follow));
        }
        portable::stamp_at(&self.path, relative, follow)
    }
}

/// Exchanges two folders atomically, so readers see either the whole of one or the whole of
/// the other. Fails with [`exchange_unsupported`] where the system cannot.
pub fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    if !portable_forced() {
        return unix::exchange(a, b);
    }
    portable::exchange(a, b)
}

/// Whether `error` says the system or file system cannot exchange folders atomically (the
/// caller then renames twice).
pub fn exchange_unsupported(error: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if unix::exchange_unsupported(error) {
        return true;
    }
    error.kind() == std::io::ErrorKind::Unsupported
}

/// Whether another live process (not this one) has the id `pid`. The portable answer is
/// always `false`: callers must not rely on it for safety alone.
pub fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(unix)]
    if !portable_forced() {
        return unix::process_alive(pid);
    }
    portable::process_alive(pid)
}

/// User and system CPU time of the whole process so far; `None` where the system does not
/// tell (the portable version).
pub fn process_cpu() -> Option<Duration> {
    #[cfg(unix)]
    if !portable_forced() {
        return Some(unix::process_cpu());
    }
    portable::process_cpu()
}

/// Ends the process at once with `code`, after flushing the standard streams, skipping the
/// freeing of memory that a process about to end need not do.
pub fn exit_now(code: u8) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(unix)]
    if !portable_forced() {
        unix::exit_now(code);
    }
    std::process::exit(i32::from(code))
}

/// Lets a write into a closed pipe end the process quietly, as other command-line tools do
/// (`arsip check | head -1`). Call before any other thread starts. Nothing to do elsewhere.
pub fn end_quietly_on_closed_pipes() {
    #[cfg(unix)]
    if !portable_forced() {
        unix::default_sigpipe();
    }
}

/// Takes an exclusive advisory lock on `file`, held until the file is closed or the process
/// ends (a killed process releases it). Waits for another holder only when `wait`; returns
/// whether the lock was taken.
pub fn lock_file(file: &File, wait: bool) -> std::io::Result<bool> {
    #[cfg(unix)]
    if !portable_forced() {
        return unix::lock_file(file, wait);
    }
    portable::lock_file(file, wait)
}

/// Whether `ARSIP_PORTABLE_SYS=1` asks for the portable versions (read once).
fn portable_forced() -> bool {
    static FORCED: OnceLock<bool> = OnceLock::new();
    *FORCED.get_or_init(|| std::env::var_os("ARSIP_PORTABLE_SYS").is_some_and(|v| v == "1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Both versions of `Dir::stamp` on one tree: the same answers, on Linux by both routes.
    fn stamps(dir: &Path, relative: &str, follow: bool) -> Vec<Option<Stamp>> {
        let mut got = vec![portable::stamp_at(dir, relative.as_ref(), follow)];
        #[cfg(target_os = "linux")]
        got.push(unix::stat_at(
            &File::open(dir).expect("open"),
            relative.as_ref(),
            follow,
        ));
        got
    }

    #[cfg(unix)]
    #[test]
    fn both_stamps_agree_and_follow_links_only_when_asked() {
        let root = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir(root.path().join("d")).expect("mkdir");
        std::fs::write(root.path().join("d/a.md"), "hello").expect("write");
        std::os::unix::fs::symlink("a.md", root.path().join("d/link.md")).expect("symlink");
        let file = stamps(root.path(), "d/a.md", true);
        let first = file[0].expect("stamp");
        assert!(file.iter().all(|s| *s == Some(first)));
        assert_eq!((first.len, first.is_dir), (5, false));
        let meta = std::fs::metadata(root.path().join("d/a.md")).expect("metadata");
        assert_eq!(Stamp::of(&meta), Some(first));
        for followed in stamps(root.path(), "d/link.md", true) {
            assert_eq!(followed.map(|s| s.ino), Some(first.ino));
        }
        for link in stamps(root.path(), "d/link.md", false) {
            assert_ne!(link.map(|s| s.ino), Some(first.ino));
        }
        for itself in stamps(root.path(), "", false) {
            assert!(itself.expect("the folder").is_dir);
        }
        assert!(
            stamps(root.path(), "d/missing.md", true)
                .iter()
                .all(Option::is_none)
        );
        assert!(
            stamps(root.path(), "d/a\0.md", true)
                .iter()
                .all(Option::is_none)
        );
    }

    #[cfg(unix)]
    #[test]
    fn paths_too_long_for_the_stack_buffer_work_the_same() {
        let root = tempfile::tempdir().expect("temporary folder");
        let long = "x".repeat(200);
        std::fs::create_dir(root.path().join(&long)).expect("mkdir");
        // 255 bytes (the most the buffer takes with its NUL), 256, and far more.
        for name_len in [255 - 201, 256 - 201, 250] {
            let relative = format!("{long}/{}", "y".repeat(name_len));
            std::fs::write(root.path().join(&relative), "abc").expect("write");
            for stamp in stamps(root.path(), &relative, true) {
                assert_eq!(stamp.map(|s| s.len), Some(3), "{} bytes", relative.len());
            }
        }
    }

    #[test]
    fn exchange_swaps_two_folders_or_says_it_cannot() {
        let dir = tempfile::tempdir().expect("temp");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).expect("mkdir");
        std::fs::create_dir(&b).expect("mkdir");
        std::fs::write(a.join("from-a"), "").expect("write");
        let portable = portable::exchange(&a, &b).expect_err("the portable version cannot");
        assert!(exchange_unsupported(&portable));
        match exchange(&a, &b) {
            Ok(()) => {
                assert!(b.join("from-a").exists());
                assert!(!a.join("from-a").exists());
            }
            // Some file systems lack RENAME_EXCHANGE; the output swap falls back to renames.
            Err(e) => assert!(exchange_unsupported(&e), "{e}"),
        }
    }

    #[test]
    fn this_process_is_not_another_live_one_and_cpu_time_grows() {
        assert!(!process_alive(std::process::id()));
        assert!(!portable::process_alive(1));
        #[cfg(unix)]
        assert!(process_alive(std::os::unix::process::parent_id()));
        let before = process_cpu();
        let started = std::time::Instant::now();
        let mut x = 0u64;
        while started.elapsed() < Duration::from_millis(20) {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        if let (Some(before), Some(after)) = (before, process_cpu()) {
            assert!(after >= before + Duration::from_millis(5));
        }
        assert_eq!(portable::process_cpu(), None);
    }
}
