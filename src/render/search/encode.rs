//! What the search files are written in: JavaScript calls whose arguments are JSON-like
//! literals, strings escaped so no text of an article can end them or a `<script>`, and
//! posting lists packed as numbers in 64 letters (see `templates/search.js`).

use std::fmt::Write;

/// The 64 letters numbers are written in: a digit of 0..32 from the first half ends a
/// number, one from the second half is followed by more digits.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Appends `n` in base 32, most significant digit first.
pub fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 7];
    let mut k = 0;
    let mut v = n;
    loop {
        digits[k] = (v & 31) as u8;
        k += 1;
        v >>= 5;
        if v == 0 {
            break;
        }
    }
    for (place, d) in digits[..k].iter().enumerate().rev() {
        let letter = if place == 0 { *d } else { 32 + *d };
        out.push(char::from(DIGITS[usize::from(letter)]));
    }
}

/// A posting list, articles ascending, as gaps and weights: `a0 w0 (a1-a0) w1 …`.
pub fn postings(list: &[(u32, u32)]) -> String {
    let mut out = String::with_capacity(list.len() * 2);
    let mut last = 0;
    for (k, &(doc, weight)) in list.iter().enumerate() {
        push_number(&mut out, if k == 0 { doc } else { doc - last });
        push_number(&mut out, weight);
        last = doc;
    }
    out
}

/// Appends `s` as a quoted JavaScript string literal.
pub fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_end_with_a_low_digit() {
        let mut s = String::new();
        for n in [0, 31, 32, 1025] {
            push_number(&mut s, n);
        }
        // 0; 31; 32 = 1*32+0; 1025 = 1*1024 + 0*32 + 1 (`x` is 1 followed by more digits, `w` 0).
        assert_eq!(s, "0vx0xw1");
        assert_eq!(postings(&[(3, 1), (4, 2), (40, 1)]), "3112x41");
    }

    #[test]
    fn strings_cannot_end_a_script() {
        let mut s = String::new();
        push_string(&mut s, "a\"b\\c</script>\n\u{2028}");
        assert_eq!(s, r#""a\"b\\c\u003c/script\u003e\u000a\u2028""#);
    }
}
