//! Photo captions and their credits, as news sites leave them in copied text:
//! `TEXT` then `Sumber :` then `• CREDIT`; `TEXT (Sumber: CREDIT)`; `TEXT. Kredit: CREDIT`;
//! `TEXT` then `Foto: CREDIT`. Each becomes a [`Caption`] and leaves the body.

use chrono::FixedOffset;

use super::caption_credits::{dashed_credit, is_bare_credit, trailing_credit};
use super::lines::{Block, Line, more_words_than};
use super::{Caption, byline, publication};

const LABELS: &[&str] = &[
    "sumber",
    "foto",
    "kredit",
    "credit",
    "photo",
    "dok",
    "ilustrasi foto",
];
const BULLETS: &[char] = &['•', '·', '▪', '►', '-', '*'];
// A caption is a short line; a paragraph that happens to cite a source is longer.
const MAX_CAPTION_WORDS: usize = 25;
pub(super) const MAX_CREDIT_WORDS: usize = 8;
// The longest line that can hold a caption and its credit (with a label or a gallery counter
// before it, and a credit glued to the text's last word): longer lines are prose.
const MAX_CAPTION_LINE_WORDS: usize = MAX_CAPTION_WORDS + MAX_CREDIT_WORDS + 3;

/// Takes the captions out of `block`: returns them and the block's other lines.
pub fn extract(block: &Block) -> (Vec<Caption>, Block) {
    let mut captions = Vec::new();
    let mut kept: Vec<Line> = Vec::new();
    let mut lines = block.lines.iter().peekable();
    while let Some(line) = lines.next() {
        let text = line.text.as_str();
        if text
            .split_whitespace()
            .nth(MAX_CAPTION_LINE_WORDS)
            .is_some()
        {
            kept.push(line.clone());
            continue;
        }
        // `Sumber :` alone: the credit is on the next line, often after a bullet.
        if label_only(text) {
            let credit = lines.next().map(|l| strip_bullet(&l.text).to_string());
            if let Some(caption_text) = kept.pop() {
                captions.push(caption(&caption_text.text, credit));
                continue;
            }
            if let Some(credit) = credit {
                captions.push(caption(&credit, None));
            }
            continue;
        }
        // BBC: `Sumber gambar, CREDIT` then `Keterangan gambar, TEXT`.
        if let Some(credit) = text.strip_prefix("Sumber gambar,")
            && let Some(next) = lines.next_if(|n| n.text.starts_with("Keterangan gambar,"))
        {
            let caption_text = next
                .text
                .trim_start_matches("Keterangan gambar,")
                .trim_end_matches('.');
            captions.push(caption(caption_text, Some(credit.to_string())));
            continue;
        }
        // `TEXT (CREDIT/NAME)`, `TEXT. ANTARA FOTO/NAME/xyz.`, `Foto: TEXT (CREDIT)`.
        if let Some(found) = trailing_credit(text) {
            captions.push(found);
            continue;
        }
        // `Foto: CREDIT` or `• CREDIT` under a caption line.
        let bullet = is_bulleted(text);
        if let Some(credit) = labelled(text).or_else(|| bullet.then(|| strip_bullet(text))) {
            let short = credit.split_whitespace().count() <= MAX_CREDIT_WORDS;
            // A bullet under another bullet is a list, not a credit under its caption.
            if short
                && kept.last().is_some_and(|l| {
                    is_caption_text(&l.text)
                        && !(bullet && is_bulleted(&l.text))
                        && !super::profiles::is_furniture(&l.text)
                })
                && let Some(caption_text) = kept.pop()
            {
                captions.push(caption(&caption_text.text, Some(credit.to_string())));
                continue;
            }
            // `Foto: CREDIT` above its caption (VIVA, Republika).
            if short
                && !bullet
                && let Some(next) = lines.next_if(|n| {
                    is_caption_text(&n.text) && super::dateline::parse(&n.text).is_none()
                })
            {
                captions.push(caption(&next.text, Some(credit.to_string())));
                continue;
            }
        }
        // `ANTARA/Name` alone, then the caption under it.
        if is_bare_credit(text)
            && let Some(next) = lines
                .next_if(|n| is_caption_text(&n.text) && super::dateline::parse(&n.text).is_none())
        {
            captions.push(caption(
                next.text.trim_end_matches('.'),
                Some(text.to_string()),
            ));
            continue;
        }
        // `TEXT (Sumber: CREDIT)` or `TEXT. Kredit: CREDIT` on one line; the credit first
        // (`SUARA MERDEKA/NAME - TEXT`) or after a dash (`TEXT. - Harian Jogja/Name`).
        if let Some(found) = inline(text).or_else(|| dashed_credit(text)) {
            captions.push(found);
            continue;
        }
        kept.push(line.clone());
    }
    (captions, Block { lines: kept })
}

