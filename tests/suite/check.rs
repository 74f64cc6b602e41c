//! `arsip check` through the real binary: a clean site passes, each kind of problem is
//! reported with its file and line, all of them in one run, and nothing is written.

use crate::harness::Site;

const GOOD: &str = "---\ntitle: Kabar Baik\ndate: 2016-03-01\n---\nIsi.\n";

#[test]
fn clean_site_passes_and_nothing_is_written() {
    let site = Site::from_fixture("basic");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "Checked 7 articles: no problems found\n");
    assert!(!site.public().exists());
}

#[test]
fn bad_front_matter_is_reported_with_its_line() {
    let site = Site::from_fixture("basic");
    site.write("content/rusak.md", "---\ntitle: A\ndate: [2016\n---\nx\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("content/rusak.md:3:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: check found 1 problem in 8 articles")
    );
}

#[test]
fn missing_date_is_reported() {
    let site = Site::from_fixture("basic");
    site.write(
        "content/tanpa-tanggal.md",
        "---\ntitle: Tanpa Tanggal\n---\nx\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/tanpa-tanggal.md: error: the article has no date"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_template_variable_is_reported() {
    let site = Site::from_fixture("basic");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}\n{{ tidak_ada }}\n{% endblock %}\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("templates/404.html:2:"),
        "{}",
        run.stderr
    );
}

#[test]
fn duplicate_urls_are_problems_not_warnings() {
    let site = Site::from_fixture("basic");
    site.write("content/a.md", GOOD);
    site.write("content/b.md", GOOD);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/b.md: error: /2016/03/01/kabar-baik/ is already taken by content/a.md"
        ),
        "{}",
        run.stderr
    );
    // A build only warns.
    assert_eq!(site.build(&[]).code, 0);
}

#[test]
fn broken_internal_links_are_reported_with_file_and_line() {
    let site = Site::from_fixture("basic");
    site.write("content/2016/tujuan.md", GOOD);
    site.write(
        "content/2016/tautan.md",
        "---\ntitle: Tautan\ndate: 2016-03-02\n---\nBaik: [a](@/2016/tujuan.md), [b](@/tags/jokowi/),\n\
         [c](https://example.org/x.md), [d](../../01/kabar-baik/).\n\n\
         Rusak: [e](@/2016/hilang.md) dan [f](@/tags/tidak-ada/).\n\n\
         [g](tujuan.md) [h](../../../tidak-ada/) ![i](@/gambar.png)\n\n\
         [j](@/draft.md)\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = [
        "content/2016/tautan.md:8:8: error: link to `@/2016/hilang.md`: there is no article content/2016/hilang.md",
        "content/2016/tautan.md:8:34: error: link to `@/tags/tidak-ada/`: the site has no page /tags/tidak-ada/",
        "content/2016/tautan.md:10:1: error: link to `tujuan.md`: relative links to article files are not rewritten; write `@/2016/tujuan.md`",
        "content/2016/tautan.md:10:16: error: link to `../../../tidak-ada/`: the site has no page /2016/tidak-ada/",
        "content/2016/tautan.md:10:41: error: link to `@/gambar.png`: the site has no page /gambar.png",
        "content/2016/tautan.md:12:1: error: link to `@/draft.md`: that article is a draft or dated in the future, so it is not published",
    ];
    let reported: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("content/2016/tautan.md"))
        .collect();
    assert_eq!(reported, expected, "{}", run.stderr);
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let site = Site::from_fixture("basic");
    site.write(
        "content/tanpa-tanggal.md",
        "---\ntitle: Tanpa Tanggal\n---\nx\n",
    );
    site.write("content/a.md", GOOD);
    site.write("content/b.md", GOOD);
    site.write(
        "content/c.md",
        "---\ntitle: C\ndate: 2016-03-03\n---\n[x](@/nope.md)\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/tanpa-tanggal.md: error"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/b.md: error"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/c.md:5:1: error"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("check found 3 problems"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_long_run_of_furniture_in_a_plain_text_article_is_a_warning_with_its_lines() {
    let site = Site::empty();
    site.write(
        "content/berita.txt",
        "---\ntags: [banjir]\n---\nBanjir Surut\n\nJakarta - Air mulai surut pada Kamis, 18 Februari 2016.\n\nBerita Terkait\nBanjir Lagi di Kampung Melayu\nWarga Mengungsi ke Masjid\nPompa Air Ditambah\nHujan Deras Sepekan\n\nWarga kembali membersihkan rumah mereka.\n\nADVERTISEMENT\n\nPetugas membagikan air bersih.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/berita.txt:8:1: warning: 5 lines up to line 12 left out as site furniture (such as `Berita Terkait`): `arsip import` lists them for review\n"
    );
    // The build warns alike, clean or with the article from the cache.
    for args in [&["--clean"][..], &["--timings"][..]] {
        let site_changed = "content/lain.md";
        site.write(
            site_changed,
            &format!(
                "---\ntitle: Lain {}\ndate: 2016-02-19\n---\nIsi.\n",
                args[0]
            ),
        );
        let run = site.build(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stderr.starts_with(
                "content/berita.txt:8:1: warning: 5 lines up to line 12 left out as site furniture"
            ),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn template_variable_no_context_provides_is_reported_at_its_line() {
    let site = Site::from_fixture("basic");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>{{ article.title }}</h1>\n\
         {% if article.autor %}<p>{{ article.autor }}</p>{% endif %}\n\
         {% for tag in article.tags %}{{ tag.nama }}{% endfor %}{{ t.hme }}{% endblock content %}\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = [
        "templates/article.html:3:7: error: template variable `article.autor` is in no context \
         of this template; `article` has: author, body_html, captions,",
        "templates/article.html:3:29: error: template variable `article.autor`",
        "templates/article.html:4:33: error: template variable `tag.nama` is in no context of \
         this template; `article.tags` has: name, url",
        // Printed, so Tera's render finds it too.
        "templates/article.html:4:37: error: Field `nama` is not defined.",
        "templates/article.html:4:59: error: template variable `t.hme` is in no context of this \
         template; `t` has: all_tags, archive,",
        "error: check found 5 problems in 7 articles",
    ];
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{}", run.stderr);
    for (line, start) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(start),
            "{line}\nshould start with\n{start}"
        );
    }
}
