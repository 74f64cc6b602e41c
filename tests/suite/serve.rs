//! `arsip serve` through the real binary: pages over HTTP, rebuild and reload on edit, the
//! error overlay with the last good site kept, recovery, Ctrl-C, and a clean `public/`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::harness::{Site, read_tree};

const ARTICLE: &str = "content/2016/kafe.md";
const ARTICLE_URL: &str = "/2016/01/05/ragam-kafe-di-jakarta-kopi-senja/";
/// How long a change may take to be built, served and signalled.
const BOUND: Duration = Duration::from_secs(5);

/// A running `arsip serve`, killed when dropped so a failing test leaves no process behind.
pub struct Server {
    pub child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
    stdout: mpsc::Receiver<String>,
    /// Lines printed before the `Serving` line, other than the first build's.
    notes: Vec<String>,
}

impl Server {
    pub fn start(site: &Site, args: &[&str]) -> Server {
        Server::start_with_notes(site, args)
    }

    /// Starts the server; lines it printed before `Serving`, builds aside, go to `notes`.
    fn start_with_notes(site: &Site, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_arsip"))
            .arg("serve")
            .args(args)
            .current_dir(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start arsip serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            addr: String::new(),
            stdout: rx,
            notes: Vec::new(),
        };
        let line = loop {
            let line = server.wait_for_line("");
            if line.starts_with("Serving ") {
                break line;
            }
            if !line.starts_with("Built ") {
                server.notes.push(line);
            }
        };
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("URL on the start line");
        server.addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        server
    }

    fn wait_for_line(&self, prefix: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line starting with {prefix:?} from arsip serve: {e}"),
            }
        }
    }

    pub fn get(&self, path: &str) -> Response {
        get(&self.addr, path)
    }

    /// The latest build as `(generation, error)`, waiting for one newer than `since`.
    pub fn poll(&self, since: Option<u64>) -> (u64, Option<String>) {
        let path = match since {
            Some(n) => format!("/__arsip/poll?since={n}"),
            None => "/__arsip/poll".to_string(),
        };
        let body = self.get(&path).body;
        let generation = body
            .split("\"generation\":")
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("bad poll answer {body}"));
        let error = (!body.contains("\"error\":null")).then(|| body.clone());
        (generation, error)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Replaces a file at once (written aside, then renamed), as editors do, so the watcher never
/// sees it half-written, whatever the machine's load.
fn replace(site: &Site, rel: &str, text: &str) {
    let aside = site.root().join(".edit.tmp");
    std::fs::write(&aside, text).expect("write");
    std::fs::rename(&aside, site.root().join(rel)).expect("rename");
}

pub struct Response {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

/// A plain HTTP/1.1 GET over a TcpStream; the path is sent as is (no normalization).
fn get(addr: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").expect("HTTP response");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    Response {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

#[test]
fn serve_answers_pages_files_and_missing_paths() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers
            .contains("content-type: text/html; charset=utf-8")
    );
    assert!(
        home.body.contains("window.__arsip"),
        "reload script injected"
    );
    let article = server.get(ARTICLE_URL);
    assert_eq!(article.status, 200);
    assert!(article.body.contains("Kafe baru bermunculan"));
    let css = server.get("/style.css");
    assert!(css.headers.contains("content-type: text/css"));
    assert!(!css.body.contains("__arsip"), "only HTML gets the script");
    assert!(
        server
            .get("/rss.xml")
            .headers
            .contains("content-type: application/xml")
    );
    let folder = server.get("/2016");
    assert_eq!(folder.status, 301);
    assert!(folder.headers.contains("location: /2016/"));
    // Percent-encoded paths are decoded.
    assert_eq!(server.get("/tags/%6Buliner/").status, 200);
    let missing = server.get("/tidak-ada/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "the site's 404 page");
    for escape in ["/../arsip.toml", "/%2e%2e/arsip.toml", "/..%2farsip.toml"] {
        assert_eq!(server.get(escape).status, 400, "{escape}");
    }
    // Neither the serve folder on disk nor public/ holds the reload script.
    assert!(!site.public().exists(), "serve does not write public/");
    for (path, bytes) in read_tree(&site.root().join(".arsip-serve")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__arsip"),
            "{path} holds the reload script"
        );
    }
}

#[test]
fn edit_is_served_and_signalled_within_the_bound() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    let (before, error) = server.poll(None);
    assert_eq!(error, None);
    let original = std::fs::read_to_string(site.root().join(ARTICLE)).expect("read");
    let edited = Instant::now();
    replace(
        &site,
        ARTICLE,
        &format!("{original}\nParagraf baru dari tes.\n"),
    );
    let (after, error) = server.poll(Some(before));
    let latency = edited.elapsed();
    assert!(after > before, "a new build was signalled");
    assert_eq!(error, None);
    assert!(latency < BOUND, "reload signalled after {latency:?}");
    assert!(
        server
            .get(ARTICLE_URL)
            .body
            .contains("Paragraf baru dari tes.")
    );
    eprintln!("edit -> reload signal: {latency:?}");
}

