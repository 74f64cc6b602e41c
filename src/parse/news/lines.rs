//! Cutting newsroom text into blocks (runs of non-blank lines) that remember their file lines,
//! so every later step can say where it found something.

/// One non-blank line, trimmed, with its 1-based line number in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub text: String,
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
}
