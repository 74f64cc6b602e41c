//! What the orchestrator reuses from the cache: each source's hash, stamp and cached record
//! and body, the cache save that runs beside the build, and the bodies read back for the
//! pages that are rendered again. The stages never see the cache.

use std::ffi::OsString;
use std::hash::Hasher;

use crate::cache;
use crate::config::Config;
use crate::load;
use crate::model;
use crate::parse::Article;

/// Values by article source file, keyed by the path's bytes with a fast hash (hashing a
/// `Path` goes component by component). Keys and lookups are both articles' `source_path`s.
pub(crate) type BySource<T> = rustc_hash::FxHashMap<OsString, T>;

/// An article's source file: the hash of its text, and where its body is in the cache's
/// bodies file if it is still there (read later, only for pages rendered again).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Source {
    pub hash: u64,
    pub body: Option<cache::BodyRef>,
    pub stamp: Option<load::Stamp>,
    /// Its place among the sources in scan order, the order the cache keeps them in.
    pub order: usize,
    /// Where the cache's record of its article lies, when the cache holds it as it is.
    pub record: Option<cache::RecordRef>,
}

impl Source {
    // What the cache saves of the article from this source: `article` is needed only when
    // the cache does not hold its record already.
    fn to_save<'a>(self, article: Option<&'a Article>) -> cache::ArticleToSave<'a> {
        cache::ArticleToSave {
            hash: self.hash,
            stamp: self.stamp,
            article,
            body: self.body,
            record: self.record,
        }
    }
}

/// An article parsed from its source file, or reused from the cache.
pub(crate) struct Parsed {
    /// The hash of the source text.
    pub hash: u64,
    pub stamp: Option<load::Stamp>,
    pub article: Article,
    /// Where the body lies in the cache's bodies file, when it came from the cache.
    pub body: Option<cache::BodyRef>,
    /// Where the cache holds this article as it is, stamp included, if it does.
    pub record: Option<cache::RecordRef>,
}

/// Reuses the cached article when the source is unchanged (known by its stamp without
/// reading it, or else by the hash of its text); otherwise reads and parses the file.
/// What became of one source file.
// Nearly every outcome is `Parsed`: boxing it would cost an allocation per article.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Outcome {
    Parsed(Parsed),
    /// No article, with the warning that says so (see [`crate::parse::not_an_article`]).
    Skipped(crate::error::Warning),
    Failed(Vec<crate::error::Error>),
}

/// Reuses or parses the source of `entry` (see [`try_parse_or_reuse`]); a file that is no
/// article at all is left out with a warning.
pub(crate) fn parse_or_reuse(
    entry: &load::SourceEntry,
    hit: Option<cache::CachedArticle>,
    config: &Config,
) -> Outcome {
    match try_parse_or_reuse(entry, hit, config) {
        Ok(parsed) => Outcome::Parsed(parsed),
        Err(errors) => {
            // Only a file that failed is looked at again: the common path pays nothing.
            let skip = entry.read().ok().and_then(|file| {
                crate::parse::not_an_article(&file).map(|message| crate::error::Warning {
                    path: file.path.clone(),
                    location: None,
                    message,
                })
            });
            skip.map_or(Outcome::Failed(errors), Outcome::Skipped)
        }
    }
}

fn try_parse_or_reuse(
    entry: &load::SourceEntry,
    hit: Option<cache::CachedArticle>,
    config: &Config,
) -> Result<Parsed, Vec<crate::error::Error>> {
    let reuse = |c: cache::CachedArticle| Parsed {
        hash: c.hash,
        stamp: entry.stamp,
        record: (c.stamp == entry.stamp).then_some(c.record),
        article: c.article,
        body: Some(c.body),
    };
    let hit = match hit {
        Some(c) if entry.stamp.is_some() && c.stamp == entry.stamp => return Ok(reuse(c)),
        hit => hit,
    };
    let file = entry.read().map_err(|e| vec![e])?;
    let mut h = crate::hash::Hash64::default();
    h.num(file.format as u64).str(&file.text);
    let hash = h.finish();
    match hit.filter(|c| c.hash == hash) {
        Some(c) => Ok(reuse(c)),
        None => crate::parse::parse(&file, config).map(|article| Parsed {
            hash,
            stamp: entry.stamp,
            article,
            body: None,
            record: None,
        }),
    }
}

