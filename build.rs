//! Embeds the built-in themes: every `.html`, `.xml`, `.json` and `.txt` (`robots.txt`) file
//! of `templates/` becomes an entry of
//! `render::templates::BUILT_IN` (the default theme), and every file of `templates/themes/<name>/`
//! an entry of `render::themes::OVERLAYS` (what another theme replaces or adds) and its name
//! one of `config::THEMES`, so a new
//! template or theme needs no Rust edit beyond the theme's name.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=templates");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut base = String::from("&[\n");
    for name in files(&dir, &["html", "xml", "json", "txt"]) {
        entry(&mut base, "", &name, &format!("templates/{name}"));
    }
    base.push_str("]\n");
    let mut themes = String::from("&[\n");
    let mut names = String::from("&[\"default\"");
    for theme in folders(&dir.join("themes")) {
        write!(names, ", {theme:?}").expect("writing to a string");
        for name in files(&dir.join("themes").join(&theme), &["html", "xml", "css"]) {
            let path = format!("templates/themes/{theme}/{name}");
            entry(&mut themes, &format!("{theme:?}, "), &name, &path);
        }
    }
    themes.push_str("]\n");
    names.push_str("]\n");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("built_in_templates.rs"), base)
        .expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out).join("built_in_themes.rs"), themes)
        .expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out).join("theme_names.rs"), names).expect("OUT_DIR is writable");
}

// The path is joined when the crate compiles, not here: a target folder copied to another
// checkout then embeds that checkout's templates, not this one's.
fn entry(code: &mut String, prefix: &str, name: &str, path: &str) {
    writeln!(
        code,
        "    ({prefix}{name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{path}\"))),"
    )
    .expect("writing to a string");
}

/// The names of the files in `dir` with one of `extensions`, sorted.
fn files(dir: &Path, extensions: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = list(dir)
        .into_iter()
        .filter(|name| dir.join(name).is_file())
        .filter(|name| extensions.iter().any(|e| name.ends_with(&format!(".{e}"))))
        .collect();
    names.sort();
    names
}

fn folders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = list(dir)
        .into_iter()
        .filter(|name| dir.join(name).is_dir())
        .collect();
    names.sort();
    names
}

fn list(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|entry| entry.expect("templates/ lists").file_name())
        .filter_map(|name| name.into_string().ok())
        .collect()
}
