//! Site configuration: `arsip.toml` as written ([`RawConfig`]) validated into [`Config`].
//!
//! Defaults live in [`RawConfig::default`]; the file overrides them and command-line flags
//! ([`Overrides`]) override both. Unknown keys are an error that names the key and its line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use serde::Deserialize;

use crate::error::{Error, Location};
use crate::urls::push_zero_padded;

/// The feed formats a site can have, by the name `feeds` gives them: RSS 2.0, Atom 1.0 and
/// JSON Feed 1.1.
pub const FEED_FORMATS: [&str; 3] = ["rss", "atom", "json"];

// Profiles are compared lower-cased; do it once here, not per line of every article.
fn lower_cased(outlet: Outlet) -> Outlet {
    let lower = |v: Vec<String>| v.iter().map(|s| s.trim().to_lowercase()).collect();
    Outlet {
        name: outlet.name,
        sources: lower(outlet.sources),
        lines: lower(outlet.lines),
        starts: lower(outlet.starts),
        tag_markers: lower(outlet.tag_markers),
    }
}

/// The built-in themes (`templates/` and each folder of `templates/themes/`, listed by
/// `build.rs`), the default first.
pub const THEMES: &[&str] = include!(concat!(env!("OUT_DIR"), "/theme_names.rs"));

/// The theme a site has when it names none.
pub const DEFAULT_THEME: &str = "default";

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "arsip.toml";

/// `arsip.toml` exactly as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawConfig {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: String,
    pub timezone: String,
    pub paginate_by: usize,
    pub permalink: String,
    pub old_permalinks: Vec<String>,
    pub feed_limit: usize,
    pub feeds: Vec<String>,
    pub theme: String,
    pub toc: bool,
    pub related_articles: usize,
    pub search: bool,
    pub auto_tags: usize,
    pub max_tags_per_article: usize,
    pub raw_html: bool,
    pub strict_front_matter: bool,
    pub strings: BTreeMap<String, String>,
    pub tag_aliases: BTreeMap<String, String>,
    pub outlets: Vec<Outlet>,
    pub keep: Vec<String>,
    pub discovery: crate::discovery::Discovery,
    pub extra: toml::Table,
}

/// A news outlet's conventions added in `arsip.toml` (`[[outlets]]`), beside the built-in
/// profiles: how it names itself and which of its lines are furniture. Compared ignoring case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Outlet {
    pub name: String,
    /// How bylines and header lines name the outlet (`Tirto.id`).
    pub sources: Vec<String>,
    /// Whole lines that are site furniture.
    pub lines: Vec<String>,
    /// Starts of lines that are site furniture.
    pub starts: Vec<String>,
    /// Headings that open the outlet's tag list.
    pub tag_markers: Vec<String>,
}

impl Default for RawConfig {
    fn default() -> Self {
        RawConfig {
            title: "Arsip".to_string(),
            description: String::new(),
            base_url: "http://localhost:1111/".to_string(),
            language: "id".to_string(),
            timezone: "+07:00".to_string(),
            paginate_by: 20,
            permalink: "/:year/:month/:day/:slug/".to_string(),
            old_permalinks: Vec::new(),
            feed_limit: 20,
            feeds: ["rss", "atom"].map(String::from).to_vec(),
            theme: DEFAULT_THEME.to_string(),
            toc: false,
            related_articles: 5,
            search: true,
            auto_tags: 5,
            max_tags_per_article: DEFAULT_MAX_TAGS,
            raw_html: false,
            strict_front_matter: false,
            strings: BTreeMap::new(),
            tag_aliases: BTreeMap::new(),
            outlets: Vec::new(),
            keep: Vec::new(),
            discovery: Default::default(),
            extra: toml::Table::new(),
        }
    }
}

/// Names at the top of the output folder that builds keep as they are (a gh-pages worktree's
/// `.git`, `.nojekyll`, `CNAME`), beside those listed in the `keep` setting.
pub const ALWAYS_KEPT: [&str; 3] = [".git", ".nojekyll", "CNAME"];

/// How many tags an article keeps unless `max_tags_per_article` says otherwise: far above what
/// an editor gives one article, far below what makes the tag pages explode.
pub const DEFAULT_MAX_TAGS: usize = 50;

