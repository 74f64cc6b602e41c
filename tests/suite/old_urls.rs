//! A site's old URL scheme (`old_permalinks` in arsip.toml, issue 17): every article gets a
//! redirect page at its URL in each old scheme, an exact `.html` file where the scheme ends
//! so, under a sub-path and with `--file-urls` too; a real page is never replaced.

use crate::harness::{Site, read_tree};

const SCHEMES: &str = "old_permalinks = [\"/:year/:month/:day/:slug.html\", \"/news/:year/:title/\", \"/:section/:filename/\"]\n";

fn site() -> Site {
    let site = Site::from_fixture("archives");
    let config = std::fs::read_to_string(site.root().join("arsip.toml")).expect("config");
    site.write("arsip.toml", &format!("{config}{SCHEMES}"));
    site
}

fn refresh_target(page: &str) -> &str {
    let start = page.find("content=\"0; url=").expect("a refresh") + "content=\"0; url=".len();
    let end = page[start..].find('"').expect("closed") + start;
    &page[start..end]
}

#[test]
fn every_article_has_a_redirect_at_each_old_url() {
    let site = site();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let tree = read_tree(&site.public());
    let page = |path: &str| String::from_utf8_lossy(&tree[path]).into_owned();
    // The slug the old generator used: from the file name `2013-01-23-rilis-pertama`.
    for (old, target) in [
        (
            "2013/01/23/rilis-pertama.html",
            "../../../2013/01/23/rilis-pertama/",
        ),
        (
            "news/2013/rilis-pertama/index.html",
            "../../../2013/01/23/rilis-pertama/",
        ),
        // Front matter `slug` wins over the file name, as in Jekyll.
        (
            "2019/03/26/kabar-hugo.html",
            "../../../2019/03/26/kabar-hugo/",
        ),
        // A page bundle is named by its folder; at the top of content/ it has no section.
        ("zola-bundel/index.html", "../blog/2020/11/16/bundel/"),
    ] {
        assert!(tree.contains_key(old), "{old} missing: {:?}", tree.keys());
        assert_eq!(refresh_target(&page(old)), target, "{old}");
    }
    // An article whose own `permalink` is `/catatan/lama.html` keeps it, redirect or not.
    assert!(!page("catatan/lama.html").contains("http-equiv"));
    // Drafts have no old URL.
    assert!(!tree.keys().any(|p| p.contains("belum")));
    let sitemap = page("sitemap.xml");
    assert!(!sitemap.contains("rilis-pertama.html"), "{sitemap}");
}

#[test]
fn old_urls_work_under_a_sub_path_and_from_files() {
    let site = site();
    let run = site.build(&["--file-urls", "--base-url", "https://x.example/arsip/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tree = read_tree(&site.public());
    let page = String::from_utf8_lossy(&tree["2013/01/23/rilis-pertama.html"]).into_owned();
    assert_eq!(
        refresh_target(&page),
        "../../../2013/01/23/rilis-pertama/index.html"
    );
    assert!(
        page.contains(
            "rel=\"canonical\" href=\"https://x.example/arsip/2013/01/23/rilis-pertama/\""
        ),
        "{page}"
    );
}

#[test]
fn an_old_url_that_is_a_real_page_keeps_the_page_with_a_warning() {
    let site = site();
    site.write(
        "content/baru.md",
        "---\ntitle: Baru\ndate: 2021-05-05\npermalink: /2013/01/23/rilis-pertama.html\n---\nIsi.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/2013-01-23-rilis-pertama.markdown: warning: old path \
         /2013/01/23/rilis-pertama.html is a page of the site already: no redirect is made there\n"
    );
    let page =
        std::fs::read_to_string(site.public().join("2013/01/23/rilis-pertama.html")).expect("page");
    assert!(
        page.contains("<h1>Baru</h1>") || page.contains(">Baru<"),
        "{page}"
    );
    assert!(!page.contains("http-equiv"), "{page}");
}

#[test]
fn an_old_scheme_arsip_cannot_fill_is_a_config_error() {
    let site = Site::from_fixture("archives");
    site.write(
        "arsip.toml",
        "title = \"A\"\nold_permalinks = [\"/:categories/:year/:slug.html\"]\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "arsip.toml: error: old_permalinks: `/:categories/:year/:slug.html` uses `:categories`"
        ),
        "{}",
        run.stderr
    );
}

const LINKS: &str = "---\ntitle: Tautan\ndate: 2021-01-01\n---\nTulis ke <redaksi@example.org>, [surel](mailto:a@example.org) atau [telepon](tel:+62211234).\n\nLihat [rilis](/2013/01/23/rilis-pertama.html), [rilis lagi](@/2013-01-23-rilis-pertama.md) dan [bundel](@/zola-bundel.md).\n\nYang [hilang](/2013/01/23/tidak-ada.html).\n";

#[test]
fn check_resolves_old_urls_loose_source_names_and_leaves_mail_alone() {
    let site = site();
    site.write("content/tautan.md", LINKS);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/tautan.md:9:6: error: link to `/2013/01/23/tidak-ada.html`: the site has no \
             page /2013/01/23/tidak-ada.html (if it is an old URL of the site, set \
             `old_permalinks` in arsip.toml or `aliases` in the article)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("check found 1 problem"),
        "{}",
        run.stderr
    );
    // The build links the article file named with another extension, and the bundle.
    site.write(
        "content/tautan.md",
        &LINKS.replace("Yang [hilang](/2013/01/23/tidak-ada.html).\n", ""),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let page =
        std::fs::read_to_string(site.public().join("2021/01/01/tautan/index.html")).expect("page");
    assert!(
        page.contains("<a href=\"../../../../2013/01/23/rilis-pertama/\">rilis lagi</a>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"../../../../blog/2020/11/16/bundel/\">bundel</a>"),
        "{page}"
    );
    assert!(
        page.contains("href=\"mailto:redaksi@example.org\""),
        "{page}"
    );
}
