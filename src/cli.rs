//! The command line: one `clap` derive struct per subcommand, doc comments as help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// arsip turns an archive of news articles (Markdown with front matter, or plain text as it
/// came from the news site) into a fast static website: article pages, day, month and year
/// archives, tag pages, a paginated index, RSS feeds and a sitemap.
#[derive(Debug, Parser)]
#[command(name = "arsip", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// Reads arsip.toml, content/, templates/ and static/ under the site root. On any error
    /// nothing is written and the previous output is left as it was.
    Build(BuildArgs),
    /// Build, serve the site locally, and rebuild and reload open pages on every change.
    ///
    /// Builds into ROOT/.arsip-serve (never public/), with the local address as base URL.
    /// Watches content/, templates/, static/ and arsip.toml. A failed build keeps the last
    /// good site served and shows its errors in the terminal and in the browser.
    Serve(ServeArgs),
    /// Create a new site: arsip.toml, an example article and a .gitignore.
    Init(InitArgs),
    /// Create a new draft article at content/YYYY/MM/SLUG.md, dated now, and print its path.
    New(NewArgs),
    /// Read and render everything without writing, and report every problem found.
    ///
    /// Reports bad front matter, template errors, links to articles that do not exist,
    /// articles competing for one URL and missing dates; exits 1 if there is any.
    Check(CheckArgs),
    /// Convert plain-text news articles to Markdown with YAML front matter for review.
    ///
    /// Reads each FILE (folders are walked for .txt), extracts headline, date, byline,
    /// dateline, captions and tags as the build does, and writes NAME.md under --out; a
    /// single article without --out goes to standard output. Existing files are never
    /// overwritten.
    Import(ImportArgs),
}

/// Options of `arsip serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site root: the folder holding arsip.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The port to serve on (0: any free port). Without it, 1111 or, when that is taken, the
    /// next free port (said when it starts); given explicitly, a taken port is an error.
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Include drafts and articles dated in the future.
    #[arg(long)]
    pub drafts: bool,
}

/// Options of `arsip init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in; it must be empty or not exist yet.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Also copy the theme's templates and stylesheet into templates/ to customize them.
    #[arg(long)]
    pub templates: bool,
    /// The built-in look: `default` (one column, for reading) or `newspaper` (a dense front page
    /// in columns). Written as `theme` in arsip.toml; change it there at any time.
    #[arg(long, value_name = "NAME", default_value = crate::config::DEFAULT_THEME,
          value_parser = clap::builder::PossibleValuesParser::new(crate::config::THEMES))]
    pub theme: String,
}

/// Options of `arsip new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The article's headline.
    pub headline: String,
    /// Comma-separated tags.
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Write a plain-text article (.txt) instead of Markdown.
    #[arg(long)]
    pub txt: bool,
    /// The site root: the folder holding arsip.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// Options of `arsip check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site root: the folder holding arsip.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Check drafts and articles dated in the future too.
    #[arg(long)]
    pub drafts: bool,
    /// Report as a problem (exit 1) when any folder or file under content/ cannot be read,
    /// instead of a warning.
    #[arg(long)]
    pub strict: bool,
}

/// Options of `arsip build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site root: the folder holding arsip.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The absolute URL the site is published at, for feeds, the sitemap and canonical links;
    /// overrides base_url in arsip.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include drafts (draft = true) and articles dated in the future.
    #[arg(long)]
    pub drafts: bool,
    /// End links in index.html so the site can be opened from disk (file://).
    #[arg(long)]
    pub file_urls: bool,
    /// Ignore the build cache (.arsip-cache/): parse and render every article and page again.
    #[arg(long)]
    pub clean: bool,
    /// Fail on any warning, writing nothing: an `@/` link to no published article, a folder
    /// or file under content/ that cannot be read (a site built without it is incomplete).
    #[arg(long)]
    pub strict: bool,
    /// Print only warnings and errors: no progress line, no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how long each phase of the build took (to standard error).
    #[arg(long)]
    pub timings: bool,
}

/// Options of `arsip import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Plain-text articles, folders to search for .txt files, or a WordPress export (.xml).
    #[arg(value_name = "FILE_OR_DIR", required = true)]
    pub inputs: Vec<PathBuf>,
    /// The folder to write the .md files to (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The site root whose arsip.toml gives timezone and auto_tags.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