/// Command-line settings that override `arsip.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub file_urls: bool,
    pub strict: bool,
}

/// The validated configuration every stage reads.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root: the folder holding `arsip.toml`.
    pub root: PathBuf,
    /// Where the site is written (`public/` under the root unless overridden).
    pub output: PathBuf,
    pub title: String,
    pub description: String,
    /// Absolute URL of the site, always ending in `/`.
    pub base_url: String,
    pub language: String,
    pub timezone: FixedOffset,
    pub paginate_by: usize,
    pub permalink: Permalink,
    /// The site's old URL schemes: a redirect page to every article at each.
    pub old_permalinks: Vec<crate::old_scheme::OldPermalink>,
    pub feed_limit: usize,
    /// The feed formats written for the site and each tag, by name (see [`FEED_FORMATS`]).
    pub feeds: Vec<String>,
    /// The built-in look (one of [`THEMES`]) that the site's own `templates/` go over.
    pub theme: String,
    /// A table of contents on every article page with two sections or more (front matter
    /// `toc` decides for one article).
    pub toc: bool,
    /// How many related articles an article page lists (`0`: none).
    pub related_articles: usize,
    /// Whether the search page and its index are written.
    pub search: bool,
    /// How many recurring names become tags of a plain-text article that has none of its own.
    pub auto_tags: usize,
    /// The most tags one article keeps; past it the rest are dropped with a warning, so one
    /// article cannot make every tag page list every other (issue 21).
    pub max_tags_per_article: usize,
    /// Names at the top of the output folder that builds keep and never check, replace or
    /// delete: [`ALWAYS_KEPT`] and those of the `keep` setting (issue 21).
    pub keep: Vec<String>,
    /// Pass raw HTML in Markdown through (true) or show it as text (false, the safe default).
    pub raw_html: bool,
    /// Make front matter keys outside the vocabulary errors rather than notes of `check`.
    pub strict_front_matter: bool,
    /// Interface strings that replace the language's built-in ones, by key.
    pub strings: BTreeMap<String, String>,
    /// Other names of a tag, each to its one name (`Jokowi = "Joko Widodo"`), beside the
    /// built-in list; applied to the tags a plain-text article gives itself.
    pub tag_aliases: BTreeMap<String, String>,
    /// Outlet profiles added to the built-in ones, lower-cased.
    pub outlets: Vec<Outlet>,
    /// Structured data, cards, sitemaps and robots (`[discovery]`).
    pub discovery: crate::discovery::Discovery,
    pub extra: toml::Table,
    /// Include drafts and future-dated articles.
    pub drafts: bool,
    /// Make links end in `index.html` so the site works from `file://`.
    pub file_urls: bool,
    /// Fail the build on any warning, writing nothing.
    pub strict: bool,
}

