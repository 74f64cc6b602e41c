//! The HTTP/1.1 server under `arsip serve`, on std: one thread accepts, a fixed pool of
//! workers answers, and one thread holds every waiting live-reload poll.
//!
//! Nothing here grows with the number of clients but memory for parked sockets, and that is
//! capped: a connection past the queue, or a poll past [`MAX_POLLS`], gets a 503 at once.
//! Slow clients are cut off (a whole request head within [`HEAD_TIMEOUT`], the next request
//! on a kept-alive connection within [`IDLE_TIMEOUT`]), so they hold a worker for seconds at
//! most. No thread is spawned after start, so no failed spawn can take the server down; no
//! request can either: every error ends that connection only.
//!
//! Why not an HTTP crate: `tiny_http` gives each request to the caller and a long poll then
//! costs a thread; the async servers would bring a runtime to a preview tool. This is the
//! small part of HTTP/1.1 a browser needs for GET and HEAD of static files.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::State;
use super::http::{self, Route};
use super::request::{self, Method};

/// Threads answering requests.
pub const WORKERS: usize = 16;
/// Accepted connections waiting for a worker; past it a connection is answered 503.
const QUEUE: usize = 256;
/// Live-reload polls held open at once; past it a poll is answered 503.
pub const MAX_POLLS: usize = 8192;
/// How long a poll waits for a new build before answering "nothing new".
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// How often the poll thread looks for closed, expired or answerable polls.
const POLL_TICK: Duration = Duration::from_millis(250);
/// A request head must arrive in full within this time.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// A kept-alive connection is closed when no new request starts within this time.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(5);
/// Writing one response may take this long.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Requests answered on one connection before it is closed.
const MAX_REQUESTS: usize = 1000;

/// A running server; [`Server::stop`] ends it.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

/// Starts the acceptor, the workers and the poll thread on `listener`.
///
/// Fails only when not one worker, or the acceptor or poll thread, can be started.
pub fn start(listener: TcpListener, state: Arc<State>) -> std::io::Result<Server> {
    let addr = listener.local_addr()?;
    let stop = Arc::new(AtomicBool::new(false));
    let polls = Arc::new(Polls {
        parked: Mutex::new(Vec::new()),
        cap: poll_cap(),
    });
    let (queue, incoming) = std::sync::mpsc::sync_channel::<Accepted>(QUEUE);
    let incoming = Arc::new(Mutex::new(incoming));
    let mut started = 0;
    let mut failure = None;
    for n in 0..WORKERS {
        let (state, polls, incoming) = (state.clone(), polls.clone(), incoming.clone());
        match std::thread::Builder::new()
            .name(format!("serve-{n}"))
            .spawn(move || work(&incoming, &state, &polls))
        {
            Ok(_) => started += 1,
            Err(e) => failure = Some(e),
        }
    }
    if started == 0 {
        return Err(failure.unwrap_or_else(|| std::io::Error::other("no worker")));
    }
    {
        let (state, polls, stop) = (state.clone(), polls.clone(), stop.clone());
        std::thread::Builder::new()
            .name("serve-polls".to_string())
            .spawn(move || hold_polls(&state, &polls, &stop))?;
    }
    let acceptor = {
        let stop = stop.clone();
        std::thread::Builder::new()
            .name("serve-accept".to_string())
            .spawn(move || accept(&listener, &queue, &stop))?
    };
    Ok(Server {
        addr,
        stop,
        acceptor: Some(acceptor),
    })
}

impl Server {
    /// Stops accepting and waits for the acceptor to end; requests in flight may finish.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor from `accept` with a connection of our own.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(match wake {
                SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
            });
        }
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// A connection and when it was accepted: its first request head is due [`HEAD_TIMEOUT`] after
/// that, however long it waited for a worker, so a crowd of slow clients drains in one timeout.
type Accepted = (TcpStream, Instant);

fn accept(listener: &TcpListener, queue: &SyncSender<Accepted>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it was accepted:
                // wait a moment instead of spinning, and go on.
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        // Small responses go out at once instead of waiting for the client's ACK.
        let _ = stream.set_nodelay(true);
        match queue.try_send((stream, Instant::now())) {
            Ok(()) => {}
            Err(TrySendError::Full((stream, _))) => refuse(stream, "503 busy"),
            Err(TrySendError::Disconnected(_)) => return,
        }
    }
}

