//! Fuzzes the request head parser of `arsip serve` (`arsip::serve::request::parse_head`) and
//! the mapping of its target onto the served folder (`arsip::serve::http::resolve`). Refusals
//! are fine; a panic, a head longer than its input, or a file outside the folder is not.
#![no_main]

use std::path::Path;

use arsip::serve::http::{Target, resolve};
use arsip::serve::request::{MAX_HEAD, parse_head};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(Some((head, used))) = parse_head(bytes) else {
        return;
    };
    assert!(used <= bytes.len(), "took {used} of {} bytes", bytes.len());
    assert!(used <= MAX_HEAD + 16, "a head of {used} bytes passed the limit");
    assert!(!head.target.is_empty());
    let _ = (head.keep_alive(), head.has_body());
    // A folder that does not exist: resolve only reads metadata, never writes.
    let output = Path::new("/nonexistent/arsip-fuzz-output");
    match resolve(output, &head.target) {
        Target::File(file) => assert!(file.starts_with(output), "{file:?} escapes"),
        Target::AddSlash(location) => {
            assert!(location.starts_with('/') && !location.starts_with("//"), "{location}")
        }
        Target::NotFound | Target::BadRequest => {}
    }
});
