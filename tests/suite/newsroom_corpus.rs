//! The newsroom reader against a corpus of plain-text articles in `tests/fixtures/newsroom/`,
//! each with `NAME.expected.toml` giving the metadata an editor would write down, and an
//! undated article through the real binary.

use std::path::{Path, PathBuf};

use arsip::parse::Caption;
use arsip::parse::news::{self, NewsText};
use chrono::FixedOffset;
use serde::Deserialize;

use crate::harness::{Site, fixtures};

/// What one corpus article must yield. A field left out must come out empty.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    title: String,
    /// RFC 3339.
    date: String,
    source: Option<String>,
    location: Option<String>,
    author: Option<String>,
    editor: Option<String>,
    description: Option<String>,
    #[serde(default)]
    captions: Vec<Caption>,
    /// Hashtags, then recurring names (as `auto_tags = 5` would add them).
    #[serde(default)]
    tags: Vec<String>,
    /// Boilerplate that must not survive into the body.
    #[serde(default)]
    not_in_body: Vec<String>,
    /// Text that must stay in the body.
    #[serde(default)]
    in_body: Vec<String>,
}

fn corpus() -> Vec<PathBuf> {
    let dir = fixtures().join("newsroom");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> (NewsText, Expected) {
    let text = std::fs::read_to_string(path).expect("article");
    let wib = FixedOffset::east_opt(7 * 3600).expect("offset");
    let news = news::extract(&text, wib).expect("readable article");
    let expected_path = path.with_extension("expected.toml");
    let expected_text = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
    let expected: Expected = toml::from_str(&expected_text)
        .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
    (news, expected)
}

// Every difference of one article, so a failing run shows them all at once.
fn differences(news: &NewsText, expected: &Expected) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |field: &str, got: String, want: String| {
        if got != want {
            problems.push(format!("{field}: got {got}, expected {want}"));
        }
    };
    check("title", news.title.clone(), expected.title.clone());
    let date = news.date.map(|d| d.to_rfc3339());
    check(
        "date",
        format!("{date:?}"),
        format!("{:?}", Some(&expected.date)),
    );
    check(
        "source",
        format!("{:?}", news.source),
        format!("{:?}", expected.source),
    );
    check(
        "location",
        format!("{:?}", news.location),
        format!("{:?}", expected.location),
    );
    check(
        "author",
        format!("{:?}", news.author),
        format!("{:?}", expected.author),
    );
    check(
        "editor",
        format!("{:?}", news.editor),
        format!("{:?}", expected.editor),
    );
    check(
        "description",
        format!("{:?}", news.description),
        format!("{:?}", expected.description),
    );
    check(
        "captions",
        format!("{:?}", news.captions),
        format!("{:?}", expected.captions),
    );
    let tags = arsip::parse::plain_text::tags_of(news, 5, &std::collections::BTreeMap::new());
    check("tags", format!("{tags:?}"), format!("{:?}", expected.tags));
    let body = news.paragraphs.join("\n");
    for junk in &expected.not_in_body {
        if body.contains(junk.as_str()) {
            problems.push(format!("body still contains {junk:?}"));
        }
    }
    for kept in &expected.in_body {
        if !body.contains(kept.as_str()) {
            problems.push(format!("body lost {kept:?}"));
        }
    }
    if news.paragraphs.is_empty() {
        problems.push("body is empty".to_string());
    }
    problems
}

#[test]
fn corpus_has_at_least_twenty_two_articles_each_with_expectations() {
    let files = corpus();
    assert!(files.len() >= 22, "only {} articles", files.len());
    for file in files {
        assert!(
            file.with_extension("expected.toml").is_file(),
            "{}",
            file.display()
        );
    }
}

#[test]
fn every_corpus_article_reads_as_expected() {
    let mut failures = Vec::new();
    for file in corpus() {
        let (news, expected) = read(&file);
        let problems = differences(&news, &expected);
        if !problems.is_empty() {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            failures.push(format!(
                "{}:\n  {}",
                name.unwrap_or_default(),
                problems.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn undated_plain_text_fails_naming_the_file_and_line() {
    let site = Site::empty();
    site.write(
        "content/ok.txt",
        "Kabar Baik\n\nJakarta - Semua lancar, Kamis (18/2/2016).\n",
    );
    site.write(
        "content/kabar/tanpa-tanggal.txt",
        "Kabar Tanpa Tanggal\n\nBANDUNG - Warga berkumpul di alun-alun kota.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run:?}");
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("content/kabar/tanpa-tanggal.txt:1:1: error: no date found in the article `Kabar Tanpa Tanggal`"),
        "{}",
        run.stderr
    );
    assert!(first.ends_with("set `date` in the front matter"), "{first}");
}

#[test]
fn front_matter_date_rescues_an_undated_text() {
    let site = Site::empty();
    site.write(
        "content/a.txt",
        "---\ndate: 2016-02-18\n---\nKabar Tanpa Tanggal\n\nWarga berkumpul di alun-alun.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn tag_aliases_in_arsip_toml_merge_names_into_one_tag() {
    let site = Site::empty();
    site.write(
        "arsip.toml",
        "title = \"T\"\n[tag_aliases]\n\"Bang Ucok\" = \"Ucok Siregar\"\n",
    );
    site.write(
        "content/a.txt",
        "Kabar Medan\n\nMEDAN - Bang Ucok membuka warung, Kamis (18/2/2016). Pembeli menyapa Bang Ucok.\n\nJokowi datang. Warga menyalami Presiden Joko Widodo dan Jokowi.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(site.public().join("tags/ucok-siregar/index.html").is_file());
    assert!(!site.public().join("tags/bang-ucok").exists());
    // Built-in aliases merge, keeping the name the text uses most.
    assert!(site.public().join("tags/jokowi/index.html").is_file());
    assert!(!site.public().join("tags/joko-widodo").exists());
}

#[test]
fn an_outlet_profile_in_arsip_toml_drops_its_furniture_and_names_its_tags() {
    let site = Site::empty();
    let text = "Kereta Bandara Diuji Coba\n\nTangerang, Tirto.id - PT Railink menguji coba kereta bandara, Selasa, 7 November 2017.\n\nBACA ARTIKEL TIRTO LAINNYA\n\nDirektur Utama PT Railink mengatakan uji coba berlangsung sebulan.\n\nTopik Bacaan\nkereta bandara\n";
    site.write("content/a.txt", text);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    let page = |site: &Site| {
        std::fs::read_to_string(
            site.public()
                .join("2017/11/07/kereta-bandara-diuji-coba/index.html"),
        )
        .expect("page")
    };
    assert!(page(&site).contains("BACA ARTIKEL TIRTO LAINNYA"));
    let site = Site::empty();
    site.write(
        "arsip.toml",
        "title = \"T\"\n[[outlets]]\nname = \"tirto\"\nsources = [\"Tirto.id\"]\nlines = [\"Baca artikel Tirto lainnya\"]\ntag_markers = [\"Topik bacaan\"]\n",
    );
    site.write("content/a.txt", text);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    let page = page(&site);
    assert!(!page.contains("BACA ARTIKEL TIRTO LAINNYA"), "{page}");
    assert!(page.contains("uji coba berlangsung sebulan."), "{page}");
    assert!(
        site.public()
            .join("tags/kereta-bandara/index.html")
            .is_file()
    );
    let bad = Site::empty();
    bad.write("arsip.toml", "[[outlets]]\nname = \"x\"\nline = [\"a\"]\n");
    bad.write("content/a.txt", text);
    let run = bad.build(&[]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("arsip.toml:3:"), "{}", run.stderr);
}
