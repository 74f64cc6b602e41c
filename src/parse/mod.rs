//! Stage 2, parse: each [`SourceFile`] becomes an [`Article`], dispatching on its format.
//!
//! Parsing is pure (text in, value out) and runs in parallel; every file is parsed before the
//! build stops, so one run reports every broken article.

pub mod dates;
mod fields;
pub mod front_matter;
mod highlight;
pub mod html_text;
pub mod markdown;
pub mod news;
mod notes;
pub mod plain_text;
pub mod sanitize;
mod shortcode_links;
mod shortcode_scan;
pub mod shortcodes;
pub mod simple_yaml;
pub mod site_path;
pub mod value;
pub mod vocabulary;
pub mod wordpress;
pub mod wordpress_html;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Error, Location};
use crate::load::{SourceFile, SourceFormat};
pub(crate) use fields::{Extracted, Fields};
use front_matter::{FrontMatter, FrontMatterError};
pub use notes::{Note, not_an_article};

/// A tag as written and as it appears in URLs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tag {
    pub name: String,
    pub slug: String,
}

/// A photo caption and its credit, shown as a figure caption rather than in the body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Caption {
    pub text: String,
    pub credit: Option<String>,
}

/// One article, parsed and ready to be placed in the site.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file it came from, relative to the site root.
    pub source_path: PathBuf,
    pub title: String,
    /// The slug before collisions are resolved (the model may add `-2`).
    pub slug: String,
    /// Whether `slug` was given (in front matter or the file name) rather than derived from
    /// the title.
    pub slug_is_explicit: bool,
    /// The whole site path the article asked for (`permalink`, `url` or `path`), normalised
    /// as [`site_path::page_path`] does; the model publishes it there instead of at the
    /// site's permalink pattern.
    pub path: Option<String>,
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
    /// `toc` of the front matter: a table of contents on the page, or none, whatever the
    /// site's `toc` says.
    pub toc: Option<bool>,
    /// The article's picture for its head and cards (`image`, `cover`, `featured_image`).
    pub image: Option<String>,
    /// Old site paths of the article (`aliases`, `redirect_from`), normalised as
    /// [`site_path::alias_path`] does, for redirect pages.
    pub aliases: Vec<String>,
    /// The body as HTML. Links to `@/…` are site-root links the renderer makes relative.
    pub body_html: String,
    /// The `src` of the body's first `<img>`, entities decoded, found as the body was made:
    /// the lead image when the front matter names none.
    pub body_image: Option<String>,
    /// Zola's `[extra]` entries and every front matter key outside the vocabulary.
    pub extra: toml::Table,
    /// The front matter keys outside the vocabulary, with their file lines, for `check`.
    pub unknown_keys: Vec<(String, usize)>,
    /// What the reader noticed that is no error (a template tag left as text, a long run of
    /// lines left out as furniture), kept with the article so that every build warns alike,
    /// whether it parsed the file or took the article from the cache.
    pub notes: Vec<Note>,
}

/// Parses every file in parallel. Returns the articles sorted by source path, or every error.
pub fn parse_all(files: &[SourceFile], config: &Config) -> (Vec<Article>, Vec<Error>) {
    let results: Vec<Result<Article, Vec<Error>>> =
        files.par_iter().map(|file| parse(file, config)).collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(article) => articles.push(article),
            Err(found) => errors.extend(found),
        }
    }
    (articles, errors)
}

/// Parses one file into an article.
///
/// Fails with every problem of the file, each naming the file (and line where known):
/// malformed front matter, a value of the wrong kind, a missing title or date, an
/// unparsable or out-of-range date, an unsafe `slug`, path or alias, and (with
/// `strict_front_matter`) a key outside the vocabulary.
pub fn parse(file: &SourceFile, config: &Config) -> Result<Article, Vec<Error>> {
    let at = |e: FrontMatterError| Error::content(&file.path, Some(e.location), e.message);
    let split = front_matter::split(&file.text).map_err(|e| vec![at(e)])?;
    let (front, problems) = match split.front {
        Some((kind, text)) => front_matter::read(kind, text, split.front_line),
        None => (FrontMatter::default(), Vec::new()),
    };
    let mut errors: Vec<Error> = problems.into_iter().map(at).collect();
    if front.unreadable {
        return Err(errors);
    }
    if config.strict_front_matter {
        for (key, line) in &front.unknown {
            errors.push(Error::content(
                &file.path,
                Some(Location {
                    line: *line,
                    column: 1,
                }),
                format!(
                    "{} (`strict_front_matter` is on)",
                    vocabulary::unknown_key_message(key)
                ),
            ));
        }
    }
    let front_text = split.front.map_or("", |(_, text)| text);
    let fields = Fields {
        file,
        front_text,
        front_line: split.front_line,
        config,
    };
    let parsed = match file.format {
        SourceFormat::Markdown => {
            // Hashtags in the text link to the article's own tag pages, as in `.txt` articles.
            let tags = front
                .tags
                .as_deref()
                .map(plain_text::slugs)
                .unwrap_or_default();
            // Liquid tags and Hugo shortcodes are translated first; `check` names the rest.
            let body = shortcodes::preprocess_with(split.body, &file.path, &config.extra);
            let (body_html, body_image) =
                markdown::to_html_with_image(&body.text, config.raw_html, &tags);
            let notes = shortcodes::notes_of(body.left, split.body_line);
            fields
                .article(front, body_html, None)
                .map(|article| Article {
                    notes,
                    body_image,
                    ..article
                })
        }
        SourceFormat::PlainText => plain_text::parse(&fields, front, split.body, split.body_line),
    };
    match parsed {
        Ok(article) if errors.is_empty() => Ok(article),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            errors.sort_by_key(|e| e.location().map(|l| (l.line, l.column)));
            Err(errors)
        }
    }
}

