//! Slugs for headlines and tags (model stage helper): transliterated, lowercase, hyphenated.

/// Turns `text` into a URL slug: ASCII letters and digits joined by single hyphens.
///
/// Non-Latin letters are transliterated (`Café` becomes `cafe`); text with nothing to
/// transliterate (only punctuation) gives an empty string, which callers replace with
/// a deterministic fallback.
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// `slug` as a folder name every file system can hold: a name Windows reserves for a device
/// (`con`, `nul`, `aux`, `prn`, `com1`-`com9`, `lpt1`-`lpt9`) gets `-tag` added (issue 21).
/// For tag slugs; article slugs are kept apart, with a warning, where URLs are given out.
pub fn device_safe(slug: String) -> String {
    let reserved = matches!(slug.as_str(), "con" | "nul" | "aux" | "prn")
        || (slug.len() == 4
            && (slug.starts_with("com") || slug.starts_with("lpt"))
            && slug.as_bytes()[3].is_ascii_digit());
    if reserved { slug + "-tag" } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_windows_reserves_are_not_tag_folders() {
        assert_eq!(device_safe(slugify("CON")), "con-tag");
        assert_eq!(device_safe(slugify("Com1")), "com1-tag");
        assert_eq!(device_safe(slugify("Console")), "console");
        assert_eq!(device_safe(slugify("com10")), "com10");
    }

    #[test]
    fn indonesian_headline_becomes_hyphenated_ascii() {
        assert_eq!(
            slugify("Presiden Ajak Twitter Kembangkan Ekonomi Digital"),
            "presiden-ajak-twitter-kembangkan-ekonomi-digital"
        );
    }

    #[test]
    fn accents_and_curly_quotes_are_folded() {
        assert_eq!(slugify("“Café” – Jokowi’s visit!"), "cafe-jokowi-s-visit");
    }

    #[test]
    fn emoji_are_transliterated_to_their_names() {
        assert_eq!(slugify("🎉🎉 !!!"), "tada-tada");
    }

    #[test]
    fn punctuation_only_gives_empty_slug() {
        assert_eq!(slugify("?! — …"), "");
    }
}
