//! Stage 1, load: walk `content/` and read every article file into a [`SourceFile`].
//!
//! The only stage that reads `content/`. Text is normalised here (BOM dropped, CRLF to LF) so
//! that every later stage and every line number sees the same text.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::error::{Error, Location, Warning};

/// How an article file is written, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// `.md`: Markdown with YAML (`---`) or TOML (`+++`) front matter.
    Markdown,
    /// `.txt`: a news article as copied from its source, optionally with front matter.
    PlainText,
}

/// One article file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root (`content/2016/a.md`); every message uses this name.
    pub path: PathBuf,
    pub format: SourceFormat,
    pub text: String,
}

/// What the file system says of a file, enough to see without reading it that it is the
/// file the cache read before: an edit changes its change time (which no tool can set back),
/// and usually its length and modification time too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub inode: u64,
    pub modified_ns: i128,
    pub changed_ns: i128,
}

/// How long after a file's last change its stamp is trusted. File-system clocks tick
/// coarsely (up to 2 s on some file systems), so a file changed again within the same tick
/// as the build that read it would keep its stamp: such a file is read again next time.
const SETTLING: std::time::Duration = std::time::Duration::from_secs(2);

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let ns = |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
        Stamp {
            len: meta.len(),
            inode: meta.ino(),
            modified_ns: ns(meta.mtime(), meta.mtime_nsec()),
            changed_ns: ns(meta.ctime(), meta.ctime_nsec()),
        }
    }

    // Whether the file was last changed long enough before `now` to trust the stamp.
    fn settled(&self, now: std::time::SystemTime) -> bool {
        let now_ns = now
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        let limit = now_ns - SETTLING.as_nanos() as i128;
        self.modified_ns < limit && self.changed_ns < limit
    }
}

/// An article file found by [`scan`], not read yet.
#[derive(Debug, Clone)]
pub struct SourceEntry {
    abs: PathBuf,
    /// Relative to the site root, as [`SourceFile::path`].
    pub path: PathBuf,
    pub format: SourceFormat,
    /// Its stamp, when it is settled enough to be trusted next time (see [`Stamp`]).
    pub stamp: Option<Stamp>,
}

impl SourceEntry {
    /// Reads and decodes the file.
    pub fn read(&self) -> Result<SourceFile, Error> {
        read_source(&self.abs, self.path.clone(), self.format)
    }
}

/// The article files under `content/`, sorted by path, the files published beside them,
/// and the problems met finding them.
#[derive(Debug, Default)]
pub struct Scanned {
    pub entries: Vec<SourceEntry>,
    pub assets: Vec<ContentAsset>,
    pub warnings: Vec<Warning>,
}

/// What loading found: the readable articles, the files published beside them, and the
/// problems with the rest.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    pub assets: Vec<ContentAsset>,
    pub warnings: Vec<Warning>,
    pub errors: Vec<Error>,
}

/// A file under `content/` that is no article: an image, a download, a `.txt` in a page
/// bundle. Published as it is, beside its bundle's article or at its own path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentAsset {
    /// Where to read it.
    pub abs: PathBuf,
    /// Relative to the site root (`content/2016/kabar/grafik.png`).
    pub path: PathBuf,
    /// The article of the page bundle it belongs to (`content/2016/kabar/index.md`): the
    /// nearest folder above it holding an `index` article.
    pub bundle: Option<PathBuf>,
}

/// Reads every `.md` and `.txt` file under `root/content`, sorted by path.
///
/// Other files are reported as warnings; unreadable files and invalid UTF-8 are errors.
/// A missing `content/` folder is an empty site.
pub fn load(root: &Path) -> Loaded {
    let scanned = scan(root);
    let results: Vec<Result<SourceFile, Error>> =
        scanned.entries.par_iter().map(SourceEntry::read).collect();
    let mut loaded = Loaded {
        warnings: scanned.warnings,
        assets: scanned.assets,
        ..Loaded::default()
    };
    for result in results {
        match result {
            Ok(file) => loaded.files.push(file),
            Err(error) => loaded.errors.push(error),
        }
    }
    loaded
}

