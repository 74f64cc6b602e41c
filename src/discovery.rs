//! The `[discovery]` table of `arsip.toml`: what search engines, news aggregators and social
//! cards are told about the site beyond its title and language. The publisher's logo and the
//! lead image of articles that have none, the site's handle on X/Twitter, whether a Google
//! News sitemap is written, and how many URLs one sitemap file holds. Read with the rest of
//! the configuration, in `config.rs`; every key is optional.

use serde::Deserialize;

/// The most URLs one sitemap file may hold (sitemaps.org).
pub const SITEMAP_MAX_URLS: usize = 50_000;
/// The most bytes one sitemap file may hold, uncompressed (sitemaps.org: 50 MiB).
pub const SITEMAP_MAX_BYTES: usize = 50 * 1024 * 1024;

/// `[discovery]` as written and validated.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Discovery {
    /// The publisher's logo (a site path such as `/img/logo.png`, or an absolute URL), for
    /// the `publisher` of each article's structured data.
    pub logo: Option<String>,
    /// The lead image of an article that names none and has no image in its body.
    pub image: Option<String>,
    /// The size of `image` in pixels, for `og:image:width` and `og:image:height`.
    pub image_width: Option<u32>,
    pub image_height: Option<u32>,
    /// The site's account on X/Twitter (`@arsip`), for `twitter:site`.
    pub twitter: Option<String>,
    /// Whether `sitemap-news.xml` (Google News) is written.
    pub news_sitemap: bool,
    /// The most URLs one sitemap file lists; more make more files under the sitemap index.
    pub sitemap_max_urls: usize,
    /// The most bytes one sitemap file may take (not a key of `arsip.toml`: tests set it).
    #[serde(skip)]
    pub sitemap_max_bytes: usize,
    /// Whether `static/robots.txt` exists, and so replaces the generated one (found when the
    /// configuration is read, not a key of `arsip.toml`).
    #[serde(skip)]
    pub static_robots: bool,
}

impl Default for Discovery {
    fn default() -> Self {
        Discovery {
            logo: None,
            image: None,
            image_width: None,
            image_height: None,
            twitter: None,
            news_sitemap: true,
            sitemap_max_urls: SITEMAP_MAX_URLS,
            sitemap_max_bytes: SITEMAP_MAX_BYTES,
            static_robots: false,
        }
    }
}

impl Discovery {
    /// Checks the values; fails with a message naming the key.
    pub fn validate(mut self, root: &std::path::Path) -> Result<Discovery, String> {
        if !(1..=SITEMAP_MAX_URLS).contains(&self.sitemap_max_urls) {
            return Err(format!(
                "discovery.sitemap_max_urls must be from 1 to {SITEMAP_MAX_URLS}, not {}",
                self.sitemap_max_urls
            ));
        }
        for (key, value) in [("logo", &self.logo), ("image", &self.image)] {
            if let Some(bad) = value.as_deref().filter(|v| !is_image_address(v)) {
                return Err(format!(
                    "discovery.{key} `{bad}` is not a site path (`/img/logo.png`) or an \
                     http(s) URL"
                ));
            }
        }
        if let Some(handle) = &self.twitter {
            let name = handle.strip_prefix('@').unwrap_or(handle);
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(format!(
                    "discovery.twitter `{handle}` is not an account name such as `@arsip`"
                ));
            }
            self.twitter = Some(format!("@{name}"));
        }
        self.sitemap_max_bytes = SITEMAP_MAX_BYTES;
        self.static_robots = root.join("static").join("robots.txt").is_file();
        Ok(self)
    }
}

// A site path or an absolute http(s) URL, without characters that would need escaping in a
// URL or break out of one.
fn is_image_address(value: &str) -> bool {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .or_else(|| value.strip_prefix('/'));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with('/')
            && r.chars()
                .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '`'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validated(d: Discovery) -> Result<Discovery, String> {
        d.validate(std::path::Path::new("/nonexistent"))
    }

    #[test]
    fn defaults_are_the_sitemap_limits_of_the_standard() {
        let d = validated(Discovery::default()).expect("valid");
        assert_eq!(d.sitemap_max_urls, 50_000);
        assert_eq!(d.sitemap_max_bytes, 52_428_800);
        assert!(d.news_sitemap && !d.static_robots);
    }

    #[test]
    fn a_sitemap_limit_beyond_the_standard_is_refused() {
        let d = Discovery {
            sitemap_max_urls: 50_001,
            ..Discovery::default()
        };
        assert!(validated(d).is_err_and(|e| e.contains("sitemap_max_urls")));
    }

    #[test]
    fn image_addresses_are_site_paths_or_http_urls() {
        for good in [
            "/img/a.png",
            "https://cdn.example.org/a.png",
            "http://x.org/a",
        ] {
            assert!(is_image_address(good), "{good}");
        }
        for bad in [
            "img/a.png",
            "javascript:alert(1)",
            "/a\".png",
            "//evil.org/a",
            "/",
        ] {
            assert!(!is_image_address(bad), "{bad}");
        }
    }

    #[test]
    fn a_twitter_handle_gets_its_at_sign() {
        let d = Discovery {
            twitter: Some("arsip_id".to_string()),
            ..Discovery::default()
        };
        assert_eq!(
            validated(d).expect("valid").twitter.as_deref(),
            Some("@arsip_id")
        );
        let bad = Discovery {
            twitter: Some("@a b".to_string()),
            ..Discovery::default()
        };
        assert!(validated(bad).is_err());
    }
}
