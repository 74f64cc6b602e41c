//! The build cache in `.arsip-cache/` at the site root, for incremental builds: `articles`
//! (every parsed article but its body, with its source's hash and stamp), `bodies` (the
//! bodies, read only for pages rendered again) and `output` (the output folder it describes:
//! its manifest's hash, its folders' stamps, each output file's input hash). Every file starts
//! with a format tag and the configuration's hash; one that is missing, damaged or of another
//! version reads as "no cache", never as an error. `output` is deleted before a build changes
//! the output folder in place and written once every file is in place: it doubles as a journal.

mod articles;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeZone};

use crate::error::{Location, Warning};
pub use crate::hash::{Hash64, hash_bytes};
use crate::sys::Stamp;
use crate::write::Stamps;

pub use articles::{
    ArticleRecords, ArticleToSave, Bodies, BodyRef, CachedArticle, CachedArticles, RecordRef,
    has_site_links, read_articles, write_articles,
};

/// The cache folder's name under the site root.
pub const CACHE_DIR: &str = ".arsip-cache";
const OUTPUT_FILE: &str = "output";
pub(crate) const FORMAT: &[u8; 8] = b"ARSIPC12";

/// What the cache remembers of the output folder, as read back.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OutputRecord {
    /// The output folder, as configured.
    pub output: String,
    /// The hash of its `.arsip-manifest`.
    pub manifest: u64,
    /// The stamps of its folders, as the build that wrote it left them.
    pub stamps: Option<Stamps>,
    /// What the whole output was made from, when a build with the same inputs may skip
    /// everything (see `build::unchanged`).
    pub inputs: Option<Inputs>,
    /// Every output file (relative path) and the hash of its inputs.
    pub files: OutputFiles,
}

/// Output files (relative paths) with the hashes of their inputs, sorted by path: read in
/// the order they were written, with no map to build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OutputFiles(Vec<(String, u64)>);

impl OutputFiles {
    /// `files` as they are if their paths are strictly increasing, else `None`.
    pub fn new(files: Vec<(String, u64)>) -> Option<OutputFiles> {
        files
            .windows(2)
            .all(|pair| pair[0].0 < pair[1].0)
            .then_some(OutputFiles(files))
    }

    /// Every file and its hash, sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.0.iter().map(|(p, h)| (p.as_str(), *h))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The fingerprint of everything a build read (configuration, sources by stamp, templates,
/// static files), with the counts and warnings its report gave.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inputs {
    pub fingerprint: u64,
    pub articles: u64,
    pub skipped: u64,
    /// What the site's content warned of (URLs already taken and the like): the same inputs
    /// give the same warnings, which a build that does nothing repeats.
    pub warnings: Vec<Warning>,
}

pub(crate) fn dir(root: &Path) -> PathBuf {
    root.join(CACHE_DIR)
}

/// What the cache knows of the output folder, if anything.
pub fn read_output(root: &Path, global: u64) -> Option<OutputRecord> {
    let bytes = std::fs::read(dir(root).join(OUTPUT_FILE)).ok()?;
    let mut r = Reader::new(&bytes, global)?;
    let output = r.string()?;
    let manifest = r.u64()?;
    let inputs = read_inputs(&mut r)?;
    let stamps = read_stamps(&mut r)?;
    let count = r.len()?;
    let mut files = Vec::with_capacity(count.min(1 << 24));
    for _ in 0..count {
        let path = r.string()?;
        files.push((path, r.u64()?));
    }
    let files = OutputFiles::new(files)?;
    r.finished().then_some(OutputRecord {
        output,
        manifest,
        stamps,
        inputs,
        files,
    })
}

/// The folder stamps of the output record, if it describes `output`, whatever configuration it
/// was built with: for a build that cannot reuse the rest of the record.
pub fn read_output_stamps(root: &Path, output: &str) -> Option<Stamps> {
    let bytes = std::fs::read(dir(root).join(OUTPUT_FILE)).ok()?;
    let mut r = Reader::any_global(&bytes)?;
    if r.string()? != output {
        return None;
    }
    r.u64()?;
    read_inputs(&mut r)?;
    read_stamps(&mut r)?
}

fn read_inputs(r: &mut Reader) -> Option<Option<Inputs>> {
    match r.u64()? {
        0 => Some(None),
        1 => {
            let (fingerprint, articles, skipped) = (r.u64()?, r.u64()?, r.u64()?);
            let count = r.len()?;
            let mut warnings = Vec::with_capacity(count.min(1 << 16));
            for _ in 0..count {
                let path = PathBuf::from(r.string()?);
                let location = match r.u64()? {
                    0 => None,
                    1 => Some(Location {
                        line: r.len()?,
                        column: r.len()?,
                    }),
                    _ => return None,
                };
                let message = r.string()?;
                warnings.push(Warning {
                    path,
                    location,
                    message,
                });
            }
            Some(Some(Inputs {
                fingerprint,
                articles,
                skipped,
                warnings,
            }))
        }
        _ => None,
    }
}

