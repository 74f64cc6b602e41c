//! The HTTP side of `arsip serve`: map a request path safely onto the served build folder,
//! answer with the right status and content type, and inject the live-reload script into HTML
//! responses only (the files on disk never contain it).

use std::path::{Component, Path, PathBuf};

use super::State;
use super::request::{Head, Method};

/// The URL prefix arsip's own endpoints live under; no generated page can start with it.
pub const ENDPOINT_PREFIX: &str = "/__arsip/";
/// The long-poll endpoint the reload script calls: `/__arsip/poll?since=GENERATION`.
pub const POLL_PATH: &str = "/__arsip/poll";

const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// What a request path names in the output folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// The file to send.
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect, so relative links resolve.
    AddSlash(String),
    /// Nothing there, or a dotfile (never served: `.git/`, `.env`, `.arsip-manifest`).
    NotFound,
    /// Not a path we accept (bad percent-encoding, `..`, NUL, backslash).
    BadRequest,
}

/// Resolves the path of a request URL (query and fragment ignored) inside `output`.
///
/// Percent-decodes it, refuses `..` and anything else that could leave `output`, hides every
/// name starting with a dot, and serves `index.html` for folders. The redirect that adds a
/// slash always names a path on this host: repeated slashes are folded, so `//tags` gives
/// `/tags/`, never `//tags/` (which a browser reads as the host `tags`).
pub fn resolve(output: &Path, url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = crate::urls::percent_decode(path) else {
        return Target::BadRequest;
    };
    let mut file = output.to_path_buf();
    let mut hidden = false;
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Target::BadRequest,
            s if s.contains(['\\', '\0']) || s.contains(':') && cfg!(windows) => {
                return Target::BadRequest;
            }
            s if s.starts_with('.') => hidden = true,
            s => file.push(s),
        }
    }
    // Guard against anything `push` could still interpret as absolute or as a prefix.
    if !file
        .strip_prefix(output)
        .is_ok_and(|rel| rel.components().all(|c| matches!(c, Component::Normal(_))))
    {
        return Target::BadRequest;
    }
    if hidden {
        return Target::NotFound;
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            let segments: Vec<&str> = path
                .split('/')
                .filter(|s| !matches!(*s, "" | "."))
                .collect();
            return Target::AddSlash(format!("/{}/", segments.join("/")));
        }
        file.push("index.html");
    }
    if file.is_file() {
        Target::File(file)
    } else {
        Target::NotFound
    }
}

/// The `Content-Type` for a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("woff") => "font/woff",
        Some("woff2") => "font/woff2",
        Some("pdf") => "application/pdf",
        Some("mp4") => "video/mp4",
        Some("mp3") => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

/// What the server is to do with a request.
pub enum Route {
    /// Send this reply.
    Reply(Reply),
    /// A live-reload poll for a build newer than this one: park it until then.
    Wait(u64),
}

/// Decides the answer to one request; never blocks except on a build in progress.
pub fn route(head: &Head, state: &State) -> Route {
    if !matches!(head.method, Method::Get | Method::Head) {
        return Route::Reply(text(405, "405 Method Not Allowed").with("Allow", "GET, HEAD"));
    }
    let url = head.target.as_str();
    if !url.starts_with('/') {
        return Route::Reply(text(400, "400 Bad Request"));
    }
    if url == POLL_PATH || url.starts_with("/__arsip/poll?") {
        let since = poll_since(url);
        let (generation, error) = state.current();
        return match since {
            Some(since) if since == generation && head.method == Method::Get => Route::Wait(since),
            _ => Route::Reply(poll_reply(generation, error.as_deref())),
        };
    }
    Route::Reply(page(url, state))
}

fn poll_since(url: &str) -> Option<u64> {
    let query = url.split_once('?')?.1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse::<u64>().ok())
}

/// The answer to a live-reload poll: the latest generation and error, as JSON.
pub fn poll_reply(generation: u64, error: Option<&str>) -> Reply {
    Reply::new(200, status_json(generation, error).into_bytes())
        .with("Content-Type", "application/json")
        .with("Cache-Control", "no-store")
}

/// A response: status, headers (`Content-Length` and `Connection` are added when sent) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// A reply without headers.
    pub fn new(status: u16, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// Adds a header.
    pub fn with(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_string()));
        self
    }

    /// The bytes on the wire: status line, headers, and the body unless `head_only` (HEAD).
    pub fn to_bytes(&self, head_only: bool, close: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.body.len() + 256);
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        out.extend_from_slice(head.as_bytes());
        if !head_only {
            out.extend_from_slice(&self.body);
        }
        out
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// A page while the served folder has none to show (the first build failed): HTML, so the
/// reload script can show the error and reload once a build succeeds.
const NO_SITE: &str = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404</title></head>\n\
                       <body><h1>404</h1><p>arsip serve: there is no such page.</p></body></html>\n";

