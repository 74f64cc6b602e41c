//! The model's behaviour: order, URLs and collisions, tag names, indexes and the page list.

use super::*;
use crate::parse::Tag;
use chrono::{FixedOffset, TimeZone};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub(super) fn config() -> Config {
    Config::from_raw(
        Path::new("/s"),
        crate::config::RawConfig::default(),
        &Default::default(),
    )
    .expect("config")
}

pub(super) fn article(
    path: &str,
    title: &str,
    ymd_h: (i32, u32, u32, u32),
    tags: &[&str],
) -> Article {
    let tz = FixedOffset::east_opt(7 * 3600).expect("tz");
    Article {
        source_path: PathBuf::from(path),
        title: title.to_string(),
        slug: crate::slug::slugify(title),
        slug_is_explicit: false,
        path: None,
        date: tz
            .with_ymd_and_hms(ymd_h.0, ymd_h.1, ymd_h.2, ymd_h.3, 0, 0)
            .single()
            .expect("date"),
        updated: None,
        tags: tags
            .iter()
            .map(|t| Tag {
                name: t.to_string(),
                slug: crate::slug::slugify(t),
            })
            .collect(),
        author: None,
        editor: None,
        source: None,
        location: None,
        description: None,
        captions: Vec::new(),
        draft: false,
        image: None,
        aliases: Vec::new(),
        body_html: String::new(),
        body_image: None,
        extra: toml::Table::new(),
        unknown_keys: Vec::new(),
        toc: None,
        notes: Vec::new(),
    }
}

pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("now")
}

#[test]
fn articles_are_sorted_newest_first_with_ties_by_slug() {
    let (site, _) = build_site(
        vec![
            article("content/a.md", "Beta", (2016, 2, 18, 9), &[]),
            article("content/b.md", "Alfa", (2016, 2, 18, 9), &[]),
            article("content/c.md", "Gamma", (2016, 2, 19, 0), &[]),
        ],
        &config(),
        now(),
    );
    let slugs: Vec<&str> = site.articles.iter().map(|e| e.slug.as_str()).collect();
    assert_eq!(slugs, ["gamma", "alfa", "beta"]);
    assert_eq!(site.articles[0].url, "2016/02/19/gamma/");
}

#[test]
fn same_url_gets_suffix_in_date_then_path_order_and_a_warning() {
    let (site, warnings) = build_site(
        vec![
            article("content/z.md", "Sama", (2016, 2, 18, 8), &[]),
            article("content/a.md", "Sama", (2016, 2, 18, 9), &[]),
        ],
        &config(),
        now(),
    );
    let urls: BTreeSet<&str> = site.articles.iter().map(|e| e.url.as_str()).collect();
    assert!(urls.contains("2016/02/18/sama/") && urls.contains("2016/02/18/sama-2/"));
    let older = site
        .articles
        .iter()
        .find(|e| e.article.source_path == Path::new("content/z.md"));
    assert_eq!(older.map(|e| e.slug.as_str()), Some("sama"));
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].path, Path::new("content/a.md"));
    assert!(
        warnings[0].message.contains("content/z.md"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn empty_slug_falls_back_to_the_file_name() {
    let (site, _) = build_site(
        vec![article("content/x-1.md", "!!!", (2016, 1, 1, 0), &[])],
        &config(),
        now(),
    );
    assert_eq!(site.articles[0].slug, "x-1");
}

#[test]
fn drafts_and_future_articles_are_left_out_unless_asked() {
    let mut draft = article("content/d.md", "Draft", (2016, 1, 1, 0), &[]);
    draft.draft = true;
    let future = article("content/f.md", "Future", (2999, 1, 1, 0), &[]);
    let (site, _) = build_site(vec![draft.clone(), future.clone()], &config(), now());
    assert_eq!((site.articles.len(), site.skipped()), (0, 2));
    let mut with_drafts = config();
    with_drafts.drafts = true;
    let (site, _) = build_site(vec![draft, future], &with_drafts, now());
    assert_eq!(site.articles.len(), 2);
}

#[test]
fn tags_with_one_slug_share_a_page_named_by_the_common_spelling() {
    let (site, _) = build_site(
        vec![
            article("content/a.md", "A", (2016, 1, 1, 0), &["Café"]),
            article("content/b.md", "B", (2016, 1, 2, 0), &["Cafe"]),
            article("content/c.md", "C", (2016, 1, 3, 0), &["Cafe"]),
        ],
        &config(),
        now(),
    );
    assert_eq!(site.tags.len(), 1);
    let group = &site.tags["cafe"];
    assert_eq!(group.name, "Cafe");
    assert_eq!(group.articles.len(), 3);
}

#[test]
fn pagination_splits_and_links_pages() {
    let pages = paginate("tags/x/", 5, 2);
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].range, 0..2);
    assert_eq!(pages[0].prev_url, None);
    assert_eq!(pages[0].next_url.as_deref(), Some("tags/x/page/2/"));
    assert_eq!(pages[2].range, 4..5);
    assert_eq!(pages[2].prev_url.as_deref(), Some("tags/x/page/2/"));
    assert_eq!(paginate("", 0, 20).len(), 1);
    assert_eq!(paginate("", 40, 20).len(), 2);
}

