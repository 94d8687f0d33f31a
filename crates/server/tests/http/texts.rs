//! Texted codes: single use, resends, cool-down, expiry, attempts and lockout,
//! and masking everywhere.

use serde_json::Value;
use twostep_protocol::{Delivery, SendResponse, VerifyResponse};

use crate::common::dev;

const ALEX: &str = "alex@contoso.example";

/// A code that is not `code`.
fn other_than(code: &str) -> String {
    if code == "000000" { "111111" } else { "000000" }.to_string()
}

#[tokio::test]
async fn a_texted_code_verifies_once() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    let sent: SendResponse = s.send(sid, "sms-1", false).await.ok();
    assert_eq!(sent.method_id, "sms-1");
    assert_eq!(
        sent.delivery,
        Delivery::Code {
            target: Some("••••••12".into()),
            code_length: 6,
            resend_after_secs: Some(30),
            suggest_other_after_secs: Some(30),
        }
    );
    let outbox = s.outbox(sref).await;
    assert_eq!(outbox.len(), 1);
    let d = &outbox[0];
    assert_eq!(d["kind"], "text");
    assert_eq!(d["method_id"], "sms-1");
    assert_eq!(d["session_ref"], sref);
    assert!(!d.to_string().contains(sid));
    assert_eq!(d["to"], "••••••12");
    assert_eq!(d["answer"], Value::Null);
    let code = d["code"].as_str().unwrap();
    assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()));

    let ok: VerifyResponse = s.verify(sid, "sms-1", code).await.ok();
    let claims = s.verified(&ok.assertion, "twostep-dev").await;
    assert_eq!((claims.sub.as_str(), claims.sid.as_str()), (ALEX, sref));
    assert_eq!(claims.amr, ["sms"]);

    // A retry of that verify (its answer was lost) gets the same assertion,
    // within the retry window; any other code finds the session finished.
    s.advance(29);
    let again: VerifyResponse = s.verify(sid, "sms-1", code).await.ok();
    assert_eq!(again.assertion, ok.assertion);
    s.verify(sid, "sms-1", &other_than(code))
        .await
        .error(410, "session_expired");
    s.advance(1);
    s.verify(sid, "sms-1", code)
        .await
        .error(410, "session_expired");
    s.send(sid, "sms-1", true)
        .await
        .error(410, "session_expired");
}

#[tokio::test]
async fn a_code_works_only_for_the_method_it_went_by() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    s.send(sid, "sms-1", false).await.ok::<SendResponse>();
    let first = s.last_code(sref).await;
    let e = s
        .verify(sid, "sms-2", &first)
        .await
        .error(422, "invalid_code");
    assert_eq!(e.attempts_left, Some(4));

    // Switching to the alternate phone: only its (newest) code works.
    let alt: SendResponse = s.send(sid, "sms-2", false).await.ok();
    assert!(matches!(alt.delivery, Delivery::Code { target: Some(ref t), .. } if t == "••••••78"));
    let second = s.last_code(sref).await;
    if first != second {
        s.verify(sid, "sms-1", &first)
            .await
            .error(422, "invalid_code");
    }
    s.verify(sid, "sms-2", &second).await.ok::<VerifyResponse>();
}

#[tokio::test]
async fn a_resend_invalidates_every_older_code() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    s.send(sid, "sms-1", false).await.ok::<SendResponse>();
    let old = s.last_code(sref).await;
    s.advance(30);
    s.send(sid, "sms-1", true).await.ok::<SendResponse>();
    let new = s.last_code(sref).await;
    assert_eq!(s.outbox(sref).await.len(), 2);
    if old != new {
        let e = s
            .verify(sid, "sms-1", &old)
            .await
            .error(422, "invalid_code");
        assert_eq!(e.attempts_left, Some(4));
    }
    s.verify(sid, "sms-1", &new).await.ok::<VerifyResponse>();
}

#[tokio::test]
async fn the_resend_cool_down_is_enforced_with_retry_after() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    s.send(sid, "sms-1", false).await.ok::<SendResponse>();

    let r = s.send(sid, "sms-1", true).await;
    let e = r.error(429, "rate_limited");
    assert_eq!(e.retry_after_secs, Some(30));
    assert_eq!(r.header("retry-after"), Some("30"));
    assert_eq!(e.session_ref.as_deref(), Some(sref));

    s.advance(10);
    let e = s.send(sid, "sms-1", true).await.error(429, "rate_limited");
    assert_eq!(e.retry_after_secs, Some(20));

    // Coming back to the method (no resend) while its code still works
    // answers as sent, without another text.
    let again: SendResponse = s.send(sid, "sms-1", false).await.ok();
    assert!(matches!(
        again.delivery,
        Delivery::Code {
            resend_after_secs: Some(20),
            ..
        }
    ));
    assert_eq!(s.outbox(sref).await.len(), 1);

    // The cool-down is per method.
    s.send(sid, "sms-2", false).await.ok::<SendResponse>();

    s.advance(20);
    s.send(sid, "sms-1", true).await.ok::<SendResponse>();
    assert_eq!(s.outbox(sref).await.len(), 3);
}

