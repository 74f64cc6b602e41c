//! Folder stamps: proof that the output's folders still hold the names a build left in them,
//! without reading them. Creating, deleting or renaming an entry changes a folder's
//! modification time, and its change time cannot be set back, so a folder whose device, inode
//! and times match the record holds what the last build left. Times come from a coarse clock:
//! "now" is read from the file system itself ([`Now`]) before a folder's content is known, and
//! a folder changed too close to it is recorded unproven, to be read by the next check.

use rustc_hash::FxHashSet as HashSet;
use std::fs::Metadata;
use std::path::Path;

use rayon::prelude::*;

use crate::hash::hash_bytes;

/// A folder's stamp (see [`crate::sys::Stamp`]): while a folder keeps it, no entry was
/// created, deleted or renamed in it.
pub use crate::sys::Stamp as DirStamp;

/// The stamps of every folder of an output folder, as a build left it.
///
/// The paths are kept in one string, not one `String` a folder: tens of thousands of them are
/// read and written on every build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stamps {
    /// The hash (`cache::hash_bytes`) of the manifest whose folders these are: the stamps
    /// prove nothing about an output holding another manifest.
    pub manifest: u64,
    /// The folders' paths, a newline between two.
    paths: String,
    /// Where each folder's path starts in `paths`.
    starts: Vec<u32>,
    stamps: Vec<Option<DirStamp>>,
}

impl Stamps {
    /// The stamps of `dirs`: every folder the manifest's files need (relative path, `""` for
    /// the output itself), sorted by path, with its stamp, or `None` for a folder the next
    /// check must read. `None` unless the paths are strictly increasing, start with the
    /// output itself and hold no newline.
    pub fn new<'a>(
        manifest: u64,
        dirs: impl IntoIterator<Item = (&'a str, Option<DirStamp>)>,
    ) -> Option<Stamps> {
        let mut paths = String::new();
        let mut stamps = Vec::new();
        for (i, (dir, stamp)) in dirs.into_iter().enumerate() {
            if i > 0 {
                paths.push('\n');
            }
            paths.push_str(dir);
            stamps.push(stamp);
        }
        Stamps::from_parts(manifest, paths, stamps)
    }

    /// The stamps of the folders whose paths `paths` lists, a newline between two, in the
    /// order of `stamps`; checked as [`Stamps::new`] does.
    pub fn from_parts(
        manifest: u64,
        paths: String,
        stamps: Vec<Option<DirStamp>>,
    ) -> Option<Stamps> {
        u32::try_from(paths.len()).ok()?;
        let mut starts = Vec::with_capacity(stamps.len());
        starts.push(0);
        starts.extend(paths.match_indices('\n').map(|(i, _)| i as u32 + 1));
        let all = Stamps {
            manifest,
            paths,
            starts,
            stamps,
        };
        let sorted = (1..all.len()).all(|i| all.path(i - 1) < all.path(i));
        let root_first = !all.is_empty() && all.path(0).is_empty();
        (all.starts.len() == all.stamps.len() && sorted && root_first).then_some(all)
    }

    /// Stamps that prove nothing: every folder of `manifest` is to be read.
    pub fn unproven(manifest: &str) -> Stamps {
        let dirs = dirs_of(manifest).into_iter().map(|dir| (dir, None));
        Stamps::new(hash_bytes(manifest.as_bytes()), dirs).unwrap_or_default()
    }

    /// How many folders there are.
    pub fn len(&self) -> usize {
        self.stamps.len()
    }

    /// Whether there is no folder, not even the output itself.
    pub fn is_empty(&self) -> bool {
        self.stamps.is_empty()
    }

    /// The path of folder `i`.
    pub fn path(&self, i: usize) -> &str {
        let start = self.starts[i] as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.paths.len(), |next| *next as usize - 1);
        &self.paths[start..end]
    }

    /// The stamp of folder `i`.
    pub fn stamp(&self, i: usize) -> Option<DirStamp> {
        self.stamps[i]
    }

    /// Every folder's path and stamp, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Option<DirStamp>)> {
        (0..self.len()).map(|i| (self.path(i), self.stamps[i]))
    }

    /// The folders' paths, a newline between two.
    pub fn paths(&self) -> &str {
        &self.paths
    }

    /// Where folder `path` is, if it is one.
    pub(super) fn find(&self, path: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.path(middle).cmp(path) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(middle),
            }
        }
        None
    }

    pub(super) fn set(&mut self, i: usize, stamp: Option<DirStamp>) {
        self.stamps[i] = stamp;
    }
}

