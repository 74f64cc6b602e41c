//! Hostile input (issue 6): one small site per case under `tests/hostile/<case>/`, each built
//! by the real binary. Every case must end without a panic, name the file at fault (and the
//! line where known), exit non-zero when the site cannot be built correctly, and still build
//! or report the good article (`content/good.md`) every site carries.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::harness::{Run, Site, read_tree};

fn case_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(case)
}

fn site(case: &str) -> Site {
    Site::from_dir(&case_dir(case))
}

fn assert_no_panic(run: &Run) {
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "the binary panicked:\n{}",
        run.stderr
    );
}

/// The build failed as a whole: exit 1, nothing written, only `expected` lines as errors
/// (the good article is parsed but never named), and the summary line last.
fn assert_fails_with(run: &Run, site: &Site, expected: &[&str]) {
    assert_no_panic(run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let (last, errors) = lines.split_last().expect("a summary line");
    assert_eq!(errors, expected, "{}", run.stderr);
    assert!(last.starts_with("error: build failed with"), "{last}");
    assert!(!run.stderr.contains("good.md"), "{}", run.stderr);
    assert!(!site.public().exists(), "a failed build wrote output");
}

/// The build succeeded and the good article is in the output.
fn assert_builds(run: &Run, site: &Site) {
    assert_no_panic(run);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.public()
            .join("2016/02/18/berita-baik/index.html")
            .is_file(),
        "the good article is missing:\n{}",
        run.stderr
    );
}

