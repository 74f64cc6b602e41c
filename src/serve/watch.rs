//! Watching the site's sources for `arsip serve`: `content/`, `templates/`, `static/` and
//! `arsip.toml`, with bursts of events (an editor's save, a `git checkout`) folded into one
//! rebuild. The output folders are never watched, so a build does not trigger itself.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::config::CONFIG_FILE;
use crate::error::Error;

/// The folders under the root whose changes trigger a rebuild.
pub const WATCHED_DIRS: [&str; 3] = ["content", "templates", "static"];

/// A burst is over when no event came for this long.
const QUIET: Duration = Duration::from_millis(60);
/// A burst that never goes quiet still rebuilds this often.
const MAX_WAIT: Duration = Duration::from_millis(1000);

/// What the serve loop receives.
pub enum Message {
    Fs(notify::Result<notify::Event>),
    Stop,
}

/// Watches the root itself (for `arsip.toml` and folders created later) and each watched
/// folder recursively. The watcher stops when the returned value is dropped.
pub fn start(root: &Path, tx: Sender<Message>) -> Result<notify::RecommendedWatcher, Error> {
    let fail = |e: notify::Error| {
        Error::io(
            root,
            "cannot watch the site for changes",
            std::io::Error::other(e.to_string()),
        )
    };
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(Message::Fs(event));
    })
    .map_err(fail)?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(fail)?;
    for dir in WATCHED_DIRS {
        let dir = root.join(dir);
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(fail)?;
        }
    }
    Ok(watcher)
}

/// Waits for the next burst of relevant changes and returns the changed files (relative to
/// `root`, sorted, deduplicated); `None` once asked to stop. A watched folder created after
/// start (a first `static/`) gets watched too.
pub fn next_batch(
    rx: &Receiver<Message>,
    root: &Path,
    watcher: &mut impl Watcher,
) -> Option<Vec<PathBuf>> {
    let mut changed = Vec::new();
    // Wait, however long, for the first relevant event.
    while changed.is_empty() {
        match rx.recv() {
            Ok(Message::Fs(event)) => collect(event, root, watcher, &mut changed),
            Ok(Message::Stop) | Err(_) => return None,
        }
    }
    let started = Instant::now();
    while started.elapsed() < MAX_WAIT {
        match rx.recv_timeout(QUIET) {
            Ok(Message::Fs(event)) => collect(event, root, watcher, &mut changed),
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => break,
        }
    }
    changed.sort();
    changed.dedup();
    Some(changed)
}

fn collect(
    event: notify::Result<notify::Event>,
    root: &Path,
    watcher: &mut impl Watcher,
    changed: &mut Vec<PathBuf>,
) {
    let Ok(event) = event else {
        // The watcher lost track (queue overflow): rebuild anyway, naming the root.
        changed.push(PathBuf::from("."));
        return;
    };
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    for path in event.paths {
        if let Some(rel) = relevant(root, &path) {
            if rel.components().count() == 1 && path.is_dir() {
                // Watching a folder twice is harmless; failing here only loses live updates.
                let _ = watcher.watch(&path, RecursiveMode::Recursive);
            }
            changed.push(rel);
        }
    }
}

/// The path relative to `root` when a change to it should trigger a rebuild.
pub fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let in_sources = WATCHED_DIRS.contains(&first) || rel == Path::new(CONFIG_FILE);
    let name = rel.file_name()?.to_str()?;
    // Editors' swap and backup files.
    let scratch = name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913";
    (in_sources && !scratch).then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_trigger_rebuilds() {
        let root = Path::new("/site");
        let yes = |p: &str| relevant(root, &root.join(p)).is_some();
        assert!(yes("content/2016/a.md"));
        assert!(yes("templates/base.html"));
        assert!(yes("static/img/x.png"));
        assert!(yes("arsip.toml"));
        assert!(yes("content"));
        assert!(!yes("public/index.html"));
        assert!(!yes(".arsip-serve/index.html"));
        assert!(!yes("content/.a.md.swp"));
        assert!(!yes("content/a.md~"));
        assert!(!yes("README.md"));
    }
}
