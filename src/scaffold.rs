//! `arsip init` and `arsip new`: create a site, or an article in one. Outside the build
//! pipeline; they only create files, and never overwrite one.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, Utc};

use crate::config::{CONFIG_FILE, Config, THEMES};
use crate::error::Error;
use crate::render::themes;

const SITE_CONFIG: &str = r#"# arsip site settings. Every key is optional; these are the common ones.
title = "Arsip Berita"
description = "Arsip berita berbahasa Indonesia"
# The address the site is published at (feeds, sitemap and canonical links use it).
base_url = "https://example.org/"
language = "id"
# WIB (+07:00), WITA (+08:00), WIT (+09:00) or any UTC offset.
timezone = "+07:00"
paginate_by = 20
permalink = "/:year/:month/:day/:slug/"
"#;

const GITIGNORE: &str = "# Build output, the build cache and the output of `arsip serve`\n\
                         /public/\n/.arsip-cache/\n/.arsip-serve/\n";

/// Creates a new site in `dir` (created if missing): `arsip.toml` (naming `theme`), an example
/// article dated `now`, `.gitignore`, and with `templates` a copy of the theme in `templates/`.
///
/// Returns the files created, relative to `dir`. Fails without writing anything when `dir`
/// exists and is not an empty folder.
pub fn init(
    dir: &Path,
    theme: &str,
    templates: bool,
    now: DateTime<Utc>,
) -> Result<Vec<PathBuf>, Error> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, "cannot read the folder for the new site", e))?;
        if entries.next().is_some() {
            return Err(Error::Content {
                path: dir.to_path_buf(),
                location: None,
                message: "the folder is not empty; arsip init only creates a site in an empty \
                          or new folder"
                    .to_string(),
            });
        }
    }
    // The example's date in WIB, the timezone the new arsip.toml sets.
    let wib = FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset");
    let today = now.with_timezone(&wib);
    let example = format!(
        "content/{:04}/{:02}/selamat-datang.md",
        today.year(),
        today.month()
    );
    let article = format!(
        "---\ntitle: Selamat datang di arsip\ndate: {}\ntags: [arsip]\n\
         description: Artikel contoh; hapus atau ubah sesuka Anda.\n---\n\
         Ini artikel contoh. Tulis artikel baru dengan `arsip new \"Judul\"`, lalu lihat \
         hasilnya dengan `arsip serve`.\n\n\
         Artikel ditulis dalam **Markdown** dengan *front matter* YAML di atasnya.\n",
        today.format("%Y-%m-%d")
    );
    let mut files: Vec<(String, String)> = vec![
        (
            CONFIG_FILE.to_string(),
            format!(
                "{SITE_CONFIG}# The built-in look: {}.\ntheme = \"{theme}\"\n",
                THEMES.join(", ")
            ),
        ),
        (".gitignore".to_string(), GITIGNORE.to_string()),
        (example, article),
    ];
    if templates {
        files.extend(
            themes::templates(theme)
                .iter()
                .map(|(name, text)| (format!("templates/{name}"), (*text).to_string())),
        );
        files.push((
            "templates/style.css".to_string(),
            themes::stylesheet(theme).into_owned(),
        ));
    }
    for (rel, text) in &files {
        create_new(&dir.join(rel), text).map_err(|e| Error::io(rel, "cannot create file", e))?;
    }
    Ok(files
        .into_iter()
        .map(|(rel, _)| PathBuf::from(rel))
        .collect())
}

/// Creates a new draft article titled `headline`, dated `now` in the site's timezone, at
/// `content/YYYY/MM/<slug>.md` (or `.txt` with `txt`), its placeholder text in the site's
/// language. Returns its path relative to the root.
///
/// Fails, writing nothing, when that file already exists.
pub fn new_article(
    config: &Config,
    headline: &str,
    tags: &[String],
    txt: bool,
    now: DateTime<Utc>,
) -> Result<PathBuf, Error> {
    let headline = headline.trim();
    if headline.is_empty() {
        return Err(Error::content(
            config.content_dir(),
            None,
            "the headline is empty",
        ));
    }
    let date = now.with_timezone(&config.timezone);
    let mut slug = crate::slug::slugify(headline);
    if slug.is_empty() {
        slug = "artikel".to_string();
    }
    let rel = PathBuf::from(format!(
        "content/{:04}/{:02}/{slug}.{}",
        date.year(),
        date.month(),
        if txt { "txt" } else { "md" }
    ));
    let tags: Vec<String> = tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(yaml_string)
        .collect();
    let mut front = String::from("---\n");
    if !txt {
        front.push_str(&format!("title: {}\n", yaml_string(headline)));
    }
    front.push_str(&format!("date: {}\n", date.format("%Y-%m-%dT%H:%M:%S%:z")));
    if !tags.is_empty() {
        front.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    // Unfinished until the author says otherwise: left out of builds without --drafts.
    front.push_str("draft: true\n---\n");
    let indonesian = crate::i18n::is_indonesian(&config.language);
    let text = match (txt, indonesian) {
        // A plain-text article's first line is its headline.
        (true, true) => format!("{front}{headline}\n\nTulis paragraf pertama di sini.\n"),
        (true, false) => format!("{front}{headline}\n\nWrite the first paragraph here.\n"),
        (false, true) => format!("{front}Tulis isi artikel di sini, dalam Markdown.\n"),
        (false, false) => format!("{front}Write the article here, in Markdown.\n"),
    };
    create_new(&config.root.join(&rel), &text).map_err(|e| {
        let doing = if e.kind() == std::io::ErrorKind::AlreadyExists {
            "an article already exists at this path; choose another headline"
        } else {
            "cannot create the article"
        };
        Error::io(&rel, doing, e)
    })?;
    Ok(rel)
}

/// A YAML double-quoted scalar.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_are_quoted_and_escaped() {
        assert_eq!(
            yaml_string("Kata \"Jokowi\": ya"),
            r#""Kata \"Jokowi\": ya""#
        );
        assert_eq!(yaml_string("a\\b\nc"), r#""a\\b c""#);
    }
}