/// Answers 503 without reading the request, never blocking the caller.
fn refuse(mut stream: TcpStream, body: &str) {
    let reply = http::text(503, body).with("Retry-After", "1");
    if stream.set_nonblocking(true).is_ok() {
        let _ = stream.write_all(&reply.to_bytes(false, true));
    }
    let _ = stream.shutdown(Shutdown::Both);
}

fn work(incoming: &Mutex<Receiver<Accepted>>, state: &State, polls: &Polls) {
    loop {
        let next = incoming
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv();
        match next {
            Ok((stream, accepted)) => {
                // A bug that panics on one request ends that connection, not the worker.
                let _ = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    connection(stream, accepted, state, polls);
                }));
            }
            Err(_) => return,
        }
    }
}

/// Answers the requests of one connection until it closes, idles, errs or parks a poll.
fn connection(mut stream: TcpStream, accepted: Instant, state: &State, polls: &Polls) {
    if stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err() {
        return;
    }
    let mut buf = Vec::with_capacity(2048);
    for n in 0..MAX_REQUESTS {
        let now = Instant::now();
        let (idle_until, due) = if n == 0 {
            (accepted + HEAD_TIMEOUT, Some(accepted + HEAD_TIMEOUT))
        } else {
            (now + IDLE_TIMEOUT, None)
        };
        let head = match read_head(&mut stream, &mut buf, idle_until, due) {
            Ok(Some(head)) => head,
            Ok(None) => return,
            Err(status) => {
                let reply = http::text(status, &format!("{status}\n"));
                let _ = stream.write_all(&reply.to_bytes(false, true));
                return linger_close(stream);
            }
        };
        let close = !head.keep_alive() || head.has_body() || n + 1 == MAX_REQUESTS;
        let head_only = head.method == Method::Head;
        let (reply, close) = match http::route(&head, state) {
            Route::Reply(reply) => {
                // A refused method may come with a body we will not read: close after it.
                let close = close || reply.status == 405;
                // HTTP/1.0 closes unless the response says otherwise.
                let reply = if head.minor_version == 0 && !close {
                    reply.with("Connection", "keep-alive")
                } else {
                    reply
                };
                (reply, close)
            }
            Route::Wait(since) => match polls.park(stream, since) {
                Ok(()) => return,
                Err(stream) => return refuse(stream, "503 too many live-reload polls"),
            },
        };
        if stream.write_all(&reply.to_bytes(head_only, close)).is_err() {
            return;
        }
        if close {
            // Only input left unread (a body, pipelined requests) needs the lingering close.
            if head.has_body() || reply.status == 405 || !buf.is_empty() {
                linger_close(stream);
            }
            return;
        }
    }
}

