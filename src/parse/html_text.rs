//! Reading the HTML a body became: the first image (the article's lead image when its front
//! matter names none) and the character references the serializer wrote. Used at parse time,
//! so the cache keeps the image, and by the renderer for tables of contents.

/// The `src` of the first `<img>` of `html`, entities decoded.
pub fn first_image(html: &str) -> Option<String> {
    let mut rest = html;
    loop {
        // A search for `<` (memchr) and a look at what follows: several times cheaper than a
        // substring search over every body.
        let at = rest.find('<')?;
        if !rest[at + 1..].starts_with("img") {
            rest = &rest[at + 1..];
            continue;
        }
        let tag_start = &rest[at + 4..];
        let end = tag_start.find('>')?;
        let tag = &tag_start[..end];
        rest = &tag_start[end..];
        // The attribute, not `data-src`: preceded by a space.
        let Some(src) = tag.find(" src=").map(|i| &tag[i + 5..]) else {
            continue;
        };
        let value = match src.chars().next() {
            Some(q @ ('"' | '\'')) => src[1..].split(q).next(),
            _ => src.split([' ', '/']).next(),
        };
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            return Some(decode_entities(value.trim()));
        }
    }
}

/// `value` with the character references an HTML serializer writes (`&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&#39;`, `&#x27;`) decoded; any other is kept as written.
pub fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_image_of_the_body_is_found_with_its_entities_decoded() {
        let html = r#"<p>a <a href="x.png">x</a></p><img data-src="no.png" src="foto/a.png?w=1&amp;h=2" alt="">
<img src="b.png">"#;
        assert_eq!(first_image(html).as_deref(), Some("foto/a.png?w=1&h=2"));
        assert_eq!(first_image("<p>no image</p>"), None);
        assert_eq!(
            first_image("<img alt=\"x\"><img src='c.jpg'>").as_deref(),
            Some("c.jpg")
        );
    }
}
