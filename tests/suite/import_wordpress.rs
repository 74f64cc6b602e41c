//! `arsip import` of a WordPress export through the real binary (issue 17): posts become
//! Markdown files with their old URLs as aliases, drafts stay drafts, and every item not
//! imported is named in the report with its line.

use crate::harness::{Site, fixtures};

fn site_with_export() -> Site {
    let site = Site::empty();
    let xml = std::fs::read_to_string(fixtures().join("wordpress/ekspor.xml")).expect("fixture");
    site.write("ekspor.xml", &xml);
    site
}

#[test]
fn wordpress_posts_become_markdown_with_their_old_urls() {
    let site = site_with_export();
    let run = site.run(&["import", "--out", "content", "ekspor.xml"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "Imported 2 articles\nekspor.xml: 6 items read, 2 posts written (1 draft), 4 items not imported\n"
    );
    let post = std::fs::read_to_string(site.root().join("content/2015-08-17-panen-raya.md"))
        .expect("post written");
    assert_eq!(
        post,
        "---\ntitle: \"Panen Raya & Pesta Desa\"\ndate: \"2015-08-17T08:30:00+07:00\"\nauthor: \"Sari Wulandari\"\nslug: \"panen-raya\"\ndescription: \"Panen raya tahun ini.\"\ntags:\n  - \"Padi\"\n  - \"Pesta\"\ncategories:\n  - \"Desa\"\naliases:\n  - \"/?p=12\"\n  - \"/2015/08/panen-raya/\"\n---\n<p>Padi sudah kuning. *Bintang* bukan miring.<br>\nBaris kedua.</p>\n<h2>Acara</h2>\n<ul>\n<li>Lomba <b>bakiak</b></li>\n</ul>\n<figure><img src=\"https://kampung.example/blog/wp-content/uploads/panen.jpg\" alt=\"Sawah\" width=\"300\"><figcaption>Sawah di utara</figcaption></figure>\n<pre>baris satu&#10;&#10;baris tiga</pre>\n<p>Selesai.</p>\n"
    );
    let draft = std::fs::read_to_string(
        site.root()
            .join("content/2015-11-02-rencana-musim-hujan.md"),
    )
    .expect("draft written");
    assert!(draft.contains("\ndraft: true\n"), "{draft}");
}

#[test]
fn items_not_imported_are_listed_with_their_line() {
    let site = site_with_export();
    let run = site.run(&["import", "--out", "content", "ekspor.xml"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "ekspor.xml:70:1: warning: not imported: item 2 `Tentang Kami` is a page: pages are not imported (copy it into content/ by hand)\n\
         ekspor.xml:78:1: warning: not imported: item 9 `panen` is an attachment (https://kampung.example/blog/wp-content/uploads/panen.jpg): download the file into the article's folder\n\
         ekspor.xml:86:1: warning: not imported: item 20 `Beranda` is a menu item\n\
         ekspor.xml:92:1: warning: not imported: item 21 `Dibuang` has status `trash`: not imported\n"
    );
}

#[test]
fn an_export_needs_an_output_folder_and_never_overwrites() {
    let site = site_with_export();
    let run = site.run(&["import", "ekspor.xml"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("give --out DIR"), "{}", run.stderr);
    site.write("content/2015-08-17-panen-raya.md", "milik pengguna\n");
    let run = site.run(&["import", "--out", "content", "ekspor.xml"]);
    assert_eq!(run.code, 0, "{run:?}");
    let kept = std::fs::read_to_string(site.root().join("content/2015-08-17-panen-raya.md"))
        .expect("kept");
    assert_eq!(kept, "milik pengguna\n");
    assert!(
        site.root()
            .join("content/2015-08-17-panen-raya-12.md")
            .exists()
    );
}

#[test]
fn a_broken_export_is_an_error_at_its_line() {
    let site = Site::empty();
    site.write(
        "rusak.xml",
        "<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<item><title>x</judul>\n",
    );
    let run = site.run(&["import", "--out", "content", "rusak.xml"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("rusak.xml:4:"), "{}", run.stderr);
}
