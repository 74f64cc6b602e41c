//! Slugs the output folder could not hold as an article's own (issue 21): the site's own
//! files (`index.html`, `rss.xml`, `tags`, `page`, a year), dotfiles, names Windows reserves,
//! and slugs equal but for case all get a suffix and a warning naming the files involved,
//! the same way every build.

use std::collections::BTreeSet;

use crate::harness::{Site, read_tree};

const SLUGS: [&str; 16] = [
    "index.html",
    "rss.xml",
    "atom.xml",
    "sitemap.xml",
    "tags",
    "page",
    "2016",
    ".git",
    ".htaccess",
    "CON",
    "nul",
    "com1",
    "con.html",
    "Apple",
    "apple",
    "biasa",
];

fn site(permalink: &str) -> Site {
    let site = Site::empty();
    site.write("arsip.toml", &format!("permalink = \"{permalink}\"\n"));
    for (n, slug) in SLUGS.iter().enumerate() {
        site.write(
            &format!("content/a{n:02}.md"),
            &format!("---\ntitle: Judul {n}\ndate: 2016-03-01\nslug: \"{slug}\"\n---\nIsi.\n"),
        );
    }
    site
}

// Every output path's folders and file, each as a file system would need to hold it.
fn components(tree: &std::collections::BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for path in tree.keys() {
        let parts: Vec<&str> = path.split('/').collect();
        for end in 1..=parts.len() {
            all.insert(parts[..end].join("/"));
        }
    }
    all
}

#[test]
fn slugs_that_collide_with_site_files_dotfiles_reserved_names_or_case_get_a_suffix() {
    for permalink in ["/:slug/", "/:year/:month/:day/:slug/"] {
        let site = site(permalink);
        let run = site.build(&[]);
        assert_eq!(run.code, 0, "{permalink}: {}", run.stderr);
        let tree = read_tree(&site.public());
        let paths = components(&tree);
        let mut folded = BTreeSet::new();
        for path in &paths {
            assert!(
                folded.insert(path.to_ascii_lowercase()),
                "{path} differs only in case"
            );
            for part in path.split('/') {
                assert!(
                    !part.starts_with('.') || part == ".arsip-manifest",
                    "{path}"
                );
                let stem = part.split('.').next().unwrap_or(part).to_ascii_lowercase();
                assert!(
                    !["con", "nul", "com1", "prn", "aux"].contains(&stem.as_str()),
                    "{path}"
                );
            }
        }
        let at = |rest: &str| {
            if permalink == "/:slug/" {
                rest.to_string()
            } else {
                format!("2016/03/01/{rest}")
            }
        };
        for (file, published) in [
            ("a07", "git-2"),
            ("a08", "htaccess-2"),
            ("a09", "con-2"),
            ("a12", "con-html-2"),
            ("a14", "apple-2"),
            ("a15", "biasa"),
        ] {
            assert!(
                tree.contains_key(&format!("{}/index.html", at(published))),
                "{permalink}: {file} not at {published}"
            );
        }
        assert!(
            run.stderr.contains("content/a14.md: warning: /")
                && run.stderr.contains("is already taken by content/a13.md"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("content/a07.md: warning: /"),
            "{}",
            run.stderr
        );
        if permalink == "/:slug/" {
            for (file, published) in [
                ("a00", "index-html-2"),
                ("a01", "rss-xml-2"),
                ("a04", "tags-2"),
                ("a05", "page-2"),
                ("a06", "2016-2"),
            ] {
                assert!(
                    tree.contains_key(&format!("{published}/index.html")),
                    "{file} not at {published}"
                );
            }
            assert!(tree.contains_key("index.html") && tree.contains_key("rss.xml"));
        }
        // The same every build, and adding an article moves none of them.
        let again = site.build(&["--clean"]);
        assert_eq!(read_tree(&site.public()), tree, "{}", again.stderr);
        site.write(
            "content/zz.md",
            "---\ntitle: Baru\ndate: 2016-03-02\nslug: \"APPLE\"\n---\nIsi.\n",
        );
        assert_eq!(site.build(&[]).code, 0);
        let grown = read_tree(&site.public());
        for path in tree
            .keys()
            .filter(|p| p.ends_with("/index.html") && p.contains('-'))
        {
            assert!(
                grown.contains_key(path),
                "{permalink}: {path} moved after an article was added"
            );
        }
    }
}

#[test]
fn a_tag_named_like_a_windows_device_gets_a_folder_windows_can_hold() {
    let site = Site::empty();
    site.write(
        "content/a.md",
        "---\ntitle: Konsol\ndate: 2016-03-01\ntags: [CON, Nul, Console]\n---\nIsi #CON.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tree = read_tree(&site.public());
    for path in [
        "tags/con-tag/index.html",
        "tags/nul-tag/index.html",
        "tags/console/index.html",
    ] {
        assert!(
            tree.contains_key(path),
            "{path}: {:?}",
            tree.keys().collect::<Vec<_>>()
        );
    }
    assert!(
        !tree
            .keys()
            .any(|p| p.starts_with("tags/con/") || p.starts_with("tags/nul/"))
    );
}
