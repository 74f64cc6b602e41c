//! Outlet conventions as data: what each news site's copied text carries besides the article
//! (share widgets, prompts, tag-list headings, photo-credit prefixes, outlet names in bylines).
//!
//! The reader's rules are general; this table tells them which lines are positively furniture.
//! Lines are compared trimmed and lower-cased. A line not named here is article text unless a
//! general rule (a teaser such as `Baca juga: ...`) says otherwise. A site adds outlets in
//! `arsip.toml` (`[[outlets]]`); the `_in` functions consult those as well.

use crate::config::Outlet;

pub use super::outlets::{PROFILES, Profile};

fn all(pick: fn(&Profile) -> &'static [&'static str]) -> impl Iterator<Item = &'static str> {
    PROFILES.iter().flat_map(move |p| pick(p).iter().copied())
}

/// Whether `line` is site furniture named by an outlet profile.
pub fn is_furniture(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    all(|p| p.lines).any(|l| l == lower) || all(|p| p.starts).any(|s| lower.starts_with(s))
}

/// Whether `line` opens an outlet's tag list; returns the tags written on the same line.
pub fn tag_marker(line: &str) -> Option<&str> {
    let lower = line.trim().to_lowercase();
    let marker = all(|p| p.tag_markers)
        .filter(|m| lower.starts_with(m))
        .max_by_key(|m| m.len())?;
    let rest = line.trim().get(marker.len()..)?;
    // `Tagihan listrik naik` starts with `tag` but is no tag list.
    let bounded = marker.ends_with(':') || rest.is_empty() || rest.trim_start().starts_with(':');
    bounded.then(|| rest.trim_start_matches([':', ' ']).trim())
}

/// Whether `name` is how some outlet names itself (`detikNews`, `CNN Indonesia`).
pub fn is_outlet_name(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    all(|p| p.sources).any(|s| s == lower)
}

/// [`is_furniture`], with the profiles a site adds in `arsip.toml` (lower-cased).
pub fn is_furniture_in(line: &str, user: &[Outlet]) -> bool {
    is_furniture(line) || {
        let lower = line.trim().to_lowercase();
        user.iter().any(|o| {
            o.lines.contains(&lower) || o.starts.iter().any(|s| lower.starts_with(s.as_str()))
        })
    }
}

/// [`tag_marker`], with the site's profiles: a marker alone on its line.
pub fn tag_marker_in<'a>(line: &'a str, user: &[Outlet]) -> Option<&'a str> {
    tag_marker(line).or_else(|| {
        let lower = line.trim().to_lowercase();
        user.iter()
            .any(|o| o.tag_markers.contains(&lower))
            .then_some("")
    })
}

/// [`is_outlet_name`], with the site's profiles.
pub fn is_outlet_name_in(name: &str, user: &[Outlet]) -> bool {
    is_outlet_name(name) || {
        let lower = name.trim().to_lowercase();
        user.iter().any(|o| o.sources.contains(&lower))
    }
}

/// Where a photo credit starts in `line` (`... Rabu (8/7/2020). ANTARA FOTO/Raisan/aww.`).
pub fn credit_start(line: &str) -> Option<usize> {
    let lower = line.to_lowercase();
    all(|p| p.credits)
        .filter_map(|c| lower.rfind(c))
        .filter(|&i| i > 0 && line.is_char_boundary(i))
        .filter(|&i| line[..i].ends_with([' ', '.']))
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_twenty_five_outlets() {
        assert!(PROFILES.len() > 25);
    }

    #[test]
    fn furniture_and_markers() {
        assert!(is_furniture("ADVERTISEMENT"));
        assert!(is_furniture("Follow Berita Okezone di Google News"));
        assert!(!is_furniture("Iklan rokok dilarang di televisi."));
        assert_eq!(tag_marker("Tag:"), Some(""));
        assert_eq!(
            tag_marker("Tags: Keywords: Garuda, umrah"),
            Some("Garuda, umrah")
        );
        assert_eq!(tag_marker("Tagihan listrik naik"), None);
        assert!(is_outlet_name("detikNews"));
        assert_eq!(
            credit_start("Warga antre. ANTARA FOTO/Raisan Al Farisi/aww."),
            Some(13)
        );
    }

    #[test]
    fn a_site_profile_adds_furniture_markers_and_names() {
        let tirto = Outlet {
            name: "tirto".to_string(),
            sources: vec!["tirto.id".to_string()],
            lines: vec!["baca juga artikel terkait".to_string()],
            starts: vec!["tonton juga".to_string()],
            tag_markers: vec!["topik bacaan".to_string()],
        };
        let user = [tirto];
        assert!(is_furniture_in("Baca Juga Artikel Terkait", &user));
        assert!(is_furniture_in("Tonton juga video ini", &user));
        assert!(!is_furniture("Baca Juga Artikel Terkait"));
        assert_eq!(tag_marker_in("Topik Bacaan", &user), Some(""));
        assert!(is_outlet_name_in("Tirto.id", &user));
        assert!(!is_outlet_name_in("Tirto.id", &[]));
    }
}
