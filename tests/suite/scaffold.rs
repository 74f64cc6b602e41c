//! `arsip init` and `arsip new` through the real binary, refusals included.

use crate::harness::{Site, read_tree, run_in};

#[test]
fn init_creates_a_site_that_builds() {
    let dir = Site::folder();
    let run = dir.run(&["init", "situs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = dir.root().join("situs");
    let files = read_tree(&site);
    assert!(files.contains_key("arsip.toml"));
    let gitignore = String::from_utf8_lossy(&files[".gitignore"]).into_owned();
    for ignored in ["/public/", "/.arsip-cache/", "/.arsip-serve/"] {
        assert!(gitignore.contains(ignored), "{gitignore}");
    }
    assert!(
        files
            .keys()
            .any(|k| k.starts_with("content/") && k.ends_with("/selamat-datang.md")),
        "{:?}",
        files.keys()
    );
    assert!(!files.keys().any(|k| k.starts_with("templates/")));
    let built = run_in(&site, &["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(site.join("public/index.html").is_file());
}

#[test]
fn init_with_templates_copies_the_default_theme() {
    let dir = Site::folder();
    let run = dir.run(&["init", "--templates"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in [
        "base.html",
        "article.html",
        "404.html",
        "rss.xml",
        "style.css",
    ] {
        assert!(
            dir.root().join("templates").join(name).is_file(),
            "{name} copied"
        );
    }
    let built = dir.build(&[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = Site::folder();
    dir.write("catatan.txt", "milik saya");
    let run = dir.run(&["init"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert!(!dir.root().join("arsip.toml").exists(), "nothing written");
}

#[test]
fn new_creates_a_dated_article_that_builds() {
    let site = Site::from_fixture("basic");
    let run = site.run(&[
        "new",
        "Gempa Guncang Lombok, Warga Mengungsi",
        "--tags",
        "Bencana, NTB",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = run.stdout.trim();
    assert!(
        path.starts_with("content/") && path.ends_with("/gempa-guncang-lombok-warga-mengungsi.md"),
        "{path}"
    );
    let text = std::fs::read_to_string(site.root().join(path)).expect("article");
    assert!(
        text.contains("title: \"Gempa Guncang Lombok, Warga Mengungsi\""),
        "{text}"
    );
    // Dated now, in the site's timezone (+07:00 by default).
    assert!(text.contains("+07:00\n"), "{text}");
    assert!(text.contains("tags: [\"Bencana\", \"NTB\"]"), "{text}");
    assert!(text.contains("Tulis isi artikel di sini"), "{text}");
    let built = site.build(&["--drafts"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(site.public().join("tags/bencana/index.html").is_file());
}

#[test]
fn new_article_is_a_draft_with_a_placeholder_in_the_site_language() {
    let site = Site::from_fixture("basic");
    let toml = std::fs::read_to_string(site.root().join("arsip.toml")).expect("config");
    site.write(
        "arsip.toml",
        &toml.replace("language = \"id\"", "language = \"en\""),
    );
    let run = site.run(&["new", "Flood Warning Issued", "--tags", "Weather"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(site.root().join(run.stdout.trim())).expect("article");
    assert!(text.contains("draft: true\n---\n"), "{text}");
    assert!(
        text.ends_with("---\nWrite the article here, in Markdown.\n"),
        "{text}"
    );
    let built = site.build(&[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    // The fixture holds two drafts or future articles already.
    assert!(
        built
            .stdout
            .contains("3 drafts or future articles left out"),
        "{}",
        built.stdout
    );
    assert!(!site.public().join("tags/weather/index.html").exists());
    let run = site.run(&["new", "Harbour Reopens", "--txt"]);
    let text = std::fs::read_to_string(site.root().join(run.stdout.trim())).expect("article");
    assert!(
        text.ends_with("Harbour Reopens\n\nWrite the first paragraph here.\n"),
        "{text}"
    );
}

#[test]
fn new_txt_writes_a_plain_text_article() {
    let site = Site::from_fixture("basic");
    let run = site.run(&["new", "Harga Cabai Naik", "--txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = run.stdout.trim();
    assert!(path.ends_with("/harga-cabai-naik.txt"), "{path}");
    let text = std::fs::read_to_string(site.root().join(path)).expect("article");
    assert!(text.contains("---\nHarga Cabai Naik\n"), "{text}");
    let built = site.build(&[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
}

#[test]
fn new_refuses_to_overwrite_an_article() {
    let site = Site::from_fixture("basic");
    let first = site.run(&["new", "Kabar Sama"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let path = site.root().join(first.stdout.trim());
    std::fs::write(&path, "tulisan saya").expect("edit");
    let second = site.run(&["new", "Kabar Sama"]);
    assert_eq!(second.code, 1);
    assert!(
        second.stderr.contains("already exists"),
        "{}",
        second.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "tulisan saya"
    );
}

#[test]
fn new_uses_the_site_timezone_and_root() {
    let dir = Site::empty();
    dir.write("situs/arsip.toml", "timezone = \"WIT\"\n");
    let run = dir.run(&["new", "Berita Papua", "--root", "situs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        std::fs::read_to_string(dir.root().join("situs").join(run.stdout.trim())).expect("read");
    assert!(text.contains("+09:00\n"), "{text}");
}

#[test]
fn init_with_the_newspaper_theme_builds_its_front_page_and_stylesheet() {
    let dir = Site::folder();
    let run = dir.run(&["init", "--theme", "newspaper"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let config = std::fs::read_to_string(dir.root().join("arsip.toml")).expect("arsip.toml");
    assert!(config.contains("theme = \"newspaper\""), "{config}");
    for n in 1..=5 {
        dir.write(
            &format!("content/2016/02/berita-{n}.md"),
            &format!("---\ntitle: Berita nomor {n}\ndate: 2016-02-1{n}\ndescription: Ringkasan {n}\n---\nIsi.\n"),
        );
    }
    let built = dir.build(&[]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let index = std::fs::read_to_string(dir.public().join("index.html")).expect("index");
    assert!(index.contains("<div class=\"front\">"), "{index}");
    // The newest story leads, the next two are top stories with standfirsts, the rest briefs.
    let lead = index.find("class=\"lead\"").expect("a lead story");
    assert!(index[lead..].find("Berita nomor 5") < index[lead..].find("Berita nomor 4"));
    assert_eq!(index.matches("class=\"top\"").count(), 2);
    assert!(index.contains("class=\"brief\""));
    assert!(
        !index.contains("Ringkasan 1<"),
        "briefs carry no standfirst"
    );
    let css = std::fs::read_to_string(dir.public().join("style.css")).expect("style.css");
    assert!(
        css.contains(".front .lead"),
        "the theme's rules are appended"
    );
    // Article pages keep the default's one-column reading layout.
    let article =
        std::fs::read_to_string(dir.public().join("2016/02/15/berita-nomor-5/index.html"))
            .expect("article page");
    assert!(article.contains("class=\"story\""));
}

#[test]
fn an_unknown_theme_is_an_error_that_lists_the_themes() {
    let dir = Site::empty();
    dir.write("arsip.toml", "theme = \"majalah\"\n");
    let built = dir.build(&[]);
    assert_eq!(built.code, 1, "{}", built.stderr);
    assert!(built.stderr.contains("arsip.toml"), "{}", built.stderr);
    assert!(
        built.stderr.contains("theme `majalah`") && built.stderr.contains("`newspaper`"),
        "{}",
        built.stderr
    );
    assert!(!dir.public().exists(), "nothing written");
    let init = Site::folder().run(&["init", "--theme", "majalah"]);
    assert_eq!(init.code, 2, "{}", init.stderr);
}
