//! The HTTP/1.1 request head parser of `arsip serve`: bytes in, a checked [`Head`] out.
//!
//! It is pure (no I/O), so the server can call it on whatever has arrived so far and the fuzz
//! target can call it on anything. It enforces the limits a browser never comes near (the
//! size of the head, the number of header lines) and refuses what a careful server refuses:
//! control characters, spaces in the target, folded header lines, a malformed or doubled
//! `Content-Length`. Request bodies are never read: a request announcing one is answered and
//! its connection closed, so no body can be mistaken for the next request.

/// The most bytes a request head (request line and headers) may take.
pub const MAX_HEAD: usize = 16 * 1024;
/// The most bytes the request line may take.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The most header lines a request may carry.
pub const MAX_HEADERS: usize = 100;

/// The request method; anything but GET and HEAD is answered 405.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Other(String),
}

/// A parsed request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub method: Method,
    /// The request target as sent (origin form `/path?query`, or `*`, or an absolute URL).
    pub target: String,
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor_version: u8,
    /// Header names lowercased, values with surrounding whitespace trimmed, in order.
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// The value of the first header called `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the client asked to keep the connection open (the HTTP/1.1 default).
    pub fn keep_alive(&self) -> bool {
        let connection = self.header("connection").unwrap_or("").to_ascii_lowercase();
        let mut tokens = connection.split(',').map(str::trim);
        if self.minor_version == 0 {
            tokens.any(|t| t == "keep-alive")
        } else {
            !tokens.any(|t| t == "close")
        }
    }

    /// Whether a body follows the head (which the server does not read).
    pub fn has_body(&self) -> bool {
        self.header("transfer-encoding").is_some()
            || self.header("content-length").is_some_and(|n| n != "0")
    }
}

/// Why a request head was refused; [`ParseError::status`] is the status to answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    /// The head is over [`MAX_HEAD`] bytes, or has over [`MAX_HEADERS`] lines.
    HeadersTooLarge,
    /// The request line is over [`MAX_REQUEST_LINE`] bytes.
    UriTooLong,
    /// An HTTP version other than 1.0 and 1.1.
    VersionNotSupported,
    /// Anything else malformed.
    BadRequest(&'static str),
}

impl ParseError {
    /// The HTTP status answering this error.
    pub fn status(self) -> u16 {
        match self {
            ParseError::HeadersTooLarge => 431,
            ParseError::UriTooLong => 414,
            ParseError::VersionNotSupported => 505,
            ParseError::BadRequest(_) => 400,
        }
    }
}

/// Parses the request head at the start of `buf`.
///
/// Returns `Ok(None)` while the head is incomplete (and within the limits), or the head and
/// how many bytes of `buf` it took. Blank lines before the request line are skipped, and a
/// line may end in LF as well as CRLF.
pub fn parse_head(buf: &[u8]) -> Result<Option<(Head, usize)>, ParseError> {
    let mut start = 0;
    // Leading empty lines (a client's stray CRLF after a previous request) are ignored.
    while buf.get(start) == Some(&b'\r') || buf.get(start) == Some(&b'\n') {
        start += 1;
        if start > 8 {
            return Err(ParseError::BadRequest("blank lines before the request"));
        }
    }
    let mut lines = Vec::new();
    let mut at = start;
    loop {
        let Some(end) = buf[at..].iter().position(|&b| b == b'\n') else {
            let pending = buf.len() - at;
            if lines.is_empty() && pending > MAX_REQUEST_LINE {
                return Err(ParseError::UriTooLong);
            }
            if buf.len() - start > MAX_HEAD {
                return Err(ParseError::HeadersTooLarge);
            }
            return Ok(None);
        };
        let line = &buf[at..at + end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at += end + 1;
        if lines.is_empty() && line.len() > MAX_REQUEST_LINE {
            return Err(ParseError::UriTooLong);
        }
        if at - start > MAX_HEAD || lines.len() > MAX_HEADERS {
            return Err(ParseError::HeadersTooLarge);
        }
        if line.is_empty() {
            break;
        }
        lines.push(line);
    }
    let (request_line, header_lines) = lines
        .split_first()
        .ok_or(ParseError::BadRequest("no request line"))?;
    let (method, target, minor_version) = request_line_parts(request_line)?;
    let headers = header_lines
        .iter()
        .map(|line| header(line))
        .collect::<Result<Vec<_>, _>>()?;
    let head = Head {
        method,
        target,
        minor_version,
        headers,
    };
    check_framing(&head)?;
    Ok(Some((head, at)))
}

fn request_line_parts(line: &[u8]) -> Result<(Method, String, u8), ParseError> {
    let mut parts = line.split(|&b| b == b' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ParseError::BadRequest("malformed request line"));
    };
    if method.is_empty() || !method.iter().copied().all(is_token) {
        return Err(ParseError::BadRequest("malformed method"));
    }
    // Visible ASCII only: a browser percent-encodes everything else.
    if target.is_empty() || !target.iter().all(|b| (0x21..0x7f).contains(b)) {
        return Err(ParseError::BadRequest("malformed request target"));
    }
    let minor_version = match version {
        b"HTTP/1.1" => 1,
        b"HTTP/1.0" => 0,
        v if v.starts_with(b"HTTP/")
            && v.len() == 8
            && v[5].is_ascii_digit()
            && v[6] == b'.'
            && v[7].is_ascii_digit() =>
        {
            return Err(ParseError::VersionNotSupported);
        }
        _ => return Err(ParseError::BadRequest("malformed HTTP version")),
    };
    let method = match method {
        b"GET" => Method::Get,
        b"HEAD" => Method::Head,
        other => Method::Other(String::from_utf8_lossy(other).into_owned()),
    };
    // Both were checked to be ASCII above.
    let target = String::from_utf8_lossy(target).into_owned();
    Ok((method, target, minor_version))
}

fn header(line: &[u8]) -> Result<(String, String), ParseError> {
    if line.first().is_some_and(|&b| b == b' ' || b == b'\t') {
        return Err(ParseError::BadRequest("folded header line"));
    }
    let colon = line
        .iter()
        .position(|&b| b == b':')
        .ok_or(ParseError::BadRequest("header line without a colon"))?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    if name.is_empty() || !name.iter().copied().all(is_token) {
        return Err(ParseError::BadRequest("malformed header name"));
    }
    if value.iter().any(|&b| b == 0x7f || (b < 0x20 && b != b'\t')) {
        return Err(ParseError::BadRequest("control character in a header"));
    }
    let value = String::from_utf8_lossy(value);
    Ok((
        String::from_utf8_lossy(name).to_ascii_lowercase(),
        value.trim_matches([' ', '\t']).to_string(),
    ))
}

/// Refuses the heads whose body length is ambiguous.
fn check_framing(head: &Head) -> Result<(), ParseError> {
    let mut lengths = head
        .headers
        .iter()
        .filter(|(n, _)| n == "content-length")
        .map(|(_, v)| v);
    if let Some(first) = lengths.next() {
        if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseError::BadRequest("malformed Content-Length"));
        }
        if lengths.any(|v| v != first) {
            return Err(ParseError::BadRequest("conflicting Content-Length"));
        }
    }
    Ok(())
}

