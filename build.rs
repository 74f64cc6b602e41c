//! Embeds the default theme: every `.html`, `.xml` and `.json` file of `templates/` (and
//! `robots.txt`) becomes an entry of
//! `render::templates::BUILT_IN`, so a new template needs no Rust edit.

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=templates");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("templates/ is readable")
        .map(|entry| entry.expect("templates/ lists").file_name())
        .filter_map(|name| name.into_string().ok())
        .filter(|name| {
            [".html", ".xml", ".json"]
                .iter()
                .any(|ext| name.ends_with(ext))
                || name == "robots.txt"
        })
        .collect();
    names.sort();
    let mut code = String::from("&[\n");
    for name in names {
        let path = dir.join(&name);
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a string");
    }
    code.push_str("]\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("built_in_templates.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
