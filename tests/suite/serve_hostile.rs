//! `arsip serve` against a hostile or careless client, through the real binary on 127.0.0.1:
//! oversized and malformed heads, other methods, dotfiles, open redirects, slow clients,
//! hundreds of live-reload polls, and keep-alive latency. After each, the server still answers.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::harness::Site;
use crate::serve::Server;

/// Sends `bytes` as they are and returns what comes back until the server closes (or 20 s).
fn exchange(addr: &str, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    // The server may answer and close before it has read everything: that is allowed.
    let _ = stream.write_all(bytes);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw).into_owned()
}

fn status_of(response: &str) -> u16 {
    response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {response:?}"))
}

fn assert_alive(server: &Server) {
    assert_eq!(server.get("/").status, 200, "the server still answers");
}

#[test]
fn oversized_heads_are_refused_with_431() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    let long = format!("GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n", "a".repeat(1 << 20));
    assert_eq!(status_of(&exchange(&server.addr, long.as_bytes())), 431);
    let many = format!(
        "GET / HTTP/1.1\r\n{}\r\n",
        (0..10_000)
            .map(|n| format!("X-{n}: b\r\n"))
            .collect::<String>()
    );
    assert_eq!(status_of(&exchange(&server.addr, many.as_bytes())), 431);
    let uri = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(100_000));
    assert_eq!(status_of(&exchange(&server.addr, uri.as_bytes())), 414);
    assert_alive(&server);
}

#[test]
fn only_get_and_head_are_answered() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"] {
        let response = exchange(
            &server.addr,
            format!("{method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab").as_bytes(),
        );
        assert_eq!(status_of(&response), 405, "{method}");
        assert!(response.contains("Allow: GET, HEAD"), "{response}");
    }
    let head = exchange(
        &server.addr,
        b"HEAD /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status_of(&head), 200);
    let (headers, body) = head.split_once("\r\n\r\n").expect("head");
    assert!(headers.contains("Content-Length: "), "{headers}");
    assert_eq!(body, "", "HEAD sends no body");
    assert_alive(&server);
}

#[test]
fn dotfiles_are_never_served() {
    let site = Site::from_fixture("basic");
    site.write("static/.secret.txt", "rahasia");
    site.write("static/.git/config", "[core]");
    site.write("static/.well-known/x.txt", "x");
    let server = Server::start(&site, &["--port", "0"]);
    for path in [
        "/.secret.txt",
        "/.git/config",
        "/%2Egit/config",
        "/.arsip-manifest",
        "/.well-known/x.txt",
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.body.contains("rahasia") && !response.body.contains("[core]"));
    }
    assert_eq!(server.get("/robots.txt").status, 200);
}

#[test]
fn redirects_never_leave_the_host() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    for path in ["//tags", "///tags", "//./tags", "/./2016"] {
        let response = server.get(path);
        assert_eq!(response.status, 301, "{path}");
        let location = response
            .headers
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .expect("location");
        assert!(
            location.starts_with('/') && !location.starts_with("//"),
            "{path} -> {location}"
        );
    }
    for path in ["/%2e%2e/%2e%2e/etc/passwd", "/..%5c..%5carsip.toml", "/%00"] {
        assert_eq!(server.get(path).status, 400, "{path}");
    }
    for path in ["http://evil.example/", "*"] {
        let response = exchange(
            &server.addr,
            format!("GET {path} HTTP/1.1\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert_eq!(status_of(&response), 400, "{path}");
    }
}

#[test]
fn garbage_never_stops_the_server() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    let inputs: [&[u8]; 6] = [
        b"\x00\x01\x02\xff\xfe\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /\xc3\x28 HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n",
        b"GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 5\r\n\r\n",
    ];
    for bytes in inputs {
        let status = status_of(&exchange(&server.addr, bytes));
        assert!(matches!(status, 400 | 505), "{bytes:?}: {status}");
    }
    // Clients that connect and vanish, or send half a request and vanish.
    for n in 0..50 {
        let mut stream = TcpStream::connect(&server.addr).expect("connect");
        if n % 2 == 0 {
            let _ = stream.write_all(b"GET / HT");
        }
    }
    assert_alive(&server);
}