/// A moment read from the output's file system, with how far apart two of its time stamps
/// must be to be told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Now {
    at: i64,
    window: i64,
}

impl Now {
    /// "Now" by the file system: the modification time of an entry just made there. The
    /// system clock is not used, as the file system's clock may be coarser, or another
    /// machine's (a network file system).
    pub(super) fn of(meta: &Metadata) -> Option<Now> {
        let at = DirStamp::of(meta)?.mtime_ns;
        // One tick of the clock time stamps come from is 1-10 ms on Linux, so 50 ms is safely
        // more than one. Whole seconds mean a file system that keeps no fractions (1 s, or 2 s
        // for FAT): allow 2 s. A fine time that happens to fall on a whole second only makes
        // the window wider than it needs to be.
        let window = if at % 1_000_000_000 == 0 {
            2_000_000_000
        } else {
            50_000_000
        };
        Some(Now { at, window })
    }

    /// Reads "now" by making `path` (which must not exist) a folder and removing it again;
    /// `None` if that fails.
    pub(super) fn probe(path: &Path) -> Option<Now> {
        std::fs::create_dir(path).ok()?;
        let now = std::fs::metadata(path).ok().and_then(|m| Now::of(&m));
        let _ = std::fs::remove_dir(path);
        now
    }

    /// Whether a folder with `stamp` last changed far enough before this moment that any later
    /// change is sure to give it other times.
    pub(super) fn settled(self, stamp: &DirStamp) -> bool {
        stamp.mtime_ns.max(stamp.ctime_ns) < self.at.saturating_sub(self.window)
    }
}

/// The output folder, opened once so that its folders are stamped by paths relative to it:
/// one `fstatat` each, the cheapest way to ask for a folder's times.
pub(super) struct Output(crate::sys::Dir);

impl Output {
    /// Opens `path` (following a symbolic link, as `read_dir` does).
    pub(super) fn open(path: &Path) -> Output {
        Output(crate::sys::Dir::open(path))
    }

    /// The stamp of folder `dir` (`""` for the output itself), or `None` if it is not a
    /// folder (or not there). A symbolic link inside the output is no folder.
    pub(super) fn stamp(&self, dir: &str) -> Option<DirStamp> {
        self.0
            .stamp(dir.as_ref(), dir.is_empty())
            .filter(|s| s.is_dir)
    }
}

/// Stamps every folder of `manifest` in `output`, in parallel: those settled by `now` get
/// their stamp, the rest (and all of them without `now`) are unproven. Called once `output`
/// holds exactly `manifest`'s files, with `now` read before that was known.
pub(super) fn record(output: &Path, manifest: &str, now: Option<Now>) -> Stamps {
    let folders = Output::open(output);
    let dirs = dirs_of(manifest);
    let stamps: Vec<Option<DirStamp>> = dirs
        .par_iter()
        .map(|dir| now.and_then(|now| folders.stamp(dir).filter(|s| now.settled(s))))
        .collect();
    let hash = hash_bytes(manifest.as_bytes());
    Stamps::new(hash, dirs.into_iter().zip(stamps)).unwrap_or_default()
}

