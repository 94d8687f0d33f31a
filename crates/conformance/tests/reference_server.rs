//! The reference server passes every conformance check, over real HTTP on
//! loopback, in production mode (sessions started with an API key, the app
//! code from its secret) and in dev mode (sessions from a hint, the app code
//! from /dev/totp): the contract, the checker and the server agree. And the
//! checks fail, with reasons, when told the wrong things about it.

use twostep_conformance::{Options, Outcome, Verdict, run};
use twostep_server::hosts::{Host, Hosts};
use twostep_server::{AppState, Config, DevOutbox, SystemClock};

const ALEX: &str = "alex@contoso.example";
/// Alex's app secret in the demo directory.
const ALEX_TOTP: &str = "NQO7FR22BGFRYXBJZVSFWQWMBJSF5SOX";
const ISSUER: &str = "https://twostep.test";
const AUDIENCE: &str = "https://shop.test";

/// Starts twostep-server with `config` on a free port; returns its URL.
/// Outside dev mode, deliveries go to an outbox (a provider that accepts
/// everything), as the tests have no delivery hook.
fn start_server_with(config: Config) -> String {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let dev = config.dev;
        let mut state = AppState::builder(config);
        if !dev {
            let outbox = DevOutbox::new(std::sync::Arc::new(SystemClock));
            state = state.delivery(std::sync::Arc::new(outbox));
        }
        runtime
            .block_on(twostep_server::serve_state(listener, state.build()))
            .unwrap();
    });
    url
}

/// A production-mode server (issuer, one host) from `config`; its URL and
/// the options a host would run the checks with.
fn production(config: Config) -> Options {
    let (key, host) = Host::new_with_key("shop", AUDIENCE);
    let hosts = serde_json::json!({ "hosts": [host] }).to_string();
    let url = start_server_with(Config {
        hosts: Hosts::from_json(&hosts).unwrap(),
        issuer: Some(ISSUER.into()),
        ..config
    });
    let mut options = Options::new(&url, ALEX);
    options.api_key = Some(key);
    options.totp_secret = Some(ALEX_TOTP.into());
    options.issuer = Some(ISSUER.into());
    options.audience = Some(AUDIENCE.into());
    options
}

/// A dev-mode server from `config`, and the options for it (no key).
fn dev(config: Config) -> Options {
    let url = start_server_with(Config {
        dev: true,
        ..config
    });
    let mut options = Options::new(&url, ALEX);
    options.dev = true;
    options
}

/// The check of a retried poll, which needs the reference server's
/// `POST /dev/answer` to approve a notification.
const POLL_RETRY: &str = "a retried poll of an approved notification gets the same assertion";

/// The outcomes that did not pass, but for the poll retry skipped for want of
/// `/dev/answer` (a production server has none).
fn not_passed(outcomes: &[Outcome]) -> Vec<&Outcome> {
    outcomes
        .iter()
        .filter(|o| !matches!(o.verdict, Verdict::Pass))
        .filter(|o| !matches!(&o.verdict, Verdict::Skip(why) if o.name == POLL_RETRY && why.contains("/dev/answer")))
        .collect()
}

fn verdict<'a>(outcomes: &'a [Outcome], name: &str) -> &'a Verdict {
    &outcomes
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no check {name:?}: {outcomes:#?}"))
        .verdict
}

#[test]
fn a_production_server_passes_every_check() {
    let outcomes = run(&production(Config::default()));
    assert!(not_passed(&outcomes).is_empty(), "{outcomes:#?}");
    assert!(outcomes.len() >= 22, "{} checks", outcomes.len());
}

#[test]
fn a_dev_server_passes_every_check_it_can_run_without_a_key() {
    let outcomes = run(&dev(Config::default()));
    for o in not_passed(&outcomes) {
        match &o.verdict {
            Verdict::Skip(why) => assert!(why.contains("--api-key"), "{}: {why}", o.name),
            other => panic!("{}: {other:?}", o.name),
        }
    }
    assert_eq!(
        verdict(
            &outcomes,
            "a browser start from a user_hint works in dev mode"
        ),
        &Verdict::Pass
    );
    // The assertion is checked, the app code read from /dev/totp.
    assert_eq!(
        verdict(&outcomes, "the assertion carries the documented claims"),
        &Verdict::Pass
    );
    // A notification is approved through /dev/answer, then polled twice.
    assert_eq!(verdict(&outcomes, POLL_RETRY), &Verdict::Pass);
}

