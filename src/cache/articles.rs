//! The parsed-article half of the cache: `articles` (every article but its body, with its
//! source hash and where its body lies) and `bodies` (the bodies, appended to as articles
//! are parsed again). See the parent module for how the cache is used.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{FORMAT, Reader, Writer, dir, hash_bytes};
use crate::error::Location;
use crate::load::Stamp;
use crate::parse::Caption;
use crate::parse::{Article, Note, Tag};

const ARTICLES_FILE: &str = "articles";
const BODIES_FILE: &str = "bodies";

/// Where an article's body lies in the bodies file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyRef {
    pub offset: u64,
    pub len: u64,
    /// Whether the body holds `@/` site links (it then prints other articles' URLs).
    pub has_links: bool,
}

/// A parsed article from the cache, its body not yet read.
#[derive(Debug)]
pub struct CachedArticle {
    /// The hash of the source text it was parsed from.
    pub hash: u64,
    /// The source file's stamp when it was read, if it was settled then: a file with the
    /// same stamp now is not read again.
    pub stamp: Option<Stamp>,
    /// The article, with an empty `body_html`.
    pub article: Article,
    pub body: BodyRef,
    /// Where its record lies in the articles file as read (see [`ArticleRecords`]).
    pub record: RecordRef,
}

/// Where an article's record, its length first, lies in the articles file as read. Records
/// lie one after the other, so those of articles saved in the same order again make runs
/// that are copied in one piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordRef {
    start: usize,
    len: usize,
}

impl RecordRef {
    // `next` appended to this run of records, if it follows on directly.
    fn followed_by(self, next: RecordRef) -> Option<RecordRef> {
        (self.start.checked_add(self.len)? == next.start).then_some(RecordRef {
            start: self.start,
            len: self.len.checked_add(next.len)?,
        })
    }
}

/// The articles file as read: an article saved again as it was is copied from here instead
/// of being encoded again (at 10,000 articles, a one-edit build saves 9,999 of them so).
#[derive(Debug, Default)]
pub struct ArticleRecords {
    bytes: Vec<u8>,
}

impl ArticleRecords {
    /// The record at `at`; empty if it is not in these records.
    pub fn get(&self, at: RecordRef) -> &[u8] {
        self.bytes
            .get(at.start..at.start.saturating_add(at.len))
            .unwrap_or_default()
    }
}

/// Cached articles in the order they were saved, to be taken out by source path.
///
/// They were saved in the order of the scan that found them, so the next build, scanning
/// in the same order, meets them one after the other: no map is built unless a source was
/// added, removed or renamed since.
#[derive(Debug, Default)]
pub struct CachedArticles {
    items: Vec<Option<CachedArticle>>,
    records: ArticleRecords,
    /// Where the next article in order is expected.
    next: usize,
    /// Positions by source path, built at the first article met out of order.
    index: Option<rustc_hash::FxHashMap<OsString, usize>>,
}

impl CachedArticles {
    /// The cache of `items`, every one of them present.
    fn new(items: Vec<Option<CachedArticle>>, records: ArticleRecords) -> CachedArticles {
        CachedArticles {
            items,
            records,
            next: 0,
            index: None,
        }
    }

    /// How many articles the cache held.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Takes out the article parsed from `path`, if the cache holds it (and it was not
    /// taken yet).
    pub fn take(&mut self, path: &Path) -> Option<CachedArticle> {
        let path = path.as_os_str();
        let in_order = self.items.get(self.next).is_some_and(|item| {
            item.as_ref()
                .is_some_and(|c| c.article.source_path.as_os_str() == path)
        });
        let i = if in_order {
            self.next
        } else {
            let items = &self.items;
            let index = self.index.get_or_insert_with(|| {
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| {
                        Some((
                            item.as_ref()?.article.source_path.clone().into_os_string(),
                            i,
                        ))
                    })
                    .collect()
            });
            *index.get(path)?
        };
        self.next = i + 1;
        self.items.get_mut(i)?.take()
    }

    /// The articles file as read, which the cached articles' records point into.
    pub fn into_records(self) -> ArticleRecords {
        self.records
    }
}

/// The bodies file that cached articles point into.
#[derive(Debug, Clone)]
pub struct Bodies {
    path: PathBuf,
    id: u64,
}

