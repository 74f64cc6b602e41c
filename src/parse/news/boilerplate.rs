//! Site furniture copied along with an article: trailing navigation (`Rekomendasi`,
//! `POPULER`, `Berita Terkait`...), `Baca juga: ...` teasers, `Simak video ...` prompts, and
//! editor initials such as `(ase)` or `(ang/ang)` closing the last paragraph.

// Headings after which the rest of the page is navigation, not article.
const NAV_HEADINGS: &[&str] = &[
    "rekomendasi",
    "populer",
    "terpopuler",
    "berita populer",
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
    "video pilihan",
    "pilihan redaksi",
    "baca berita lainnya",
    "lihat juga",
    "baca juga",
    "read also",
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
    "read also:",
    "read more:",
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
    initials(text).map(|(rest, _)| rest)
}

/// Editor initials closing `text`: `(ase)`, `(ang/ang)`, `[ded]`, `(Z-10)`; returns the text
/// before them and the initials.
pub fn initials(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_end();
    let (inner, open) = match text.strip_suffix(')') {
        Some(inner) => (inner, inner.rfind('(')?),
        None => {
            let inner = text.strip_suffix(']')?;
            (inner, inner.rfind('[')?)
        }
    };
    let found = &inner[open + 1..];
    let lower_parts = !found.is_empty()
        && found.split('/').all(|part| {
            (2..=5).contains(&part.chars().count()) && part.chars().all(|c| c.is_ascii_lowercase())
        });
    // Media Indonesia's desk codes: `(H-2)`, `(Z-10)`.
    let desk = found.split_once('-').is_some_and(|(a, n)| {
        a.len() == 1
            && a.chars().all(|c| c.is_ascii_uppercase())
            && (1..=2).contains(&n.len())
            && n.chars().all(|c| c.is_ascii_digit())
    });
    (lower_parts || desk).then(|| (inner[..open].trim_end(), found))
}

/// A wire desk's sign-off alone on a line (`burs-kjm/sst`, AFP's form).
pub fn is_wire_signoff(line: &str) -> bool {
    let line = line.trim();
    line.contains('/')
        && line.len() <= 24
        && line
            .split(['/', '-'])
            .all(|p| (2..=5).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()))
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
