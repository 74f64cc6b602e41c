//! Hostile shapes of plain text must not stall a build: each goes through the whole `.txt`
//! path (reader, tags, Markdown, HTML) well within a generous bound in the debug test build.
//!
//! The inputs are sized so that the quadratic code these tests guard against (a scan of all
//! hashtags per hashtag, a fresh join per split point of a long run of names, a scan of all
//! names per single word) takes minutes, while the linear code takes about a second; the bound
//! sits far from both, so a slow machine does not make the tests flaky.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::FixedOffset;

use super::extract;

const SIZE: usize = 256 * 1024;
const BOUND: Duration = Duration::from_secs(20);

// A headline and a dated dateline, then `unit(i)` repeated up to `SIZE` bytes.
fn text_of(unit: impl Fn(usize) -> String) -> String {
    let mut text = String::from("Judul Uji\n\nJakarta - Kamis, 18 Februari 2016.\n\n");
    let mut i = 0;
    while text.len() < SIZE {
        text.push_str(&unit(i));
        i += 1;
    }
    text
}

// Runs the text through the reader and the rendering of its body, under `BOUND`.
fn reads_in_time(text: &str) {
    let started = Instant::now();
    let news = extract(text, FixedOffset::east_opt(7 * 3600).expect("offset")).expect("reads");
    let tags = crate::parse::plain_text::tags_of(&news, 5, &std::collections::BTreeMap::new());
    let slugs: BTreeSet<String> = tags.iter().map(|t| crate::slug::slugify(t)).collect();
    let markdown = super::markdown_text::to_markdown(&news.paragraphs);
    let html = crate::parse::markdown::to_html_linking(&markdown, false, &slugs);
    let elapsed = started.elapsed();
    assert!(!html.is_empty());
    assert!(
        elapsed < BOUND,
        "{} bytes took {elapsed:?}, over {BOUND:?}",
        text.len()
    );
}

#[test]
fn many_distinct_hashtags_read_in_time() {
    reads_in_time(&text_of(|i| format!("#Tagar{i} ")));
}

#[test]
fn one_long_run_of_capitalized_words_reads_in_time() {
    reads_in_time(&text_of(|i| format!("Budi{i} Sastro{} ", i % 1000)));
}

#[test]
fn many_distinct_names_read_in_time() {
    reads_in_time(&text_of(|i| {
        format!("Kata Budi{i} datang, lalu Sastro{i} pergi dan Budi{i} Sastro{i} pulang.\n\n")
    }));
}

#[test]
fn tiny_paragraphs_long_lines_and_dates_read_in_time() {
    reads_in_time(&text_of(|i| format!("Kata {i}.\n\n")));
    reads_in_time(&text_of(|i| {
        format!("kata{i} Kamis, 18 Februari 2016 pukul 09:28 WIB ")
    }));
}
