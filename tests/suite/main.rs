//! Integration tests: every test runs the real `arsip` binary on a fixture site.

mod harness;

mod build;
mod check;
mod errors;
mod import;
mod incremental;
mod language;
mod newsroom_corpus;
mod scaffold;
mod serve;