#[test]
fn broken_file_shows_overlay_keeps_last_good_site_and_recovers() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    let (generation, _) = server.poll(None);
    let original = std::fs::read_to_string(site.root().join(ARTICLE)).expect("read");
    replace(
        &site,
        ARTICLE,
        "---\ntitle: [rusak\ndate: 2016-01-05\n---\nx\n",
    );
    let (generation, error) = server.poll(Some(generation));
    let error = error.expect("the failed build is signalled with its error");
    // The list opened on line 2 runs into line 3, where YAML finds it broken.
    assert!(error.contains("content/2016/kafe.md:3:"), "{error}");
    // The last good page is still served, carrying the error for the overlay.
    let page = server.get(ARTICLE_URL);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Kafe baru bermunculan"));
    assert!(page.body.contains("content/2016/kafe.md:3:"));
    assert!(page.body.contains("arsip-overlay"));
    // Fixing the file recovers without a restart.
    replace(&site, ARTICLE, &original.replace("Kafe baru", "Kafe anyar"));
    let (_, error) = server.poll(Some(generation));
    assert_eq!(error, None);
    let page = server.get(ARTICLE_URL);
    assert!(page.body.contains("Kafe anyar bermunculan"));
    assert!(page.body.contains("\"error\":null"));
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = Site::from_fixture("basic");
    let mut server = Server::start(&site, &["--port", "0"]);
    let pid = server.child.id().to_string();
    let sent = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill -INT");
    assert!(sent.success());
    server.wait_for_line("Stopped.");
    let deadline = Instant::now() + BOUND;
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn taken_default_port_moves_to_the_next_free_one_and_says_so() {
    // Taken by this listener or by another program: either way `serve` must move and say so.
    let taken = std::net::TcpListener::bind("127.0.0.1:1111").ok();
    let site = Site::from_fixture("basic");
    let server = Server::start_with_notes(&site, &[]);
    assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);
    assert_ne!(server.addr, "127.0.0.1:1111");
    assert_eq!(
        server.notes,
        ["Port 1111 is taken; using the next free one."]
    );
    assert_eq!(server.get("/").status, 200);
    drop(taken);
}

#[test]
fn taken_port_given_with_port_is_an_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let site = Site::from_fixture("basic");
    let run = site.run(&["serve", "--port", &port.to_string()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr.lines().next(),
        Some(
            format!(
                "127.0.0.1:{port}: error: cannot listen on port {port} (is it taken? try another --port)"
            )
            .as_str()
        ),
        "{}",
        run.stderr
    );
    drop(taken);
}

/// Edit-to-served latency: `cargo test --release --test suite serve_latency -- --ignored
/// --nocapture`. Measures, on the fixture and on a generated 10,000-article site, the time
/// from writing one article to the reload signal and to the new page being fetched.
#[test]
#[ignore = "a measurement, not a check; run it by name"]
fn serve_latency() {
    let fixture = Site::from_fixture("basic");
    measure(
        "fixture (7 articles)",
        &fixture,
        ARTICLE,
        ARTICLE_URL,
        "Kafe baru",
    );
    let big = Site::empty();
    for i in 0..10_000 {
        let (month, day) = (i % 12 + 1, i % 28 + 1);
        big.write(
            &format!("content/{}/{i:05}.md", 2000 + i % 20),
            &format!(
                "---\ntitle: Berita nomor {i}\ndate: {}-{month:02}-{day:02}\ntags: [topik-{}, umum]\n---\n\
                 Paragraf pertama berita {i}.\n\nParagraf kedua, dengan [tautan](@/2000/00000.md).\n",
                2000 + i % 20,
                i % 50
            ),
        );
    }
    measure(
        "10,000 articles",
        &big,
        "content/2000/00000.md",
        "/2000/01/01/berita-nomor-0/",
        "Paragraf pertama berita 0.",
    );
}

fn measure(name: &str, site: &Site, article: &str, url: &str, marker: &str) {
    let server = Server::start(site, &["--port", "0"]);
    let original = std::fs::read_to_string(site.root().join(article)).expect("read");
    let mut signal = Vec::new();
    let mut served = Vec::new();
    for round in 0..5 {
        let (generation, _) = server.poll(None);
        let text = original.replace(marker, &format!("{marker} Ubah {round}."));
        let edited = Instant::now();
        replace(site, article, &text);
        let (_, error) = server.poll(Some(generation));
        assert_eq!(error, None);
        signal.push(edited.elapsed());
        assert!(server.get(url).body.contains(&format!("Ubah {round}.")));
        served.push(edited.elapsed());
    }
    signal.sort();
    served.sort();
    eprintln!(
        "{name}: edit -> reload signal median {:?} (min {:?}, max {:?}); -> page fetched median {:?}",
        signal[2], signal[0], signal[4], served[2]
    );
}

#[test]
fn site_broken_from_the_start_shows_the_overlay_then_recovers() {
    let site = Site::from_fixture("basic");
    let original = std::fs::read_to_string(site.root().join(ARTICLE)).expect("read");
    replace(&site, ARTICLE, "---\ntitle: Tanpa Tanggal\n---\nx\n");
    let server = Server::start(&site, &["--port", "0"]);
    let (generation, error) = server.poll(None);
    assert!(error.is_some_and(|e| e.contains("no date")));
    let home = server.get("/");
    assert_eq!(home.status, 404);
    assert!(home.headers.contains("content-type: text/html"));
    assert!(
        home.body
            .contains("content/2016/kafe.md: error: the article has no date")
    );
    replace(&site, ARTICLE, &original);
    let (_, error) = server.poll(Some(generation));
    assert_eq!(error, None);
    assert_eq!(server.get("/").status, 200);
}
