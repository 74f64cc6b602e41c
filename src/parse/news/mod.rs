//! The plain-text news reader: what an editor sees in a plain-text article copied from a news site.
//!
//! From the text alone it takes the headline (first line), a standfirst, the dateline's
//! outlet and city, bylines and credits, the publication date, photo captions, hashtags and
//! recurring names, and leaves the body paragraphs verbatim without the site's furniture.
//! Each concept lives in its own module; [`extract`] runs them in order. Part of the parse
//! stage: text in, [`NewsText`] out, no I/O.

pub mod boilerplate;
pub mod byline;
mod calendar;
mod caption_credits;
pub mod captions;
mod clock;
pub mod dateline;
pub mod dates;
pub mod entities;
pub mod hashtags;
pub mod header;
pub mod lines;
pub mod markdown_text;
mod names;
pub mod outlets;
pub mod outlets_regional;
pub mod profiles;
pub mod publication;
pub mod stopwords;
pub mod tidy;
mod tokens;

#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod seed_tests;

use chrono::{DateTime, FixedOffset};

use crate::config::Outlet;
use crate::parse::Caption;
use lines::Block;

/// Everything read from a newsroom text. Fields the text does not give are `None` or empty.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsText {
    pub title: String,
    /// The standfirst under the headline.
    pub description: Option<String>,
    /// The outlet named by the dateline (`VIVA.co.id`).
    pub source: Option<String>,
    /// The city named by the dateline (`Jakarta`).
    pub location: Option<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
    /// The publication date; `None` when the text names no date at all.
    pub date: Option<DateTime<FixedOffset>>,
    /// The last update, from an `Updated`/`Diperbarui` line beside the publication date.
    pub updated: Option<DateTime<FixedOffset>>,
    /// Editor initials closing the article (`dnu/fjp`), kept as data rather than text.
    pub initials: Option<String>,
    /// The outlet's own tags (its tag list), in order.
    pub tags: Vec<String>,
    /// Lines left out of the body as site furniture, with their line numbers.
    pub dropped: Vec<lines::Line>,
    pub captions: Vec<Caption>,
    /// Hashtags without `#`, in order of first use.
    pub hashtags: Vec<String>,
    /// Recurring names, most frequent first.
    pub entities: Vec<String>,
    /// The body paragraphs, verbatim, boilerplate removed.
    pub paragraphs: Vec<String>,
}

/// A text that cannot be read as an article, at a 1-based line of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsError {
    pub line: usize,
    pub message: String,
}

/// Reads `text` as a newsroom article. Dates without a zone are in `default_offset`.
///
/// Fails only when the text has no headline (it is empty); a missing date is `date: None`,
/// for the caller to report unless front matter supplies one.
pub fn extract(text: &str, default_offset: FixedOffset) -> Result<NewsText, NewsError> {
    extract_with(text, default_offset, &[])
}

/// [`extract`], knowing the outlet profiles a site adds in `arsip.toml` besides the built-in
/// ones.
pub fn extract_with(
    text: &str,
    default_offset: FixedOffset,
    outlets: &[Outlet],
) -> Result<NewsText, NewsError> {
    let mut blocks = lines::blocks(text);
    if blocks.is_empty() {
        return Err(NewsError {
            line: 1,
            message: "the text is empty: its first line should be the headline".to_string(),
        });
    }
    // Some sites put the date above the headline (`Sabtu, 10 Des 2016 19:30 WIB`).
    let mut date_above = None;
    let first_is_date = blocks[0]
        .lines
        .first()
        .and_then(|l| publication::date_line(&l.text, default_offset));
    if let Some(date) = first_is_date
        && (blocks.len() > 1 || blocks[0].lines.len() > 1)
    {
        date_above = Some(date);
        blocks[0].lines.remove(0);
        blocks.retain(|b| !b.lines.is_empty());
    }
    let mut head = blocks.remove(0);
    let title_line = head.lines.remove(0);
    if !head.lines.is_empty() {
        blocks.insert(0, head);
    }
    let mut captions = Vec::new();
    for block in &mut blocks {
        let (found, rest) = captions::extract(block);
        captions.extend(found);
        *block = rest;
    }
    blocks.retain(|b| !b.lines.is_empty());
    let mut blocks = tidy::split_blocks(blocks, default_offset, outlets);
    let tidied = tidy::tidy(&mut blocks, outlets);
    let meta = header::take_meta(&mut blocks, default_offset, outlets);
    blocks.retain(|b| !b.lines.is_empty());
    let initials = tidied
        .initials
        .or_else(|| strip_editor_initials(&mut blocks));

    let dateline_at = blocks
        .iter()
        .take(4)
        .position(|b| dateline::parse(&b.joined()).is_some());
    let standfirst = match dateline_at {
        Some(d) => d > 0,
        // Without a dateline, a standfirst is the block right above the byline or date line.
        None => {
            blocks.len() >= 2
                && meta
                    .first_line
                    .is_some_and(|m| blocks[0].first_line() < m && m < blocks[1].first_line())
        }
    };
    let description = standfirst.then(|| blocks.remove(0).joined());
    let paragraphs: Vec<String> = blocks.iter().map(Block::joined).collect();
    let dateline = dateline_at
        .and_then(|_| paragraphs.first())
        .and_then(|p| dateline::parse(p));
    let (source, location) = dateline.map_or((None, None), |d| (d.source, d.location));
    let source = source.or_else(|| meta.source.clone());
    let location = location.or_else(|| meta.location.clone());

    // A lone update line still dates a text that names no publication date in its header.
    let date = date_above
        .or(meta.byline_date)
        .or(meta.updated)
        .or_else(|| publication::choose(&paragraphs, default_offset));
    let mut texts: Vec<String> = description.iter().cloned().collect();
    texts.extend(paragraphs.iter().cloned());
    let hashtags = hashtags::names(texts.iter().map(String::as_str));
    if dateline_at.is_some()
        && let Some(first) = texts.get_mut(usize::from(description.is_some()))
    {
        *first = without_dateline(first);
    }
    let entities = names_not_credits(
        entities::recurring(&texts, &outlet_words(source.as_deref())),
        &meta,
    );
    Ok(NewsText {
        title: title_line.text,
        description,
        source,
        location,
        author: meta.author,
        editor: meta.editor,
        date,
        updated: meta.updated,
        initials,
        tags: tidied.tags,
        dropped: tidied.dropped,
        captions,
        hashtags,
        entities,
        paragraphs,
    })
}

