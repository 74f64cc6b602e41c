//! The search page and its index files (issue 19): written with the site, left out with
//! `search = false`, and kept exact by incremental builds.

use crate::harness::Site;
use crate::incremental::incremental_equals_clean_on;

fn article(site: &Site, n: u32, title: &str, body: &str) {
    site.write(
        &format!("content/{n:02}.md"),
        &format!("---\ntitle: \"{title}\"\ndate: 2022-05-{n:02}\n---\n{body}\n"),
    );
}

fn news_site() -> Site {
    let site = Site::empty();
    article(
        &site,
        1,
        "Presiden mengajak warga menanam pohon",
        "Ajakan disambut warga.",
    );
    article(
        &site,
        2,
        "Warga diajak membersihkan sungai",
        "Sungai kotor.",
    );
    article(
        &site,
        3,
        "Harga cabai </script> naik",
        "Pasar ramai & sesak.",
    );
    site
}

#[test]
fn search_page_index_and_script_are_written_and_linked_from_every_page() {
    let site = news_site();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    let public = site.public();
    for file in [
        "search/index.html",
        "search/search.js",
        "search/meta.js",
        "search/t/0.js",
        "search/d/0.js",
    ] {
        assert!(public.join(file).is_file(), "{file}");
    }
    let home = std::fs::read_to_string(public.join("index.html")).expect("home");
    assert!(home.contains("<form class=\"search-box\" role=\"search\""));
    assert!(home.contains("action=\"search/\""));
    let docs = std::fs::read_to_string(public.join("search/d/0.js")).expect("docs");
    assert!(docs.starts_with("arsipSearch.docs(0,[[\"../2022/05/03/"));
    assert!(docs.contains("Harga cabai \\u003c/script\\u003e naik"));
    assert!(!docs.contains("</script>"));
    let terms = std::fs::read_to_string(public.join("search/t/0.js")).expect("terms");
    // Two articles, newest first: `diajak` (headline, 5) and `mengajak` (headline 5, body 1).
    assert!(terms.contains("\"ajak\":\"1516\""), "{terms}");
}

#[test]
fn search_false_writes_no_search_files_and_no_box() {
    let site = news_site();
    site.write("arsip.toml", "search = false\n");
    assert_eq!(site.build(&[]).code, 0);
    assert!(!site.public().join("search").exists());
    let home = std::fs::read_to_string(site.public().join("index.html")).expect("home");
    assert!(!home.contains("search-box"));
}

#[test]
fn incremental_search_index_equals_a_clean_build_after_edits() {
    let site = news_site();
    incremental_equals_clean_on(&site, |s| {
        article(s, 2, "Warga diajak membersihkan pantai", "Pantai kotor.")
    });
    incremental_equals_clean_on(&site, |s| article(s, 4, "Banjir surut", "Warga lega."));
    incremental_equals_clean_on(&site, |s| {
        std::fs::remove_file(s.root().join("content/01.md")).expect("remove")
    });
    let terms = std::fs::read_to_string(site.public().join("search/t/0.js")).expect("terms");
    // `pantai` is stemmed as `-i` suffixed, as search.js stems a query for it.
    assert!(terms.contains("\"panta\""));
    assert!(!terms.contains("\"pohon\""));
}
