//! What an article tells search engines and social networks about itself: its lead image,
//! its Open Graph and Twitter card values, and the JSON-LD structured data of the pages
//! (`NewsArticle` on articles, `BreadcrumbList` on archive and tag pages, `WebSite` with a
//! `SearchAction` on the home page). Every URL here is absolute; the `json` filter prints
//! the JSON-LD safely inside `<script>`.

use serde::Serialize;
use tera::{TeraResult, Value};

use super::Renderer;
use super::context::ImageView;
use crate::model::Entry;

/// The search page the `SearchAction` points at, with the query placeholder.
const SEARCH_TEMPLATE: &str = "search/?q={search_term_string}";

/// The article's lead image: its front matter `image` (`cover`, `featured_image`), else the
/// first image of its body, else the site's `discovery.image`, with that one's size. An
/// image path is read as the page would read it: relative to the article's own URL, or from
/// the site's root when it starts with `/` or `@/`.
pub(super) fn lead_image(renderer: &Renderer<'_>, entry: &Entry) -> Option<ImageView> {
    let a = &entry.article;
    let own = a
        .image
        .as_deref()
        .map(str::to_string)
        .or_else(|| first_body_image(&a.body_html));
    if let Some(url) = own.and_then(|src| resolve(renderer, &entry.url, &src)) {
        return Some(ImageView {
            url,
            width: None,
            height: None,
        });
    }
    let d = &renderer.config().discovery;
    Some(ImageView {
        url: resolve(renderer, "", d.image.as_deref()?)?,
        width: d.image_width,
        height: d.image_height,
    })
}

/// The `src` of the first `<img>` of `html`, entities decoded.
fn first_body_image(html: &str) -> Option<String> {
    let mut rest = html;
    loop {
        let at = rest.find("<img")?;
        let tag_start = &rest[at + 4..];
        let end = tag_start.find('>')?;
        let tag = &tag_start[..end];
        rest = &tag_start[end..];
        // The attribute, not `data-src`: preceded by a space.
        let Some(src) = tag.find(" src=").map(|i| &tag[i + 5..]) else {
            continue;
        };
        let value = match src.chars().next() {
            Some(q @ ('"' | '\'')) => src[1..].split(q).next(),
            _ => src.split([' ', '/']).next(),
        };
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            return Some(decode_entities(value.trim()));
        }
    }
}

// The entities a serializer writes in attribute values.
fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `src` as an absolute URL, read from the page at site URL `from`; `None` for a URL of
/// another scheme (`data:`, `javascript:`) or one that climbs above the site.
pub(super) fn resolve(renderer: &Renderer<'_>, from: &str, src: &str) -> Option<String> {
    let src = src.trim();
    if src.starts_with("https://") || src.starts_with("http://") {
        return Some(src.to_string());
    }
    if let Some(rest) = src.strip_prefix("//") {
        let scheme = renderer
            .config()
            .base_url
            .split("//")
            .next()
            .unwrap_or("https:");
        return Some(format!("{scheme}//{rest}"));
    }
    let before_slash = src.split('/').next().unwrap_or("");
    if before_slash.contains(':') || src.is_empty() {
        return None;
    }
    let site_path = match src.strip_prefix("@/").or_else(|| src.strip_prefix('/')) {
        Some(rooted) => rooted.to_string(),
        None => {
            let folder = from.rfind('/').map_or("", |i| &from[..=i]);
            join(folder, src)?
        }
    };
    Some(renderer.absolute(&site_path))
}

