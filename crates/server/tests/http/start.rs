//! `start`: new sessions, resuming, masked targets, unknown users.

use serde_json::json;
use twostep_protocol::{Challenge, MethodKind};

use crate::common::dev;

#[tokio::test]
async fn start_lists_the_users_methods_masked() {
    let s = dev().await;
    let c = s.start("  Alex@Contoso.EXAMPLE ").await;
    assert_eq!(c.user, "alex@contoso.example");
    assert_eq!(c.default_method, "sms-1");
    assert_eq!(c.expires_in_secs, 600);
    assert!(c.session_id.len() >= 32);
    let methods: Vec<(&str, MethodKind, Option<&str>)> = c
        .methods
        .iter()
        .map(|m| (m.id.as_str(), m.kind, m.target.as_deref()))
        .collect();
    assert_eq!(
        methods,
        [
            ("sms-1", MethodKind::Sms, Some("••••••12")),
            ("voice-1", MethodKind::Voice, Some("••••••12")),
            ("sms-2", MethodKind::Sms, Some("••••••78")),
            ("push", MethodKind::Push, None),
            ("totp", MethodKind::Totp, None),
        ]
    );

    let sam = s.start("sam@contoso.example").await;
    assert_eq!(sam.methods.len(), 1);
    assert_eq!(sam.default_method, "sms-1");

    let kim = s.start("kim@contoso.example").await;
    assert_eq!(kim.default_method, "push");
    let kinds: Vec<MethodKind> = kim.methods.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MethodKind::Push, MethodKind::Totp]);
}

#[tokio::test]
async fn start_resumes_a_live_session_with_the_time_left() {
    let s = dev().await;
    let c = s.start("alex@contoso.example").await;
    s.advance(100);

    let again: Challenge = s
        .post(
            "/v1/start",
            json!({ "user_hint": "ALEX@contoso.example", "session_id": c.session_id }),
        )
        .await
        .ok();
    assert_eq!(again.session_id, c.session_id);
    assert_eq!(again.expires_in_secs, 500);

    // The session alone is enough to resume.
    let alone: Challenge = s
        .post("/v1/start", json!({ "session_id": c.session_id }))
        .await
        .ok();
    assert_eq!(alone.session_id, c.session_id);

    // Another user's hint starts that user's own session.
    let other: Challenge = s
        .post(
            "/v1/start",
            json!({ "user_hint": "kim@contoso.example", "session_id": c.session_id }),
        )
        .await
        .ok();
    assert_ne!(other.session_id, c.session_id);
    assert_eq!(other.user, "kim@contoso.example");

    // An unknown or ended session starts afresh.
    let fresh: Challenge = s
        .post(
            "/v1/start",
            json!({ "user_hint": "alex@contoso.example", "session_id": "sess-nope" }),
        )
        .await
        .ok();
    assert_ne!(fresh.session_id, c.session_id);
    s.advance(500);
    let after: Challenge = s
        .post(
            "/v1/start",
            json!({ "user_hint": "alex@contoso.example", "session_id": c.session_id }),
        )
        .await
        .ok();
    assert_ne!(after.session_id, c.session_id);
    assert_eq!(after.expires_in_secs, 600);
}

#[tokio::test]
async fn unknown_or_missing_users_are_bad_requests() {
    let s = dev().await;
    let r = s
        .post(
            "/v1/start",
            json!({ "user_hint": "nobody@contoso.example" }),
        )
        .await;
    let e = r.error(400, "bad_request");
    assert_eq!(e.session_id, None);
    s.post("/v1/start", json!({}))
        .await
        .error(400, "bad_request");
    s.post("/v1/start", json!({ "user_hint": "  " }))
        .await
        .error(400, "bad_request");
    // An expired session with no hint cannot name the user.
    let c = s.start("sam@contoso.example").await;
    s.advance(600);
    s.post("/v1/start", json!({ "session_id": c.session_id }))
        .await
        .error(400, "bad_request");
}
