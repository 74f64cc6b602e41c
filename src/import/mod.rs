//! `arsip import`: plain-text newsroom articles to Markdown with YAML front matter, so an
//! editor can review and correct what the newsroom reader decided; and WordPress exports
//! (see [`wordpress`]), recognised by their content.
//!
//! Outside the build pipeline: it reads the given files (walking folders for `.txt`), runs
//! the same reader and front matter merge as the parse stage, and writes one `.md` per
//! article. The body is the reader's paragraphs escaped as Markdown (see
//! [`crate::parse::news::markdown_text`]), so building the `.md` gives the page the `.txt` gives.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::FixedOffset;

pub mod wordpress;
pub mod wordpress_post;

use crate::error::{Error, Warning};
use crate::parse::Caption;
use crate::parse::front_matter::{self, FrontMatter};
use crate::parse::news;
use crate::parse::{file_location, parse_date, plain_text};

/// How to read the articles: the site's time zone, `auto_tags`, `tag_aliases` and outlets.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions<'a> {
    pub timezone: FixedOffset,
    pub auto_tags: usize,
    pub tag_aliases: &'a BTreeMap<String, String>,
    /// Outlet profiles the site adds in `arsip.toml`.
    pub outlets: &'a [crate::config::Outlet],
}

/// One article to import: where it is read from and, with `--out`, where it is written.
/// A WordPress export is one job whose output is the `--out` folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub input: PathBuf,
    pub output: Option<PathBuf>,
    pub wordpress: bool,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Articles written.
    pub written: usize,
    /// Per WordPress export: items read, posts written, drafts among them, items skipped.
    pub exports: Vec<(PathBuf, wordpress::Counts)>,
    /// Items of an export not imported, and why; sorted.
    pub notes: Vec<Warning>,
}

/// Lists the articles named by `inputs` (files as given, folders walked for `.txt`, sorted)
/// and where each goes under `out`. Without `out` there must be exactly one article.
///
/// Fails naming the path when an input does not exist, a folder cannot be read, a folder
/// holds no `.txt`, or several articles have no `--out` to go to.
pub fn plan(inputs: &[PathBuf], out: Option<&Path>) -> Result<Vec<Job>, Vec<Error>> {
    let mut jobs = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            for entry in walkdir::WalkDir::new(input).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_extension(e.path(), "txt") => {
                        let rel = e.path().strip_prefix(input).unwrap_or(e.path());
                        let output = out.map(|o| o.join(rel).with_extension("md"));
                        found.push(Job {
                            input: e.path().to_path_buf(),
                            output,
                            wordpress: false,
                        });
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(walk_error(input, e)),
                }
            }
            if found.is_empty() {
                errors.push(Error::content(
                    input,
                    None,
                    "the folder holds no .txt article",
                ));
            }
            jobs.extend(found);
        } else if input.is_file() && wordpress::is_export_file(input) {
            match out {
                Some(out) => jobs.push(Job {
                    input: input.clone(),
                    output: Some(out.to_path_buf()),
                    wordpress: true,
                }),
                None => errors.push(Error::content(
                    input,
                    None,
                    "a WordPress export holds many posts: give --out DIR",
                )),
            }
        } else if input.is_file() && !has_extension(input, "txt") {
            // A README or a Markdown file would come out as junk "extracted" from prose.
            errors.push(Error::content(
                input,
                None,
                "not a plain-text news article: import reads .txt files (a .md article goes \
                 into content/ as it is)",
            ));
        } else if input.is_file() {
            let name = input
                .file_stem()
                .map_or_else(|| "article".into(), PathBuf::from);
            let output = out.map(|o| o.join(name).with_extension("md"));
            jobs.push(Job {
                input: input.clone(),
                output,
                wordpress: false,
            });
        } else {
            errors.push(Error::content(input, None, "no such file or folder"));
        }
    }
    if out.is_none() && jobs.len() > 1 && errors.is_empty() {
        errors.push(Error::content(
            inputs.first().map_or_else(PathBuf::new, Clone::clone),
            None,
            format!(
                "{} articles to import: give --out DIR (only a single article goes to standard output)",
                jobs.len()
            ),
        ));
    }
    if errors.is_empty() {
        Ok(jobs)
    } else {
        Err(errors)
    }
}

