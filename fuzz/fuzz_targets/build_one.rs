//! Fuzzes the production pipeline on a site of one article: the first byte picks `.md` or
//! `.txt` (and `raw_html`), the rest is the article. Each input is built with `arsip::build`,
//! as the command line builds, cache and incremental path included: one input's build finds
//! the previous input's output and cache, so updates in place are fuzzed too.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use arsip::config::{Config, Overrides, RawConfig};
use libfuzzer_sys::fuzz_target;

// One site folder for the whole run; each input replaces its only article.
fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("arsip-fuzz-build-one-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("content")).expect("create the fuzz site");
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, text)) = data.split_first() else { return };
    let root = site();
    let content = root.join("content");
    let _ = std::fs::remove_file(content.join("a.md"));
    let _ = std::fs::remove_file(content.join("a.txt"));
    let name = if choice & 1 == 0 { "a.md" } else { "a.txt" };
    std::fs::write(content.join(name), text).expect("write the article");
    let raw = RawConfig {
        raw_html: choice & 2 != 0,
        ..RawConfig::default()
    };
    let config = Config::from_raw(root, raw, &Overrides::default()).expect("default config");
    let _ = arsip::build(&config);
});