impl Bodies {
    /// Reads the bodies at `refs`, in order.
    ///
    /// Fails when the file cannot be read or was changed behind our back.
    pub fn load(&self, refs: &[BodyRef]) -> std::io::Result<Vec<String>> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = std::fs::File::open(&self.path)?;
        let mut head = [0u8; 16];
        file.read_exact(&mut head)?;
        if head[..8] != FORMAT[..] || head[8..] != self.id.to_le_bytes() {
            return Err(std::io::Error::other(
                "the cache's bodies file was replaced",
            ));
        }
        refs.iter()
            .map(|r| {
                file.seek(SeekFrom::Start(r.offset))?;
                let mut bytes = vec![0u8; usize::try_from(r.len).map_err(std::io::Error::other)?];
                file.read_exact(&mut bytes)?;
                String::from_utf8(bytes).map_err(std::io::Error::other)
            })
            .collect()
    }
}

/// An article to save.
#[derive(Debug, Clone, Copy)]
pub struct ArticleToSave<'a> {
    /// The hash of its source text.
    pub hash: u64,
    /// Its source file's stamp, if settled (see [`crate::load::Stamp`]).
    pub stamp: Option<Stamp>,
    /// The article, to encode; not needed when its record is copied (see `record`).
    pub article: Option<&'a Article>,
    /// Where its body already lies in the bodies file (`None`: the body is in `article`
    /// and is appended).
    pub body: Option<BodyRef>,
    /// Where the cache already holds its record, hash, stamp and body included (in the
    /// [`ArticleRecords`] given to [`write_articles`]): copied instead of encoded. Only for an
    /// article saved exactly as it was read.
    pub record: Option<RecordRef>,
}

/// The parsed articles cached for `global` and the bodies file they point into; empty
/// when there is no usable cache.
pub fn read_articles(root: &Path, global: u64) -> (CachedArticles, Option<Bodies>) {
    let dir = dir(root);
    let Some(bytes) = std::fs::read(dir.join(ARTICLES_FILE)).ok() else {
        return (CachedArticles::default(), None);
    };
    let Some((articles, id)) = decode_articles(&bytes, global) else {
        return (CachedArticles::default(), None);
    };
    let bodies = Bodies {
        path: dir.join(BODIES_FILE),
        id,
    };
    // Every body must lie inside the file, whose header must name the same generation.
    let end = articles
        .iter()
        .flatten()
        .map(|c| c.body.offset.saturating_add(c.body.len))
        .max()
        .unwrap_or(16);
    let mut head = [0u8; 16];
    let valid = std::fs::File::open(&bodies.path).is_ok_and(|mut f| {
        use std::io::Read;
        f.read_exact(&mut head).is_ok()
            && f.metadata().is_ok_and(|m| m.len() >= end)
            && head[..8] == FORMAT[..]
            && head[8..] == id.to_le_bytes()
    });
    if valid {
        (
            CachedArticles::new(articles, ArticleRecords { bytes }),
            Some(bodies),
        )
    } else {
        (CachedArticles::default(), None)
    }
}

