//! The `twostep-server` binary: where it listens, its help, its subcommands,
//! the settings it refuses, and what its logs never hold.

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
        "--max-lockout-secs",
        "--call-cooldown-secs",
        "--push-cooldown-secs",
        "--texts-per-hour",
        "--calls-per-hour",
        "--push-denials-before-pause",
        "--address-rate",
        "--user-rate",
        "--max-sessions",
        "--max-sessions-per-user",
        "--header-read-timeout-secs",
        "--max-connections",
        "--delivery-url",
        "--dev-allow-remote",
        "TWOSTEP_MAX_ATTEMPTS",
        "--remember-device-days",
        "--hosts",
        "--signing-key",
        "--previous-signing-key",
        "--issuer",
        "--assertion-ttl-secs",
        "new-api-key",
        "new-signing-key",
    ] {
        assert!(text.contains(option), "{option} missing from --help");
    }
    let bad = Command::new(BIN).arg("--bogus").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let missing = Command::new(BIN)
        .args(["--dev", "--directory", "/nonexistent/users.json"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

/// Runs the binary with `args` and expects it to refuse to start (exit 2)
/// saying `why`.
#[track_caller]
fn refuses(args: &[&str], why: &str) {
    let out = Command::new(BIN)
        .args(["--addr", "127.0.0.1:0"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.contains(why), "{args:?}: {stderr}");
}

#[test]
fn unsafe_or_missing_settings_are_refused_at_start() {
    let dir = Files::new();
    let key = dir.signing_key();
    let (_, hosts) = dir.hosts();
    refuses(
        &[],
        "without --dev, --signing-key, --issuer, --hosts, --directory must be given",
    );
    refuses(
        &["--signing-key", &key, "--hosts", &hosts],
        "without --dev, --issuer, --directory must be given",
    );
    let users = dir.write("users.json", twostep_server::directory::DEMO_DIRECTORY);
    refuses(
        &[
            "--signing-key",
            &key,
            "--hosts",
            &hosts,
            "--issuer",
            "https://a.example",
            "--directory",
            &users,
        ],
        "--delivery-url and --delivery-secret-file must be given",
    );
    // Limits that would be off.
    for (args, why) in [
        (
            &["--dev", "--lockout-secs", "0"][..],
            "--lockout-secs must be from 1",
        ),
        (
            &["--dev", "--resend-after-secs", "0"],
            "--resend-after-secs must be from 1",
        ),
        (
            &["--dev", "--max-attempts", "0"],
            "--max-attempts must be from 1",
        ),
        (
            &["--dev", "--call-cooldown-secs", "0"],
            "--call-cooldown-secs must be from 1",
        ),
        (
            &["--dev", "--max-sessions-per-user", "0"],
            "--max-sessions-per-user must be from 1",
        ),
    ] {
        refuses(args, why);
    }
    // --dev stays on loopback unless told otherwise.
    let out = Command::new(BIN)
        .args(["--dev", "--addr", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--dev-allow-remote"));
    // Every flag reads its environment variable too.
    let out = Command::new(BIN)
        .args(["--dev", "--addr", "127.0.0.1:0"])
        .env("TWOSTEP_LOCKOUT_SECS", "0")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lockout-secs must be from 1"));
    let prod = [
        "--signing-key",
        &key,
        "--hosts",
        &hosts,
        "--directory",
        &users,
        "--issuer",
    ];
    refuses(
        &[&prod[..], &["http://login.example.com"]].concat(),
        "must be https",
    );
    refuses(
        &[
            &prod[..],
            &["https://login.example.com", "--assertion-ttl-secs", "0"],
        ]
        .concat(),
        "1..=300",
    );
    refuses(&["--dev", "--assertion-ttl-secs", "301"], "1..=300");
    let junk = dir.write("junk.pem", "-----BEGIN PRIVATE KEY-----\nnope\n");
    refuses(
        &["--dev", "--signing-key", &junk],
        "not an Ed25519 private key",
    );
    refuses(&["--dev", "--hosts", &junk], "junk.pem");
    let out = Command::new(BIN)
        .args(["new-api-key", "--name", "shop"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--audience"));
}

#[test]
fn the_subcommands_print_a_key_and_a_hosts_entry() {
    let out = Command::new(BIN)
        .args([
            "new-api-key",
            "--name",
            "shop",
            "--audience",
            "https://shop.test",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("tsk_") && lines[0].len() == 47,
        "{}",
        lines[0]
    );
    let entry: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(entry["name"], "shop");
    assert_eq!(entry["audience"], "https://shop.test");
    assert_eq!(
        entry["api_key_sha256"],
        twostep_server::digest::sha256_hex(lines[0])
    );

    let out = Command::new(BIN).arg("new-signing-key").output().unwrap();
    assert!(out.status.success());
    let pem = String::from_utf8(out.stdout).unwrap();
    twostep_server::signing::SigningKey::from_pem(&pem).unwrap();
}

/// A temporary folder for key, hosts and directory files.
struct Files(std::path::PathBuf);

impl Files {
    fn new() -> Self {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("twostep-bin-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Files(dir)
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn signing_key(&self) -> String {
        self.write("key.pem", &twostep_server::signing::new_pem())
    }

    /// A hosts file with one host for `https://shop.test`; its API key and
    /// the file.
    fn hosts(&self) -> (String, String) {
        let (key, host) = twostep_server::hosts::Host::new_with_key("shop", "https://shop.test");
        let file = self.write(
            "hosts.json",
            &serde_json::json!({ "hosts": [host] }).to_string(),
        );
        (key, file)
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn a_whole_verification_logs_the_reference_but_no_handle_assertion_or_key() {
    let files = Files::new();
    let key_file = files.signing_key();
    let (api_key, hosts) = files.hosts();
    let users = files.write("users.json", twostep_server::directory::DEMO_DIRECTORY);
    let secret = "a delivery hook secret of 32+ bytes, for the test";
    let secret_file = files.write("hook-secret", secret);
    let hook = crate::common::receiver(204).await;
    let mut child = Command::new(BIN)
        .args(["--addr", "127.0.0.1:0", "--remember-device-days", "14"])
        .args([
            "--signing-key",
            &key_file,
            "--hosts",
            &hosts,
            "--directory",
            &users,
        ])
        .args([
            "--delivery-url",
            &hook.url,
            "--delivery-secret-file",
            &secret_file,
        ])
        .args(["--issuer", "https://twostep.test"])
        .env("RUST_LOG", "debug")
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
    let created: serde_json::Value = http
        .post(format!("{base}/v1/sessions"))
        .bearer_auth(&api_key)
        .json(&serde_json::json!({ "user": user }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let handle = created["session_handle"].as_str().unwrap().to_string();
    let sref = created["session_ref"].as_str().unwrap().to_string();
    let challenge = post("/v1/start", serde_json::json!({ "session_handle": handle })).await;
    assert_eq!(challenge["remember_device_days"], 14);
    post(
        "/v1/send",
        serde_json::json!({ "session_handle": handle, "method_id": "sms-1" }),
    )
    .await;
    // The text went to the hook, signed, with the full number and the code.
    let got = hook.got();
    assert_eq!(got.len(), 1, "{got:?}");
    let (signature, body) = &got[0];
    assert!(twostep_server::hook::check_signature(
        secret.as_bytes(),
        signature,
        body,
        std::time::SystemTime::now(),
        std::time::Duration::from_secs(300),
    ));
    let message: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        (message["type"].as_str(), message["to"].as_str()),
        (Some("text"), Some("+1 555 0100 112"))
    );
    let texted = message["code"].as_str().unwrap().to_string();
    let wrong = post(
        "/v1/verify",
        serde_json::json!({ "session_handle": handle, "method_id": "sms-1", "code": "000000" }),
    )
    .await;
    assert_eq!(wrong["code"], "invalid_code", "{wrong}");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let code = twostep_server::totp::Authenticator::from_base32("NQO7FR22BGFRYXBJZVSFWQWMBJSF5SOX")
        .unwrap()
        .code_at(now);
    let ok = post(
        "/v1/verify",
        serde_json::json!({
            "session_handle": handle, "method_id": "totp", "code": code, "remember_device": true
        }),
    )
    .await;
    let assertion = ok["assertion"]
        .as_str()
        .unwrap_or_else(|| panic!("{ok}"))
        .to_string();
    let jwks: jsonwebtoken::jwk::JwkSet = reqwest::get(format!("{base}/.well-known/jwks.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let claims = crate::common::verify_with(&jwks, &assertion, "https://shop.test");
    assert_eq!(
        (claims.sid.as_str(), claims.remember_device_days),
        (sref.as_str(), Some(14))
    );

    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    let line = log
        .lines()
        .find(|l| l.contains("verification finished"))
        .unwrap_or_else(|| panic!("no finishing line in {log}"));
    assert!(
        line.contains("device remembered for 14 days")
            && line.contains("remember_device_days=14")
            && line.contains(&sref),
        "{line}"
    );
    assert!(log.contains("session requested by a host"), "{log}");
    assert!(!log.contains(&handle), "the handle was logged: {log}");
    assert!(
        !log.contains(&handle["sh_".len()..]),
        "the handle was logged"
    );
    for part in assertion.split('.').skip(1) {
        assert!(!log.contains(part), "the assertion was logged: {log}");
    }
    assert!(!log.contains(&api_key), "the API key was logged: {log}");
    assert!(!log.contains(secret), "the hook's secret was logged");
    assert!(
        !log.split(|c: char| !c.is_ascii_digit())
            .any(|n| n == texted),
        "the texted code was logged: {log}"
    );
    assert!(
        !log.contains(signature.as_str()),
        "the signature was logged"
    );
    assert!(
        !log.contains(&api_key["tsk_".len()..]),
        "the API key was logged"
    );
}
