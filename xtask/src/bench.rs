//! `cargo xtask bench [--runs N]`: cold loads of twostep's release bundle, the Okta Sign-In
//! Widget, two reference pages that show a code input from wasm (no framework, and the smallest
//! Leptos app) and a static input, alternating in one Chromium (tests/e2e/bench/bench.mjs), then
//! twostep's memory over mount/unmount cycles and resends; the figures go to
//! docs/performance.md. It judges nothing. `cargo xtask test bench` runs [`smoke`].
//!
//! Node writes docs/performance.md: it holds the figures already, and xtask has no JSON parser
//! (adding one to read them back would only move the same formatting into Rust).

use std::path::PathBuf;

use crate::process::{self, command};
use crate::setup::{self, Scope};
use crate::{Error, Result, build};

/// The Okta package the full bench compares with, installed by npm into [`okta_dir`].
const OKTA_PACKAGE: &str = "@okta/okta-signin-widget";
/// Its version, pinned so that the figures stay comparable from run to run.
const OKTA_VERSION: &str = "7.49.0";
/// Cold loads per page when `--runs` does not say.
const DEFAULT_RUNS: u32 = 15;

/// Where the bench keeps what it installs and writes: target/bench/ at the root.
fn bench_dir() -> PathBuf {
    process::root().join("target").join("bench")
}

/// The npm prefix the Okta package goes into (never tests/e2e's package.json).
fn okta_dir() -> PathBuf {
    bench_dir().join("okta")
}

/// The reference pages' crates (tests/e2e/bench/floors/), each with the folder under
/// target/bench/floors/ that its page loads it from.
const FLOORS: [(&str, &str); 2] = [
    ("wasm", "twostep-bench-floor-wasm"),
    ("leptos", "twostep-bench-floor-leptos"),
];

/// Sets up, builds the release bundle and the reference pages, installs the Okta package when
/// it is missing, and runs the full bench, which rewrites the generated part of
/// docs/performance.md.
pub fn run(args: &[String]) -> Result {
    let runs = runs(args)?;
    setup::run(Scope::All)?;
    build::bundle()?;
    let floors = floors()?;
    let okta = okta_package()?;
    let mut node = bench_command("figures.json")?;
    node.arg("--runs")
        .arg(runs.to_string())
        .arg("--okta")
        .arg(okta)
        .arg("--floors")
        .arg(floors)
        .arg("--doc")
        .arg(process::root().join("docs").join("performance.md"));
    process::run(&mut node)
}

/// The test stage: one load of twostep and one of the floor, and a few mount cycles and
/// resends, from the bundle in dist/bundle/. No Okta, and docs/performance.md is left alone.
/// Fails only when the bench cannot get its figures (a page that never shows an input).
pub fn smoke() -> Result {
    build::check_dist()?;
    process::run(bench_command("smoke.json")?.arg("--smoke"))
}

/// `node tests/e2e/bench/bench.mjs` for dist/bundle/, writing its JSON to target/bench/`out`.
fn bench_command(out: &str) -> Result<std::process::Command> {
    let bundle = process::dist_dir().join("bundle");
    if !bundle.join("twostep_bg.wasm").is_file() {
        return Err(Error::new(
            "dist/bundle/ lacks the bundle: run `cargo xtask build`",
        ));
    }
    std::fs::create_dir_all(bench_dir())?;
    let chromium = std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| setup::CHROMIUM.to_owned());
    let mut node = command("node");
    node.arg(process::e2e_dir().join("bench").join("bench.mjs"))
        .arg("--bundle")
        .arg(bundle)
        .arg("--out")
        .arg(bench_dir().join(out))
        .current_dir(process::e2e_dir())
        .env("CHROMIUM_PATH", chromium);
    Ok(node)
}

