//! Site furniture out, and nothing else: lines that stand on their own (header lines, share
//! widgets, prompts) are split from the blocks they were glued to, then a line leaves the text
//! only when it is positively furniture. Every line taken out is returned, so callers can show
//! it; tag lists become tags and editor initials become data.

use super::lines::{Block, Line, more_words_than, words_upto};
use super::{boilerplate, byline, dateline, header, profiles, publication};
use crate::config::Outlet;
use chrono::FixedOffset;

/// What tidying took out of the text.
#[derive(Debug, Default)]
pub struct Tidied {
    /// Furniture lines, in text order.
    pub dropped: Vec<Line>,
    /// The outlet's own tags (tag lists, trailing labels, hashtag lines), in order.
    pub tags: Vec<String>,
    /// Editor initials on a line of their own (`(dnu/fjp)`, `[ded]`, `burs-kjm/sst`).
    pub initials: Option<String>,
}

// Links after a heading in mid-article: at most this many are taken as links.
const MAX_LINKS: usize = 8;
const MAX_LABEL_WORDS: usize = 14;
const MAX_TAG_WORDS: usize = 5;
// Longer than any header, furniture or caption line.
const MAX_SHORT_WORDS: usize = 40;
// Longer than any byline, date line, heading, tag line or outlet name (each has its own
// limit at or below this).
const MAX_HEADER_WORDS: usize = 20;

/// Whether `line` stands on its own even without blank lines around it.
pub fn stands_alone(line: &str, default: FixedOffset, user: &[Outlet]) -> bool {
    alone(line, default, user).0
}

// Whether `line` stands alone, and whether it is known to be neither a byline nor a header
// date line (a line too long for both, or one asked both questions).
fn alone(line: &str, default: FixedOffset, user: &[Outlet]) -> (bool, bool) {
    // Words counted once: most checks are for short lines only.
    let words = words_upto(line, MAX_SHORT_WORDS + 1);
    // Only a dateline opens a long line; furniture, headers and captions are short.
    if words > MAX_SHORT_WORDS {
        return (dateline::parse(line).is_some(), true);
    }
    let short = words <= MAX_HEADER_WORDS;
    let furniture = profiles::is_furniture_in(line, user)
        || profiles::tag_marker_in(line, user).is_some()
        || boilerplate::is_teaser(line)
        || boilerplate::is_prompt(line)
        || (short && boilerplate::is_nav_heading(line))
        || (short && initials_only(line).is_some());
    if furniture {
        return (true, false);
    }
    if short
        && (publication::date_line(line, default).is_some()
            || byline::parse(line, default).is_some())
    {
        return (true, false);
    }
    let stands = dateline::parse(line).is_some()
        || profiles::credit_start(line).is_some()
        || (short && is_hashtag_line(line))
        || (short && is_relative_age(line))
        || (short && profiles::is_outlet_name(line.strip_prefix("Wartawan ").unwrap_or(line)))
        || (short && header::is_role(line));
    (stands, true)
}

/// Whether `line` only says how old the page is (`Updated 4 years ago`, `2 jam yang lalu`):
/// no date, and furniture.
pub fn is_relative_age(line: &str) -> bool {
    if more_words_than(line, 6) {
        return false;
    }
    let words: Vec<String> = super::lines::words_lower(line);
    let units = [
        "years", "year", "months", "month", "days", "day", "hours", "hour", "minutes", "minute",
        "tahun", "bulan", "hari", "jam", "menit",
    ];
    (2..=6).contains(&words.len())
        && matches!(words.last().map(String::as_str), Some("ago" | "lalu"))
        && words.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()))
        && words.iter().any(|w| units.contains(&w.as_str()))
}

// `#Banjir Garut`, `# ojol`: an outlet's tag written as a hashtag line.
fn is_hashtag_line(line: &str) -> bool {
    line.starts_with('#') && is_label(line) && !more_words_than(line, MAX_TAG_WORDS * 2)
}

