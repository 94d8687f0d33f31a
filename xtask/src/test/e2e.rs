//! The e2e stage: node's test runner over tests/e2e, against the in-browser demo, two
//! `--dev` reference servers and the host example.

use std::path::Path;

use crate::process::{self, command};
use crate::reference::{self, Reference};
use crate::setup;
use crate::{Error, Result, build};

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

/// Serves dist/ as static files (the in-browser demo, [`static_demo`]), starts two `--dev`
/// reference servers over it (quick cool-downs and lockouts; a short window) and the host
/// example, and runs node's test runner over tests/e2e.
pub(super) fn run() -> Result {
    build::check_dist()?;
    let files = e2e_files()?;
    let dist = process::dist_dir();
    reference::build()?;
    let mut demo = static_demo(&dist)?;
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
        .env("TWOSTEP_URL", &demo.url)
        .env("TWOSTEP_SERVER_URL", &quick.url)
        .env("TWOSTEP_SHORT_URL", &short.url)
        .env("CHROMIUM_PATH", chromium);
    host.pass_to(&mut node);
    let result = process::run(&mut node);
    if result.is_err() {
        // Say so if a server died under the tests.
        demo.check_alive()?;
        quick.check_alive()?;
        short.check_alive()?;
        host.twostep.check_alive()?;
        host.host.check_alive()?;
    }
    result
}

/// dist/ as plain static files, the way `trunk serve` or any web server would serve it: the
/// reference server in production mode (no `--dev`, so no dev endpoints and the static
/// `demo-config.json`, which picks the in-browser demo backend), with the same strict
/// Content-Security-Policy and `no-store` it sends with everything. Its address limits are
/// lifted: every test loads pages from loopback, which no real visitor does as often.
fn static_demo(dist: &Path) -> Result<Reference> {
    let files = reference::ProductionFiles::write(&process::target_dir().join("e2e-static"))?;
    let mut args = files.server_args();
    args.extend(
        [
            "--static-dir",
            &dist.to_string_lossy(),
            "--address-rate",
            "1000",
            "--address-burst",
            "1000",
        ]
        .map(String::from),
    );
    Reference::start(&args.iter().map(String::as_str).collect::<Vec<_>>(), true)
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
    fn start(dist: &Path) -> Result<HostStack> {
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
