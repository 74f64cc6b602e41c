//! `stat` by a path relative to an open folder: the kernel looks up only the names after
//! the folder, not the whole path from the root again. For the tens of thousands of
//! stamps a build takes (sources, output folders) that lookup was most of the cost.

use std::fs::File;

/// What the builds need of a `stat`: type, identity, size and times (nanoseconds since the
/// Unix epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stat {
    pub is_dir: bool,
    pub dev: u64,
    pub ino: u64,
    pub len: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
}

/// The `stat` of `relative` (no leading `/`; `""` for `dir` itself) inside the open folder
/// `dir`, following a final symbolic link only when `follow`. `None` when it fails, when
/// `relative` holds a NUL byte, or when a time does not fit in 64-bit nanoseconds.
#[cfg(target_os = "linux")]
pub(crate) fn stat_at(dir: &File, relative: &std::ffi::OsStr, follow: bool) -> Option<Stat> {
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;
    let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
    let result = if relative.is_empty() {
        // SAFETY: the descriptor is open for the call, and `stat` is writable memory of the
        // size the call fills.
        unsafe { libc::fstat(dir.as_raw_fd(), stat.as_mut_ptr()) }
    } else {
        // Names are short: NUL-terminated on the stack, not in a fresh CString each call.
        let bytes = relative.as_bytes();
        let mut buffer = [0u8; 256];
        let owned;
        let path: &std::ffi::CStr = match buffer.get_mut(..bytes.len()) {
            Some(room) if bytes.len() < 256 => {
                room.copy_from_slice(bytes);
                std::ffi::CStr::from_bytes_with_nul(&buffer[..=bytes.len()]).ok()?
            }
            _ => {
                owned = std::ffi::CString::new(bytes).ok()?;
                &owned
            }
        };
        let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
        // SAFETY: as above, and `path` is a NUL-terminated path that outlives the call.
        unsafe { libc::fstatat(dir.as_raw_fd(), path.as_ptr(), stat.as_mut_ptr(), flags) }
    };
    if result != 0 {
        return None;
    }
    // SAFETY: the call succeeded, so it filled `stat`.
    let stat = unsafe { stat.assume_init() };
    let ns = |secs: i64, nanos: i64| secs.checked_mul(1_000_000_000)?.checked_add(nanos);
    Some(Stat {
        is_dir: stat.st_mode & libc::S_IFMT == libc::S_IFDIR,
        dev: stat.st_dev,
        ino: stat.st_ino,
        len: u64::try_from(stat.st_size).ok()?,
        mtime_ns: ns(stat.st_mtime, stat.st_mtime_nsec)?,
        ctime_ns: ns(stat.st_ctime, stat.st_ctime_nsec)?,
    })
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn agrees_with_std_metadata_and_follows_links_only_when_asked() {
        let root = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir(root.path().join("d")).expect("mkdir");
        std::fs::write(root.path().join("d/a.md"), "hello").expect("write");
        std::os::unix::fs::symlink("a.md", root.path().join("d/link.md")).expect("symlink");
        let dir = File::open(root.path()).expect("open");
        let stat = stat_at(&dir, "d/a.md".as_ref(), true).expect("stat");
        let meta = std::fs::metadata(root.path().join("d/a.md")).expect("metadata");
        assert_eq!((stat.ino, stat.dev, stat.len), (meta.ino(), meta.dev(), 5));
        assert_eq!(
            stat.mtime_ns,
            meta.mtime() * 1_000_000_000 + meta.mtime_nsec()
        );
        assert_eq!(
            stat.ctime_ns,
            meta.ctime() * 1_000_000_000 + meta.ctime_nsec()
        );
        assert!(!stat.is_dir);
        let followed = stat_at(&dir, "d/link.md".as_ref(), true).expect("stat");
        assert_eq!(followed.ino, stat.ino);
        let link = stat_at(&dir, "d/link.md".as_ref(), false).expect("lstat");
        assert_ne!(link.ino, stat.ino);
        assert!(stat_at(&dir, "".as_ref(), false).expect("itself").is_dir);
        assert!(stat_at(&dir, "d/missing.md".as_ref(), true).is_none());
        assert!(stat_at(&dir, "d/a\0.md".as_ref(), true).is_none());
    }

    #[test]
    fn paths_too_long_for_the_stack_buffer_work_the_same() {
        let root = tempfile::tempdir().expect("temporary folder");
        let dir = File::open(root.path()).expect("open");
        let long = "x".repeat(200);
        std::fs::create_dir(root.path().join(&long)).expect("mkdir");
        // 255 bytes (the most the buffer takes with its NUL), 256, and far more.
        for name_len in [255 - 201, 256 - 201, 250] {
            let relative = format!("{long}/{}", "y".repeat(name_len));
            std::fs::write(root.path().join(&relative), "abc").expect("write");
            let stat = stat_at(&dir, relative.as_ref(), true).expect("stat");
            assert_eq!(stat.len, 3, "{} bytes", relative.len());
            let with_nul = format!("{relative}\0");
            assert!(stat_at(&dir, with_nul.as_ref(), true).is_none());
        }
    }
}