/// Imports every job: writes each `.md` to its output, or the single article to `stdout`.
/// Returns what was written and what was not, or every error (sorted by path); an existing
/// output file is never overwritten.
pub fn run(
    jobs: &[Job],
    options: ImportOptions<'_>,
    stdout: &mut dyn Write,
) -> Result<Imported, Vec<Error>> {
    let mut errors = Vec::new();
    let mut imported = Imported::default();
    let mut seen = std::collections::BTreeSet::new();
    for job in jobs {
        if let (true, Some(out)) = (job.wordpress, &job.output) {
            let (counts, notes, failed) = wordpress::import(&job.input, out, options, &mut seen);
            imported.written += counts.written;
            imported.exports.push((job.input.clone(), counts));
            imported.notes.extend(notes);
            errors.extend(failed);
            continue;
        }
        let markdown = match std::fs::read_to_string(&job.input) {
            Ok(text) => convert(&job.input, &text, options),
            Err(e) => Err(Error::io(&job.input, "reading the article", e)),
        };
        let result = markdown.and_then(|markdown| match &job.output {
            Some(output) => write_new(output, &markdown, &mut seen),
            None => stdout
                .write_all(markdown.as_bytes())
                .map_err(|e| Error::io("<stdout>", "writing the article", e)),
        });
        match result {
            Ok(()) => imported.written += 1,
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        imported.notes.sort();
        Ok(imported)
    } else {
        crate::error::sort_errors(&mut errors);
        Err(errors)
    }
}

/// Converts one plain-text article (named `path` in errors) to a Markdown document with YAML
/// front matter. Front matter in the text overrides what the reader extracted.
///
/// Fails naming the file (and line) on malformed front matter, an empty text or no date.
pub fn convert(path: &Path, text: &str, options: ImportOptions<'_>) -> Result<String, Error> {
    let at = |e: front_matter::FrontMatterError| Error::content(path, Some(e.location), e.message);
    let split = front_matter::split(text).map_err(at)?;
    let front = match split.front {
        Some((kind, block)) => {
            front_matter::deserialize(kind, block, split.front_line).map_err(at)?
        }
        None => FrontMatter::default(),
    };
    if front.extra.is_some() {
        return Err(Error::content(
            path,
            None,
            "import does not carry over `extra` from the front matter of a .txt: move it by hand",
        ));
    }
    let news = news::extract_with(split.body, options.timezone, options.outlets).map_err(|e| {
        Error::content(
            path,
            Some(file_location(split.body_line, e.line)),
            e.message,
        )
    })?;
    let date = match &front.date {
        Some(text) => parse_date(text, options.timezone)
            .ok_or_else(|| Error::content(path, None, format!("`date` `{text}` is not a date")))?,
        None => news.date.ok_or_else(|| {
            Error::content(
                path,
                Some(file_location(split.body_line, 1)),
                format!(
                    "no date found in the article `{}`: set `date` in the front matter",
                    news.title
                ),
            )
        })?,
    };
    let updated = match &front.updated {
        Some(text) => Some(parse_date(text, options.timezone).ok_or_else(|| {
            Error::content(path, None, format!("`updated` `{text}` is not a date"))
        })?),
        None => news.updated,
    };
    let tags = front
        .tags
        .clone()
        .unwrap_or_else(|| plain_text::tags_of(&news, options.auto_tags, options.tag_aliases));
    let mut yaml = String::from("---\n");
    field(
        &mut yaml,
        "title",
        Some(front.title.as_deref().unwrap_or(&news.title)),
    );
    field(&mut yaml, "date", Some(&date.to_rfc3339()));
    field(
        &mut yaml,
        "updated",
        updated.map(|u| u.to_rfc3339()).as_deref(),
    );
    field(
        &mut yaml,
        "author",
        front.author.as_deref().or(news.author.as_deref()),
    );
    field(
        &mut yaml,
        "editor",
        front.editor.as_deref().or(news.editor.as_deref()),
    );
    field(
        &mut yaml,
        "source",
        front.source.as_deref().or(news.source.as_deref()),
    );
    field(
        &mut yaml,
        "location",
        front.location.as_deref().or(news.location.as_deref()),
    );
    let description = front.description.as_deref().or(news.description.as_deref());
    field(&mut yaml, "description", description);
    field(&mut yaml, "slug", front.slug.as_deref());
    if let Some(draft) = front.draft {
        yaml.push_str(&format!("draft: {draft}\n"));
    }
    if !tags.is_empty() {
        yaml.push_str("tags:\n");
        for tag in &tags {
            yaml.push_str(&format!("  - {}\n", quote(tag)));
        }
    }
    let captions: &[Caption] = front.captions.as_deref().unwrap_or(&news.captions);
    if !captions.is_empty() {
        yaml.push_str("captions:\n");
        for caption in captions {
            yaml.push_str(&format!("  - text: {}\n", quote(&caption.text)));
            if let Some(credit) = &caption.credit {
                yaml.push_str(&format!("    credit: {}\n", quote(credit)));
            }
        }
    }
    review_notes(&mut yaml, &news);
    yaml.push_str("---\n");
    yaml.push_str(&news::markdown_text::to_markdown(&news.paragraphs));
    Ok(yaml)
}

// What the reader took out of the text, as YAML comments for the editor to review: nothing
// leaves an article without a trace (issue 18).
fn review_notes(yaml: &mut String, news: &news::NewsText) {
    if let Some(initials) = &news.initials {
        yaml.push_str(&format!("# editor initials: {}\n", one_line(initials)));
    }
    if news.dropped.is_empty() {
        return;
    }
    yaml.push_str("# left out as site furniture (line of the .txt: text):\n");
    for line in &news.dropped {
        yaml.push_str(&format!("#   {}: {}\n", line.number, one_line(&line.text)));
    }
}

// A comment ends at a line break; keep it on one line whatever the text holds.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn field(yaml: &mut String, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        yaml.push_str(&format!("{key}: {}\n", quote(value)));
    }
}

