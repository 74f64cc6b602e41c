//! Indonesian stemming without a dictionary: particles (`-lah`, `-kah`, `-pun`), the
//! possessive `-nya` (not `-ku`, `-mu`, which end too many roots: `temu`, `ilmu`, `buku`),
//! one derivational suffix (`-kan`, `-an`, `-i`) and up
//! to two prefixes (`di-`, `ke-`, `se-`, `me-`, `pe-`, `ber-`, `ter-`, `per-` and their
//! nasal forms). A nasal prefix before a vowel may have eaten the root's first letter
//! (`menulis` from `tulis`, `mengajak` from `ajak`): without a dictionary both readings are
//! kept, so a word may have two stems; search looks up both.
//!
//! Every cut must leave a root of [`MIN_ROOT`] letters, and one with a suffix cut
//! [`MIN_SUFFIXED`], else the next shorter cut is tried: `jalan` stays `jalan` (`jal` is too
//! short), `ajakan` gives `ajak`, and `berjalan` gives `jalan`, as `jalan` does.

/// The fewest letters a root keeps after a prefix is cut.
const MIN_ROOT: usize = 3;
/// The fewest letters a root keeps after a suffix (and any prefix) is cut.
const MIN_SUFFIXED: usize = 4;

/// Pushes the stems of `word` (folded, lower case) to `out`.
pub(super) fn stems(word: &str, out: &mut Vec<String>) {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        out.push(word.to_string());
        return;
    }
    let base = inflection_off(word);
    for suffix in ["kan", "an", "i"] {
        // `ke-...-an` is one affix: `kebijakan` is `bijak`, not `kebija`.
        let Some(rest) = base
            .strip_suffix(suffix)
            .filter(|r| !(suffix == "kan" && r.starts_with("ke")))
        else {
            continue;
        };
        let Some(roots) = prefixes_off(rest, suffix == "an") else {
            continue;
        };
        if rest.len() >= MIN_SUFFIXED && roots.iter().all(|r| r.len() >= MIN_SUFFIXED) {
            push_all(out, roots);
            return;
        }
    }
    let roots = prefixes_off(base, false).unwrap_or_else(|| vec![base.to_string()]);
    push_all(out, roots);
}

fn push_all(out: &mut Vec<String>, roots: Vec<String>) {
    for root in roots {
        if !out.contains(&root) {
            out.push(root);
        }
    }
}

// The word without a particle, then without `-nya`, each cut only if three letters stay.
fn inflection_off(word: &str) -> &str {
    let mut w = word;
    for set in [&["lah", "kah", "pun"][..], &["nya"][..]] {
        if let Some(rest) = set
            .iter()
            .find_map(|s| w.strip_suffix(s).filter(|r| r.len() >= MIN_ROOT))
        {
            w = rest;
        }
    }
    w
}

