//! `cargo xtask build`: the demo page with `trunk build --release` into dist/, and the
//! embeddable bundle (no demo) into dist/bundle/, then a check of the files.

use crate::process::{self, command};
use crate::setup::{self, Scope};
use crate::{Error, Result};

/// The files a release build must leave in dist/.
pub const DIST_FILES: [&str; 5] = [
    "twostep.js",
    "twostep_bg.wasm",
    "twostep.css",
    "index.html",
    "boot.js",
];

/// The embeddable bundle's files, in dist/bundle/: what a login page ships.
pub const BUNDLE_FILES: [&str; 3] = ["twostep_bg.wasm", "twostep.js", "twostep.css"];

/// wasm-opt's flags for the bundle: the features rustc's wasm32 target emits.
/// `-Os` to convergence, not `-Oz`: its output is about 3 % larger raw but
/// compresses better (measured: about 700 B less brotli, 600 B less gzip).
const WASM_OPT_FLAGS: [&str; 8] = [
    "-Os",
    "--converge",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Sets up the wasm tools, builds the demo page and the embeddable bundle, and checks dist/.
pub fn run() -> Result {
    setup::run(Scope::Wasm)?;
    trunk()?;
    bundle()
}

/// Builds the embeddable bundle, the root crate without its `demo` feature, into dist/bundle/
/// (after [`trunk`], whose minified twostep.css it copies).
pub fn bundle() -> Result {
    eprintln!("build: embeddable bundle (no demo page) into dist/bundle/");
    process::run(process::cargo().args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "twostep",
        "--no-default-features",
    ]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| process::root().join("target"));
    let wasm = target.join("wasm32-unknown-unknown/release/twostep.wasm");
    let dist = process::dist_dir();
    let out = dist.join("bundle");
    std::fs::create_dir_all(&out)?;
    process::run(
        command("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "twostep",
                "--out-dir",
            ])
            .arg(&out)
            .arg(&wasm),
    )?;
    let bg = out.join("twostep_bg.wasm");
    process::run(
        command("wasm-opt")
            .args(WASM_OPT_FLAGS)
            .arg(&bg)
            .arg("-o")
            .arg(&bg),
    )?;
    let js = out.join("twostep.js");
    process::run(
        command(&process::esbuild().to_string_lossy())
            .arg(&js)
            .args([
                "--minify",
                "--format=esm",
                "--log-level=warning",
                "--allow-overwrite",
            ])
            .arg(format!("--outfile={}", js.display())),
    )?;
    std::fs::copy(dist.join("twostep.css"), out.join("twostep.css"))?;
    copy_dir(&process::root().join("examples"), &dist.join("examples"))?;
    let missing: Vec<&str> = BUNDLE_FILES
        .into_iter()
        .filter(|name| !out.join(name).is_file())
        .collect();
    if !missing.is_empty() {
        return Err(Error::new(format!(
            "dist/bundle/ lacks {}",
            missing.join(", ")
        )));
    }
    crate::integrity::write(&out, &BUNDLE_FILES)
}

/// Builds the release bundle with trunk (the tools must be set up) and checks dist/.
pub fn trunk() -> Result {
    eprintln!("build: trunk build --release");
    process::run(command("trunk").args(["build", "--release"]))?;
    check_dist()?;
    eprintln!("build: dist/ holds {}", DIST_FILES.join(", "));
    Ok(())
}

/// Fails unless every file of [`DIST_FILES`] is in dist/.
pub fn check_dist() -> Result {
    let dist = process::dist_dir();
    let missing: Vec<&str> = DIST_FILES
        .into_iter()
        .filter(|name| !dist.join(name).is_file())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::new(format!(
            "dist/ lacks {} after trunk build",
            missing.join(", ")
        )))
    }
}

/// Copies the example host pages into dist/, beside the bundle they load.
fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> Result {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
