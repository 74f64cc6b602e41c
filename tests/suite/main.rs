//! Integration tests: every test runs the real `arsip` binary on a fixture site.

mod harness;

mod build;
mod check;
mod errors;
mod hostile;
mod import;
mod import_wordpress;
mod incremental;
mod interrupted;
mod language;
mod newsroom_corpus;
mod output_check;
mod scaffold;
mod serve;
mod template_tags;
mod unchanged;
