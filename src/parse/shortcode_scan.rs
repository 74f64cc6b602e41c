//! The scanning under [`super::shortcodes`]: code fences, code spans, tag ends, line numbers
//! and shortcode arguments, each found with caches that only move forward, so hostile text
//! (thousands of unclosed `{%` or unmatched backticks on one line) stays linear.

use std::collections::HashMap;

/// A code fence line: its character, its length and its info string.
pub(super) fn fence_of(line: &str) -> Option<(u8, usize, &str)> {
    // Any indentation counts: a fence in a list item is indented, and leaving a tag inside
    // code untouched is the safe mistake.
    let trimmed = line.trim_start_matches([' ', '\t']);
    let c = *trimmed.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = trimmed.bytes().take_while(|&b| b == c).count();
    let info = trimmed[n..].trim();
    (n >= 3 && !(c == b'`' && info.contains('`'))).then_some((c, n, info))
}

/// The backtick runs of one line, to tell code spans (left alone) from text.
pub(super) struct Backticks {
    /// Start (in the whole body) and length of each run, in order.
    runs: Vec<(usize, usize)>,
    next: usize,
    /// For each run length, the runs of that length and how many are behind us.
    by_len: HashMap<usize, (Vec<usize>, usize)>,
}

impl Backticks {
    pub(super) fn new(line: &str, offset: usize) -> Self {
        let mut runs = Vec::new();
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'`' {
                let n = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                runs.push((offset + i, n));
                i += n;
            } else {
                i += 1;
            }
        }
        let mut by_len: HashMap<usize, (Vec<usize>, usize)> = HashMap::new();
        for (index, &(_, n)) in runs.iter().enumerate() {
            by_len.entry(n).or_default().0.push(index);
        }
        Backticks {
            runs,
            next: 0,
            by_len,
        }
    }

    // The index of the run starting at `at` (calls come with growing `at`).
    fn index_at(&mut self, at: usize) -> Option<usize> {
        while self.next < self.runs.len() && self.runs[self.next].0 < at {
            self.next += 1;
        }
        (self.runs.get(self.next)?.0 == at).then_some(self.next)
    }

    /// Where the code span opened by the run at `at` ends, if a run of its length closes it.
    pub(super) fn span_end(&mut self, at: usize) -> Option<usize> {
        let index = self.index_at(at)?;
        let n = self.runs[index].1;
        let (same, behind) = self.by_len.get_mut(&n)?;
        while *behind < same.len() && same[*behind] <= index {
            *behind += 1;
        }
        let close = *same.get(*behind)?;
        Some(self.runs[close].0 + n)
    }

    /// The end of the run at `at` (one byte on when there is none).
    pub(super) fn run_end(&mut self, at: usize) -> usize {
        match self.index_at(at) {
            Some(index) => at + self.runs[index].1,
            None => at + 1,
        }
    }
}

/// The next place a tag's closing marker (`%}`, `}}`) appears on a line, remembered.
pub(super) struct Closer {
    pattern: &'static str,
    next: Option<usize>,
    none_left: bool,
}

impl Closer {
    pub(super) fn new(pattern: &'static str) -> Self {
        Closer {
            pattern,
            next: None,
            none_left: false,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.pattern.len()
    }

    /// The first `pattern` in `body[from..end]`.
    pub(super) fn find(&mut self, body: &str, from: usize, end: usize) -> Option<usize> {
        if self.none_left || from > end {
            return None;
        }
        if let Some(next) = self.next
            && next >= from
        {
            return Some(next);
        }
        self.next = body[from..end].find(self.pattern).map(|i| from + i);
        self.none_left = self.next.is_none();
        self.next
    }
}

/// Line numbers of byte offsets asked for in growing order.
#[derive(Default)]
pub(crate) struct Lines {
    counted: usize,
    newlines: usize,
}

impl Lines {
    pub(crate) fn line_at(&mut self, body: &str, at: usize) -> usize {
        let at = at.min(body.len());
        if at > self.counted {
            self.newlines += body.as_bytes()[self.counted..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.counted = at;
        }
        self.newlines + 1
    }
}

/// The first `{% name %}` tag in `body` after `from`: its start and end.
pub(super) fn find_end_tag(body: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    for (k, _) in body[from..].match_indices(name) {
        let k = from + k;
        let before = body[from..k].trim_end();
        let before = before.strip_suffix('-').unwrap_or(before);
        let after = body[k + name.len()..].trim_start();
        let after = after.strip_prefix('-').unwrap_or(after);
        if before.ends_with("{%") && after.starts_with("%}") {
            let start = from + before.len() - 2;
            let end = body.len() - after.len() + 2;
            return Some((start, end));
        }
    }
    None
}

/// The arguments of a shortcode: `"a" key="b c" k=d` as (key, value) pairs, positional ones
/// without a key.
pub(super) fn arguments(text: &str) -> Vec<(Option<&str>, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let (key, after) =
            match rest.find(|c: char| c == '=' || c.is_whitespace() || "\"'`".contains(c)) {
                Some(i) if rest[i..].starts_with('=') => (Some(&rest[..i]), &rest[i + 1..]),
                _ => (None, rest),
            };
        let (value, after) = value(after);
        out.push((key, value));
        rest = after.trim_start();
    }
    out
}

// One value, quoted (`"…"`, `'…'`, `` `…` ``, with `\"` inside double quotes) or bare.
fn value(text: &str) -> (String, &str) {
    let Some(quote) = text.chars().next().filter(|c| "\"'`".contains(*c)) else {
        let end = text.find(char::is_whitespace).unwrap_or(text.len());
        return (text[..end].to_string(), &text[end..]);
    };
    let mut value = String::new();
    let mut chars = text[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        if c == quote {
            return (value, &text[1 + i + 1..]);
        }
        if c == '\\' && quote == '"' {
            if let Some((_, next)) = chars.next() {
                value.push(next);
            }
            continue;
        }
        value.push(c);
    }
    (value, "")
}