#[tokio::test]
async fn a_code_expires_after_its_ttl() {
    let mut config = crate::common::dev_config();
    config.code_ttl = std::time::Duration::from_secs(5);
    let s = crate::common::server(config).await;
    let c = s.start(ALEX).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    s.send(sid, "sms-1", false).await.ok::<SendResponse>();
    let code = s.last_code(sref).await;
    s.advance(5);
    let e = s.verify(sid, "sms-1", &code).await.error(410, "expired");
    assert_eq!(e.session_ref.as_deref(), Some(sref));
    assert_eq!(e.attempts_left, None);
    // Still expired, and no attempt was counted.
    s.verify(sid, "sms-1", &code).await.error(410, "expired");

    s.advance(25);
    s.send(sid, "sms-1", true).await.ok::<SendResponse>();
    let fresh = s.last_code(sref).await;
    s.verify(sid, "sms-1", &fresh).await.ok::<VerifyResponse>();
}

#[tokio::test]
async fn wrong_codes_count_down_then_lock_out() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    s.send(sid, "sms-1", false).await.ok::<SendResponse>();
    let code = s.last_code(sref).await;

    let wrongs: Vec<String> = (0..6)
        .map(|i| format!("{:06}", 900_000 + i))
        .filter(|w| *w != code)
        .take(5)
        .collect();
    for (left, wrong) in [4, 3, 2, 1].into_iter().zip(&wrongs) {
        let e = s
            .verify(sid, "sms-1", wrong)
            .await
            .error(422, "invalid_code");
        assert_eq!(e.attempts_left, Some(left));
        assert_eq!(e.retry_after_secs, None);
    }
    // A retry of the last wrong code is answered the same, not counted.
    let e = s
        .verify(sid, "sms-1", &wrongs[3])
        .await
        .error(422, "invalid_code");
    assert_eq!(e.attempts_left, Some(1));
    let r = s.verify(sid, "sms-1", &wrongs[4]).await;
    let e = r.error(429, "too_many_attempts");
    assert_eq!(e.attempts_left, Some(0));
    assert_eq!(e.retry_after_secs, Some(60));
    assert_eq!(r.header("retry-after"), Some("60"));

    // During the lockout every verify is refused, even the right code.
    s.advance(20);
    let e = s
        .verify(sid, "sms-1", &code)
        .await
        .error(429, "too_many_attempts");
    assert_eq!(e.retry_after_secs, Some(40));
    assert_eq!(e.attempts_left, Some(0));

    // After it the count starts over, but the old code is gone.
    s.advance(40);
    let e = s
        .verify(sid, "sms-1", &code)
        .await
        .error(422, "invalid_code");
    assert_eq!(e.attempts_left, Some(4));
    s.send(sid, "sms-1", true).await.ok::<SendResponse>();
    let fresh = s.last_code(sref).await;
    s.verify(sid, "sms-1", &fresh).await.ok::<VerifyResponse>();
}

#[tokio::test]
async fn no_full_number_leaves_the_server() {
    let s = dev().await;
    let mut bodies = Vec::new();
    let c = s.start(ALEX).await;
    let sid = c.session_handle.as_str();
    bodies.push(serde_json::to_string(&c).unwrap());
    for method in ["sms-1", "sms-2", "voice-1", "push", "totp"] {
        bodies.push(s.send(sid, method, false).await.body);
    }
    bodies.push(s.send(sid, "sms-1", true).await.body);
    bodies.push(s.get("/dev/outbox").await.body);
    bodies.push(s.verify(sid, "voice-1", "1").await.body);
    let sam = s.start("sam@contoso.example").await;
    bodies.push(s.send(&sam.session_handle, "sms-1", false).await.body);
    bodies.push(s.get("/dev/outbox").await.body);
    for body in &bodies {
        for number in ["+1 555", "555 0100", "5550100", "0100 1"] {
            assert!(!body.contains(number), "{number} in {body}");
        }
    }
    // Every target that does appear is masked.
    let outbox = s.get("/dev/outbox").await.ok::<Vec<Value>>();
    for d in outbox.iter().filter(|d| d["kind"] != "push") {
        let to = d["to"].as_str().unwrap();
        assert!(to.starts_with("••••••") && to.chars().count() == 8, "{to}");
    }
}
