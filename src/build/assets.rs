//! Files published as they are: the theme's stylesheet, everything under `static/`, and the
//! files of `content/` that are no articles (page bundles' images and downloads).

use std::path::Path;

use walkdir::WalkDir;

use crate::error::{Error, Warning};
use crate::load::{ContentAsset, SiteFolder};
use crate::model::{self, Site};
use crate::render::templates::BUILT_IN_SEARCH_SCRIPT;
use crate::render::themes;
use crate::render::{Contents, OutputFile};
use crate::words::layout;

/// The stylesheet (the site's `templates/style.css`, else the built-in one of `theme`), the
/// search script when `search` is on (the site's `templates/search.js`, else the built-in
/// one), and every file of `static/`, which may replace these but no generated page
/// (`is_page` tells them). Symbolic links leading outside the site are not followed
/// ([`links_outside`] names them).
pub fn collect(
    root: &Path,
    theme: &str,
    search: bool,
    is_page: impl Fn(&str) -> bool,
) -> Result<Vec<OutputFile>, Vec<Error>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let own_or = |name: &str, built_in: &str| {
        let own = root.join("templates").join(name);
        if own.is_file() {
            Contents::Copy(own)
        } else {
            Contents::Text(built_in.as_bytes().to_vec())
        }
    };
    files.push(OutputFile {
        path: model::STYLESHEET_URL.to_string(),
        contents: own_or(model::STYLESHEET_URL, &themes::stylesheet(theme)),
    });
    if search {
        files.push(OutputFile {
            path: layout::SCRIPT_URL.to_string(),
            contents: own_or("search.js", BUILT_IN_SEARCH_SCRIPT),
        });
    }
    let dir = root.join("static");
    if dir.is_dir() {
        for entry in walk_static(root, &dir, &mut |_| {}) {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(&dir).to_path_buf();
                    errors.push(Error::io(
                        path.strip_prefix(root).unwrap_or(&path),
                        "cannot read this static file",
                        e.into_io_error()
                            .unwrap_or_else(|| std::io::Error::other("symbolic link loop")),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let Some(path) = rel.to_str().map(|p| p.replace('\\', "/")) else {
                errors.push(Error::content(
                    entry.path().strip_prefix(root).unwrap_or(entry.path()),
                    None,
                    "file name is not valid UTF-8",
                ));
                continue;
            };
            if is_page(&path) {
                errors.push(Error::content(
                    entry.path().strip_prefix(root).unwrap_or(entry.path()),
                    None,
                    format!(
                        "static file would replace the generated page {path}; rename or remove it"
                    ),
                ));
                continue;
            }
            files.retain(|f: &OutputFile| f.path != path);
            files.push(OutputFile {
                path,
                contents: Contents::Copy(entry.into_path()),
            });
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// A warning for each symbolic link under `static/` that leads outside the site folder: such
/// links are not followed, so nothing outside the site is published (issue 21).
pub fn links_outside(root: &Path) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let dir = root.join("static");
    if dir.is_dir() {
        let mut skipped = |link: &Path| {
            warnings.push(Warning {
                path: link.strip_prefix(root).unwrap_or(link).to_path_buf(),
                location: None,
                message: "symbolic link leading outside the site folder; not followed \
                          (nothing outside the site is published)"
                    .to_string(),
            });
        };
        walk_static(root, &dir, &mut skipped).for_each(drop);
    }
    warnings
}

// Walks `dir` in name order, following the symbolic links that stay inside the site and
// handing the others to `outside` instead.
fn walk_static<'a>(
    root: &Path,
    dir: &Path,
    outside: &'a mut dyn FnMut(&Path),
) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> + 'a {
    let inside = SiteFolder::new(root);
    WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |entry| {
            let keep = !entry.path_is_symlink() || inside.holds_target_of(entry.path());
            if !keep {
                outside(entry.path());
            }
            keep
        })
}

/// The files of `content/` that are no articles, each at the place the model gives it (see
/// [`model::content_asset_path`]); those of unpublished articles are left out. A file that
/// would replace a page or a static file (`is_taken` tells them) is an error naming it.
pub fn content(
    assets: &[ContentAsset],
    site: &Site,
    is_taken: impl Fn(&str) -> bool,
) -> Result<Vec<OutputFile>, Vec<Error>> {
    let mut files = Vec::with_capacity(assets.len());
    let mut errors = Vec::new();
    for asset in assets {
        let Some(path) = model::content_asset_path(site, &asset.path, asset.bundle.as_deref())
        else {
            if asset.path.to_str().is_none() {
                errors.push(Error::content(
                    &asset.path,
                    None,
                    "file name is not valid UTF-8",
                ));
            }
            continue;
        };
        if is_taken(&path) {
            errors.push(Error::content(
                &asset.path,
                None,
                format!("this file would be published at {path}, which a page or a static file has; rename or move it"),
            ));
            continue;
        }
        files.push(OutputFile {
            path,
            contents: Contents::Copy(asset.abs.clone()),
        });
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_links_leading_outside_the_site_are_named_and_not_published() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().expect("temporary folder");
        std::fs::write(outside.path().join("kunci.txt"), "secret").expect("write");
        let root = tempfile::tempdir().expect("temporary folder");
        let dir = root.path().join("static");
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(root.path().join("logo.txt"), "logo").expect("write");
        symlink(outside.path().join("kunci.txt"), dir.join("kunci.txt")).expect("symlink");
        symlink(outside.path(), dir.join("rumah")).expect("symlink");
        symlink("../logo.txt", dir.join("logo.txt")).expect("symlink");
        let files = collect(root.path(), themes::DEFAULT, false, |_| false).expect("collected");
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, [model::STYLESHEET_URL, "logo.txt"]);
        let named: Vec<_> = links_outside(root.path())
            .into_iter()
            .map(|w| w.path)
            .collect();
        assert_eq!(
            named,
            [Path::new("static/kunci.txt"), Path::new("static/rumah")]
        );
    }
}
