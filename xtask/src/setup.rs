//! `cargo xtask setup`: installs what a fresh Debian machine of this project's kind lacks.
//!
//! Idempotent: when everything is present it only asks each tool for its version (seconds).
//! It prints one line per tool, saying what was present or what it installed.

use std::path::Path;
use std::time::SystemTime;

use crate::pins::{self, Pins};
use crate::process::{self, command};
use crate::{Error, Result};

/// The wasm target the bundle and the browser tests compile for.
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's Chromium, driven by the e2e tests (playwright-core).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's chromedriver, used by wasm-bindgen-test-runner for the browser tests.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How much to set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// What `cargo xtask build` needs: the wasm target, wasm-bindgen-cli, node, wasm-opt and esbuild.
    Wasm,
    /// What every command needs: also Chromium, chromedriver and the e2e test dependencies.
    All,
    /// [`Scope::All`] and trunk, for `trunk serve`: no xtask command runs trunk, and
    /// `cargo install trunk` compiles for about 12 minutes on a fresh machine.
    AllAndTrunk,
}

/// Checks each tool and installs the missing or wrong ones.
pub fn run(scope: Scope) -> Result {
    let root = process::root();
    let pins = Pins::load(&root)?;
    wasm_target()?;
    wasm_bindgen(&pins, &root)?;
    node()?;
    wasm_opt(&pins)?;
    esbuild()?;
    if scope != Scope::Wasm {
        browsers()?;
        e2e_dependencies()?;
    }
    if scope == Scope::AllAndTrunk {
        trunk(&pins)?;
    }
    Ok(())
}

/// Prints the line for one tool.
fn report(tool: &str, what: impl AsRef<str>) {
    eprintln!("setup: {tool:<24} {}", what.as_ref());
}

fn wasm_target() -> Result {
    let installed =
        process::stdout_of(command("rustup").args(["target", "list", "--installed"]))
            .ok_or_else(|| Error::new("`rustup` is missing: install Rust with rustup first"))?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        report(WASM_TARGET, "present");
    } else {
        process::run(command("rustup").args(["target", "add", WASM_TARGET]))?;
        report(WASM_TARGET, "installed");
    }
    Ok(())
}

/// The version a `tool --version` line reports (`trunk 0.21.14` -> `0.21.14`), if it runs.
fn version_of(program: &str) -> Option<String> {
    let out = process::stdout_of(command(program).arg("--version"))?;
    out.split_whitespace().nth(1).map(str::to_owned)
}

/// Makes sure `cargo install`'s `krate` provides `program` at version `want`.
fn cargo_tool(program: &str, krate: &str, want: &str, locked: bool) -> Result {
    let have = version_of(program);
    if have.as_deref() == Some(want) {
        report(program, format!("{want} present"));
        return Ok(());
    }
    let was = have.map_or("missing".to_owned(), |v| format!("was {v}"));
    eprintln!("setup: {program} {want} needed ({was}): cargo install {krate} (takes minutes)");
    let mut install = process::cargo();
    install.args(["install", krate, "--version", want]);
    if locked {
        install.arg("--locked");
    }
    process::run(&mut install)?;
    match version_of(program) {
        Some(v) if v == want => {
            report(program, format!("{want} installed"));
            Ok(())
        }
        other => Err(Error::new(format!(
            "installed {krate} {want}, but `{program} --version` reports {}: \
             another {program} comes first on PATH",
            other.unwrap_or_else(|| "nothing".into())
        ))),
    }
}

fn trunk(pins: &Pins) -> Result {
    cargo_tool("trunk", "trunk", &pins.trunk, true)
}

fn wasm_bindgen(pins: &Pins, root: &Path) -> Result {
    let lock_path = root.join("Cargo.lock");
    if !lock_path.exists() {
        process::run(process::cargo().arg("generate-lockfile"))?;
    }
    let lock = std::fs::read_to_string(&lock_path)?;
    let locked = pins::locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| Error::new("Cargo.lock has no wasm-bindgen package"))?;
    if locked != pins.wasm_bindgen {
        return Err(Error::new(format!(
            "Cargo.lock has wasm-bindgen {locked} but Trunk.toml pins wasm-bindgen-cli {}: \
             they must be equal (pin `wasm-bindgen = \"={}\"` in Cargo.toml, or change Trunk.toml)",
            pins.wasm_bindgen, pins.wasm_bindgen
        )));
    }
    // Not --locked: one of the CLI's pinned dependency versions is missing from the registry.
    cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        &pins.wasm_bindgen,
        false,
    )
}

