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
