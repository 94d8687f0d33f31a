//! The checks fail, with reasons, against a backend that does not speak the
//! contract: a real socket on loopback answering every request with HTML.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use twostep_conformance::{Options, Outcome, Verdict};

/// Runs the checks as for a backend in dev mode (so that a session can be
/// started from a hint).
fn run(base: &str, user: &str) -> Vec<Outcome> {
    let mut options = Options::new(base, user);
    options.dev = true;
    twostep_conformance::run(&options)
}

/// Serves `count` requests with the same canned answer; returns the base URL.
fn canned(status: &str, headers: &'static str, body: &'static str, count: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let status = status.to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                if line == "\r\n" || line.is_empty() {
                    break;
                }
            }
            let mut body_in = vec![0; length];
            reader.read_exact(&mut body_in).unwrap();
            let answer = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n{body}",
                body.len()
            );
            stream.write_all(answer.as_bytes()).unwrap();
        }
    });
    format!("http://{addr}")
}

#[test]
fn html_instead_of_json_fails_with_the_reason() {
    let base = canned(
        "200 OK",
        "Content-Type: text/html\r\n",
        "<html>login</html>",
        40,
    );
    let outcomes = run(&base, "alex@contoso.example");
    let start = outcomes
        .iter()
        .find(|o| o.name == "start returns a challenge for the session")
        .unwrap();
    match &start.verdict {
        Verdict::Fail(why) => assert!(why.contains("does not match the contract"), "{why}"),
        other => panic!("{other:?}"),
    }
    let echo = outcomes
        .iter()
        .find(|o| o.name == "the correlation ID is echoed on success")
        .unwrap();
    assert!(
        matches!(&echo.verdict, Verdict::Fail(why) if why.contains("X-Correlation-ID was None"))
    );
    assert!(!twostep_conformance::report(&outcomes));
}

#[test]
fn an_unreachable_backend_fails_every_check_it_reaches() {
    let outcomes = run("http://127.0.0.1:1", "alex@contoso.example");
    for o in &outcomes {
        match &o.verdict {
            Verdict::Fail(_) => {}
            // Without a key, the server-to-server checks are not reached.
            Verdict::Skip(why) => assert!(why.contains("--api-key"), "{}: {why}", o.name),
            Verdict::Pass => panic!("{} passed", o.name),
        }
    }
    assert!(
        outcomes
            .iter()
            .filter(|o| matches!(o.verdict, Verdict::Fail(_)))
            .count()
            >= 3
    );
}

#[test]
fn an_offer_of_zero_days_fails_with_the_reason() {
    let base = canned(
        "200 OK",
        "Content-Type: application/json\r\n",
        r#"{"session_handle":"sh_s","session_ref":"TS-1","user":"u","methods":[{"id":"app","kind":"totp"}],"default_method":"app","expires_in_secs":600,"remember_device_days":0}"#,
        40,
    );
    let outcomes = run(&base, "alex@contoso.example");
    let offer = outcomes
        .iter()
        .find(|o| o.name == "a remember-device offer is at least one day")
        .unwrap();
    assert!(
        matches!(&offer.verdict, Verdict::Fail(why) if why.contains("is 0")),
        "{offer:?}"
    );
}

#[test]
fn without_a_key_or_dev_mode_no_session_can_be_started() {
    let base = canned("200 OK", "Content-Type: application/json\r\n", "{}", 40);
    let outcomes = twostep_conformance::run(&Options::new(&base, "alex@contoso.example"));
    let start = outcomes
        .iter()
        .find(|o| o.name == "start returns a challenge for the session")
        .unwrap();
    assert!(
        matches!(&start.verdict, Verdict::Fail(why) if why.contains("--api-key")),
        "{start:?}"
    );
    // A 200 to a browser start from a hint is a failure outside dev mode.
    let refused = outcomes
        .iter()
        .find(|o| o.name == "a browser start without a session is refused")
        .unwrap();
    assert!(
        matches!(&refused.verdict, Verdict::Fail(why) if why.contains("--dev")),
        "{refused:?}"
    );
}
