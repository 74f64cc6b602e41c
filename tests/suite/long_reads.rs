//! Code and long reads through the real binary (issue 22, item 4): fenced code highlighted,
//! a table of contents when asked for, reading time, footnotes, on clean and cached builds.

use crate::harness::Site;

const GUIDE: &str = "---\ntitle: Panduan Arsip\ndate: 2016-03-01\ntoc: true\n---\n\
Pengantar singkat.[^1]\n\n## Memasang & menjalankan\n\nJalankan:\n\n```rust\nfn main() { println!(\"halo <dunia>\"); }\n```\n\n\
### Di Linux\n\nSama saja.\n\n## Isi\n\nJudul ini sama dengan id halaman.\n\n```bahasa-rahasia\nbiarkan <apa> adanya\n```\n\n\
[^1]: Catatan kaki.\n";

const SHORT: &str =
    "---\ntitle: Kabar Pendek\ndate: 2016-03-02\n---\n## Satu\n\nA.\n\n## Dua\n\nB.\n";

fn page(site: &Site, path: &str) -> String {
    std::fs::read_to_string(site.public().join(path).join("index.html")).expect("page")
}

fn check_guide(guide: &str) {
    // The table of contents links every section, nested levels marked, text unescaped once.
    assert!(
        guide.contains("<nav class=\"toc\" aria-label=\"Daftar isi\">"),
        "{guide}"
    );
    assert!(
        guide.contains("<li class=\"toc-2\"><a href=\"#memasang-menjalankan\">Memasang &amp; menjalankan</a></li>"),
        "{guide}"
    );
    assert!(
        guide.contains("<li class=\"toc-3\"><a href=\"#di-linux\">Di Linux</a></li>"),
        "{guide}"
    );
    // A heading named like the template's `<main id="isi">` gets another id.
    assert!(guide.contains("<h2 id=\"isi-2\">Isi</h2>"), "{guide}");
    assert!(guide.contains("<a href=\"#isi-2\">Isi</a>"), "{guide}");
    assert_eq!(guide.matches("id=\"isi\"").count(), 1, "{guide}");
    // Known language highlighted and escaped; unknown language left as plain code.
    assert!(
        guide.contains("<pre class=\"highlight\"><code class=\"language-rust\">"),
        "{guide}"
    );
    assert!(guide.contains("hl-string"), "{guide}");
    assert!(
        guide.contains("&lt;dunia&gt;") && !guide.contains("<dunia>"),
        "{guide}"
    );
    assert!(
        guide.contains(
            "<pre><code class=\"language-bahasa-rahasia\">biarkan &lt;apa&gt; adanya\n</code></pre>"
        ),
        "{guide}"
    );
    assert!(guide.contains("class=\"footnote-definition\""), "{guide}");
    assert!(
        guide.contains("<span class=\"reading\">1 menit baca</span>"),
        "{guide}"
    );
}

#[test]
fn code_is_highlighted_and_a_table_of_contents_shown_when_asked() {
    let site = Site::from_fixture("basic");
    site.write("content/panduan.md", GUIDE);
    site.write("content/pendek.md", SHORT);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_guide(&page(&site, "2016/03/01/panduan-arsip"));
    // Without `toc`, and the site's `toc` off, no table of contents.
    let short = page(&site, "2016/03/02/kabar-pendek");
    assert!(!short.contains("class=\"toc\""), "{short}");

    // From the cache: an unrelated edit rebuilds, and the cached article keeps all of it.
    site.write("content/pendek.md", &SHORT.replace("A.", "A lagi."));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    check_guide(&page(&site, "2016/03/01/panduan-arsip"));

    // The site's `toc` turns it on for every article with two sections or more.
    let config = std::fs::read_to_string(site.root().join("arsip.toml")).expect("config");
    site.write("arsip.toml", &format!("toc = true\n{config}"));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let short = page(&site, "2016/03/02/kabar-pendek");
    assert!(short.contains("<a href=\"#satu\">Satu</a>"), "{short}");
}

#[test]
fn a_toc_that_is_not_a_flag_is_an_error_naming_the_line() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: A\ndate: 2016-03-01\ntoc: ya\n---\nx\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/a.md:4"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`toc` takes true or false"),
        "{}",
        run.stderr
    );
}