fn is_bulleted(text: &str) -> bool {
    text.starts_with(['•', '·', '▪', '►'])
}

pub(super) fn caption(text: &str, credit: Option<String>) -> Caption {
    Caption {
        text: text.trim().to_string(),
        credit: credit
            .map(|c| c.trim().trim_end_matches('.').trim().to_string())
            .filter(|c| !c.is_empty()),
    }
}

fn is_label(word: &str) -> bool {
    LABELS.contains(&word.trim().to_lowercase().as_str())
}

fn label_only(text: &str) -> bool {
    text.strip_suffix(':').is_some_and(is_label)
}

// `Foto: CREDIT` -> `CREDIT`.
pub(super) fn labelled(text: &str) -> Option<&str> {
    let text = strip_bullet(text);
    let (label, value) = text.split_once(':')?;
    (is_label(label) && !value.trim().is_empty()).then(|| value.trim())
}

fn strip_bullet(text: &str) -> &str {
    text.trim_start_matches(BULLETS).trim()
}

pub(super) fn is_caption_text(text: &str) -> bool {
    // Any zone will do: the question is only whether the line is a header line.
    let utc = FixedOffset::east_opt(0).expect("zero offset");
    !more_words_than(text, MAX_CAPTION_WORDS)
        && !text.ends_with(':')
        && publication::date_line(text, utc).is_none()
        && byline::parse(text, utc).is_none()
}

fn inline(text: &str) -> Option<Caption> {
    // `TEXT (Sumber: CREDIT)`
    if let Some(inner) = text.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let before = &inner[..open];
        if let Some(credit) = labelled(&inner[open + 1..])
            && is_caption_text(before)
            && !before.trim().is_empty()
        {
            return Some(caption(before, Some(credit.to_string())));
        }
    }
    // `TEXT. Kredit: CREDIT` (or `TEXT | Foto: CREDIT`)
    let at = last_label_at(text)?;
    if at == 0 || !text.is_char_boundary(at) {
        return None;
    }
    let before = text[..at].trim_end();
    // The label must start a new sentence or segment, not sit inside one.
    if !before.ends_with(['.', '|', '-', '–', ',']) {
        return None;
    }
    let credit = labelled(&text[at..])?;
    let before = before.trim_end_matches(['|', '-', '–', ',']).trim_end();
    let words = credit.split_whitespace().count();
    (is_caption_text(before) && words <= MAX_CREDIT_WORDS)
        .then(|| caption(before.trim_end_matches('.'), Some(credit.to_string())))
}

