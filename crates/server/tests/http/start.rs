//! `start`: resuming a session by its handle, starting from a hint with
//! `--dev` only, masked targets, unknown users and handles.

use serde_json::json;
use twostep_protocol::{Challenge, MethodKind};
use twostep_server::Config;

use crate::common::{dev, server};

/// Whether `r` looks like `TS-XXXX-XXXX-XXXX` in Crockford base32.
pub fn is_reference(r: &str) -> bool {
    let alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    r.strip_prefix("TS-").is_some_and(|rest| {
        let groups: Vec<&str> = rest.split('-').collect();
        groups.len() == 3
            && groups
                .iter()
                .all(|g| g.len() == 4 && g.chars().all(|c| alphabet.contains(c)))
    })
}

/// Whether `h` looks like a session handle: `sh_` and 43 base64url characters.
pub fn is_handle(h: &str) -> bool {
    h.strip_prefix("sh_").is_some_and(|rest| {
        rest.len() == 43
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

#[tokio::test]
async fn start_lists_the_users_methods_masked() {
    let s = dev().await;
    let c = s.start("  Alex@Contoso.EXAMPLE ").await;
    assert_eq!(c.user, "alex@contoso.example");
    assert_eq!(c.default_method, "sms-1");
    assert_eq!(c.expires_in_secs, 600);
    assert!(is_handle(&c.session_handle), "{}", c.session_handle);
    assert!(is_reference(&c.session_ref), "{}", c.session_ref);
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
    assert_ne!(sam.session_ref, c.session_ref);

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
            json!({ "user_hint": "ALEX@contoso.example", "session_handle": c.session_handle }),
        )
        .await
        .ok();
    assert_eq!(
        (&again.session_handle, &again.session_ref),
        (&c.session_handle, &c.session_ref)
    );
    assert_eq!(again.expires_in_secs, 500);

    // The handle alone is enough to resume.
    let alone: Challenge = s
        .post("/v1/start", json!({ "session_handle": c.session_handle }))
        .await
        .ok();
    assert_eq!(alone.session_ref, c.session_ref);

    // In dev, another user's hint starts that user's own session.
    let other: Challenge = s
        .post(
            "/v1/start",
            json!({ "user_hint": "kim@contoso.example", "session_handle": c.session_handle }),
        )
        .await
        .ok();
    assert_ne!(other.session_ref, c.session_ref);
    assert_eq!(other.user, "kim@contoso.example");

    // In dev, an unknown or ended session with a hint starts afresh.
    let fresh: Challenge = s
        .post(
            "/v1/start",
            json!({ "user_hint": "alex@contoso.example", "session_handle": "sh_nope" }),
        )
        .await
        .ok();
    assert_ne!(fresh.session_ref, c.session_ref);
    s.advance(500);
    let after: Challenge = s
        .post(
            "/v1/start",
            json!({ "user_hint": "alex@contoso.example", "session_handle": c.session_handle }),
        )
        .await
        .ok();
    assert_ne!(after.session_handle, c.session_handle);
    assert_eq!(after.expires_in_secs, 600);
}

#[tokio::test]
async fn a_session_started_for_the_dev_stand_in_host_resumes_by_its_handle() {
    let s = dev().await;
    let r = s
        .post("/dev/sessions", json!({ "user": "Kim@contoso.example" }))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let created: twostep_protocol::CreatedSession = serde_json::from_str(&r.body).unwrap();
    assert!(is_handle(&created.session_handle));
    assert!(is_reference(&created.session_ref));
    assert_eq!(created.expires_in_secs, 600);
    s.advance(10);
    let c: Challenge = s
        .post(
            "/v1/start",
            json!({ "session_handle": created.session_handle }),
        )
        .await
        .ok();
    assert_eq!(c.session_ref, created.session_ref);
    assert_eq!(c.user, "kim@contoso.example");
    assert_eq!(c.expires_in_secs, 590);
    s.post("/dev/sessions", json!({ "user": "nobody@contoso.example" }))
        .await
        .error(400, "bad_request");
    s.post("/dev/sessions", json!({}))
        .await
        .error(400, "bad_request");
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
    assert_eq!(e.session_ref, None);
    s.post("/v1/start", json!({}))
        .await
        .error(400, "bad_request");
    s.post("/v1/start", json!({ "user_hint": "  " }))
        .await
        .error(400, "bad_request");
}

#[tokio::test]
async fn a_handle_that_is_unknown_or_over_is_refused_without_echoing_it() {
    let s = dev().await;
    let unknown = "sh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let r = s
        .post("/v1/start", json!({ "session_handle": unknown }))
        .await;
    let e = r.error(400, "bad_request");
    assert_eq!(e.session_ref, None);
    assert!(!r.body.contains(unknown), "{}", r.body);

    // An ended session with no hint is over: 410 with its reference only.
    let c = s.start("sam@contoso.example").await;
    s.advance(600);
    let r = s
        .post("/v1/start", json!({ "session_handle": c.session_handle }))
        .await;
    let e = r.error(410, "session_expired");
    assert_eq!(e.session_ref.as_deref(), Some(c.session_ref.as_str()));
    assert!(!r.body.contains(&c.session_handle), "{}", r.body);
}

#[tokio::test]
async fn outside_dev_a_browser_cannot_start_a_verification() {
    let s = server(Config::default()).await;
    for body in [
        json!({ "user_hint": "alex@contoso.example" }),
        json!({}),
        json!({ "user_hint": "alex@contoso.example", "session_handle": "sh_nope" }),
    ] {
        let e = s.post("/v1/start", body).await.error(400, "bad_request");
        assert_eq!(e.session_ref, None);
    }
    let e = s
        .post("/v1/start", json!({ "user_hint": "alex@contoso.example" }))
        .await
        .error(400, "bad_request");
    assert!(e.message.contains("host's server"), "{}", e.message);
    s.post("/dev/sessions", json!({ "user": "alex@contoso.example" }))
        .await
        .error(404, "bad_request");
}
