//! Incremental builds (issue #4): after any change, a build that reuses `.arsip-cache/` must
//! give exactly the output of a clean build, and a build with nothing changed must leave
//! every page untouched.

use std::path::Path;
use std::time::SystemTime;

use crate::harness::{Site, read_tree, run_in};

/// Builds the fixture, applies `change`, builds again from the cache, and compares the
/// result with a clean build of the changed site into a separate folder.
fn incremental_equals_clean(change: impl Fn(&Site)) {
    incremental_equals_clean_on(&Site::from_fixture("basic"), change);
}

/// [`incremental_equals_clean`] on `site`.
pub(crate) fn incremental_equals_clean_on(site: &Site, change: impl Fn(&Site)) {
    let first = site.build(&[]);
    assert_eq!(first.code, 0, "{first:?}");
    assert!(site.root().join(".arsip-cache/output").is_file());
    change(site);
    let second = site.build(&[]);
    assert_eq!(second.code, 0, "{second:?}");
    let clean = tempfile::tempdir().expect("temporary folder");
    let out = clean.path().join("public");
    let out_arg = out.to_string_lossy().into_owned();
    let root = site.root().to_string_lossy().into_owned();
    let reference = run_in(
        site.root(),
        &["build", "--clean", "--root", &root, "--output", &out_arg],
    );
    assert_eq!(reference.code, 0, "{reference:?}");
    let (got, want) = (read_tree(&site.public()), read_tree(&out));
    let differing: Vec<&String> = want
        .keys()
        .chain(got.keys())
        .filter(|k| got.get(*k) != want.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "differ from a clean build: {differing:?}"
    );
}