fn node() -> Result {
    let missing = || {
        Error::new(
            "node and npm are needed (Node 20 or newer): \
             apt-get install -y nodejs npm, or install Node 20 another way",
        )
    };
    let node = process::stdout_of(command("node").arg("--version")).ok_or_else(missing)?;
    let npm = process::stdout_of(command("npm").arg("--version")).ok_or_else(missing)?;
    report("node", format!("{node} present (npm {npm})"));
    Ok(())
}

/// The major version `wasm-opt --version` reports (`wasm-opt version 132 (version_132)`).
fn wasm_opt_version() -> Option<String> {
    let out = process::stdout_of(command("wasm-opt").arg("--version"))?;
    let mut words = out.split_whitespace();
    words.find(|w| *w == "version")?;
    words.next().map(str::to_owned)
}

fn wasm_opt(pins: &Pins) -> Result {
    let want = &pins.wasm_opt;
    let local = process::binaryen_bin().join("wasm-opt");
    if local.exists() && wasm_opt_version().as_deref() == Some(want.as_str()) {
        report("wasm-opt", format!("{want} present (npm binaryen)"));
        return Ok(());
    }
    let dir = process::binaryen_dir();
    std::fs::create_dir_all(&dir)?;
    let package = format!("binaryen@{want}.0.0");
    process::run(
        command("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(&package),
    )?;
    match wasm_opt_version() {
        Some(v) if v == *want => {
            report("wasm-opt", format!("{want} installed (npm {package})"));
            Ok(())
        }
        other => Err(Error::new(format!(
            "installed npm {package}, but `wasm-opt --version` reports {}",
            other.unwrap_or_else(|| "nothing".into())
        ))),
    }
}

/// The esbuild version that bundles and minifies the JS (wasm-bindgen's glue, which trunk's
/// own minifier cannot parse: 7.1 KB -> 5.2 KB brotli in the bundle) and minifies the CSS.
const ESBUILD_VERSION: &str = "0.25.12";

fn esbuild_version() -> Option<String> {
    process::stdout_of(command(&process::esbuild().to_string_lossy()).arg("--version"))
}

fn esbuild() -> Result {
    if esbuild_version().as_deref() == Some(ESBUILD_VERSION) {
        report("esbuild", format!("{ESBUILD_VERSION} present (npm)"));
        return Ok(());
    }
    let dir = process::root().join("target").join("tools").join("esbuild");
    std::fs::create_dir_all(&dir)?;
    process::run(
        command("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(format!("esbuild@{ESBUILD_VERSION}")),
    )?;
    let now = esbuild_version();
    if now.as_deref() == Some(ESBUILD_VERSION) {
        report("esbuild", format!("{ESBUILD_VERSION} installed (npm)"));
        Ok(())
    } else {
        Err(Error::new(format!(
            "installed npm esbuild@{ESBUILD_VERSION}, but it reports {now:?}"
        )))
    }
}

fn browsers() -> Result {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|path| !Path::new(path).exists())
        .collect();
    if !missing.is_empty() {
        const UPDATE: [&str; 2] = ["apt-get", "update"];
        const INSTALL: [&str; 5] = ["apt-get", "install", "-y", "chromium", "chromium-driver"];
        let root_user = process::stdout_of(command("id").arg("-u")).as_deref() == Some("0");
        if !root_user {
            return Err(Error::new(format!(
                "missing {}; as root, run:\n    {}\n    DEBIAN_FRONTEND=noninteractive {}",
                missing.join(" and "),
                UPDATE.join(" "),
                INSTALL.join(" ")
            )));
        }
        eprintln!("setup: installing chromium and chromium-driver with apt-get");
        process::run(command(UPDATE[0]).args(&UPDATE[1..]))?;
        process::run(
            command(INSTALL[0])
                .args(&INSTALL[1..])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    let verb = if missing.is_empty() {
        "present"
    } else {
        "installed"
    };
    for (name, path) in [("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)] {
        if !Path::new(path).exists() {
            return Err(Error::new(format!("{path} is still missing after apt-get")));
        }
        let version = version_of(path).unwrap_or_default();
        report(name, format!("{version} {verb} ({path})").trim_start());
    }
    Ok(())
}

fn modified(path: &Path) -> Option<SystemTime> {
    path.metadata().and_then(|m| m.modified()).ok()
}

fn e2e_dependencies() -> Result {
    let dir = process::e2e_dir();
    let lock = dir.join("package-lock.json");
    // npm writes node_modules/.package-lock.json on every install.
    let installed = dir.join("node_modules").join(".package-lock.json");
    let fresh = matches!(
        (modified(&installed), modified(&lock)),
        (Some(installed), Some(lock)) if installed >= lock
    );
    if fresh {
        report("e2e node_modules", "present (tests/e2e)");
        return Ok(());
    }
    process::run(
        command("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir),
    )?;
    report("e2e node_modules", "installed (npm ci in tests/e2e)");
    Ok(())
}
