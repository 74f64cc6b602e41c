//! Lead images, image URLs and the JSON-LD values, from strings.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::config::{Config, RawConfig};
use crate::i18n::Locale;

fn config(base_url: &str) -> Config {
    let raw = RawConfig {
        base_url: base_url.to_string(),
        ..RawConfig::default()
    };
    Config::from_raw(Path::new("/nonexistent"), raw, &Default::default()).expect("config")
}

fn with_renderer<T>(base_url: &str, f: impl FnOnce(&Renderer<'_>) -> T) -> T {
    let config = config(base_url);
    let locale = Locale::new("id", &BTreeMap::new()).expect("locale");
    let renderer = Renderer::new(&config, locale).expect("templates");
    f(&renderer)
}

#[test]
fn image_paths_resolve_as_the_page_reads_them() {
    with_renderer("https://example.org/berita/", |r| {
        let article = "2016/02/18/kabar/";
        let resolved = |src| resolve(r, article, src);
        assert_eq!(
            resolved("grafik.png").as_deref(),
            Some("https://example.org/berita/2016/02/18/kabar/grafik.png")
        );
        assert_eq!(
            resolved("../foto.jpg").as_deref(),
            Some("https://example.org/berita/2016/02/18/foto.jpg")
        );
        assert_eq!(
            resolved("/img/a.png").as_deref(),
            Some("https://example.org/berita/img/a.png")
        );
        assert_eq!(
            resolved("@/img/a.png").as_deref(),
            Some("https://example.org/berita/img/a.png")
        );
        assert_eq!(
            resolved("https://cdn.example.net/a.png").as_deref(),
            Some("https://cdn.example.net/a.png")
        );
        assert_eq!(
            resolved("//cdn.example.net/a.png").as_deref(),
            Some("https://cdn.example.net/a.png")
        );
        assert_eq!(
            resolved("foto kota/Café.jpg").as_deref(),
            Some("https://example.org/berita/2016/02/18/kabar/foto%20kota/Caf%C3%A9.jpg")
        );
        assert_eq!(
            resolved("a%20b.jpg\"onerror=x").as_deref(),
            Some("https://example.org/berita/2016/02/18/kabar/a%20b.jpg%22onerror=x")
        );
        for bad in [
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "",
            "../../../../../x",
        ] {
            assert_eq!(resolved(bad), None, "{bad}");
        }
    });
}

#[test]
fn og_locales_have_a_territory() {
    assert_eq!(og_locale("id"), "id_ID");
    assert_eq!(og_locale("en"), "en_US");
    assert_eq!(og_locale("en-GB"), "en_GB");
    assert_eq!(og_locale("fr"), "fr");
}

#[test]
fn breadcrumbs_start_at_home_with_absolute_urls_and_positions() {
    let json = with_renderer("https://example.org/", |r| {
        breadcrumbs(
            r,
            &[
                ("Arsip".into(), "archive/".into()),
                ("2016".into(), "2016/".into()),
            ],
        )
        .0
    });
    assert_eq!(
        json,
        r#"{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","item":"https://example.org/","name":"Beranda","position":1},{"@type":"ListItem","item":"https://example.org/archive/","name":"Arsip","position":2},{"@type":"ListItem","item":"https://example.org/2016/","name":"2016","position":3}]}"#
    );
}

#[test]
fn the_website_searches_the_search_page() {
    let json = with_renderer("https://example.org/b/", |r| website(r).0);
    assert!(
        json.contains(r#""urlTemplate":"https://example.org/b/search/?q={search_term_string}""#)
    );
    assert!(json.contains(r#""query-input":"required name=search_term_string""#));
}

fn entry(author: Option<&str>, tags: &[&str]) -> Entry {
    use chrono::TimeZone;
    let date = chrono::FixedOffset::east_opt(7 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2016, 2, 18, 9, 28, 0).single())
        .expect("date");
    let article = crate::parse::Article {
        source_path: "content/a.md".into(),
        title: "Banjir </script> & \"air\"".into(),
        slug: "banjir".into(),
        slug_is_explicit: false,
        path: None,
        date,
        updated: None,
        tags: tags
            .iter()
            .map(|t| crate::parse::Tag {
                name: t.to_string(),
                slug: crate::slug::slugify(t),
            })
            .collect(),
        author: author.map(str::to_string),
        editor: None,
        source: None,
        location: None,
        description: None,
        captions: Vec::new(),
        draft: false,
        toc: None,
        image: None,
        aliases: Vec::new(),
        body_html: String::new(),
        body_image: None,
        extra: toml::Table::new(),
        unknown_keys: Vec::new(),
        notes: Vec::new(),
    };
    Entry {
        article,
        slug: "banjir".into(),
        url: "2016/02/18/banjir/".into(),
        day: date.date_naive(),
        old_urls: Vec::new(),
    }
}

#[test]
fn a_news_article_is_written_with_sorted_keys_escaped_text_and_each_author() {
    let image = ImageView {
        url: "https://example.org/a.png?w=1&h=2".into(),
        width: Some(1200),
        height: Some(630),
    };
    let ld = ArticleLd {
        image: Some(&image),
        permalink: "https://example.org/2016/02/18/banjir/",
        modified: "2016-02-19T10:00:00+07:00",
    };
    let json = with_renderer("https://example.org/", |r| {
        news_article(r, &entry(Some("Sari, Budi"), &["Banjir", "Jakarta"]), &ld).0
    });
    assert_eq!(
        json,
        r#"{"@context":"https://schema.org","@type":"NewsArticle","articleSection":"Banjir","author":[{"@type":"Person","name":"Sari"},{"@type":"Person","name":"Budi"}],"dateModified":"2016-02-19T10:00:00+07:00","datePublished":"2016-02-18T09:28:00+07:00","headline":"Banjir \u003c/script\u003e \u0026 \"air\"","image":{"@type":"ImageObject","height":630,"url":"https://example.org/a.png?w=1\u0026h=2","width":1200},"inLanguage":"id","keywords":["Banjir","Jakarta"],"mainEntityOfPage":{"@id":"https://example.org/2016/02/18/banjir/","@type":"WebPage"},"publisher":{"@type":"Organization","name":"Arsip","url":"https://example.org/"},"url":"https://example.org/2016/02/18/banjir/"}"#
    );
    // No byline: by the site; no tags: no section and no keywords.
    let ld = ArticleLd { image: None, ..ld };
    let json = with_renderer("https://example.org/", |r| {
        news_article(r, &entry(None, &[]), &ld).0
    });
    assert!(json.contains(r#""author":[{"@type":"Organization","name":"Arsip"}],"dateModified""#));
    assert!(!json.contains("keywords") && !json.contains("articleSection"));
    assert!(!json.contains("\"image\""));
}
