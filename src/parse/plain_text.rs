//! Plain-text news articles (`.txt`): the newsroom reader extracts headline, date, byline,
//! captions and tags from the text; a front matter block at the top overrides any of them.

use super::front_matter::FrontMatter;
use super::{Article, Extracted, Fields, file_location};
use crate::error::Error;
use crate::newsroom;

/// Builds an article from a plain-text body that starts at file line `body_line`.
pub(crate) fn parse(
    fields: &Fields<'_>,
    front: FrontMatter,
    body: &str,
    body_line: usize,
) -> Result<Article, Error> {
    let news = match newsroom::extract(body, fields.config.timezone) {
        Ok(news) => news,
        // Front matter may carry the title of an article whose text is empty.
        Err(_) if front.title.is_some() && body.trim().is_empty() => {
            return fields.article(front, String::new(), None);
        }
        Err(e) => {
            return Err(Error::content(
                &fields.file.path,
                Some(file_location(body_line, e.line)),
                e.message,
            ));
        }
    };
    let body_html = newsroom::paragraphs_to_html(&news.paragraphs);
    let mut tags = news.hashtags;
    // Recurring names become tags only when the editor gave none in front matter.
    if front.tags.is_none() {
        for entity in news.entities.into_iter().take(fields.config.auto_tags) {
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(&entity)) {
                tags.push(entity);
            }
        }
    }
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
