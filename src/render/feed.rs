//! The feeds: the site's and one per tag, one context for every feed format (RSS 2.0, Atom
//! 1.0, JSON Feed 1.1). Every URL in them is absolute, as the formats require; dates come in
//! RFC 2822 (RSS) and RFC 3339 (Atom, JSON Feed). The newest article's date stands
//! in for the build time, so two builds of the same input are identical. Every string they
//! print goes through [`xml_text`], so no character XML forbids reaches them.

use std::borrow::Cow;

use tera::{Context, TeraResult};

use super::context::{FeedItem, FeedPage, FeedView};
use super::escape::{xml_string, xml_text};
use super::{Renderer, links};
use crate::model::Site;

/// The site feed (`tag` None) or one tag's feed: the newest `feed_limit` articles.
pub(super) fn feed(
    renderer: &Renderer<'_>,
    site: &Site,
    from: &str,
    tag: Option<&str>,
) -> TeraResult<Context> {
    let config = renderer.config();
    let (indexes, title, link): (Vec<usize>, String, String) = match tag {
        None => (
            (0..site.articles.len()).collect(),
            config.title.clone(),
            renderer.absolute(""),
        ),
        Some(slug) => {
            let Some(group) = site.tags.get(slug) else {
                return Err(tera::Error::message(format!("no tag `{slug}`")));
            };
            let title = format!(
                "{} – {}: {}",
                config.title,
                renderer.locale().strings()["tag"],
                group.name
            );
            (group.articles.clone(), title, renderer.absolute(&group.url))
        }
    };
    let items: Vec<FeedItem> = indexes
        .iter()
        .take(config.feed_limit)
        .filter_map(|i| site.articles.get(*i))
        .map(|entry| {
            let a = &entry.article;
            let link = renderer.absolute(&entry.url);
            // Feed readers show the body without our site around it: make its links absolute.
            let (body, _) = links::rewrite_site_links(
                &a.body_html,
                |p| site.url_of_linked_source(p),
                |url| renderer.absolute(url),
            );
            let link = xml_string(link);
            FeedItem {
                title: xml_text(&a.title),
                guid: link.clone(),
                link,
                pub_date: a.date.to_rfc2822(),
                published: a.date.to_rfc3339(),
                updated: a.updated.unwrap_or(a.date).max(a.date).to_rfc3339(),
                author: a.author.as_deref().map(xml_text),
                summary: a.description.as_deref().map(xml_text),
                categories: a.tags.iter().map(|t| xml_text(&t.name)).collect(),
                image: super::cards::lead_image(renderer, entry).map(|i| xml_string(i.url)),
                description: match (&a.description, body) {
                    (Some(d), body) if body.is_empty() => xml_text(d),
                    (_, Cow::Borrowed(body)) => xml_text(body),
                    (_, Cow::Owned(body)) => Cow::Owned(xml_string(body)),
                },
            }
        })
        .collect();
    let newest = indexes
        .first()
        .and_then(|i| site.articles.get(*i))
        .map(|e| {
            e.article
                .updated
                .unwrap_or(e.article.date)
                .max(e.article.date)
        });
    let last_build_date = newest.map(|d| d.to_rfc2822());
    let updated = newest.map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.to_rfc3339());
    let description = if config.description.is_empty() {
        title.clone()
    } else {
        config.description.clone()
    };
    let view = FeedView {
        title: xml_string(title),
        publisher: xml_string(config.title.clone()),
        link: xml_string(link),
        self_url: xml_string(renderer.absolute(from)),
        description: xml_string(description),
        last_build_date,
        updated,
        items,
    };
    Context::from_serialize(&FeedPage {
        current_url: xml_string(renderer.absolute(from)),
        feed: view,
    })
}
