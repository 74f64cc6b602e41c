//! Plain-text news articles (`.txt`): the newsroom reader extracts headline, date, byline,
//! captions and tags from the text; a front matter block at the top overrides any of them.
//!
//! The body goes through the same Markdown rendering as an imported `.md` (its paragraphs
//! escaped so they render verbatim), so `arsip import` output builds to the same page.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::front_matter::FrontMatter;
use super::news::{self, NewsText};
use super::{Article, Extracted, Fields, Note, file_location};
use crate::error::Error;

/// Builds an article from a plain-text body that starts at file line `body_line`.
///
/// Fails naming the file and line (with every problem found) when the text is empty and front matter has no title, or
/// when neither the text nor front matter gives a date.
pub(crate) fn parse(
    fields: &Fields<'_>,
    front: FrontMatter,
    body: &str,
    body_line: usize,
) -> Result<Article, Vec<Error>> {
    let news = match news::extract_with(body, fields.config.timezone, &fields.config.outlets) {
        Ok(news) => news,
        // Front matter may carry the title of an article whose text is empty.
        Err(_) if front.title.is_some() && body.trim().is_empty() => {
            return fields.article(front, String::new(), None);
        }
        Err(e) => {
            return Err(vec![Error::content(
                &fields.file.path,
                Some(file_location(body_line, e.line)),
                e.message,
            )]);
        }
    };
    if news.date.is_none() && front.date.is_none() {
        return Err(vec![Error::content(
            &fields.file.path,
            Some(file_location(body_line, 1)),
            format!(
                "no date found in the article `{}` (looked for forms such as `Kamis, 18 Februari 2016`, `Kamis (18/2/2016)` or `18 Feb 2016, 09:28 WIB`): set `date` in the front matter",
                news.title
            ),
        )]);
    }
    let tags = front
        .tags
        .clone()
        .unwrap_or_else(|| tags_of(&news, fields.config.auto_tags, &fields.config.tag_aliases));
    let markdown = news::markdown_text::to_markdown(&news.paragraphs);
    let (body_html, body_image) =
        super::markdown::to_html_with_image(&markdown, fields.config.raw_html, &slugs(&tags));
    let extracted = Extracted {
        title: Some(news.title),
        date: news.date,
        updated: news.updated,
        tags,
        author: news.author,
        editor: news.editor,
        source: news.source,
        location: news.location,
        description: news.description,
        captions: news.captions,
    };
    let notes = furniture_notes(body, body_line, &news.dropped);
    fields
        .article(front, body_html, Some(extracted))
        .map(|article| Article {
            notes,
            body_image,
            ..article
        })
}

/// Other names of well-known people and bodies, each to the name tags use.
const TAG_ALIASES: &[(&str, &str)] = &[
    ("jokowi", "Joko Widodo"),
    ("sby", "Susilo Bambang Yudhoyono"),
    ("ahok", "Basuki Tjahaja Purnama"),
    ("btp", "Basuki Tjahaja Purnama"),
    ("gus dur", "Abdurrahman Wahid"),
    ("kominfo", "Kementerian Komunikasi dan Informatika"),
    ("kemenkes", "Kementerian Kesehatan"),
    ("kemenag", "Kementerian Agama"),
    ("kpk", "Komisi Pemberantasan Korupsi"),
    ("bi", "Bank Indonesia"),
    ("ojk", "Otoritas Jasa Keuangan"),
];

/// The one name of `tag` from `aliases` (arsip.toml's `[tag_aliases]`), matching case
/// insensitively; `tag` itself when it has none there.
pub fn canonical_tag<'a>(tag: &'a str, aliases: &'a BTreeMap<String, String>) -> &'a str {
    if let Some(name) = aliases.get(tag) {
        return name;
    }
    let lower = tag.to_lowercase();
    aliases
        .iter()
        .find(|(alias, _)| alias.to_lowercase() == lower)
        .map_or(tag, |(_, name)| name.as_str())
}

// What makes two tags one: the site's alias, else the built-in one, lower-cased. Built-in
// aliases only merge names; they never rename a tag the site may use as written.
fn tag_key(tag: &str, aliases: &BTreeMap<String, String>) -> String {
    let named = canonical_tag(tag, aliases).to_lowercase();
    TAG_ALIASES
        .iter()
        .find(|(alias, _)| *alias == named)
        .map_or(named, |(_, name)| name.to_lowercase())
}

/// The tags a newsroom text gives itself: the outlet's tag list, its hashtags, then up to
/// `auto_tags` recurring names not already among them; other names of one tag merged.
pub fn tags_of(
    news: &NewsText,
    auto_tags: usize,
    aliases: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut tags = Vec::with_capacity(news.tags.len() + news.hashtags.len() + auto_tags);
    // A set, not a scan of `tags` per entity: a text may hold very many hashtags.
    let mut seen: HashSet<String> = HashSet::new();
    // The outlet's and the writer's tags stay as written; a name for the same thing is not
    // added again.
    for tag in news.tags.iter().chain(&news.hashtags) {
        if seen.insert(tag_key(tag, aliases)) {
            tags.push(tag.clone());
        }
    }
    for entity in news.entities.iter().take(auto_tags) {
        if seen.insert(tag_key(entity, aliases)) {
            tags.push(canonical_tag(entity, aliases).to_string());
        }
    }
    tags
}

/// The slugs of `tags`, for linking hashtags in a body to the article's own tag pages.
pub(crate) fn slugs(tags: &[String]) -> BTreeSet<String> {
    tags.iter()
        .map(|t| crate::slug::device_safe(crate::slug::slugify(t)))
        .collect()
}

// A run of at least this many furniture lines with no text between them is worth a look.
const LONG_RUN: usize = 5;

/// Notes for long runs of lines the newsroom reader left out of a plain-text article as
/// site furniture, so that an editor can check nothing real went with them (issue 18).
/// `dropped` are the lines left out, numbered within `body`, which starts at file line
/// `body_line`.
fn furniture_notes(body: &str, body_line: usize, dropped: &[news::lines::Line]) -> Vec<Note> {
    if dropped.len() < LONG_RUN {
        return Vec::new();
    }
    let numbers: HashSet<usize> = dropped.iter().map(|l| l.number).collect();
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let number = i + 1;
        if numbers.contains(&number) {
            current.push(number);
        } else if !line.trim().is_empty() && !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    runs.push(current);
    runs.into_iter()
        .filter(|run| run.len() >= LONG_RUN)
        .map(|run| {
            let first = run.first().copied().unwrap_or(1);
            let last = run.last().copied().unwrap_or(first);
            let to_file = |n: usize| file_location(body_line, n).line;
            Note {
                location: file_location(body_line, first),
                message: format!(
                    "{} lines up to line {} left out as site furniture (such as `{}`): `arsip import` lists them for review",
                    run.len(),
                    to_file(last),
                    dropped
                        .iter()
                        .find(|l| l.number == first)
                        .map_or("", |l| l.text.as_str())
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_merge_one_name_and_the_site_table_renames() {
        let mut aliases = BTreeMap::new();
        assert_eq!(
            tag_key("JOKOWI", &aliases),
            tag_key("Joko Widodo", &aliases)
        );
        assert_eq!(canonical_tag("Jokowi", &aliases), "Jokowi");
        aliases.insert("Bang Ucok".to_string(), "Ucok Siregar".to_string());
        assert_eq!(canonical_tag("bang ucok", &aliases), "Ucok Siregar");
        assert_eq!(tag_key("Bang Ucok", &aliases), "ucok siregar");
    }
}
