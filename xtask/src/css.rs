//! The widget's stylesheet, joined and minified.
//!
//! `style/twostep.css` lists the CSS beside each component, in cascade order, as
//! `@import "…";` lines: a shadow root loads one stylesheet, so the build joins
//! them into one file, [`JOINED`], exactly as the pre_build hook of Trunk.toml
//! does for `trunk serve` (keep the two in step). esbuild then minifies it: for
//! the widget's CSS its output is 27 B brotli smaller than trunk's minifier
//! (lightningcss), though 68 B larger raw (it keeps custom properties' values
//! as written).

use std::path::{Path, PathBuf};

use crate::process::{self, command};
use crate::{Error, Result};

/// Where the joined stylesheet goes, from the repository root: the path
/// Trunk.toml's hook writes and index.html links.
pub const JOINED: &str = "target/style/twostep.css";

/// The list of component stylesheets, from the repository root.
const LIST: &str = "style/twostep.css";

/// Joins the files `style/twostep.css` imports, in its order, into [`JOINED`]
/// and returns its path.
pub fn join() -> Result<PathBuf> {
    let root = process::root();
    let list = root.join(LIST);
    let text = std::fs::read_to_string(&list)
        .map_err(|err| Error::new(format!("cannot read {}: {err}", list.display())))?;
    let mut joined = Vec::new();
    for import in imports(&text)? {
        let path = list.with_file_name(import);
        let css = std::fs::read(&path)
            .map_err(|err| Error::new(format!("cannot read {}: {err}", path.display())))?;
        joined.extend(css);
    }
    let out = root.join(JOINED);
    std::fs::create_dir_all(out.parent().expect("JOINED names a folder"))?;
    std::fs::write(&out, joined)?;
    Ok(out)
}

/// The paths (relative to the list's folder) of the `@import "…";` lines of
/// the list `text`, in order. Any other `@import` form is an error: the hook's
/// `sed` would skip it without a word.
fn imports(text: &str) -> Result<Vec<&str>> {
    text.lines()
        .filter(|line| line.trim_start().starts_with("@import"))
        .map(|line| {
            line.strip_prefix("@import \"")
                .and_then(|rest| rest.strip_suffix("\";"))
                .filter(|path| !path.contains('"'))
                .ok_or_else(|| {
                    Error::new(format!(
                        "{LIST}: {line:?} is not of the form `@import \"path\";` on a line of its own"
                    ))
                })
        })
        .collect()
}

/// Minifies the stylesheet `from` into `to` with esbuild.
pub fn minify(from: &Path, to: &Path) -> Result {
    process::run(
        esbuild()
            .arg(from)
            .arg("--minify")
            .arg(format!("--outfile={}", to.display())),
    )
}

/// A command for npm esbuild (set up by `cargo xtask setup`), reporting warnings and errors only.
pub fn esbuild() -> std::process::Command {
    let mut cmd = command(&process::esbuild().to_string_lossy());
    cmd.arg("--log-level=warning");
    cmd
}

#[cfg(test)]
mod tests {
    use super::imports;

    #[test]
    fn reads_the_imports_in_order() {
        let list = "/* the widget's styles */\n\
                    @import \"../crates/widget/src/components/two_step.css\";\n\
                    @import \"../crates/widget/src/components/help.css\";\n";
        assert_eq!(
            imports(list).unwrap(),
            [
                "../crates/widget/src/components/two_step.css",
                "../crates/widget/src/components/help.css"
            ]
        );
    }

    #[test]
    fn another_import_form_is_an_error() {
        assert!(imports("@import url(\"a.css\");\n").is_err());
        assert!(imports("  @import \"a.css\";\n").is_err());
        assert!(imports("@import \"a.css\" screen;\n").is_err());
    }
}
