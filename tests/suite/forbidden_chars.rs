//! Characters that must not pass through as they are (issue 21): those XML 1.0 forbids never
//! reach a feed or the sitemap, and control characters in file names never reach the
//! terminal raw, where they would recolour, move or hide text.

use crate::harness::Site;

/// Whether XML 1.0 allows `c` in a document (its `Char` production): what a parser checks.
fn xml_allows(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[test]
fn characters_xml_forbids_never_reach_feeds_or_the_sitemap() {
    let site = Site::from_fixture("basic");
    // TOML escapes put U+0001 and U+000B into the headline and a tag; the body holds them raw.
    site.write(
        "content/2016/kendali.md",
        "+++\ntitle = \"Berita\\u0001 kendali\\u000B\"\ndate = 2016-03-01\n\
         tags = [\"tanda\\u0001\\u000b\", \"kuliner\"]\n+++\n\
         Isi \u{1}dengan\u{b} karakter \u{fffe}terlarang\u{ffff}.\n",
    );
    // And the site's title, which the feeds name as their author.
    let config = std::fs::read_to_string(site.root().join("arsip.toml")).expect("config");
    site.write(
        "arsip.toml",
        &config.replace("title = \"Arsip Uji\"", "title = \"Arsip\\u0001 Uji\""),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut checked = 0;
    for (path, bytes) in crate::harness::read_tree(&site.public()) {
        if !path.ends_with(".xml") {
            continue;
        }
        let text = String::from_utf8(bytes).expect("UTF-8");
        if let Some(bad) = text.chars().find(|&c| !xml_allows(c)) {
            panic!("{path} holds U+{:04X}, which XML forbids", bad as u32);
        }
        checked += 1;
    }
    assert!(checked >= 3, "feeds and sitemap checked: {checked}");
    let feed = std::fs::read_to_string(site.public().join("rss.xml")).expect("rss.xml");
    assert!(feed.contains("<title>Berita kendali</title>"), "{feed}");
    assert!(feed.contains("<category>tanda</category>"), "{feed}");
    assert!(feed.contains("Isi dengan karakter terlarang."), "{feed}");
    let atom = std::fs::read_to_string(site.public().join("atom.xml")).expect("atom.xml");
    assert!(
        atom.contains("<author><name>Arsip Uji</name></author>"),
        "{atom}"
    );
}

#[test]
fn file_names_reach_the_terminal_escaped() {
    let site = Site::from_fixture("basic");
    // A broken link (a warning) and a broken article (an error), both named to recolour the
    // terminal and set its title.
    std::os::unix::fs::symlink(
        "hilang.md",
        site.root().join("content/\u{1b}[31mmerah\u{7}.md"),
    )
    .expect("symlink");
    site.write(
        "content/\u{1b}]0;judul\u{7}\u{9b}2J.md",
        "---\ntitle: [rusak\n---\nx\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        !run.stderr.contains(['\u{1b}', '\u{7}', '\u{9b}']),
        "raw control characters: {:?}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/\\x1b[31mmerah\\x07.md: warning: cannot be read"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/\\x1b]0;judul\\x07\\u{9b}2J.md:2:"),
        "{}",
        run.stderr
    );
}
