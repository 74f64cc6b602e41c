//! Fuzzes the front matter reader: decode any bytes as `load` does, split the text into block
//! and body, then deserialize the block as YAML or TOML. Errors are fine; a panic, or an error
//! positioned outside the file, is not.
#![no_main]

use arsip::parse::front_matter::{deserialize, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = arsip::load::decode(bytes.to_vec()) else {
        return;
    };
    let Ok(parts) = split(&text) else { return };
    if let Some((kind, front)) = parts.front {
        if let Err(error) = deserialize(kind, front, parts.front_line) {
            let lines = text.split('\n').count();
            assert!(
                error.location.line >= 1 && error.location.line <= lines,
                "line {} outside a file of {lines} lines",
                error.location.line
            );
        }
    }
});
