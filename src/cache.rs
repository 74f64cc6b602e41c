//! The build cache in `.arsip-cache/` at the site root, for incremental builds (issue #4).
//!
//! Two files, both optional and both safe to delete:
//!
//! - `articles`: every parsed article with the hash of the source text it came from, so an
//!   unchanged file is not parsed again;
//! - `output`: the output folder it describes, the hash of its manifest, and for every output
//!   file the hash of the inputs it was rendered from, so an unchanged page is neither rendered
//!   nor written again.
//!
//! Each file starts with a format tag and the hash of everything global (configuration,
//! templates, arsip's version); a file that is missing, truncated, of another version or of
//! another configuration reads as "no cache", never as an error. The `output` file is deleted
//! before a build touches the output folder in place and written again only once every file is
//! in place, so it doubles as the journal: after a build that died half-way there is no
//! `output` record and the next build is a clean one.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeZone};

use crate::newsroom::Caption;
use crate::parse::{Article, Tag};

/// The cache folder's name under the site root.
pub const CACHE_DIR: &str = ".arsip-cache";
const ARTICLES_FILE: &str = "articles";
const OUTPUT_FILE: &str = "output";
const FORMAT: &[u8; 8] = b"ARSIPC01";

/// A fast 64-bit hash for change detection (not for security): 8 bytes per step, then a
/// final mix. Any single changed word changes the result, since every step is a bijection of
/// the state.
#[derive(Debug, Clone)]
pub struct Hash64(u64);

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl Default for Hash64 {
    fn default() -> Self {
        Hash64(0x243F_6A88_85A3_08D3)
    }
}

impl Hash64 {
    fn word(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(23) ^ w).wrapping_mul(K);
    }

    /// Adds a string, length included, so `("ab", "c")` and `("a", "bc")` differ.
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.write(s.as_bytes());
        self
    }

    /// Adds a number.
    pub fn num(&mut self, n: u64) -> &mut Self {
        self.word(n);
        self
    }
}

impl Hasher for Hash64 {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            self.word(u64::from_le_bytes(w));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.word(u64::from_le_bytes(last));
        self.word(bytes.len() as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.word(n);
    }

    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^= h >> 33;
        h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        h ^ (h >> 33)
    }
}

/// The hash of one byte string.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = Hash64::default();
    h.write(bytes);
    h.finish()
}

/// A parsed article and the hash of the source text it was parsed from.
pub type CachedArticles = BTreeMap<PathBuf, (u64, Article)>;

/// What the cache remembers of the output folder.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OutputRecord {
    /// The output folder, as configured.
    pub output: String,
    /// The hash of its `.arsip-manifest`.
    pub manifest: u64,
    /// Every output file (relative path) and the hash of its inputs.
    pub files: BTreeMap<String, u64>,
}

fn dir(root: &Path) -> PathBuf {
    root.join(CACHE_DIR)
}

/// The parsed articles cached for `global`; empty when there is no usable cache.
pub fn read_articles(root: &Path, global: u64) -> CachedArticles {
    std::fs::read(dir(root).join(ARTICLES_FILE))
        .ok()
        .and_then(|bytes| decode_articles(&bytes, global))
        .unwrap_or_default()
}

/// What the cache knows of the output folder, if anything.
pub fn read_output(root: &Path, global: u64) -> Option<OutputRecord> {
    let bytes = std::fs::read(dir(root).join(OUTPUT_FILE)).ok()?;
    let mut r = Reader::new(&bytes, global)?;
    let output = r.string()?;
    let manifest = r.u64()?;
    let count = r.len()?;
    let mut files = BTreeMap::new();
    for _ in 0..count {
        let path = r.string()?;
        files.insert(path, r.u64()?);
    }
    r.finished().then_some(OutputRecord {
        output,
        manifest,
        files,
    })
}

