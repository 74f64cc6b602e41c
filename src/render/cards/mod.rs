//! What pages tell search engines and social networks about themselves: the JSON-LD
//! structured data (`NewsArticle` on articles, `BreadcrumbList` on archive and tag pages,
//! `WebSite` with a `SearchAction` on the home page), Open Graph's locale, and each article's
//! lead image (in [`image`]). Every URL here is absolute; the `json` filter prints the JSON-LD
//! safely inside `<script>`.

use std::fmt::Write;

use tera::TeraResult;

use super::Renderer;
use super::context::{Common, ImageView};
use super::json::write_string;
use crate::model::{self, Entry};

mod image;
pub(super) use image::lead_image;
use image::resolve;

/// The search page the `SearchAction` points at, with the query placeholder.
const SEARCH_TEMPLATE: &str = "search/?q={search_term_string}";

/// JSON text already written: a page's `json_ld`. It reaches the templates as bytes, a kind
/// no template can make, which the `json` filter prints as they are (see `super::json`).
#[derive(Debug)]
pub struct JsonText(pub String);

impl serde::Serialize for JsonText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0.as_bytes())
    }
}

/// A JSON object written key by key. The keys are written as given, so callers pass them
/// sorted (byte order) and needing no escape: the output is what the `json` filter printed
/// for the same table, keys sorted.
struct Object<'o> {
    out: &'o mut String,
    empty: bool,
}

impl<'o> Object<'o> {
    fn open(out: &'o mut String) -> Object<'o> {
        out.push('{');
        Object { out, empty: true }
    }

    /// Starts the member `key`; the caller writes its value to the returned text.
    fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        self.out
    }

    fn string(&mut self, key: &str, value: &str) {
        write_string(self.key(key), value);
    }

    fn number(&mut self, key: &str, value: impl std::fmt::Display) {
        let _ = write!(self.key(key), "{value}");
    }

    fn close(self) {
        self.out.push('}');
    }
}

/// `{"@type":kind,"name":name}`: a person or an organisation by name.
fn thing(out: &mut String, kind: &str, name: &str) {
    let mut o = Object::open(out);
    o.string("@type", kind);
    o.string("name", name);
    o.close();
}

/// An `ImageObject`, its size when known.
fn image_object(out: &mut String, image: &ImageView) {
    let mut o = Object::open(out);
    o.string("@type", "ImageObject");
    if let Some(height) = image.height {
        o.number("height", height);
    }
    o.string("url", &image.url);
    if let Some(width) = image.width {
        o.number("width", width);
    }
    o.close();
}

impl Renderer<'_> {
    /// The publisher as JSON: the site, with its logo when `discovery.logo` names one. The
    /// same on every page, so written once.
    fn publisher_json(&self) -> &str {
        self.publisher.get_or_init(|| {
            let config = self.config();
            let mut out = String::new();
            let mut o = Object::open(&mut out);
            o.string("@type", "Organization");
            let logo = config.discovery.logo.as_deref();
            if let Some(url) = logo.and_then(|logo| resolve(self, "", logo)) {
                let image = ImageView {
                    url,
                    width: None,
                    height: None,
                };
                image_object(o.key("logo"), &image);
            }
            o.string("name", &config.title);
            o.string("url", &config.base_url);
            o.close();
            out
        })
    }
}

/// What an article page's `NewsArticle` holds besides the article: values its page made.
pub(super) struct ArticleLd<'v> {
    pub image: Option<&'v ImageView>,
    /// The article's absolute URL.
    pub permalink: &'v str,
    /// RFC 3339: the last change, and the publication date.
    pub modified: &'v str,
}