/// `text` as a YAML double-quoted scalar: every character kept, none read as YAML syntax.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(crate) fn write_new(
    output: &Path,
    markdown: &str,
    seen: &mut std::collections::BTreeSet<PathBuf>,
) -> Result<(), Error> {
    if !seen.insert(output.to_path_buf()) || output.exists() {
        return Err(Error::content(
            output,
            None,
            "already exists: import never overwrites a file (remove it or choose another --out)",
        ));
    }
    if let Some(parent) = output.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, "creating the folder", e))?;
    }
    std::fs::write(output, markdown).map_err(|e| Error::io(output, "writing the article", e))
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn walk_error(input: &Path, error: walkdir::Error) -> Error {
    let path = error.path().unwrap_or(input).to_path_buf();
    match error.into_io_error() {
        Some(io) => Error::io(path, "reading the folder", io),
        None => Error::content(path, None, "cannot walk the folder (a symlink loop?)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static NO_ALIASES: BTreeMap<String, String> = BTreeMap::new();

    fn options() -> ImportOptions<'static> {
        ImportOptions {
            tag_aliases: &NO_ALIASES,
            outlets: &[],
            timezone: FixedOffset::east_opt(7 * 3600).expect("offset"),
            auto_tags: 5,
        }
    }

    #[derive(Debug, serde::Deserialize)]
    struct Back {
        title: String,
        date: String,
        source: Option<String>,
        description: Option<String>,
        tags: Vec<String>,
        captions: Vec<Caption>,
    }

    #[test]
    fn tricky_strings_survive_the_yaml() {
        let text = "- \"Kutip\": #Tagar & 'apostrof' \\ garis: {a} [b] *c* | > %\n\nStandfirst: dengan titik dua, #tagar dan \"kutip\".\n\noleh Budi Santoso diperbarui 18 Feb 2016, 09:28 WIB\nFoto \"kutip\": #1 (Sumber: - Arsip: \"Redaksi\")\n\nJakarta - Isi pertama #KamiTidakTakut.\n";
        let markdown = convert(Path::new("a.txt"), text, options()).expect("converts");
        let (_, front) = markdown.split_once("---\n").expect("opens");
        let (front, body) = front.split_once("---\n").expect("closes");
        let back: Back = serde_saphyr::from_str(front).expect("valid YAML");
        assert_eq!(
            back.title,
            "- \"Kutip\": #Tagar & 'apostrof' \\ garis: {a} [b] *c* | > %"
        );
        assert_eq!(back.date, "2016-02-18T09:28:00+07:00");
        assert_eq!(back.source, None);
        assert_eq!(
            back.description.as_deref(),
            Some("Standfirst: dengan titik dua, #tagar dan \"kutip\".")
        );
        assert_eq!(back.tags, ["tagar", "KamiTidakTakut"]);
        assert_eq!(back.captions[0].text, "Foto \"kutip\": #1");
        assert_eq!(
            back.captions[0].credit.as_deref(),
            Some("- Arsip: \"Redaksi\"")
        );
        assert_eq!(body, "Jakarta - Isi pertama #KamiTidakTakut.\n");
    }

    #[test]
    fn quoting_escapes_controls() {
        assert_eq!(quote("a\"b\\c\nd\u{7}"), "\"a\\\"b\\\\c\\nd\\u0007\"");
    }

    #[test]
    fn undated_text_is_an_error_naming_the_file() {
        let error = convert(
            Path::new("x/tanpa.txt"),
            "Judul\n\nIsi tanpa tanggal.\n",
            options(),
        )
        .expect_err("no date");
        assert_eq!(error.path(), Path::new("x/tanpa.txt"));
        assert!(error.to_string().contains("no date"), "{error}");
    }
}
