//! The reference server passes every conformance check, over real HTTP on
//! loopback: the contract, the checker and the server agree.

use twostep_conformance::{Verdict, run};

/// Starts twostep-server (defaults, demo directory) on a free port; returns its URL.
fn start_server() -> String {
    start_server_with(twostep_server::Config::default())
}

/// Starts twostep-server with `config` on a free port; returns its URL.
fn start_server_with(config: twostep_server::Config) -> String {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        runtime
            .block_on(twostep_server::serve(listener, config))
            .unwrap();
    });
    url
}

#[test]
fn every_check_passes_for_a_user_with_phones_and_the_app() {
    let url = start_server();
    let outcomes = run(&url, "alex@contoso.example");
    let failed: Vec<_> = outcomes
        .iter()
        .filter(|o| !matches!(o.verdict, Verdict::Pass))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(outcomes.len() >= 12, "{} checks", outcomes.len());
}

#[test]
fn an_app_only_user_skips_only_the_text_checks() {
    let url = start_server();
    let outcomes = run(&url, "kim@contoso.example");
    for o in &outcomes {
        match &o.verdict {
            Verdict::Pass => {}
            Verdict::Skip(why) => assert!(why.contains("no text"), "{}: {why}", o.name),
            Verdict::Fail(why) => panic!("{}: {why}", o.name),
        }
    }
}

#[test]
fn a_server_that_offers_no_remembered_devices_skips_only_that_check() {
    let url = start_server_with(twostep_server::Config {
        remember_device_days: 0,
        ..twostep_server::Config::default()
    });
    let outcomes = run(&url, "alex@contoso.example");
    for o in &outcomes {
        match &o.verdict {
            Verdict::Pass => {}
            Verdict::Skip(why) => {
                assert!(why.contains("no remembered devices"), "{}: {why}", o.name)
            }
            Verdict::Fail(why) => panic!("{}: {why}", o.name),
        }
    }
    assert!(
        outcomes
            .iter()
            .any(|o| o.name.starts_with("remember_device") && o.verdict == Verdict::Pass),
        "the flag is still accepted: {outcomes:#?}"
    );
}
