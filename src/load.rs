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

/// A file's stamp: enough to see without reading it that it is the file the cache read
/// before, since an edit changes its change time (which no tool can set back).
pub use crate::sys::Stamp;

/// How long after a file's last change its stamp is trusted. File-system clocks tick
/// coarsely (up to 2 s on some file systems), so a file changed again within the same tick
/// as the build that read it would keep its stamp: such a file is read again next time.
const SETTLING: std::time::Duration = std::time::Duration::from_secs(2);

// Whether the file was last changed long enough before `now` to trust its stamp.
fn settled(stamp: &Stamp, now: std::time::SystemTime) -> bool {
    let now_ns = now
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    let limit = now_ns.saturating_sub(SETTLING.as_nanos() as i64);
    stamp.mtime_ns < limit && stamp.ctime_ns < limit
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
    let inside = SiteFolder::new(root);
    walk(root, &content, &inside, &mut |event| match event {
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
// following symbolic links that stay inside the site (a link to a folder above it, or to a
// place outside the site, is reported, not followed). Anything but files and folders (a pipe,
// a socket) is reported and never opened. Files come out in path order, folder by folder.
// Written for speed over a crate's walker: it takes each entry's type and name from the
// folder listing, never parsing a path again, and holds one folder open at a time.
fn walk(root: &Path, content: &Path, inside: &SiteFolder, found: &mut dyn FnMut(Walked)) {
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
                                format!("{UNREADABLE}: {e}"),
                            ))),
                        }
                    }
                    entries
                }
                Err(e) => {
                    found(Walked::Problem(problem(rel, format!("{UNREADABLE}: {e}"))));
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
                Some(kind) if kind.is_symlink() && !inside.holds_target_of(&child_abs) => {
                    Item::Problem(child_rel, OUTSIDE.into())
                }
                Some(kind) if kind.is_symlink() => match std::fs::metadata(&child_abs) {
                    Ok(target) if target.is_dir() => {
                        if links_to_ancestor(&child_abs, &target) {
                            Item::Problem(child_rel, "symbolic link loop; not followed".into())
                        } else {
                            Item::Folder(child_abs, child_rel)
                        }
                    }
                    Ok(target) if target.is_file() => Item::File(child_abs, child_rel, folder),
                    Ok(_) => Item::Problem(child_rel, NOT_A_FILE.into()),
                    Err(e) => Item::Problem(child_rel, format!("{UNREADABLE}: {e}")),
                },
                // Sockets, pipes and devices: never opened (a pipe would block the build).
                Some(_) => Item::Problem(child_rel, NOT_A_FILE.into()),
                None => Item::Problem(child_rel, UNREADABLE.into()),
            };
            stack.push(item);
        }
    }
}

/// How a warning about a folder or file that could not be read begins.
const UNREADABLE: &str = "cannot be read";
const NOT_A_FILE: &str = "not a regular file (a named pipe, socket or device); skipped";
const OUTSIDE: &str = "symbolic link leading outside the site folder; not followed (nothing outside the site is published)";

/// Whether `warning` says that something under `content/` could not be read, so that the site
/// built without it is incomplete (`--strict` makes that an error).
pub fn leaves_content_out(warning: &Warning) -> bool {
    warning.message.starts_with(UNREADABLE)
}

/// Where symbolic links under `content/` and `static/` may lead: inside the site folder, or
/// inside `content/` or `static/` themselves when those are links to elsewhere (issue 21).
#[derive(Debug)]
pub struct SiteFolder {
    inside: Vec<PathBuf>,
}

impl SiteFolder {
    /// The site folder `root` and its `content/` and `static/`, as their real paths.
    pub fn new(root: &Path) -> SiteFolder {
        let inside = [
            root.to_path_buf(),
            root.join("content"),
            root.join("static"),
        ]
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
        SiteFolder { inside }
    }

    /// Whether the symbolic link `link` leads inside the site. A broken link does (reading it
    /// then reports it); a link anywhere else does not.
    pub fn holds_target_of(&self, link: &Path) -> bool {
        match std::fs::canonicalize(link) {
            Ok(target) => self.inside.iter().any(|folder| target.starts_with(folder)),
            Err(_) => true,
        }
    }
}

// Whether the folder a symbolic link at `link` leads to (`target`) is one of the folders
// above the link: following it would never end.
fn links_to_ancestor(link: &Path, target: &std::fs::Metadata) -> bool {
    let Some(target) = Stamp::of(target) else {
        // No identity to compare: a loop is still stopped by the depth limit.
        return false;
    };
    link.ancestors().skip(1).any(|folder| {
        std::fs::metadata(folder)
            .ok()
            .and_then(|m| Stamp::of(&m))
            .is_some_and(|m| m.dev == target.dev && m.ino == target.ino)
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
                .map(crate::sys::Dir::open);
            batch
                .into_iter()
                .map(|(file, format)| {
                    let stamp = stamp_of(folder.as_ref(), &file.abs).filter(|s| settled(s, now));
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
fn stamp_of(folder: Option<&crate::sys::Dir>, abs: &Path) -> Option<Stamp> {
    match (folder, abs.file_name()) {
        (Some(folder), Some(name)) => folder.stamp(name, true),
        _ => Stamp::of(&std::fs::metadata(abs).ok()?),
    }
}

fn read_source(abs: &Path, path: PathBuf, format: SourceFormat) -> Result<SourceFile, Error> {
    let bytes = read_regular(abs).map_err(|e| Error::io(&path, "cannot read the file", e))?;
    let text = decode(bytes).map_err(|(offset, text)| {
        Error::content(
            &path,
            Some(Location::of_offset(&text, offset)),
            "the file is not valid UTF-8; save it as UTF-8",
        )
    })?;
    Ok(SourceFile { path, format, text })
}

// Reads a regular file. Opened without blocking and checked first, so that a pipe put in the
// place of an article after the scan is refused instead of stalling the build; for a regular
// file it costs what `std::fs::read` does (open, one stat, read).
fn read_regular(abs: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(abs)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(NOT_A_FILE));
    }
    let mut bytes = Vec::new();
    // A size hint only: a file may grow or shrink while it is read.
    let _ = bytes.try_reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The text of the source file `rel` (relative to `root`) as [`scan`]'s entries read it, or
/// `None` when it cannot be read or is not UTF-8 (reported by the build that read it).
pub fn read_text(root: &Path, rel: &Path) -> Option<String> {
    decode(read_regular(&root.join(rel)).ok()?).ok()
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
#[path = "load_tests.rs"]
mod tests;