/// Splits every block before and after each line that stands alone.
pub fn split_blocks(blocks: Vec<Block>, default: FixedOffset, user: &[Outlet]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        if block.lines.len() == 1 {
            out.push(block);
            continue;
        }
        let mut current = Block::default();
        for mut line in block.lines {
            let (stands, no_meta) = alone(&line.text, default, user);
            line.no_meta = no_meta;
            if stands {
                if !current.lines.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                out.push(Block { lines: vec![line] });
            } else {
                current.lines.push(line);
            }
        }
        if !current.lines.is_empty() {
            out.push(current);
        }
    }
    out
}

fn single(block: &Block) -> Option<&str> {
    match block.lines.as_slice() {
        [line] => Some(line.text.as_str()),
        _ => None,
    }
}

// A link title or a label: short, and not ending as a sentence does.
fn is_label(text: &str) -> bool {
    !more_words_than(text, MAX_LABEL_WORDS) && !text.ends_with(['.', '"', '”', ',', ';', ':', '!'])
}

fn initials_only(line: &str) -> Option<&str> {
    match boilerplate::initials(line) {
        Some(("", found)) => Some(found),
        _ => boilerplate::is_wire_signoff(line).then_some(line.trim()),
    }
}

// Whether every block from `from` on is a single label line (or furniture).
fn labels_to_end(blocks: &[Block], from: usize, user: &[Outlet]) -> bool {
    blocks[from..].iter().all(|b| {
        b.lines
            .iter()
            .all(|l| is_label(&l.text) || profiles::is_furniture_in(&l.text, user))
    })
}

// Tags written on one line: `a, b`, `#A #B C`, `# ojol`.
fn push_tags(tags: &mut Vec<String>, text: &str) {
    let parts: Vec<&str> = if text.contains('#') {
        text.split('#').collect()
    } else {
        text.split(',').collect()
    };
    for part in parts.iter().map(|p| p.trim()) {
        let fits = !part.is_empty() && part.split_whitespace().count() <= MAX_TAG_WORDS;
        if fits && !tags.iter().any(|t| t.eq_ignore_ascii_case(part)) {
            tags.push(part.to_string());
        }
    }
}

/// Takes furniture, tag lists and initials out of `blocks` (the body after the headline).
pub fn tidy(blocks: &mut Vec<Block>, user: &[Outlet]) -> Tidied {
    let mut found = Tidied::default();
    let mut taken = std::mem::take(blocks);
    let mut i = 0;
    while i < taken.len() {
        let block = &taken[i];
        let Some(text) = single(block) else {
            // Lookahead only reads later blocks: this one can move out.
            blocks.push(std::mem::take(&mut taken[i]));
            i += 1;
            continue;
        };
        let line = &block.lines[0];
        if let Some(initials) = initials_only(text) {
            found.initials.get_or_insert_with(|| initials.to_string());
            // detik's tags follow its initials as bare lines.
            if i + 1 < taken.len() && labels_to_end(&taken, i + 1, user) {
                take_tag_lines(&taken[i + 1..], &mut found, user);
                break;
            }
            i += 1;
            continue;
        }
        // A tag list ends the article only when nothing but labels follows it.
        if let Some(inline) = profiles::tag_marker_in(text, user)
            && labels_to_end(&taken, i + 1, user)
        {
            found.dropped.push(line.clone());
            push_tags(&mut found.tags, inline);
            take_tag_lines(&taken[i + 1..], &mut found, user);
            break;
        }
        if text.starts_with('#') && !blocks.is_empty() && labels_to_end(&taken, i, user) {
            take_tag_lines(&taken[i..], &mut found, user);
            break;
        }
        let heading = boilerplate::is_nav_heading(text)
            || (boilerplate::is_teaser(text) && text.ends_with(':'));
        if heading && !blocks.is_empty() {
            found.dropped.push(line.clone());
            i = take_links(&mut taken, i + 1, &mut found, user);
            continue;
        }
        if profiles::is_furniture_in(text, user)
            || boilerplate::is_teaser(text)
            || boilerplate::is_prompt(text)
            || is_relative_age(text)
        {
            found.dropped.push(line.clone());
            i += 1;
            continue;
        }
        blocks.push(std::mem::take(&mut taken[i]));
        i += 1;
    }
    found
}

