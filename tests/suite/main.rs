//! Integration tests: every test runs the real `arsip` binary on a fixture site.

mod harness;

mod archives;
mod build;
mod check;
mod content_walk;
mod crash;
mod discovery;
mod errors;
mod forbidden_chars;
mod hostile;
mod import;
mod import_wordpress;
mod incremental;
mod interrupted;
mod language;
mod long_reads;
mod news_corpus;
mod newsroom_corpus;
mod old_urls;
mod output_check;
mod output_folder;
mod portable;
mod progress;
mod related;
mod scaffold;
mod search;
mod serve;
mod serve_hostile;
mod slug_safety;
mod template_tags;
mod unchanged;