/// The save of the cache running on a thread of its own, waited for when dropped: the
/// process must not end, nor another build start, halfway through it.
#[derive(Default)]
pub(crate) struct Saving(Option<std::thread::JoinHandle<()>>);

impl Saving {
    /// Saves the articles from `sources`, in scan order, each with a copy of its article
    /// where the cache lacks its record. Started before the model is built, so that after
    /// an edit of a few articles the save overlaps the rest of the build.
    pub(crate) fn start(
        config: &Config,
        global: u64,
        sources: Vec<(Source, Option<Box<Article>>)>,
        bodies: Option<cache::Bodies>,
        records: cache::ArticleRecords,
    ) -> Saving {
        let root = config.root.clone();
        Saving(Some(std::thread::spawn(move || {
            let items: Vec<cache::ArticleToSave> = sources
                .iter()
                .map(|(source, article)| source.to_save(article.as_deref()))
                .collect();
            cache::write_articles(&root, global, &items, bodies.as_ref(), &records);
        })))
    }
}

impl Saving {
    /// Whether a save is running.
    pub(crate) fn started(&self) -> bool {
        self.0.is_some()
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            // A panic there was reported as it happened; the cache is only ever a speed-up.
            let _ = thread.join();
        }
    }
}

/// Saves every parsed article of `site` (published or not) to the cache, in the order of
/// their sources, with what `sources` knows of each.
pub(crate) fn save_articles(
    config: &Config,
    global: u64,
    site: &model::Site,
    sources: &BySource<Source>,
    bodies: Option<&cache::Bodies>,
    records: &cache::ArticleRecords,
) {
    let mut in_order: Vec<Option<cache::ArticleToSave>> = vec![None; sources.len()];
    let all = site.articles.iter().map(|e| &e.article);
    for article in all.chain(&site.unpublished) {
        if let Some(source) = sources.get(article.source_path.as_os_str())
            && let Some(slot) = in_order.get_mut(source.order)
        {
            *slot = Some(source.to_save(Some(article)));
        }
    }
    let items: Vec<cache::ArticleToSave> = in_order.into_iter().flatten().collect();
    cache::write_articles(&config.root, global, &items, bodies, records);
}

/// Reads the bodies of articles `indexes` that are still in the cache into the site, before
/// rendering. Fails when the cache went bad under the build.
pub(crate) fn fill_bodies(
    articles: &mut [model::Entry],
    indexes: &[usize],
    sources: &BySource<Source>,
    bodies: Option<&cache::Bodies>,
) -> std::io::Result<()> {
    // A clean build has no body in the cache: no need to look every article up.
    if !sources.values().any(|s| s.body.is_some()) {
        return Ok(());
    }
    let wanted: Vec<(usize, cache::BodyRef)> = indexes
        .iter()
        .filter_map(|i| {
            let entry = articles.get(*i)?;
            // Read already (the bodies with `@/` links are read before the pages are planned).
            if !entry.article.body_html.is_empty() {
                return None;
            }
            let source = sources.get(entry.article.source_path.as_os_str())?;
            source.body.map(|b| (*i, b))
        })
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let Some(bodies) = bodies else {
        return Err(std::io::Error::other("no bodies file"));
    };
    let refs: Vec<cache::BodyRef> = wanted.iter().map(|(_, b)| *b).collect();
    for ((i, _), body) in wanted.iter().zip(bodies.load(&refs)?) {
        if let Some(entry) = articles.get_mut(*i) {
            entry.article.body_html = body;
        }
    }
    Ok(())
}
