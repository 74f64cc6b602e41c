//! A site's old URL scheme (`old_permalinks` in `arsip.toml`), such as Jekyll's
//! `/:year/:month/:day/:slug.html`: each pattern gives every article one old URL, where the
//! model puts a redirect page to the article. A leaf module: patterns are parsed with the
//! configuration and expanded from plain values the model hands over.

use crate::urls::push_zero_padded;

/// The placeholders a pattern may use, for messages.
pub const PLACEHOLDERS: &str = ":year, :month, :day, :i_month, :i_day, :short_year, :hour, \
     :minute, :second, :slug, :title, :section, :filename, :output_ext";

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Year,
    ShortYear,
    Month,
    Day,
    /// Month and day without a leading zero (Jekyll's `:i_month`, `:i_day`).
    MonthNumber,
    DayNumber,
    Hour,
    Minute,
    Second,
    /// The slug the old generator used: front matter `slug`, the file name's slug, or the
    /// title's (Jekyll's `:title` means the same).
    Slug,
    /// The first folder under `content/` (Hugo's `:section`).
    Section,
    /// The file name without extension; a page bundle's folder name.
    FileName,
}

/// A validated old URL pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldPermalink {
    pieces: Vec<Piece>,
    pattern: String,
}

/// What an article's old URL is made of.
#[derive(Debug, Clone, Copy)]
pub struct OldFields<'a> {
    /// The date as written, in its own offset.
    pub date: chrono::NaiveDateTime,
    pub slug: &'a str,
    /// The source path relative to the site root (`content/posts/a.md`).
    pub source: &'a std::path::Path,
}

impl OldPermalink {
    /// Parses a pattern such as `/:year/:month/:day/:slug.html`: literal text and the
    /// placeholders of [`PLACEHOLDERS`], anywhere in a segment. It must name the article
    /// (`:slug`, `:title` or `:filename`), so that articles do not share one old URL.
    pub fn parse(pattern: &str) -> Result<OldPermalink, String> {
        let mut pieces = Vec::new();
        let mut rest = pattern.trim();
        while !rest.is_empty() {
            let Some(after) = rest.strip_prefix(':') else {
                let end = rest.find(':').unwrap_or(rest.len());
                pieces.push(Piece::Literal(rest[..end].to_string()));
                rest = &rest[end..];
                continue;
            };
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            let name = &after[..len];
            pieces.push(match name {
                "year" => Piece::Year,
                "short_year" => Piece::ShortYear,
                "month" => Piece::Month,
                "day" => Piece::Day,
                "i_month" => Piece::MonthNumber,
                "i_day" => Piece::DayNumber,
                "hour" => Piece::Hour,
                "minute" => Piece::Minute,
                "second" => Piece::Second,
                "slug" | "title" => Piece::Slug,
                "section" => Piece::Section,
                "filename" | "contentbasename" => Piece::FileName,
                "output_ext" => Piece::Literal(".html".to_string()),
                "categories" => {
                    return Err(format!(
                        "old_permalinks: `{pattern}` uses `:categories`, which arsip cannot \
                         fill (categories are read as tags): write the category as text, one \
                         pattern per category, or use `aliases` in the articles"
                    ));
                }
                _ => {
                    return Err(format!(
                        "old_permalinks: `{pattern}` has unknown placeholder `:{name}` (use \
                         {PLACEHOLDERS})"
                    ));
                }
            });
            rest = &after[len..];
        }
        let literal_ok = |text: &str| {
            text.split('/').all(|s| s != "." && s != "..")
                && text
                    .chars()
                    .all(|c| c.is_alphanumeric() || "/-_.~%+,@".contains(c))
        };
        for piece in &pieces {
            if let Piece::Literal(text) = piece
                && !literal_ok(text)
            {
                return Err(format!(
                    "old_permalinks: `{pattern}`: `{text}` may only use letters, digits, `/` \
                     and `-_.~%+,@`, without `..`"
                ));
            }
        }
        if !pieces
            .iter()
            .any(|p| matches!(p, Piece::Slug | Piece::FileName))
        {
            return Err(format!(
                "old_permalinks: `{pattern}` must contain :slug (or :title, :filename), so that \
                 each article has an old URL of its own"
            ));
        }
        Ok(OldPermalink {
            pieces,
            pattern: pattern.trim().to_string(),
        })
    }