// The roots of `word` with up to two prefixes cut (an outer one, `di-`, `me-`, or `ke-` when
// `-an` was cut, then an inner one, `pe-`, `ber-`, `ter-`, `per-`); `word` itself when no
// prefix fits; `None` when a prefix fits but leaves too short a root (the cut is wrong).
fn prefixes_off(word: &str, confix_an: bool) -> Option<Vec<String>> {
    let outer = |w: &str| {
        if confix_an && let Some(rest) = w.strip_prefix("ke") {
            return Some(vec![rest.to_string()]);
        }
        if let Some(rest) = w.strip_prefix("di") {
            return Some(vec![rest.to_string()]);
        }
        if w.starts_with("me") {
            return nasal_readings(w, "me");
        }
        None
    };
    let mut roots: Vec<String> = Vec::with_capacity(2);
    let first = match outer(word) {
        Some(readings) => readings,
        None => vec![word.to_string()],
    };
    for root in first {
        if root.len() < MIN_ROOT {
            return None;
        }
        let inner = inner_readings(&root).unwrap_or_else(|| vec![root.clone()]);
        for r in inner {
            if r.len() < MIN_ROOT {
                return None;
            }
            if !roots.contains(&r) {
                roots.push(r);
            }
        }
    }
    Some(roots)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

// What `me-` or `pe-` (`nasal`) leaves, with the letter the nasal may have replaced put back.
fn nasal_readings(w: &str, nasal: &str) -> Option<Vec<String>> {
    let starts_vowel = |rest: &str| rest.bytes().next().is_some_and(is_vowel);
    let one = |rest: &str| Some(vec![rest.to_string()]);
    let two = |a: &str, rest: &str, b: &str| Some(vec![[a, rest].concat(), [b, rest].concat()]);
    let r = w.strip_prefix(nasal)?;
    if let Some(rest) = r.strip_prefix("ny").filter(|x| starts_vowel(x)) {
        return two("s", rest, "ny");
    }
    if let Some(rest) = r.strip_prefix("ng") {
        return if starts_vowel(rest) {
            two("", rest, "k")
        } else {
            one(rest)
        };
    }
    if let Some(rest) = r.strip_prefix('m') {
        return if starts_vowel(rest) {
            two("p", rest, "m")
        } else {
            one(rest)
        };
    }
    if let Some(rest) = r.strip_prefix('n') {
        return if starts_vowel(rest) {
            two("t", rest, "n")
        } else {
            one(rest)
        };
    }
    if nasal == "pe"
        && let Some(rest) = r.strip_prefix('r')
    {
        return vowel_or_r(rest);
    }
    if r.starts_with(['l', 'r', 'w', 'y']) {
        return one(r);
    }
    None
}

// What an inner prefix (`pe-`, `per-`, `ber-`, `ter-`, `bel-`, `be-`) leaves.
fn inner_readings(w: &str) -> Option<Vec<String>> {
    if w.starts_with("belajar") {
        return Some(vec![w[3..].to_string()]);
    }
    if w.starts_with("pe") {
        return nasal_readings(w, "pe");
    }
    for r_prefix in ["ber", "ter"] {
        if let Some(rest) = w.strip_prefix(r_prefix) {
            return vowel_or_r(rest);
        }
    }
    // `bekerja`: `be-` before a root whose first syllable has `er`.
    if let Some(rest) = w.strip_prefix("be")
        && rest.get(1..3) == Some("er")
    {
        return Some(vec![rest.to_string()]);
    }
    None
}

// After `ber-`, `ter-`, `per-`: a root starting with a consonant as it is; one starting with a
// vowel may have lost an `r` to the prefix (`terasa` from `rasa`).
fn vowel_or_r(rest: &str) -> Option<Vec<String>> {
    if rest.bytes().next().is_some_and(is_vowel) {
        Some(vec![rest.to_string(), ["r", rest].concat()])
    } else {
        Some(vec![rest.to_string()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> Vec<String> {
        let mut out = Vec::new();
        stems(word, &mut out);
        out
    }

    #[test]
    fn affixed_forms_meet_their_root() {
        for word in ["mengajak", "diajak", "ajakan", "mengajaknya", "ajaklah"] {
            assert!(stem(word).contains(&"ajak".to_string()), "{word}");
        }
        assert_eq!(stem("ajak"), ["ajak"]);
        for (word, root) in [
            ("menulis", "tulis"),
            ("penulis", "tulis"),
            ("ditulis", "tulis"),
            ("memukul", "pukul"),
            ("menyapu", "sapu"),
            ("membangun", "bangun"),
            ("pembangunannya", "bangun"),
            ("berjalan", "jalan"),
            ("perjalanan", "jalan"),
            ("diperbaiki", "baik"),
            ("memperbaiki", "baik"),
            ("keberhasilan", "hasil"),
            ("terasa", "rasa"),
            ("bekerja", "kerja"),
            ("belajar", "ajar"),
            ("mengirim", "kirim"),
            ("dikirimkan", "kirim"),
        ] {
            assert!(
                stem(word).contains(&root.to_string()),
                "{word}: {:?}",
                stem(word)
            );
        }
    }

    #[test]
    fn short_roots_are_not_cut() {
        for word in [
            "jalan", "makan", "ikan", "dia", "beri", "meja", "buku", "hanya", "kiri",
        ] {
            assert_eq!(stem(word), [word], "{word}");
        }
        assert_eq!(stem("dimakan"), ["makan"]);
        assert_eq!(stem("makanan"), ["makan"]);
    }

    #[test]
    fn words_not_plain_letters_stay_whole() {
        assert_eq!(stem("2024"), ["2024"]);
        assert_eq!(stem("covid19"), ["covid19"]);
        assert_eq!(stem("東京"), ["東京"]);
    }
}
