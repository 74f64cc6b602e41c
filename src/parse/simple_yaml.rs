//! The shape nearly all YAML front matter takes, read directly: one `key: value` per line,
//! values plain, `"double-quoted"` or `'single-quoted'`, tags as a `[flow, list]`.
//!
//! serde-saphyr reads full YAML with exact error positions, but at ~45 µs per block it was an
//! eighth of a clean build. This reader takes the common case in a few µs and hands anything
//! else (comments, block lists, escapes, multi-line values, values YAML would read as numbers,
//! booleans or null, repeated keys, structured fields, any problem) back to the full reader
//! (serde-saphyr) by returning `None`, so results and error messages stay those of the full
//! reader. Both hand each key to the one vocabulary. A differential test holds the two to the
//! same answers.

use super::front_matter::FrontMatter;
use super::value::Value;
use super::vocabulary::{self, Field};

/// Reads `front` (whose first line is file line `front_line`) if it is in the simple shape;
/// `None` sends it to the full YAML reader, as does any problem, so that the full reader
/// reports it.
pub fn read(front: &str, front_line: usize) -> Option<FrontMatter> {
    let mut fm = FrontMatter::default();
    let mut problems = Vec::new();
    let mut seen: Vec<&str> = Vec::with_capacity(12);
    for (i, line) in front.split('\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once(": ")?;
        if !simple_key(key) || seen.contains(&key) {
            return None;
        }
        seen.push(key);
        let value = value.trim_end_matches(' ');
        let value = match vocabulary::field_of(key) {
            // One name (`tags: rust`) has rules of its own: the full reader applies them.
            Some(Field::Tags { .. } | Field::Aliases) => {
                Value::List(flow_list(value)?.into_iter().map(Value::Text).collect())
            }
            Some(Field::Draft | Field::Published | Field::Toc) => Value::Bool(match value {
                "true" => true,
                "false" => false,
                _ => return None,
            }),
            Some(Field::Date | Field::Updated) => Value::Text(date(value)?),
            Some(Field::Captions | Field::Extra | Field::Taxonomies) => return None,
            _ => Value::Text(scalar(value, false)?),
        };
        vocabulary::apply(&mut fm, &mut problems, key, value, front_line + i);
    }
    problems.is_empty().then_some(fm)
}

// A key YAML reads as this very name: a letter, then letters, digits, `_` and `-`.
fn simple_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !SPECIAL.iter().any(|w| key.eq_ignore_ascii_case(w))
}

// A date as text: quoted, or plain starting `YYYY-` (which YAML cannot read as a number).
fn date(value: &str) -> Option<String> {
    if date_like(value) {
        return plain(value, false);
    }
    quoted(value)
}

// `[a, "b", 'c']`: one line, no nesting, items separated by `, `.
fn flow_list(value: &str) -> Option<Vec<String>> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    if inner.trim().is_empty() {
        return inner.is_empty().then(Vec::new);
    }
    inner.split(", ").map(|item| scalar(item, true)).collect()
}

// A string value: quoted, or plain when YAML would read it as a string.
fn scalar(value: &str, in_list: bool) -> Option<String> {
    quoted(value).or_else(|| plain(value, in_list))
}

fn quoted(value: &str) -> Option<String> {
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        // No escapes and no inner quote: the text is the value.
        return (inner.len() < value.len() - 1
            && !inner.contains(['"', '\\'])
            && inner.chars().all(plain_char))
        .then(|| inner.to_string());
    }
    let inner = value.strip_prefix('\'')?.strip_suffix('\'')?;
    (inner.len() < value.len() - 1 && !inner.contains('\'') && inner.chars().all(plain_char))
        .then(|| inner.to_string())
}

// A plain scalar YAML reads as this very string: no indicator first, no `: ` or ` #`
// inside, nothing that resolves to null, a boolean or a number.
fn plain(value: &str, in_list: bool) -> Option<String> {
    let first = value.chars().next()?;
    let indicators = "-?:,[]{}#&*!|>'\"%@`~+.0123456789";
    if indicators.contains(first) && !(first.is_ascii_digit() && date_like(value))
        || value.starts_with(' ')
        || value.ends_with([' ', ':'])
        || value.contains(": ")
        || value.contains(" #")
        || (in_list && value.contains([',', '[', ']', '{', '}', ':', '#']))
        || !value.chars().all(plain_char)
    {
        return None;
    }
    if SPECIAL.iter().any(|w| value.eq_ignore_ascii_case(w)) {
        return None;
    }
    Some(value.to_string())
}

// Plain words YAML may read as null, a boolean or a number.
const SPECIAL: [&str; 11] = [
    "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf",
];

