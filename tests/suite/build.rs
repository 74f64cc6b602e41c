//! `arsip build` on the fixture site: golden output, determinism, flags.

use crate::harness::{Site, assert_tree_matches, fixtures, read_tree};

#[test]
fn fixture_site_matches_golden_output() {
    let site = Site::from_fixture("basic");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("Built 5 articles into "), "{run:?}");
    assert!(
        run.stdout.contains("2 drafts or future articles left out"),
        "{run:?}"
    );
    assert_tree_matches(&site.public(), &fixtures().join("basic/expected"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::from_fixture("basic");
    assert_eq!(site.build(&[]).code, 0);
    let first = read_tree(&site.public());
    assert_eq!(site.build(&[]).code, 0);
    assert_eq!(first, read_tree(&site.public()));
}

#[test]
fn drafts_flag_includes_drafts_and_future_articles() {
    let site = Site::from_fixture("basic");
    let run = site.build(&["--drafts"]);
    assert!(run.stdout.starts_with("Built 7 articles"), "{run:?}");
    assert!(
        site.public()
            .join("2999/01/01/berita-dari-masa-depan/index.html")
            .is_file()
    );
}

#[test]
fn file_urls_end_links_in_index_html() {
    let site = Site::from_fixture("basic");
    assert_eq!(site.build(&["--file-urls"]).code, 0);
    let home = std::fs::read_to_string(site.public().join("index.html")).expect("home");
    assert!(home.contains(r#"<a href="archive/index.html">"#), "{home}");
    assert!(
        home.contains(r#"<a class="brand" href="index.html">"#),
        "{home}"
    );
}

#[test]
fn base_url_flag_overrides_the_config() {
    let site = Site::from_fixture("basic");
    assert_eq!(
        site.build(&["--base-url", "http://localhost:8000/arsip"])
            .code,
        0
    );
    let feed = std::fs::read_to_string(site.public().join("rss.xml")).expect("feed");
    assert!(
        feed.contains("<link>http://localhost:8000/arsip/</link>"),
        "{feed}"
    );
}

#[test]
fn output_flag_writes_elsewhere() {
    let site = Site::from_fixture("basic");
    let out = site.root().join("out/site");
    let run = site.build(&["--output", out.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(out.join("index.html").is_file());
    assert!(!site.public().exists());
}

#[test]
fn site_without_config_or_templates_builds_with_defaults() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: Satu\ndate: 2016-02-18\n---\nIsi.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    let home = std::fs::read_to_string(site.public().join("index.html")).expect("home");
    assert!(home.contains("<html lang=\"id\">"), "{home}");
    assert!(home.contains("Satu"), "{home}");
}

#[test]
fn site_template_replaces_the_built_in_one() {
    let site = Site::from_fixture("basic");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}Hilang!{% endblock content %}",
    );
    assert_eq!(site.build(&[]).code, 0);
    let page = std::fs::read_to_string(site.public().join("404.html")).expect("404");
    assert!(page.contains("Hilang!"), "{page}");
}

#[test]
fn seeds_in_the_repository_build() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = Site::empty();
    let out = site.root().join("public");
    let run = crate::harness::run_in(root, &["build", "--output", out.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("Built 2 articles"), "{run:?}");
}

#[test]
fn printing_into_a_closed_pipe_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    let site = Site::from_fixture("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_arsip"))
        .args(["build", "--timings"])
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run arsip");
    // The reader goes away before arsip prints its summary.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Ended by SIGPIPE (13 on Linux), as `cat` or `grep` would be.
    assert_eq!(output.status.signal(), Some(13), "{output:?}");
    // The build itself completed before the summary was printed.
    assert!(site.public().join("index.html").is_file());
}

#[test]
fn every_rss_feed_has_an_atom_twin_linked_from_the_pages() {
    let site = Site::from_fixture("basic");
    assert_eq!(site.build(&[]).code, 0);
    let tree = read_tree(&site.public());
    let rss: Vec<&String> = tree.keys().filter(|p| p.ends_with("rss.xml")).collect();
    assert!(rss.len() > 2, "{rss:?}");
    for feed in rss {
        let atom = feed.replace("rss.xml", "atom.xml");
        let text = String::from_utf8(tree[&atom].clone()).expect("UTF-8");
        assert!(
            text.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom""#),
            "{atom}"
        );
        // Every RSS item is an Atom entry, with the same permalink as its id.
        let rss_text = String::from_utf8(tree[feed].clone()).expect("UTF-8");
        for guid in rss_text.split("<guid isPermaLink=\"true\">").skip(1) {
            let url = guid.split('<').next().expect("guid text");
            assert!(
                text.contains(&format!("<id>{url}</id>")),
                "{atom} lacks {url}"
            );
        }
    }
    let home = String::from_utf8(tree["index.html"].clone()).expect("UTF-8");
    assert!(home.contains(
        r#"<link rel="alternate" type="application/atom+xml" title="Arsip Uji" href="atom.xml">"#
    ));
    let tag = String::from_utf8(tree["tags/cafe/index.html"].clone()).expect("UTF-8");
    assert!(tag.contains(r#"type="application/atom+xml" title="Arsip Uji: Café" href="../../tags/cafe/atom.xml">"#), "{tag}");
}

#[test]
fn atom_feeds_escape_headlines_and_write_rfc_3339_dates() {
    let site = Site::empty();
    site.write(
        "arsip.toml",
        "title = \"A & B\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write(
        "content/a.md",
        "---\ntitle: \"Harga <naik> & turun\"\ndate: 2016-02-18T09:28:00+07:00\nupdated: 2016-02-19T10:00:00+07:00\ntags: [Ekonomi]\n---\nIsi <b>tebal</b>.\n",
    );
    assert_eq!(site.build(&[]).code, 0);
    let atom = std::fs::read_to_string(site.public().join("atom.xml")).expect("atom");
    assert!(
        atom.contains("<title>Harga &lt;naik&gt; &amp; turun</title>"),
        "{atom}"
    );
    assert!(
        atom.contains("<published>2016-02-18T09:28:00+07:00</published>"),
        "{atom}"
    );
    assert!(
        atom.contains("<updated>2016-02-19T10:00:00+07:00</updated>"),
        "{atom}"
    );
    assert!(atom.contains("<category term=\"Ekonomi\"/>"), "{atom}");
    assert!(
        atom.contains("<author><name>A &amp; B</name></author>"),
        "{atom}"
    );
    let tag =
        std::fs::read_to_string(site.public().join("tags/ekonomi/atom.xml")).expect("tag feed");
    assert!(
        tag.contains("<id>https://example.org/tags/ekonomi/atom.xml</id>"),
        "{tag}"
    );
}

#[test]
fn feeds_setting_chooses_the_formats_written_and_linked() {
    let site = Site::from_fixture("basic");
    let config = std::fs::read_to_string(site.root().join("arsip.toml")).expect("config");
    let others: String = config
        .lines()
        .filter(|line| !line.starts_with("feeds"))
        .map(|line| format!("{line}\n"))
        .collect();
    site.write("arsip.toml", &format!("feeds = [\"rss\"]\n{others}"));
    assert_eq!(site.build(&[]).code, 0);
    let tree = read_tree(&site.public());
    assert!(tree.contains_key("rss.xml") && tree.contains_key("tags/cafe/rss.xml"));
    assert!(
        !tree
            .keys()
            .any(|p| p.ends_with("atom.xml") || p.ends_with("feed.json")),
        "no Atom feed, no JSON Feed"
    );
    let home = String::from_utf8(tree["index.html"].clone()).expect("UTF-8");
    assert!(!home.contains("application/atom+xml"), "{home}");
    // No feed at all: no feed files, and no header link to one.
    site.write("arsip.toml", &format!("feeds = []\n{others}"));
    assert_eq!(site.build(&[]).code, 0);
    let tree = read_tree(&site.public());
    assert!(
        !tree.keys().any(|p| (p.ends_with(".xml") && !p.starts_with("sitemap"))
            || p.ends_with("feed.json"))
    );
    let home = String::from_utf8(tree["index.html"].clone()).expect("UTF-8");
    assert!(
        !home.contains("rss.xml") && !home.contains("rel=\"alternate\""),
        "{home}"
    );
    // A format arsip does not write is an error naming the setting and the formats.
    site.write("arsip.toml", &format!("feeds = [\"rdf\"]\n{others}"));
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("feeds: `rdf` is not a feed format; the formats are `rss`, `atom`, `json`"),
        "{}",
        run.stderr
    );
}

#[test]
fn broken_site_link_is_a_warning_and_an_error_with_strict() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2016-02-18\n---\nSee [b](@/2016/b.md) and [c](@/c.md).\n",
    );
    site.write(
        "content/2016/b.md",
        "---\ntitle: B\ndate: 2016-02-17\n---\nB.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/a.md:5:26: warning: link to `@/c.md`: there is no article content/c.md (`@/` \
         paths start under content/)\n"
    );
    // Once the sources have settled, a build records their stamps: the next one takes the
    // unchanged a.md from the cache, and must still see its links, the new break too.
    std::thread::sleep(std::time::Duration::from_millis(2200));
    assert_eq!(site.build(&[]).code, 0);
    std::fs::remove_file(site.root().join("content/2016/b.md")).expect("remove");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/a.md:5:5: warning: link to `@/2016/b.md`: there is no article \
         content/2016/b.md (`@/` paths start under content/)\n\
         content/a.md:5:26: warning: link to `@/c.md`: there is no article content/c.md (`@/` \
         paths start under content/)\n"
    );
    let before = crate::harness::read_tree(&site.public());
    let run = site.build(&["--strict"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "content/a.md:5:5: error: link to `@/2016/b.md`: there is no article content/2016/b.md"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("error: build failed with 2 errors; nothing was written\n"),
        "{}",
        run.stderr
    );
    assert_eq!(before, crate::harness::read_tree(&site.public()));
}