/// Builds the reference pages' wasm the way the bundle's is built (the release profile,
/// wasm-bindgen, the bundle's wasm-opt passes, esbuild's minifier for the glue) into target/bench/floors/, and returns it.
fn floors() -> Result<PathBuf> {
    let mut cargo = process::cargo();
    cargo.args(["build", "--release", "--target", "wasm32-unknown-unknown"]);
    for (_, package) in FLOORS {
        cargo.args(["-p", package]);
    }
    process::run(&mut cargo)?;
    let release = process::target_dir()
        .join("wasm32-unknown-unknown")
        .join("release");
    let out = bench_dir().join("floors");
    let stage = bench_dir().join("floors-stage");
    for (folder, package) in FLOORS {
        let wasm = release.join(format!("{}.wasm", package.replace('-', "_")));
        let (staged, served) = (stage.join(folder), out.join(folder));
        let _ = std::fs::remove_dir_all(&staged);
        let _ = std::fs::remove_dir_all(&served);
        std::fs::create_dir_all(&served)?;
        build::bindgen(&wasm, &staged, &["--out-name", "floor"])?;
        build::wasm_opt(
            &build::WASM_OPT_PASSES,
            &staged.join("floor_bg.wasm"),
            &served.join("floor_bg.wasm"),
        )?;
        build::minify_js(&staged.join("floor.js"), &served.join("floor.js"))?;
    }
    Ok(out)
}

/// The Okta package's dist/ folder, installed with npm unless that version is there already.
fn okta_package() -> Result<PathBuf> {
    let package = okta_dir().join("node_modules").join(OKTA_PACKAGE);
    let manifest = std::fs::read_to_string(package.join("package.json")).unwrap_or_default();
    let wanted = format!("\"version\": \"{OKTA_VERSION}\"");
    if manifest.contains(&wanted) {
        eprintln!("bench: {OKTA_PACKAGE}@{OKTA_VERSION} present (target/bench/okta)");
    } else {
        eprintln!("bench: npm install {OKTA_PACKAGE}@{OKTA_VERSION} into target/bench/okta");
        std::fs::create_dir_all(okta_dir())?;
        process::run(
            command("npm")
                .args([
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--ignore-scripts",
                    "--prefix",
                ])
                .arg(okta_dir())
                .arg(format!("{OKTA_PACKAGE}@{OKTA_VERSION}")),
        )?;
    }
    Ok(package.join("dist"))
}

/// The number of cold loads per page from `--runs N` (or `--runs=N`), else [`DEFAULT_RUNS`].
fn runs(args: &[String]) -> Result<u32> {
    let parse = |value: &str| match value.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(Error::new(format!(
            "--runs takes a whole number of 1 or more, not {value:?}"
        ))),
    };
    let mut runs = DEFAULT_RUNS;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if let Some(value) = arg.strip_prefix("--runs=") {
            runs = parse(value)?;
        } else if arg == "--runs" {
            let value = args
                .next()
                .ok_or_else(|| Error::new("--runs needs a number"))?;
            runs = parse(value)?;
        } else {
            return Err(Error::new(format!(
                "unknown argument {arg:?}; usage: cargo xtask bench [--runs N]"
            )));
        }
    }
    Ok(runs)
}

#[cfg(test)]
mod tests {
    use super::{FLOORS, runs};
    use crate::process;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn runs_default_to_fifteen_and_take_both_spellings() {
        assert_eq!(runs(&args(&[])).unwrap(), 15);
        assert_eq!(runs(&args(&["--runs", "20"])).unwrap(), 20);
        assert_eq!(runs(&args(&["--runs=3"])).unwrap(), 3);
    }

    #[test]
    fn runs_refuse_zero_words_and_strangers() {
        assert!(runs(&args(&["--runs", "0"])).is_err());
        assert!(runs(&args(&["--runs", "many"])).is_err());
        assert!(runs(&args(&["--runs"])).is_err());
        assert!(runs(&args(&["--smoke"])).is_err());
    }

    #[test]
    fn each_reference_page_loads_the_module_xtask_builds_for_it() {
        let bench = process::e2e_dir().join("bench");
        for (folder, package) in FLOORS {
            let pages = bench.join("pages");
            let wants = [
                (
                    bench.join("floors").join(folder).join("Cargo.toml"),
                    format!("name = \"{package}\""),
                ),
                (
                    pages.join(format!("floor-{folder}.html")),
                    format!("href=\"/floors/{folder}/floor.js\""),
                ),
                (
                    pages.join(format!("floor-{folder}.html")),
                    format!("href=\"/floors/{folder}/floor_bg.wasm\""),
                ),
                (
                    pages.join(format!("floor-{folder}.js")),
                    format!("from '/floors/{folder}/floor.js'"),
                ),
                (
                    pages.join(format!("floor-{folder}.js")),
                    format!("'/floors/{folder}/floor_bg.wasm'"),
                ),
            ];
            for (file, needle) in wants {
                let text = std::fs::read_to_string(&file).unwrap();
                assert!(text.contains(&needle), "{} lacks {needle}", file.display());
            }
        }
    }
}