/// Closes after a reply while the client may still be sending (a body, the rest of an
/// oversized head): closing with unread data would reset the connection and could destroy
/// the reply before the client reads it. Reads and drops for at most a second.
fn linger_close(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(1);
    let mut sink = [0u8; 8192];
    for _ in 0..128 {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Reads until `buf` starts with a whole request head, and removes it from `buf`.
///
/// `Ok(None)`: the connection closed, or stayed idle until `idle_until` before a request began.
/// `Err(status)`: the head was refused, or did not arrive by `due` (by default
/// [`HEAD_TIMEOUT`] after its first byte).
fn read_head(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    idle_until: Instant,
    due: Option<Instant>,
) -> Result<Option<request::Head>, u16> {
    let mut deadline = due.or_else(|| (!buf.is_empty()).then(|| Instant::now() + HEAD_TIMEOUT));
    let mut chunk = [0u8; 4096];
    loop {
        match request::parse_head(buf) {
            Ok(Some((head, used))) => {
                buf.drain(..used);
                return Ok(Some(head));
            }
            Ok(None) => {}
            Err(e) => return Err(e.status()),
        }
        let until = deadline.unwrap_or(idle_until);
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return if buf.is_empty() { Ok(None) } else { Err(408) };
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                deadline.get_or_insert_with(|| Instant::now() + HEAD_TIMEOUT);
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Ok(None),
        }
    }
}

/// The live-reload polls waiting for a build, held without a thread each.
struct Polls {
    parked: Mutex<Vec<Parked>>,
    cap: usize,
}

struct Parked {
    stream: TcpStream,
    since: u64,
    until: Instant,
}

impl Polls {
    /// Keeps `stream` until a build newer than `since`; gives it back past [`MAX_POLLS`].
    fn park(&self, stream: TcpStream, since: u64) -> Result<(), TcpStream> {
        let mut parked = self.parked.lock().unwrap_or_else(PoisonError::into_inner);
        if parked.len() >= self.cap || stream.set_nonblocking(true).is_err() {
            return Err(stream);
        }
        parked.push(Parked {
            stream,
            since,
            until: Instant::now() + POLL_TIMEOUT,
        });
        Ok(())
    }
}

/// How many polls may be parked: [`MAX_POLLS`], or fewer when the process may not open that
/// many files. Each parked poll holds a file descriptor, so the soft limit is first raised to
/// the hard one (as servers do), and 256 are kept for pages, the watcher and builds.
fn poll_cap() -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit only read and write the struct passed.
        let files = unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
                return MAX_POLLS;
            }
            let wanted = limit.rlim_max.min(MAX_POLLS as libc::rlim_t + 1024);
            if limit.rlim_cur < wanted {
                let raised = libc::rlimit {
                    rlim_cur: wanted,
                    rlim_max: limit.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    limit.rlim_cur = wanted;
                }
            }
            limit.rlim_cur
        };
        let files = usize::try_from(files).unwrap_or(usize::MAX);
        MAX_POLLS.min(files.saturating_sub(256))
    }
    #[cfg(not(unix))]
    MAX_POLLS
}

/// The poll thread: answers parked polls when a build finishes or they time out, and lets go
/// of those whose client has gone.
fn hold_polls(state: &State, polls: &Polls, stop: &AtomicBool) {
    let mut seen = state.current().0;
    while !stop.load(Ordering::SeqCst) {
        let (generation, error) = state.wait_for_change(Some(seen), POLL_TICK);
        seen = generation;
        let now = Instant::now();
        let mut due = Vec::new();
        {
            let mut parked = polls.parked.lock().unwrap_or_else(PoisonError::into_inner);
            let mut i = 0;
            while i < parked.len() {
                let p = &parked[i];
                if p.since != generation || p.until <= now {
                    due.push(parked.swap_remove(i));
                } else if gone(&p.stream) {
                    parked.swap_remove(i);
                } else {
                    i += 1;
                }
            }
        }
        if due.is_empty() {
            continue;
        }
        let bytes = http::poll_reply(generation, error.as_deref()).to_bytes(false, true);
        for mut p in due {
            // A fresh socket's send buffer takes this small reply at once; a client whose
            // buffer is full is dropped rather than waited for.
            let _ = p.stream.write_all(&bytes);
            let _ = p.stream.shutdown(Shutdown::Write);
        }
    }
}

/// Whether the client of a parked (non-blocking) poll has closed its end.
fn gone(stream: &TcpStream) -> bool {
    let mut byte = [0u8; 1];
    match stream.peek(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != ErrorKind::WouldBlock,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(listener: &TcpListener) -> (TcpStream, TcpStream) {
        let client = TcpStream::connect(listener.local_addr().expect("addr")).expect("connect");
        let (server, _) = listener.accept().expect("accept");
        (client, server)
    }

    #[test]
    fn polls_past_the_cap_are_given_back() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let polls = Polls {
            parked: Mutex::new(Vec::new()),
            cap: 2,
        };
        let mut clients = Vec::new();
        for n in 0..3 {
            let (client, server) = pair(&listener);
            clients.push(client);
            assert_eq!(polls.park(server, 0).is_ok(), n < 2, "poll {n}");
        }
    }

    #[test]
    fn a_closed_client_is_seen_as_gone() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let (client, server) = pair(&listener);
        server.set_nonblocking(true).expect("nonblocking");
        assert!(!gone(&server));
        drop(client);
        let until = Instant::now() + Duration::from_secs(5);
        while !gone(&server) {
            assert!(Instant::now() < until, "close not seen");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
