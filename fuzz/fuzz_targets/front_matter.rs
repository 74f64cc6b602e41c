//! Fuzzes the front matter reader: decode any bytes as `load` does, split the text into block
//! and body, then deserialize the block as YAML or TOML. Errors are fine; a panic, or an error
//! positioned outside the file, is not. Every YAML block the small reader accepts must read
//! the same through serde-saphyr, the full YAML reader it stands in for.
#![no_main]

use arsip::parse::front_matter::{FrontMatterKind, deserialize, read_fully, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = arsip::load::decode(bytes.to_vec()) else {
        return;
    };
    let Ok(parts) = split(&text) else { return };
    let Some((kind, front)) = parts.front else { return };
    if let Err(error) = deserialize(kind, front, parts.front_line) {
        let lines = text.split('\n').count();
        assert!(
            error.location.line >= 1 && error.location.line <= lines,
            "line {} outside a file of {lines} lines",
            error.location.line
        );
    }
    if kind == FrontMatterKind::Yaml
        && let Some(simple) = arsip::parse::simple_yaml::read(front, parts.front_line)
    {
        // The full reader (serde-saphyr through the one vocabulary) on the same block.
        let (full, problems) = read_fully(kind, front, parts.front_line);
        assert!(
            problems.is_empty() && simple == full,
            "the small YAML reader and serde-saphyr disagree on {front:?}: {problems:?}"
        );
    }
});
