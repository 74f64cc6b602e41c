//! What pages tell search engines and social networks about themselves: the JSON-LD
//! structured data (`NewsArticle` on articles, `BreadcrumbList` on archive and tag pages,
//! `WebSite` with a `SearchAction` on the home page), Open Graph's locale, and each article's
//! lead image (in [`image`]). Every URL here is absolute; the `json` filter prints the JSON-LD
//! safely inside `<script>`.

use serde::Serialize;
use tera::{TeraResult, Value};

use super::Renderer;
use super::context::{Common, ImageView};
use crate::model::{self, Entry};

mod image;
pub(super) use image::lead_image;
use image::resolve;

/// The search page the `SearchAction` points at, with the query placeholder.
const SEARCH_TEMPLATE: &str = "search/?q={search_term_string}";

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

impl Renderer<'_> {
    /// The common fields of a page with its structured data.
    pub(super) fn common_ld(&self, from: &str, json_ld: TeraResult<Value>) -> TeraResult<Common> {
        Ok(Common {
            json_ld: Some(json_ld?),
            ..self.common(from)?
        })
    }

    /// The common fields with the breadcrumbs from the home page through `steps` (name,
    /// site URL).
    pub(super) fn trail(&self, from: &str, steps: &[(String, String)]) -> TeraResult<Common> {
        self.common_ld(from, breadcrumbs(self, steps))
    }

    /// The breadcrumb steps of the archive pages down to `year`, and `month` of it.
    pub(super) fn period_steps(&self, year: i32, month: Option<u32>) -> Vec<(String, String)> {
        let archive = self.locale().strings()["archive"].clone();
        let mut steps = vec![
            (archive, model::archive_url()),
            (year.to_string(), model::year_url(year)),
        ];
        if let Some(m) = month {
            steps.push((self.locale().month_year(year, m), model::month_url(year, m)));
        }
        steps
    }
}

#[cfg(test)]
mod tests;
