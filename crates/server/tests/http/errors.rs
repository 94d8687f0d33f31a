//! The error envelope, correlation IDs, bad requests, status codes, headers.

use std::sync::Arc;

use serde_json::json;
use twostep_protocol::ErrorCode;
use twostep_server::delivery::{Call, Push, Sending, Text, done};
use twostep_server::{Delivery, DeliveryError};

use crate::common::{T0_TEXT, dev, dev_config, server_with};

const ID: &str = "3f2a8c1e-5b7d-4e0f-9a6b-1c2d3e4f5a6b";

fn is_uuid_v4(id: &str) -> bool {
    let b = id.as_bytes();
    id.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
        && id.bytes().all(|c| c == b'-' || c.is_ascii_hexdigit())
}

#[tokio::test]
async fn the_correlation_id_is_echoed_on_success_and_in_errors() {
    let s = dev().await;
    let ok = s
        .request(reqwest::Method::POST, "/v1/start", |r| {
            r.header("X-Correlation-ID", ID)
                .json(&json!({ "user_hint": "alex@contoso.example" }))
        })
        .await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.header("x-correlation-id"), Some(ID));

    let err = s
        .request(reqwest::Method::POST, "/v1/send", |r| {
            r.header("X-Correlation-ID", ID)
                .json(&json!({ "session_handle": "sh_unknown", "method_id": "sms-1" }))
        })
        .await;
    let e = err.error(400, "bad_request");
    assert_eq!(e.correlation_id.as_deref(), Some(ID));
    assert_eq!(err.header("x-correlation-id"), Some(ID));
    // An unknown handle is never echoed, nor any reference.
    assert_eq!(e.session_ref, None);
    assert!(!err.body.contains("sh_unknown"), "{}", err.body);
    assert_eq!(e.timestamp.as_deref(), Some(T0_TEXT));
}

#[tokio::test]
async fn the_server_makes_its_own_id_when_the_request_has_none_or_a_bad_one() {
    let s = dev().await;
    let none = s.get("/dev/outbox").await;
    let generated = none.header("x-correlation-id").unwrap().to_string();
    assert!(is_uuid_v4(&generated), "{generated}");

    for bad in [
        "x".repeat(65),
        "has space".into(),
        "under_score".into(),
        "<b>".into(),
    ] {
        let r = s
            .request(reqwest::Method::POST, "/v1/start", |r| {
                r.header("X-Correlation-ID", bad.as_str())
                    .json(&json!({ "user_hint": "nobody@contoso.example" }))
            })
            .await;
        let e = r.error(400, "bad_request");
        let id = e.correlation_id.unwrap();
        assert!(is_uuid_v4(&id), "{bad:?} gave {id}");
        assert_ne!(id, generated);
    }
    let longest = "a".repeat(64);
    let r = s
        .request(reqwest::Method::GET, "/dev/outbox", |r| {
            r.header("X-Correlation-ID", longest.as_str())
        })
        .await;
    assert_eq!(r.header("x-correlation-id"), Some(longest.as_str()));
}