/// Saves parsed articles: appends the bodies not yet in `bodies` (or writes a new bodies
/// file when there is none), then replaces the article records. Failing to save only costs
/// speed next time, so errors are ignored.
pub fn write_articles(
    root: &Path,
    global: u64,
    articles: &[ArticleToSave<'_>],
    bodies: Option<&Bodies>,
    records: &ArticleRecords,
) {
    let dir = dir(root);
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let Some((refs, id)) = write_bodies(&dir, articles, bodies) else {
        return;
    };
    let items: Vec<(&ArticleToSave, &BodyRef)> = articles.iter().zip(&refs).collect();
    let Some(runs) = runs(&items, records) else {
        return;
    };
    let tmp = dir.join(format!("{ARTICLES_FILE}.tmp-{}", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|file| {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        let mut head = Writer::new(global);
        head.u64(id);
        head.len(articles.len());
        out.write_all(&head.0)?;
        // One length-prefixed record per article, so reading can split them up and decode
        // them in parallel. Records saved as they were read are copied, a run at a time;
        // the others are encoded in parallel, a window at a time to bound memory.
        for run in runs {
            match run {
                Run::Copied(bytes) => out.write_all(bytes)?,
                Run::Encoded(items) => {
                    for window in items.chunks(ENCODE_WINDOW) {
                        let encoded: Vec<Vec<u8>> = window
                            .par_chunks(ENCODE_WINDOW / 32)
                            .map(|chunk| {
                                let mut w = Writer(Vec::with_capacity(chunk.len() * 768));
                                for (item, article, body) in chunk {
                                    encode_record(&mut w, item, article, body);
                                }
                                w.0
                            })
                            .collect();
                        for bytes in encoded {
                            out.write_all(&bytes)?;
                        }
                    }
                }
            }
        }
        out.flush()
    });
    if written.is_err() || std::fs::rename(&tmp, dir.join(ARTICLES_FILE)).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

// How many article records are encoded at once when saving.
const ENCODE_WINDOW: usize = 8192;

// A stretch of the articles to save: records copied in one piece from the cache as read, or
// articles to encode.
enum Run<'x, 'a> {
    Copied(&'x [u8]),
    Encoded(Vec<(&'a ArticleToSave<'a>, &'a Article, &'a BodyRef)>),
}

// `items` split into runs, in order; `None` if one has neither a record to copy nor an
// article to encode.
fn runs<'x, 'a>(
    items: &'x [(&'a ArticleToSave<'a>, &'a BodyRef)],
    records: &'x ArticleRecords,
) -> Option<Vec<Run<'x, 'a>>> {
    // A record to copy must lie whole within `records`.
    let copied = |item: &ArticleToSave| {
        item.record
            .filter(|at| at.len > 0 && records.get(*at).len() == at.len)
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let start = i;
        if let Some(mut run) = copied(items[i].0) {
            i += 1;
            while let Some(longer) = items
                .get(i)
                .and_then(|(item, _)| copied(item))
                .and_then(|next| run.followed_by(next))
            {
                run = longer;
                i += 1;
            }
            runs.push(Run::Copied(records.get(run)));
        } else {
            while items.get(i).is_some_and(|(item, _)| copied(item).is_none()) {
                i += 1;
            }
            let encoded = items[start..i]
                .iter()
                .map(|(item, body)| Some((*item, item.article?, *body)))
                .collect::<Option<Vec<_>>>()?;
            runs.push(Run::Encoded(encoded));
        }
    }
    Some(runs)
}

// Appends article `item`'s record, its length first, to `w`.
fn encode_record(w: &mut Writer, item: &ArticleToSave<'_>, article: &Article, body: &BodyRef) {
    let length_at = w.0.len();
    w.u64(0);
    w.u64(item.hash);
    w.stamp(item.stamp);
    encode_article(w, article);
    w.u64(body.offset);
    w.u64(body.len);
    w.u64(u64::from(body.has_links));
    let length = (w.0.len() - length_at - 8) as u64;
    w.0[length_at..length_at + 8].copy_from_slice(&length.to_le_bytes());
}

// Appends new bodies to the current bodies file, or writes a new one (under a temporary
// name, then renamed) when there is none. Records written earlier stay valid either way:
// appending never moves a body, and a new file has a new generation id.
fn write_bodies(
    dir: &Path,
    articles: &[ArticleToSave<'_>],
    bodies: Option<&Bodies>,
) -> Option<(Vec<BodyRef>, u64)> {
    use std::io::Seek;
    let (file, target, id) = match bodies {
        Some(b) => {
            let file = std::fs::OpenOptions::new()
                .append(true)
                .open(&b.path)
                .ok()?;
            (file, None, b.id)
        }
        None => {
            // Reusing a body needs the file it lies in.
            if articles.iter().any(|item| item.body.is_some()) {
                return None;
            }
            let id = hash_bytes(
                format!("{:?}{}", std::time::SystemTime::now(), std::process::id()).as_bytes(),
            );
            let tmp = dir.join(format!("{BODIES_FILE}.tmp-{}", std::process::id()));
            let mut file = std::fs::File::create(&tmp).ok()?;
            file.write_all(FORMAT).ok()?;
            file.write_all(&id.to_le_bytes()).ok()?;
            (file, Some(tmp), id)
        }
    };
    let mut offset = (&file).seek(std::io::SeekFrom::End(0)).ok()?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut refs = Vec::with_capacity(articles.len());
    let links: Vec<bool> = articles
        .par_iter()
        .map(|item| {
            item.body.is_none() && item.article.is_some_and(|a| has_site_links(&a.body_html))
        })
        .collect();
    for (item, has_links) in articles.iter().zip(links) {
        let r = match item.body {
            Some(r) => r,
            None => {
                // A body to append comes with its article.
                let body = item.article?.body_html.as_bytes();
                out.write_all(body).ok()?;
                let r = BodyRef {
                    offset,
                    len: body.len() as u64,
                    has_links,
                };
                offset += body.len() as u64;
                r
            }
        };
        refs.push(r);
    }
    out.flush().ok()?;
    if let Some(tmp) = target {
        std::fs::rename(&tmp, dir.join(BODIES_FILE)).ok()?;
    }
    Some((refs, id))
}

/// Whether an article body holds `@/` site links.
pub fn has_site_links(body_html: &str) -> bool {
    body_html.contains("\"@/")
}

/// The cached articles in `bytes` (every one present) and the generation of their bodies;
/// `None` if any record does not decode.
fn decode_articles(bytes: &[u8], global: u64) -> Option<(Vec<Option<CachedArticle>>, u64)> {
    let mut r = Reader::new(bytes, global)?;
    let id = r.u64()?;
    let count = r.len()?;
    let mut records = Vec::with_capacity(count.min(1 << 24));
    for _ in 0..count {
        let start = bytes.len() - r.bytes.len();
        let n = r.len()?;
        let len = n.checked_add(8)?;
        records.push((r.take(n)?, RecordRef { start, len }));
    }
    if !r.finished() {
        return None;
    }
    let articles = records
        .into_par_iter()
        .map(|(bytes, record)| {
            let mut r = Reader { bytes };
            let hash = r.u64()?;
            let stamp = r.stamp()?;
            let article = decode_article(&mut r)?;
            let body = BodyRef {
                offset: r.u64()?,
                len: r.u64()?,
                has_links: r.u64()? == 1,
            };
            r.finished().then_some(CachedArticle {
                hash,
                stamp,
                article,
                body,
                record,
            })
        })
        // By position, into a vector made at its size: collected as one `Option<Vec<_>>`,
        // it grew piece by piece, and fresh memory is what a rebuild pays most for.
        .collect::<Vec<Option<CachedArticle>>>();
    articles
        .iter()
        .all(Option::is_some)
        .then_some((articles, id))
}

fn encode_article(w: &mut Writer, a: &Article) {
    w.string(&a.source_path.to_string_lossy());
    w.string(&a.title);
    w.string(&a.slug);
    w.u64(u64::from(a.slug_is_explicit));
    w.opt(a.path.as_deref());
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
    // 0 unset, 1 no, 2 yes.
    w.u64(a.toc.map_or(0, |toc| 1 + u64::from(toc)));
    w.opt(a.image.as_deref());
    w.opt(a.body_image.as_deref());
    w.len(a.aliases.len());
    for alias in &a.aliases {
        w.string(alias);
    }
    w.len(a.unknown_keys.len());
    for (key, line) in &a.unknown_keys {
        w.string(key);
        w.u64(*line as u64);
    }
    w.len(a.notes.len());
    for note in &a.notes {
        w.u64(note.location.line as u64);
        w.u64(note.location.column as u64);
        w.string(&note.message);
    }
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
    let path = r.opt()?;
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
    let toc = match r.u64()? {
        0 => None,
        n => Some(n == 2),
    };
    let image = r.opt()?;
    let body_image = r.opt()?;
    let mut aliases = Vec::new();
    for _ in 0..r.len()? {
        aliases.push(r.string()?);
    }
    let mut unknown_keys = Vec::new();
    for _ in 0..r.len()? {
        unknown_keys.push((r.string()?, usize::try_from(r.u64()?).ok()?));
    }
    let mut notes = Vec::new();
    for _ in 0..r.len()? {
        let line = usize::try_from(r.u64()?).ok()?;
        let column = usize::try_from(r.u64()?).ok()?;
        notes.push(Note {
            location: Location { line, column },
            message: r.string()?,
        });
    }
    // The body lives in the bodies file.
    let body_html = String::new();
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
        path,
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
        toc,
        image,
        aliases,
        body_html,
        body_image,
        extra,
        unknown_keys,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::CACHE_DIR;
    use chrono::{FixedOffset, TimeZone};

    fn article() -> Article {
        let tz = FixedOffset::east_opt(7 * 3600).expect("tz");
        let mut extra = toml::Table::new();
        extra.insert("rubrik".into(), toml::Value::String("Nasional".into()));
        Article {
            source_path: PathBuf::from("content/2016/a.md"),
            title: "Banjir di Jakarta".into(),
            slug: "banjir-di-jakarta".into(),
            slug_is_explicit: false,
            path: None,
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
            toc: None,
            image: None,
            aliases: Vec::new(),
            body_html: "<p>Isi</p>\n".into(),
            body_image: None,
            extra,
            unknown_keys: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn save(
        hash: u64,
        stamp: Option<Stamp>,
        article: &Article,
        body: Option<BodyRef>,
    ) -> ArticleToSave<'_> {
        ArticleToSave {
            hash,
            stamp,
            article: Some(article),
            body,
            record: None,
        }
    }

    fn named(path: &str) -> Article {
        let mut a = article();
        a.source_path = path.into();
        a
    }

    // Saves `articles` to a new cache under `root`, each with hash 1 and no stamp.
    fn save_fresh(root: &Path, articles: &[Article]) {
        let items: Vec<ArticleToSave<'_>> =
            articles.iter().map(|a| save(1, None, a, None)).collect();
        write_articles(root, 7, &items, None, &ArticleRecords::default());
    }

    #[test]
    fn a_save_lacking_an_article_to_encode_leaves_the_cache_as_it_was() {
        let root = tempfile::tempdir().expect("temporary folder");
        let file = root.path().join(CACHE_DIR).join(ARTICLES_FILE);
        let all = [named("content/a.md")];
        save_fresh(root.path(), &all);
        let before = std::fs::read(&file).expect("articles file");
        let (mut cached, bodies) = read_articles(root.path(), 7);
        let read = cached.take(Path::new("content/a.md")).expect("cached");
        // Neither a record to copy nor an article to encode, with and without a body.
        for body in [Some(read.body), None] {
            let mut item = save(1, None, &all[0], body);
            item.article = None;
            write_articles(
                root.path(),
                7,
                &[item],
                bodies.as_ref(),
                &ArticleRecords::default(),
            );
            assert_eq!(std::fs::read(&file).expect("articles file"), before);
        }
    }

    #[test]
    fn articles_saved_as_they_were_read_are_copied_byte_for_byte() {
        let root = tempfile::tempdir().expect("temporary folder");
        let file = root.path().join(CACHE_DIR).join(ARTICLES_FILE);
        let all = [
            named("content/a.md"),
            named("content/b.md"),
            named("content/c.md"),
            named("content/d.md"),
        ];
        save_fresh(root.path(), &all);
        let before = std::fs::read(&file).expect("articles file");
        let (mut cached, bodies) = read_articles(root.path(), 7);
        let read: Vec<CachedArticle> = all
            .iter()
            .map(|a| cached.take(&a.source_path).expect("cached"))
            .collect();
        let records = cached.into_records();
        // Given other articles, the save still writes the records as read: they are copied
        // (a and b in one run, d in another), and only c is encoded.
        let mut other = article();
        other.title = "Judul lain".into();
        let again: Vec<ArticleToSave<'_>> = read
            .iter()
            .zip(&all)
            .map(|(r, a)| {
                if a.source_path.ends_with("c.md") {
                    save(1, None, a, Some(r.body))
                } else {
                    let mut item = save(1, None, &other, Some(r.body));
                    item.record = Some(r.record);
                    item
                }
            })
            .collect();
        let pairs: Vec<(&ArticleToSave, &BodyRef)> =
            again.iter().zip(read.iter().map(|r| &r.body)).collect();
        let kinds: Vec<bool> = runs(&pairs, &records)
            .expect("every item has a record or an article")
            .iter()
            .map(|r| matches!(r, Run::Copied(_)))
            .collect();
        assert_eq!(kinds, [true, false, true]);
        write_articles(root.path(), 7, &again, bodies.as_ref(), &records);
        assert_eq!(std::fs::read(&file).expect("articles file"), before);
        // Out of order, records are copied one by one and still read back.
        let reordered = [again[3], again[0]];
        write_articles(root.path(), 7, &reordered, bodies.as_ref(), &records);
        let (mut cached, _) = read_articles(root.path(), 7);
        assert_eq!(cached.len(), 2);
        let d = cached.take(Path::new("content/d.md")).expect("cached");
        assert_eq!(d.article.title, "Banjir di Jakarta");
        assert!(cached.take(Path::new("content/a.md")).is_some());
    }

    #[test]
    fn articles_round_trip_through_the_encoding() {
        let mut w = Writer::new(7);
        encode_article(&mut w, &article());
        let mut r = Reader::new(&w.0, 7).expect("header");
        let back = decode_article(&mut r).expect("decodes");
        assert!(r.finished());
        let mut want = article();
        want.body_html.clear();
        assert_eq!(format!("{back:?}"), format!("{want:?}"));
    }

    // Every field set, destructured without `..`: a field added to `Article` fails to compile
    // here until it is set, and fails the round trip until the codec carries it.
    #[test]
    fn every_article_field_survives_the_cache() {
        let tz = FixedOffset::east_opt(-5 * 3600).expect("tz");
        let at = |d| {
            tz.with_ymd_and_hms(2013, 1, d, 19, 52, 42)
                .single()
                .expect("date")
        };
        let mut extra = toml::Table::new();
        extra.insert("layout".into(), toml::Value::String("post".into()));
        let full = Article {
            source_path: PathBuf::from("content/2013-01-23-lama.md"),
            title: "Lama".into(),
            slug: "lama".into(),
            slug_is_explicit: true,
            path: Some("2013/01/lama.html".into()),
            date: at(23),
            updated: Some(at(24)),
            tags: vec![Tag {
                name: "Rilis".into(),
                slug: "rilis".into(),
            }],
            author: Some("Sari, Budi".into()),
            editor: Some("Eko".into()),
            source: Some("Kantor".into()),
            location: Some("Bandung".into()),
            description: Some("Ringkas".into()),
            captions: vec![Caption {
                text: "Foto".into(),
                credit: Some("Ani".into()),
            }],
            draft: true,
            toc: Some(false),
            image: Some("sampul.png".into()),
            aliases: vec!["lama/".into(), "?p=12".into()],
            body_html: String::new(),
            body_image: Some("foto/a.png?w=1&h=2".into()),
            extra,
            unknown_keys: vec![("layout".into(), 3)],
            notes: vec![Note {
                location: Location { line: 9, column: 1 },
                message: "`{% include x %}` is a Liquid tag arsip does not run".into(),
            }],
        };
        let mut w = Writer::new(7);
        encode_article(&mut w, &full);
        let mut r = Reader::new(&w.0, 7).expect("header");
        let back = decode_article(&mut r).expect("decodes");
        assert!(r.finished());
        let Article {
            source_path,
            title,
            slug,
            slug_is_explicit,
            path,
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
            toc,
            image,
            aliases,
            body_html,
            body_image,
            extra,
            unknown_keys,
            notes,
        } = back;
        assert_eq!(source_path, full.source_path);
        assert_eq!(title, full.title);
        assert_eq!(slug, full.slug);
        assert_eq!(slug_is_explicit, full.slug_is_explicit);
        assert_eq!(path, full.path);
        // The offset too, not only the instant: it decides the article's day.
        assert_eq!(date.to_rfc3339(), full.date.to_rfc3339());
        assert_eq!(
            updated.map(|d| d.to_rfc3339()),
            full.updated.map(|d| d.to_rfc3339())
        );
        assert_eq!(tags, full.tags);
        assert_eq!(author, full.author);
        assert_eq!(editor, full.editor);
        assert_eq!(source, full.source);
        assert_eq!(location, full.location);
        assert_eq!(description, full.description);
        assert_eq!(captions, full.captions);
        assert_eq!(draft, full.draft);
        assert_eq!(toc, full.toc);
        assert_eq!(image, full.image);
        assert_eq!(aliases, full.aliases);
        // Bodies live in their own file.
        assert_eq!(body_html, full.body_html);
        assert_eq!(body_image, full.body_image);
        assert_eq!(extra, full.extra);
        assert_eq!(unknown_keys, full.unknown_keys);
        assert_eq!(notes, full.notes);
    }

    // Keys other generators write go to `extra` as YAML gave them: odd names, lists of
    // tables, lists of mixed kinds. The cache must give them back as they were.
    #[test]
    fn extra_of_any_shape_survives_the_cache() {
        let yaml = "cSpell:ignore: a b\n\"\": kosong\nmenu: [{name: A, weight: 1}, x, 2.5, [y]]\nkosong: {}\ndaftar: []\n";
        let value: crate::parse::value::Value = serde_saphyr::from_str(yaml).expect("yaml");
        let Some(toml::Value::Table(extra)) = value.into_toml() else {
            panic!("a table");
        };
        let mut a = article();
        a.extra = extra;
        let mut w = Writer::new(7);
        encode_article(&mut w, &a);
        let mut r = Reader::new(&w.0, 7).expect("header");
        let back = decode_article(&mut r).expect("decodes");
        assert_eq!(back.extra, a.extra);
    }

    #[test]
    fn saved_articles_and_bodies_read_back_and_a_new_body_is_appended() {
        let root = tempfile::tempdir().expect("temporary folder");
        let a = article();
        let stamp = Stamp {
            is_dir: false,
            dev: 3,
            ino: 34,
            len: 12,
            mtime_ns: 1_456_000_000_000_000_000,
            ctime_ns: -5,
        };
        write_articles(
            root.path(),
            7,
            &[save(1, Some(stamp), &a, None)],
            None,
            &ArticleRecords::default(),
        );
        let (mut cached, bodies) = read_articles(root.path(), 7);
        let first = cached.take(Path::new("content/2016/a.md")).expect("cached");
        assert_eq!(first.stamp, Some(stamp));
        let first = first.body;
        let bodies = bodies.expect("bodies file");
        assert_eq!(bodies.load(&[first]).expect("load"), ["<p>Isi</p>\n"]);
        let mut b = article();
        b.source_path = "content/b.md".into();
        b.body_html = "<p>Baru</p>".into();
        write_articles(
            root.path(),
            7,
            &[save(1, None, &a, Some(first)), save(2, None, &b, None)],
            Some(&bodies),
            &ArticleRecords::default(),
        );
        let (mut cached, bodies) = read_articles(root.path(), 7);
        let bodies = bodies.expect("bodies file");
        let a_again = cached.take(Path::new("content/2016/a.md")).expect("cached");
        assert_eq!(a_again.stamp, None);
        let refs = [
            a_again.body,
            cached.take(Path::new("content/b.md")).expect("cached").body,
        ];
        assert_eq!(
            bodies.load(&refs).expect("load"),
            ["<p>Isi</p>\n", "<p>Baru</p>"]
        );
        assert!(read_articles(root.path(), 8).0.is_empty());
    }

    #[test]
    fn cached_articles_are_found_in_any_order_and_taken_once() {
        let root = tempfile::tempdir().expect("temporary folder");
        let all = [
            named("content/a.md"),
            named("content/b.md"),
            named("content/c.md"),
        ];
        save_fresh(root.path(), &all);
        let (mut cached, _) = read_articles(root.path(), 7);
        assert_eq!(cached.len(), 3);
        let mut take = |path: &str| {
            cached
                .take(Path::new(path))
                .map(|c| c.article.source_path.to_string_lossy().into_owned())
        };
        // In order, then out of order (c before b), then twice, then never saved.
        assert_eq!(take("content/a.md").as_deref(), Some("content/a.md"));
        assert_eq!(take("content/c.md").as_deref(), Some("content/c.md"));
        assert_eq!(take("content/b.md").as_deref(), Some("content/b.md"));
        assert_eq!(take("content/a.md"), None);
        assert_eq!(take("content/d.md"), None);
    }

    #[test]
    fn a_corrupt_cache_is_no_cache() {
        let root = tempfile::tempdir().expect("temporary folder");
        write_articles(
            root.path(),
            7,
            &[save(1, None, &article(), None)],
            None,
            &ArticleRecords::default(),
        );
        let file = root.path().join(CACHE_DIR).join(ARTICLES_FILE);
        let bytes = std::fs::read(&file).expect("read");
        std::fs::write(&file, &bytes[..bytes.len() - 3]).expect("truncate");
        assert!(read_articles(root.path(), 7).0.is_empty());
        std::fs::write(&file, b"garbage").expect("write");
        assert!(read_articles(root.path(), 7).0.is_empty());
        write_articles(
            root.path(),
            7,
            &[save(1, None, &article(), None)],
            None,
            &ArticleRecords::default(),
        );
        std::fs::write(root.path().join(CACHE_DIR).join(BODIES_FILE), FORMAT).expect("write");
        assert!(read_articles(root.path(), 7).0.is_empty());
    }
}
