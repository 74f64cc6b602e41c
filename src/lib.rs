//! arsip: a static site generator for archives of news articles.

pub mod slug;