impl Config {
    /// Reads `arsip.toml` under `root` and applies `overrides`.
    ///
    /// Fails when `root` is not a folder or has no `arsip.toml` (a site needs one, so a wrong
    /// `--root` is not taken for an empty site), and naming the file and line on malformed
    /// TOML, unknown keys and invalid values.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Error> {
        match Config::load_optional(root, overrides)? {
            Some(config) => Ok(config),
            None => Err(Error::Config {
                path: PathBuf::from(CONFIG_FILE),
                location: None,
                message: format!(
                    "{} has no {CONFIG_FILE}: a site needs one (`arsip init` makes a new site; \
                     an empty file takes every default)",
                    shown(root)
                ),
            }),
        }
    }

    /// As [`Config::load`], but `Ok(None)` when the folder has no `arsip.toml` (for commands
    /// such as `import` that work without a site). Fails when `root` is not a folder.
    pub fn load_optional(root: &Path, overrides: &Overrides) -> Result<Option<Config>, Error> {
        if !root.is_dir() {
            let message = if root.exists() {
                "the site root is not a folder"
            } else {
                "the site root does not exist"
            };
            return Err(Error::Config {
                path: root.to_path_buf(),
                location: None,
                message: message.to_string(),
            });
        }
        let path = root.join(CONFIG_FILE);
        let raw = match std::fs::read_to_string(&path) {
            Ok(text) => parse_raw(&text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(CONFIG_FILE, "cannot read the configuration", e)),
        };
        Config::from_raw(root, raw, overrides).map(Some)
    }

    /// Validates `raw` into a `Config` rooted at `root`.
    pub fn from_raw(root: &Path, raw: RawConfig, overrides: &Overrides) -> Result<Config, Error> {
        let invalid = |message: String| Error::Config {
            path: PathBuf::from(CONFIG_FILE),
            location: None,
            message,
        };
        let base_url = normalize_base_url(overrides.base_url.as_deref().unwrap_or(&raw.base_url))
            .map_err(invalid)?;
        let timezone = parse_offset(&raw.timezone).ok_or_else(|| {
            invalid(format!(
                "timezone `{}` is not a UTC offset such as `+07:00` (or WIB, WITA, WIT)",
                raw.timezone
            ))
        })?;
        if raw.paginate_by == 0 {
            return Err(invalid("paginate_by must be at least 1".to_string()));
        }
        if raw.max_tags_per_article == 0 {
            return Err(invalid(
                "max_tags_per_article must be at least 1".to_string(),
            ));
        }
        if raw.feed_limit == 0 {
            return Err(invalid("feed_limit must be at least 1".to_string()));
        }
        if let Some(unknown) = raw
            .feeds
            .iter()
            .find(|f| !FEED_FORMATS.contains(&f.as_str()))
        {
            return Err(invalid(format!(
                "feeds: `{unknown}` is not a feed format; the formats are {}",
                FEED_FORMATS.map(|f| format!("`{f}`")).join(", ")
            )));
        }
        if !THEMES.contains(&raw.theme.as_str()) {
            return Err(invalid(format!(
                "theme `{}` is not a built-in theme; the themes are {} (a site's own \
                 `templates/` folder changes any of them)",
                raw.theme,
                THEMES
                    .iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        if !is_language_tag(&raw.language) {
            return Err(invalid(format!(
                "language `{}` is not a language tag such as `id` or `en`",
                raw.language
            )));
        }
        let permalink = Permalink::parse(&raw.permalink).map_err(invalid)?;
        let old_permalinks = (raw.old_permalinks.iter())
            .map(|p| crate::old_scheme::OldPermalink::parse(p))
            .collect::<Result<_, _>>()
            .map_err(invalid)?;
        let keep = kept_names(raw.keep).map_err(invalid)?;
        let discovery = raw.discovery.validate(root).map_err(invalid)?;
        let root = root.to_path_buf();
        let output = match &overrides.output {
            Some(dir) => dir.clone(),
            None => root.join("public"),
        };
        Ok(Config {
            root,
            output,
            title: raw.title,
            description: raw.description,
            base_url,
            language: raw.language,
            timezone,
            paginate_by: raw.paginate_by,
            permalink,
            old_permalinks,
            feed_limit: raw.feed_limit,
            feeds: raw.feeds,
            theme: raw.theme,
            toc: raw.toc,
            related_articles: raw.related_articles,
            search: raw.search,
            auto_tags: raw.auto_tags,
            max_tags_per_article: raw.max_tags_per_article,
            keep,
            raw_html: raw.raw_html,
            strict_front_matter: raw.strict_front_matter,
            strings: raw.strings,
            tag_aliases: raw.tag_aliases,
            outlets: raw.outlets.into_iter().map(lower_cased).collect(),
            discovery,
            extra: raw.extra,
            drafts: overrides.drafts,
            file_urls: overrides.file_urls,
            strict: overrides.strict,
        })
    }

    /// The folder holding the articles.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    /// The folder whose templates replace the built-in ones.
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// The folder copied into the output as is.
    pub fn static_dir(&self) -> PathBuf {
        self.root.join("static")
    }
}

// The names builds keep at the top of the output: the built-in ones and `listed`, each a
// single name (no folder separator, not `.` or `..`).
fn kept_names(listed: Vec<String>) -> Result<Vec<String>, String> {
    let mut keep: Vec<String> = ALWAYS_KEPT.iter().map(|s| s.to_string()).collect();
    for name in listed {
        if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\']) {
            return Err(format!(
                "keep: `{name}` is not a name in the output folder; list names such as \
                 `CNAME` or `.well-known`, without `/`"
            ));
        }
        if !keep.contains(&name) {
            keep.push(name);
        }
    }
    Ok(keep)
}

/// Parses the text of `arsip.toml`, mapping TOML errors to the line they point at.
///
/// A value of the wrong type is said in plain words with its key: `` `title` must be text,
/// not a number `` rather than serde's `invalid type: integer, expected a string`.
pub fn parse_raw(text: &str) -> Result<RawConfig, Error> {
    toml::from_str(text).map_err(|e: toml::de::Error| {
        let message = e.message().trim_end();
        let key = e.span().and_then(|span| key_at(text, span.start));
        let plain = key.and_then(|key| crate::error::plain_type_error(key, message));
        Error::Config {
            path: PathBuf::from(CONFIG_FILE),
            location: e.span().map(|span| Location::of_offset(text, span.start)),
            message: plain.unwrap_or_else(|| message.to_string()),
        }
    })
}

// The key of the `key = value` line holding byte `offset`, unquoted.
fn key_at(text: &str, offset: usize) -> Option<&str> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then_some(key)
}

// The folder as the user named it, `the current folder` for `.`.
fn shown(root: &Path) -> String {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        "the current folder".to_string()
    } else {
        format!("`{}`", root.display())
    }
}

fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url `{url}` must be an absolute http:// or https:// URL"))?;
    if rest.is_empty()
        || rest.starts_with('/')
        || url
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    {
        return Err(format!("base_url `{url}` is not a valid URL"));
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// Parses `+07:00`, `-05:30`, `+0700`, `Z`, `UTC`, or an Indonesian zone (`WIB`, `WITA`,
/// `WIT`, `Asia/Jakarta`, `Asia/Pontianak`, `Asia/Makassar`, `Asia/Jayapura`; Indonesia keeps
/// no daylight saving time, so a fixed offset is exact) into a fixed offset.
pub fn parse_offset(text: &str) -> Option<FixedOffset> {
    let text = text.trim();
    let hours = match text.to_ascii_lowercase().as_str() {
        "z" | "utc" | "etc/utc" => Some(0),
        "wib" | "asia/jakarta" | "asia/pontianak" => Some(7),
        "wita" | "asia/makassar" => Some(8),
        "wit" | "asia/jayapura" => Some(9),
        _ => None,
    };
    if let Some(hours) = hours {
        return FixedOffset::east_opt(hours * 3600);
    }
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// One piece of a permalink pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Year,
    Month,
    Day,
    Slug,
}

/// A validated permalink pattern such as `/:year/:month/:day/:slug/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permalink {
    segments: Vec<Segment>,
}

