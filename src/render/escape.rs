//! HTML escaping for Tera's autoescape, byte-for-byte the same as Tera's own `escape_html`
//! (`&`, `<`, `>`, `"` and `'`), but writing unescaped runs in one call instead of one
//! `write_all` per byte, and looking at sixteen bytes at a time: text runs long between
//! special characters, and escaping feed bodies and summaries is a large share of a build
//! (figures in `benches/README.md`).

use std::borrow::Cow;
use std::io::Write;

/// Bytes looked at together.
const BLOCK: usize = 16;

/// Where in `block` the first byte needing escaping is, if any: SSE2, which every x86-64
/// processor has, compares the sixteen bytes with each special character at once.
#[cfg(target_arch = "x86_64")]
fn first_special(block: &[u8; BLOCK]) -> Option<usize> {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of the x86-64 baseline, and the load reads exactly the sixteen
    // bytes of `block` (unaligned loads are allowed).
    let mask = unsafe {
        let bytes = _mm_loadu_si128(block.as_ptr().cast());
        let is = |c: u8| _mm_cmpeq_epi8(bytes, _mm_set1_epi8(c as i8));
        _mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(
                _mm_or_si128(is(b'&'), is(b'<')),
                _mm_or_si128(is(b'>'), is(b'"')),
            ),
            is(b'\''),
        ))
    };
    (mask != 0).then(|| mask.trailing_zeros() as usize)
}

/// Where in `block` the first byte needing escaping is, if any, elsewhere than x86-64.
#[cfg(not(target_arch = "x86_64"))]
fn first_special(block: &[u8; BLOCK]) -> Option<usize> {
    first_special_by_words(block)
}

/// Where in `block` the first byte needing escaping is, if any: each half as a 64-bit word,
/// with the has-zero-byte test on the word XOR each special character repeated.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn first_special_by_words(block: &[u8; BLOCK]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    // The high bit set in (at least) the lowest byte of `word` equal to `byte`, none below
    // it: a borrow may flag bytes above the first match, so only the lowest flag is exact.
    let matches = |word: u64, byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    block.chunks_exact(8).enumerate().find_map(|(half, word)| {
        let word = u64::from_le_bytes(word.try_into().expect("a chunk of eight"));
        let mask = matches(word, b'&')
            | matches(word, b'<')
            | matches(word, b'>')
            | matches(word, b'"')
            | matches(word, b'\'');
        (mask != 0).then(|| half * 8 + mask.trailing_zeros() as usize / 8)
    })
}

/// The position of the first byte needing escaping in `bytes[from..]`, or `bytes.len()`.
fn next_special(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(block) = bytes.get(at..at + BLOCK) {
        match first_special(block.try_into().expect("a block")) {
            Some(offset) => return at + offset,
            None => at += BLOCK,
        }
    }
    // The last few bytes, padded with zeros (which need no escaping) to a whole block.
    let mut last = [0; BLOCK];
    let tail = &bytes[at.min(bytes.len())..];
    last[..tail.len()].copy_from_slice(tail);
    first_special(&last).map_or(bytes.len(), |offset| at + offset)
}

/// The escaped form of a byte [`next_special`] found.
fn replacement(byte: u8) -> &'static [u8] {
    match byte {
        b'&' => b"&amp;",
        b'<' => b"&lt;",
        b'>' => b"&gt;",
        b'"' => b"&quot;",
        _ => b"&#39;",
    }
}

/// Writes `input` to `out` with the five HTML-special characters escaped.
///
/// Fails only when `out` fails.
pub fn escape_html(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    // `bytes[start..]` is not written yet.
    let mut start = 0;
    loop {
        let special = next_special(bytes, start);
        let Some(&byte) = bytes.get(special) else {
            return out.write_all(&bytes[start..]);
        };
        out.write_all(&bytes[start..special])?;
        out.write_all(replacement(byte))?;
        start = special + 1;
    }
}

/// Whether XML 1.0 allows `c` in a document (its `Char` production; Rust strings hold no
/// surrogates).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` without the characters XML 1.0 forbids (the C0 controls but tab, line feed and
/// carriage return; U+FFFE and U+FFFF), which make a feed or sitemap fail to parse. Every
/// string a feed or sitemap prints passes through here (issue #21); borrowed when clean.
pub fn xml_text(text: &str) -> Cow<'_, str> {
    // Every forbidden character is a byte below 0x20 or starts with 0xEF (U+F000..U+FFFF).
    let suspect = |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || *b == 0xEF;
    if !text.as_bytes().iter().any(suspect) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| is_xml_char(c)).collect())
}