    /// The pattern as written, for messages.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The article's old site path, as written by the pattern without its leading `/`
    /// (`2016/02/18/a.html`), with
    /// empty folders (a `:section` of an article at the top of `content/`) left out.
    pub fn expand(&self, fields: &OldFields<'_>) -> String {
        use chrono::{Datelike, Timelike};
        let date = fields.date;
        let mut out = String::with_capacity(self.pattern.len() + fields.slug.len() + 8);
        for piece in &self.pieces {
            let number = |out: &mut String, n: u32, width| push_zero_padded(out, n.into(), width);
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Year => push_zero_padded(&mut out, date.year().into(), 4),
                Piece::ShortYear => number(&mut out, date.year().rem_euclid(100) as u32, 2),
                Piece::Month => number(&mut out, date.month(), 2),
                Piece::Day => number(&mut out, date.day(), 2),
                Piece::MonthNumber => number(&mut out, date.month(), 1),
                Piece::DayNumber => number(&mut out, date.day(), 1),
                Piece::Hour => number(&mut out, date.hour(), 2),
                Piece::Minute => number(&mut out, date.minute(), 2),
                Piece::Second => number(&mut out, date.second(), 2),
                Piece::Slug => out.push_str(fields.slug),
                Piece::Section => out.push_str(&section(fields.source)),
                Piece::FileName => out.push_str(&file_name(fields.source)),
            }
        }
        let trailing = out.ends_with('/');
        let mut path: String = out
            .split('/')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("/");
        if trailing {
            path.push('/');
        }
        path
    }
}

// The first folder under `content/` of a file in a folder there (a page bundle's folder
// not counted: it is the article); empty otherwise.
fn section(source: &std::path::Path) -> String {
    let article = match source.file_stem() {
        Some(stem) if stem == "index" => source.parent().unwrap_or(source),
        _ => source,
    };
    let mut parts = article
        .strip_prefix("content")
        .unwrap_or(article)
        .components();
    match (parts.next(), parts.next()) {
        (Some(first), Some(_)) => first.as_os_str().to_string_lossy().into_owned(),
        _ => String::new(),
    }
}

// The file name without its extension, or a bundle's folder name for its `index.md`.
fn file_name(source: &std::path::Path) -> String {
    let stem = source.file_stem().map(|s| s.to_string_lossy());
    match stem.as_deref() {
        Some("index") => source
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        Some(stem) => stem.to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn expand(pattern: &str, slug: &str, source: &str) -> String {
        let date = chrono::NaiveDate::from_ymd_opt(2013, 1, 3)
            .and_then(|d| d.and_hms_opt(9, 5, 0))
            .expect("date");
        OldPermalink::parse(pattern)
            .expect("valid")
            .expand(&OldFields {
                date,
                slug,
                source: Path::new(source),
            })
    }

    #[test]
    fn jekyll_and_hugo_patterns_expand_as_those_generators_wrote_them() {
        let post = "content/_posts/2013-01-03-rilis.md";
        assert_eq!(
            expand("/:year/:month/:day/:title.html", "rilis", post),
            "2013/01/03/rilis.html"
        );
        assert_eq!(
            expand("/:year/:month/:day/:title:output_ext", "rilis", post),
            "2013/01/03/rilis.html"
        );
        assert_eq!(
            expand("/:short_year/:i_month/:i_day/:slug/", "rilis", post),
            "13/1/3/rilis/"
        );
        assert_eq!(
            expand(
                "/:section/:filename/",
                "x",
                "content/posts/catatan/index.md"
            ),
            "posts/catatan/"
        );
        // An article at the top of `content/` has no section: no empty folder.
        assert_eq!(expand("/:section/:slug/", "x", "content/x.md"), "x/");
        assert_eq!(
            expand("/:section/:filename/", "x", "content/b/index.md"),
            "b/"
        );
        assert_eq!(
            expand("/news/:year/:hour:minute-:slug", "x", post),
            "news/2013/0905-x"
        );
    }

    #[test]
    fn patterns_that_cannot_name_one_article_safely_are_refused() {
        for bad in [
            "/:year/:month/",
            "/:categories/:slug/",
            "/:year/:judul/",
            "/../:slug/",
            "/a b/:slug/",
            "/:slug/?p=1",
        ] {
            assert!(OldPermalink::parse(bad).is_err(), "{bad}");
        }
    }
}