/// Finds every article file under `root/content`, sorted by path, with its stamp, without
/// reading any, and every other file as a [`ContentAsset`].
///
/// A folder holding an `index.md` is a page bundle: its other files, and those of its
/// subfolders, belong to that article, and a `.txt` among them is a file to publish, not a
/// news article. Outside bundles an `.html` file is an article with front matter (Hugo and
/// Jekyll allow them). `_index.md` files describe sections in Hugo and Zola; they are no articles
/// and are passed over.
pub fn scan(root: &Path) -> Scanned {
    let content = root.join("content");
    let mut scanned = Scanned::default();
    if !content.exists() {
        return scanned;
    }
    // Taken before any file is looked at: a file changed during the build is never settled.
    let now = std::time::SystemTime::now();
    let mut files = Vec::new();
    walk(root, &content, &mut |event| match event {
        Walked::File(file) => files.push(file),
        Walked::Problem(warning) => scanned.warnings.push(warning),
    });
    // Bundle folders and their article; walked in order, so `index.markdown` before `index.md`.
    let mut bundles: HashMap<&Path, &Path> = HashMap::default();
    for file in files.iter().filter(|f| is_bundle_index(&f.rel)) {
        if let Some(folder) = file.rel.parent() {
            bundles.entry(folder).or_insert(&file.rel);
        }
    }
    let bundle_of = |rel: &Path| -> Option<PathBuf> {
        // A Markdown file is always an article, never a bundle's file.
        if bundles.is_empty() || format_of(rel) == Some(SourceFormat::Markdown) {
            return None;
        }
        let folder = rel.ancestors().skip(1).find(|f| bundles.contains_key(f))?;
        bundles.get(folder).map(|index| index.to_path_buf())
    };
    let mut classified = Vec::with_capacity(files.len());
    for file in &files {
        classified.push(bundle_of(&file.rel));
    }
    drop(bundles);
    let mut found = Vec::with_capacity(files.len());
    for (file, bundle) in files.into_iter().zip(classified) {
        let name = file.rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let format = format_of(&file.abs);
        if name.starts_with("_index.") && format == Some(SourceFormat::Markdown) {
            continue;
        }
        // Hugo and Jekyll posts may be HTML with front matter: outside a bundle, an `.html`
        // file is an article, read as Markdown (which passes HTML through its rules).
        let format = format.or_else(|| {
            let html = matches!(
                file.rel.extension().and_then(|e| e.to_str()),
                Some("html" | "htm")
            );
            (html && bundle.is_none()).then_some(SourceFormat::Markdown)
        });
        match format {
            Some(SourceFormat::PlainText) if bundle.is_some() => {}
            Some(format) => {
                found.push((file, format));
                continue;
            }
            None => {}
        }
        scanned.assets.push(ContentAsset {
            abs: file.abs,
            path: file.rel,
            bundle,
        });
    }
    scanned.entries = stamp_all(found, now);
    scanned
}

/// A file found by [`walk`].
struct FoundFile {
    abs: PathBuf,
    /// Relative to the site root.
    rel: PathBuf,
    /// Which folder it was found in, numbered in walk order.
    folder: usize,
}

/// What [`walk`] meets: a file, or a problem with a folder or link.
enum Walked {
    File(FoundFile),
    Problem(Warning),
}

