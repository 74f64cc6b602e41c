//! Issue 19, item 6: an article keeps its URL when another article is added. Collisions are
//! settled oldest first, so a newcomer takes the suffix unless it is older; at the very same
//! date and time, a given `slug` (or `path`) pins the URL.

use super::tests::{article, config, now};
use super::*;

fn url_of(site: &Site, path: &str) -> String {
    site.articles
        .iter()
        .find(|e| e.article.source_path == Path::new(path))
        .map(|e| e.url.clone())
        .unwrap_or_default()
}

#[test]
fn adding_a_newer_article_with_the_same_headline_keeps_the_old_url() {
    let old = article("content/b.md", "Banjir Jakarta", (2016, 2, 18, 9), &[]);
    let (before, _) = build_site(vec![old.clone()], &config(), now());
    // `a.md` sorts before `b.md` by path: by path alone it would take b's URL.
    let newcomer = article("content/a.md", "Banjir Jakarta", (2016, 2, 18, 10), &[]);
    let (after, warnings) = build_site(vec![newcomer, old], &config(), now());
    assert_eq!(
        url_of(&before, "content/b.md"),
        "2016/02/18/banjir-jakarta/"
    );
    assert_eq!(url_of(&after, "content/b.md"), "2016/02/18/banjir-jakarta/");
    assert_eq!(
        url_of(&after, "content/a.md"),
        "2016/02/18/banjir-jakarta-2/"
    );
    assert_eq!(warnings.len(), 1);
}

#[test]
fn a_given_slug_keeps_its_url_against_a_newcomer_of_the_same_date_and_time() {
    let mut old = article("content/b.md", "Banjir Jakarta", (2016, 2, 18, 9), &[]);
    old.slug_is_explicit = true;
    let (before, _) = build_site(vec![old.clone()], &config(), now());
    let newcomer = article("content/a.md", "Banjir Jakarta", (2016, 2, 18, 9), &[]);
    let (after, _) = build_site(vec![newcomer, old], &config(), now());
    assert_eq!(
        url_of(&before, "content/b.md"),
        url_of(&after, "content/b.md")
    );
    assert_eq!(
        url_of(&after, "content/a.md"),
        "2016/02/18/banjir-jakarta-2/"
    );
}

#[test]
fn an_own_path_pins_like_a_slug() {
    let mut old = article("content/b.md", "Banjir", (2016, 2, 18, 9), &[]);
    old.path = Some("2016/02/18/banjir/".to_string());
    let newcomer = article("content/a.md", "Banjir", (2016, 2, 18, 9), &[]);
    let (site, _) = build_site(vec![newcomer, old], &config(), now());
    assert_eq!(url_of(&site, "content/b.md"), "2016/02/18/banjir/");
    assert_eq!(url_of(&site, "content/a.md"), "2016/02/18/banjir-2/");
}

#[test]
fn unpinned_articles_of_the_same_date_and_time_go_by_source_path() {
    let (site, _) = build_site(
        vec![
            article("content/b.md", "Sama", (2016, 2, 18, 9), &[]),
            article("content/a.md", "Sama", (2016, 2, 18, 9), &[]),
        ],
        &config(),
        now(),
    );
    assert_eq!(url_of(&site, "content/a.md"), "2016/02/18/sama/");
    assert_eq!(url_of(&site, "content/b.md"), "2016/02/18/sama-2/");
}
