//! The limits over real HTTP: wrong codes across sessions, paused
//! notifications, rate limits, the header-read timeout, and the delivery
//! hook (signed, and a failure shown as one).

use std::time::Duration;

use twostep_protocol::{Delivery, SendResponse};
use twostep_server::hook::{HookConfig, check_signature};
use twostep_server::{Config, Limits};

use crate::common::{dev, dev_config, receiver, server};

const ALEX: &str = "alex@contoso.example";

#[tokio::test]
async fn wrong_codes_count_across_sessions_and_a_new_session_is_locked_too() {
    let s = dev().await;
    for (i, left) in [4, 3, 2, 1].into_iter().enumerate() {
        // A new session before every guess, as the attack did.
        let c = s.start(ALEX).await;
        let e = s
            .verify(&c.session_handle, "totp", &format!("00000{i}"))
            .await
            .error(422, "invalid_code");
        assert_eq!(e.attempts_left, Some(left));
    }
    let c = s.start(ALEX).await;
    let e = s
        .verify(&c.session_handle, "totp", "000009")
        .await
        .error(429, "too_many_attempts");
    assert_eq!(e.retry_after_secs, Some(60));
    let fresh = s.start(ALEX).await;
    let e = s
        .verify(&fresh.session_handle, "totp", "000010")
        .await
        .error(429, "too_many_attempts");
    assert_eq!(e.retry_after_secs, Some(60));
    // The next lockout in a row is twice as long.
    s.advance(60);
    for i in 0..4 {
        s.verify(&fresh.session_handle, "totp", &format!("10000{i}"))
            .await
            .error(422, "invalid_code");
    }
    let e = s
        .verify(&fresh.session_handle, "totp", "100009")
        .await
        .error(429, "too_many_attempts");
    assert_eq!(e.retry_after_secs, Some(120));
}

#[tokio::test]
async fn denied_notifications_pause_pushes_with_a_reason_and_a_wait() {
    let s = dev().await;
    for round in 0..3 {
        s.advance(30);
        let c = s.start(ALEX).await;
        s.send(&c.session_handle, "push", false)
            .await
            .ok::<SendResponse>();
        assert_eq!(
            s.answer(&c.session_ref, false, None).await.status,
            204,
            "{round}"
        );
    }
    s.advance(30);
    let c = s.start(ALEX).await;
    let r = s.send(&c.session_handle, "push", false).await;
    let e = r.error(409, "method_unavailable");
    assert!(e.message.contains("paused"), "{}", e.message);
    assert_eq!(e.retry_after_secs, Some(1800 - 30));
    // Other methods still work, and the pause ends.
    s.send(&c.session_handle, "sms-1", false)
        .await
        .ok::<SendResponse>();
    s.advance(1800);
    let c = s.start(ALEX).await;
    s.send(&c.session_handle, "push", false)
        .await
        .ok::<SendResponse>();
}

#[tokio::test]
async fn texts_are_capped_per_user_per_hour_across_sessions() {
    let s = dev().await;
    for _ in 0..10 {
        s.advance(30);
        let c = s.start(ALEX).await;
        s.send(&c.session_handle, "sms-1", false)
            .await
            .ok::<SendResponse>();
    }
    s.advance(30);
    let c = s.start(ALEX).await;
    let e = s
        .send(&c.session_handle, "sms-1", false)
        .await
        .error(429, "rate_limited");
    assert!(e.message.contains("last hour"), "{}", e.message);
    // A new session inside the cool-down is refused too, not texted again.
    let c2 = s.start(ALEX).await;
    s.send(&c2.session_handle, "voice-1", false)
        .await
        .ok::<SendResponse>();
    let c3 = s.start(ALEX).await;
    s.send(&c3.session_handle, "voice-1", false)
        .await
        .error(429, "rate_limited");
}

#[tokio::test]
async fn requests_over_the_address_rate_are_refused_with_retry_after() {
    let mut config = dev_config();
    config.limits.address_rate.per_sec = 1;
    config.limits.address_rate.burst = 3;
    let s = server(config).await;
    for _ in 0..3 {
        assert_eq!(s.get("/.well-known/jwks.json").await.status, 200);
    }
    let r = s.get("/.well-known/jwks.json").await;
    // The refused request's connection is closed, and the client told so.
    assert_eq!(r.header("connection"), Some("close"));
    let e = r.error(429, "rate_limited");
    assert_eq!(e.retry_after_secs, Some(1));
}

#[tokio::test]
async fn a_connection_that_sends_no_headers_is_closed_after_the_timeout() {
    use tokio::io::AsyncReadExt;
    let config = Config {
        limits: Limits {
            header_read_timeout: Duration::from_secs(1),
            ..Limits::default()
        },
        ..dev_config()
    };
    let s = server(config).await;
    let addr = s.base.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the idle connection was still open after 5 s");
}

fn hook_config(url: &str) -> Config {
    Config {
        delivery_hook: Some(HookConfig {
            url: url.to_string(),
            secret: b"0123456789abcdef0123456789abcdef".to_vec(),
            timeout: Duration::from_secs(5),
        }),
        ..Config::default()
    }
}

/// The number to match of an approval that must have one.
fn number_to_match(sent: &SendResponse) -> String {
    match &sent.delivery {
        Delivery::Approval {
            number_to_match: Some(number),
            ..
        } => number.clone(),
        other => panic!("an approval with a number to match: {other:?}"),
    }
}

#[tokio::test]
async fn deliveries_go_to_the_hook_signed_and_a_refused_one_is_an_error() {
    let ok = receiver(204).await;
    let (s, key) = crate::common::production_with(hook_config(&ok.url)).await;
    let c = s.start_as_host(&key, ALEX).await;
    let number = number_to_match(&s.send(&c.session_handle, "push", false).await.ok());
    let got = ok.got();
    assert_eq!(got.len(), 1);
    let (signature, body) = &got[0];
    let at = std::time::UNIX_EPOCH + Duration::from_secs(crate::common::T0);
    let secret = b"0123456789abcdef0123456789abcdef";
    assert!(check_signature(
        secret,
        signature,
        body,
        at,
        Duration::from_secs(300)
    ));
    assert!(!check_signature(
        b"another secret, 32 bytes long!!!",
        signature,
        body,
        at,
        Duration::from_secs(300)
    ));
    let m: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(m["type"], "push");
    assert_eq!(m["number_to_match"], number.as_str());
    assert_eq!(m["session_ref"], c.session_ref.as_str());
    assert!(!body.contains(&c.session_handle));
    // A call goes to the full number, with the number the call asks for.
    let number = number_to_match(&s.send(&c.session_handle, "voice-1", false).await.ok());
    let got = ok.got();
    assert_eq!(got.len(), 2);
    let m: serde_json::Value = serde_json::from_str(&got[1].1).unwrap();
    assert_eq!(m["type"], "call");
    assert_eq!(m["number_to_match"], number.as_str());
    assert!(m["to"].as_str().unwrap().ends_with("0100 112"), "{m}");

    let down = receiver(503).await;
    let (s, key) = crate::common::production_with(hook_config(&down.url)).await;
    let c = s.start_as_host(&key, ALEX).await;
    let e = s
        .send(&c.session_handle, "sms-1", false)
        .await
        .error(500, "internal");
    assert!(e.message.contains("could not be sent"), "{}", e.message);
    assert_eq!(down.got().len(), 1);
    // Nothing started a cool-down: the user can try again at once.
    s.send(&c.session_handle, "sms-1", false)
        .await
        .error(500, "internal");
    assert_eq!(down.got().len(), 2);
}
