//! Where things are, and how xtask starts child processes.
//!
//! Every child process gets a `PATH` with npm binaryen's `wasm-opt` first (never Debian's
//! binaryen 108 at /usr/bin/wasm-opt, which builds a page that dies at start) and cargo's
//! bin folder next (where `cargo install` puts wasm-bindgen, and trunk if `setup --trunk` ran).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Error, Result};

/// The repository root: the parent of the xtask package.
///
/// Read from the `CARGO_MANIFEST_DIR` that `cargo run` (the `cargo xtask`
/// alias) sets at run time, and only failing that from the one compiled in:
/// cargo reuses an xtask binary built in another clone that shares
/// `CARGO_TARGET_DIR`, and its compiled-in folder would then build and test
/// that other clone.
pub fn root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .expect("xtask lives in a subfolder of the repository")
        .to_path_buf()
}

/// The folder the build writes the demo page to, and the bundle to its bundle/ subfolder.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// The folder of the end-to-end tests (node's test runner and playwright-core).
pub fn e2e_dir() -> PathBuf {
    root().join("tests").join("e2e")
}

/// cargo's target folder: `CARGO_TARGET_DIR`, else `target/` at the root.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The npm prefix that npm binaryen (wasm-opt) is installed into.
pub fn binaryen_dir() -> PathBuf {
    root().join("target").join("tools").join("binaryen")
}

/// The folder holding npm binaryen's `wasm-opt`, first on every child's `PATH`.
pub fn binaryen_bin() -> PathBuf {
    binaryen_dir().join("node_modules").join(".bin")
}

/// Where `cargo xtask setup` installs npm esbuild, which minifies the bundle's JS glue.
pub fn esbuild() -> PathBuf {
    root()
        .join("target")
        .join("tools")
        .join("esbuild")
        .join("node_modules")
        .join(".bin")
        .join("esbuild")
}

/// cargo's home: `$CARGO_HOME`, else `~/.cargo`.
fn cargo_home() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return Some(PathBuf::from(home));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo"))
}

/// The folder cargo unpacks registry sources into: `$CARGO_HOME/registry/src`.
pub fn registry_sources() -> Option<PathBuf> {
    cargo_home().map(|home| home.join("registry").join("src"))
}

/// cargo's bin folder: `$CARGO_HOME/bin`, else `~/.cargo/bin`.
fn cargo_bin() -> Option<PathBuf> {
    cargo_home().map(|home| home.join("bin"))
}

/// The env var whose flags cargo adds to `.cargo/config.toml`'s for wasm32 builds.
const WASM_RUSTFLAGS: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";

/// The Rust flags xtask adds for every wasm32 build: each folder of registry
/// sources is remapped to nothing, so the panic locations the bundle carries
/// read `some-crate-1.0/src/lib.rs`, not this machine's paths. That saves
/// 0.34 KB brotli and keeps build machines' layouts out of what a login page
/// ships. Every child gets the same flags, so the demo page, the bundle and the tests
/// share their compiled dependencies. A folder whose path holds whitespace is
/// left alone (the env var is split on whitespace). Read once per xtask run.
pub fn wasm_rustflags() -> &'static str {
    static FLAGS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FLAGS.get_or_init(read_wasm_rustflags)
}

/// [`wasm_rustflags`], read from the environment and cargo's registry folder.
fn read_wasm_rustflags() -> String {
    let mut flags: Vec<String> = std::env::var(WASM_RUSTFLAGS)
        .map(|inherited| vec![inherited])
        .unwrap_or_default();
    let mut folders: Vec<PathBuf> = registry_sources()
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        let folder = folder.to_string_lossy();
        let flag = format!("--remap-path-prefix={folder}/=");
        let inherited = flags
            .iter()
            .any(|f| f.split_whitespace().any(|f| f == flag));
        if !folder.contains(char::is_whitespace) && !inherited {
            flags.push(flag);
        }
    }
    flags.join(" ")
}

/// The `PATH` for child processes: binaryen's bin, cargo's bin, then the inherited `PATH`.
pub fn child_path() -> OsString {
    let mut dirs = vec![binaryen_bin()];
    dirs.extend(cargo_bin());
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    std::env::join_paths(dirs).expect("PATH entries hold no separator")
}

/// A command for `program`, run at the repository root with the adjusted `PATH`
/// and [`wasm_rustflags`].
pub fn command(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(root())
        .env("PATH", child_path())
        .env(WASM_RUSTFLAGS, wasm_rustflags());
    cmd
}

/// A command for the cargo that runs xtask (the same toolchain), set up like [`command`].
pub fn cargo() -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    command(&cargo)
}

/// How a command reads in messages: its program and arguments.
pub fn describe(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or(cmd.get_program())
        .to_string_lossy()
        .into_owned();
    std::iter::once(program)
        .chain(cmd.get_args().map(|arg| arg.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `cmd` with inherited stdio and fails unless it exits with status 0.
pub fn run(cmd: &mut Command) -> Result {
    let status = cmd
        .status()
        .map_err(|err| Error::new(format!("could not start `{}`: {err}", describe(cmd))))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::new(format!("`{}` failed ({status})", describe(cmd))))
    }
}

/// Runs `cmd` and returns its trimmed stdout if it exits with status 0, `None` when it cannot
/// start or fails (a missing tool reads as `None`).
pub fn stdout_of(cmd: &mut Command) -> Option<String> {
    let output = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}