// Walks `content` depth first, each folder's entries sorted by name, skipping hidden ones and
// following symbolic links (a link to a folder above it is reported, not followed). Files
// come out in path order, folder by folder. Written for speed over a crate's walker: it takes
// each entry's type and name from the folder listing, never parsing a path again, and holds
// one folder open at a time, however deep.
fn walk(root: &Path, content: &Path, found: &mut dyn FnMut(Walked)) {
    enum Item {
        Folder(PathBuf, PathBuf),
        File(PathBuf, PathBuf, usize),
        Problem(PathBuf, String),
    }
    let rel_content = relative(root, content);
    let mut stack = vec![Item::Folder(content.to_path_buf(), rel_content)];
    let mut folders = 0;
    while let Some(item) = stack.pop() {
        let (abs, rel) = match item {
            Item::File(abs, rel, folder) => {
                found(Walked::File(FoundFile { abs, rel, folder }));
                continue;
            }
            Item::Problem(rel, message) => {
                found(Walked::Problem(problem(rel, message)));
                continue;
            }
            Item::Folder(abs, rel) => (abs, rel),
        };
        let folder = folders;
        folders += 1;
        let mut entries: Vec<(std::ffi::OsString, Option<std::fs::FileType>)> =
            match std::fs::read_dir(&abs) {
                Ok(listing) => {
                    let mut entries = Vec::new();
                    for entry in listing {
                        match entry {
                            Ok(entry) => entries.push((entry.file_name(), entry.file_type().ok())),
                            Err(e) => found(Walked::Problem(problem(
                                rel.clone(),
                                format!("cannot be read: {e}"),
                            ))),
                        }
                    }
                    entries
                }
                Err(e) => {
                    found(Walked::Problem(problem(
                        rel,
                        format!("cannot be read: {e}"),
                    )));
                    continue;
                }
            };
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Pushed last to first, so that they come off the stack in order.
        for (name, kind) in entries.into_iter().rev() {
            if is_hidden(&name) {
                continue;
            }
            let (child_abs, child_rel) = (abs.join(&name), rel.join(&name));
            let item = match kind {
                Some(kind) if kind.is_dir() => Item::Folder(child_abs, child_rel),
                Some(kind) if kind.is_file() => Item::File(child_abs, child_rel, folder),
                Some(kind) if kind.is_symlink() => match std::fs::metadata(&child_abs) {
                    Ok(target) if target.is_dir() => {
                        if links_to_ancestor(&child_abs, &target) {
                            Item::Problem(child_rel, "symbolic link loop; not followed".into())
                        } else {
                            Item::Folder(child_abs, child_rel)
                        }
                    }
                    Ok(target) if target.is_file() => Item::File(child_abs, child_rel, folder),
                    Ok(_) => continue,
                    Err(e) => Item::Problem(child_rel, format!("cannot be read: {e}")),
                },
                // Sockets, pipes and devices are no articles, and not worth a word.
                Some(_) => continue,
                None => Item::Problem(child_rel, "cannot be read".into()),
            };
            stack.push(item);
        }
    }
}

// Whether the folder a symbolic link at `link` leads to (`target`) is one of the folders
// above the link: following it would never end.
fn links_to_ancestor(link: &Path, target: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    link.ancestors().skip(1).any(|folder| {
        std::fs::metadata(folder).is_ok_and(|m| m.dev() == target.dev() && m.ino() == target.ino())
    })
}

// A warning about `path`, shortened when it is very deep.
fn problem(mut path: PathBuf, mut message: String) -> Warning {
    // Issue 6: 5,000 nested folders made a 10,000-character warning.
    let depth = path.components().count();
    if depth > LONGEST_SHOWN_PATH {
        path = shortened(&path);
        message.push_str(&format!(" ({depth} folders deep)"));
    }
    Warning {
        path,
        location: None,
        message,
    }
}

// The most files one job stamps: a folder of thousands of articles is still shared out.
const STAMP_BATCH: usize = 256;

