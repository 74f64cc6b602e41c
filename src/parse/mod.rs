//! Stage 2, parse: each [`SourceFile`] becomes an [`Article`], dispatching on its format.
//!
//! Parsing is pure (text in, value out) and runs in parallel; every file is parsed before the
//! build stops, so one run reports every broken article.

pub mod front_matter;
pub mod markdown;
pub mod plain_text;
pub mod sanitize;
mod shortcode_links;
mod shortcode_scan;
pub mod shortcodes;
pub mod simple_yaml;
pub mod wordpress;
pub mod wordpress_html;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Error, Location};
use crate::load::{SourceFile, SourceFormat};
use crate::newsroom::Caption;
use front_matter::{FrontMatter, FrontMatterError};

/// A tag as written and as it appears in URLs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tag {
    pub name: String,
    pub slug: String,
}

/// One article, parsed and ready to be placed in the site.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file it came from, relative to the site root.
    pub source_path: PathBuf,
    pub title: String,
    /// The slug before collisions are resolved (the model may add `-2`).
    pub slug: String,
    /// Whether `slug` was set in front matter rather than derived from the title.
    pub slug_is_explicit: bool,
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub tags: Vec<Tag>,
    pub author: Option<String>,
    pub editor: Option<String>,
    /// The outlet that published it (`VIVA.co.id`).
    pub source: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    pub captions: Vec<Caption>,
    pub draft: bool,
    /// The body as HTML. Links to `@/…` are site-root links the renderer makes relative.
    pub body_html: String,
    pub extra: toml::Table,
}

/// Parses every file in parallel. Returns the articles sorted by source path, or every error.
pub fn parse_all(files: &[SourceFile], config: &Config) -> (Vec<Article>, Vec<Error>) {
    let results: Vec<Result<Article, Error>> =
        files.par_iter().map(|file| parse(file, config)).collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(article) => articles.push(article),
            Err(error) => errors.push(error),
        }
    }
    (articles, errors)
}

/// Parses one file into an article.
///
/// Fails naming the file (and line where known) on malformed front matter, a missing title or
/// date, an unparsable date, or an unsafe `slug`.
pub fn parse(file: &SourceFile, config: &Config) -> Result<Article, Error> {
    let at = |e: FrontMatterError| Error::content(&file.path, Some(e.location), e.message);
    let split = front_matter::split(&file.text).map_err(at)?;
    let front = match split.front {
        Some((kind, text)) => {
            front_matter::deserialize(kind, text, split.front_line).map_err(at)?
        }
        None => FrontMatter::default(),
    };
    let front_text = split.front.map_or("", |(_, text)| text);
    let fields = Fields {
        file,
        front_text,
        front_line: split.front_line,
        config,
    };
    match file.format {
        SourceFormat::Markdown => {
            // Hashtags in the text link to the article's own tag pages, as in `.txt` articles.
            let tags = front
                .tags
                .as_deref()
                .map(plain_text::slugs)
                .unwrap_or_default();
            // Liquid tags and Hugo shortcodes are translated first; `check` names the rest.
            let body = shortcodes::preprocess(split.body, &file.path);
            let body_html = markdown::to_html_linking(&body.text, config.raw_html, &tags);
            fields.article(front, body_html, None)
        }
        SourceFormat::PlainText => plain_text::parse(&fields, front, split.body, split.body_line),
    }
}

/// What every format needs to turn front matter and extracted fields into an [`Article`].
pub(crate) struct Fields<'a> {
    pub file: &'a SourceFile,
    pub front_text: &'a str,
    pub front_line: usize,
    pub config: &'a Config,
}

/// Fields a format found in the text itself; front matter overrides each of them.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub title: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
    pub source: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    pub captions: Vec<Caption>,
}

