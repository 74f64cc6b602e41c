//! Syntax highlighting of fenced code at parse time (so the cache keeps it): the code's
//! language named after the fence (```` ```rust ````) colours it with CSS classes (`hl-keyword`,
//! `hl-string`, ...) that the stylesheet styles for light and dark; a language the highlighter
//! does not know, or none, leaves the block as plain escaped code.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Every class the highlighter writes starts with this, apart from the theme's own classes.
const PREFIX: &str = "hl-";

// Loaded on the first highlighted block only: sites without code never pay for it.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The HTML of a code block in `language` (a fence's info string, first word), or `None` when
/// the language is unknown or empty: the caller then writes the block as it is.
pub fn code_block(language: &str, code: &str) -> Option<String> {
    let token = language.split([' ', ',', '{']).next()?.trim();
    // A language name is a short word (`c++`, `objective-c`, `c#`); anything else is not one,
    // and never reaches the class attribute below.
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || "+#._-".contains(c);
    if token.is_empty() || token.len() > 40 || !token.chars().all(is_name_char) {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(token)?;
    let style = ClassStyle::SpacedPrefixed { prefix: PREFIX };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, style);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    let mut html = String::with_capacity(code.len() * 3);
    html.push_str("<pre class=\"highlight\"><code class=\"language-");
    html.push_str(token);
    html.push_str("\">");
    html.push_str(&generator.finalize());
    html.push_str("</code></pre>\n");
    Some(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes_and_the_code_stays_escaped() {
        let html = code_block("rust", "// hai\nlet s = \"<b>\";\n").expect("rust is known");
        assert!(html.starts_with("<pre class=\"highlight\"><code class=\"language-rust\">"));
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
        assert!(
            html.contains("&lt;b&gt;") && !html.contains("<b>"),
            "{html}"
        );
        assert!(html.ends_with("</code></pre>\n"));
    }

    #[test]
    fn unknown_or_empty_languages_are_left_to_the_caller() {
        assert_eq!(code_block("bahasa-rahasia", "x"), None);
        assert_eq!(code_block("", "x"), None);
        assert_eq!(code_block("rust\"><script>", "x"), None);
        assert!(code_block("python {linenos=true}", "x = 1\n").is_some());
    }
}
