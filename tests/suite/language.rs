//! The interface language: `language = "id"` (the default) and `language = "en"` build the same
//! site with Indonesian or English dates and strings, and `[strings]` overrides single keys.

use crate::harness::Site;

const ARTICLE: &str = "---
title: Presiden Bertemu CEO Twitter
date: 2016-02-18T09:28:00+07:00
tags: [Jokowi]
---
Isi berita.
";

fn site_in(language: &str, strings: &str) -> Site {
    let site = Site::empty();
    site.write(
        "arsip.toml",
        &format!("title = \"Arsip\"\nlanguage = \"{language}\"\n{strings}"),
    );
    site.write("content/kunjungan.md", ARTICLE);
    site
}

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.public().join(rel)).expect("page exists")
}

const ARTICLE_PAGE: &str = "2016/02/18/presiden-bertemu-ceo-twitter/index.html";

#[test]
fn indonesian_site_has_indonesian_dates_and_strings() {
    let site = site_in("id", "");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let article = read(&site, ARTICLE_PAGE);
    assert!(article.contains("<html lang=\"id\">"), "{article}");
    assert!(article.contains("Kamis, 18 Februari 2016"), "{article}");
    assert!(article.contains("09:28 WIB"), "{article}");
    assert!(article.contains("Beranda"), "{article}");
    let index = read(&site, "index.html");
    assert!(index.contains("18 Feb 2016"), "{index}");
    let month = read(&site, "2016/02/index.html");
    assert!(month.contains("Februari 2016"), "{month}");
    assert!(
        !article.contains("Thursday") && !article.contains("Home<"),
        "{article}"
    );
}

#[test]
fn english_site_has_english_dates_and_strings() {
    let site = site_in("en", "");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let article = read(&site, ARTICLE_PAGE);
    assert!(article.contains("<html lang=\"en\">"), "{article}");
    assert!(article.contains("Thursday, 18 February 2016"), "{article}");
    assert!(article.contains("09:28 +07:00"), "{article}");
    assert!(article.contains("Home"), "{article}");
    let month = read(&site, "2016/02/index.html");
    assert!(month.contains("February 2016"), "{month}");
    assert!(
        !article.contains("Kamis") && !article.contains("Beranda"),
        "{article}"
    );
}

#[test]
fn strings_table_overrides_one_key() {
    let site = site_in("id", "[strings]\nhome = \"Depan\"\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let article = read(&site, ARTICLE_PAGE);
    assert!(article.contains("Depan"), "{article}");
    assert!(!article.contains("Beranda"), "{article}");
}

#[test]
fn unknown_strings_key_is_an_error_naming_it() {
    let site = site_in("id", "[strings]\nhomepage = \"Depan\"\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("arsip.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("`homepage`"), "{}", run.stderr);
}
