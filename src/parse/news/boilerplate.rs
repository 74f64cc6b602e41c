//! Site furniture copied along with an article: trailing navigation (`Rekomendasi`,
//! `POPULER`, `Berita Terkait`...), `Baca juga: ...` teasers, `Simak video ...` prompts, and
//! editor initials such as `(ase)` or `(ang/ang)` closing the last paragraph.

// Headings after which the rest of the page is navigation, not article.
const NAV_HEADINGS: &[&str] = &[
    "rekomendasi",
    "populer",
    "terpopuler",
    "berita terkait",
    "berita terkini",
    "berita terkini selengkapnya",
    "artikel terkait",
    "terkini",
    "trending",
    "selengkapnya",
    "berita lainnya",
    "berita lain",
    "topik terkait",
    "tag",
    "tags",
    "topik",
    "video pilihan",
    "pilihan redaksi",
    "advertisement",
    "iklan",
    "komentar",
    "bagikan",
    "share",
    "baca berita lainnya",
    "lihat juga",
    "baca juga",
    "most popular",
    "related",
];

// Lines that only point elsewhere.
const TEASER_STARTS: &[&str] = &[
    "baca juga",
    "baca:",
    "lihat juga",
    "simak juga",
    "simak video",
    "simak selengkapnya",
    "tonton video",
    "tonton juga",
    "saksikan video",
    "saksikan juga",
    "artikel ini telah tayang",
    "ikuti berita",
    "dapatkan update",
    "klik di sini",
    "baca selengkapnya",
];

/// Whether `line` is a navigation heading that ends the article (`POPULER`, `Rekomendasi`).
pub fn is_nav_heading(line: &str) -> bool {
    let key = line
        .trim()
        .trim_end_matches([':', '.'])
        .trim()
        .to_lowercase();
    NAV_HEADINGS.contains(&key.as_str())
}

/// Whether `line` is a teaser or prompt to read or watch something else.
pub fn is_teaser(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    TEASER_STARTS.iter().any(|start| lower.starts_with(start))
}

/// `text` without editor initials at its end (`... tweet. (ase)` -> `... tweet.`); `None`
/// when it has none.
pub fn strip_initials(text: &str) -> Option<&str> {
    let inner = text.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let initials = &inner[open + 1..];
    let ok = !initials.is_empty()
        && initials.split('/').all(|part| {
            (2..=5).contains(&part.chars().count()) && part.chars().all(|c| c.is_ascii_lowercase())
        });
    ok.then(|| inner[..open].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_and_teasers_are_recognised() {
        for line in [
            "Rekomendasi",
            "POPULER",
            "Berita Terkini Selengkapnya",
            "Berita Terkait:",
            "Terpopuler",
        ] {
            assert!(is_nav_heading(line), "{line}");
        }
        assert!(!is_nav_heading(
            "Populer di kalangan anak muda, aplikasi itu"
        ));
        assert!(is_teaser("Baca juga: Jokowi Temui Bos Facebook"));
        assert!(is_teaser("Simak video pilihan berikut ini:"));
        assert!(!is_teaser("Bacaan doa dibacakan bersama."));
    }

    #[test]
    fn editor_initials_are_cut() {
        assert_eq!(
            strip_initials("melalui tweet. (ase)"),
            Some("melalui tweet.")
        );
        assert_eq!(strip_initials("kata dia.(ang/ang)"), Some("kata dia."));
        assert_eq!(strip_initials("(ang/ang)"), Some(""));
        assert_eq!(strip_initials("Foreign Terrorist Fighters (FTF)"), None);
        assert_eq!(strip_initials("dalam waktu (dua) hari"), None);
    }
}