impl Fields<'_> {
    fn error(&self, key: Option<&str>, message: String) -> Error {
        let location =
            key.and_then(|k| front_matter::key_location(self.front_text, self.front_line, k));
        Error::content(&self.file.path, location, message)
    }

    /// Combines front matter with what the body yielded; front matter wins field by field.
    pub(crate) fn article(
        &self,
        front: FrontMatter,
        body_html: String,
        extracted: Option<Extracted>,
    ) -> Result<Article, Error> {
        let extracted = extracted.unwrap_or_default();
        let title = front
            .title
            .or(extracted.title)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                self.error(
                    None,
                    "the article has no title: set `title` in the front matter".to_string(),
                )
            })?;
        let tz = self.config.timezone;
        let date = match &front.date {
            Some(text) => parse_date(text, tz).ok_or_else(|| {
                self.error(Some("date"), format!("`date` `{text}` is not a date (use 2016-02-18 or 2016-02-18T09:28:00+07:00)"))
            })?,
            None => extracted.date.ok_or_else(|| {
                self.error(None, "the article has no date: set `date` in the front matter".to_string())
            })?,
        };
        let updated = match &front.updated {
            Some(text) => Some(parse_date(text, tz).ok_or_else(|| {
                self.error(Some("updated"), format!("`updated` `{text}` is not a date (use 2016-02-18 or 2016-02-18T09:28:00+07:00)"))
            })?),
            None => None,
        };
        let (slug, slug_is_explicit) = match &front.slug {
            Some(slug) => (self.checked_slug(slug)?, true),
            None => (crate::slug::slugify(&title), false),
        };
        let tags = dedup_tags(front.tags.unwrap_or(extracted.tags));
        Ok(Article {
            source_path: self.file.path.clone(),
            title,
            slug,
            slug_is_explicit,
            date,
            updated,
            tags,
            author: nonempty(front.author.or(extracted.author)),
            editor: nonempty(front.editor.or(extracted.editor)),
            source: nonempty(front.source.or(extracted.source)),
            location: nonempty(front.location.or(extracted.location)),
            description: nonempty(front.description.or(extracted.description)),
            captions: front.captions.unwrap_or(extracted.captions),
            draft: front.draft.unwrap_or(false),
            body_html,
            extra: front.extra.unwrap_or_default(),
        })
    }

    // A slug set by hand must stay one path segment inside the output folder.
    fn checked_slug(&self, slug: &str) -> Result<String, Error> {
        let slug = slug.trim();
        let ok = !slug.is_empty()
            && slug != "."
            && !slug.contains("..")
            && slug
                .chars()
                .all(|c| c.is_alphanumeric() || "-_.".contains(c));
        if ok {
            Ok(slug.to_string())
        } else {
            Err(self.error(
                Some("slug"),
                format!("`slug` `{slug}` is not allowed: use letters, digits, `-`, `_` and `.`, without `/`, `\\` or `..`"),
            ))
        }
    }
}

fn nonempty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

// The same tag written twice, or two spellings with one slug, appear once on an article.
fn dedup_tags(names: Vec<String>) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::with_capacity(names.len());
    for name in names {
        let name = name.trim().to_string();
        if name.is_empty() {
            continue;
        }
        let slug = match crate::slug::slugify(&name) {
            s if s.is_empty() => fallback_tag_slug(&name),
            s => s,
        };
        if !tags.iter().any(|t| t.slug == slug) {
            tags.push(Tag { name, slug });
        }
    }
    tags
}

// A tag of only punctuation still needs a stable, safe URL: spell out its code points.
fn fallback_tag_slug(name: &str) -> String {
    let mut slug = String::from("tag");
    for c in name.chars().take(8) {
        slug.push_str(&format!("-{:x}", u32::from(c)));
    }
    slug
}

/// Parses `2016-02-18`, `2016-02-18 09:28`, `2016-02-18T09:28:00` (all in `tz`) or an RFC 3339
/// date-time with its own offset.
pub fn parse_date(text: &str, tz: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt);
    }
    let local = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })?;
    tz.from_local_datetime(&local).single()
}

