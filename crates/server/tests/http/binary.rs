//! The `twostep-server` binary: prints where it listens, and its help.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_twostep-server");

#[tokio::test]
async fn the_binary_prints_its_address_and_dev_uris_and_serves() {
    let mut child = Command::new(BIN)
        .args(["--dev", "--addr", "127.0.0.1:0"])
        .env("RUST_LOG", "off")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let addr = first
        .strip_prefix("twostep-server listening on http://")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_string();
    let rest: Vec<String> = lines.by_ref().take(5).map(Result::unwrap).collect();
    assert!(
        rest.iter()
            .any(|l| l.contains("otpauth://totp/twostep:alex@contoso.example?secret=")),
        "{rest:?}"
    );
    assert!(
        rest.iter().any(|l| l.contains("authenticator app")),
        "{rest:?}"
    );

    let r = reqwest::get(format!("http://{addr}/dev/totp?user=kim@contoso.example"))
        .await
        .unwrap();
    let status = r.status().as_u16();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(status, 200);
}

#[test]
fn help_and_mistakes() {
    let help = Command::new(BIN).arg("--help").output().unwrap();
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    for option in [
        "--addr",
        "--dev",
        "--static-dir",
        "--directory",
        "--cors-origin",
        "--window-secs",
        "--code-ttl-secs",
        "--resend-after-secs",
        "--max-attempts",
        "--lockout-secs",
    ] {
        assert!(text.contains(option), "{option} missing from --help");
    }
    let bad = Command::new(BIN).arg("--bogus").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let missing = Command::new(BIN)
        .args(["--directory", "/nonexistent/users.json"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}
