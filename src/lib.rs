//! arsip: a static site generator for archives of news articles.
//!
//! One pipeline of five stages, each a function of the previous stage's value:
//!
//! ```text
//! content/ -load-> Vec<SourceFile> -parse-> Vec<Article> -model-> Site -render-> Vec<OutputFile> -write-> public/
//! ```
//!
//! [`build`] runs them in order; the library never prints, it returns a [`BuildReport`] or
//! every error found.

#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::panic,
        clippy::print_stdout,
        clippy::print_stderr
    )
)]

pub mod assets;
pub mod check;
pub mod cli;
pub mod config;
pub mod error;
pub mod i18n;
pub mod load;
pub mod model;
pub mod newsroom;
pub mod parse;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod write;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use config::Config;
use error::{Error, Warning};
use render::OutputFile;

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub articles: usize,
    /// HTML pages written (articles, listings, archives, tags, 404).
    pub pages: usize,
    /// All files written, feeds and static files included.
    pub files: usize,
    /// Drafts and future-dated articles left out.
    pub skipped: usize,
    pub warnings: Vec<Warning>,
    pub elapsed: Duration,
}

/// Why a build failed: every error (sorted by file), and the warnings met on the way.
#[derive(Debug)]
pub struct BuildFailure {
    pub errors: Vec<Error>,
    pub warnings: Vec<Warning>,
}

/// A rendered site, not yet written.
pub struct Rendered {
    pub site: model::Site,
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Warning>,
}

/// Runs load, parse, model and render: everything but writing. Used by `build` and `check`.
pub fn render_site(config: &Config) -> Result<Rendered, BuildFailure> {
    let locale =
        i18n::Locale::new(&config.language, &config.strings).map_err(|message| BuildFailure {
            errors: vec![Error::Config {
                path: config::CONFIG_FILE.into(),
                location: None,
                message,
            }],
            warnings: Vec::new(),
        })?;
    let loaded = load::load(&config.root);
    let mut warnings = loaded.warnings;
    let mut errors = loaded.errors;
    let (articles, parse_errors) = parse::parse_all(&loaded.files, config);
    errors.extend(parse_errors);
    // Templates are checked even when content failed, so one run reports everything.
    let renderer = render::Renderer::new(config, locale);
    let renderer = match renderer {
        Ok(r) if errors.is_empty() => r,
        Ok(_) => return Err(failure(errors, warnings)),
        Err(template_errors) => {
            errors.extend(template_errors);
            return Err(failure(errors, warnings));
        }
    };
    let (site, model_warnings) = model::build_site(articles, config, chrono::Utc::now());
    warnings.extend(model_warnings);
    let mut files = renderer
        .render_site(&site)
        .map_err(|errors| failure(errors, warnings.clone()))?;
    let pages: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let assets = assets::collect(&config.root, &pages)
        .map_err(|errors| failure(errors, warnings.clone()))?;
    files.extend(assets);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    warnings.sort();
    Ok(Rendered {
        site,
        files,
        warnings,
    })
}

/// Builds the site described by `config` into `config.output`.
///
/// On any error nothing is written and the previous output stays as it was.
pub fn build(config: &Config) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let Rendered {
        site,
        files,
        warnings,
    } = render_site(config)?;
    write::write_site(&config.output, &files).map_err(|e| failure(vec![e], warnings.clone()))?;
    Ok(BuildReport {
        articles: site.articles.len(),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        skipped: site.skipped,
        warnings,
        elapsed: started.elapsed(),
    })
}

fn failure(mut errors: Vec<Error>, mut warnings: Vec<Warning>) -> BuildFailure {
    error::sort_errors(&mut errors);
    warnings.sort();
    BuildFailure { errors, warnings }
}