/// The position in a whole file of a 1-based `line` within a part that starts at `first_line`.
pub(crate) fn file_location(first_line: usize, line: usize) -> Location {
    Location {
        line: first_line + line.saturating_sub(1),
        column: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config() -> Config {
        Config::from_raw(
            Path::new("/site"),
            crate::config::RawConfig::default(),
            &Default::default(),
        )
        .expect("default config")
    }

    fn parse_md(text: &str) -> Result<Article, Error> {
        let file = SourceFile {
            path: PathBuf::from("content/a.md"),
            format: SourceFormat::Markdown,
            text: text.to_string(),
        };
        parse(&file, &config())
    }

    #[test]
    fn yaml_article_gets_every_field() {
        let article = parse_md(
            "---\ntitle: Jokowi di Silicon Valley\ndate: 2016-02-18\ntags: [Jokowi, Twitter, jokowi]\nauthor: Redaksi\ndescription: Kunjungan\n---\nIsi *berita*.\n",
        )
        .expect("valid");
        assert_eq!(article.title, "Jokowi di Silicon Valley");
        assert_eq!(article.slug, "jokowi-di-silicon-valley");
        assert_eq!(article.date.to_rfc3339(), "2016-02-18T00:00:00+07:00");
        let names: Vec<&str> = article.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Jokowi", "Twitter"]);
        assert_eq!(article.author.as_deref(), Some("Redaksi"));
        assert_eq!(article.body_html, "<p>Isi <em>berita</em>.</p>\n");
    }

    #[test]
    fn toml_article_with_native_datetime() {
        let article = parse_md(
            "+++\ntitle = \"A\"\ndate = 2016-02-18T09:28:00+07:00\ndraft = true\n+++\nx\n",
        )
        .expect("valid");
        assert_eq!(article.date.to_rfc3339(), "2016-02-18T09:28:00+07:00");
        assert!(article.draft);
    }

    #[test]
    fn missing_title_and_date_are_errors_naming_the_file() {
        let error = parse_md("---\ndate: 2016-02-18\n---\n").expect_err("no title");
        assert_eq!(error.path(), Path::new("content/a.md"));
        assert!(error.to_string().contains("no title"));
        let error = parse_md("---\ntitle: A\n---\n").expect_err("no date");
        assert!(error.to_string().contains("no date"));
    }

    #[test]
    fn invalid_date_is_reported_at_its_line() {
        let error = parse_md("---\ntitle: A\ndate: 18/02/2016\n---\n").expect_err("bad date");
        assert_eq!(error.location().map(|l| l.line), Some(3));
    }

    #[test]
    fn unsafe_slug_override_is_rejected() {
        for slug in ["../../../etc/passwd", "a/b", "a\\b", "..", " "] {
            let text = format!("---\ntitle: A\ndate: 2016-02-18\nslug: \"{slug}\"\n---\n");
            let error = parse_md(&text).expect_err(slug);
            assert!(error.to_string().contains("slug"), "{slug}: {error}");
        }
        let ok =
            parse_md("---\ntitle: A\ndate: 2016-02-18\nslug: kabar-2016\n---\n").expect("valid");
        assert_eq!(ok.slug, "kabar-2016");
    }

    #[test]
    fn punctuation_tags_get_a_stable_fallback_slug() {
        let tags = dedup_tags(vec!["!!!".to_string(), "C++".to_string(), "C".to_string()]);
        let slugs: Vec<&str> = tags.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["tag-21-21-21", "c"]);
    }

    #[test]
    fn dates_parse_in_supported_forms() {
        let tz = FixedOffset::east_opt(7 * 3600).expect("offset");
        let rfc = |s: &str| parse_date(s, tz).map(|d| d.to_rfc3339());
        assert_eq!(
            rfc("2016-02-18").as_deref(),
            Some("2016-02-18T00:00:00+07:00")
        );
        assert_eq!(
            rfc("2016-02-18 09:28").as_deref(),
            Some("2016-02-18T09:28:00+07:00")
        );
        assert_eq!(
            rfc("2016-02-18T02:28:00Z").as_deref(),
            Some("2016-02-18T02:28:00+00:00")
        );
        assert_eq!(rfc("2016-02-30"), None);
        assert_eq!(rfc("kemarin"), None);
    }
}