// `rel` read in site folder `folder` (`2016/02/18/a/`), `.` and `..` applied.
fn join(folder: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let segments: Vec<&str> = rel.split('/').collect();
    for (k, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            "" if k + 1 < segments.len() => {}
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<Box<ImageObject>>,
}

#[derive(Serialize)]
struct ImageObject {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
}

#[derive(Serialize)]
struct WebPageRef {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    date_published: String,
    date_modified: String,
    author: Vec<Thing<'a>>,
    publisher: Thing<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<ImageObject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    in_language: &'a str,
    main_entity_of_page: WebPageRef,
    url: String,
}

/// The publisher: the site, with its logo when `discovery.logo` names one.
fn publisher<'a>(renderer: &'a Renderer<'_>) -> Thing<'a> {
    let config = renderer.config();
    Thing {
        kind: "Organization",
        name: &config.title,
        url: Some(config.base_url.clone()),
        logo: config
            .discovery
            .logo
            .as_deref()
            .and_then(|logo| resolve(renderer, "", logo))
            .map(|url| {
                Box::new(ImageObject {
                    kind: "ImageObject",
                    url,
                    width: None,
                    height: None,
                })
            }),
    }
}

/// The `NewsArticle` of an article page. Its authors are people (a byline of several names,
/// joined with `, `, is each of them); an article without a byline is by its outlet, else by
/// the site.
pub(super) fn news_article(
    renderer: &Renderer<'_>,
    entry: &Entry,
    image: Option<&ImageView>,
) -> TeraResult<Value> {
    let a = &entry.article;
    let config = renderer.config();
    let person = |name| Thing {
        kind: "Person",
        name,
        url: None,
        logo: None,
    };
    let author = match a.author.as_deref() {
        Some(names) => names
            .split(", ")
            .filter(|n| !n.trim().is_empty())
            .map(person)
            .collect(),
        None => vec![Thing {
            kind: "Organization",
            name: a.source.as_deref().unwrap_or(&config.title),
            url: None,
            logo: None,
        }],
    };
    let permalink = renderer.absolute(&entry.url);
    Value::try_from_serializable(&NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &a.title,
        description: a.description.as_deref(),
        date_published: a.date.to_rfc3339(),
        date_modified: a.updated.unwrap_or(a.date).max(a.date).to_rfc3339(),
        author,
        publisher: publisher(renderer),
        image: image.map(|i| ImageObject {
            kind: "ImageObject",
            url: i.url.clone(),
            width: i.width,
            height: i.height,
        }),
        article_section: a.tags.first().map(|t| t.name.as_str()),
        keywords: a.tags.iter().map(|t| t.name.as_str()).collect(),
        in_language: &config.language,
        main_entity_of_page: WebPageRef {
            kind: "WebPage",
            id: permalink.clone(),
        },
        url: permalink,
    })
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: &'a str,
    item: String,
}

#[derive(Serialize)]
struct BreadcrumbList<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem<'a>>,
}

/// A `BreadcrumbList` from the home page down: each step's name and site URL.
pub(super) fn breadcrumbs(
    renderer: &Renderer<'_>,
    trail: &[(String, String)],
) -> TeraResult<Value> {
    let home = &renderer.locale().strings()["home"];
    let items = std::iter::once((home.as_str(), ""))
        .chain(
            trail
                .iter()
                .map(|(name, url)| (name.as_str(), url.as_str())),
        )
        .enumerate()
        .map(|(k, (name, url))| ListItem {
            kind: "ListItem",
            position: k + 1,
            name,
            item: renderer.absolute(url),
        })
        .collect();
    Value::try_from_serializable(&BreadcrumbList {
        context: "https://schema.org",
        kind: "BreadcrumbList",
        items,
    })
}

#[derive(Serialize)]
struct EntryPoint {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "urlTemplate")]
    url_template: String,
}

#[derive(Serialize)]
struct SearchAction {
    #[serde(rename = "@type")]
    kind: &'static str,
    target: EntryPoint,
    #[serde(rename = "query-input")]
    query_input: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebSite<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    url: &'a str,
    in_language: &'a str,
    publisher: Thing<'a>,
    potential_action: SearchAction,
}

/// The home page's `WebSite`, whose `SearchAction` is the site's search page (`/search/`).
pub(super) fn website(renderer: &Renderer<'_>) -> TeraResult<Value> {
    let config = renderer.config();
    Value::try_from_serializable(&WebSite {
        context: "https://schema.org",
        kind: "WebSite",
        name: &config.title,
        description: &config.description,
        url: &config.base_url,
        in_language: &config.language,
        publisher: publisher(renderer),
        potential_action: SearchAction {
            kind: "SearchAction",
            target: EntryPoint {
                kind: "EntryPoint",
                url_template: renderer.absolute(SEARCH_TEMPLATE),
            },
            query_input: "required name=search_term_string",
        },
    })
}

/// `og:locale` for a language tag: `id` is `id_ID`, `en` `en_US`, `pt-BR` `pt_BR`; another
/// bare language stays as it is.
pub fn og_locale(language: &str) -> String {
    let mut parts = language.split(['-', '_']);
    let lang = parts.next().unwrap_or("").to_ascii_lowercase();
    match (parts.next(), lang.as_str()) {
        (Some(region), _) if region.len() == 2 => format!("{lang}_{}", region.to_uppercase()),
        (_, "id") => "id_ID".to_string(),
        (_, "en") => "en_US".to_string(),
        _ => lang,
    }
}

#[cfg(test)]
mod tests;