/// Removes the temporary files (`*.tmp-PID`) that builds killed while saving left in the
/// cache folder; those of live processes stay. Called under the site's lock.
pub fn remove_stale_temporaries(root: &Path) {
    let Ok(entries) = std::fs::read_dir(dir(root)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((_, pid)) = name.to_str().and_then(|n| n.rsplit_once(".tmp-")) else {
            continue;
        };
        if !pid.parse::<u32>().is_ok_and(crate::sys::process_alive) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Forgets the output record: called before the output folder is changed in place.
pub fn forget_output(root: &Path) {
    let _ = std::fs::remove_file(dir(root).join(OUTPUT_FILE));
}

/// Saves the output record: the output folder, the hash of its manifest, the build's inputs,
/// its folder stamps, and every output file with the hash of its inputs, sorted by path
/// (errors ignored, as for [`write_articles`]).
pub fn write_output(
    root: &Path,
    global: u64,
    output: &str,
    manifest: u64,
    stamps: Option<&Stamps>,
    inputs: Option<Inputs>,
    files: &[(&str, u64)],
) {
    let mut w = Writer::new(global);
    w.string(output);
    w.u64(manifest);
    // The inputs come before the longer parts, so that checking them reads nothing else.
    match inputs {
        None => w.u64(0),
        Some(i) => {
            w.u64(1);
            w.u64(i.fingerprint);
            w.u64(i.articles);
            w.u64(i.skipped);
            w.len(i.warnings.len());
            for warning in &i.warnings {
                w.string(&warning.path.to_string_lossy());
                match warning.location {
                    None => w.u64(0),
                    Some(at) => {
                        w.u64(1);
                        w.len(at.line);
                        w.len(at.column);
                    }
                }
                w.string(&warning.message);
            }
        }
    }
    write_stamps(&mut w, stamps);
    w.len(files.len());
    for (path, hash) in files {
        w.string(path);
        w.u64(*hash);
    }
    save(root, OUTPUT_FILE, &w.0);
}

// Stamps: a flag, then the manifest hash, the folders' paths in one string (a newline after
// each but the last: one allocation to read, not one a folder), and a stamp a folder.
fn write_stamps(w: &mut Writer, stamps: Option<&Stamps>) {
    let Some(stamps) = stamps else {
        w.u64(0);
        return;
    };
    w.u64(1);
    w.u64(stamps.manifest);
    w.string(stamps.paths());
    w.len(stamps.len());
    for (_, stamp) in stamps.iter() {
        w.stamp(stamp);
    }
}

// `None` for bytes that are no stamps (see `Stamps::from_parts`); `Some(None)` for a record
// without them.
fn read_stamps(r: &mut Reader) -> Option<Option<Stamps>> {
    match r.u64()? {
        0 => return Some(None),
        1 => {}
        _ => return None,
    }
    let manifest = r.u64()?;
    let paths = r.string()?;
    let count = r.len()?;
    let mut stamps = Vec::with_capacity(count.min(1 << 20));
    for _ in 0..count {
        stamps.push(r.stamp()?);
    }
    Stamps::from_parts(manifest, paths, stamps).map(Some)
}

// Written to a temporary file and renamed, so a reader never sees half a cache file.
fn save(root: &Path, name: &str, bytes: &[u8]) {
    let dir = dir(root);
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let tmp = dir.join(format!("{name}.tmp-{}", std::process::id()));
    if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, dir.join(name)).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// A compact binary encoding: little-endian numbers, length-prefixed UTF-8 strings.
pub(crate) struct Writer(pub(crate) Vec<u8>);

impl Writer {
    pub(crate) fn new(global: u64) -> Writer {
        let mut w = Writer(Vec::with_capacity(1 << 20));
        w.0.extend_from_slice(FORMAT);
        w.u64(global);
        w
    }
    /// A stamp, or its absence: a flag, then its six numbers.
    pub(crate) fn stamp(&mut self, stamp: Option<Stamp>) {
        let Some(s) = stamp else {
            self.u64(0);
            return;
        };
        self.u64(1 + u64::from(s.is_dir));
        for n in [s.dev, s.ino, s.len] {
            self.u64(n);
        }
        for ns in [s.mtime_ns, s.ctime_ns] {
            self.u64(ns.cast_unsigned());
        }
    }

    pub(crate) fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    pub(crate) fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }
    pub(crate) fn string(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u64(1);
                self.string(s);
            }
            None => self.u64(0),
        }
    }
    pub(crate) fn date(&mut self, d: &DateTime<FixedOffset>) {
        self.u64(d.timestamp() as u64);
        self.u64(u64::from(d.timestamp_subsec_nanos()));
        self.u64(d.offset().local_minus_utc() as u64);
    }
}

pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8], global: u64) -> Option<Reader<'a>> {
        let rest = bytes.strip_prefix(FORMAT.as_slice())?;
        let mut r = Reader { bytes: rest };
        (r.u64()? == global).then_some(r)
    }
    /// A reader of a file of this format, whatever the global hash it was written with.
    pub(crate) fn any_global(bytes: &'a [u8]) -> Option<Reader<'a>> {
        let rest = bytes.strip_prefix(FORMAT.as_slice())?;
        let mut r = Reader { bytes: rest };
        r.u64()?;
        Some(r)
    }
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Some(head)
    }
    /// A stamp as [`Writer::stamp`] wrote it: `Some(None)` for its absence, `None` for bytes
    /// that are no stamp.
    pub(crate) fn stamp(&mut self) -> Option<Option<Stamp>> {
        let is_dir = match self.u64()? {
            0 => return Some(None),
            1 => false,
            2 => true,
            _ => return None,
        };
        Some(Some(Stamp {
            is_dir,
            dev: self.u64()?,
            ino: self.u64()?,
            len: self.u64()?,
            mtime_ns: self.u64()?.cast_signed(),
            ctime_ns: self.u64()?.cast_signed(),
        }))
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        let mut w = [0u8; 8];
        w.copy_from_slice(self.take(8)?);
        Some(u64::from_le_bytes(w))
    }
    pub(crate) fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
    pub(crate) fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    pub(crate) fn opt(&mut self) -> Option<Option<String>> {
        match self.u64()? {
            0 => Some(None),
            1 => Some(Some(self.string()?)),
            _ => None,
        }
    }
    pub(crate) fn date(&mut self) -> Option<DateTime<FixedOffset>> {
        let secs = self.u64()? as i64;
        let nanos = u32::try_from(self.u64()?).ok()?;
        let offset = i32::try_from(self.u64()? as i64).ok()?;
        FixedOffset::east_opt(offset)?
            .timestamp_opt(secs, nanos)
            .single()
    }
    pub(crate) fn finished(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(crate) fn one_changed_byte_changes_the_hash() {
        assert_ne!(
            hash_bytes(b"Presiden meresmikan"),
            hash_bytes(b"Presiden meresmikaN")
        );
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ab\0"));
    }

    fn save_record(root: &Path, global: u64, record: &OutputRecord) {
        let files: Vec<(&str, u64)> = record.files.iter().collect();
        let stamps = record.stamps.as_ref();
        write_output(
            root,
            global,
            &record.output,
            record.manifest,
            stamps,
            record.inputs.clone(),
            &files,
        );
    }

    #[test]
    fn output_record_round_trips_and_its_stamps_read_with_any_configuration() {
        let root = tempfile::tempdir().expect("temporary folder");
        let stamp = Stamp {
            is_dir: true,
            dev: 7,
            ino: 42,
            len: 4096,
            mtime_ns: 1_455_000_000_123_456_789,
            ctime_ns: -1_455_000_000_223_456_789,
        };
        let record = OutputRecord {
            output: "/site/public".to_string(),
            manifest: 9,
            stamps: Stamps::new(9, [("", None), ("2016", Some(stamp)), ("2016/02", None)]),
            inputs: Some(Inputs {
                fingerprint: 11,
                articles: 2,
                skipped: 1,
                warnings: vec![
                    Warning {
                        path: "content/b.md".into(),
                        location: Some(Location { line: 3, column: 7 }),
                        message: "/2016/02/a/ is already taken".into(),
                    },
                    Warning {
                        path: "content/c.md".into(),
                        location: None,
                        message: "ünïcode ✓".into(),
                    },
                ],
            }),
            files: OutputFiles::new(vec![("2016/02/a.html".to_string(), 3)]).expect("sorted"),
        };
        save_record(root.path(), 5, &record);
        assert_eq!(read_output(root.path(), 5), Some(record.clone()));
        assert_eq!(read_output(root.path(), 6), None);
        assert_eq!(
            read_output_stamps(root.path(), "/site/public"),
            record.stamps
        );
        assert_eq!(read_output_stamps(root.path(), "/elsewhere"), None);
        let without = OutputRecord {
            stamps: None,
            inputs: None,
            ..record
        };
        save_record(root.path(), 5, &without);
        assert_eq!(read_output(root.path(), 5), Some(without));
        assert!(record.stamps.is_some());
        // Folders out of order, or without the output itself, are no stamps.
        assert_eq!(Stamps::new(0, [("", None), ("b", None), ("a", None)]), None);
        assert_eq!(Stamps::new(0, [("a", None)]), None);
    }
}