#[test]
fn not_found_page_links_from_the_root_so_any_host_can_serve_it() {
    let site = Site::from_fixture("basic");
    let run = site.build(&["--base-url", "https://staging.example.net/berita/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(site.public().join("404.html")).expect("404");
    assert!(
        page.contains("<link rel=\"stylesheet\" href=\"/berita/style.css\">"),
        "{page}"
    );
    assert!(page.contains("<a href=\"/berita/archive/\">"), "{page}");
    // Only the canonical link and Open Graph's og:url name the host.
    assert_eq!(page.matches("staging.example.net").count(), 2, "{page}");
}

#[test]
fn current_page_is_marked_in_navigation_and_pagination() {
    let site = Site::from_fixture("basic");
    assert_eq!(site.build(&[]).code, 0);
    let read = |rel: &str| std::fs::read_to_string(site.public().join(rel)).expect(rel);
    let home = read("index.html");
    assert!(
        home.contains("<a href=\"./\" aria-current=\"page\">"),
        "{home}"
    );
    assert!(home.contains("<span aria-current=\"page\">"), "{home}");
    let tags = read("tags/index.html");
    assert!(
        tags.contains("<a href=\"../tags/\" aria-current=\"page\">"),
        "{tags}"
    );
    assert_eq!(tags.matches("aria-current").count(), 1, "{tags}");
    let second = read("page/2/index.html");
    assert!(
        !second.contains("<a href=\"../../\" aria-current"),
        "{second}"
    );
}

#[test]
fn link_to_a_draft_is_a_warning_saying_so() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2016-02-18\n---\nIntro.\n\n![foto](@/b.md#atas)\n",
    );
    site.write(
        "content/b.md",
        "---\ntitle: B\ndate: 2016-02-17\ndraft: true\n---\nB.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/a.md:7:1: warning: link to `@/b.md#atas`: that article is a draft or dated in \
         the future, so the link leads nowhere\n"
    );
    let run = site.build(&["--drafts"]);
    assert_eq!(run.stderr, "");
}

#[test]
fn old_paths_get_pages_that_send_readers_to_the_article() {
    let site = Site::from_fixture("basic");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tree = read_tree(&site.public());
    let article = "2016/01/05/ragam-kafe-di-jakarta-kopi-senja/";
    for (old, up) in [
        ("lama/kafe-jakarta/index.html", "../../"),
        ("berita/kafe.html", "../"),
    ] {
        let page = String::from_utf8(tree[old].clone()).expect("UTF-8");
        assert!(
            page.contains(&format!("content=\"0; url={up}{article}\"")),
            "{old}: {page}"
        );
        assert!(page.contains("&lt;Senja&gt;"), "escaped headline: {page}");
        assert!(page.contains(&format!(
            "rel=\"canonical\" href=\"https://arsip.example.org/berita/{article}\""
        )));
    }
    // `/?p=12` names no file a static host serves: no page for it, and none in the sitemap.
    assert!(!tree.keys().any(|p| p.contains('?')));
    let sitemap = String::from_utf8(tree["sitemap-1.xml"].clone()).expect("UTF-8");
    assert!(
        sitemap.contains("/ragam-kafe-di-jakarta-kopi-senja/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("kafe-jakarta"), "{sitemap}");
    // An old path that is a page of the site keeps that page, with a warning.
    site.write(
        "content/2016/kafe.md",
        "---\ntitle: Kafe\ndate: 2016-01-05\naliases: [/tags/]\n---\nIsi.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/2016/kafe.md: warning: old path /tags/ is a page of the site already"
        ),
        "{}",
        run.stderr
    );
    let tags = std::fs::read_to_string(site.public().join("tags/index.html")).expect("tags");
    assert!(!tags.contains("http-equiv=\"refresh\""));
    // The old redirect pages went with the aliases.
    assert!(!site.public().join("lama/kafe-jakarta/index.html").exists());
}
