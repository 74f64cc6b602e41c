//! What the readers say of a file that is no error: notes about places in an article (a
//! template tag left as text, lines left out as furniture), kept with the article so that
//! every build warns alike, and why a file is no article at all. Part of the parse stage.

use super::{Article, front_matter};
use crate::error::Location;
use crate::load::{SourceFile, SourceFormat};

/// A note of the reader about one place in an article's file: a warning, not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The file line and column it is about.
    pub location: Location,
    pub message: String,
}

impl Article {
    /// The article's notes as warnings naming its file.
    pub fn note_warnings(&self) -> impl Iterator<Item = crate::error::Warning> + '_ {
        self.notes.iter().map(|note| crate::error::Warning {
            path: self.source_path.clone(),
            location: Some(note.location),
            message: note.message.clone(),
        })
    }
}

/// Why `file` is no article at all, or `None`: a Markdown file whose front matter gives no
/// title and no date and whose body is empty, such as a page another generator makes from a
/// template of its own (Zola's `template = "latest.html"`). Asked only of a file that did
/// not parse, so that it is left out with a warning instead of failing the build.
pub fn not_an_article(file: &SourceFile) -> Option<String> {
    if file.format != SourceFormat::Markdown {
        return None;
    }
    let split = front_matter::split(&file.text).ok()?;
    let (kind, text) = split.front?;
    let (front, problems) = front_matter::read(kind, text, split.front_line);
    let empty = problems.is_empty()
        && !front.unreadable
        && front.title.is_none()
        && front.date.is_none()
        && split.body.trim().is_empty();
    empty.then(|| {
        "no title, no date and no text: this is no article (perhaps a page another generator \
         made from a template of its own), so it is left out"
            .to_string()
    })
}
