//! Fault injection for the crash tests of stage 5, write (issue 21). In debug builds only,
//! `ARSIP_CRASH_AT=N` ends the process at once, as a kill would (no unwinding, no cleanup),
//! when the write stage reaches its N-th step: every file written, folder made, rename and
//! removal that changes the output or its staging counts. Release builds compile it away.

/// Marks one write step; ends the process here if this is the step `ARSIP_CRASH_AT` names.
#[cfg(debug_assertions)]
pub(crate) fn step() {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicUsize, Ordering};
    static TARGET: OnceLock<Option<usize>> = OnceLock::new();
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let target = TARGET.get_or_init(|| {
        std::env::var("ARSIP_CRASH_AT")
            .ok()
            .and_then(|n| n.parse().ok())
    });
    if let Some(target) = *target
        && COUNT.fetch_add(1, Ordering::SeqCst) + 1 == target
    {
        crate::sys::exit_now(CRASHED);
    }
}

/// Marks one write step (nothing in release builds).
#[cfg(not(debug_assertions))]
#[inline(always)]
pub(crate) fn step() {}

/// The exit code of a build ended by `ARSIP_CRASH_AT`.
pub const CRASHED: u8 = 86;
