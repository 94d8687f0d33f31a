//! The conformance stage: the conformance checks against a production-mode and a `--dev`
//! reference server, and a panic in the release build that must not take the server down.

use twostep_protocol::Operation;

use crate::process;
use crate::reference::{self, Reference};
use crate::{Error, Result};

/// `cargo xtask conformance` as a web team runs it, twice: against a fresh production-mode
/// reference server (a new signing key, a hosts file with a new API key, a test user whose
/// app secret the stage knows, in the target folder), and against a `--dev` one. Prints the
/// check count of each run.
pub(super) fn run() -> Result {
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
        Operation::Start.path(),
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
        Operation::Start.path(),
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
