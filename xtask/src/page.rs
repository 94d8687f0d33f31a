//! The demo page's index.html, built into dist/ without trunk, from the same file.
//!
//! index.html is written for trunk (`trunk serve` still builds it): its
//! `<link data-trunk …>` tags say what goes into dist/. [`Page::parse`] reads
//! the same tags, so that trunk and `cargo xtask build` make one page:
//!
//! - `rel="rust"`: the wasm, which xtask builds itself; its `data-wasm-opt`
//!   level is wasm-opt's (`z`: `-Oz`). The tag goes.
//! - `rel="css"`: a stylesheet, minified into dist/ under its file name and
//!   linked there with its SRI hash, as trunk does. [`css::JOINED`], the
//!   output of Trunk.toml's hook, is joined first.
//! - `rel="copy-file"`: a file copied into dist/ under its file name. The tag goes.
//!
//! Any other `data-trunk` tag is an error, and so is one that shares its line
//! with other markup: the page changes rarely, and a tag xtask skipped would
//! only show as a broken demo.

use std::path::Path;

use crate::{Error, Result, css, integrity, process};

/// index.html, read for the build.
#[derive(Debug, PartialEq)]
pub struct Page {
    /// The page's lines, each kept, dropped or turned into a stylesheet link.
    lines: Vec<Line>,
    /// wasm-opt's optimisation flag (`-Oz`), if the rust tag asks for one.
    pub wasm_opt: Option<String>,
}

#[derive(Debug, PartialEq)]
enum Line {
    /// Copied as it is.
    Keep(String),
    /// A `rel="css"` tag: its indentation and source path.
    Stylesheet { indent: String, href: String },
    /// A `rel="copy-file"` tag: its source path.
    Copy { href: String },
    /// The `rel="rust"` tag.
    Rust,
}

impl Page {
    /// Reads the text of index.html.
    pub fn parse(html: &str) -> Result<Page> {
        let mut lines = Vec::new();
        let mut wasm_opt = None;
        for line in html.lines() {
            if !line.contains("data-trunk") {
                lines.push(Line::Keep(line.to_owned()));
                continue;
            }
            let tag = line.trim();
            if !tag.starts_with("<link data-trunk ")
                || !tag.ends_with('>')
                || tag.matches('<').count() != 1
            {
                return Err(Error::new(format!(
                    "index.html: {tag:?} is not one `<link data-trunk …>` tag on a line of its own"
                )));
            }
            let href = || {
                attr(tag, "href")
                    .map(str::to_owned)
                    .ok_or_else(|| Error::new(format!("index.html: {tag:?} has no href")))
            };
            lines.push(match attr(tag, "rel") {
                Some("rust") => {
                    wasm_opt = match attr(tag, "data-wasm-opt") {
                        None | Some("0") => None,
                        Some(level @ ("1" | "2" | "3" | "4" | "s" | "z")) => Some(format!("-O{level}")),
                        Some(other) => {
                            return Err(Error::new(format!(
                                "index.html: data-wasm-opt=\"{other}\" is not 0-4, s or z"
                            )));
                        }
                    };
                    Line::Rust
                }
                Some("css") => Line::Stylesheet {
                    indent: line[..line.len() - line.trim_start().len()].to_owned(),
                    href: href()?,
                },
                Some("copy-file") => Line::Copy { href: href()? },
                _ => {
                    return Err(Error::new(format!(
                        "index.html: xtask does not build {tag:?} (only rel rust, css and copy-file)"
                    )));
                }
            });
        }
        if !lines.contains(&Line::Rust) {
            return Err(Error::new(
                "index.html has no `<link data-trunk rel=\"rust\">`",
            ));
        }
        Ok(Page { lines, wasm_opt })
    }

    /// Writes the page's stylesheets (minified), its copied files and the page
    /// itself into `dist`; paths in the page are relative to the repository root.
    pub fn write(&self, dist: &Path) -> Result {
        let root = process::root();
        let mut html = Vec::new();
        for line in &self.lines {
            match line {
                Line::Keep(text) => html.push(text.clone()),
                Line::Rust => {}
                Line::Copy { href } => {
                    std::fs::copy(root.join(href), dist.join(file_name(href)?))
                        .map_err(|err| Error::new(format!("cannot copy {href}: {err}")))?;
                }
                Line::Stylesheet { indent, href } => {
                    if href == css::JOINED {
                        css::join()?;
                    }
                    let name = file_name(href)?;
                    css::minify(&root.join(href), &dist.join(name))?;
                    let sri = integrity::sri(&std::fs::read(dist.join(name))?);
                    html.push(format!(
                        "{indent}<link rel=\"stylesheet\" href=\"{name}\" integrity=\"{sri}\">"
                    ));
                }
            }
        }
        html.push(String::new());
        std::fs::write(dist.join("index.html"), html.join("\n"))?;
        Ok(())
    }
}

/// The value of the attribute `name="…"` in `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// The file name `href` ends with, which its copy in dist/ takes.
fn file_name(href: &str) -> Result<&str> {
    Path::new(href)
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| Error::new(format!("index.html: {href:?} names no file")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML: &str = "<head>\n  <link rel=\"icon\" href=\"favicon.svg\">\n  \
        <link data-trunk rel=\"copy-file\" href=\"examples/favicon.svg\">\n  \
        <link data-trunk rel=\"rust\" data-wasm-opt=\"z\" data-bindgen-target=\"web\">\n  \
        <link data-trunk rel=\"css\" href=\"target/style/twostep.css\">\n</head>";

    #[test]
    fn reads_the_trunk_tags() {
        let page = Page::parse(HTML).unwrap();
        assert_eq!(page.wasm_opt.as_deref(), Some("-Oz"));
        assert_eq!(
            page.lines,
            [
                Line::Keep("<head>".into()),
                Line::Keep("  <link rel=\"icon\" href=\"favicon.svg\">".into()),
                Line::Copy {
                    href: "examples/favicon.svg".into()
                },
                Line::Rust,
                Line::Stylesheet {
                    indent: "  ".into(),
                    href: "target/style/twostep.css".into()
                },
                Line::Keep("</head>".into()),
            ]
        );
    }

    #[test]
    fn refuses_what_it_cannot_build() {
        let no_rust = "<link data-trunk rel=\"css\" href=\"a.css\">";
        assert!(Page::parse(no_rust).is_err());
        for tag in [
            "<link data-trunk rel=\"sass\" href=\"a.scss\">",
            "<link data-trunk rel=\"css\">",
            "<link data-trunk rel=\"rust\" data-wasm-opt=\"x\">",
            "<title>x</title><link data-trunk rel=\"css\" href=\"a.css\">",
            "<script data-trunk src=\"a.js\"></script>",
        ] {
            let html = format!("<link data-trunk rel=\"rust\">\n{tag}");
            assert!(Page::parse(&html).is_err(), "{tag}");
        }
    }

    #[test]
    fn reads_attributes() {
        let tag = "<link data-trunk rel=\"css\" data-rel=\"x\" href=\"a/b.css\">";
        assert_eq!(attr(tag, "rel"), Some("css"));
        assert_eq!(attr(tag, "href"), Some("a/b.css"));
        assert_eq!(attr(tag, "integrity"), None);
        assert_eq!(file_name("a/b.css").unwrap(), "b.css");
    }
}