/// The stamps of the output after an update that wrote or removed the files `changed`, from
/// those the check before it gave (`checked`). A folder the update changes (one holding a
/// changed file, and every folder above it) is recorded unproven: its content was known only
/// before the update, and someone else's change made during the update would look like ours.
/// Every other folder keeps its stamp.
pub(super) fn after_update<'p>(
    checked: Option<Stamps>,
    changed: impl Iterator<Item = &'p str>,
    manifest: &str,
) -> Stamps {
    let mut touched: HashSet<&str> = HashSet::default();
    touched.insert("");
    for path in changed {
        let mut dir = parent(path);
        while let Some(d) = dir {
            if !touched.insert(d) {
                break;
            }
            dir = parent(d);
        }
    }
    let hash = hash_bytes(manifest.as_bytes());
    let checked = checked.unwrap_or_default();
    // The same files need the same folders: only the touched ones change.
    if checked.manifest == hash && !checked.is_empty() {
        let mut after = checked;
        for dir in touched {
            if let Some(i) = after.find(dir) {
                after.set(i, None);
            }
        }
        return after;
    }
    // Both lists are sorted by path: one pass matches them up.
    let mut old = checked.iter().peekable();
    let dirs = dirs_of(manifest).into_iter().map(|dir| {
        while old.next_if(|(d, _)| *d < dir).is_some() {}
        let kept = old.next_if(|(d, _)| *d == dir).and_then(|(_, stamp)| stamp);
        (dir, kept.filter(|_| !touched.contains(dir)))
    });
    Stamps::new(hash, dirs).unwrap_or_default()
}

/// Every folder the files listed in `manifest` (one relative path a line) need, the output
/// itself (`""`) included, sorted.
pub(super) fn dirs_of(manifest: &str) -> Vec<&str> {
    let mut seen: HashSet<&str> = HashSet::default();
    seen.insert("");
    for line in manifest.lines() {
        let mut dir = line.rsplit_once('/').map(|(d, _)| d);
        while let Some(d) = dir {
            // Its parents are in already.
            if !seen.insert(d) {
                break;
            }
            dir = d.rsplit_once('/').map(|(p, _)| p);
        }
    }
    let mut dirs: Vec<&str> = seen.into_iter().collect();
    dirs.sort_unstable();
    dirs
}

