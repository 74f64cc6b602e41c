//! Fuzzes the config reader: any text as `arsip.toml` through `arsip::config::parse_raw` and
//! `Config::from_raw`. Errors are fine; a panic, or an error positioned outside the file, is not.
#![no_main]

use std::path::Path;

use arsip::config::{Config, Overrides, parse_raw};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let raw = match parse_raw(text) {
        Ok(raw) => raw,
        Err(arsip::error::Error::Config {
            location: Some(location),
            ..
        }) => {
            let lines = text.split('\n').count();
            assert!(
                location.line >= 1 && location.line <= lines,
                "line {} outside a file of {lines} lines",
                location.line
            );
            return;
        }
        Err(_) => return,
    };
    let _ = Config::from_raw(Path::new("/site"), raw, &Overrides::default());
});
