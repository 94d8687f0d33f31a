//! `cargo xtask test [STAGE]`: every check CI runs, in order, stopping at the first failure.
//!
//! Each step's name goes to stderr before it and its time after it, except after the last one
//! (the e2e tests) on success: the output then ends with node's own summary, which CI reads.
//! That is why the bench's smoke run comes just before the e2e tests, not after them.

mod conformance;
mod e2e;

use std::time::Instant;

use crate::process::{self, command};
use crate::reference::{self, Reference};
use crate::setup::{self, Scope};
use crate::{Error, Result, bench, build, size};

/// One named step of the run.
struct Step {
    name: &'static str,
    run: fn() -> Result,
}

const SETUP: Step = Step {
    name: "setup",
    run: || setup::run(Scope::All),
};
const FMT: Step = Step {
    name: "cargo fmt --check",
    run: || process::run(process::cargo().args(["fmt", "--all", "--", "--check"])),
};
const CLIPPY: Step = Step {
    name: "cargo clippy (native, then wasm32 for the browser code and its tests)",
    run: || {
        process::run(process::cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        process::run(process::cargo().args([
            "clippy",
            "-p",
            "twostep",
            "-p",
            "twostep-widget",
            "-p",
            "twostep-demo",
            "-p",
            "twostep-leptos-host",
            "--all-targets",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))
    },
};
const NATIVE: Step = Step {
    name: "native tests",
    run: || process::run(process::cargo().args(["test", "--workspace"])),
};
const JS: Step = Step {
    name: "JS API unit tests (node --test tests/js)",
    run: || {
        process::run(
            command("node")
                .args(["--test", "tests/js/"])
                .current_dir(process::root()),
        )
    },
};
const BROWSER: Step = Step {
    name: "browser tests (wasm-bindgen-test in Chromium)",
    run: browser_tests,
};
const SIZE: Step = Step {
    name: "build and size budget",
    run: || {
        build::demo_page()?;
        build::bundle()?;
        size::check()
    },
};
const BUILD: Step = Step {
    name: "build",
    run: || {
        build::demo_page()?;
        build::bundle()
    },
};
const CONFORMANCE: Step = Step {
    name: "conformance checks against the reference server",
    run: conformance::run,
};
const BENCH: Step = Step {
    name: "bench smoke run (one cold load of twostep and of the floor; figures judged by nobody)",
    run: bench::smoke,
};
const E2E: Step = Step {
    name: "e2e tests (node --test, playwright-core, Chromium)",
    run: e2e::run,
};

/// Runs every stage, or only the one named in `args`.
pub fn run(args: &[String]) -> Result {
    let steps: Vec<Step> = match args {
        [] => vec![
            SETUP,
            FMT,
            CLIPPY,
            NATIVE,
            JS,
            BROWSER,
            SIZE,
            CONFORMANCE,
            BENCH,
            E2E,
        ],
        [stage] => match stage.as_str() {
            "lint" => vec![FMT, CLIPPY],
            "native" => vec![NATIVE],
            "js" => vec![JS],
            "browser" => vec![SETUP, BROWSER],
            "size" => vec![SETUP, SIZE],
            "e2e" => vec![SETUP, BUILD, E2E],
            "conformance" => vec![CONFORMANCE],
            "bench" => vec![SETUP, BUILD, BENCH],
            other => return Err(unknown(other)),
        },
        _ => return Err(unknown(&args.join(" "))),
    };
    let count = steps.len();
    for (i, step) in steps.iter().enumerate() {
        eprintln!("\n==> [{}/{count}] {}", i + 1, step.name);
        let start = Instant::now();
        (step.run)().map_err(|err| Error::new(format!("step `{}` failed: {err}", step.name)))?;
        let last = i + 1 == count;
        if !last {
            eprintln!(
                "<== {} ok in {:.1} s",
                step.name,
                start.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}

fn unknown(stage: &str) -> Error {
    Error::new(format!(
        "unknown test stage {stage:?}; usage: cargo xtask test [lint|native|js|browser|size|conformance|bench|e2e]"
    ))
}

/// The widget's wasm-bindgen tests, in headless Chromium through wasm-bindgen-test-runner,
/// with a reference server for the HTTP backend's tests (TWOSTEP_TEST_SERVER).
fn browser_tests() -> Result {
    reference::build()?;
    // --dev: without a signing key, an issuer and hosts the server refuses to start.
    let server = Reference::start(&["--dev", "--addr", "127.0.0.1:0"], true)?;
    let mut cmd = process::cargo();
    cmd.env("TWOSTEP_TEST_SERVER", &server.url);
    cmd.args([
        "test",
        "-p",
        "twostep-widget",
        // The screens' browser tests drive the demo's in-browser backend.
        "-p",
        "twostep-demo",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    if std::env::var_os("CHROMEDRIVER").is_none() {
        cmd.env("CHROMEDRIVER", setup::CHROMEDRIVER);
    }
    process::run(&mut cmd)
}
