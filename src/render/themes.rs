//! The built-in looks a site chooses with `theme` in `arsip.toml`. `default` is the template
//! set of `templates/`; every other theme is an overlay in `templates/themes/<name>/` whose
//! templates replace the default's of the same name and whose `style.css` is appended to the
//! default stylesheet, so a theme restates only what it changes.

use std::borrow::Cow;

use super::templates::{BUILT_IN, BUILT_IN_STYLESHEET};

pub use crate::config::{DEFAULT_THEME as DEFAULT, THEMES};

/// Theme name, file name and text of every overlay file (listed by `build.rs`).
const OVERLAYS: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/built_in_themes.rs"));

/// The files a theme brings over the default's, by name.
pub fn overlay_files(theme: &str) -> Vec<&'static str> {
    OVERLAYS
        .iter()
        .filter(|(t, _, _)| *t == theme)
        .map(|(_, name, _)| *name)
        .collect()
}

/// The templates of `theme` (an unknown name gives the default's), by name, sorted.
pub fn templates(theme: &str) -> Vec<(&'static str, &'static str)> {
    let mut set: Vec<(&'static str, &'static str)> = BUILT_IN.to_vec();
    for (_, name, text) in OVERLAYS
        .iter()
        .filter(|(t, name, _)| *t == theme && *name != STYLESHEET)
    {
        match set.iter_mut().find(|(base, _)| base == name) {
            Some(slot) => slot.1 = text,
            None => set.push((name, text)),
        }
    }
    set.sort_by_key(|(name, _)| *name);
    set
}

/// The stylesheet of `theme`: the default's, then the theme's own rules.
pub fn stylesheet(theme: &str) -> Cow<'static, str> {
    match OVERLAYS
        .iter()
        .find(|(t, name, _)| *t == theme && *name == STYLESHEET)
    {
        Some((_, _, rules)) => Cow::Owned(format!("{BUILT_IN_STYLESHEET}{rules}")),
        None => Cow::Borrowed(BUILT_IN_STYLESHEET),
    }
}

const STYLESHEET: &str = "style.css";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newspaper_theme_replaces_the_front_page_and_adds_rules() {
        assert_eq!(THEMES, ["default", "newspaper"]);
        let default = templates(DEFAULT);
        let newspaper = templates("newspaper");
        let text = |set: &[(&str, &'static str)], name: &str| {
            set.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
        };
        assert_eq!(default.len(), newspaper.len());
        assert_ne!(text(&default, "index.html"), text(&newspaper, "index.html"));
        assert_eq!(
            text(&default, "article.html"),
            text(&newspaper, "article.html")
        );
        assert!(text(&newspaper, "style.css").is_none());
        assert!(stylesheet("newspaper").starts_with(BUILT_IN_STYLESHEET));
        assert!(stylesheet("newspaper").len() > BUILT_IN_STYLESHEET.len());
        assert_eq!(stylesheet(DEFAULT), BUILT_IN_STYLESHEET);
    }
}
