//! Fuzzes the newsroom plain-text reader on any text: it must return an article or an error,
//! never panic.
#![no_main]

use arsip::parse::news::extract;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let offset = chrono::FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset");
    let _ = extract(text, offset);
});