impl Permalink {
    /// Parses a pattern of `/`-separated segments: literals and `:year`, `:month`, `:day`,
    /// `:slug`. It must contain `:slug` so that every article gets its own URL.
    pub fn parse(pattern: &str) -> Result<Permalink, String> {
        let mut segments = Vec::new();
        for part in pattern.split('/').filter(|p| !p.is_empty()) {
            segments.push(match part {
                ":year" => Segment::Year,
                ":month" => Segment::Month,
                ":day" => Segment::Day,
                ":slug" => Segment::Slug,
                _ if part.starts_with(':') => {
                    return Err(format!(
                        "permalink `{pattern}` has unknown placeholder `{part}` (use :year, :month, :day, :slug)"
                    ));
                }
                _ if part == "." || part == ".." || part.contains('\\') => {
                    return Err(format!("permalink `{pattern}` may not contain `{part}`"));
                }
                _ if !part.chars().all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c)) => {
                    return Err(format!(
                        "permalink `{pattern}`: segment `{part}` may only use letters, digits, `-`, `_`, `.` and `~`"
                    ));
                }
                _ => Segment::Literal(part.to_string()),
            });
        }
        if !segments.contains(&Segment::Slug) {
            return Err(format!("permalink `{pattern}` must contain :slug"));
        }
        Ok(Permalink { segments })
    }

    /// The site-relative URL of an article, as a directory: `2016/02/18/slug/`.
    pub fn expand(&self, date: chrono::NaiveDate, slug: &str) -> String {
        use chrono::Datelike;
        // Called for every article of every build: one allocation, no temporary strings.
        let mut url = String::with_capacity(slug.len() + 16);
        for segment in &self.segments {
            match segment {
                Segment::Literal(text) => url.push_str(text),
                Segment::Year => push_zero_padded(&mut url, date.year().into(), 4),
                Segment::Month => push_zero_padded(&mut url, date.month().into(), 2),
                Segment::Day => push_zero_padded(&mut url, date.day().into(), 2),
                Segment::Slug => url.push_str(slug),
            }
            url.push('/');
        }
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Config, Error> {
        Config::from_raw(Path::new("/site"), parse_raw(text)?, &Overrides::default())
    }

    #[test]
    fn defaults_apply_when_keys_are_absent() {
        let config = load_text("title = \"Arsip Berita\"").expect("valid");
        assert_eq!(config.title, "Arsip Berita");
        assert_eq!(config.language, "id");
        assert_eq!(
            config.timezone,
            FixedOffset::east_opt(7 * 3600).expect("offset")
        );
        assert_eq!(config.paginate_by, 20);
        assert_eq!(config.feed_limit, 20);
        assert_eq!(config.output, Path::new("/site/public"));
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let error = load_text("title = \"x\"\ncolour = \"blue\"\n").expect_err("unknown key");
        assert_eq!(error.location().map(|l| l.line), Some(2));
        assert!(error.to_string().contains("colour"), "{error}");
    }

    #[test]
    fn wrong_types_are_said_in_plain_words_with_key_and_line() {
        let error = load_text("title = \"x\"\n[strings]\nhome = 5\n").expect_err("type");
        assert_eq!(error.location().map(|l| l.line), Some(3));
        assert_eq!(error.to_string(), "`home` must be text, not a number");
        let error = load_text("raw_html = \"yes\"").expect_err("type");
        assert_eq!(
            error.to_string(),
            "`raw_html` must be true or false, not text"
        );
        let error = load_text("feed_limit = [1]").expect_err("type");
        assert_eq!(
            error.to_string(),
            "`feed_limit` must be a whole number, not a list"
        );
    }

    #[test]
    fn base_url_gets_a_trailing_slash_and_flags_override_it() {
        let config = load_text("base_url = \"https://example.org/arsip\"").expect("valid");
        assert_eq!(config.base_url, "https://example.org/arsip/");
        let overrides = Overrides {
            base_url: Some("http://localhost:8000".to_string()),
            ..Overrides::default()
        };
        let config =
            Config::from_raw(Path::new("/s"), RawConfig::default(), &overrides).expect("valid");
        assert_eq!(config.base_url, "http://localhost:8000/");
    }

    #[test]
    fn invalid_values_are_rejected() {
        assert!(load_text("base_url = \"example.org\"").is_err());
        assert!(load_text("timezone = \"Europe/Paris\"").is_err());
        assert!(load_text("paginate_by = 0").is_err());
        assert!(load_text("permalink = \"/:year/:title/\"").is_err());
        assert!(load_text("permalink = \"/:year/\"").is_err());
        assert!(load_text("permalink = \"/../:slug/\"").is_err());
        assert!(load_text("language = \"id id\"").is_err());
    }

    #[test]
    fn offsets_parse_in_common_forms() {
        assert_eq!(parse_offset("+07:00"), FixedOffset::east_opt(25200));
        assert_eq!(parse_offset("-0530"), FixedOffset::east_opt(-19800));
        assert_eq!(parse_offset("UTC"), FixedOffset::east_opt(0));
        assert_eq!(
            parse_offset("Asia/Makassar"),
            FixedOffset::east_opt(8 * 3600)
        );
        assert_eq!(parse_offset("WIT"), FixedOffset::east_opt(9 * 3600));
        assert_eq!(parse_offset("+25:00"), None);
        assert_eq!(parse_offset("7"), None);
    }

    #[test]
    fn permalink_expands_date_and_slug() {
        let date = chrono::NaiveDate::from_ymd_opt(2016, 2, 8).expect("date");
        let pattern = Permalink::parse("/:year/:month/:day/:slug/").expect("valid");
        assert_eq!(pattern.expand(date, "jokowi"), "2016/02/08/jokowi/");
        let pattern = Permalink::parse("/berita/:slug").expect("valid");
        assert_eq!(pattern.expand(date, "jokowi"), "berita/jokowi/");
    }
}
