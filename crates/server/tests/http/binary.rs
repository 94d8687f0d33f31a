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
        "--remember-device-days",
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

#[tokio::test]
async fn a_remembered_device_is_logged_without_the_assertion() {
    let mut child = Command::new(BIN)
        .args([
            "--dev",
            "--addr",
            "127.0.0.1:0",
            "--remember-device-days",
            "14",
        ])
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let base = first
        .strip_prefix("twostep-server listening on ")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_string();
    let http = reqwest::Client::new();
    let post = |path: &str, body: serde_json::Value| {
        let req = http.post(format!("{base}{path}")).json(&body);
        async move {
            req.send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    let user = "alex@contoso.example";
    let challenge = post("/v1/start", serde_json::json!({ "user_hint": user })).await;
    assert_eq!(challenge["remember_device_days"], 14);
    let sid = challenge["session_handle"].as_str().unwrap().to_string();
    let sref = challenge["session_ref"].as_str().unwrap().to_string();
    post(
        "/v1/send",
        serde_json::json!({ "session_handle": sid, "method_id": "sms-1" }),
    )
    .await;
    let outbox: serde_json::Value = http
        .get(format!("{base}/dev/outbox?session_ref={sref}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let code = outbox[0]["code"].as_str().unwrap();
    let ok = post(
        "/v1/verify",
        serde_json::json!({
            "session_handle": sid, "method_id": "sms-1", "code": code, "remember_device": true
        }),
    )
    .await;
    let assertion = ok["assertion"].as_str().unwrap().to_string();
    assert!(assertion.ends_with(".remember-device-14d"), "{ok}");

    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    let line = log
        .lines()
        .find(|l| l.contains("verification finished"))
        .unwrap_or_else(|| panic!("no finishing line in {log}"));
    assert!(
        line.contains("device remembered for 14 days") && line.contains("remember_device_days=14"),
        "{line}"
    );
    assert!(!log.contains(&assertion[..64]), "the assertion was logged");
}
