//! Embeds the default theme: every `.html` and `.xml` file of `templates/` becomes an entry of
//! `render::templates::BUILT_IN`, so a new template needs no Rust edit.

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=templates");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("templates/ is readable")
        .map(|entry| entry.expect("templates/ lists").file_name())
        .filter_map(|name| name.into_string().ok())
        .filter(|name| name.ends_with(".html") || name.ends_with(".xml"))
        .collect();
    names.sort();
    let mut code = String::from("&[\n");
    for name in names {
        // The path is joined when the crate compiles, not here: a target folder copied to
        // another checkout then embeds that checkout's templates, not this one's.
        writeln!(
            code,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/templates/{name}\"))),"
        )
        .expect("writing to a string");
    }
    code.push_str("]\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("built_in_templates.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