// The link titles after a heading from block `from` on: all of them when nothing but labels
// follows, else at most `MAX_LINKS` and never past a line of prose. Returns the block to read
// next: what follows the links is read again as any line is (a teaser, furniture, text).
fn take_links(taken: &mut [Block], from: usize, found: &mut Tidied, user: &[Outlet]) -> usize {
    let trailing = labels_to_end(taken, from, user);
    let mut links = 0;
    let mut i = from;
    while let Some(block) = taken.get_mut(i) {
        // An outlet's tag list after the links is read as one.
        if single(block).is_some_and(|t| profiles::tag_marker_in(t, user).is_some()) {
            break;
        }
        let mut n = 0;
        while block
            .lines
            .get(n)
            .is_some_and(|l| is_label(&l.text) && (trailing || links < MAX_LINKS))
        {
            n += 1;
            links += 1;
        }
        found.dropped.extend(block.lines.drain(..n));
        if !block.lines.is_empty() {
            break;
        }
        i += 1;
    }
    i
}

// Label lines after a tag marker or initials: tags, or furniture where the table says so.
fn take_tag_lines(rest: &[Block], found: &mut Tidied, user: &[Outlet]) {
    for line in rest.iter().flat_map(|b| &b.lines) {
        if profiles::is_furniture_in(&line.text, user)
            || profiles::tag_marker_in(&line.text, user) == Some("")
        {
            found.dropped.push(line.clone());
        } else {
            push_tags(&mut found.tags, &line.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::news::lines::blocks;

    fn wib() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).expect("offset")
    }

    fn run(text: &str) -> (Vec<String>, Tidied) {
        let mut b = split_blocks(blocks(text), wib(), &[]);
        let found = tidy(&mut b, &[]);
        (b.iter().map(Block::joined).collect(), found)
    }

    #[test]
    fn a_heading_followed_by_prose_drops_only_its_links() {
        let (kept, found) = run(
            "Satu kalimat.\nBerita Terkait\nJudul Lain Satu\nJudul Lain Dua\n\"Kami siap,\" kata dia.\nPenutup artikel.",
        );
        assert_eq!(
            kept,
            ["Satu kalimat.", "\"Kami siap,\" kata dia. Penutup artikel."]
        );
        assert_eq!(found.dropped.len(), 3);
    }

    #[test]
    fn a_teaser_after_links_is_still_furniture() {
        let (kept, found) = run(
            "Isi berita.\n\nBerita Populer\n\nArtikel ini telah tayang di Tribunnews.com dengan judul Polisi Tangkap Pengedar Sabu di Tanjung Priok Utara",
        );
        assert_eq!(kept, ["Isi berita."]);
        assert_eq!(found.dropped.len(), 2);
    }

    #[test]
    fn advertisement_between_paragraphs_ends_nothing() {
        let (kept, found) = run("Satu.\n\nADVERTISEMENT\n\nDua.\n\nIklan\n\nTiga.");
        assert_eq!(kept, ["Satu.", "Dua.", "Tiga."]);
        assert_eq!(found.dropped.len(), 2);
    }

    #[test]
    fn tag_lists_and_initials_become_data() {
        let (kept, found) = run("Isi berita.\n(dnu/fjp)\nkecelakaan\ntol jagorawi");
        assert_eq!(kept, ["Isi berita."]);
        assert_eq!(found.tags, ["kecelakaan", "tol jagorawi"]);
        assert_eq!(found.initials.as_deref(), Some("dnu/fjp"));
        let (_, found) = run("Isi berita.\n\nTopik:\n\n#Gerhana Bulan #BRIN");
        assert_eq!(found.tags, ["Gerhana Bulan", "BRIN"]);
    }

    #[test]
    fn relative_ages_are_furniture() {
        assert!(is_relative_age("Updated 4 years ago"));
        assert!(is_relative_age("2 jam yang lalu"));
        assert!(!is_relative_age("Dua tahun lalu ia datang."));
        assert!(!is_relative_age(
            "Ia tiba 3 hari lalu di Jakarta dan langsung bekerja keras."
        ));
    }

    #[test]
    fn a_tag_marker_before_prose_is_kept() {
        let (kept, found) = run("Isi berita.\n\nTag\n\nKalimat nyata yang panjang ini tetap ada.");
        assert_eq!(kept.len(), 3);
        assert!(found.tags.is_empty());
    }
}
