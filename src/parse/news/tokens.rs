//! Date text cut into tokens for [`super::dates`] and [`super::clock`]: runs of letters and
//! runs of digits are tokens (`15AM` is `15`, `AM`; `2nd` is `2`, `nd`; `03T10` is `03`, `T`,
//! `10`), and every other non-space character is a token of its own.

#[derive(Debug, Clone, Copy)]
pub(super) struct Token<'a> {
    pub(super) text: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn tokenize<'a>(text: &'a str) -> Vec<Token<'a>> {
    let mut tokens: Vec<Token<'a>> = Vec::new();
    // The current run's start and whether it is digits.
    let mut run: Option<(usize, bool)> = None;
    let push = |tokens: &mut Vec<Token<'a>>, s: usize, e: usize| {
        tokens.push(Token {
            text: &text[s..e],
            start: s,
            end: e,
        });
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            let digit = c.is_ascii_digit();
            match run {
                Some((s, was_digit)) if was_digit != digit => {
                    push(&mut tokens, s, i);
                    run = Some((i, digit));
                }
                Some(_) => {}
                None => run = Some((i, digit)),
            }
            continue;
        }
        if let Some((s, _)) = run.take() {
            push(&mut tokens, s, i);
        }
        if !c.is_whitespace() {
            push(&mut tokens, i, i + c.len_utf8());
        }
    }
    if let Some((s, _)) = run {
        push(&mut tokens, s, text.len());
    }
    tokens
}

pub(super) fn number(token: &Token<'_>, max_len: usize) -> Option<u32> {
    (token.text.len() <= max_len && token.text.chars().all(|c| c.is_ascii_digit()))
        .then(|| token.text.parse().ok())
        .flatten()
}

pub(super) fn is(tokens: &[Token<'_>], i: usize, text: &str) -> bool {
    tokens.get(i).is_some_and(|t| t.text == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_letters_are_separate_tokens() {
        let texts: Vec<&str> = tokenize("2nd 10:15AM 03T10 Jum'at")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            texts,
            [
                "2", "nd", "10", ":", "15", "AM", "03", "T", "10", "Jum", "'", "at"
            ]
        );
    }
}