// Stamps the files `found` (in walk order, so a folder's files lie side by side), keeping
// their order. One `stat` per file is the bulk of a scan: each folder is opened once and its
// files are stamped by name, in parallel batches.
fn stamp_all(
    found: Vec<(FoundFile, SourceFormat)>,
    now: std::time::SystemTime,
) -> Vec<SourceEntry> {
    let mut batches: Vec<Vec<(FoundFile, SourceFormat)>> = Vec::new();
    for item in found {
        let same_folder = batches
            .last()
            .and_then(|b| b.last())
            .is_some_and(|(file, _)| file.folder == item.0.folder);
        match batches.last_mut() {
            Some(batch) if same_folder && batch.len() < STAMP_BATCH => batch.push(item),
            _ => batches.push(vec![item]),
        }
    }
    let stamped: Vec<Vec<SourceEntry>> = batches
        .into_par_iter()
        .map(|batch| {
            let folder = batch
                .first()
                .and_then(|(file, _)| file.abs.parent())
                .and_then(|dir| std::fs::File::open(dir).ok());
            batch
                .into_iter()
                .map(|(file, format)| {
                    let stamp = stamp_of(folder.as_ref(), &file.abs).filter(|s| s.settled(now));
                    SourceEntry {
                        abs: file.abs,
                        path: file.rel,
                        format,
                        stamp,
                    }
                })
                .collect()
        })
        .collect();
    // Into a vector made at its size (a flattening collect grows it step by step).
    let mut entries = Vec::with_capacity(stamped.iter().map(Vec::len).sum());
    for batch in stamped {
        entries.extend(batch);
    }
    entries
}

// The stamp of file `abs`, by its name in its open folder where there is one, following a
// symbolic link as reading it does.
// Elsewhere than Linux the folder goes unused: every file is stamped by its path.
#[cfg_attr(not(target_os = "linux"), allow(unused_variables))]
fn stamp_of(folder: Option<&std::fs::File>, abs: &Path) -> Option<Stamp> {
    #[cfg(target_os = "linux")]
    if let (Some(folder), Some(name)) = (folder, abs.file_name()) {
        let stat = crate::stat_at::stat_at(folder, name, true)?;
        return Some(Stamp {
            len: stat.len,
            inode: stat.ino,
            modified_ns: i128::from(stat.mtime_ns),
            changed_ns: i128::from(stat.ctime_ns),
        });
    }
    std::fs::metadata(abs).ok().map(|meta| Stamp::of(&meta))
}

fn read_source(abs: &Path, path: PathBuf, format: SourceFormat) -> Result<SourceFile, Error> {
    let bytes = std::fs::read(abs).map_err(|e| Error::io(&path, "cannot read the file", e))?;
    let text = decode(bytes).map_err(|(offset, text)| {
        Error::content(
            &path,
            Some(Location::of_offset(&text, offset)),
            "the file is not valid UTF-8; save it as UTF-8",
        )
    })?;
    Ok(SourceFile { path, format, text })
}

/// Decodes UTF-8, dropping a byte-order mark and turning CRLF and lone CR into LF. On invalid UTF-8 it
/// returns the offset of the first bad byte and the valid text before it (for the line number).
pub fn decode(bytes: Vec<u8>) -> Result<String, (usize, String)> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let before = String::from_utf8_lossy(&bytes[..valid]).into_owned();
        (valid, before)
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    // A lone CR (old Mac files) ends a line for YAML and Markdown too; turning it into LF
    // keeps every parser's line numbers equal to ours (found by fuzzing, issue 6).
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

// Whether `rel` is the article of a page bundle: `index.md` (or another Markdown extension).
fn is_bundle_index(rel: &Path) -> bool {
    rel.file_stem().is_some_and(|s| s == "index") && format_of(rel) == Some(SourceFormat::Markdown)
}

fn format_of(path: &Path) -> Option<SourceFormat> {
    match path.extension()?.to_str()? {
        "md" | "markdown" | "mdown" => Some(SourceFormat::Markdown),
        "txt" => Some(SourceFormat::PlainText),
        _ => None,
    }
}

// Editor swap files, `.git` and the like are never articles.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

// Paths deeper than this are shown by their first and last folders only.
const LONGEST_SHOWN_PATH: usize = 12;

