//! Unit tests of `load`: scanning, walking (links, hidden entries, pipes), stamps, decoding.

use super::*;

#[test]
fn a_stamp_is_trusted_only_once_the_file_has_settled() {
    let at = |secs: u64| std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    let stamp = Stamp {
        is_dir: false,
        dev: 1,
        ino: 2,
        len: 1,
        mtime_ns: 1_000_000_000_000,
        ctime_ns: 1_000_000_000_000,
    };
    assert!(settled(&stamp, at(1_003)));
    assert!(!settled(&stamp, at(1_001)));
    let changed_later = Stamp {
        ctime_ns: 1_002_000_000_000,
        ..stamp
    };
    assert!(!settled(&changed_later, at(1_003)));
}

#[test]
fn scanning_reads_nothing_and_finds_articles_in_path_order() {
    let root = tempfile::tempdir().expect("temporary folder");
    let content = root.path().join("content");
    std::fs::create_dir_all(content.join("b")).expect("mkdir");
    std::fs::write(content.join("b/z.md"), "x").expect("write");
    std::fs::write(content.join("a.txt"), "x").expect("write");
    std::fs::write(content.join("gambar.png"), "x").expect("write");
    let scanned = scan(root.path());
    let paths: Vec<&Path> = scanned.entries.iter().map(|e| e.path.as_path()).collect();
    assert_eq!(
        paths,
        [Path::new("content/a.txt"), Path::new("content/b/z.md")]
    );
    // Just written: not settled, so not to be trusted next time.
    assert!(scanned.entries.iter().all(|e| e.stamp.is_none()));
    // A file that is no article is published as it is, at its own path.
    let assets: Vec<&Path> = scanned.assets.iter().map(|a| a.path.as_path()).collect();
    assert_eq!(assets, [Path::new("content/gambar.png")]);
    assert_eq!(scanned.assets[0].bundle, None);
    assert!(scanned.warnings.is_empty());
    std::fs::remove_file(content.join("a.txt")).expect("remove");
    assert!(scanned.entries[0].read().is_err());
}

#[test]
fn bundle_files_and_sections_are_told_apart_from_articles() {
    let root = tempfile::tempdir().expect("temporary folder");
    let content = root.path().join("content");
    std::fs::create_dir_all(content.join("kabar/data")).expect("mkdir");
    for name in [
        "_index.md",
        "catatan.txt",
        "2016-02-18-lama.markdown",
        "lain.mdown",
        "kabar/index.md",
        "kabar/lampiran.txt",
        "kabar/grafik.png",
        "kabar/data/tabel.csv",
        "kabar/tambahan.md",
        "kabar/peta.html",
        "lama.html",
    ] {
        std::fs::write(content.join(name), "x").expect("write");
    }
    let scanned = scan(root.path());
    let entries: Vec<(&Path, SourceFormat)> = scanned
        .entries
        .iter()
        .map(|e| (e.path.as_path(), e.format))
        .collect();
    assert_eq!(
        entries,
        [
            (
                Path::new("content/2016-02-18-lama.markdown"),
                SourceFormat::Markdown
            ),
            (Path::new("content/catatan.txt"), SourceFormat::PlainText),
            (Path::new("content/kabar/index.md"), SourceFormat::Markdown),
            (
                Path::new("content/kabar/tambahan.md"),
                SourceFormat::Markdown
            ),
            (Path::new("content/lain.mdown"), SourceFormat::Markdown),
            (Path::new("content/lama.html"), SourceFormat::Markdown),
        ]
    );
    let assets: Vec<(&Path, Option<&Path>)> = scanned
        .assets
        .iter()
        .map(|a| (a.path.as_path(), a.bundle.as_deref()))
        .collect();
    let index = Some(Path::new("content/kabar/index.md"));
    assert_eq!(
        assets,
        [
            (Path::new("content/kabar/data/tabel.csv"), index),
            (Path::new("content/kabar/grafik.png"), index),
            (Path::new("content/kabar/lampiran.txt"), index),
            (Path::new("content/kabar/peta.html"), index),
        ]
    );
    assert!(scanned.warnings.is_empty(), "{:?}", scanned.warnings);
}