fn text(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every file under the site root outside `public/` (and the build cache), to prove a build
/// wrote nothing else.
fn outside_output(site: &Site) -> BTreeMap<String, Vec<u8>> {
    read_tree(site.root())
        .into_iter()
        .filter(|(path, _)| !path.starts_with("public/") && !path.starts_with(".arsip-cache/"))
        .collect()
}

#[test]
fn script_quotes_and_ampersands_are_escaped_everywhere() {
    let site = site("script_headline");
    let run = site.build(&[]);
    assert_builds(&run, &site);
    let escaped =
        "&lt;script&gt;alert(1)&lt;/script&gt; &quot;Kutipan&quot; &amp; &#39;Tanda&#39; A&amp;B";
    let article = text(
        &site,
        "2016/02/19/script-alert-1-script-kutipan-tanda-a-b/index.html",
    );
    assert!(
        article.contains(&format!("<h1>{escaped}</h1>")),
        "{article}"
    );
    assert!(
        article.contains(&format!(
            "<meta property=\"og:title\" content=\"{escaped}\">"
        )),
        "{article}"
    );
    assert!(
        article.contains("Ringkasan &quot;kutip&quot; &amp; &lt;i&gt;miring&lt;/i&gt;"),
        "{article}"
    );
    assert!(
        text(&site, "index.html").contains(escaped),
        "index.html does not hold the escaped headline"
    );
    let feed = text(&site, "rss.xml");
    assert!(
        feed.contains(&format!("<title>{escaped}</title>")),
        "{feed}"
    );
    assert!(
        feed.contains("<category>&lt;b&gt;Tag&lt;/b&gt; &amp; &quot;x&quot;</category>"),
        "{feed}"
    );
    // The plain-text body is escaped once as HTML and once more as feed text.
    assert!(feed.contains("&amp;lt;script&amp;gt;alert(3)"), "{feed}");
    // In JSON (the JSON Feed, JSON-LD) the markup is escaped so it cannot end a <script>.
    let json_headline =
        r#""\u003cscript\u003ealert(1)\u003c/script\u003e \"Kutipan\" \u0026 'Tanda' A\u0026B""#;
    assert!(
        article.contains(&format!("\"headline\":{json_headline}")),
        "{article}"
    );
    let json_feed = text(&site, "feed.json");
    assert!(
        json_feed.contains(&format!("\"title\": {json_headline}")),
        "{json_feed}"
    );
    let sitemap = text(&site, "sitemap-1.xml");
    assert!(
        sitemap.contains(
            "<loc>http://localhost:1111/2016/02/19/script-alert-1-script-kutipan-tanda-a-b/</loc>"
        ),
        "{sitemap}"
    );
    // No file of the site (HTML, XML, JSON or other) holds the markup unescaped.
    for (path, bytes) in read_tree(&site.public()) {
        let body = String::from_utf8_lossy(&bytes);
        for raw in ["<script>alert", "<b>Tag", "<b>&", "<i>miring", "<b>berita"] {
            assert!(!body.contains(raw), "{path} holds unescaped {raw}");
        }
        if path.ends_with(".xml") || path.ends_with(".json") {
            assert!(!body.contains(" & "), "{path} holds a bare ampersand");
        }
    }
}

#[test]
fn slug_that_climbs_out_of_the_output_is_rejected() {
    let site = site("slug_traversal");
    let before = outside_output(&site);
    let run = site.build(&[]);
    assert_fails_with(
        &run,
        &site,
        &[
            "content/evil.md:4:1: error: `slug` `../../../etc/passwd` is not allowed: use letters, digits, `-`, `_` and `.`, without `/`, `\\` or `..`",
        ],
    );
    assert_eq!(before, outside_output(&site));
}

#[test]
fn tags_that_climb_out_of_the_output_are_neutralised() {
    let site = site("tag_traversal");
    let before = outside_output(&site);
    let run = site.build(&[]);
    assert_builds(&run, &site);
    assert_eq!(
        before,
        outside_output(&site),
        "a file was written outside public/"
    );
    let tags: Vec<String> = read_tree(&site.public().join("tags"))
        .into_keys()
        .filter(|p| p.ends_with("/index.html"))
        .collect();
    assert_eq!(
        tags,
        [
            "a-b/index.html",
            "etc-passwd/index.html",
            "tag-2e-2e/index.html",
            "umum/index.html",
            "x/index.html"
        ]
    );
}

#[test]
fn tags_colliding_after_slugging_share_one_page() {
    let site = site("tag_collisions");
    let run = site.build(&[]);
    assert_builds(&run, &site);
    // `C++` and `C` both slug to `c`, `Café` and `Cafe` to `cafe`: one page each, as the
    // README documents, listing both articles.
    for tag in ["c", "cafe"] {
        let page = text(&site, &format!("tags/{tag}/index.html"));
        assert!(page.contains("Pemrograman C++"), "{tag}: {page}");
        assert!(page.contains("Pemrograman C<"), "{tag}: {page}");
    }
    let index = text(&site, "tags/index.html");
    assert!(
        index.contains("<a href=\"../tags/c/\">C</a> <span class=\"count\">2</span>"),
        "{index}"
    );
    assert!(!site.public().join("tags/c-2").exists());
}

#[test]
fn same_headline_and_date_get_two_pages_and_a_warning_naming_both() {
    let site = site("same_headline");
    let run = site.build(&[]);
    assert_builds(&run, &site);
    assert_eq!(
        run.stderr,
        "content/z.md: warning: /2016/02/19/banjir-jakarta/ is already taken by content/a.md; \
         this article is published at /2016/02/19/banjir-jakarta-2/\n"
    );
    assert!(text(&site, "2016/02/19/banjir-jakarta/index.html").contains("Isi a."));
    assert!(text(&site, "2016/02/19/banjir-jakarta-2/index.html").contains("Isi z."));
}

#[test]
fn emoji_and_punctuation_headlines_get_deterministic_slugs() {
    let site = site("emoji_headline");
    let run = site.build(&[]);
    assert_builds(&run, &site);
    let first = read_tree(&site.public());
    // Emoji transliterate to their names; punctuation alone falls back to the file name.
    for page in [
        "2016/02/19/tada-tada-tada/index.html",
        "2016/02/19/fire/index.html",
        "2016/02/19/tanda/index.html",
    ] {
        assert!(
            first.contains_key(page),
            "{page} missing: {:?}",
            first.keys()
        );
    }
    assert_eq!(site.build(&[]).code, 0);
    assert_eq!(first, read_tree(&site.public()));
}

#[test]
fn invalid_date_is_an_error_at_its_line() {
    let site = site("invalid_date");
    let run = site.build(&[]);
    assert_fails_with(
        &run,
        &site,
        &[
            "content/bad.md:3:1: error: `date` `2016-02-30` is not a date (use 2016-02-18, 2016-02-18 09:28, 2016-02-18 09:28:00 +0700 or 2016-02-18T09:28:00+07:00)",
        ],
    );
}

#[test]
fn unterminated_front_matter_is_an_error_at_its_opening_line() {
    let site = site("unterminated_front_matter");
    let run = site.build(&[]);
    assert_fails_with(
        &run,
        &site,
        &[
            "content/bad.md:1:1: error: front matter opened with `---` is never closed by a `---` line",
        ],
    );
}

#[test]
fn invalid_yaml_is_an_error_with_its_line() {
    let site = site("invalid_yaml");
    let run = site.build(&[]);
    // The flow list opened on line 4 runs on into line 5, where YAML notices.
    assert_fails_with(
        &run,
        &site,
        &[
            "content/bad.md:5:7: error: invalid YAML front matter: illegal placement of ':' indicator",
        ],
    );
}

#[test]
fn invalid_toml_is_an_error_with_its_line() {
    let site = site("invalid_toml");
    let run = site.build(&[]);
    assert_fails_with(
        &run,
        &site,
        &["content/bad.md:4:13: error: invalid TOML front matter: unclosed array, expected `]`"],
    );
}

#[test]
fn byte_order_mark_and_crlf_just_work() {
    let site = site("bom_crlf");
    let run = site.build(&[]);
    assert_builds(&run, &site);
    assert_eq!(run.stderr, "");
    let md = text(&site, "2016/02/19/dengan-bom/index.html");
    assert!(md.contains("<h1>Dengan BOM</h1>"), "{md}");
    assert!(!md.contains('\r') && !md.contains('\u{feff}'), "{md}");
    let txt = text(&site, "2016/02/20/teks-bom/index.html");
    assert!(txt.contains("<p>Paragraf pertama.</p>"), "{txt}");
    assert!(!txt.contains('\r') && !txt.contains('\u{feff}'), "{txt}");
}

#[test]
fn invalid_utf8_is_an_error_at_its_line() {
    let site = site("invalid_utf8");
    let run = site.build(&[]);
    assert_fails_with(
        &run,
        &site,
        &["content/bad.md:5:7: error: the file is not valid UTF-8; save it as UTF-8"],
    );
}

#[test]
fn empty_files_are_errors_naming_them() {
    let site = site("empty_file");
    let run = site.build(&[]);
    assert_fails_with(
        &run,
        &site,
        &[
            "content/empty.md: error: the article has no date: set `date` in the front matter or name the file YYYY-MM-DD-title.md",
            "content/empty.md: error: the article has no title: set `title` in the front matter",
            "content/empty.txt:1:1: error: the text is empty: its first line should be the headline",
        ],
    );
}

#[test]
fn a_twenty_megabyte_article_builds() {
    let site = site("huge_article");
    let paragraph = "Jakarta - Pemerintah menyiapkan peta jalan ekonomi digital & *startup* \
                     \"lokal\" agar tumbuh <lebih> cepat.\n\n";
    let mut body = String::from("---\ntitle: Artikel Raksasa\ndate: 2016-02-19\n---\n");
    while body.len() < 20 * 1024 * 1024 {
        body.push_str(paragraph);
    }
    site.write("content/huge.md", &body);
    let run = site.build(&[]);
    assert_builds(&run, &site);
    let page = std::fs::metadata(site.public().join("2016/02/19/artikel-raksasa/index.html"))
        .expect("the huge article is written");
    assert!(page.len() > 20 * 1024 * 1024, "{} bytes", page.len());
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_and_skipped() {
    let site = site("symlink_loop");
    std::os::unix::fs::symlink(".", site.root().join("content/loop")).expect("symlink");
    std::os::unix::fs::symlink("self", site.root().join("content/self")).expect("symlink");
    let run = site.build(&[]);
    assert_builds(&run, &site);
    assert!(
        run.stderr
            .contains("content/loop: warning: symbolic link loop; not followed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/self: warning:"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn five_thousand_nested_folders_do_not_overflow_the_stack() {
    let site = site("deep_nesting");
    // Paths this deep exceed PATH_MAX, so build them 1,000 levels per `cd`.
    let script = "set -e; cd content; level=$(printf 'd/%.0s' $(seq 1000)); \
                  for i in 1 2 3 4 5; do mkdir -p \"$level\"; cd -P \"$level\"; done; \
                  printf -- '---\\ntitle: Paling Dalam\\ndate: 2016-02-19\\n---\\nDalam.\\n' > deep.md";
    let status = std::process::Command::new("sh")
        .args(["-c", script])
        .current_dir(site.root())
        .status()
        .expect("run sh");
    assert!(status.success());
    let run = site.build(&[]);
    assert_no_panic(&run);
    assert!(!run.stderr.contains("overflow"), "{}", run.stderr);
    assert_builds(&run, &site);
    // The folder is too deep to read by path: that is a warning naming where, not silence.
    assert!(
        run.stderr
            .starts_with("content/d/d/d/…/d/d/d/d: warning: cannot be read: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("folders deep)"), "{}", run.stderr);
    assert!(run.stderr.len() < 300, "{}", run.stderr);
    // `rm -rf` copes with any depth; the temporary folder's own cleanup may not.
    let _ = std::process::Command::new("rm")
        .args(["-rf", "content"])
        .current_dir(site.root())
        .status();
}

#[test]
fn raw_html_in_markdown_is_sanitised_by_default() {
    let site = site("raw_html_default");
    let run = site.build(&[]);
    assert_builds(&run, &site);
    let page = text(&site, "2016/02/19/html-mentah/index.html");
    assert!(!page.contains("alert(1)"), "{page}");
    assert!(!page.contains("onclick"), "{page}");
    assert!(page.contains("<span>teks</span>"), "{page}");
}

#[test]
fn html_attacks_in_markdown_are_removed_and_safe_html_kept() {
    let site = site("raw_html_default");
    let run = site.build(&[]);
    assert_builds(&run, &site);
    let page = text(&site, "2016/02/20/serangan-html/index.html");
    let body = page
        .split("<article")
        .nth(1)
        .expect("article element")
        .to_ascii_lowercase();
    for gone in [
        "alert",
        "onerror",
        "onload",
        "javascript:",
        "data:",
        "<svg",
        "<math",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<style",
        "<script",
        "komentar rahasia",
        "background",
    ] {
        assert!(!body.contains(gone), "{gone} in {body}");
    }
    for kept in [
        "<div class=\"kotak\">",
        "<em>di dalam</em>",
        "<details><summary>rincian</summary>",
        "<sup>1</sup>",
        "<sub>2</sub>",
        "<figure class=\"foto\"><img src=\"foto.jpg\" alt=\"foto\"><figcaption>keterangan</figcaption></figure>",
        "<video controls=\"\" src=\"v.mp4\"></video>",
        "<audio controls=\"\" src=\"a.mp3\"></audio>",
        "<img src=\"x\">",
    ] {
        assert!(body.contains(kept), "{kept} not in {body}");
    }
    // The div left open is closed inside the body, before the template's own `</div>`.
    assert!(
        page.contains(
            "<p><a href=\"#\">md</a> <img src=\"\" alt=\"gambar\"></p>\n</div>\n</div>\n<footer>"
        ),
        "{page}"
    );
}

#[test]
fn raw_html_in_markdown_passes_when_the_site_allows_it() {
    let site = site("raw_html_allowed");
    let run = site.build(&[]);
    assert_builds(&run, &site);
    let page = text(&site, "2016/02/19/html-mentah/index.html");
    assert!(page.contains("<script>alert(1)</script>"), "{page}");
    assert!(page.contains("<span onclick=\"x()\">teks</span>"), "{page}");
}

#[test]
fn template_syntax_error_names_the_template_file_and_line() {
    let site = site("template_syntax_error");
    let run = site.build(&[]);
    assert_fails_with(
        &run,
        &site,
        &["templates/article.html:5:19: error: Found `}` but expected }}."],
    );
}

#[test]
fn missing_template_in_extends_is_named() {
    let site = site("missing_extends");
    let run = site.build(&[]);
    assert_fails_with(
        &run,
        &site,
        &[
            "templates/article.html: error: extends `kerangka.html`, which is neither in templates/ nor built in",
        ],
    );
}
