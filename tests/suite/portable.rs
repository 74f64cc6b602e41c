//! The portable system calls (what systems other than Linux run), forced on Linux with
//! `ARSIP_PORTABLE_SYS=1`: clean, incremental and unchanged builds give the same site as
//! the Linux calls do.

use crate::harness::{Site, assert_tree_matches, fixtures, read_tree, run_in_env};

const PORTABLE: &[(&str, &str)] = &[("ARSIP_PORTABLE_SYS", "1")];

fn build(site: &Site, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = run_in_env(site.root(), &all, env);
    assert_eq!(run.code, 0, "{run:?}");
    run.stderr
}

#[test]
fn portable_system_calls_build_the_golden_site_and_update_it_as_linux_does() {
    let portable = Site::from_fixture("basic");
    build(&portable, &[], PORTABLE);
    assert_tree_matches(&portable.public(), &fixtures().join("basic/expected"));
    // An edit, built incrementally by the portable calls and by the Linux ones.
    let native = Site::from_fixture("basic");
    build(&native, &[], &[]);
    for site in [&portable, &native] {
        site.write(
            "content/tambahan.md",
            "---\ntitle: Tambahan\ndate: 2016-02-20\n---\nIsi.\n",
        );
    }
    build(&portable, &[], PORTABLE);
    build(&native, &[], &[]);
    assert_eq!(read_tree(&portable.public()), read_tree(&native.public()));
    // Nothing changed: both keep the output; the portable build cannot tell CPU time.
    let timings = build(&portable, &["--timings"], PORTABLE);
    assert!(timings.contains("cpu ms"), "{timings}");
    assert!(
        timings
            .lines()
            .any(|l| l.split_whitespace().nth(1) == Some("-")),
        "{timings}"
    );
    assert_eq!(read_tree(&portable.public()), read_tree(&native.public()));
}