#[test]
fn the_walk_follows_links_skips_hidden_entries_and_reports_loops_and_broken_links() {
    use std::os::unix::fs::symlink;
    let root = tempfile::tempdir().expect("temporary folder");
    let content = root.path().join("content");
    std::fs::create_dir_all(content.join("b")).expect("mkdir");
    std::fs::create_dir_all(content.join(".git")).expect("mkdir");
    std::fs::write(content.join("b/z.md"), "x").expect("write");
    std::fs::write(content.join("a.txt"), "x").expect("write");
    std::fs::write(content.join(".swap.md"), "x").expect("write");
    std::fs::write(content.join(".git/x.md"), "x").expect("write");
    symlink("b", content.join("linked")).expect("symlink");
    symlink("a.txt", content.join("c.md")).expect("symlink");
    symlink(".", content.join("loop")).expect("symlink");
    symlink("missing.md", content.join("broken.md")).expect("symlink");
    let scanned = scan(root.path());
    let paths: Vec<&Path> = scanned.entries.iter().map(|e| e.path.as_path()).collect();
    assert_eq!(
        paths,
        [
            Path::new("content/a.txt"),
            Path::new("content/b/z.md"),
            Path::new("content/c.md"),
            Path::new("content/linked/z.md"),
        ]
    );
    let mut warnings: Vec<String> = scanned
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.path.display(), w.message))
        .collect();
    warnings.sort();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].starts_with("content/broken.md: cannot be read: "));
    assert_eq!(
        warnings[1],
        "content/loop: symbolic link loop; not followed"
    );
    // A linked file reads as the file it leads to.
    let direct = scanned.entries[0].read().expect("read");
    let linked = scanned.entries[2].read().expect("read");
    assert_eq!(direct.text, linked.text);
}

#[test]
fn pipes_and_sockets_are_reported_and_never_opened() {
    let root = tempfile::tempdir().expect("temporary folder");
    let content = root.path().join("content");
    std::fs::create_dir_all(&content).expect("mkdir");
    std::fs::write(content.join("a.md"), "x").expect("write");
    let pipe = content.join("pipa.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let _socket =
        std::os::unix::net::UnixListener::bind(content.join("soket.txt")).expect("socket");
    let scanned = scan(root.path());
    assert_eq!(scanned.entries.len(), 1);
    let warnings: Vec<String> = scanned
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.path.display(), w.message))
        .collect();
    assert_eq!(
        warnings,
        [
            format!("content/pipa.md: {NOT_A_FILE}"),
            format!("content/soket.txt: {NOT_A_FILE}")
        ]
    );
    // Read in its place (a race with the scan), a pipe is refused at once.
    let error = read_source(&pipe, "content/pipa.md".into(), SourceFormat::Markdown)
        .expect_err("not a file");
    assert!(error.to_string().contains("cannot read"), "{error}");
}

#[test]
fn links_leading_outside_the_site_are_reported_not_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("temporary folder");
    std::fs::write(outside.path().join("rahasia.md"), "secret").expect("write");
    let root = tempfile::tempdir().expect("temporary folder");
    let content = root.path().join("content");
    std::fs::create_dir_all(&content).expect("mkdir");
    std::fs::create_dir_all(root.path().join("arsip-lama")).expect("mkdir");
    std::fs::write(root.path().join("arsip-lama/b.md"), "x").expect("write");
    symlink(outside.path().join("rahasia.md"), content.join("a.md")).expect("symlink");
    symlink(outside.path(), content.join("luar")).expect("symlink");
    symlink("../arsip-lama", content.join("lama")).expect("symlink");
    let scanned = scan(root.path());
    let paths: Vec<&Path> = scanned.entries.iter().map(|e| e.path.as_path()).collect();
    assert_eq!(paths, [Path::new("content/lama/b.md")]);
    let warnings: Vec<String> = scanned
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.path.display(), w.message))
        .collect();
    assert_eq!(
        warnings,
        [
            format!("content/a.md: {OUTSIDE}"),
            format!("content/luar: {OUTSIDE}")
        ]
    );
}

#[test]
fn bom_and_crlf_are_normalised() {
    let text = decode(b"\xef\xbb\xbftitle\r\nline\r\n".to_vec()).expect("valid");
    assert_eq!(text, "title\nline\n");
}

#[test]
fn lone_carriage_returns_are_line_ends_for_every_parser() {
    // Fuzz finding (front_matter): YAML counted each lone CR as a line, we did not, so an
    // error pointed at line 59 of a 5-line file.
    let text = decode(b"---\ntitle: A\r\r\r\r\rtags: [a\n---\nBody\r".to_vec()).expect("valid");
    assert_eq!(text, "---\ntitle: A\n\n\n\n\ntags: [a\n---\nBody\n");
    let split = crate::parse::front_matter::split(&text).expect("closed");
    let (kind, front) = split.front.expect("front matter");
    let error = crate::parse::front_matter::deserialize(kind, front, split.front_line)
        .expect_err("unclosed list");
    assert!(error.location.line <= text.lines().count(), "{error:?}");
}

#[test]
fn very_deep_paths_are_shortened_for_messages() {
    let deep: PathBuf = std::iter::once("content")
        .chain(std::iter::repeat_n("d", 5000))
        .collect();
    assert_eq!(shortened(&deep), Path::new("content/d/d/d/…/d/d/d/d"));
}

#[test]
fn invalid_utf8_reports_the_offset_of_the_first_bad_byte() {
    let (offset, before) = decode(b"ok\nbad \xff here".to_vec()).expect_err("invalid");
    assert_eq!(offset, 7);
    assert_eq!(Location::of_offset(&before, offset).line, 2);
}
