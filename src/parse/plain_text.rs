//! Plain-text news articles (`.txt`): the newsroom reader extracts headline, date, byline,
//! captions and tags from the text; a front matter block at the top overrides any of them.
//!
//! The body goes through the same Markdown rendering as an imported `.md` (its paragraphs
//! escaped so they render verbatim), so `arsip import` output builds to the same page.

use std::collections::{BTreeSet, HashSet};

use super::front_matter::FrontMatter;
use super::{Article, Extracted, Fields, file_location};
use crate::error::Error;
use crate::newsroom::{self, NewsText};

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
    let news = match newsroom::extract(body, fields.config.timezone) {
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
        .unwrap_or_else(|| tags_of(&news, fields.config.auto_tags));
    let markdown = newsroom::markdown_text::to_markdown(&news.paragraphs);
    let body_html =
        super::markdown::to_html_linking(&markdown, fields.config.raw_html, &slugs(&tags));
    let extracted = Extracted {
        title: Some(news.title),
        date: news.date,
        tags,
        author: news.author,
        editor: news.editor,
        source: news.source,
        location: news.location,
        description: news.description,
        captions: news.captions,
    };
    fields.article(front, body_html, Some(extracted))
}

/// The tags a newsroom text gives itself: its hashtags, then up to `auto_tags` recurring
/// names not already among them.
pub fn tags_of(news: &NewsText, auto_tags: usize) -> Vec<String> {
    let mut tags = news.hashtags.clone();
    // A set, not a scan of `tags` per entity: a text may hold very many hashtags.
    let mut seen: HashSet<String> = tags.iter().map(|t| t.to_lowercase()).collect();
    for entity in news.entities.iter().take(auto_tags) {
        if seen.insert(entity.to_lowercase()) {
            tags.push(entity.clone());
        }
    }
    tags
}

/// The slugs of `tags`, for linking hashtags in a body to the article's own tag pages.
pub(crate) fn slugs(tags: &[String]) -> BTreeSet<String> {
    tags.iter().map(|t| crate::slug::slugify(t)).collect()
}