#[tokio::test]
async fn malformed_or_misshapen_bodies_are_bad_request_envelopes() {
    let s = dev().await;
    let raw = |body: &'static str, json: bool| {
        let s = &s;
        async move {
            s.request(reqwest::Method::POST, "/v1/send", |r| {
                let r = r.body(body);
                if json {
                    r.header("Content-Type", "application/json")
                } else {
                    r
                }
            })
            .await
        }
    };
    let e = raw("{not json", true).await.error(400, "bad_request");
    assert!(e.message.contains("not valid JSON"), "{}", e.message);
    let e = raw(r#"{"session_handle": 5}"#, true)
        .await
        .error(400, "bad_request");
    assert!(e.message.contains("session_handle"), "{}", e.message);
    raw(r#"{"session_handle": "s"}"#, true)
        .await
        .error(400, "bad_request");
    raw("[]", true).await.error(400, "bad_request");
    raw("", true).await.error(400, "bad_request");
    let e = raw(r#"{"session_handle":"s","method_id":"m"}"#, false)
        .await
        .error(400, "bad_request");
    assert!(e.message.contains("Content-Type"), "{}", e.message);
}

#[tokio::test]
async fn a_body_over_16_kib_is_413_bad_request() {
    let s = dev().await;
    let big = json!({ "user_hint": "a".repeat(17 * 1024) });
    s.post("/v1/start", big).await.error(413, "bad_request");
    // Just under the limit is read (and refused for what it says).
    let fits = json!({ "user_hint": "a".repeat(16 * 1024 - 100) });
    s.post("/v1/start", fits).await.error(400, "bad_request");
}

#[tokio::test]
async fn unknown_routes_and_methods_are_envelopes() {
    let s = dev().await;
    s.get("/nothing-here").await.error(404, "bad_request");
    s.post("/v1/nothing", json!({}))
        .await
        .error(404, "bad_request");
    s.get("/v1").await.error(404, "bad_request");
    s.get("/dev/nothing").await.error(404, "bad_request");
    let r = s.get("/v1/start").await;
    r.error(405, "bad_request");
    assert_eq!(r.header("allow"), Some("POST"));
}

#[tokio::test]
async fn unknown_sessions_and_methods_are_refused() {
    let s = dev().await;
    for path in ["/v1/send", "/v1/verify", "/v1/poll"] {
        let body = json!({ "session_handle": "sh_nope", "method_id": "sms-1", "code": "123456" });
        s.post(path, body).await.error(400, "bad_request");
    }
    let c = s.start("alex@contoso.example").await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    let e = s
        .send(sid, "carrier-pigeon", false)
        .await
        .error(409, "method_unavailable");
    assert_eq!(e.session_ref.as_deref(), Some(sref));
    s.verify(sid, "carrier-pigeon", "123456")
        .await
        .error(409, "method_unavailable");
    // A method of another user is unknown here too.
    let sam = s.start("sam@contoso.example").await;
    s.send(&sam.session_handle, "push", false)
        .await
        .error(409, "method_unavailable");
    // Approvals take no code, codes are not polled.
    s.verify(sid, "push", "123456")
        .await
        .error(409, "method_unavailable");
    s.poll(sid, "sms-1").await.error(409, "method_unavailable");
    s.poll(sid, "totp").await.error(409, "method_unavailable");
}

/// A provider that is down.
struct Down;

impl Delivery for Down {
    fn send_text<'a>(&'a self, _: &'a Text<'a>) -> Sending<'a> {
        done(Err(DeliveryError("provider down".into())))
    }
    fn place_call<'a>(&'a self, _: &'a Call<'a>) -> Sending<'a> {
        done(Err(DeliveryError("provider down".into())))
    }
    fn push<'a>(&'a self, _: &'a Push<'a>) -> Sending<'a> {
        done(Err(DeliveryError("provider down".into())))
    }
}

#[tokio::test]
async fn a_failed_delivery_is_internal_and_can_be_retried_at_once() {
    let s = server_with(dev_config(), Some(Arc::new(Down))).await;
    let c = s.start("alex@contoso.example").await;
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    for method in ["sms-1", "voice-1", "push"] {
        let e = s.send(sid, method, false).await.error(500, "internal");
        assert_eq!(e.code, ErrorCode::Internal);
        assert_eq!(e.session_ref.as_deref(), Some(sref));
        assert!(!e.message.contains("provider down"));
    }
    // No cool-down was started by the text that never left.
    s.send(sid, "sms-1", true).await.error(500, "internal");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let s = dev().await;
    let ok = s
        .post("/v1/start", json!({ "user_hint": "sam@contoso.example" }))
        .await;
    let err = s.get("/missing").await;
    for r in [&ok, &err] {
        assert_eq!(r.header("cache-control"), Some("no-store"));
        assert_eq!(
            r.header("content-security-policy"),
            Some(twostep_protocol::CONTENT_SECURITY_POLICY)
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
}