fn append(site: &Site, rel: &str, text: &str) {
    let path = site.root().join(rel);
    let mut body = std::fs::read_to_string(&path).expect("read");
    body.push_str(text);
    std::fs::write(path, body).expect("write");
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

#[test]
fn incremental_build_after_no_change_equals_clean_build() {
    incremental_equals_clean(|_| {});
}

#[test]
fn incremental_build_after_editing_an_article_equals_clean_build() {
    incremental_equals_clean(|site| {
        append(site, "content/2016/kafe.md", "\nParagraf tambahan.\n");
    });
}

#[test]
fn an_edit_among_many_articles_reaches_the_cache_and_equals_a_clean_build() {
    // With few articles parsed again, the cache is saved from copies of them on a thread of
    // its own, the other records copied from the cache as read: all must be there after.
    let site = Site::from_fixture("basic");
    for i in 1..=24 {
        let text = format!(
            "---\ntitle: \"Berita Nomor {i}\"\ndate: 2015-01-{i:02}\ntags: [Arsip]\n---\nIsi berita {i}.\n"
        );
        let path = site.root().join(format!("content/2015/berita-{i:02}.md"));
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let first = site.build(&[]);
    assert_eq!(first.code, 0, "{first:?}");
    let path = site.root().join("content/2015/berita-07.md");
    let text = std::fs::read_to_string(&path).expect("read");
    let text = text.replace("Berita Nomor 7", "Kabar Nomor 7");
    std::fs::write(path, text + "Paragraf baru.\n").expect("write");
    let second = site.build(&[]);
    assert_eq!(second.code, 0, "{second:?}");
    let cache = std::fs::read(site.root().join(".arsip-cache/articles")).expect("cache");
    let holds = |text: &str| cache.windows(text.len()).any(|w| w == text.as_bytes());
    assert!(holds("Kabar Nomor 7"));
    assert!(!holds("Berita Nomor 7"));
    for i in (1..=24).filter(|i| *i != 7) {
        assert!(
            holds(&format!("content/2015/berita-{i:02}.md")),
            "article {i}"
        );
        assert!(holds(&format!("Berita Nomor {i}")), "article {i}");
    }
    let bodies = std::fs::read(site.root().join(".arsip-cache/bodies")).expect("bodies");
    assert!(bodies.windows(14).any(|w| w == b"Paragraf baru."));
    // And the output is a clean build's.
    incremental_equals_clean_on(&site, |_| {});
}

#[test]
fn incremental_build_after_retitling_an_article_equals_clean_build() {
    incremental_equals_clean(|site| {
        let path = site.root().join("content/2016/kafe.md");
        let text = std::fs::read_to_string(&path).expect("read");
        let text = text.replacen("title: \"Ragam", "title: \"Aneka", 1);
        std::fs::write(path, text).expect("write");
    });
}

#[test]
fn incremental_build_after_adding_an_article_equals_clean_build() {
    incremental_equals_clean(|site| {
        site.write(
            "content/2016/baru.md",
            "---\ntitle: Berita Baru\ndate: 2016-03-01\ntags: [Kuliner, Baru]\n---\nIsi baru.\n",
        );
    });
}

#[test]
fn incremental_build_after_deleting_an_article_equals_clean_build() {
    incremental_equals_clean(|site| {
        std::fs::remove_file(site.root().join("content/2016/kafe.md")).expect("remove");
    });
}

#[test]
fn incremental_build_after_changing_a_template_equals_clean_build() {
    incremental_equals_clean(|site| {
        site.write(
            "templates/404.html",
            "{% extends \"base.html\" %}{% block content %}<p>Hilang.</p>{% endblock content %}\n",
        );
    });
}

#[test]
fn incremental_build_after_changing_the_config_equals_clean_build() {
    incremental_equals_clean(|site| {
        append(site, "arsip.toml", "\n");
        let path = site.root().join("arsip.toml");
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(path, text.replace("paginate_by = 2", "paginate_by = 3")).expect("write");
    });
}

#[test]
fn incremental_build_after_changing_a_static_file_equals_clean_build() {
    incremental_equals_clean(|site| append(site, "static/robots.txt", "# diubah\n"));
}

#[test]
fn corrupt_cache_is_ignored() {
    incremental_equals_clean(|site| {
        site.write(".arsip-cache/articles", "ARSIPC01 rusak");
        let output = site.root().join(".arsip-cache/output");
        let bytes = std::fs::read(&output).expect("read");
        std::fs::write(&output, &bytes[..bytes.len() / 2]).expect("truncate");
        append(site, "content/2016/kafe.md", "\nParagraf tambahan.\n");
    });
}

#[test]
fn build_with_nothing_changed_rewrites_no_page() {
    let site = Site::from_fixture("basic");
    assert_eq!(site.build(&[]).code, 0);
    let index = site.public().join("index.html");
    let before = modified(&index);
    assert_eq!(site.build(&[]).code, 0);
    assert_eq!(modified(&index), before);
    // --clean ignores the cache and writes everything again.
    assert_eq!(site.build(&["--clean"]).code, 0);
    assert_ne!(modified(&site.public().join("index.html")), before);
}

#[test]
fn cache_holds_whether_the_root_is_named_relatively_or_absolutely() {
    let site = Site::from_fixture("basic");
    assert_eq!(site.build(&[]).code, 0);
    let index = site.public().join("index.html");
    let before = modified(&index);
    let root = site.root().to_string_lossy().into_owned();
    let out = site.public().to_string_lossy().into_owned();
    let run = run_in(site.root(), &["build", "--root", &root, "--output", &out]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(modified(&index), before);
}

#[test]
fn incremental_build_after_changing_an_included_template_equals_clean_build() {
    incremental_equals_clean(|site| {
        let summary = include_str!("../../templates/summary.html");
        site.write(
            "templates/summary.html",
            &summary.replace("class=\"summary\"", "class=\"summary ringkas\""),
        );
    });
}

#[test]
fn template_change_rewrites_only_the_pages_using_it() {
    let site = Site::from_fixture("basic");
    assert_eq!(site.build(&[]).code, 0);
    let index = site.public().join("index.html");
    let feed = site.public().join("rss.xml");
    let (index_before, feed_before) = (modified(&index), modified(&feed));
    let article = include_str!("../../templates/article.html");
    site.write(
        "templates/article.html",
        &article.replace("class=\"story\"", "class=\"story berita\""),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    let page = site
        .public()
        .join("2016/02/18/presiden-ajak-twitter-kembangkan-ekonomi-digital/index.html");
    let text = std::fs::read_to_string(page).expect("article page");
    assert!(text.contains("class=\"story berita\""), "{text}");
    assert_eq!(modified(&index), index_before, "index.html was rewritten");
    assert_eq!(modified(&feed), feed_before, "rss.xml was rewritten");
}

#[test]
fn an_edit_keeping_the_length_and_modification_time_is_still_seen() {
    // Unchanged sources are known by their stamp (length, inode, modification and change
    // time) without being read; an edit that keeps the length and sets the modification
    // time back must still be seen, through the change time no tool can set.
    let site = Site::from_fixture("basic");
    assert_eq!(site.build(&[]).code, 0);
    // Once the sources have settled, the next build records their stamps.
    std::thread::sleep(std::time::Duration::from_millis(2200));
    assert_eq!(site.build(&[]).code, 0);
    let path = site.root().join("content/2016/kafe.md");
    let before = modified(&path);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("title: \"Ragam"));
    std::fs::write(&path, text.replacen("title: \"Ragam", "title: \"Rupa-", 1)).expect("write");
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(before))
        .expect("set the modification time back");
    assert_eq!(site.build(&[]).code, 0);
    let tree = read_tree(&site.public());
    let page = tree
        .iter()
        .find(|(path, bytes)| {
            path.ends_with("index.html") && bytes.windows(5).any(|w| w == b"Rupa-")
        })
        .map(|(path, _)| path.clone());
    assert!(page.is_some(), "the edited title is on no page");
}

// Replaces the front matter line starting with `key:` in kafe.md, or adds it.
fn set_front_matter(site: &Site, key: &str, line: &str) {
    let path = site.root().join("content/2016/kafe.md");
    let text = std::fs::read_to_string(&path).expect("read");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    match lines.iter().position(|l| l.starts_with(&format!("{key}:"))) {
        Some(i) => lines[i] = line.to_string(),
        None => lines.insert(1, line.to_string()),
    }
    std::fs::write(path, lines.join("\n") + "\n").expect("write");
}

#[test]
fn incremental_build_after_editing_summary_fields_equals_clean_build() {
    // Listings depend on exactly what a summary shows; each field a summary shows must
    // re-render them.
    for (key, line) in [
        ("description", "description: \"Kopi dan senja di ibu kota\""),
        ("author", "author: \"Sari Wulandari\""),
        ("source", "source: \"Kantor berita\""),
        ("tags", "tags: [Café, Kuliner, Jakarta]"),
        ("updated", "updated: 2016-01-09"),
        ("date", "date: 2016-01-07"),
    ] {
        incremental_equals_clean(|site| set_front_matter(site, key, line));
    }
}

#[test]
fn editing_an_article_body_rewrites_its_page_but_not_the_listings_it_is_in() {
    let site = Site::from_fixture("basic");
    assert_eq!(site.build(&[]).code, 0);
    let public = site.public();
    let listings = [
        public.join("2016/01/05/index.html"),
        public.join("2016/01/index.html"),
        public.join("tags/kuliner/index.html"),
    ];
    let before: Vec<SystemTime> = listings.iter().map(|p| modified(p)).collect();
    let page = std::fs::read_dir(public.join("2016/01/05"))
        .expect("day folder")
        .flatten()
        .map(|e| e.path().join("index.html"))
        .find(|p| p.is_file())
        .expect("the article's page");
    let page_before = modified(&page);
    append(&site, "content/2016/kafe.md", "\nParagraf tambahan.\n");
    let run = site.build(&["--timings"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        std::fs::read_to_string(&page)
            .expect("page")
            .contains("Paragraf tambahan."),
        "the article page shows the edit"
    );
    assert_ne!(modified(&page), page_before);
    let after: Vec<SystemTime> = listings.iter().map(|p| modified(p)).collect();
    assert_eq!(after, before, "a listing was rewritten for a body edit");
}

#[test]
fn drafts_and_future_articles_are_cached_like_the_rest() {
    // The cache is saved from the site model, which leaves drafts and future articles out of
    // its pages: they must still be saved, or every build would parse them again.
    let site = Site::from_fixture("basic");
    let built = site.build(&[]);
    assert_eq!(built.code, 0, "{built:?}");
    let cache = std::fs::read(site.root().join(".arsip-cache/articles")).expect("cache");
    let holds = |path: &str| cache.windows(path.len()).any(|w| w == path.as_bytes());
    for path in [
        "content/draft.md",
        "content/masa-depan.md",
        "content/001_a9718c70d0a22208.txt",
    ] {
        assert!(holds(path), "{path} is not in the cache");
    }
}
