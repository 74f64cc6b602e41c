//! English stemming, light and rule-based: a plural or third-person `-s`, then one
//! derivational or inflectional suffix (`-ing`, `-ed`, `-ly`, `-ment`, `-ness`, `-ation`, ..),
//! then tidying (a doubled final consonant, final `e`s, final `y` as `i`), so `running`,
//! `runs` and `run` meet, and `stories` meets `story`. A cut must leave three letters and a
//! vowel.

/// The stem of `word` (folded, lower case).
pub(super) fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = plural_off(word);
    const SUFFIXES: [(&str, &str); 14] = [
        ("ational", "ate"),
        ("ization", "ize"),
        ("ation", "ate"),
        ("fulness", "ful"),
        ("iveness", "ive"),
        ("ousness", "ous"),
        ("ments", ""),
        ("ment", ""),
        ("ness", ""),
        ("ingly", ""),
        ("edly", ""),
        ("ing", ""),
        ("ed", ""),
        ("ly", ""),
    ];
    for (suffix, with) in SUFFIXES {
        if let Some(rest) = w.strip_suffix(suffix)
            && fits(rest)
        {
            w = [rest, with].concat();
            break;
        }
    }
    tidy(w)
}

// A root long enough to stand: three letters, one of them a vowel.
fn fits(rest: &str) -> bool {
    rest.len() >= 3 && rest.bytes().any(|b| b"aeiouy".contains(&b))
}

fn plural_off(word: &str) -> String {
    if let Some(rest) = word.strip_suffix("ies").filter(|r| fits(r)) {
        return [rest, "y"].concat();
    }
    if let Some(rest) = word.strip_suffix("es")
        && ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| rest.ends_with(e))
        && fits(rest)
    {
        return rest.to_string();
    }
    if let Some(rest) = word.strip_suffix('s')
        && !["s", "u", "i"].iter().any(|e| rest.ends_with(e))
        && fits(rest)
    {
        return rest.to_string();
    }
    word.to_string()
}

fn tidy(mut w: String) -> String {
    let bytes = w.as_bytes();
    if let [.., a, b] = bytes
        && a == b
        && !b"aeioulsz".contains(b)
        && w.len() > 3
    {
        w.pop();
    }
    while w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    if w.len() > 3 && w.ends_with('y') {
        w.pop();
        w.push('i');
    }
    w
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn inflected_forms_meet() {
        for group in [
            &["run", "runs", "running"][..],
            &["story", "stories"][..],
            &["make", "makes", "making"][..],
            &["agree", "agreed", "agreement"][..],
            &["elect", "elected", "electing"][..],
            &["box", "boxes"][..],
            &["create", "creation", "created"][..],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.windows(2).all(|p| p[0] == p[1]),
                "{group:?}: {stems:?}"
            );
        }
    }

    #[test]
    fn short_words_and_numbers_stay() {
        for word in ["news", "bus", "is", "2024", "this", "kiss"] {
            let s = stem(word);
            assert!(s.len() >= 3 || s == word, "{word}: {s}");
        }
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("kiss"), "kiss");
        assert_eq!(stem("2024"), "2024");
    }
}
