//! The search index on small sites parsed from Markdown: which stems it holds, for which
//! articles and with which weights, which it leaves out as common, and where each lies.

use super::index::build;
use crate::config::{Config, RawConfig};
use crate::load::{SourceFile, SourceFormat};
use crate::model::{Site, build_site};
use crate::words::{Stemmer, layout};

fn site(texts: &[(&str, &str, &str)]) -> Site {
    let config = Config::from_raw(
        std::path::Path::new("/s"),
        RawConfig::default(),
        &Default::default(),
    )
    .expect("config");
    let articles = texts
        .iter()
        .enumerate()
        .map(|(k, (title, date, body))| {
            let file = SourceFile {
                path: format!("content/{k}.md").into(),
                format: SourceFormat::Markdown,
                text: format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n{body}\n"),
            };
            crate::parse::parse(&file, &config).expect("parses")
        })
        .collect();
    build_site(articles, &config, chrono::Utc::now()).0
}

// The fragment text holding `stem`, and its posting list as written.
fn postings(index: &super::SearchIndex, n: usize, stem: &str) -> Option<String> {
    let b = layout::bucket_of(stem, layout::buckets(n)) as usize;
    let text = String::from_utf8(index.fragments[b].clone()).expect("UTF-8");
    let key = format!("\"{stem}\":\"");
    let at = text.find(&key)? + key.len();
    Some(text[at..].split('"').next()?.to_string())
}

#[test]
fn affixed_words_are_indexed_under_their_root_with_weights_by_place() {
    let s = site(&[
        (
            "Presiden mengajak warga",
            "2020-01-02",
            "Ajakan itu <b>diterima</b> &amp; disambut.",
        ),
        ("Warga diajak menanam", "2020-01-01", "Banyak yang diajak."),
    ]);
    let index = build(&s, Stemmer::Indonesian);
    // Newest first: article 0 has `mengajak` in its headline (5) and `ajakan` in its body (1);
    // article 1 `diajak` in its headline (5) and body (1).
    assert_eq!(postings(&index, 2, "ajak").as_deref(), Some("0616"));
    // Tags and entities of the body are gone; `&amp;` is no word.
    assert_eq!(postings(&index, 2, "sambut").as_deref(), Some("01"));
    assert_eq!(postings(&index, 2, "amp"), None);
    let meta = String::from_utf8(index.meta.clone()).expect("UTF-8");
    assert_eq!(
        meta,
        "arsipSearch.meta({\"docs\":2,\"buckets\":1,\"chunk\":50,\"stemmer\":\"id\",\"common\":[]});\n"
    );
}

#[test]
fn stems_in_most_articles_of_a_large_site_are_listed_as_common() {
    let texts: Vec<(String, String, String)> = (0..120)
        .map(|k| {
            let word = if k % 3 == 0 { "jarang" } else { "sering" };
            (
                format!("Kabar {k}"),
                format!("2020-01-{:02}", k % 28 + 1),
                format!("Hari ini {word} hujan."),
            )
        })
        .collect();
    let borrowed: Vec<(&str, &str, &str)> = texts
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let s = site(&borrowed);
    let index = build(&s, Stemmer::Indonesian);
    let meta = String::from_utf8(index.meta.clone()).expect("UTF-8");
    assert!(
        meta.contains("\"common\":[\"hari\",\"hujan\",\"ini\",\"kabar\",\"sering\"]"),
        "{meta}"
    );
    assert_eq!(index.fragments.len(), 2);
    assert!(postings(&index, 120, "sering").is_none());
    let jarang = postings(&index, 120, "jarang").expect("indexed");
    // 40 articles, one weight each.
    assert_eq!(jarang.len(), 80);
}

#[test]
fn user_text_cannot_break_out_of_the_script() {
    let s = site(&[(
        "Judul \\\"</script><b>",
        "2020-01-01",
        "Isi </script> \u{2028} teks.",
    )]);
    let index = build(&s, Stemmer::Indonesian);
    for file in index.fragments.iter().chain([&index.meta]) {
        let text = String::from_utf8(file.clone()).expect("UTF-8");
        assert!(!text.contains('<') && !text.contains('\u{2028}'), "{text}");
    }
}
