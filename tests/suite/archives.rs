//! Archives of other generators built as they are (issue 17): Jekyll, Hugo and Zola front
//! matter, file names that carry the date, page bundles with their files, old paths kept,
//! and the problems that stay errors, each at its file and line.

use crate::harness::{Site, read_tree};

const GOOD: &str = "---\ntitle: Kabar Baik\ndate: 2016-03-01\n---\nIsi.\n";

#[test]
fn jekyll_hugo_and_zola_forms_build_as_they_are() {
    let site = Site::from_fixture("archives");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let tree = read_tree(&site.public());
    for path in [
        // `23:30 +0000` stays on the 23rd although the site is at +07:00.
        "2013/01/23/rilis-pertama/index.html",
        // `permalink`, `url`, `path` and `slug` are honoured.
        "catatan/lama.html",
        "halaman/html/index.html",
        "2019/03/26/kabar-hugo/index.html",
        "blog/2020/11/16/bundel/index.html",
        // The bundle's files sit beside its page, a `.txt` among them.
        "blog/2020/11/16/bundel/grafik.svg",
        "blog/2020/11/16/bundel/lampiran.txt",
        "blog/2020/11/16/bundel/data/tabel.csv",
        // A file of no bundle keeps its path.
        "gambar/logo.svg",
        // `category`, `categories`, `tags` as words and Zola's taxonomies are tags.
        "tags/rilis/index.html",
        "tags/perangkat/index.html",
        "tags/lunak/index.html",
        "tags/catatan/index.html",
        "tags/bundel/index.html",
    ] {
        assert!(tree.contains_key(path), "{path} missing: {:?}", tree.keys());
    }
    assert!(!tree.keys().any(|p| p.starts_with("2013/01/24")));
    // `published: false` is a draft, `_index.md` no article.
    assert!(
        !tree
            .keys()
            .any(|p| p.contains("belum") || p.contains("_index"))
    );
    let page = |path: &str| String::from_utf8_lossy(&tree[path]).into_owned();
    assert!(page("2013/01/23/rilis-pertama/index.html").contains("Sari Lestari"));
    assert!(page("catatan/lama.html").contains("Budi, Ani"));
    assert!(page("blog/2020/11/16/bundel/index.html").contains("src=\"grafik.svg\""));
    assert_eq!(
        page("blog/2020/11/16/bundel/lampiran.txt"),
        "Lampiran: daftar nama panitia.\n"
    );
}

