//! Counters a long build advances as it goes (articles read, pages written), read by the
//! command line to draw a progress line. Atomic, so parallel stages count without locks; the
//! library only counts, it never prints.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// How far a build has come. Shared between the build and whoever shows it.
#[derive(Debug, Default)]
pub struct Progress {
    articles: AtomicUsize,
    pages: AtomicUsize,
    done: AtomicBool,
}

impl Progress {
    /// One more article read (parsed, or taken from the cache).
    pub fn article(&self) {
        self.articles.fetch_add(1, Ordering::Relaxed);
    }

    /// `n` more pages rendered and written.
    pub fn pages(&self, n: usize) {
        self.pages.fetch_add(n, Ordering::Relaxed);
    }

    /// Marks the build as over, so that the line can be cleared.
    pub fn finish(&self) {
        self.done.store(true, Ordering::Release);
    }

    /// Whether [`Progress::finish`] was called.
    pub fn is_done(&self) -> bool {
        self.done.load(Ordering::Acquire)
    }

    /// `1,234 articles read, 567 pages written (3.2 s)`: the line to show after `elapsed`.
    pub fn line(&self, elapsed: std::time::Duration) -> String {
        let articles = self.articles.load(Ordering::Relaxed);
        let pages = self.pages.load(Ordering::Relaxed);
        format!(
            "{} read, {} written ({:.1} s)",
            counted(articles, "article", "articles"),
            counted(pages, "page", "pages"),
            elapsed.as_secs_f64()
        )
    }
}

fn counted(n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counts_articles_and_pages() {
        let progress = Progress::default();
        assert_eq!(
            progress.line(std::time::Duration::from_millis(1250)),
            "0 articles read, 0 pages written (1.2 s)"
        );
        progress.article();
        progress.pages(3);
        assert_eq!(
            progress.line(std::time::Duration::from_secs(2)),
            "1 article read, 3 pages written (2.0 s)"
        );
        assert!(!progress.is_done());
        progress.finish();
        assert!(progress.is_done());
    }
}
