//! Issue 19: what a site tells feed readers, crawlers and social networks (JSON Feed, sitemap
//! index and news sitemap, robots.txt, lead images in cards and JSON-LD), and URLs that stay
//! when articles are added.

use crate::harness::{Site, read_tree};

fn text(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn article(site: &Site, file: &str, title: &str, date: &str, front: &str, body: &str) {
    site.write(
        &format!("content/{file}"),
        &format!("---\ntitle: \"{title}\"\ndate: {date}\n{front}---\n{body}\n"),
    );
}

fn assert_built(site: &Site) {
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn json_feeds_are_written_and_linked_for_the_site_and_each_tag() {
    let site = Site::empty();
    site.write("arsip.toml", "feeds = [\"json\"]\n");
    article(
        &site,
        "a.md",
        "Banjir",
        "2016-02-18 09:00",
        "tags: [Cuaca]\n",
        "Hujan.",
    );
    assert_built(&site);
    let feed = text(&site, "feed.json");
    assert!(
        feed.contains("\"version\": \"https://jsonfeed.org/version/1.1\""),
        "{feed}"
    );
    assert!(
        feed.contains("\"feed_url\": \"http://localhost:1111/feed.json\""),
        "{feed}"
    );
    let tag = text(&site, "tags/cuaca/feed.json");
    assert!(tag.contains("\"feed_url\": \"http://localhost:1111/tags/cuaca/feed.json\""));
    let home = text(&site, "index.html");
    assert!(home.contains("type=\"application/feed+json\" title=\"Arsip\" href=\"feed.json\""));
    let tag_page = text(&site, "tags/cuaca/index.html");
    assert!(
        tag_page.contains("title=\"Arsip: Cuaca\" href=\"../../tags/cuaca/feed.json\""),
        "{tag_page}"
    );
}

// The og:image of an article page, if any.
fn og_image(site: &Site, rel: &str) -> Option<String> {
    let page = text(site, rel);
    let start = page.find("<meta property=\"og:image\" content=\"")? + 35;
    Some(page[start..].split('"').next()?.to_string())
}

#[test]
fn the_lead_image_is_the_front_matter_s_then_the_body_s_then_the_site_default() {
    let site = Site::empty();
    site.write(
        "arsip.toml",
        "base_url = \"https://e.org/b/\"\n[discovery]\nimage = \"/sampul.png\"\nimage_width = 1200\nimage_height = 630\n",
    );
    article(
        &site,
        "a.md",
        "Satu",
        "2016-02-18",
        "cover: foto/satu.jpg\n",
        "![x](lain.png)",
    );
    article(
        &site,
        "b.md",
        "Dua",
        "2016-02-18",
        "",
        "Teks.\n\n![peta](../peta.png \"Peta\")",
    );
    article(&site, "c.md", "Tiga", "2016-02-18", "", "Tanpa gambar.");
    assert_built(&site);
    assert_eq!(
        og_image(&site, "2016/02/18/satu/index.html").as_deref(),
        Some("https://e.org/b/2016/02/18/satu/foto/satu.jpg")
    );
    assert_eq!(
        og_image(&site, "2016/02/18/dua/index.html").as_deref(),
        Some("https://e.org/b/2016/02/18/peta.png")
    );
    let third = text(&site, "2016/02/18/tiga/index.html");
    assert_eq!(
        og_image(&site, "2016/02/18/tiga/index.html").as_deref(),
        Some("https://e.org/b/sampul.png")
    );
    assert!(third.contains("<meta property=\"og:image:width\" content=\"1200\">"));
    assert!(third.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(third.contains(
        "\"image\":{\"@type\":\"ImageObject\",\"height\":630,\"url\":\"https://e.org/b/sampul.png\",\"width\":1200}"
    ));
}

#[test]
fn the_sitemap_index_splits_the_pages_over_files_of_at_most_sitemap_max_urls() {
    let site = Site::empty();
    site.write("arsip.toml", "[discovery]\nsitemap_max_urls = 4\n");
    for day in 1..=6 {
        let date = format!("2016-02-{day:02}");
        article(
            &site,
            &format!("{day}.md"),
            &format!("Berita {day}"),
            &date,
            "",
            "Isi.",
        );
    }
    assert_built(&site);
    let tree = read_tree(&site.public());
    let index = text(&site, "sitemap.xml");
    assert!(
        index.starts_with("<?xml") && index.contains("<sitemapindex"),
        "{index}"
    );
    let parts: Vec<&String> = tree
        .keys()
        .filter(|p| p.starts_with("sitemap-") && *p != "sitemap-news.xml")
        .collect();
    let pages = tree
        .keys()
        // The 404 and the search page (a form, for readers) are no pages for crawlers.
        .filter(|p| p.ends_with(".html") && *p != "404.html" && *p != "search/index.html")
        .count();
    assert_eq!(parts.len(), pages.div_ceil(4), "{parts:?}");
    let mut listed = Vec::new();
    for part in &parts {
        assert!(index.contains(&format!("<loc>http://localhost:1111/{part}</loc>")));
        let body = text(&site, part);
        let locs: Vec<&str> = body.split("<loc>").skip(1).collect();
        assert!((1..=4).contains(&locs.len()), "{part}: {body}");
        listed.extend(
            locs.iter()
                .map(|l| l.split('<').next().unwrap_or("").to_string()),
        );
    }
    // Every HTML page but the 404, once.
    let unique: std::collections::BTreeSet<&String> = listed.iter().collect();
    assert_eq!((listed.len(), unique.len()), (pages, pages));
}

#[test]
fn the_news_sitemap_holds_the_two_days_up_to_the_newest_article() {
    let site = Site::empty();
    site.write(
        "arsip.toml",
        "title = \"Kabar & Warta\"\nlanguage = \"id\"\n",
    );
    article(
        &site,
        "a.md",
        "Terbaru",
        "2016-02-20T10:00:00+07:00",
        "",
        "a",
    );
    article(
        &site,
        "b.md",
        "Dalam dua hari",
        "2016-02-18T11:00:00+07:00",
        "",
        "b",
    );
    article(
        &site,
        "c.md",
        "Terlalu lama",
        "2016-02-18T09:00:00+07:00",
        "",
        "c",
    );
    assert_built(&site);
    let news = text(&site, "sitemap-news.xml");
    assert_eq!(news.matches("<news:news>").count(), 2, "{news}");
    assert!(news.contains("<news:title>Dalam dua hari</news:title>"));
    assert!(!news.contains("Terlalu lama"));
    assert!(news.contains(
        "<news:publication><news:name>Kabar &amp; Warta</news:name><news:language>id</news:language></news:publication>"
    ));
    assert!(
        news.contains("<news:publication_date>2016-02-20T10:00:00+07:00</news:publication_date>")
    );
    let index = text(&site, "sitemap.xml");
    assert!(index.contains("<loc>http://localhost:1111/sitemap-news.xml</loc>"));
}

#[test]
fn robots_txt_names_the_sitemap_index_unless_static_replaces_it() {
    let site = Site::empty();
    site.write("arsip.toml", "base_url = \"https://e.org/\"\n");
    article(&site, "a.md", "Satu", "2016-02-18", "", "a");
    assert_built(&site);
    assert_eq!(
        text(&site, "robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://e.org/sitemap.xml\n"
    );
    site.write("static/robots.txt", "User-agent: *\nDisallow: /lama/\n");
    assert_built(&site);
    assert_eq!(
        text(&site, "robots.txt"),
        "User-agent: *\nDisallow: /lama/\n"
    );
}

#[test]
fn adding_an_article_with_the_same_headline_keeps_the_existing_url() {
    let site = Site::empty();
    article(
        &site,
        "b.md",
        "Banjir Jakarta",
        "2016-02-18 09:00",
        "",
        "Lama.",
    );
    article(
        &site,
        "pinned.md",
        "Gempa",
        "2016-02-18 09:00",
        "slug: gempa\n",
        "Lama.",
    );
    assert_built(&site);
    let old = "2016/02/18/banjir-jakarta/index.html";
    assert!(text(&site, old).contains("Lama."));
    assert!(text(&site, "2016/02/18/gempa/index.html").contains("Lama."));
    // `a.md` sorts before `b.md`; a newer article takes the suffix all the same. And at the
    // very same date and time, a given slug keeps its URL.
    article(
        &site,
        "a.md",
        "Banjir Jakarta",
        "2016-02-18 10:00",
        "",
        "Baru.",
    );
    article(
        &site,
        "a-gempa.md",
        "Gempa",
        "2016-02-18 09:00",
        "",
        "Baru.",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(text(&site, old).contains("Lama."));
    assert!(text(&site, "2016/02/18/banjir-jakarta-2/index.html").contains("Baru."));
    assert!(text(&site, "2016/02/18/gempa/index.html").contains("Lama."));
    assert!(text(&site, "2016/02/18/gempa-2/index.html").contains("Baru."));
    assert!(
        run.stderr.contains(
            "content/a.md: warning: /2016/02/18/banjir-jakarta/ is already taken by content/b.md"
        ),
        "{}",
        run.stderr
    );
}
