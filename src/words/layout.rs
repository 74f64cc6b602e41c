//! How the search index is laid out in files, shared by the model (which pages exist) and
//! render (what they hold), and repeated by `templates/search.js`: the terms are spread over
//! [`buckets`] fragment files by a hash of the term, the articles over chunks of
//! [`DOCS_PER_CHUNK`], so a query fetches only the fragments of its terms and the chunks of
//! the results it shows.

/// The search page's URL.
pub const SEARCH_URL: &str = "search/";
/// The file naming the index's size and the terms too common to index.
pub const META_URL: &str = "search/meta.js";
/// The search script, beside the page.
pub const SCRIPT_URL: &str = "search/search.js";
/// Articles per chunk of the document table.
pub const DOCS_PER_CHUNK: usize = 50;

/// The number of term fragments for a site of `articles`: a power of two near one per 50
/// articles, from 1 to 4096.
pub fn buckets(articles: usize) -> u32 {
    let wanted = (articles / 50).max(1);
    wanted.next_power_of_two().min(4096) as u32
}

/// The number of chunks of the document table.
pub fn chunks(articles: usize) -> u32 {
    articles.div_ceil(DOCS_PER_CHUNK) as u32
}

/// The fragment holding `term`: FNV-1a (32 bits) of its UTF-8 bytes, modulo `buckets`.
pub fn bucket_of(term: &str, buckets: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % buckets.max(1)
}

/// The URL of term fragment `n`.
pub fn terms_url(n: u32) -> String {
    format!("search/t/{n}.js")
}

/// The URL of document chunk `n`.
pub fn docs_url(n: u32) -> String {
    format!("search/d/{n}.js")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_grows_with_the_site() {
        assert_eq!(buckets(5), 1);
        assert_eq!(buckets(10_000), 256);
        assert_eq!(buckets(100_000), 2048);
        assert_eq!(buckets(10_000_000), 4096);
        assert_eq!(chunks(0), 0);
        assert_eq!(chunks(101), 3);
        // The same as search.js computes (checked in the browser on the fixture).
        assert_eq!(bucket_of("ajak", u32::MAX), 0x58a1_f866);
        assert_eq!(bucket_of("ajak", 1000), 0x58a1_f866 % 1000);
    }
}
