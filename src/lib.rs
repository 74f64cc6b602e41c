//! arsip: a static site generator for archives of news articles.
//!
//! One pipeline of five stages, each a function of the previous stage's value:
//!
//! ```text
//! content/ -load-> Vec<SourceFile> -parse-> Vec<Article> -model-> Site -render-> Vec<OutputFile> -write-> public/
//! ```
//!
//! [`build`] runs them in order, reusing what it can from the cache; `check` and `serve` run
//! the same pipeline. The library never prints: it returns a [`BuildReport`] or every error
//! found.

#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::panic,
        clippy::print_stdout,
        clippy::print_stderr
    )
)]

pub mod build;
pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod discovery;
pub mod error;
pub mod hash;
pub mod i18n;
pub mod import;
pub mod load;
pub mod model;
pub mod old_scheme;
pub mod parse;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod sys;
pub mod urls;
pub mod words;
pub mod write;

pub use build::timings;
pub use build::{BuildFailure, BuildOptions, BuildReport, build, build_with};
