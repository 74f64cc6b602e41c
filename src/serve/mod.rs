//! `arsip serve`: the preview server and watcher, on top of [`crate::build`].
//!
//! It builds the site into a folder of its own ([`SERVE_DIR`] under the root, so drafts and the
//! local base URL never reach `public/`), serves it over HTTP, watches the site's sources and
//! rebuilds on change (bursts of file events are debounced), and tells open pages to reload
//! through a long-poll endpoint. A failed build keeps the last good site on disk and on the
//! wire; its errors go to the caller (the terminal) and into an overlay in open pages.
//! The library still never prints: what happens is reported through a callback.

pub mod http;
pub mod request;
mod server;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, PoisonError, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use crate::build::BuildReport;
use crate::config::{Config, Overrides};
use crate::error::{Error, Warning, format_error};

/// The folder, under the site root, that `arsip serve` builds into and serves.
pub const SERVE_DIR: &str = ".arsip-serve";

/// How `arsip serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root: the folder holding `arsip.toml`.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The first port to try; the next ones are tried while it is taken. 0: any free port.
    pub port: u16,
    /// Only `port` itself: a taken port is an error, not a move to the next one.
    pub exact_port: bool,
    /// Include drafts and future-dated articles.
    pub drafts: bool,
}

/// What the server reports to its caller, in order, from the calling thread.
#[derive(Debug)]
pub enum Event<'a> {
    /// The first build is done (or failed) and requests are being answered at `url`.
    Listening { url: &'a str, output: &'a Path },
    /// A build succeeded; `changed` are the source files that triggered it (empty at start).
    Built {
        report: &'a BuildReport,
        changed: &'a [PathBuf],
    },
    /// A build failed; the last good site is still served.
    Failed {
        errors: &'a [Error],
        warnings: &'a [Warning],
        changed: &'a [PathBuf],
    },
    /// Ctrl-C was pressed; the server has stopped.
    Stopped,
}

/// How many ports after the requested one are tried before giving up.
const PORT_ATTEMPTS: u16 = 50;

/// Builds, serves and watches until Ctrl-C, reporting through `report`.
///
/// Fails only when it cannot start: no free port, or the sources cannot be watched. Build
/// errors are reported as [`Event::Failed`] and the server goes on.
pub fn serve(options: &ServeOptions, report: &mut dyn FnMut(Event)) -> Result<(), Error> {
    let root = std::fs::canonicalize(&options.root)
        .map_err(|e| Error::io(&options.root, "cannot open the site folder", e))?;
    let (server, addr) = bind(options.bind, options.port, options.exact_port)?;
    let url = match addr {
        SocketAddr::V4(a) => format!("http://{}:{}/", a.ip(), a.port()),
        SocketAddr::V6(a) => format!("http://[{}]:{}/", a.ip(), a.port()),
    };
    let state = Arc::new(State::new(root.join(SERVE_DIR)));
    let (tx, rx) = mpsc::channel();
    let mut watcher = watch::start(&root, tx.clone())?;
    // Ctrl-C arrives through the same channel as file events, so the loop below ends cleanly.
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(watch::Message::Stop);
    })
    .map_err(|e| {
        Error::io(
            &root,
            "cannot handle Ctrl-C",
            std::io::Error::other(e.to_string()),
        )
    })?;

    let build = |changed: &[PathBuf], report: &mut dyn FnMut(Event)| {
        rebuild(&root, &url, options.drafts, &state, changed, report);
    };
    build(&[], report);

    let server = server::start(server, Arc::clone(&state))
        .map_err(|e| Error::io(&root, "cannot start the HTTP server", e))?;
    report(Event::Listening {
        url: &url,
        output: &state.output,
    });
    while let Some(changed) = watch::next_batch(&rx, &root, &mut watcher) {
        build(&changed, report);
    }
    server.stop();
    report(Event::Stopped);
    Ok(())
}

fn bind(ip: IpAddr, port: u16, exact: bool) -> Result<(TcpListener, SocketAddr), Error> {
    let last = if port == 0 || exact {
        port
    } else {
        port.saturating_add(PORT_ATTEMPTS - 1)
    };
    let mut failure = String::new();
    for port in port..=last {
        match TcpListener::bind(SocketAddr::new(ip, port)) {
            Ok(listener) => {
                let addr = listener
                    .local_addr()
                    .unwrap_or_else(|_| SocketAddr::new(ip, port));
                return Ok((listener, addr));
            }
            Err(e) => failure = e.to_string(),
        }
    }
    Err(Error::io(
        format!("{ip}:{port}"),
        &if last == port {
            format!("cannot listen on port {port} (is it taken? try another --port)")
        } else {
            format!("no free port from {port} to {last}")
        },
        std::io::Error::other(failure),
    ))
}

