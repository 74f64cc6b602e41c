//! The lines around the headline that describe the article rather than tell it: bylines and
//! credits, date lines, the outlet's name, a reporter's name alone on a line, and a credit label
//! whose name sits on the next line (`Reporter:` then `Mei Leandha`). Read line by line, in
//! any order, with or without blank lines between them.

use chrono::{DateTime, FixedOffset};

use super::lines::{Block, words_upto};
use super::stopwords::is_stopword;
use super::{byline, dates, profiles, publication};
use crate::config::Outlet;

/// What the header and credit lines said.
#[derive(Debug, Default)]
pub struct Meta {
    pub author: Option<String>,
    pub editor: Option<String>,
    pub source: Option<String>,
    pub byline_date: Option<DateTime<FixedOffset>>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// The place a header date line names (`Jakarta / Thu, January 2, 2020 / 11:37 am`).
    pub location: Option<String>,
    /// The first metadata line, to tell a standfirst above it from the body.
    pub first_line: Option<usize>,
    lines: Vec<usize>,
}

impl Meta {
    fn take(&mut self, found: byline::Byline, line: usize) {
        self.author = self.author.take().or(found.author);
        self.editor = self.editor.take().or(found.editor);
        self.source = self.source.take().or(found.source);
        self.byline_date = self.byline_date.or(found.date);
        self.mark(line);
    }

    fn mark(&mut self, line: usize) {
        self.first_line.get_or_insert(line);
        self.lines.push(line);
    }
}

// A header ends where the text starts: the first block of this many words.
const BODY_WORDS: usize = 10;
// A name alone on a line counts only this close to another header line.
const NEAR: usize = 2;

/// Takes byline, credit, date and outlet lines out of the blocks.
pub fn take_meta(blocks: &mut Vec<Block>, default: FixedOffset, user: &[Outlet]) -> Meta {
    let mut meta = Meta::default();
    merge_labels(blocks);
    for block in blocks.iter_mut() {
        block.lines.retain(|line| {
            let byline = (!line.no_meta)
                .then(|| byline::parse(&line.text, default))
                .flatten();
            if let Some(found) = byline {
                meta.take(found, line.number);
                return false;
            }
            // `Jakarta / Thu, January 2, 2020 / 11:37 am`: a place, then the date.
            if let Some((place, rest)) = line.text.split_once(" / ")
                && is_bare_name(place)
                && let Some(found) = publication::header_dates(rest, default)
            {
                meta.location.get_or_insert_with(|| place.to_string());
                meta.byline_date = meta.byline_date.or(found.published);
                meta.updated = meta.updated.or(found.updated);
                meta.mark(line.number);
                return false;
            }
            if line.no_meta {
                return true;
            }
            if let Some(found) = publication::header_dates(&line.text, default) {
                meta.byline_date = meta.byline_date.or(found.published);
                meta.updated = meta.updated.or(found.updated);
                meta.mark(line.number);
                return false;
            }
            true
        });
    }
    blocks.retain(|b| !b.lines.is_empty());
    header_names(blocks, &mut meta, user);
    meta
}

// `Reporter:` alone, then the name alone: one credit line.
fn merge_labels(blocks: &mut Vec<Block>) {
    let mut i = 0;
    while i + 1 < blocks.len() {
        let label = matches!(blocks[i].lines.as_slice(), [l] if byline::is_label_only(&l.text));
        let name = matches!(blocks[i + 1].lines.as_slice(), [l] if is_bare_name(&l.text));
        if label && name {
            let next = blocks.remove(i + 1);
            let line = &mut blocks[i].lines[0];
            line.text = format!("{} {}", line.text, next.lines[0].text);
            line.no_meta = false;
        }
        i += 1;
    }
}

