//! "Don't ask again on this device": the offer in the challenge, and a
//! device remembered only by a successful verify or poll that asks for it.

use serde_json::json;
use twostep_protocol::{PollResponse, PollStatus, SendResponse, VerifyResponse};
use twostep_server::{Config, DEV_AUDIENCE};

use crate::common::{Reply, Server, dev, dev_config, server};

const ALEX: &str = "alex@contoso.example";
const KIM: &str = "kim@contoso.example";

async fn verify(s: &Server, sid: &str, code: &str, remember: bool) -> Reply {
    s.post(
        "/v1/verify",
        json!({ "session_handle": sid, "method_id": "sms-1", "code": code, "remember_device": remember }),
    )
    .await
}

async fn poll(s: &Server, sid: &str, remember: bool) -> PollResponse {
    s.post(
        "/v1/poll",
        json!({ "session_handle": sid, "method_id": "push", "remember_device": remember }),
    )
    .await
    .ok()
}

/// The number to match of an approval (every push has one by default).
fn number_of(sent: SendResponse) -> Option<String> {
    match sent.delivery {
        twostep_protocol::Delivery::Approval {
            number_to_match, ..
        } => number_to_match,
        other => panic!("expected an approval, got {other:?}"),
    }
}

/// The `remember_device_days` claim of a signed, verified assertion.
async fn remembered(s: &Server, assertion: &str) -> Option<u32> {
    s.verified(assertion, DEV_AUDIENCE)
        .await
        .remember_device_days
}

/// Starts for Alex and texts a code to sms-1; the session and the code.
/// The clock first moves past the cool-down of Alex's earlier texts.
async fn texted(s: &Server) -> (String, String) {
    s.advance(30);
    let c = s.start(ALEX).await;
    s.send(&c.session_handle, "sms-1", false)
        .await
        .ok::<SendResponse>();
    let code = s.last_code(&c.session_ref).await;
    (c.session_handle, code)
}

#[tokio::test]
async fn the_challenge_offers_the_configured_days_and_zero_offers_nothing() {
    let s = dev().await;
    assert_eq!(s.start(ALEX).await.remember_device_days, Some(30));
    let raw = s.post("/v1/start", json!({ "user_hint": ALEX })).await;
    assert!(
        raw.body.contains(r#""remember_device_days":30"#),
        "{}",
        raw.body
    );

    let week = server(Config {
        remember_device_days: 7,
        ..dev_config()
    })
    .await;
    assert_eq!(week.start(ALEX).await.remember_device_days, Some(7));

    let off = server(Config {
        remember_device_days: 0,
        ..dev_config()
    })
    .await;
    let raw = off.post("/v1/start", json!({ "user_hint": ALEX })).await;
    assert!(!raw.body.contains("remember_device"), "{}", raw.body);
}

#[tokio::test]
async fn a_code_verified_with_remember_device_says_so_in_the_assertion() {
    let s = dev().await;
    let (sid, code) = texted(&s).await;
    let ok: VerifyResponse = verify(&s, &sid, &code, true).await.ok();
    assert_eq!(remembered(&s, &ok.assertion).await, Some(30));

    let (sid, code) = texted(&s).await;
    let ok: VerifyResponse = verify(&s, &sid, &code, false).await.ok();
    assert_eq!(remembered(&s, &ok.assertion).await, None);
}

#[tokio::test]
async fn remember_device_never_gets_a_wrong_code_through() {
    let s = dev().await;
    let (sid, code) = texted(&s).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let e = verify(&s, &sid, wrong, true)
        .await
        .error(422, "invalid_code");
    assert_eq!(e.attempts_left, Some(4));
    // Only the request that succeeds counts: this one does not ask.
    let ok: VerifyResponse = verify(&s, &sid, &code, false).await.ok();
    assert_eq!(remembered(&s, &ok.assertion).await, None);
}

#[tokio::test]
async fn an_approval_is_remembered_by_the_poll_that_finds_it_approved() {
    let s = dev().await;
    let c = s.start(KIM).await;
    let sid = c.session_handle.as_str();
    let number = number_of(s.send(sid, "push", false).await.ok());
    let p = poll(&s, sid, true).await;
    assert_eq!((p.status, p.assertion), (PollStatus::Pending, None));
    let r = s.answer(&c.session_ref, true, number.as_deref()).await;
    assert_eq!(r.status, 204);
    let p = poll(&s, sid, true).await;
    assert_eq!(p.status, PollStatus::Approved);
    let assertion = p.assertion.unwrap();
    assert_eq!(remembered(&s, &assertion).await, Some(30));
}

#[tokio::test]
async fn an_approval_polled_without_the_flag_is_not_remembered() {
    let s = dev().await;
    let c = s.start(KIM).await;
    let sid = c.session_handle.as_str();
    let number = number_of(s.send(sid, "push", false).await.ok());
    // Ticked, then unticked before the approval came.
    assert_eq!(poll(&s, sid, true).await.status, PollStatus::Pending);
    s.answer(&c.session_ref, true, number.as_deref()).await;
    let p = poll(&s, sid, false).await;
    assert_eq!(p.status, PollStatus::Approved);
    assert_eq!(remembered(&s, p.assertion.as_deref().unwrap()).await, None);
}

#[tokio::test]
async fn without_an_offer_remember_device_is_ignored() {
    let s = server(Config {
        remember_device_days: 0,
        ..dev_config()
    })
    .await;
    let (sid, code) = texted(&s).await;
    let ok: VerifyResponse = verify(&s, &sid, &code, true).await.ok();
    assert_eq!(remembered(&s, &ok.assertion).await, None);
}