#[test]
fn slow_clients_are_cut_off_and_do_not_block_others() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    // More half-sent requests than the server has workers.
    let slow: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut s = TcpStream::connect(&server.addr).expect("connect");
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").expect("send");
            s
        })
        .collect();
    let started = Instant::now();
    let mut first = slow.into_iter().next().expect("one");
    first
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut answer = String::new();
    let _ = first.read_to_string(&mut answer);
    assert_eq!(status_of(&answer), 408);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "cut off in time"
    );
    // Once the slow ones are cut off, a normal request is answered promptly.
    let started = Instant::now();
    assert_alive(&server);
    assert!(started.elapsed() < Duration::from_secs(12));
}

#[test]
fn hundreds_of_open_polls_cost_no_thread_each() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    let pid = server.child.id();
    let generation = server
        .get("/__arsip/poll")
        .body
        .split("\"generation\":")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .map(str::to_string)
        .expect("generation");
    let polls: Vec<TcpStream> = (0..400)
        .map(|_| {
            let mut s = TcpStream::connect(&server.addr).expect("connect");
            write!(
                s,
                "GET /__arsip/poll?since={generation} HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            .expect("send");
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    assert_alive(&server);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc");
    let threads: usize = status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("threads");
    assert!(threads < 64, "{threads} threads for 400 polls");
    drop(polls);
}

#[test]
fn keep_alive_responses_are_not_delayed() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    let mut stream = TcpStream::connect(&server.addr).expect("connect");
    stream.set_nodelay(true).expect("nodelay");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut times = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("send");
        let mut raw = Vec::new();
        let mut chunk = [0u8; 65536];
        // Read one whole response: the head, then Content-Length bytes.
        loop {
            let n = stream.read(&mut chunk).expect("read");
            assert!(n > 0, "closed");
            raw.extend_from_slice(&chunk[..n]);
            let text = String::from_utf8_lossy(&raw);
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("Content-Length: "))
                    .and_then(|n| n.parse().ok())
                    .expect("length");
                if body.len() >= length {
                    break;
                }
            }
        }
        times.push(started.elapsed());
    }
    times.sort();
    // A Nagle / delayed-ACK stall costs 40 ms; a served page takes about a millisecond.
    assert!(
        times[10] < Duration::from_millis(30),
        "median {:?}",
        times[10]
    );
}

#[test]
fn a_build_that_panics_leaves_the_server_serving() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    let (before, _) = server.poll(None);
    // A year before 1 AD cannot be written in RFC 2822: it made the feed writer panic
    // (issue 21 item 4). Whether the build then fails or succeeds, serve must go on.
    let aside = site.root().join(".edit.tmp");
    std::fs::write(
        &aside,
        // Its own tag puts it in a feed of its own, whatever the site's feed_limit.
        "---\ntitle: Sebelum Masehi\ndate: -0001-01-01\ntags: [purba]\n---\nx\n",
    )
    .expect("write");
    std::fs::rename(&aside, site.root().join("content/kuno.md")).expect("rename");
    let (after, _) = server.poll(Some(before));
    assert!(after > before, "the build was reported");
    assert_alive(&server);
}

#[test]
fn http_1_0_keep_alive_is_confirmed_and_plain_1_0_is_closed() {
    let site = Site::from_fixture("basic");
    let server = Server::start(&site, &["--port", "0"]);
    let mut stream = TcpStream::connect(&server.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream
        .write_all(b"GET /robots.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        .expect("send");
    let mut chunk = [0u8; 4096];
    let n = stream.read(&mut chunk).expect("read");
    let head = String::from_utf8_lossy(&chunk[..n]).into_owned();
    assert!(head.contains("\r\nConnection: keep-alive\r\n"), "{head}");
    // Without asking, an HTTP/1.0 connection is closed after the response.
    let plain = exchange(&server.addr, b"GET /robots.txt HTTP/1.0\r\n\r\n");
    assert_eq!(status_of(&plain), 200);
    assert!(plain.contains("Connection: close"), "{plain}");
}
