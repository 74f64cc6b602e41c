//! Outlet conventions as data: what each news site's copied text carries besides the article
//! (share widgets, prompts, tag-list headings, photo-credit prefixes, outlet names in bylines).
//!
//! The reader's rules are general; this table tells them which lines are positively furniture.
//! Lines are compared trimmed and lower-cased. A line not named here is article text unless a
//! general rule (a teaser such as `Baca juga: ...`) says otherwise. A site adds outlets in
//! `arsip.toml` (`[[outlets]]`); the `_in` functions consult those as well.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::lines::lower_head;
use crate::config::Outlet;

pub use super::outlets::{PROFILES, Profile};
pub use super::outlets_regional::REGIONAL;

/// The table arranged for lookups, built once: whole lines and names hashed, and the longest
/// entry of each kind, so a line longer than any of them is rejected without lower-casing it.
struct Index {
    lines: FxHashSet<&'static str>,
    starts: Vec<&'static str>,
    sources: FxHashSet<&'static str>,
    tag_markers: Vec<&'static str>,
    credits: Vec<&'static str>,
    credits_need_slash: bool,
    longest_line: usize,
    longest_start: usize,
    longest_source: usize,
    longest_marker: usize,
}

fn all(pick: fn(&Profile) -> &'static [&'static str]) -> impl Iterator<Item = &'static str> {
    PROFILES
        .iter()
        .chain(REGIONAL)
        .flat_map(move |p| pick(p).iter().copied())
}

fn longest(pick: fn(&Profile) -> &'static [&'static str]) -> usize {
    all(pick).map(str::len).max().unwrap_or(0)
}

static INDEX: LazyLock<Index> = LazyLock::new(|| Index {
    lines: all(|p| p.lines).collect(),
    starts: all(|p| p.starts).collect(),
    sources: all(|p| p.sources).collect(),
    tag_markers: all(|p| p.tag_markers).collect(),
    credits: all(|p| p.credits).collect(),
    credits_need_slash: all(|p| p.credits).all(|c| c.contains('/')),
    longest_line: longest(|p| p.lines),
    longest_start: longest(|p| p.starts),
    longest_source: longest(|p| p.sources),
    longest_marker: longest(|p| p.tag_markers),
});

/// Whether `line` is site furniture named by an outlet profile.
pub fn is_furniture(line: &str) -> bool {
    let index = &*INDEX;
    let trimmed = line.trim();
    let (lower, whole) = lower_head(trimmed, index.longest_line.max(index.longest_start));
    (whole && index.lines.contains(lower.as_str()))
        || index.starts.iter().any(|s| lower.starts_with(s))
}

/// Whether `line` opens an outlet's tag list; returns the tags written on the same line.
pub fn tag_marker(line: &str) -> Option<&str> {
    let index = &*INDEX;
    let trimmed = line.trim();
    let (lower, _) = lower_head(trimmed, index.longest_marker);
    let marker = index
        .tag_markers
        .iter()
        .filter(|m| lower.starts_with(*m))
        .max_by_key(|m| m.len())?;
    let rest = trimmed.get(marker.len()..)?;
    // `Tagihan listrik naik` starts with `tag` but is no tag list.
    let bounded = marker.ends_with(':') || rest.is_empty() || rest.trim_start().starts_with(':');
    bounded.then(|| rest.trim_start_matches([':', ' ']).trim())
}

/// Whether `name` is how some outlet names itself (`detikNews`, `CNN Indonesia`).
pub fn is_outlet_name(name: &str) -> bool {
    let index = &*INDEX;
    let (lower, whole) = lower_head(name.trim(), index.longest_source);
    whole && index.sources.contains(lower.as_str())
}

/// [`is_furniture`], with the profiles a site adds in `arsip.toml` (lower-cased).
pub fn is_furniture_in(line: &str, user: &[Outlet]) -> bool {
    is_furniture(line)
        || (!user.is_empty() && {
            let lower = line.trim().to_lowercase();
            user.iter().any(|o| {
                o.lines.contains(&lower) || o.starts.iter().any(|s| lower.starts_with(s.as_str()))
            })
        })
}

/// [`tag_marker`], with the site's profiles: a marker alone on its line.
pub fn tag_marker_in<'a>(line: &'a str, user: &[Outlet]) -> Option<&'a str> {
    tag_marker(line).or_else(|| {
        if user.is_empty() {
            return None;
        }
        let lower = line.trim().to_lowercase();
        user.iter()
            .any(|o| o.tag_markers.contains(&lower))
            .then_some("")
    })
}

/// [`is_outlet_name`], with the site's profiles.
pub fn is_outlet_name_in(name: &str, user: &[Outlet]) -> bool {
    is_outlet_name(name)
        || (!user.is_empty() && {
            let lower = name.trim().to_lowercase();
            user.iter().any(|o| o.sources.contains(&lower))
        })
}

/// Where a photo credit starts in `line` (`... Rabu (8/7/2020). ANTARA FOTO/Raisan/aww.`):
/// the earliest credit prefix (ASCII, any case) that opens a word after a space or a full
/// stop, each prefix taken at its last such place.
pub fn credit_start(line: &str) -> Option<usize> {
    let index = &*INDEX;
    // Every credit in the table names its photographer after a slash.
    if index.credits_need_slash && !line.contains('/') {
        return None;
    }
    let bytes = line.as_bytes();
    let mut last: Vec<Option<usize>> = vec![None; index.credits.len()];
    for i in (1..bytes.len()).rev() {
        if !matches!(bytes[i - 1], b' ' | b'.') {
            continue;
        }
        let first = bytes[i].to_ascii_lowercase();
        for (k, credit) in index.credits.iter().enumerate() {
            let credit = credit.as_bytes();
            if last[k].is_none()
                && credit.first() == Some(&first)
                && bytes
                    .get(i..i + credit.len())
                    .is_some_and(|b| b.eq_ignore_ascii_case(credit))
            {
                last[k] = Some(i);
            }
        }
    }
    last.into_iter().flatten().min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_twenty_five_outlets() {
        assert!(PROFILES.len() + REGIONAL.len() > 35);
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
        let site = Outlet {
            name: "kabarkita".to_string(),
            sources: vec!["kabarkita.id".to_string()],
            lines: vec!["baca juga artikel terkait".to_string()],
            starts: vec!["tonton juga".to_string()],
            tag_markers: vec!["topik bacaan".to_string()],
        };
        let user = [site];
        assert!(is_furniture_in("Baca Juga Artikel Terkait", &user));
        assert!(is_furniture_in("Tonton juga video ini", &user));
        assert!(!is_furniture("Baca Juga Artikel Terkait"));
        assert_eq!(tag_marker_in("Topik Bacaan", &user), Some(""));
        assert!(is_outlet_name_in("KabarKita.id", &user));
        assert!(!is_outlet_name_in("KabarKita.id", &[]));
    }
}