/// The configuration of a serve build: its own output folder, the local URL as base URL.
pub fn serve_config(root: &Path, url: &str, drafts: bool) -> Result<Config, Error> {
    let overrides = Overrides {
        output: Some(root.join(SERVE_DIR)),
        base_url: Some(url.to_string()),
        drafts,
        file_urls: false,
        strict: false,
    };
    Config::load(root, &overrides)
}

fn rebuild(
    root: &Path,
    url: &str,
    drafts: bool,
    state: &State,
    changed: &[PathBuf],
    report: &mut dyn FnMut(Event),
) {
    let started = Instant::now();
    let result = serve_config(root, url, drafts).and_then(|config| {
        let _writing = state
            .output_lock
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        // A bug that panics in one build must not take the preview down: it is reported as a
        // failed build, and the last good site stays served.
        std::panic::catch_unwind(AssertUnwindSafe(|| crate::build::build(&config))).map_err(
            |panic| {
                Error::io(
                    root,
                    "the build stopped on an internal error (a bug in arsip: please report it)",
                    std::io::Error::other(panic_text(panic.as_ref())),
                )
            },
        )
    });
    match result {
        Ok(Ok(mut build_report)) => {
            // Count the config load too: this is the edit-to-served time.
            build_report.elapsed = started.elapsed();
            state.publish(None);
            report(Event::Built {
                report: &build_report,
                changed,
            });
        }
        Ok(Err(failure)) => {
            state.publish(Some(describe(&failure.errors)));
            report(Event::Failed {
                errors: &failure.errors,
                warnings: &failure.warnings,
                changed,
            });
        }
        Err(error) => {
            let errors = [error];
            state.publish(Some(describe(&errors)));
            report(Event::Failed {
                errors: &errors,
                warnings: &[],
                changed,
            });
        }
    }
}

/// The message a panic carried, for reporting it.
pub(crate) fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string())
}

fn describe(errors: &[Error]) -> String {
    errors
        .iter()
        .map(format_error)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The served folder and the outcome of the latest build, shared with request threads.
pub struct State {
    output: PathBuf,
    // Held for writing during a build; a request that finds nothing waits on it before giving
    // a 404, so it never answers from a folder mid-swap. (The site itself is never shared;
    // this only orders access to the folder on disk.)
    output_lock: RwLock<()>,
    status: Mutex<Status>,
    changed: Condvar,
}

#[derive(Debug, Clone, Default)]
struct Status {
    /// Counts finished builds, good or bad; pages compare it to know whether to reload.
    generation: u64,
    /// The errors of the latest build, formatted, when it failed.
    error: Option<String>,
}

impl State {
    fn new(output: PathBuf) -> State {
        State {
            output,
            output_lock: RwLock::new(()),
            status: Mutex::new(Status::default()),
            changed: Condvar::new(),
        }
    }

    fn reading(&self) -> RwLockReadGuard<'_, ()> {
        self.output_lock
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn publish(&self, error: Option<String>) {
        let mut status = self.status.lock().unwrap_or_else(PoisonError::into_inner);
        status.generation += 1;
        status.error = error;
        self.changed.notify_all();
    }

    /// The latest build's generation and error.
    pub fn current(&self) -> (u64, Option<String>) {
        let status = self.status.lock().unwrap_or_else(PoisonError::into_inner);
        (status.generation, status.error.clone())
    }

    /// Waits until a build newer than `since` finishes (or `timeout` passes) and returns the
    /// latest generation and error. Without `since`, answers at once.
    pub fn wait_for_change(&self, since: Option<u64>, timeout: Duration) -> (u64, Option<String>) {
        let status = self.status.lock().unwrap_or_else(PoisonError::into_inner);
        let status = match since {
            Some(since) => {
                self.changed
                    .wait_timeout_while(status, timeout, |s| s.generation == since)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            }
            None => status,
        };
        (status.generation, status.error.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poll_waits_for_the_next_build_and_carries_its_error() {
        let state = Arc::new(State::new(PathBuf::from("out")));
        assert_eq!(state.wait_for_change(None, Duration::ZERO), (0, None));
        // Nothing new: the wait times out with the same generation.
        assert_eq!(
            state.wait_for_change(Some(0), Duration::from_millis(10)),
            (0, None)
        );
        let waiter = {
            let state = Arc::clone(&state);
            std::thread::spawn(move || state.wait_for_change(Some(0), Duration::from_secs(10)))
        };
        state.publish(Some("content/a.md: error: x".to_string()));
        let (generation, error) = waiter.join().expect("waiter");
        assert_eq!(generation, 1);
        assert_eq!(error.as_deref(), Some("content/a.md: error: x"));
        state.publish(None);
        assert_eq!(state.current(), (2, None));
    }
}