#[test]
fn a_server_that_forgets_a_success_at_once_fails_both_retry_checks() {
    let mut config = Config::default();
    config.limits.retry_window = std::time::Duration::ZERO;
    let outcomes = run(&dev(config));
    for name in [
        "a retried verify gets the same assertion, without a second use of the code",
        POLL_RETRY,
    ] {
        assert!(
            matches!(verdict(&outcomes, name), Verdict::Fail(why) if why.contains("not answered like the first")),
            "{name}: {outcomes:#?}"
        );
    }
}

#[test]
fn the_dev_flag_must_match_the_server() {
    // A dev server checked as a production one: its hint start is a finding.
    let mut options = dev(Config::default());
    options.dev = false;
    let (key, host) = Host::new_with_key("shop", AUDIENCE);
    let hosts = serde_json::json!({ "hosts": [host] }).to_string();
    options.base_url = start_server_with(Config {
        dev: true,
        hosts: Hosts::from_json(&hosts).unwrap(),
        ..Config::default()
    });
    options.api_key = Some(key);
    let outcomes = run(&options);
    assert!(
        matches!(verdict(&outcomes, "a browser start without a session is refused"), Verdict::Fail(why) if why.contains("expected status")),
        "{outcomes:#?}"
    );
    // A production server checked as a dev one.
    let mut options = production(Config::default());
    options.dev = true;
    let outcomes = run(&options);
    assert!(
        matches!(
            verdict(
                &outcomes,
                "a browser start from a user_hint works in dev mode"
            ),
            Verdict::Fail(_)
        ),
        "{outcomes:#?}"
    );
}

#[test]
fn a_wrong_key_issuer_or_audience_is_reported() {
    let mut options = production(Config::default());
    options.audience = Some("https://elsewhere.test".into());
    let outcomes = run(&options);
    assert!(
        matches!(verdict(&outcomes, "the assertion carries the documented claims"), Verdict::Fail(why) if why.contains("aud must be")),
        "{outcomes:#?}"
    );
    let mut options = production(Config::default());
    options.issuer = Some("https://elsewhere.test".into());
    let outcomes = run(&options);
    assert!(
        matches!(verdict(&outcomes, "the assertion carries the documented claims"), Verdict::Fail(why) if why.contains("iss must be")),
    );
    let mut options = production(Config::default());
    options.api_key = Some("tsk_not-the-key".into());
    let outcomes = run(&options);
    assert!(
        matches!(verdict(&outcomes, "the server-to-server start creates a session"), Verdict::Fail(why) if why.contains("401")),
        "{outcomes:#?}"
    );
}

#[test]
fn an_app_only_user_skips_only_the_text_checks() {
    let mut options = production(Config::default());
    options.user = "kim@contoso.example".into();
    options.totp_secret = Some("PMA5WWPQCM3FAPJAWALYFIJR7LDKGZLC".into());
    for o in not_passed(&run(&options)) {
        match &o.verdict {
            Verdict::Skip(why) => assert!(
                why.contains("no text") || why.contains("no voice"),
                "{}: {why}",
                o.name
            ),
            other => panic!("{}: {other:?}", o.name),
        }
    }
}

#[test]
fn a_user_without_an_app_skips_the_assertion_checks_with_the_reason() {
    let mut options = production(Config::default());
    options.user = "sam@contoso.example".into();
    options.totp_secret = None;
    let outcomes = run(&options);
    assert!(
        matches!(verdict(&outcomes, "the assertion carries the documented claims"), Verdict::Skip(why) if why.contains("no authenticator-app")),
        "{outcomes:#?}"
    );
}

#[test]
fn a_server_that_offers_no_remembered_devices_skips_only_that_check() {
    let outcomes = run(&production(Config {
        remember_device_days: 0,
        ..Config::default()
    }));
    for o in not_passed(&outcomes) {
        match &o.verdict {
            Verdict::Skip(why) => {
                assert!(why.contains("no remembered devices"), "{}: {why}", o.name)
            }
            Verdict::Fail(why) => panic!("{}: {why}", o.name),
            Verdict::Pass => {}
        }
    }
    assert!(
        outcomes
            .iter()
            .any(|o| o.name.starts_with("remember_device") && o.verdict == Verdict::Pass),
        "the flag is still accepted: {outcomes:#?}"
    );
}
