//! Bad input through the real binary: exit code and the full message, file and line included.

use crate::harness::Site;

#[test]
fn every_broken_article_is_reported_with_file_and_line() {
    let site = Site::empty();
    site.write("content/a.md", "---\ntitle: A\ndate: 18/02/2016\n---\n");
    site.write("content/b.md", "---\ntitle: [unclosed\n---\n");
    site.write("content/c.md", "+++\ntitle = \"C\"\n");
    site.write("content/d.md", "---\ndate: 2016-02-18\n---\n");
    site.write("content/ok.md", "---\ntitle: OK\ndate: 2016-02-18\n---\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[0],
        "content/a.md:3:1: error: `date` `18/02/2016` is not a date (use 2016-02-18, 2016-02-18 09:28, 2016-02-18 09:28:00 +0700 or 2016-02-18T09:28:00+07:00)"
    );
    assert!(lines[1].starts_with("content/b.md:2:"), "{lines:?}");
    assert!(lines[1].contains("invalid YAML front matter"), "{lines:?}");
    assert_eq!(
        lines[2],
        "content/c.md:1:1: error: front matter opened with `+++` is never closed by a `+++` line"
    );
    assert_eq!(
        lines[3],
        "content/d.md: error: the article has no title: set `title` in the front matter"
    );
    assert_eq!(
        lines[4],
        "error: build failed with 4 errors; nothing was written"
    );
    assert!(!site.public().exists());
}

#[test]
fn failed_build_leaves_previous_output_intact() {
    let site = Site::empty();
    site.write("content/a.md", "---\ntitle: A\ndate: 2016-02-18\n---\n");
    assert_eq!(site.build(&[]).code, 0);
    let before = crate::harness::read_tree(&site.public());
    site.write("content/b.md", "---\ntitle: B\n---\n");
    assert_eq!(site.build(&[]).code, 1);
    assert_eq!(before, crate::harness::read_tree(&site.public()));
}

#[test]
fn unknown_config_key_names_key_and_line() {
    let site = Site::empty();
    site.write("arsip.toml", "title = \"x\"\npaginate = 5\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("arsip.toml:2:1: error: unknown field `paginate`"),
        "{}",
        run.stderr
    );
}

#[test]
fn template_syntax_error_names_template_file_and_line() {
    let site = Site::empty();
    site.write("content/a.md", "---\ntitle: A\ndate: 2016-02-18\n---\n");
    site.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title \n{% endblock content %}\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("templates/article.html:4:1: error: Found `{` but expected }}"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_template_variable_names_template_and_page() {
    let site = Site::empty();
    site.write("content/a.md", "---\ntitle: A\ndate: 2016-02-18\n---\n");
    site.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}{{ article.titel }}{% endblock content %}\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("templates/article.html:2:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("while rendering 2016/02/18/a/index.html"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_parent_template_is_named() {
    let site = Site::empty();
    site.write("content/a.md", "---\ntitle: A\ndate: 2016-02-18\n---\n");
    site.write("templates/day.html", "{% extends \"layout.html\" %}\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("templates/day.html"), "{}", run.stderr);
    assert!(run.stderr.contains("layout.html"), "{}", run.stderr);
}

#[test]
fn foreign_files_in_output_are_never_deleted() {
    let site = Site::empty();
    site.write("content/a.md", "---\ntitle: A\ndate: 2016-02-18\n---\n");
    site.write("public/notes.txt", "mine");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("notes.txt"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(site.public().join("notes.txt")).expect("kept"),
        "mine"
    );
}

#[test]
fn usage_error_exits_with_two() {
    let site = Site::empty();
    let run = site.run(&["build", "--no-such-flag"]);
    assert_eq!(run.code, 2);
}

#[test]
fn missing_config_file_is_an_error() {
    let site = crate::harness::Site::folder();
    site.write("content/a.md", "---\ntitle: A\ndate: 2016-02-18\n---\n");
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{command}");
        assert_eq!(
            run.stderr,
            "arsip.toml: error: the current folder has no arsip.toml: a site needs one (`arsip \
             init` makes a new site; an empty file takes every default)\n",
            "{command}"
        );
    }
    assert!(!site.public().exists());
}

#[test]
fn nonexistent_root_is_an_error_and_is_not_created() {
    let site = Site::empty();
    let run = site.run(&["build", "--root", "nowhere"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "nowhere: error: the site root does not exist\n");
    assert!(!site.root().join("nowhere").exists());
}

#[test]
fn config_type_error_names_the_key_in_plain_words() {
    let site = Site::empty();
    site.write("arsip.toml", "description = \"x\"\ntitle = 5\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "arsip.toml:2:9: error: `title` must be text, not a number\n"
    );
    site.write("arsip.toml", "paginate_by = \"ten\"\n");
    let run = site.build(&[]);
    assert_eq!(
        run.stderr,
        "arsip.toml:1:15: error: `paginate_by` must be a whole number, not text\n"
    );
}

#[test]
fn unknown_template_filter_is_reported_once_per_use_without_doubled_error() {
    let site = Site::empty();
    site.write("content/a.md", "---\ntitle: A\ndate: 2016-02-18\n---\n");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ article.title | frobnicate }}\n\
         {{ article.title | upcase }}{% endblock content %}\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "templates/article.html:2:39: error: Unknown filter `frobnicate`\n\
         templates/article.html:3:20: error: Unknown filter `upcase`\n\
         error: build failed with 2 errors; nothing was written\n"
    );
}