/// Parses a date in any form [`dates::read_date`] accepts, in `tz` when it has no offset;
/// `None` for what is not a date or is out of range.
pub fn parse_date(text: &str, tz: FixedOffset) -> Option<DateTime<FixedOffset>> {
    dates::read_date(text, tz).ok()
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
    use chrono::TimeZone;
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
        parse_all_problems(text).map_err(|mut errors| errors.remove(0))
    }

    fn parse_all_problems(text: &str) -> Result<Article, Vec<Error>> {
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
    fn toml_local_dates_and_datetimes_are_read() {
        let a = parse_md("+++\ntitle = 'A'\ndate = 2019-03-26\n+++\n").expect("local date");
        assert_eq!(a.date.to_rfc3339(), "2019-03-26T00:00:00+07:00");
        let b = parse_md(
            "+++\ntitle = 'B'\ndate = 2019-03-26T08:47:11\nlastmod = 2019-03-27T01:00:00Z\n+++\n",
        )
        .expect("local datetime");
        assert_eq!(b.date.to_rfc3339(), "2019-03-26T08:47:11+07:00");
        assert_eq!(
            b.updated.map(|d| d.to_rfc3339()).as_deref(),
            Some("2019-03-27T01:00:00+00:00")
        );
    }

    #[test]
    fn a_date_found_in_the_text_out_of_range_is_an_error_naming_the_file() {
        let file = SourceFile {
            path: PathBuf::from("content/a.txt"),
            format: SourceFormat::PlainText,
            text: String::new(),
        };
        let config = config();
        let fields = Fields {
            file: &file,
            front_text: "",
            front_line: 1,
            config: &config,
        };
        let far = FixedOffset::east_opt(0)
            .and_then(|tz| tz.with_ymd_and_hms(10000, 1, 1, 0, 0, 0).single())
            .expect("date");
        let extracted = Extracted {
            title: Some("Jauh".into()),
            date: Some(far),
            ..Extracted::default()
        };
        let errors = fields
            .article(FrontMatter::default(), String::new(), Some(extracted))
            .expect_err("out of range");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path(), Path::new("content/a.txt"));
        assert!(
            errors[0].to_string().contains("out of range"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn a_title_written_empty_is_still_an_error() {
        let errors =
            parse_all_problems("---\ntitle: \"\"\ndate: 2016-02-18\n---\n").expect_err("no title");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().contains("no title"), "{}", errors[0]);
    }

    #[test]
    fn file_names_and_paths_give_dates_and_slugs() {
        let file = |path: &str, text: &str| {
            let file = SourceFile {
                path: PathBuf::from(path),
                format: SourceFormat::Markdown,
                text: text.to_string(),
            };
            parse(&file, &config())
        };
        let a = file(
            "content/2001-01-18-rilis-stabil.md",
            "---\ntitle: Rilis\n---\n",
        )
        .expect("dated by name");
        assert_eq!(a.date.to_rfc3339(), "2001-01-18T00:00:00+07:00");
        assert_eq!(a.slug, "rilis-stabil");
        let b = file(
            "content/x.md",
            "+++\ntitle = 'X'\npath = 'dalam/2020/11/16/x'\n+++\n",
        )
        .expect("dated by path");
        assert_eq!(b.date.date_naive().to_string(), "2020-11-16");
        assert_eq!(b.path.as_deref(), Some("dalam/2020/11/16/x/"));
    }

    #[test]
    fn punctuation_tags_get_a_stable_fallback_slug() {
        let tags = fields::dedup_tags(vec!["!!!".to_string(), "C++".to_string(), "C".to_string()]);
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