fn date_like(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

// Characters that mean the same in every YAML context: no controls, tabs, byte-order mark or
// the line breaks YAML 1.1 knows beyond `\n`.
fn plain_char(c: char) -> bool {
    !(c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::parse::front_matter::{FrontMatterKind, read_fully};

    fn read(front: &str) -> Option<FrontMatter> {
        super::read(front, 2)
    }

    fn full(front: &str) -> Result<FrontMatter, String> {
        let (fm, problems) = read_fully(FrontMatterKind::Yaml, front, 2);
        match problems.first() {
            Some(problem) => Err(problem.message.clone()),
            None => Ok(fm),
        }
    }

    #[test]
    fn the_common_shape_is_read() {
        let fm = read(
            "title: \"Jokowi: kunjungi Twitter\"\ndate: 2016-02-18T09:28:00+07:00\n\
             tags: [\"Jokowi\", Twitter, 'Silicon Valley']\nauthor: Sari\ndraft: false\n",
        )
        .expect("simple");
        assert_eq!(fm.title.as_deref(), Some("Jokowi: kunjungi Twitter"));
        assert_eq!(fm.date.as_deref(), Some("2016-02-18T09:28:00+07:00"));
        assert_eq!(
            fm.tags,
            Some(vec![
                "Jokowi".into(),
                "Twitter".into(),
                "Silicon Valley".into()
            ])
        );
        assert_eq!(fm.author.as_deref(), Some("Sari"));
        assert_eq!(fm.draft, Some(false));
    }

    #[test]
    fn anything_else_goes_to_the_full_reader() {
        for front in [
            "title: A # komentar\n",
            "title: \"A\\\"B\"\n",
            "title: 2016\n",
            "title: yes\n",
            "title: ~\n",
            "title: A\ntitle: B\n",
            "tags: rust\n",
            "true: A\n",
            "tags:\n  - a\n",
            "tags: [a, [b]]\n",
            "title: |\n  A\n",
            "title: \"A\n  B\"\n",
            "captions: [{text: A}]\n",
            "draft: yes\n",
            "date: 2016\n",
            "title:A\n",
            "title: a: b\n",
            "# komentar\ntitle: A\n",
            " title: A\n",
            "title: \"\"\"\n",
        ] {
            assert!(read(front).is_none(), "{front:?}");
        }
    }

    #[test]
    fn every_front_matter_in_the_repository_reads_as_the_full_reader_reads_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut accepted = 0;
        for dir in ["content", "tests"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                let Ok(split) = super::super::front_matter::split(&text) else {
                    continue;
                };
                let Some((super::super::front_matter::FrontMatterKind::Yaml, front)) = split.front
                else {
                    continue;
                };
                if let Some(fast) = super::read(front, split.front_line) {
                    accepted += 1;
                    let (slow, problems) =
                        read_fully(FrontMatterKind::Yaml, front, split.front_line);
                    assert!(problems.is_empty(), "{:?}: {problems:?}", entry.path());
                    assert_eq!(
                        format!("{fast:?}"),
                        format!("{slow:?}"),
                        "{:?}",
                        entry.path()
                    );
                }
            }
        }
        assert!(accepted >= 10, "only {accepted} accepted");
    }

    // A small deterministic generator (xorshift), so a failure repeats.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn text(&mut self, pieces: &[&str], n: usize) -> String {
            (0..n).map(|_| pieces[self.below(pieces.len())]).collect()
        }
    }

    // Builds front matter from pieces that trip YAML readers up, and checks that whatever
    // this reader accepts, serde-saphyr reads the same way.
    #[test]
    fn accepted_front_matter_reads_as_the_full_yaml_reader_reads_it() {
        // Keys of the vocabulary under several names, and keys outside it.
        const KEYS: [&str; 16] = [
            "title",
            "date",
            "tags",
            "author",
            "draft",
            "slug",
            "updated",
            "x",
            "categories",
            "summary",
            "published",
            "aliases",
            "image",
            "layout",
            "lastmod",
            "path",
        ];
        const PIECES: [&str; 39] = [
            "A",
            "Jokowi",
            "Kafé",
            " ",
            ":",
            ": ",
            "#",
            " #",
            "\"",
            "'",
            "[",
            "]",
            ",",
            ", ",
            "-",
            "2016",
            "-02-18",
            "T09:28:00+07:00",
            "true",
            "null",
            "~",
            "yes",
            "1.5",
            ".",
            "\\",
            "{",
            "}",
            "&",
            "*",
            "!",
            "%",
            "@",
            "`",
            "\u{85}",
            "=",
            "<<",
            "\t",
            "\\n",
            "\u{a0}",
        ];
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut accepted = 0;
        for _ in 0..6000 {
            let mut front = String::new();
            for _ in 0..1 + rng.below(3) {
                front.push_str(KEYS[rng.below(KEYS.len())]);
                front.push_str(if rng.below(10) == 0 { ":" } else { ": " });
                let value = match rng.below(5) {
                    0 => format!("\"{}\"", rng.text(&PIECES, 3)),
                    1 => format!("'{}'", rng.text(&PIECES, 3)),
                    2 => {
                        let items: Vec<String> = (0..rng.below(4))
                            .map(|_| match rng.below(3) {
                                0 => format!("\"{}\"", rng.text(&PIECES, 2)),
                                1 => rng.text(&PIECES, 1),
                                _ => format!("Tag{}", rng.text(&PIECES, 1)),
                            })
                            .collect();
                        format!("[{}]", items.join(", "))
                    }
                    3 => format!("Kata{}", rng.text(&PIECES, 2)),
                    _ => {
                        let n = rng.below(4);
                        rng.text(&PIECES, n)
                    }
                };
                front.push_str(&value);
                front.push('\n');
            }
            if let Some(fast) = read(&front) {
                accepted += 1;
                let slow = full(&front).unwrap_or_else(|e| panic!("{front:?}: {e}"));
                assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{front:?}");
            }
        }
        // The generator must reach the accepting paths, or the test proves nothing.
        assert!(accepted > 200, "only {accepted} accepted");
    }
}
