//! Writers' names as bylines and credits give them: whether a value is a name, one or several
//! names as one list, and shouted wire names as a reader writes them.

/// Several writers as one list: `A dan B`, `A and B`, `A & B`, `A, B` all become `A, B`, each
/// name as a reader writes it (`EDNA TARIGAN` -> `Edna Tarigan`).
pub fn names(value: &str) -> String {
    let mut list = vec![value.trim()];
    for joiner in [", ", " dan ", " and ", " & "] {
        list = list.iter().flat_map(|n| n.split(joiner)).collect();
    }
    let list: Vec<String> = list
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .map(as_written)
        .collect();
    list.join(", ")
}

/// `EDNA TARIGAN` -> `Edna Tarigan`: wire bylines and datelines shout names; a name with any
/// lowercase letter is kept as it is.
pub fn as_written(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            // `DC`, `AS`: a two-letter abbreviation stays as it is.
            if w.chars().count() <= 2 {
                return w.to_string();
            }
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect();
    words.join(" ")
}

/// A person's name (or two, `A dan B`): one to eight words, the first capitalized, no
/// sentence punctuation; a dot only in initials or short titles (`Bambang P.`, `Hj.`).
pub fn is_name(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && !value.contains(['!', '?', '"', '“', '”', ';', '(', ')'])
        && !value.chars().any(|c| c.is_ascii_digit())
        && words
            .iter()
            .all(|w| !w.contains('.') || w.chars().count() <= 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_writers_become_one_list() {
        assert_eq!(
            names("Fajrus Shodiq dan Rida Ayu"),
            "Fajrus Shodiq, Rida Ayu"
        );
        assert_eq!(
            names("JINTAMAS SAKSORNCHAI and GRANT PECK"),
            "Jintamas Saksornchai, Grant Peck"
        );
        assert_eq!(
            names("Adi Renaldi, Dinda Purnamasari"),
            "Adi Renaldi, Dinda Purnamasari"
        );
        assert_eq!(names("Sari Dewi"), "Sari Dewi");
    }
}