/// Forgets the output record: called before the output folder is changed in place.
pub fn forget_output(root: &Path) {
    let _ = std::fs::remove_file(dir(root).join(OUTPUT_FILE));
}

/// Saves the parsed articles. Failing to save only costs speed next time, so errors are
/// ignored.
pub fn write_articles(root: &Path, global: u64, articles: &CachedArticles) {
    let mut w = Writer::new(global);
    w.len(articles.len());
    for (path, (hash, article)) in articles {
        w.string(&path.to_string_lossy());
        w.u64(*hash);
        encode_article(&mut w, article);
    }
    save(root, ARTICLES_FILE, &w.0);
}

/// Saves the output record (errors ignored, as for [`write_articles`]).
pub fn write_output(root: &Path, global: u64, record: &OutputRecord) {
    let mut w = Writer::new(global);
    w.string(&record.output);
    w.u64(record.manifest);
    w.len(record.files.len());
    for (path, hash) in &record.files {
        w.string(path);
        w.u64(*hash);
    }
    save(root, OUTPUT_FILE, &w.0);
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

fn decode_articles(bytes: &[u8], global: u64) -> Option<CachedArticles> {
    let mut r = Reader::new(bytes, global)?;
    let count = r.len()?;
    let mut articles = BTreeMap::new();
    for _ in 0..count {
        let path = PathBuf::from(r.string()?);
        let hash = r.u64()?;
        articles.insert(path, (hash, decode_article(&mut r)?));
    }
    r.finished().then_some(articles)
}

fn encode_article(w: &mut Writer, a: &Article) {
    w.string(&a.source_path.to_string_lossy());
    w.string(&a.title);
    w.string(&a.slug);
    w.u64(u64::from(a.slug_is_explicit));
    w.date(&a.date);
    w.u64(u64::from(a.updated.is_some()));
    if let Some(updated) = &a.updated {
        w.date(updated);
    }
    w.len(a.tags.len());
    for tag in &a.tags {
        w.string(&tag.name);
        w.string(&tag.slug);
    }
    for field in [&a.author, &a.editor, &a.source, &a.location, &a.description] {
        w.opt(field.as_deref());
    }
    w.len(a.captions.len());
    for caption in &a.captions {
        w.string(&caption.text);
        w.opt(caption.credit.as_deref());
    }
    w.u64(u64::from(a.draft));
    w.string(&a.body_html);
    // `extra` is free-form; TOML text round-trips it exactly.
    let extra = if a.extra.is_empty() {
        String::new()
    } else {
        toml::to_string(&a.extra).unwrap_or_default()
    };
    w.string(&extra);
}

fn decode_article(r: &mut Reader) -> Option<Article> {
    let source_path = PathBuf::from(r.string()?);
    let title = r.string()?;
    let slug = r.string()?;
    let slug_is_explicit = r.u64()? == 1;
    let date = r.date()?;
    let updated = if r.u64()? == 1 { Some(r.date()?) } else { None };
    let mut tags = Vec::new();
    for _ in 0..r.len()? {
        tags.push(Tag {
            name: r.string()?,
            slug: r.string()?,
        });
    }
    let author = r.opt()?;
    let editor = r.opt()?;
    let source = r.opt()?;
    let location = r.opt()?;
    let description = r.opt()?;
    let mut captions = Vec::new();
    for _ in 0..r.len()? {
        captions.push(Caption {
            text: r.string()?,
            credit: r.opt()?,
        });
    }
    let draft = r.u64()? == 1;
    let body_html = r.string()?;
    let extra = r.string()?;
    let extra = if extra.is_empty() {
        toml::Table::new()
    } else {
        toml::from_str(&extra).ok()?
    };
    Some(Article {
        source_path,
        title,
        slug,
        slug_is_explicit,
        date,
        updated,
        tags,
        author,
        editor,
        source,
        location,
        description,
        captions,
        draft,
        body_html,
        extra,
    })
}

/// A compact binary encoding: little-endian numbers, length-prefixed UTF-8 strings.
struct Writer(Vec<u8>);

impl Writer {
    fn new(global: u64) -> Writer {
        let mut w = Writer(Vec::with_capacity(1 << 20));
        w.0.extend_from_slice(FORMAT);
        w.u64(global);
        w
    }
    fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }
    fn string(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u64(1);
                self.string(s);
            }
            None => self.u64(0),
        }
    }
    fn date(&mut self, d: &DateTime<FixedOffset>) {
        self.u64(d.timestamp() as u64);
        self.u64(u64::from(d.timestamp_subsec_nanos()));
        self.u64(d.offset().local_minus_utc() as u64);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], global: u64) -> Option<Reader<'a>> {
        let rest = bytes.strip_prefix(FORMAT.as_slice())?;
        let mut r = Reader { bytes: rest };
        (r.u64()? == global).then_some(r)
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Some(head)
    }
    fn u64(&mut self) -> Option<u64> {
        let mut w = [0u8; 8];
        w.copy_from_slice(self.take(8)?);
        Some(u64::from_le_bytes(w))
    }
    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn opt(&mut self) -> Option<Option<String>> {
        match self.u64()? {
            0 => Some(None),
            1 => Some(Some(self.string()?)),
            _ => None,
        }
    }
    fn date(&mut self) -> Option<DateTime<FixedOffset>> {
        let secs = self.u64()? as i64;
        let nanos = u32::try_from(self.u64()?).ok()?;
        let offset = i32::try_from(self.u64()? as i64).ok()?;
        FixedOffset::east_opt(offset)?
            .timestamp_opt(secs, nanos)
            .single()
    }
    fn finished(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        let tz = FixedOffset::east_opt(7 * 3600).expect("tz");
        let mut extra = toml::Table::new();
        extra.insert("rubrik".into(), toml::Value::String("Nasional".into()));
        Article {
            source_path: PathBuf::from("content/2016/a.md"),
            title: "Banjir di Jakarta".into(),
            slug: "banjir-di-jakarta".into(),
            slug_is_explicit: false,
            date: tz
                .with_ymd_and_hms(2016, 2, 18, 9, 28, 0)
                .single()
                .expect("date"),
            updated: None,
            tags: vec![Tag {
                name: "Banjir".into(),
                slug: "banjir".into(),
            }],
            author: Some("Sari".into()),
            editor: None,
            source: None,
            location: Some("Jakarta".into()),
            description: None,
            captions: vec![Caption {
                text: "Foto".into(),
                credit: None,
            }],
            draft: false,
            body_html: "<p>Isi</p>\n".into(),
            extra,
        }
    }

    #[test]
    fn articles_round_trip_through_the_encoding() {
        let mut w = Writer::new(7);
        encode_article(&mut w, &article());
        let mut r = Reader::new(&w.0, 7).expect("header");
        let back = decode_article(&mut r).expect("decodes");
        assert!(r.finished());
        assert_eq!(format!("{back:?}"), format!("{:?}", article()));
    }

    #[test]
    fn a_cache_of_another_configuration_or_truncated_is_no_cache() {
        let mut cached = CachedArticles::new();
        cached.insert("content/a.md".into(), (1, article()));
        let mut w = Writer::new(7);
        w.len(1);
        w.string("content/a.md");
        w.u64(1);
        encode_article(&mut w, &article());
        assert_eq!(decode_articles(&w.0, 7).map(|a| a.len()), Some(1));
        assert!(decode_articles(&w.0, 8).is_none());
        assert!(decode_articles(&w.0[..w.0.len() - 3], 7).is_none());
        assert!(decode_articles(b"garbage", 7).is_none());
    }

    #[test]
    fn one_changed_byte_changes_the_hash() {
        assert_ne!(
            hash_bytes(b"Presiden meresmikan"),
            hash_bytes(b"Presiden meresmikaN")
        );
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ab\0"));
    }
}
