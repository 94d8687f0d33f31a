//! `cargo xtask test [STAGE]`: every check CI runs, in order, stopping at the first failure.
//!
//! Each step's name goes to stderr before it and its time after it, except after the last one
//! (the e2e tests) on success: the output then ends with node's own summary, which CI reads.

use std::path::PathBuf;
use std::time::Instant;

use crate::process::{self, command};
use crate::reference::{self, Reference};
use crate::serve::Server;
use crate::setup::{self, Scope};
use crate::{Error, Result, build, size};

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
        build::trunk()?;
        build::bundle()?;
        size::check()
    },
};
const BUILD: Step = Step {
    name: "build",
    run: || {
        build::trunk()?;
        build::bundle()
    },
};
const CONFORMANCE: Step = Step {
    name: "conformance checks against the reference server",
    run: conformance,
};
const E2E: Step = Step {
    name: "e2e tests (node --test, playwright-core, Chromium)",
    run: e2e_tests,
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
        "unknown test stage {stage:?}; usage: cargo xtask test [lint|native|browser|size|conformance|e2e]"
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
        "--target",
        "wasm32-unknown-unknown",
    ]);
    if std::env::var_os("CHROMEDRIVER").is_none() {
        cmd.env("CHROMEDRIVER", setup::CHROMEDRIVER);
    }
    process::run(&mut cmd)
}

/// `cargo xtask conformance` as a web team runs it, twice: against a fresh production-mode
/// reference server (a new signing key, a hosts file with a new API key, a test user whose
/// app secret the stage knows, in the target folder), and against a `--dev` one. Prints the
/// check count of each run.
fn conformance() -> Result {
    reference::build()?;
    reference::build_release()?;
    unwinding()?;
    let files = reference::ProductionFiles::write(&process::target_dir().join("conformance"))?;
    let args = files.server_args();
    let mut production = Reference::spawn(
        &reference::RELEASE_SERVER,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        &[],
        true,
    )?;
    let production_count = conformance_run(
        &mut production,
        &[
            "--user",
            reference::TEST_USER,
            "--api-key",
            &files.api_key,
            "--totp-secret",
            &files.totp_secret,
            "--issuer",
            reference::TEST_ISSUER,
            "--audience",
            reference::TEST_AUDIENCE,
        ],
    )?;
    let mut dev = Reference::start(&["--dev", "--addr", "127.0.0.1:0"], true)?;
    let dev_count = conformance_run(&mut dev, &["--dev", "--user", "alex@contoso.example"])?;
    println!(
        "conformance: {production_count} checks against a production-mode reference server, \
         {dev_count} against a --dev one"
    );
    Ok(())
}

/// A panicking request in the release build of the server (the `server` profile) answers 500
/// with an `internal` envelope, and the server and a session started before it live on.
fn unwinding() -> Result {
    let mut server = Reference::spawn(
        &reference::RELEASE_SERVER,
        &["--dev", "--addr", "127.0.0.1:0"],
        &[],
        true,
    )?;
    let post = |path: &str, body: &str| {
        format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let started = server.raw(&post(
        "/v1/start",
        r#"{"user_hint":"alex@contoso.example"}"#,
    ))?;
    let handle = started
        .split("\"session_handle\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .ok_or_else(|| Error::new(format!("no session from the release server: {started}")))?
        .to_owned();
    let panicked = server.raw(&post("/dev/panic", ""))?;
    if !(panicked.starts_with("HTTP/1.1 500") && panicked.contains("\"code\":\"internal\"")) {
        return Err(Error::new(format!(
            "a panic did not answer 500 internal: {panicked}"
        )));
    }
    server.check_alive()?;
    let resumed = server.raw(&post(
        "/v1/start",
        &format!(r#"{{"session_handle":"{handle}"}}"#),
    ))?;
    if !resumed.starts_with("HTTP/1.1 200") {
        return Err(Error::new(format!(
            "the session did not survive the panic: {resumed}"
        )));
    }
    println!("unwinding: a panic in the release server answered 500 and the session lived on");
    Ok(())
}

/// Runs the conformance checks against `server` with `args` after `--base-url`, passing
/// their report through; the number of checks run.
fn conformance_run(server: &mut Reference, args: &[&str]) -> Result<usize> {
    let mut cmd = process::cargo();
    cmd.args([
        "run",
        "--quiet",
        "-p",
        "twostep-conformance",
        "--",
        "--base-url",
    ])
    .arg(&server.url)
    .args(args);
    let output = cmd
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|err| {
            Error::new(format!(
                "could not start `{}`: {err}",
                process::describe(&cmd)
            ))
        })?;
    let report = String::from_utf8_lossy(&output.stdout);
    print!("{report}");
    // A server that died is the finding to report, not the checks that then failed.
    server.check_alive()?;
    if !output.status.success() {
        return Err(Error::new(format!(
            "`{}` failed ({})",
            process::describe(&cmd),
            output.status
        )));
    }
    report
        .lines()
        .find_map(|l| {
            l.strip_prefix("conformance: ")?
                .split_once(" checks")?
                .0
                .parse()
                .ok()
        })
        .ok_or_else(|| Error::new("the conformance report has no check count"))
}

/// The `*.test.mjs` files of tests/e2e, sorted by name.
fn e2e_files() -> Result<Vec<String>> {
    let dir = process::e2e_dir();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|err| Error::new(format!("cannot read {}: {err}", dir.display())))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".test.mjs"))
        // TWOSTEP_E2E=embed runs only the files whose name contains "embed".
        .filter(|name| std::env::var("TWOSTEP_E2E").map_or(true, |only| name.contains(&only)))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::new(format!("no *.test.mjs in {}", dir.display())));
    }
    Ok(files)
}