/// The `NewsArticle` of an article page. Its authors are people (a byline of several names,
/// joined with `, `, is each of them); an article without a byline is by its outlet, else by
/// the site.
pub(super) fn news_article(renderer: &Renderer<'_>, entry: &Entry, ld: &ArticleLd<'_>) -> JsonText {
    let a = &entry.article;
    let config = renderer.config();
    let mut out = String::with_capacity(768 + a.title.len() * 2);
    let mut o = Object::open(&mut out);
    o.string("@context", "https://schema.org");
    o.string("@type", "NewsArticle");
    if let Some(tag) = a.tags.first() {
        o.string("articleSection", &tag.name);
    }
    let authors = o.key("author");
    authors.push('[');
    match a.author.as_deref() {
        Some(names) => {
            for name in names.split(", ").filter(|n| !n.trim().is_empty()) {
                if !authors.ends_with('[') {
                    authors.push(',');
                }
                thing(authors, "Person", name);
            }
        }
        None => thing(
            authors,
            "Organization",
            a.source.as_deref().unwrap_or(&config.title),
        ),
    }
    authors.push(']');
    o.string("dateModified", ld.modified);
    o.string("datePublished", &a.date.to_rfc3339());
    if let Some(description) = a.description.as_deref() {
        o.string("description", description);
    }
    o.string("headline", &a.title);
    if let Some(image) = ld.image {
        image_object(o.key("image"), image);
    }
    o.string("inLanguage", &config.language);
    if !a.tags.is_empty() {
        let keywords = o.key("keywords");
        for (k, tag) in a.tags.iter().enumerate() {
            keywords.push(if k == 0 { '[' } else { ',' });
            write_string(keywords, &tag.name);
        }
        keywords.push(']');
    }
    let page = o.key("mainEntityOfPage");
    let mut p = Object::open(page);
    p.string("@id", ld.permalink);
    p.string("@type", "WebPage");
    p.close();
    o.key("publisher").push_str(renderer.publisher_json());
    o.string("url", ld.permalink);
    o.close();
    JsonText(out)
}

/// A `BreadcrumbList` from the home page down: each step's name and site URL.
pub(super) fn breadcrumbs(renderer: &Renderer<'_>, trail: &[(String, String)]) -> JsonText {
    let home = &renderer.locale().strings()["home"];
    let steps = std::iter::once((home.as_str(), "")).chain(
        trail
            .iter()
            .map(|(name, url)| (name.as_str(), url.as_str())),
    );
    let base = renderer.config().base_url.as_str();
    let mut out = String::with_capacity(128 + 96 * trail.len());
    let mut o = Object::open(&mut out);
    o.string("@context", "https://schema.org");
    o.string("@type", "BreadcrumbList");
    let list = o.key("itemListElement");
    let mut url = String::new();
    for (k, (name, site_url)) in steps.enumerate() {
        list.push(if k == 0 { '[' } else { ',' });
        let mut item = Object::open(list);
        item.string("@type", "ListItem");
        url.clear();
        url.push_str(base);
        url.push_str(site_url);
        item.string("item", &url);
        item.string("name", name);
        item.number("position", k + 1);
        item.close();
    }
    list.push(']');
    o.close();
    JsonText(out)
}

/// The home page's `WebSite`, whose `SearchAction` is the site's search page (`/search/`).
pub(super) fn website(renderer: &Renderer<'_>) -> JsonText {
    let config = renderer.config();
    let mut out = String::new();
    let mut o = Object::open(&mut out);
    o.string("@context", "https://schema.org");
    o.string("@type", "WebSite");
    if !config.description.is_empty() {
        o.string("description", &config.description);
    }
    o.string("inLanguage", &config.language);
    o.string("name", &config.title);
    let mut action = Object::open(o.key("potentialAction"));
    action.string("@type", "SearchAction");
    action.string("query-input", "required name=search_term_string");
    let mut target = Object::open(action.key("target"));
    target.string("@type", "EntryPoint");
    target.string("urlTemplate", &renderer.absolute(SEARCH_TEMPLATE));
    target.close();
    action.close();
    o.key("publisher").push_str(renderer.publisher_json());
    o.string("url", &config.base_url);
    o.close();
    JsonText(out)
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
    pub(super) fn common_ld(&self, from: &str, json_ld: JsonText) -> TeraResult<Common> {
        Ok(Common {
            json_ld: Some(json_ld),
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
