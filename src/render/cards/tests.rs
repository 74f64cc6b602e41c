//! Lead images, image URLs and the JSON-LD values, from strings.

use std::collections::BTreeMap;
use std::path::Path;

use super::image::first_body_image;
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
fn the_first_image_of_the_body_is_found_with_its_entities_decoded() {
    let html = r#"<p>a <a href="x.png">x</a></p><img data-src="no.png" src="foto/a.png?w=1&amp;h=2" alt="">
<img src="b.png">"#;
    assert_eq!(
        first_body_image(html).as_deref(),
        Some("foto/a.png?w=1&h=2")
    );
    assert_eq!(first_body_image("<p>no image</p>"), None);
    assert_eq!(
        first_body_image("<img alt=\"x\"><img src='c.jpg'>").as_deref(),
        Some("c.jpg")
    );
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
        let value = breadcrumbs(
            r,
            &[
                ("Arsip".into(), "archive/".into()),
                ("2016".into(), "2016/".into()),
            ],
        )
        .expect("value");
        crate::render::json::to_json(&value)
    });
    assert_eq!(
        json,
        r#"{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","item":"https://example.org/","name":"Beranda","position":1},{"@type":"ListItem","item":"https://example.org/archive/","name":"Arsip","position":2},{"@type":"ListItem","item":"https://example.org/2016/","name":"2016","position":3}]}"#
    );
}

#[test]
fn the_website_searches_the_search_page() {
    let json = with_renderer("https://example.org/b/", |r| {
        crate::render::json::to_json(&website(r).expect("value"))
    });
    assert!(
        json.contains(r#""urlTemplate":"https://example.org/b/search/?q={search_term_string}""#)
    );
    assert!(json.contains(r#""query-input":"required name=search_term_string""#));
}