// Before the text starts: the outlet's name alone (`CNN Indonesia`, `Wartawan BBC News
// Indonesia`) and a reporter's name alone next to a date or byline line.
fn header_names(blocks: &mut Vec<Block>, meta: &mut Meta, user: &[Outlet]) {
    let end = blocks
        .iter()
        .position(|b| {
            // Lines are trimmed: the joined block has as many words as its lines together.
            let words: usize = b
                .lines
                .iter()
                .map(|l| words_upto(&l.text, BODY_WORDS))
                .sum();
            words >= BODY_WORDS
        })
        .unwrap_or(blocks.len());
    let mut taken = Vec::new();
    for (i, block) in blocks[..end].iter().enumerate() {
        let [line] = block.lines.as_slice() else {
            continue;
        };
        let text = line.text.as_str();
        let outlet = text
            .strip_prefix("Wartawan ")
            .filter(|o| profiles::is_outlet_name_in(o, user))
            .unwrap_or(text);
        if profiles::is_outlet_name_in(outlet, user) {
            meta.source.get_or_insert_with(|| outlet.to_string());
            meta.mark(line.number);
            taken.push(i);
        }
    }
    for (i, block) in blocks[..end].iter().enumerate() {
        let [line] = block.lines.as_slice() else {
            continue;
        };
        let near = meta.lines.iter().any(|&m| m.abs_diff(line.number) <= NEAR);
        // `Indonesia Correspondent` under the writer's name: the desk, not a name or text.
        if near && !taken.contains(&i) && is_role(&line.text) {
            meta.mark(line.number);
            taken.push(i);
            continue;
        }
        if meta.author.is_none() && near && !taken.contains(&i) && is_bare_name(&line.text) {
            meta.author = Some(line.text.clone());
            meta.mark(line.number);
            taken.push(i);
        }
    }
    taken.sort_unstable();
    for i in taken.into_iter().rev() {
        blocks.remove(i);
    }
}

// Words that close a writer's job title.
const ROLES: &[&str] = &[
    "correspondent",
    "reporter",
    "writer",
    "journalist",
    "columnist",
    "contributor",
    "editor",
    "koresponden",
    "kontributor",
    "jurnalis",
    "wartawan",
    "redaktur",
    "photographer",
    "fotografer",
];

/// A job title alone on a line: one to five capitalized words ending in a role
/// (`Senior Political Correspondent`, `Jurnalis`).
pub fn is_role(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words
            .last()
            .is_some_and(|w| ROLES.iter().any(|r| w.eq_ignore_ascii_case(r)))
}

// One to four capitalized words of letters: `Sucipto`, `Marchio Irfan Gorbiano`.
fn is_bare_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    // The shape first (cheap), the tables only for what has it.
    let shaped = (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        });
    shaped
        && !profiles::is_outlet_name(text)
        && !profiles::is_furniture(text)
        && words.iter().all(|w| {
            (!is_stopword(w) || dates::month_number(w).is_some()) && !dates::is_weekday(w)
        })
        // `Mei` and `Juli` are names too, but not alone.
        && !(words.len() == 1 && dates::month_number(words[0]).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::news::lines::blocks;

    fn meta_of(text: &str) -> (Meta, Vec<String>) {
        let wib = FixedOffset::east_opt(7 * 3600).expect("offset");
        let mut b = blocks(text);
        let meta = take_meta(&mut b, wib, &[]);
        (meta, b.iter().map(Block::joined).collect())
    }

    #[test]
    fn a_place_before_the_date_line_is_the_location() {
        let (meta, _) = meta_of(
            "Denpasar / Mon, August 29, 2022 / 04:12 pm\n\nBali recorded more arrivals than in any month since the pandemic began.",
        );
        assert_eq!(meta.location.as_deref(), Some("Denpasar"));
        assert!(meta.byline_date.is_some());
    }

    #[test]
    fn names_and_outlets_alone_on_header_lines() {
        let (meta, rest) = meta_of(
            "Marchio Irfan Gorbiano\n\nThe Jakarta Post\n\nJakarta / Thu, January 2, 2020 / 11:37 am\n\nHeavy rain that fell overnight flooded dozens of neighborhoods across the city.",
        );
        assert_eq!(meta.author.as_deref(), Some("Marchio Irfan Gorbiano"));
        assert_eq!(meta.source.as_deref(), Some("The Jakarta Post"));
        assert_eq!(meta.location.as_deref(), Some("Jakarta"));
        assert_eq!(rest.len(), 1);
    }

    #[test]
    fn a_label_line_takes_the_name_below_it() {
        let (meta, rest) = meta_of(
            "Reporter:\n\nMei Leandha\n\nEditor:\n\nDwi Arjanto\n\nTEMPO.CO, Medan - Pemerintah Provinsi Sumatera Utara menggelar festival.",
        );
        assert_eq!(meta.author.as_deref(), Some("Mei Leandha"));
        assert_eq!(meta.editor.as_deref(), Some("Dwi Arjanto"));
        assert_eq!(rest.len(), 1);
    }

    #[test]
    fn a_short_line_far_from_the_header_stays() {
        let (meta, rest) = meta_of(
            "Kamis, 18 Februari 2016\n\nsatu\n\ndua\n\ntiga\n\nSurabaya Menang\n\nIsi berita yang panjang ini memiliki lebih dari sepuluh kata di dalamnya.",
        );
        assert_eq!(meta.author, None);
        assert_eq!(rest.len(), 5);
    }
}