#[test]
fn an_archive_rebuilt_from_the_cache_equals_a_clean_build() {
    let site = Site::from_fixture("archives");
    assert_eq!(site.build(&[]).code, 0);
    site.write("content/zola-bundel/lampiran.txt", "Lampiran baru.\n");
    site.write("content/baru.md", GOOD);
    assert_eq!(site.build(&[]).code, 0);
    let incremental = read_tree(&site.public());
    let run = site.build(&["--clean"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(incremental, read_tree(&site.public()));
    assert_eq!(
        incremental["blog/2020/11/16/bundel/lampiran.txt"],
        b"Lampiran baru.\n"
    );
}

#[test]
fn check_notes_each_unknown_key_once_with_a_count() {
    let site = Site::from_fixture("archives");
    site.write(
        "content/2016-03-02-lagi.md",
        "---\nlayout: post\ntitle: Lagi\n---\nx\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let layout: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("`layout`"))
        .collect();
    assert_eq!(
        layout,
        [
            "content/2013-01-23-rilis-pertama.markdown:2:1: warning: front matter key `layout` is not one arsip reads; it is kept in `article.extra` for templates (used in 2 articles)"
        ]
    );
    assert!(
        run.stderr.contains("`weight` is not one arsip reads"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_misspelt_key_is_named_with_the_likely_one() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2016-03-01\ntag: [x]\n---\nx\n",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains("content/a.md:4:1: warning: front matter key `tag` is not one arsip reads (did you mean `tags`?)"),
        "{}",
        run.stderr
    );
}

#[test]
fn strict_front_matter_makes_unknown_keys_errors_at_their_line() {
    let site = Site::empty();
    site.write("arsip.toml", "strict_front_matter = true\n");
    site.write(
        "content/a.md",
        "---\ntitle: A\nlayout: post\ndate: 2016-03-01\n---\nx\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/a.md:3:1: error: front matter key `layout` is not one arsip reads"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: [A]\ntags: {a: 1}\ndraft: nanti\nslug: ../x\ndate: 18/02/2016\n---\nx\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("content/a.md:"))
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(lines, ["2", "3", "4", "5", "6"], "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`tags` takes a list of names or one name, not a table of keys")
    );
    assert!(run.stderr.contains("`title` takes text, not a list"));
}

#[test]
fn unsafe_paths_and_aliases_are_errors_at_their_line() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2016-03-01\npermalink: /../../etc/x.html\naliases: [/ok/, /a/../../b/]\n---\nx\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/a.md:4:1: error: the article's path `/../../etc/x.html` is not allowed"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/a.md:5:1: error: the old path `/a/../../b/` is not allowed"),
        "{}",
        run.stderr
    );
}

#[test]
fn dates_out_of_range_are_errors_where_they_are_read() {
    let site = Site::empty();
    site.write("content/a.md", "---\ntitle: A\ndate: -0001-01-01\n---\nx\n");
    site.write(
        "content/b.md",
        "+++\ntitle = \"B\"\ndate = \"99999-01-01\"\n+++\nx\n",
    );
    site.write(
        "content/c.md",
        "---\ntitle: C\ndate: 9999-12-31T23:00:00-05:00\n---\nx\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    for expected in [
        "content/a.md:3:1: error: `date`",
        "content/b.md:3:1: error: `date`",
        "content/c.md:3:1: error: `date` `9999-12-31T23:00:00-05:00` is out of range",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

#[test]
fn a_date_written_with_an_offset_keeps_its_day_on_the_page_too() {
    // 23:52 UTC is already the next morning in Jakarta: the post stays on the 23rd, in its
    // archive and on its page, with the time as written.
    let site = Site::empty();
    site.write(
        "content/2013-01-23-larut.md",
        "---\ntitle: Larut Malam\ndate: 2013-01-23 23:52:42 +0000\n---\nIsi.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(site.public().join("2013/01/23/larut/index.html"))
        .expect("the article under its own day");
    assert!(page.contains("2013-01-23T23:52:42+00:00"), "{page}");
    assert!(page.contains("23:52 +00:00"), "{page}");
    assert!(!page.contains("24 Januari 2013"), "{page}");
    assert!(site.public().join("2013/01/23/index.html").is_file());
}

// A Zola or Hugo site keeps pages its own templates make from nothing but a `template` key;
// such a file is no article: left out with a warning, on every build, never a failed build.
#[test]
fn a_page_of_only_a_template_key_is_left_out_with_a_warning() {
    let site = Site::from_fixture("archives");
    site.write(
        "content/rilis/terbaru.md",
        "+++\ntemplate = \"terbaru.html\"\n+++\n",
    );
    let warning = "content/rilis/terbaru.md: warning: no title, no date and no text: this is no \
                   article (perhaps a page another generator made from a template of its own), \
                   so it is left out\n";
    for args in [&["--clean"][..], &[][..]] {
        let run = site.build(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stderr, warning);
    }
    assert!(
        !read_tree(&site.public())
            .keys()
            .any(|p| p.contains("terbaru"))
    );
    let run = site.run(&["check"]);
    assert!(run.stderr.contains(warning), "{}", run.stderr);
    // With text it is an article without a title: still an error.
    site.write(
        "content/rilis/terbaru.md",
        "+++\ntemplate = \"terbaru.html\"\n+++\nIsi.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("the article has no title"),
        "{}",
        run.stderr
    );
}

// A date Jekyll's lenient reader took (`2023-01-29 18:30:22 2023 -0800`, a stray year in
// it) stays an error, but the message offers the date the file name gives.
#[test]
fn an_unreadable_date_names_the_date_of_the_file_name() {
    let site = Site::empty();
    site.write(
        "content/_posts/2023-01-29-rilis.md",
        "---\ntitle: Rilis\ndate: 2023-01-29 18:30:22 2023 -0800\n---\nIsi.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "content/_posts/2023-01-29-rilis.md:3:1: error: `date` `2023-01-29 18:30:22 2023 \
             -0800` is not a date"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "; the file name gives 2023-01-29: correct `date`, or remove it to use that\n"
        ),
        "{}",
        run.stderr
    );
}

// Hugo and Zola publish a slug in lower case (`slug: ARI-RFC` at `/…/ari-rfc/`), and so
// do the old links to it: a slug from front matter or a file name is lowercased.
#[test]
fn slugs_written_with_capitals_are_published_in_lower_case() {
    let site = Site::empty();
    site.write(
        "content/post/2025-09-16-ARI-RFC.md",
        "---\ntitle: RFC Terbit\nslug: ARI-RFC\ndate: 2025-09-16\n---\nIsi.\n",
    );
    site.write(
        "content/post/2023-03-23-Kabar-ARI.md",
        "---\ntitle: Kabar\n---\nLihat [RFC](/2025/09/16/ari-rfc/).\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tree = read_tree(&site.public());
    assert!(
        tree.contains_key("2025/09/16/ari-rfc/index.html"),
        "{:?}",
        tree.keys()
    );
    assert!(
        tree.contains_key("2023/03/23/kabar-ari/index.html"),
        "{:?}",
        tree.keys()
    );
    assert_eq!(site.run(&["check"]).code, 0);
}