#[test]
fn output_paths_of_directories_end_in_index_html() {
    assert_eq!(output_path(""), "index.html");
    assert_eq!(output_path("2016/"), "2016/index.html");
    assert_eq!(output_path("rss.xml"), "rss.xml");
}

fn messages(warnings: &[Warning]) -> Vec<String> {
    warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn collisions_take_the_next_free_suffix_oldest_first_and_name_the_first_claimant() {
    let (site, warnings) = build_site(
        vec![
            article("content/b.md", "Sama", (2016, 2, 18, 9), &[]),
            article("content/a.md", "Sama", (2016, 2, 18, 9), &[]),
            article("content/c.md", "Sama", (2016, 2, 18, 8), &[]),
            article("content/d.md", "Sama 2", (2016, 2, 18, 7), &[]),
            // Asks for a URL an older article took with a suffix, then again.
            article("content/e.md", "Sama 3", (2016, 2, 18, 10), &[]),
            article("content/f.md", "Sama 3", (2016, 2, 18, 11), &[]),
        ],
        &config(),
        now(),
    );
    let placed: Vec<(&str, &str)> = site
        .articles
        .iter()
        .map(|e| {
            (
                e.article.source_path.to_str().unwrap_or(""),
                e.slug.as_str(),
            )
        })
        .collect();
    // Newest first; equal dates by final slug.
    assert_eq!(
        placed,
        [
            ("content/f.md", "sama-3-3"),
            ("content/e.md", "sama-3-2"),
            ("content/a.md", "sama-3"),
            ("content/b.md", "sama-4"),
            ("content/c.md", "sama"),
            ("content/d.md", "sama-2"),
        ]
    );
    assert_eq!(
        messages(&warnings),
        [
            "content/a.md: warning: /2016/02/18/sama/ is already taken by content/c.md; \
             this article is published at /2016/02/18/sama-3/",
            "content/b.md: warning: /2016/02/18/sama/ is already taken by content/c.md; \
             this article is published at /2016/02/18/sama-4/",
            "content/e.md: warning: /2016/02/18/sama-3/ is already taken by a page of the site; \
             this article is published at /2016/02/18/sama-3-2/",
            "content/f.md: warning: /2016/02/18/sama-3/ is already taken by content/e.md; \
             this article is published at /2016/02/18/sama-3-3/",
        ]
    );
}

#[test]
fn a_listing_page_is_named_in_the_collision_warning() {
    let mut config = config();
    config.permalink = crate::config::Permalink::parse("/:slug/").expect("pattern");
    let (site, warnings) = build_site(
        vec![
            article("content/t.md", "Archive", (2016, 1, 1, 0), &[]),
            article("content/u.md", "2016", (2016, 1, 2, 0), &[]),
        ],
        &config,
        now(),
    );
    let urls: Vec<&str> = site.articles.iter().map(|e| e.url.as_str()).collect();
    assert_eq!(urls, ["2016-2/", "archive-2/"]);
    assert_eq!(
        messages(&warnings),
        [
            "content/t.md: warning: /archive/ is already taken by a page of the site; \
             this article is published at /archive-2/",
            "content/u.md: warning: /2016/ is already taken by a page of the site; \
             this article is published at /2016-2/",
        ]
    );
}

#[test]
fn a_tag_is_named_by_its_commonest_spelling_ties_by_sort_order() {
    let (site, _) = build_site(
        vec![
            article("content/a.md", "A", (2016, 1, 1, 0), &["jakarta", "Banjir"]),
            article("content/b.md", "B", (2016, 1, 2, 0), &["Jakarta", "banjir"]),
            article("content/c.md", "C", (2016, 1, 3, 0), &["banjir"]),
        ],
        &config(),
        now(),
    );
    let names: Vec<(&str, &str)> = site
        .tags
        .iter()
        .map(|(slug, g)| (slug.as_str(), g.name.as_str()))
        .collect();
    assert_eq!(names, [("banjir", "banjir"), ("jakarta", "Jakarta")]);
    assert_eq!(site.tags["banjir"].url, "tags/banjir/");
    assert_eq!(site.tags["banjir"].feed_url, "tags/banjir/rss.xml");
}

#[test]
fn day_and_tag_indexes_list_newest_first_with_ties_by_slug() {
    let (site, _) = build_site(
        vec![
            article("content/a.md", "Beta", (2016, 1, 1, 9), &["x"]),
            article("content/b.md", "Alfa", (2016, 1, 1, 9), &["x"]),
            article("content/c.md", "Gamma", (2016, 1, 1, 10), &["x", "y"]),
            article("content/d.md", "Delta", (2016, 1, 2, 0), &["y"]),
        ],
        &config(),
        now(),
    );
    let slugs = |list: &[usize]| -> Vec<&str> {
        list.iter()
            .map(|i| site.articles[*i].slug.as_str())
            .collect()
    };
    let days: Vec<(String, Vec<&str>)> = site
        .by_date
        .iter()
        .map(|(day, list)| (day.to_string(), slugs(list)))
        .collect();
    assert_eq!(
        days,
        [
            ("2016-01-01".to_string(), vec!["gamma", "alfa", "beta"]),
            ("2016-01-02".to_string(), vec!["delta"]),
        ]
    );
    assert_eq!(slugs(&site.tags["x"].articles), ["gamma", "alfa", "beta"]);
    assert_eq!(slugs(&site.tags["y"].articles), ["delta", "gamma"]);
}

#[test]
fn pages_are_listed_in_a_fixed_order() {
    let mut config = config();
    config.paginate_by = 2;
    let (site, _) = build_site(
        vec![
            article("content/a.md", "A", (2015, 12, 31, 9), &["x"]),
            article("content/b.md", "B", (2016, 1, 1, 9), &["x", "y"]),
            article("content/c.md", "C", (2016, 2, 1, 9), &["x"]),
        ],
        &config,
        now(),
    );
    let pages: Vec<&str> = site.pages.iter().map(|p| p.output_path.as_str()).collect();
    assert_eq!(
        pages,
        [
            "index.html",
            "page/2/index.html",
            "2016/02/01/c/index.html",
            "2016/01/01/b/index.html",
            "2015/12/31/a/index.html",
            "archive/index.html",
            "2015/index.html",
            "2016/index.html",
            "2015/12/index.html",
            "2016/01/index.html",
            "2016/02/index.html",
            "2015/12/31/index.html",
            "2016/01/01/index.html",
            "2016/02/01/index.html",
            "tags/index.html",
            "tags/x/index.html",
            "tags/x/page/2/index.html",
            "tags/x/rss.xml",
            "tags/x/atom.xml",
            "tags/y/index.html",
            "tags/y/rss.xml",
            "tags/y/atom.xml",
            "rss.xml",
            "atom.xml",
            "sitemap.xml",
            "sitemap-1.xml",
            "sitemap-news.xml",
            "robots.txt",
            "404.html",
            "search/index.html",
            "search/meta.js",
            "search/t/0.js",
            "search/d/0.js",
        ]
    );
    assert_eq!(
        site.pages[16].kind,
        PageKind::Tag(
            "x".to_string(),
            Pagination {
                number: 2,
                total: 2,
                range: 2..3,
                first_url: "tags/x/".to_string(),
                prev_url: Some("tags/x/".to_string()),
                next_url: None,
            }
        )
    );
    let by_source: Vec<(&str, &str)> = site
        .by_source
        .iter()
        .map(|i| &site.articles[*i])
        .map(|e| (e.article.source_path.to_str().unwrap_or(""), e.url.as_str()))
        .collect();
    assert_eq!(
        by_source,
        [
            ("content/a.md", "2015/12/31/a/"),
            ("content/b.md", "2016/01/01/b/"),
            ("content/c.md", "2016/02/01/c/"),
        ]
    );
}

#[test]
fn an_article_never_takes_an_archive_url() {
    let mut config = config();
    config.permalink = crate::config::Permalink::parse("/:slug/").expect("pattern");
    let (site, _) = build_site(
        vec![article("content/t.md", "Tags", (2016, 1, 1, 0), &[])],
        &config,
        now(),
    );
    assert_eq!(site.articles[0].url, "tags-2/");
}

#[test]
fn an_article_is_found_by_its_source_path_in_any_input_order() {
    let (site, _) = build_site(
        vec![
            article("content/b/x.md", "B", (2016, 1, 2, 0), &[]),
            article("content/a-b.md", "A", (2016, 1, 3, 0), &[]),
            article("content/a/b.md", "C", (2016, 1, 1, 0), &[]),
        ],
        &config(),
        now(),
    );
    let sources: Vec<&Path> = site
        .by_source
        .iter()
        .map(|i| site.articles[*i].article.source_path.as_path())
        .collect();
    // `Path` order, component by component: `a/b.md` before `a-b.md`.
    assert_eq!(
        sources,
        [
            Path::new("content/a/b.md"),
            Path::new("content/a-b.md"),
            Path::new("content/b/x.md"),
        ]
    );
    let url = |p: &str| site.url_of_source(Path::new(p));
    assert_eq!(url("content/a-b.md"), Some("2016/01/03/a/"));
    assert_eq!(url("content/a/b.md"), Some("2016/01/01/c/"));
    assert_eq!(url("content/./b//x.md"), Some("2016/01/02/b/"));
    assert_eq!(url("content/c.md"), None);
}

#[test]
fn plain_paths_compare_by_bytes_as_paths_do() {
    let paths = [
        "content/a.md",
        "content/a-b.md",
        "content/a/b.md",
        "content/a/b/c.md",
        "content/a.b/c.md",
        "content/ab.md",
        "content/A.md",
        "content/2016/02/0000009-x.md",
        "content/2016/02/0000010-x.md",
        "content/2016-02/x.md",
        "content/2016/x.md",
        "/content/a.md",
        "content",
        "contents/a.md",
        "content/é.md",
    ];
    for a in paths {
        for b in paths {
            let (a, b) = (Path::new(a), Path::new(b));
            assert!(is_plain(a) && is_plain(b));
            assert_eq!(plain_path_order(a, b), a.cmp(b), "{a:?} vs {b:?}");
        }
    }
    for odd in [
        "content//a.md",
        "content/./a.md",
        "content/a/",
        "../a.md",
        "a/..",
        "",
        "/",
    ] {
        assert!(!is_plain(Path::new(odd)), "{odd:?}");
    }
}

#[test]
fn every_feed_kind_is_a_format_the_configuration_names() {
    let all: Vec<String> = crate::config::FEED_FORMATS
        .iter()
        .map(|f| f.to_string())
        .collect();
    let kinds = PageKind::feeds(None, &all);
    assert_eq!(kinds.len(), all.len());
    for kind in &kinds {
        assert!(kind.feed_type().is_some(), "{kind:?}");
        assert!(!kind.in_sitemap(), "{kind:?}");
    }
    let names: Vec<&str> = kinds.iter().map(PageKind::name).collect();
    assert_eq!(names, crate::config::FEED_FORMATS);
}
