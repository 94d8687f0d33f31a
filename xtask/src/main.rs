//! `cargo xtask`: the project's automation, in Rust so that it runs wherever cargo does.
//!
//! ```text
//! cargo xtask setup [--trunk]  install what this machine lacks (idempotent, seconds when all is there);
//!                              --trunk adds the pinned trunk, which only `trunk serve` needs
//! cargo xtask build            the demo page into dist/ and the bundle into dist/bundle/, then check them
//! cargo xtask size             build, then raw / gzip / brotli sizes against the budget
//! cargo xtask demo [--port N]  build, then serve dist/ on 127.0.0.1:N (default 8460, env TWOSTEP_PORT)
//! cargo xtask test [STAGE]     every check CI runs, or one stage: lint, native, js, browser, size, conformance, bench, e2e
//! cargo xtask bench [--runs N] twostep, Okta's widget, wasm reference pages and a static input; figures to docs/performance.md
//! cargo xtask conformance --base-url URL [--api-key KEY] [--user EMAIL] [--totp-secret B32] [--dev] …
//!                              check a running backend against the HTTP contract
//! ```

mod bench;
mod build;
mod css;
mod demo;
mod exports;
mod integrity;
mod locales;
mod minify;
mod page;
mod pins;
mod process;
mod reference;
mod setup;
mod size;
mod test;

use std::fmt;
use std::process::ExitCode;

/// A failure that ends the command, with a message meant for the person who ran it.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    /// An error with the given message.
    pub fn new(message: impl Into<String>) -> Self {
        Error(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error(err.to_string())
    }
}

/// The result of every xtask step.
pub type Result<T = ()> = std::result::Result<T, Error>;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup [--trunk]  install the tools this machine lacks (wasm target, wasm-bindgen-cli, wasm-opt,
                   esbuild, Chromium, chromedriver, the e2e test dependencies); --trunk also
                   installs the pinned trunk, for `trunk serve` (no command here needs it)
  build            the demo page into dist/, the bundle into dist/bundle/, and check the files
  size             build, then print raw / gzip / brotli sizes against the size budget
  demo [--port N]  build, then serve dist/ on 127.0.0.1:N (default 8460, or env TWOSTEP_PORT)
  test [STAGE]     run every check CI runs, stopping at the first failure;
                   STAGE runs one part only: lint, native, js, browser, size, conformance, bench or e2e
  bench [--runs N] release build, then N cold loads each (default 15), alternating in one Chromium,
                   of twostep's bundle, the Okta Sign-In Widget 7.49.0 (npm, into target/bench/okta),
                   two wasm reference pages built like the bundle (no framework, smallest Leptos
                   app; tests/e2e/bench/floors) and a static input: first visible code input, script time, JS heap, wasm memory,
                   bytes brotli, and twostep's memory over mount cycles and resends; writes the
                   figures into docs/performance.md and judges nothing
  conformance --base-url URL [--api-key KEY] [--user EMAIL] [--totp-secret BASE32]
              [--issuer ISS] [--audience AUD] [--dev]
                   check a running backend against twostep's HTTP contract
                   (docs/protocol.md); prints PASS, FAIL or SKIP with the reason per check
                   (`cargo xtask conformance --help` explains each option)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") if args.len() == 1 => setup::run(setup::Scope::All),
        Some("setup") if args[1..] == ["--trunk"] => setup::run(setup::Scope::AllAndTrunk),
        Some("build") if args.len() == 1 => build::run(),
        Some("size") if args.len() == 1 => size::run(),
        Some("demo") => demo::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("conformance") => process::run(
            process::cargo()
                .args(["run", "--quiet", "-p", "twostep-conformance", "--"])
                .args(&args[1..]),
        ),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err}");
            ExitCode::FAILURE
        }
    }
}