/// Serves dist/ on a free loopback port (the in-browser demo), starts two reference servers
/// over it (quick cool-downs and lockouts; a short window), and runs node's test runner over
/// tests/e2e.
fn e2e_tests() -> Result {
    build::check_dist()?;
    let files = e2e_files()?;
    let dist: PathBuf = process::dist_dir();
    let server = Server::bind("127.0.0.1:0", &dist)?;
    let url = format!("http://127.0.0.1:{}/", server.local_addr()?.port());
    server.spawn();
    reference::build()?;
    let dist_arg = dist.to_string_lossy();
    let common = [
        &["--dev", "--static-dir", &dist_arg, "--addr", "127.0.0.1:0"][..],
        E2E_LIMITS,
    ]
    .concat();
    let mut quick = Reference::start(
        &[
            &common[..],
            &[
                "--max-attempts",
                "3",
                "--lockout-secs",
                "30",
                // Three denials pause notifications: for a minute only, so that
                // no later test finds them paused for long.
                "--push-pause-secs",
                "60",
            ],
        ]
        .concat(),
        true,
    )?;
    let mut short = Reference::start(&[&common[..], &["--window-secs", "8"]].concat(), true)?;
    let mut host = HostStack::start(&dist)?;
    let chromium = std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| setup::CHROMIUM.to_owned());
    let mut node = command("node");
    node.args(["--test", "--test-concurrency=1"])
        .args(&files)
        .current_dir(process::e2e_dir())
        .env("TWOSTEP_URL", &url)
        .env("TWOSTEP_SERVER_URL", &quick.url)
        .env("TWOSTEP_SHORT_URL", &short.url)
        .env("CHROMIUM_PATH", chromium);
    host.pass_to(&mut node);
    let result = process::run(&mut node);
    if result.is_err() {
        // Say so if a server died under the tests.
        quick.check_alive()?;
        short.check_alive()?;
        host.twostep.check_alive()?;
        host.host.check_alive()?;
    }
    result
}

/// What every e2e reference server needs beyond `--dev`: the demo users sign in
/// many times a minute, so their cool-downs (per user and method, across
/// sessions) are 1 s, the shortest there is, and the hourly caps of texts and
/// calls are at their highest. The tests wait out the cool-down before each
/// sign-in (`COOL_DOWN_MS` in tests/e2e/support/demo.mjs).
const E2E_LIMITS: &[&str] = &[
    "--resend-after-secs",
    "1",
    "--call-cooldown-secs",
    "1",
    "--push-cooldown-secs",
    "1",
    "--texts-per-hour",
    "100",
    "--calls-per-hour",
    "100",
];

/// The host example in front of a reference server that knows its API key and signs with a
/// key the tests can read (to make assertions that are well signed but expired). The reference
/// server runs with `--dev` for its outbox, and with the demo users.
struct HostStack {
    twostep: Reference,
    host: Reference,
    files: reference::ProductionFiles,
}

impl HostStack {
    fn start(dist: &std::path::Path) -> Result<HostStack> {
        reference::build_host()?;
        let files = reference::ProductionFiles::write(&process::target_dir().join("host-e2e"))?;
        let key = files.signing_key.to_string_lossy().into_owned();
        let hosts = files.hosts.to_string_lossy().into_owned();
        let twostep = Reference::start(
            &[
                &[
                    "--dev",
                    "--addr",
                    "127.0.0.1:0",
                    "--signing-key",
                    &key,
                    "--hosts",
                    &hosts,
                    "--issuer",
                    reference::TEST_ISSUER,
                ][..],
                E2E_LIMITS,
            ]
            .concat(),
            true,
        )?;
        let bundle = dist.join("bundle").to_string_lossy().into_owned();
        let host = Reference::spawn(
            &reference::HOST,
            &[
                "--addr",
                "127.0.0.1:0",
                "--twostep",
                &twostep.url,
                "--issuer",
                reference::TEST_ISSUER,
                "--audience",
                reference::TEST_AUDIENCE,
                "--bundle",
                &bundle,
            ],
            &[("TWOSTEP_API_KEY", &files.api_key)],
            true,
        )?;
        Ok(HostStack {
            twostep,
            host,
            files,
        })
    }

    /// What tests/e2e/host-server.test.mjs reads.
    fn pass_to(&self, node: &mut std::process::Command) {
        node.env("TWOSTEP_HOST_URL", &self.host.url)
            .env("TWOSTEP_HOST_BACKEND", &self.twostep.url)
            .env("TWOSTEP_HOST_API_KEY", &self.files.api_key)
            .env("TWOSTEP_HOST_SIGNING_KEY", &self.files.signing_key)
            .env("TWOSTEP_HOST_ISSUER", reference::TEST_ISSUER)
            .env("TWOSTEP_HOST_AUDIENCE", reference::TEST_AUDIENCE);
    }
}