/// A `tchar` of RFC 9110: what methods and header names are made of.
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Option<(Head, usize)>, ParseError> {
        parse_head(text.as_bytes())
    }

    #[test]
    fn a_browser_request_is_parsed_and_its_length_returned() {
        let text = "GET /tags/?x=1 HTTP/1.1\r\nHost: a\r\nAccept:  text/html \r\n\r\nGET /";
        let (head, used) = parse(text).expect("valid").expect("complete");
        assert_eq!(head.method, Method::Get);
        assert_eq!(head.target, "/tags/?x=1");
        assert_eq!(head.minor_version, 1);
        assert_eq!(head.header("accept"), Some("text/html"));
        assert_eq!(&text[used..], "GET /");
        assert!(head.keep_alive() && !head.has_body());
    }

    #[test]
    fn an_incomplete_head_asks_for_more() {
        assert_eq!(parse("GET / HTTP/1.1\r\nHost: a\r\n"), Ok(None));
        assert_eq!(parse(""), Ok(None));
        let (head, _) = parse("\r\nHEAD / HTTP/1.0\n\n").expect("ok").expect("done");
        assert_eq!(head.method, Method::Head);
        assert!(!head.keep_alive());
    }

    #[test]
    fn oversized_heads_are_refused_before_they_complete() {
        let long_line = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(
            parse(&long_line[..MAX_REQUEST_LINE + 5]),
            Err(ParseError::UriTooLong)
        );
        let big = format!("GET / HTTP/1.1\r\nX: {}", "a".repeat(MAX_HEAD));
        assert_eq!(parse(&big), Err(ParseError::HeadersTooLarge));
        let many = format!("GET / HTTP/1.1\r\n{}", "A: b\r\n".repeat(MAX_HEADERS + 1));
        assert_eq!(parse(&many), Err(ParseError::HeadersTooLarge));
        assert_eq!(ParseError::HeadersTooLarge.status(), 431);
    }

    #[test]
    fn malformed_heads_are_bad_requests() {
        for text in [
            "GET /a b HTTP/1.1\r\n\r\n",
            "GET /\x01 HTTP/1.1\r\n\r\n",
            "G(T / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n",
            "GET / HTTP/1.1\r\nX : a\r\n\r\n",
            "GET / HTTP/1.1\r\nnocolon\r\n\r\n",
            "GET / HTTP/1.1\r\nX: a\x00b\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "GET / FTP/1.1\r\n\r\n",
            "\r\n\r\n\r\n\r\n\r\n",
        ] {
            assert!(
                matches!(parse(text), Err(ParseError::BadRequest(_))),
                "{text:?}: {:?}",
                parse(text)
            );
        }
        assert_eq!(
            parse("GET / HTTP/2.0\r\n\r\n"),
            Err(ParseError::VersionNotSupported)
        );
    }

    #[test]
    fn other_methods_and_bodies_are_reported() {
        let (head, _) = parse("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n")
            .expect("ok")
            .expect("done");
        assert_eq!(head.method, Method::Other("POST".to_string()));
        assert!(head.has_body());
        let (head, _) = parse("GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n")
            .expect("ok")
            .expect("done");
        assert!(!head.keep_alive());
    }
}
