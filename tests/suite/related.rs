//! Related articles on article pages (issue 19): listed by shared tags, and kept exact by
//! incremental builds, which re-render the pages whose list changed and no other.

use std::time::SystemTime;

use crate::harness::Site;
use crate::incremental::incremental_equals_clean_on;

fn article(site: &Site, n: u32, title: &str, tags: &str) {
    site.write(
        &format!("content/{n:02}.md"),
        &format!(
            "---\ntitle: {title}\ndate: 2021-04-{n:02}T08:00:00+07:00\ntags: [{tags}]\n---\nIsi berita {n}.\n"
        ),
    );
}

fn small_site() -> Site {
    let site = Site::empty();
    article(&site, 1, "Banjir di Bekasi", "banjir, bekasi");
    article(&site, 2, "Harga cabai naik", "ekonomi");
    article(&site, 3, "Banjir di Bekasi surut", "banjir");
    article(&site, 4, "Pasar sepi", "ekonomi");
    article(&site, 5, "Tanggul Bekasi jebol", "bekasi");
    article(&site, 6, "Sidang korupsi ditunda", "hukum");
    article(&site, 7, "Vonis hakim dibacakan", "hukum");
    site
}

fn page(site: &Site, n: u32, slug: &str) -> std::path::PathBuf {
    site.public()
        .join(format!("2021/04/{n:02}/{slug}/index.html"))
}

fn modified(path: &std::path::Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

#[test]
fn article_page_lists_related_articles_by_shared_tags() {
    let site = small_site();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    let html = std::fs::read_to_string(page(&site, 1, "banjir-di-bekasi")).expect("page");
    let related = &html[html.find("class=\"related\"").expect("related list")..];
    let (surut, tanggul) = (
        related
            .find("Banjir di Bekasi surut")
            .expect("shares `banjir`"),
        related
            .find("Tanggul Bekasi jebol")
            .expect("shares `bekasi`"),
    );
    // One shared tag each; `Banjir di Bekasi surut` shares two headline words, the other one.
    assert!(surut < tanggul);
    assert!(!related[..related.find("</section>").expect("end")].contains("Harga cabai"));
}

#[test]
fn an_edit_elsewhere_rerenders_exactly_the_pages_whose_related_list_changed() {
    let site = small_site();
    assert_eq!(site.build(&[]).code, 0);
    // Newest first: 7 6 5 4 3 2 1. Page 4's neighbours are 5 and 3; its related list is [2]
    // (`ekonomi`). Page 7 neither neighbours nor relates to 2.
    let (four, one) = (
        page(&site, 4, "pasar-sepi"),
        page(&site, 7, "vonis-hakim-dibacakan"),
    );
    let (four_before, one_before) = (modified(&four), modified(&one));
    std::thread::sleep(std::time::Duration::from_millis(20));
    // Article 2 moves from `ekonomi` to `cuaca`: page 4 loses its related article, which
    // is no neighbour of it; page 7 prints nothing of article 2.
    incremental_equals_clean_on(&site, |s| article(s, 2, "Harga cabai naik", "cuaca"));
    assert_ne!(
        modified(&four),
        four_before,
        "page 4's related list changed"
    );
    assert_eq!(
        modified(&one),
        one_before,
        "page 7 shows nothing that changed"
    );
    let html = std::fs::read_to_string(&four).expect("page");
    assert!(!html.contains("class=\"related\""));
}
