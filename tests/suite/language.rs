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

#[test]
fn counts_use_the_plural_rules_of_the_language() {
    let site = site_in("en", "");
    site.write(
        "content/kedua.md",
        "---\ntitle: Kedua\ndate: 2016-02-19\ntags: [Jokowi]\n---\nIsi.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Built 2 articles into "),
        "{}",
        run.stdout
    );
    let day = read(&site, "2016/02/18/index.html");
    assert!(day.contains("<p class=\"meta\">1 article</p>"), "{day}");
    let month = read(&site, "2016/02/index.html");
    assert!(
        month.contains("<p class=\"meta\">2 articles</p>"),
        "{month}"
    );
    let tag = read(&site, "tags/jokowi/index.html");
    assert!(tag.contains("<p class=\"meta\">2 articles ·"), "{tag}");
    let site = site_in("id", "[strings]\narticles_other = \"{n} tulisan\"\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Built 1 article into "),
        "{}",
        run.stdout
    );
    let day = read(&site, "2016/02/18/index.html");
    assert!(day.contains("<p class=\"meta\">1 tulisan</p>"), "{day}");
}

#[test]
fn language_without_strings_warns_and_falls_back_to_english() {
    let site = site_in("fr", "");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "arsip.toml: warning: language `fr` has no built-in strings (built in: en, id); English \
         strings and date names are used where [strings] gives none\n"
    );
    let article = read(&site, ARTICLE_PAGE);
    assert!(article.contains("<html lang=\"fr\">"), "{article}");
    assert!(article.contains("Thursday, 18 February 2016"), "{article}");
}

#[test]
fn unknown_date_format_specifier_is_an_error_naming_template_and_line() {
    let site = site_in("en", "");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n\
         {{ article.date | date_format(format=\"%d %Q\") }}{% endblock content %}\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let first = run.stderr.lines().next().unwrap_or("");
    assert!(
        first.starts_with("templates/article.html:3:")
            && first.contains("`%Q` in format=\"%d %Q\" is not a date specifier"),
        "{}",
        run.stderr
    );
}
