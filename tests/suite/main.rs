//! Integration tests: every test runs the real `arsip` binary on a fixture site.

mod harness;

mod build;
mod errors;
mod hostile;
mod interrupted;
