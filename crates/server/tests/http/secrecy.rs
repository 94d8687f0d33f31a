//! The session handle is a secret: no error envelope, outbox entry or other
//! answer but the start answers carries it, whatever went wrong.

use serde_json::json;
use twostep_protocol::{CreatedSession, SendResponse};
use twostep_server::{Config, Limits};

use crate::common::{Reply, dev, production_with};

const ALEX: &str = "alex@contoso.example";

/// Fails if `handle` is in any of `replies`; returns how many were errors.
#[track_caller]
fn nowhere(handle: &str, replies: &[Reply]) -> usize {
    for r in replies {
        assert!(
            !r.body.contains(handle),
            "the handle is in a {} answer: {}",
            r.status,
            r.body
        );
        for (name, value) in &r.headers {
            assert!(
                !value.to_str().unwrap_or_default().contains(handle),
                "the handle is in the {name} header"
            );
        }
    }
    replies.iter().filter(|r| r.status >= 400).count()
}

#[tokio::test]
async fn no_error_envelope_carries_the_handle() {
    let (s, key) = production_with(Config {
        limits: Limits {
            max_attempts: 2,
            ..Limits::default()
        },
        ..Config::default()
    })
    .await;
    let c = s.start_as_host(&key, ALEX).await;
    let h = c.session_handle.as_str();
    let mut replies = vec![
        s.send(h, "no-such-method", false).await,
        s.verify(h, "push", "123456").await,
        s.poll(h, "sms-1").await,
        s.send(h, "sms-1", false).await,
        s.send(h, "sms-1", true).await,
        s.verify(h, "sms-1", "00000").await,
        s.verify(h, "sms-1", "0000000").await,
        s.verify(h, "sms-1", "000000").await,
        s.post("/v1/send", json!({ "session_handle": h })).await,
        s.post("/v1/verify", json!({ "session_handle": h, "method_id": 5 }))
            .await,
        s.post("/v1/start", json!({ "session_handle": format!("{h}x") }))
            .await,
        s.post("/v1/nothing", json!({ "session_handle": h })).await,
        s.get(&format!("/v1/start?session_handle={h}")).await,
    ];
    s.advance(600);
    replies.push(s.send(h, "sms-1", true).await);
    replies.push(s.post("/v1/start", json!({ "session_handle": h })).await);
    let codes: std::collections::HashSet<String> = replies
        .iter()
        .filter(|r| r.status >= 400)
        .map(|r| serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["code"].to_string())
        .collect();
    assert!(nowhere(h, &replies) >= 12);
    // bad_request, method_unavailable, rate_limited, invalid_code,
    // too_many_attempts, session_expired
    assert!(codes.len() >= 6, "{codes:?}");
}

#[tokio::test]
async fn the_outbox_and_dev_answers_name_the_reference_only() {
    let s = dev().await;
    let r = s.post("/dev/sessions", json!({ "user": ALEX })).await;
    let created: CreatedSession = serde_json::from_str(&r.body).unwrap();
    let h = created.session_handle.as_str();
    let sref = created.session_ref.as_str();
    s.send(h, "sms-1", false).await.ok::<SendResponse>();
    s.send(h, "push", false).await.ok::<SendResponse>();
    let replies = vec![
        s.get("/dev/outbox").await,
        s.get(&format!("/dev/outbox?session_ref={sref}")).await,
        s.answer(sref, false, None).await,
        s.answer(h, true, None).await,
        s.poll(h, "push").await,
    ];
    nowhere(h, &replies);
    assert!(replies[0].body.contains(sref));
}
