//! The system calls through `libc`, on Unix (and Linux for `fstatat` and `renameat2`).

use std::time::Duration;

#[cfg(target_os = "linux")]
use super::Stamp;

/// `fstatat` of `relative` inside the open folder `dir`: the kernel looks up only the names
/// after the folder. `None` when it fails, when `relative` holds a NUL byte, or when a time
/// does not fit in 64-bit nanoseconds.
#[cfg(target_os = "linux")]
pub(super) fn stat_at(
    dir: &std::fs::File,
    relative: &std::ffi::OsStr,
    follow: bool,
) -> Option<Stamp> {
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
    Some(Stamp {
        is_dir: stat.st_mode & libc::S_IFMT == libc::S_IFDIR,
        dev: stat.st_dev,
        ino: stat.st_ino,
        len: u64::try_from(stat.st_size).ok()?,
        mtime_ns: ns(stat.st_mtime, stat.st_mtime_nsec)?,
        ctime_ns: ns(stat.st_ctime, stat.st_ctime_nsec)?,
    })
}

/// `renameat2(RENAME_EXCHANGE)`.
#[cfg(target_os = "linux")]
pub(super) fn exchange(a: &std::path::Path, b: &std::path::Path) -> std::io::Result<()> {
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

/// Kernels before 3.15, some file systems (and seccomp filters) refuse the exchange.
#[cfg(target_os = "linux")]
pub(super) fn exchange_unsupported(error: &std::io::Error) -> bool {
    matches!(
        error.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP | libc::EPERM)
    )
}

/// `kill(pid, 0)`: the process exists (possibly another user's).
pub(super) fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// `getrusage(RUSAGE_SELF)`: user plus system time.
pub(super) fn process_cpu() -> Duration {
    // SAFETY: getrusage only writes into the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.unsigned_abs())
            + Duration::from_micros(t.tv_usec.unsigned_abs())
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// `_exit`: the standard streams are flushed already.
pub(super) fn exit_now(code: u8) -> ! {
    // SAFETY: `_exit` only ends the process; what it skips (exit handlers, thread
    // destructors) has nothing left to save.
    unsafe { libc::_exit(i32::from(code)) }
}

/// `SIGPIPE` back to its default action.
pub(super) fn default_sigpipe() {
    // SAFETY: called before any other thread starts; resets one signal to its default.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// `flock(LOCK_EX)`, without blocking unless `wait`; interrupted waits are retried.
pub(super) fn lock_file(file: &std::fs::File, wait: bool) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    let operation = if wait {
        libc::LOCK_EX
    } else {
        libc::LOCK_EX | libc::LOCK_NB
    };
    loop {
        // SAFETY: flock only takes the descriptor, which `file` keeps open.
        if unsafe { libc::flock(file.as_raw_fd(), operation) } == 0 {
            return Ok(true);
        }
        let error = std::io::Error::last_os_error();
        match error.raw_os_error() {
            Some(libc::EINTR) => {}
            Some(libc::EWOULDBLOCK) => return Ok(false),
            _ => return Err(error),
        }
    }
}