/// The folder holding `path` (`""` for the output itself), or `None` for the output itself.
pub(super) fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    Some(path.rsplit_once('/').map_or("", |(p, _)| p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dirs_of_lists_every_folder_once_sorted_with_the_root() {
        let manifest = "index.html\n2016/02/18/a/index.html\n2016/02/19/b/index.html\nrss.xml\n";
        assert_eq!(
            dirs_of(manifest),
            [
                "",
                "2016",
                "2016/02",
                "2016/02/18",
                "2016/02/18/a",
                "2016/02/19",
                "2016/02/19/b"
            ]
        );
    }

    #[test]
    fn parent_of_a_path_is_its_folder() {
        assert_eq!(parent("a/b/c.html"), Some("a/b"));
        assert_eq!(parent("c.html"), Some(""));
        assert_eq!(parent(""), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_changed_within_the_window_of_now_is_not_settled() {
        let dir = tempfile::tempdir().expect("temp");
        let stamp = Output::open(dir.path()).stamp("").expect("stamp");
        let at = stamp.mtime_ns.max(stamp.ctime_ns);
        let fine = Now {
            at,
            window: 50_000_000,
        };
        assert!(!fine.settled(&stamp), "changed at now");
        assert!(
            !Now {
                at: at + 49_000_000,
                ..fine
            }
            .settled(&stamp)
        );
        assert!(
            Now {
                at: at + 51_000_000,
                ..fine
            }
            .settled(&stamp)
        );
    }

    #[test]
    fn whole_second_times_widen_the_window() {
        let dir = tempfile::tempdir().expect("temp");
        let meta = std::fs::metadata(dir.path()).expect("stat");
        let Some(now) = Now::of(&meta) else {
            return;
        };
        let expected = if now.at % 1_000_000_000 == 0 {
            2_000_000_000
        } else {
            50_000_000
        };
        assert_eq!(now.window, expected);
    }

    #[cfg(unix)]
    #[test]
    fn record_stamps_only_folders_settled_before_now() {
        let dir = tempfile::tempdir().expect("temp");
        let output = dir.path();
        std::fs::create_dir(output.join("old")).expect("mkdir");
        std::thread::sleep(std::time::Duration::from_millis(60));
        std::fs::create_dir(output.join("new")).expect("mkdir");
        let old = Output::open(output).stamp("old").expect("stamp");
        let new = Output::open(output).stamp("new").expect("stamp");
        if new.mtime_ns % 1_000_000_000 == 0 {
            return; // A file system with whole-second times: 60 ms apart may be one second.
        }
        // "Now" as the folder "new" was made: "old" has settled, "new" and the output itself
        // (which changed when "new" was made) are racy.
        let now = Now {
            at: new.mtime_ns.max(new.ctime_ns),
            window: 50_000_000,
        };
        let manifest = "old/a.html\nnew/b.html\n";
        let stamps = record(output, manifest, Some(now));
        let got: Vec<(&str, Option<DirStamp>)> = stamps.iter().collect();
        assert_eq!(got, [("", None), ("new", None), ("old", Some(old))]);
        assert_eq!(stamps.manifest, hash_bytes(manifest.as_bytes()));
        // Without a "now", nothing is stamped.
        let none = record(output, manifest, None);
        assert!(none.iter().all(|(_, s)| s.is_none()));
    }

    #[test]
    fn an_update_unproves_the_folders_it_changes_and_keeps_the_rest() {
        let stamp = DirStamp {
            is_dir: true,
            dev: 1,
            ino: 2,
            len: 0,
            mtime_ns: 3,
            ctime_ns: 4,
        };
        let folders = ["", "gone", "x", "x/y", "z"];
        let checked = Stamps::new(0, folders.map(|d| (d, Some(stamp))));
        let manifest = "a.html\nnew/n.html\nx/b.html\nx/y/c.html\nz/d.html\n";
        let changed = ["x/y/c.html", "new/n.html", "gone/g.html"];
        let after = after_update(checked, changed.into_iter(), manifest);
        let got: Vec<(&str, bool)> = after.iter().map(|(d, s)| (d, s.is_some())).collect();
        assert_eq!(
            got,
            [
                ("", false),
                ("new", false),
                ("x", false),
                ("x/y", false),
                ("z", true)
            ]
        );
        assert_eq!(after.manifest, hash_bytes(manifest.as_bytes()));
    }

    #[test]
    fn an_update_of_the_same_files_unproves_only_the_folders_it_changes() {
        let stamp = DirStamp {
            is_dir: true,
            dev: 1,
            ino: 2,
            len: 0,
            mtime_ns: 3,
            ctime_ns: 4,
        };
        let manifest = "a.html\nx/b.html\nx/y/c.html\nz/d.html\n";
        let hash = hash_bytes(manifest.as_bytes());
        let folders = ["", "x", "x/y", "z"];
        let checked = Stamps::new(hash, folders.map(|d| (d, Some(stamp))));
        let after = after_update(checked, ["x/y/c.html"].into_iter(), manifest);
        let got: Vec<(&str, bool)> = after.iter().map(|(d, s)| (d, s.is_some())).collect();
        assert_eq!(
            got,
            [("", false), ("x", false), ("x/y", false), ("z", true)]
        );
        // The same as from a check of another manifest, which rebuilds the folder list.
        let other = Stamps::new(0, folders.map(|d| (d, Some(stamp))));
        assert_eq!(
            after_update(other, ["x/y/c.html"].into_iter(), manifest),
            after
        );
    }

    #[test]
    fn stamps_find_and_give_back_every_folder() {
        let folders = ["", "2016", "2016/02", "2016/02/18", "tags", "tags/a"];
        let stamps = Stamps::new(1, folders.map(|d| (d, None))).expect("sorted");
        assert_eq!(stamps.len(), folders.len());
        for (i, folder) in folders.iter().enumerate() {
            assert_eq!(stamps.path(i), *folder);
            assert_eq!(stamps.find(folder), Some(i));
        }
        assert_eq!(stamps.find("2016/03"), None);
        assert_eq!(stamps.find("zz"), None);
        assert_eq!(stamps.paths(), "\n2016\n2016/02\n2016/02/18\ntags\ntags/a");
        let only_root = Stamps::new(1, [("", None)]).expect("root");
        assert_eq!((only_root.len(), only_root.find("")), (1, Some(0)));
    }
}
