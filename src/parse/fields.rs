//! Turning what a format read (front matter, and fields found in the text itself) into an
//! [`Article`]: front matter wins field by field, file names and paths fill in dates and
//! slugs, and every problem is collected so that one run reports them all.

use chrono::{DateTime, FixedOffset, TimeZone};

use super::front_matter::{self, FrontMatter};
use super::{Article, Caption, Tag, dates, site_path};
use crate::config::Config;
use crate::error::Error;
use crate::load::{SourceFile, SourceFormat};

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
    pub updated: Option<DateTime<FixedOffset>>,
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

    /// Combines front matter with what the body yielded; front matter wins field by field,
    /// and a `YYYY-MM-DD-slug` file name gives date and slug when front matter does not.
    /// Fails with every problem found.
    pub(crate) fn article(
        &self,
        front: FrontMatter,
        body_html: String,
        extracted: Option<Extracted>,
    ) -> Result<Article, Vec<Error>> {
        let extracted = extracted.unwrap_or_default();
        let mut errors = Vec::new();
        let from_name = (self.file.format == SourceFormat::Markdown)
            .then(|| dates::from_file_name(&self.file.path))
            .flatten();
        let (path, aliases) = self.paths(&front, &mut errors);
        let title = front
            .title
            .or(extracted.title)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        // A title or date written but unreadable is reported as such, not as missing.
        let written =
            |key| front_matter::key_location(self.front_text, self.front_line, key).is_some();
        if title.is_none() && !written("title") {
            errors.push(self.error(
                None,
                "the article has no title: set `title` in the front matter".to_string(),
            ));
        }
        let tz = self.config.timezone;
        let mut out_of_range = false;
        let date = match &front.date {
            Some(text) => {
                let date = self.date("date", text, &mut errors);
                // The file name's date is a fix at hand: say it, but never guess silently.
                if let (None, Some((day, _)), Some(error)) = (date, from_name, errors.last_mut())
                    && let Error::Content { message, .. } = error
                {
                    message.push_str(&format!(
                        "; the file name gives {day}: correct `date`, or remove it to use that"
                    ));
                }
                date
            }
            None => extracted
                .date
                .filter(|date| {
                    // A year the text gave that no feed could write (issue 21).
                    let ok = dates::in_range(*date, tz).is_ok();
                    out_of_range |= !ok;
                    if !ok {
                        errors.push(self.error(None, format!("the date found in the text, {}, is out of range: years 1 to 9999 only; set `date` in the front matter", date.to_rfc3339())));
                    }
                    ok
                })
                .or_else(|| {
                    let day = from_name.map(|(day, _)| day).or_else(|| {
                        front.path.as_deref().and_then(dates::from_site_path)
                    })?;
                    tz.from_local_datetime(&day.and_hms_opt(0, 0, 0)?).single()
                })
                .or_else(|| {
                    if written("date") || out_of_range {
                        return None;
                    }
                    errors.push(self.error(
                        None,
                        "the article has no date: set `date` in the front matter or name the file YYYY-MM-DD-title.md".to_string(),
                    ));
                    None
                }),
        };
        let updated = match front.updated.as_deref() {
            Some(text) => self.date("updated", text, &mut errors),
            None => extracted.updated,
        };
        let given_slug = match &front.slug {
            Some(slug) => site_path::checked_slug(slug).or_else(|| {
                errors.push(self.error(Some("slug"), format!("`slug` `{}` is not allowed: use letters, digits, `-`, `_` and `.`, without `/`, `\\` or `..`", slug.trim())));
                None
            }),
            None => from_name.map(|(_, slug)| {
                site_path::checked_slug(slug).unwrap_or_else(|| crate::slug::slugify(slug))
            }),
        };
        let (Some(title), Some(date), true) = (title, date, errors.is_empty()) else {
            // Never an empty list: a key written empty (`title: ""`) is still missing.
            if errors.is_empty() {
                errors.push(self.error(None, "the article has no title or no date: set `title` and `date` in the front matter".to_string()));
            }
            return Err(errors);
        };
        let (slug, slug_is_explicit) = match given_slug {
            Some(slug) => (slug, true),
            None => (crate::slug::slugify(&title), false),
        };
        let tags = dedup_tags(front.tags.unwrap_or(extracted.tags));
        Ok(Article {
            source_path: self.file.path.clone(),
            title,
            slug,
            slug_is_explicit,
            path,
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
            toc: front.toc,
            image: nonempty(front.image),
            aliases,
            body_html,
            body_image: None,
            extra: front.extra.unwrap_or_default(),
            unknown_keys: front.unknown,
            notes: Vec::new(),
        })
    }

    // The article's own path and its old paths, each checked; a refused one is noted at the
    // line of the key that gave it.
    fn paths(&self, front: &FrontMatter, errors: &mut Vec<Error>) -> (Option<String>, Vec<String>) {
        let key_of = |keys: [&'static str; 3]| {
            keys.into_iter().find(|k| {
                !k.is_empty()
                    && front_matter::key_location(self.front_text, self.front_line, k).is_some()
            })
        };
        let mut refuse = |keys, what: &str, text: &str| {
            errors.push(self.error(
                key_of(keys),
                format!(
                    "{what} `{}` is not allowed: use {}",
                    text.trim(),
                    site_path::PAGE_PATH_RULES
                ),
            ));
        };
        let path = front.path.as_deref().and_then(|text| {
            let path = site_path::page_path(text);
            if path.is_none() {
                refuse(["permalink", "url", "path"], "the article's path", text);
            }
            path
        });
        let mut aliases = Vec::with_capacity(front.aliases.len());
        for alias in &front.aliases {
            match site_path::alias_path(alias) {
                Some(path) => aliases.push(path),
                None => refuse(["aliases", "redirect_from", ""], "the old path", alias),
            }
        }
        (path, aliases)
    }

    // Reads the date written for `key`, or notes why it is not one.
    fn date(
        &self,
        key: &str,
        text: &str,
        errors: &mut Vec<Error>,
    ) -> Option<DateTime<FixedOffset>> {
        dates::read_date(text, self.config.timezone)
            .map_err(|problem| errors.push(self.error(Some(key), problem.message(key, text))))
            .ok()
    }
}

fn nonempty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

// The same tag written twice, or two spellings with one slug, appear once on an article.
pub(super) fn dedup_tags(names: Vec<String>) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::with_capacity(names.len());
    for name in names {
        let name = name.trim().to_string();
        if name.is_empty() {
            continue;
        }
        let slug = match crate::slug::slugify(&name) {
            s if s.is_empty() => fallback_tag_slug(&name),
            s => crate::slug::device_safe(s),
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