fn shortened(path: &Path) -> PathBuf {
    let parts: Vec<_> = path.components().map(|c| c.as_os_str()).collect();
    let mut short = PathBuf::new();
    for part in parts.iter().take(4) {
        short.push(part);
    }
    short.push("…");
    for part in parts.iter().skip(parts.len().saturating_sub(4)) {
        short.push(part);
    }
    short
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_is_trusted_only_once_the_file_has_settled() {
        let at = |secs: u64| std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        let stamp = Stamp {
            len: 1,
            inode: 2,
            modified_ns: 1_000_000_000_000,
            changed_ns: 1_000_000_000_000,
        };
        assert!(stamp.settled(at(1_003)));
        assert!(!stamp.settled(at(1_001)));
        let changed_later = Stamp {
            changed_ns: 1_002_000_000_000,
            ..stamp
        };
        assert!(!changed_later.settled(at(1_003)));
    }

    #[test]
    fn scanning_reads_nothing_and_finds_articles_in_path_order() {
        let root = tempfile::tempdir().expect("temporary folder");
        let content = root.path().join("content");
        std::fs::create_dir_all(content.join("b")).expect("mkdir");
        std::fs::write(content.join("b/z.md"), "x").expect("write");
        std::fs::write(content.join("a.txt"), "x").expect("write");
        std::fs::write(content.join("gambar.png"), "x").expect("write");
        let scanned = scan(root.path());
        let paths: Vec<&Path> = scanned.entries.iter().map(|e| e.path.as_path()).collect();
        assert_eq!(
            paths,
            [Path::new("content/a.txt"), Path::new("content/b/z.md")]
        );
        // Just written: not settled, so not to be trusted next time.
        assert!(scanned.entries.iter().all(|e| e.stamp.is_none()));
        // A file that is no article is published as it is, at its own path.
        let assets: Vec<&Path> = scanned.assets.iter().map(|a| a.path.as_path()).collect();
        assert_eq!(assets, [Path::new("content/gambar.png")]);
        assert_eq!(scanned.assets[0].bundle, None);
        assert!(scanned.warnings.is_empty());
        std::fs::remove_file(content.join("a.txt")).expect("remove");
        assert!(scanned.entries[0].read().is_err());
    }

    #[test]
    fn bundle_files_and_sections_are_told_apart_from_articles() {
        let root = tempfile::tempdir().expect("temporary folder");
        let content = root.path().join("content");
        std::fs::create_dir_all(content.join("kabar/data")).expect("mkdir");
        for name in [
            "_index.md",
            "catatan.txt",
            "2016-02-18-lama.markdown",
            "lain.mdown",
            "kabar/index.md",
            "kabar/lampiran.txt",
            "kabar/grafik.png",
            "kabar/data/tabel.csv",
            "kabar/tambahan.md",
            "kabar/peta.html",
            "lama.html",
        ] {
            std::fs::write(content.join(name), "x").expect("write");
        }
        let scanned = scan(root.path());
        let entries: Vec<(&Path, SourceFormat)> = scanned
            .entries
            .iter()
            .map(|e| (e.path.as_path(), e.format))
            .collect();
        assert_eq!(
            entries,
            [
                (
                    Path::new("content/2016-02-18-lama.markdown"),
                    SourceFormat::Markdown
                ),
                (Path::new("content/catatan.txt"), SourceFormat::PlainText),
                (Path::new("content/kabar/index.md"), SourceFormat::Markdown),
                (
                    Path::new("content/kabar/tambahan.md"),
                    SourceFormat::Markdown
                ),
                (Path::new("content/lain.mdown"), SourceFormat::Markdown),
                (Path::new("content/lama.html"), SourceFormat::Markdown),
            ]
        );
        let assets: Vec<(&Path, Option<&Path>)> = scanned
            .assets
            .iter()
            .map(|a| (a.path.as_path(), a.bundle.as_deref()))
            .collect();
        let index = Some(Path::new("content/kabar/index.md"));
        assert_eq!(
            assets,
            [
                (Path::new("content/kabar/data/tabel.csv"), index),
                (Path::new("content/kabar/grafik.png"), index),
                (Path::new("content/kabar/lampiran.txt"), index),
                (Path::new("content/kabar/peta.html"), index),
            ]
        );
        assert!(scanned.warnings.is_empty(), "{:?}", scanned.warnings);
    }

    #[test]
    fn the_walk_follows_links_skips_hidden_entries_and_reports_loops_and_broken_links() {
        use std::os::unix::fs::symlink;
        let root = tempfile::tempdir().expect("temporary folder");
        let content = root.path().join("content");
        std::fs::create_dir_all(content.join("b")).expect("mkdir");
        std::fs::create_dir_all(content.join(".git")).expect("mkdir");
        std::fs::write(content.join("b/z.md"), "x").expect("write");
        std::fs::write(content.join("a.txt"), "x").expect("write");
        std::fs::write(content.join(".swap.md"), "x").expect("write");
        std::fs::write(content.join(".git/x.md"), "x").expect("write");
        symlink("b", content.join("linked")).expect("symlink");
        symlink("a.txt", content.join("c.md")).expect("symlink");
        symlink(".", content.join("loop")).expect("symlink");
        symlink("missing.md", content.join("broken.md")).expect("symlink");
        let scanned = scan(root.path());
        let paths: Vec<&Path> = scanned.entries.iter().map(|e| e.path.as_path()).collect();
        assert_eq!(
            paths,
            [
                Path::new("content/a.txt"),
                Path::new("content/b/z.md"),
                Path::new("content/c.md"),
                Path::new("content/linked/z.md"),
            ]
        );
        let mut warnings: Vec<String> = scanned
            .warnings
            .iter()
            .map(|w| format!("{}: {}", w.path.display(), w.message))
            .collect();
        warnings.sort();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with("content/broken.md: cannot be read: "));
        assert_eq!(
            warnings[1],
            "content/loop: symbolic link loop; not followed"
        );
        // A linked file reads as the file it leads to.
        let direct = scanned.entries[0].read().expect("read");
        let linked = scanned.entries[2].read().expect("read");
        assert_eq!(direct.text, linked.text);
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = decode(b"\xef\xbb\xbftitle\r\nline\r\n".to_vec()).expect("valid");
        assert_eq!(text, "title\nline\n");
    }

    #[test]
    fn lone_carriage_returns_are_line_ends_for_every_parser() {
        // Fuzz finding (front_matter): YAML counted each lone CR as a line, we did not, so an
        // error pointed at line 59 of a 5-line file.
        let text = decode(b"---\ntitle: A\r\r\r\r\rtags: [a\n---\nBody\r".to_vec()).expect("valid");
        assert_eq!(text, "---\ntitle: A\n\n\n\n\ntags: [a\n---\nBody\n");
        let split = crate::parse::front_matter::split(&text).expect("closed");
        let (kind, front) = split.front.expect("front matter");
        let error = crate::parse::front_matter::deserialize(kind, front, split.front_line)
            .expect_err("unclosed list");
        assert!(error.location.line <= text.lines().count(), "{error:?}");
    }

    #[test]
    fn very_deep_paths_are_shortened_for_messages() {
        let deep: PathBuf = std::iter::once("content")
            .chain(std::iter::repeat_n("d", 5000))
            .collect();
        assert_eq!(shortened(&deep), Path::new("content/d/d/d/…/d/d/d/d"));
    }

    #[test]
    fn invalid_utf8_reports_the_offset_of_the_first_bad_byte() {
        let (offset, before) = decode(b"ok\nbad \xff here".to_vec()).expect_err("invalid");
        assert_eq!(offset, 7);
        assert_eq!(Location::of_offset(&before, offset).line, 2);
    }
}