// `(ase)` or `(ang/ang)` closing the last paragraph, or standing alone after it: the initials.
fn strip_editor_initials(blocks: &mut Vec<Block>) -> Option<String> {
    let last_block = blocks.last_mut()?;
    let mut found = None;
    if let Some(last) = last_block.lines.last_mut() {
        if let Some((stripped, initials)) = boilerplate::initials(&last.text) {
            found = Some(initials.to_string());
            last.text = stripped.to_string();
        }
        if last.text.is_empty() {
            last_block.lines.pop();
        }
    }
    blocks.retain(|b| !b.lines.is_empty());
    found
}

// Words of the outlet's name that never name anything in its text: a one-word name
// (`Okezone`) or an acronym opening a longer one (`CNN` of `CNN Indonesia`).
fn outlet_words(source: Option<&str>) -> Vec<&str> {
    let Some(source) = source else {
        return Vec::new();
    };
    let words: Vec<&str> = source.split_whitespace().collect();
    match words.as_slice() {
        [only] => vec![*only],
        [first, ..] if first.len() >= 2 && first.chars().all(|c| c.is_ascii_uppercase()) => {
            vec![*first]
        }
        _ => Vec::new(),
    }
}

// Recurring names without the article's own reporter and editor, and without outlet names.
fn names_not_credits(names: Vec<String>, meta: &header::Meta) -> Vec<String> {
    let credits = [&meta.author, &meta.editor, &meta.source];
    names
        .into_iter()
        .filter(|n| {
            !credits.iter().any(|c| c.as_deref() == Some(n.as_str()))
                && !profiles::is_outlet_name(n)
        })
        .collect()
}

// The paragraph after its dateline, so the outlet and city do not count as names.
fn without_dateline(paragraph: &str) -> String {
    ["-", "–", "—"]
        .iter()
        .filter_map(|d| paragraph.find(&format!(" {d} ")).map(|i| i + d.len() + 2))
        .min()
        .map_or_else(|| paragraph.to_string(), |i| paragraph[i..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wib() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).expect("offset")
    }

    #[test]
    fn empty_text_is_an_error_at_line_one() {
        let error = extract(" \n\n\t\n", wib()).expect_err("empty");
        assert_eq!(error.line, 1);
    }

    #[test]
    fn odd_text_never_panics() {
        let samples = [
            "(",
            ")",
            "#",
            "- ",
            " - ",
            "Judul\n\n(",
            "Judul\n\n()",
            "Judul\n\n(x/)",
            "Judul\n\n–",
            "Judul\n\nSumber :",
            "Judul\n\n•",
            "Judul\n\nKredit:",
            "Judul\n\noleh",
            "Judul\n\nOleh:",
            "Judul\n\n31/02/2016 99:99 WIB",
            "Judul\n\nKamis, 99 Februari 20166",
            "Judul\n\nJum'",
            "Ü\n\nÄ - ß, Ö - ü (Foto: é)",
            "Judul\n\n\u{feff}#\u{200b}x #ÿ",
            "1\n\n2\n\n3\n\n4",
            "Judul\n\nRekomendasi",
            "Kamis, 18 Februari 2016",
            "Judul\n\n. . . ( ) : - | /",
        ];
        for sample in samples {
            let _ = extract(sample, wib());
        }
    }

    #[test]
    fn date_above_the_headline_is_taken_as_the_date() {
        let news = extract(
            "Sabtu, 10 Des 2016 19:30 WIB\n\nJudul\n\nJakarta - Isi.",
            wib(),
        )
        .expect("reads");
        assert_eq!(news.title, "Judul");
        assert_eq!(
            news.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2016-12-10T19:30:00+07:00")
        );
        assert_eq!(news.location.as_deref(), Some("Jakarta"));
    }
}
