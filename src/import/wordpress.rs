//! `arsip import` of a WordPress export (issue 17): every post becomes a Markdown file named
//! `YYYY-MM-DD-slug.md` in the output folder (drafts with `draft: true`); every item that is
//! not imported (pages, attachments, menu items, trashed posts) is named in the report.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::wordpress_post::{self, Outcome};
use crate::error::{Error, Location, Warning};
use crate::parse::wordpress::{self, Export};

use super::ImportOptions;

/// What one export gave.
#[derive(Debug, Default)]
pub struct Counts {
    pub read: usize,
    pub written: usize,
    pub drafts: usize,
    pub skipped: usize,
}

/// Imports the export at `input` into the folder `out`. Returns the counts and one note per
/// item not imported (at its line in the export), or every error met.
pub fn import(
    input: &Path,
    out: &Path,
    options: ImportOptions,
    seen: &mut BTreeSet<PathBuf>,
) -> (Counts, Vec<Warning>, Vec<Error>) {
    let mut counts = Counts::default();
    let mut notes = Vec::new();
    let mut errors = Vec::new();
    let export: Export = match std::fs::read_to_string(input) {
        Ok(text) => match wordpress::read(&text) {
            Ok(export) => export,
            Err((line, message)) => {
                errors.push(Error::content(input, Some(at(line)), message));
                return (counts, notes, errors);
            }
        },
        Err(e) => {
            errors.push(Error::io(input, "reading the WordPress export", e));
            return (counts, notes, errors);
        }
    };
    for item in &export.items {
        counts.read += 1;
        let note = |message: String| Warning {
            path: input.to_path_buf(),
            location: Some(at(item.line)),
            message,
        };
        let mut outcome = wordpress_post::convert(&export, item, options.timezone);
        // Two posts with one date and slug: the second is told apart by its ID, in its file
        // name and its slug (so it does not compete for the first one's URL).
        if let Ok(Outcome::Post { file_name, .. }) = &outcome
            && (seen.contains(&out.join(file_name)) || out.join(file_name).exists())
        {
            let slug = file_name.get(11..file_name.len() - 3).unwrap_or_default();
            let mut renamed = item.clone();
            renamed.post_name = format!("{slug}-{}", item.post_id.trim());
            outcome = wordpress_post::convert(&export, &renamed, options.timezone);
        }
        match outcome {
            Ok(Outcome::Post {
                file_name,
                markdown,
                draft,
                note: remark,
            }) => {
                let path = out.join(&file_name);
                match super::write_new(&path, &markdown, seen) {
                    Ok(()) => {
                        counts.written += 1;
                        counts.drafts += usize::from(draft);
                        notes.extend(remark.map(note));
                    }
                    Err(e) => errors.push(e),
                }
            }
            Ok(Outcome::Skipped(why)) => {
                counts.skipped += 1;
                notes.push(note(format!("not imported: {why}")));
            }
            Err(message) => errors.push(Error::content(input, Some(at(item.line)), message)),
        }
    }
    (counts, notes, errors)
}

/// Whether the file at `path` starts as a WordPress export does (its first 64 KiB).
pub fn is_export_file(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(65_536);
    let read = std::fs::File::open(path).and_then(|f| f.take(65_536).read_to_end(&mut head));
    read.is_ok() && crate::parse::wordpress::is_export(&String::from_utf8_lossy(&head))
}

fn at(line: usize) -> Location {
    Location { line, column: 1 }
}
