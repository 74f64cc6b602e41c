//! `arsip import` through the real binary: imported Markdown builds to the same pages as the
//! plain text it came from, YAML strings round-trip, and errors name the file.

use std::path::Path;

use crate::harness::{Site, read_tree};

const SEEDS: [&str; 2] = ["000_485b0a2ea1f61cc8.txt", "001_a9718c70d0a22208.txt"];

fn seed(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(name);
    std::fs::read_to_string(path).expect("seed article")
}

fn page(site: &Site, url: &str) -> String {
    std::fs::read_to_string(site.public().join(url).join("index.html")).expect(url)
}

// Builds `articles` once as .txt in content/, once imported into content/ as .md; returns
// both sites, built.
fn build_both(articles: &[(&str, String)]) -> (Site, Site) {
    let plain = Site::empty();
    let imported = Site::empty();
    for (name, text) in articles {
        plain.write(&format!("content/{name}"), text);
        imported.write(&format!("raw/{name}"), text);
    }
    let run = imported.run(&["import", "--out", "content", "raw"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .starts_with(&format!("Imported {}", articles.len())),
        "{run:?}"
    );
    assert_eq!(plain.build(&[]).code, 0);
    let run = imported.build(&[]);
    assert_eq!(run.code, 0, "{run:?}");
    (plain, imported)
}

#[test]
fn imported_seeds_build_the_same_pages_as_the_plain_text() {
    let articles: Vec<(&str, String)> = SEEDS.iter().map(|n| (*n, seed(n))).collect();
    let (plain, imported) = build_both(&articles);
    for url in [
        "2016/02/18/presiden-ajak-twitter-kembangkan-ekonomi-digital",
        "2016/02/18/jokowi-ajak-twitter-sebarkan-pesan-toleransi-dan-damai-di-dunia",
    ] {
        let page = page(&plain, url);
        assert!(page.contains("<time datetime=\"2016-02-18"), "{page}");
        assert_eq!(page, self::page(&imported, url), "{url}");
    }
    assert_eq!(read_tree(&plain.public()), read_tree(&imported.public()));
    let md = std::fs::read_to_string(imported.root().join("content/001_a9718c70d0a22208.md"))
        .expect("imported");
    assert!(md.starts_with("---\ntitle: \"Jokowi Ajak Twitter Sebarkan Pesan Toleransi dan Damai di Dunia\"\ndate: \"2016-02-18T09:28:00+07:00\"\nauthor: \"Luqman Rimadi\"\n"), "{md}");
    assert!(
        md.contains(
            "captions:\n  - text: \"Jokowi di Markas Twitter\"\n    credit: \"Twitter Jokowi\"\n"
        ),
        "{md}"
    );
}

#[test]
fn tricky_strings_round_trip_through_import() {
    let text = "- \"Darurat\": #SiagaBanjir, 50% warga & 'relawan' \\ {ok} [x] *y*\n\n: Standfirst #SiagaBanjir: \"kutip\" -- dan ... selesai\n\noleh Dewi 'Ayu' Lestari diperbarui 3 Jan 2017, 07:15 WITA\n\nPosko darurat: #1 (Foto: - Arsip: \"Redaksi\")\n\nSamarinda, Kaltimpost.id - Warga #SiagaBanjir mengungsi ke posko <darurat> & \"aman\".\n\n1. Bukan daftar; - bukan butir; # bukan judul; > bukan kutipan.\n\nPosko Samarinda dibuka. Posko Samarinda penuh. (kp/ed)\n";
    let (plain, imported) = build_both(&[("darurat.txt", text.to_string())]);
    assert_eq!(read_tree(&plain.public()), read_tree(&imported.public()));
    let md = std::fs::read_to_string(imported.root().join("content/darurat.md")).expect("md");
    assert!(
        md.contains(
            "title: \"- \\\"Darurat\\\": #SiagaBanjir, 50% warga & 'relawan' \\\\ {ok} [x] *y*\"\n"
        ),
        "{md}"
    );
    assert!(md.contains("author: \"Dewi 'Ayu' Lestari\"\n"), "{md}");
    assert!(
        md.contains("credit: \"- Arsip: \\\"Redaksi\\\"\"\n"),
        "{md}"
    );
    assert!(
        md.contains("Warga #SiagaBanjir mengungsi"),
        "hashtag kept as text: {md}"
    );
    let url = "2017/01/03/darurat-siagabanjir-50-warga-relawan-ok-x-y";
    let article = page(&imported, url);
    assert!(article.contains("<h1>- &quot;Darurat&quot;: #SiagaBanjir, 50% warga &amp; &#39;relawan&#39; \\ {ok} [x] *y*</h1>"), "{article}");
    assert!(
        article.contains("posko &lt;darurat&gt; &amp; \"aman\".</p>"),
        "{article}"
    );
    assert!(
        article
            .contains("<p>1. Bukan daftar; - bukan butir; # bukan judul; &gt; bukan kutipan.</p>"),
        "{article}"
    );
}

#[test]
fn a_single_article_goes_to_standard_output() {
    let site = Site::empty();
    site.write("raw/a.txt", &seed(SEEDS[0]));
    let run = site.run(&["import", "raw/a.txt"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("---\ntitle: \"Presiden Ajak Twitter Kembangkan Ekonomi Digital\"\ndate: \"2016-02-18T00:00:00+07:00\"\nsource: \"VIVA.co.id\"\ntags:\n  - \"KamiTidakTakut\"\n"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("\n---\nVIVA.co.id - Presiden Joko Widodo"),
        "{}",
        run.stdout
    );
    assert!(!site.root().join("content").exists());
}

#[test]
fn import_errors_name_the_file() {
    let site = Site::empty();
    site.write(
        "raw/a/tanpa-tanggal.txt",
        "Kabar Tanpa Tanggal\n\nWarga berkumpul di alun-alun.\n",
    );
    site.write("raw/b.txt", &seed(SEEDS[1]));
    site.write("out/b.md", "mine");
    let run = site.run(&["import", "--out", "out", "raw"]);
    assert_eq!(run.code, 1, "{run:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].starts_with("out/b.md: error: already exists"),
        "{}",
        run.stderr
    );
    assert!(
        lines[1].starts_with("raw/a/tanpa-tanggal.txt:1:1: error: no date found"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("out/b.md")).expect("kept"),
        "mine"
    );

    let run = site.run(&["import", "raw"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("give --out DIR"), "{}", run.stderr);
    let run = site.run(&["import", "nope.txt"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "nope.txt: error: no such file or folder\n");
    assert_eq!(site.run(&["import"]).code, 2);
}

#[test]
fn imported_news_corpus_builds_the_same_pages_as_the_plain_text() {
    let dir = crate::harness::fixtures().join("news-corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("news corpus")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let articles: Vec<(&str, String)> = names
        .iter()
        .map(|n| {
            let text = std::fs::read_to_string(dir.join(n)).expect("article");
            (n.as_str(), text)
        })
        .collect();
    let (plain, imported) = build_both(&articles);
    let (a, b) = (read_tree(&plain.public()), read_tree(&imported.public()));
    let differing: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| {
            let text = |t: &std::collections::BTreeMap<String, Vec<u8>>| {
                String::from_utf8_lossy(t.get(k).map_or(&[][..], |v| v)).into_owned()
            };
            let (x, y) = (text(&a), text(&b));
            let at = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
            let show = |s: &str| {
                s.chars()
                    .skip(at.saturating_sub(80))
                    .take(200)
                    .collect::<String>()
            };
            format!("{k}:\n  txt: {}\n  md:  {}", show(&x), show(&y))
        })
        .collect();
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}

#[test]
fn import_lists_every_line_it_left_out_for_review() {
    let text = "Judul Berita\n\nKamis, 16 Januari 2020 14:05 WIB\n\nJakarta - Kalimat pertama \"dikutip\" di sini.\n\nADVERTISEMENT\n\nKalimat kedua yang_tetap & utuh.\n\nBaca juga: Berita Lain\n\nKalimat ketiga. (dnu/fjp)\n";
    let site = Site::empty();
    site.write("raw/a.txt", text);
    let run = site.run(&["import", "raw/a.txt"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains(
            "# editor initials: dnu/fjp\n# left out as site furniture (line of the .txt: text):\n#   7: ADVERTISEMENT\n#   11: Baca juga: Berita Lain\n---\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("\n\nKalimat kedua yang_tetap & utuh.\n\nKalimat ketiga.\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn import_refuses_a_file_that_is_not_a_plain_text_article() {
    let site = Site::empty();
    site.write(
        "README.md",
        "# Catatan\n\nDitulis Kamis, 18 Februari 2016 oleh tim.\n\n- satu\n- dua\n",
    );
    let run = site.run(&["import", "--out", "content", "README.md"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "README.md: error: not a plain-text news article: import reads .txt files (a .md \
         article goes into content/ as it is)\n"
    );
    assert!(!site.root().join("content").exists());
}
