//! Cutting newsroom text into blocks (runs of non-blank lines) that remember their file lines,
//! so every later step can say where it found something.

/// One non-blank line, trimmed, with its 1-based line number in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub text: String,
    /// Already found to be neither a byline nor a header date line (when splitting glued
    /// lines), so that the header need not ask again; false whenever the text changes.
    pub no_meta: bool,
}

/// A run of non-blank lines: a paragraph, a caption, a byline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    pub lines: Vec<Line>,
}

impl Block {
    /// The file line of the block's first line (0 for an empty block).
    pub fn first_line(&self) -> usize {
        self.lines.first().map_or(0, |l| l.number)
    }

    /// The lines joined by single spaces: the paragraph as a reader sees it.
    pub fn joined(&self) -> String {
        let parts: Vec<&str> = self.lines.iter().map(|l| l.text.as_str()).collect();
        parts.join(" ")
    }
}

/// Splits `text` into blocks separated by blank (or whitespace-only) lines. CRLF endings and
/// a byte order mark are accepted.
pub fn blocks(text: &str) -> Vec<Block> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut blocks = Vec::new();
    let mut current = Block::default();
    for (i, raw) in text.lines().enumerate() {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            if !current.lines.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.lines.push(Line {
                number: i + 1,
                text: trimmed.to_string(),
                no_meta: false,
            });
        }
    }
    if !current.lines.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// Lower-cased words of `text` (letters and digits only), for matching labels and markers.
pub fn words_lower(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How many words `text` has, as `split_whitespace` counts them, counting no further than
/// `limit`: most callers only ask whether a line is short, and a byte scan answers that
/// without decoding an ASCII line character by character.
pub fn words_upto(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = if b.is_ascii() {
            (matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '), 1)
        } else {
            // `i` is a character boundary: every step is one whole character.
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words >= limit {
                return limit;
            }
        }
        i += len;
    }
    words
}

/// Whether `text` has more than `n` words (`split_whitespace().nth(n).is_some()`).
pub fn more_words_than(text: &str, n: usize) -> bool {
    words_upto(text, n + 1) > n
}

/// `text` lower-cased up to at least `max` bytes (whole characters), and whether that is all of
/// it: enough to compare with table entries no longer than `max` without lower-casing a
/// paragraph.
pub fn lower_head(text: &str, max: usize) -> (String, bool) {
    // ASCII (nearly every line): one copy of the head, lower-cased in place.
    let head = text.as_bytes().get(..max).unwrap_or(text.as_bytes());
    if head.is_ascii() {
        let mut lower = String::from(std::str::from_utf8(head).unwrap_or_default());
        lower.make_ascii_lowercase();
        return (lower, head.len() == text.len());
    }
    let mut out = String::with_capacity(text.len().min(max) + 4);
    for c in text.chars() {
        if out.len() >= max {
            return (out, false);
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    (out, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_line_numbers_and_skip_blank_lines() {
        let blocks = blocks("\u{feff}Judul\r\n\r\nSatu\r\ndua\n \n\n  Tiga  ");
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].first_line(), 1);
        assert_eq!(blocks[1].joined(), "Satu dua");
        assert_eq!(blocks[2].lines[0].number, 7);
        assert_eq!(blocks[2].lines[0].text, "Tiga");
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let texts = [
            "",
            " ",
            "satu",
            "  satu  dua\ttiga\u{b}empat\u{c}lima ",
            "kata\u{a0}lain\u{2003}lagi\u{3000}dan\u{1c}satu",
            "\u{201c}Kami siap,\u{201d} kata dia \u{2014} lalu pergi.",
            "a b c d e f g h i j k l m n o p q r s t u v w",
        ];
        for text in texts {
            let count = text.split_whitespace().count();
            for limit in 0..30 {
                assert_eq!(
                    words_upto(text, limit),
                    count.min(limit),
                    "{text:?} {limit}"
                );
                assert_eq!(
                    more_words_than(text, limit),
                    text.split_whitespace().nth(limit).is_some()
                );
            }
        }
    }
}
