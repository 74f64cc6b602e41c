//! Integration tests: every test runs the real `arsip` binary on a fixture site.

mod harness;

mod build;
mod check;
mod errors;
mod language;
mod scaffold;
mod serve;