fn page(url: &str, state: &State) -> Reply {
    // Found files are read without waiting: a build writes into a staging folder and swaps it
    // in, so any file is complete. Only a miss (the folder may be mid-swap) waits for a build
    // in progress to end, then looks again; a long build never stalls the pages it leaves be.
    let read = match lookup(url, state) {
        Lookup::Missing => {
            let _guard = state.reading();
            lookup(url, state)
        }
        found => found,
    };
    let (status, file, bytes) = match read {
        Lookup::Found(file, bytes) => (200, file, bytes),
        Lookup::Missing => {
            let file = state.output.join(crate::model::NOT_FOUND_URL);
            let bytes = std::fs::read(&file).unwrap_or_else(|_| NO_SITE.as_bytes().to_vec());
            (404, PathBuf::from("404.html"), bytes)
        }
        Lookup::Redirect(location) => {
            return Reply::new(301, Vec::new()).with("Location", &location);
        }
        Lookup::Bad => return text(400, "400 Bad Request"),
    };
    let kind = content_type(&file);
    let bytes = if kind.starts_with("text/html") {
        inject(&String::from_utf8_lossy(&bytes), state).into_bytes()
    } else {
        bytes
    };
    Reply::new(status, bytes)
        .with("Content-Type", kind)
        .with("Cache-Control", "no-store")
}

enum Lookup {
    Found(PathBuf, Vec<u8>),
    Missing,
    Redirect(String),
    Bad,
}

fn lookup(url: &str, state: &State) -> Lookup {
    match resolve(&state.output, url) {
        Target::File(file) => match std::fs::read(&file) {
            Ok(bytes) => Lookup::Found(file, bytes),
            Err(_) => Lookup::Missing,
        },
        Target::NotFound => Lookup::Missing,
        Target::AddSlash(location) => Lookup::Redirect(location),
        Target::BadRequest => Lookup::Bad,
    }
}

/// `{"generation":N,"error":null}` or with the error text as a JSON string.
pub fn status_json(generation: u64, error: Option<&str>) -> String {
    let error = error.map_or_else(|| "null".to_string(), js_string);
    format!("{{\"generation\":{generation},\"error\":{error}}}")
}

/// Adds the reload script (and the current build error, if any) before `</body>`.
pub fn inject(html: &str, state: &State) -> String {
    let (generation, error) = state.current();
    let script = format!(
        "<script>/* arsip serve: live reload, not part of the built site */\n\
         window.__arsip = {};\n{RELOAD_SCRIPT}</script>\n",
        status_json(generation, error.as_deref())
    );
    match html.rfind("</body>") {
        Some(at) => {
            let mut out = String::with_capacity(html.len() + script.len());
            out.push_str(&html[..at]);
            out.push_str(&script);
            out.push_str(&html[at..]);
            out
        }
        None => format!("{html}{script}"),
    }
}

/// A JSON (and so JavaScript) string literal, safe inside a `<script>` element.
pub fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            // `<` escaped so the text can never close the script element.
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A plain-text reply.
pub fn text(status: u16, body: &str) -> Reply {
    Reply::new(status, body.as_bytes().to_vec()).with("Content-Type", "text/plain; charset=utf-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded_and_kept_inside_the_output() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path();
        std::fs::create_dir_all(out.join("tags/ibu kota")).expect("mkdir");
        std::fs::write(out.join("tags/ibu kota/index.html"), "x").expect("write");
        std::fs::write(out.join("style.css"), "x").expect("write");
        assert_eq!(
            resolve(out, "/tags/ibu%20kota/?x=1"),
            Target::File(out.join("tags/ibu kota/index.html"))
        );
        assert_eq!(
            resolve(out, "/tags/ibu%20kota"),
            Target::AddSlash("/tags/ibu%20kota/".to_string())
        );
        assert_eq!(
            resolve(out, "/style.css"),
            Target::File(out.join("style.css"))
        );
        assert_eq!(resolve(out, "/nope/"), Target::NotFound);
        assert_eq!(resolve(out, "/../etc/passwd"), Target::BadRequest);
        assert_eq!(resolve(out, "/%2e%2e/etc/passwd"), Target::BadRequest);
        assert_eq!(resolve(out, "/a%5c..%5c..%5cx"), Target::BadRequest);
        assert_eq!(resolve(out, "/%zz"), Target::BadRequest);
        assert_eq!(resolve(out, "/%ff"), Target::BadRequest);
    }

    #[test]
    fn dotfiles_are_not_found_and_redirects_stay_on_the_host() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path();
        std::fs::create_dir_all(out.join(".git")).expect("mkdir");
        std::fs::create_dir_all(out.join("tags")).expect("mkdir");
        std::fs::write(out.join(".git/config"), "x").expect("write");
        std::fs::write(out.join(".secret.txt"), "x").expect("write");
        for url in [
            "/.git/config",
            "/.secret.txt",
            "/%2egit/config",
            "/tags/../.git",
        ] {
            assert_ne!(
                resolve(out, url),
                Target::File(out.join(".git/config")),
                "{url}"
            );
            assert!(
                matches!(resolve(out, url), Target::NotFound | Target::BadRequest),
                "{url}"
            );
        }
        assert_eq!(resolve(out, "/.secret.txt"), Target::NotFound);
        for url in ["//tags", "///tags", "/./tags", "//./tags"] {
            assert_eq!(
                resolve(out, url),
                Target::AddSlash("/tags/".to_string()),
                "{url}"
            );
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("rss.xml")),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.PNG")), "image/png");
        assert_eq!(content_type(Path::new("x")), "application/octet-stream");
    }

    #[test]
    fn error_text_cannot_close_the_script() {
        assert_eq!(
            js_string("a \"b\"\n</script>\\"),
            r#""a \"b\"\n\u003c/script>\\""#
        );
        assert_eq!(status_json(3, Some("x")), r#"{"generation":3,"error":"x"}"#);
        assert_eq!(status_json(1, None), r#"{"generation":1,"error":null}"#);
    }
}