/// [`xml_text`] for an owned string: the same string when it is clean.
pub fn xml_string(text: String) -> String {
    if matches!(xml_text(&text), Cow::Borrowed(_)) {
        text
    } else {
        xml_text(&text).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_forbids_are_stripped_and_others_kept() {
        assert_eq!(xml_text("a\u{1}b\u{b}c\u{fffe}d\u{ffff}\u{0}e"), "abcde");
        let kept = "tab\tlf\ncr\r \u{7f}\u{85}\u{fffd}\u{f8ff}\u{ff21}🙂 Rp 5.000";
        assert_eq!(xml_text(kept), kept);
        assert!(matches!(xml_text("Rp 5.000 — kafé"), Cow::Borrowed(_)));
        assert_eq!(xml_string("a\u{1}".to_string()), "a");
        for c in [
            '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1f}', '\u{fffe}', '\u{ffff}',
        ] {
            assert!(!is_xml_char(c), "{c:?}");
        }
    }

    fn escaped(input: &str) -> String {
        let mut out = Vec::new();
        escape_html(input, &mut out).expect("a Vec never fails");
        String::from_utf8(out).expect("escaping keeps UTF-8")
    }

    // Asserts that `input` escapes to the same text as with Tera's own function.
    fn assert_escaped_as_tera(input: &str) {
        let mut theirs = Vec::new();
        tera::escape_html(input, &mut theirs).expect("a Vec never fails");
        let theirs = String::from_utf8(theirs).expect("utf-8");
        assert_eq!(escaped(input), theirs, "{input:?}");
    }

    #[test]
    fn escapes_the_same_characters_as_tera() {
        assert_escaped_as_tera("a&b<c>d\"e'f — Rp 5.000 <b>'x'</b>&&");
    }

    #[test]
    fn every_special_character_at_every_position_of_a_block_is_escaped() {
        // Each special byte at each offset of two sixteen-byte blocks and of the tail.
        let letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
        for special in ['&', '<', '>', '"', '\''] {
            for len in 1..=letters.len() {
                for at in 0..len {
                    let mut input = letters[..len].to_string();
                    input.replace_range(at..=at, &special.to_string());
                    assert_escaped_as_tera(&input);
                }
            }
        }
    }

    #[test]
    fn multibyte_text_and_runs_of_specials_match_tera() {
        assert_escaped_as_tera(&"«Rp 5.000» — <<>>&&''\"\" é中文🙂 a<b 'c' \"d\" x&y ".repeat(3));
    }

    #[test]
    fn bytes_next_to_special_ones_are_not_mistaken_for_them() {
        // Neighbours of the special bytes' values (the word test must be exact).
        assert_escaped_as_tera("%'(;=?!#$%)(+,-./:;=?@[]^`{|}~\x7f\u{80}");
        assert_eq!(escaped("%%%%()()(+,-./:;=?"), "%%%%()()(+,-./:;=?");
    }

    #[test]
    fn both_block_tests_find_the_first_special_byte() {
        // The word test serves other processors than x86-64: it must agree with the plain
        // search (and so with SSE2) on every byte value at every position, alone or after
        // another special byte.
        let plain = |block: &[u8; BLOCK]| block.iter().position(|b| b"&<>\"'".contains(b));
        for at in 0..BLOCK {
            for byte in 0..=255u8 {
                let mut block = [b'a'; BLOCK];
                block[at] = byte;
                assert_eq!(
                    first_special_by_words(&block),
                    plain(&block),
                    "{byte} at {at}"
                );
                assert_eq!(first_special(&block), plain(&block), "{byte} at {at}");
                block[BLOCK - 1 - at] = b'<';
                assert_eq!(
                    first_special_by_words(&block),
                    plain(&block),
                    "{byte} at {at}"
                );
                assert_eq!(first_special(&block), plain(&block), "{byte} at {at}");
            }
        }
    }

    #[test]
    fn text_without_special_characters_is_unchanged() {
        assert_eq!(
            escaped("Presiden meresmikan jalan tol"),
            "Presiden meresmikan jalan tol"
        );
        assert_eq!(escaped(""), "");
    }
}
