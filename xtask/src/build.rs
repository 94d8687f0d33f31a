//! `cargo xtask build`: `trunk build --release` into dist/, then a check of the bundle files.

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

/// Sets up the wasm tools, builds the release bundle and checks dist/.
pub fn run() -> Result {
    setup::run(Scope::Wasm)?;
    trunk()
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
