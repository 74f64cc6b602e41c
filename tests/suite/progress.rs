//! The progress line of a long build: drawn on a terminal (a pseudo-terminal made by
//! `script`), never when standard error is not one, nor with `--quiet`.

use std::process::Command;

use crate::harness::Site;

// A site whose debug build takes well over the second after which progress is shown.
fn big_site() -> Site {
    let site = Site::empty();
    for i in 0..1500 {
        site.write(
            &format!("content/{}/{i:04}.md", 2000 + i % 20),
            &format!(
                "---\ntitle: Berita nomor {i}\ndate: {}-0{}-1{}\ntags: [Tag{}]\n---\n{}\n",
                2000 + i % 20,
                1 + i % 9,
                i % 10,
                i % 30,
                "Isi berita yang cukup panjang untuk dibaca. ".repeat(40)
            ),
        );
    }
    site
}

// Runs `arsip ARGS` in the site with a pseudo-terminal as its standard streams.
fn on_terminal(site: &Site, args: &str) -> String {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_arsip"));
    let output = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(site.root())
        .output()
        .expect("run script (util-linux)");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn long_build_shows_progress_only_on_a_terminal_and_not_when_quiet() {
    let site = big_site();
    let shown = on_terminal(&site, "build --clean");
    assert!(
        shown.contains("\r\x1b[2K") && shown.contains("articles read, "),
        "{shown:?}"
    );
    // The line is cleared for the summary.
    assert!(
        shown.contains("\r\x1b[2KBuilt 1500 articles into "),
        "{shown:?}"
    );
    let quiet = on_terminal(&site, "build --clean --quiet");
    assert_eq!(quiet, "", "{quiet:?}");
    let piped = site.build(&["--clean"]);
    assert_eq!(piped.code, 0);
    assert_eq!(piped.stderr, "");
    assert!(
        piped.stdout.starts_with("Built 1500 articles"),
        "{}",
        piped.stdout
    );
}