// Where the last `LABEL:` or `LABEL :` of `text` starts (labels in any case).
fn last_label_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    text.match_indices(':')
        .flat_map(|(colon, _)| {
            let head = &bytes[..colon];
            let head = head.strip_suffix(b" ").unwrap_or(head);
            LABELS.iter().filter_map(move |label| {
                let start = head.len().checked_sub(label.len())?;
                head[start..]
                    .eq_ignore_ascii_case(label.as_bytes())
                    .then_some(start)
            })
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::news::lines::blocks;

    fn run(text: &str) -> (Vec<Caption>, String) {
        let block = blocks(text).remove(0);
        let (captions, rest) = extract(&block);
        (captions, rest.joined())
    }

    fn cap(text: &str, credit: &str) -> Caption {
        Caption {
            text: text.to_string(),
            credit: Some(credit.to_string()),
        }
    }

    #[test]
    fn credits_alone_first_after_a_dash_and_outlets_in_brackets() {
        let (captions, rest) = run("ANTARA/Aditya Pradana Putra\nPetugas mengukur lahan wakaf.");
        assert_eq!(
            captions,
            [cap(
                "Petugas mengukur lahan wakaf",
                "ANTARA/Aditya Pradana Putra"
            )]
        );
        assert_eq!(rest, "");
        let (captions, _) = run("SUARA MERDEKA/HARTATIK - GENANGAN ROB: Warga melintas.");
        assert_eq!(
            captions,
            [cap(
                "GENANGAN ROB: Warga melintas.",
                "SUARA MERDEKA/HARTATIK"
            )]
        );
        let (captions, _) = run("Ilustrasi banjir. - Harian Jogja/Desi Suryanto");
        assert_eq!(
            captions,
            [cap("Ilustrasi banjir", "Harian Jogja/Desi Suryanto")]
        );
        let (captions, _) = run("Foto: Ilustrasi kebakaran (Okezone)");
        assert_eq!(captions, [cap("Ilustrasi kebakaran", "Okezone")]);
        let (captions, _) = run("Menteri memberi keterangan. (Liputan6.com/Faizal Fanani)");
        assert_eq!(
            captions,
            [cap(
                "Menteri memberi keterangan",
                "Liputan6.com/Faizal Fanani"
            )]
        );
    }

    #[test]
    fn a_bulleted_list_is_text() {
        let (captions, rest) = run(
            "Kawasan yang paling cepat turun:\n• Muara Baru, Penjaringan\n• Pluit dan Muara Angke",
        );
        assert!(captions.is_empty(), "{captions:?}");
        assert!(rest.contains("• Pluit dan Muara Angke"), "{rest}");
    }

    #[test]
    fn label_line_then_bullet_credit() {
        let (captions, rest) = run(
            "Presiden Jokowi dan CEO Twiiter, Jack Dorsey\nSumber :\n  • twitter indonesia/@TwitterID",
        );
        assert_eq!(
            captions,
            [cap(
                "Presiden Jokowi dan CEO Twiiter, Jack Dorsey",
                "twitter indonesia/@TwitterID"
            )]
        );
        assert_eq!(rest, "");
    }

    #[test]
    fn inline_credits_and_following_paragraph() {
        let (captions, rest) = run("Jokowi di Markas Twitter (Sumber: Twitter Jokowi)");
        assert_eq!(
            captions,
            [cap("Jokowi di Markas Twitter", "Twitter Jokowi")]
        );
        assert_eq!(rest, "");
        let (captions, rest) = run(
            "Jokowi, Iriana, dan CEO Twitter Jack Dorsey. Kredit: Istimewa\nHal ini didasarkan pada fakta.",
        );
        assert_eq!(
            captions,
            [cap(
                "Jokowi, Iriana, dan CEO Twitter Jack Dorsey",
                "Istimewa"
            )]
        );
        assert_eq!(rest, "Hal ini didasarkan pada fakta.");
        let (captions, _) = run("Suasana pasar pagi ini\nFoto: Antara/Ade");
        assert_eq!(captions, [cap("Suasana pasar pagi ini", "Antara/Ade")]);
    }

    #[test]
    fn credits_closing_a_caption_line() {
        let (captions, _) =
            run("Warga antre air bersih, Rabu (8/7/2020). ANTARA FOTO/Raisan Al Farisi/aww.");
        assert_eq!(
            captions,
            [cap(
                "Warga antre air bersih, Rabu (8/7/2020)",
                "ANTARA FOTO/Raisan Al Farisi/aww"
            )]
        );
        let (captions, _) = run("[1/2] A guard walks past the bank. REUTERS/Willy Kurniawan");
        assert_eq!(
            captions,
            [cap(
                "A guard walks past the bank",
                "REUTERS/Willy Kurniawan"
            )]
        );
        let (captions, _) = run("Foto: Ilustrasi kecelakaan (Danu Prasetyo/detikcom)");
        assert_eq!(
            captions,
            [cap("Ilustrasi kecelakaan", "Danu Prasetyo/detikcom")]
        );
        let (captions, _) =
            run("Sumber gambar, Getty Images\nKeterangan gambar, Petani memanen padi.");
        assert_eq!(captions, [cap("Petani memanen padi", "Getty Images")]);
        let (captions, rest) = run("Semua selamat, kata dia. (dnu/fjp)\nTiba Kamis (18/2/2016)");
        assert!(captions.is_empty());
        assert_eq!(
            rest,
            "Semua selamat, kata dia. (dnu/fjp) Tiba Kamis (18/2/2016)"
        );
    }

    #[test]
    fn sources_cited_inside_a_sentence_stay_in_the_body() {
        let text = "Menurut data terbaru (sumber: BPS) inflasi naik, dan pemerintah menyiapkan langkah untuk menekan harga beras serta minyak goreng di seluruh provinsi pada bulan depan tanpa menambah utang baru.";
        let (captions, rest) = run(text);
        assert!(captions.is_empty());
        assert_eq!(rest, text);
    }
}
