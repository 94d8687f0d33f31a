//! `POST /v1/sessions`: the host's server starts a verification with its API
//! key; every other caller gets 401 `unauthorized`.

use serde_json::json;
use twostep_protocol::{Challenge, CreatedSession, VerifyResponse};
use twostep_server::Config;
use twostep_server::hosts::Host;

use crate::common::{AUDIENCE, Reply, dev_config, hosts_of, production, production_with, server};
use crate::start::{is_handle, is_reference};

const ALEX: &str = "alex@contoso.example";

/// A 401 with the `unauthorized` envelope and the Bearer challenge.
#[track_caller]
fn refused(r: &Reply) {
    let e = r.error(401, "unauthorized");
    assert_eq!(e.session_ref, None);
    assert_eq!(
        r.header("www-authenticate"),
        Some(r#"Bearer realm="twostep""#)
    );
}

#[tokio::test]
async fn a_host_with_its_key_starts_a_session_the_browser_resumes() {
    let (s, key) = production().await;
    let r = s
        .create_with(
            Some(&format!("Bearer {key}")),
            json!({ "user": "ALEX@contoso.example" }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let created: CreatedSession = serde_json::from_str(&r.body).unwrap();
    assert!(is_handle(&created.session_handle));
    assert!(is_reference(&created.session_ref));
    assert_eq!(created.expires_in_secs, 600);

    // The page hands the handle to the widget, which resumes the session.
    let c: Challenge = s
        .post(
            "/v1/start",
            json!({ "session_handle": created.session_handle }),
        )
        .await
        .ok();
    assert_eq!(c.session_ref, created.session_ref);
    assert_eq!(c.user, ALEX);
    // A lower-case scheme is a Bearer too (RFC 7235: case-insensitive).
    let r = s
        .create_with(Some(&format!("bearer {key}")), json!({ "user": ALEX }))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
}

#[tokio::test]
async fn a_missing_or_wrong_key_is_401_before_anything_else() {
    let (s, key) = production().await;
    let body = json!({ "user": ALEX });
    refused(&s.create_with(None, body.clone()).await);
    refused(&s.create_with(Some("Bearer"), body.clone()).await);
    refused(&s.create_with(Some("Bearer tsk_wrong"), body.clone()).await);
    refused(
        &s.create_with(Some(&format!("Basic {key}")), body.clone())
            .await,
    );
    refused(&s.create_with(Some(&key), body.clone()).await);
    // The key's digest is not the key.
    let digest = twostep_server::digest::sha256_hex(&key);
    refused(
        &s.create_with(Some(&format!("Bearer {digest}")), body.clone())
            .await,
    );
    // A key in the body counts for nothing.
    refused(
        &s.create_with(None, json!({ "user": ALEX, "api_key": key }))
            .await,
    );
    // Without a key, neither an unknown user nor a bad body is told apart.
    refused(
        &s.create_with(None, json!({ "user": "nobody@contoso.example" }))
            .await,
    );
    refused(
        &s.create_with(Some("Bearer tsk_wrong"), json!({ "nope": 1 }))
            .await,
    );
    // The refusals name no key.
    let r = s.create_with(Some(&format!("Basic {key}")), body).await;
    assert!(!r.body.contains(&key), "{}", r.body);
}

#[tokio::test]
async fn with_its_key_a_host_gets_bad_request_for_unknown_users_and_bad_bodies() {
    let (s, key) = production().await;
    let auth = format!("Bearer {key}");
    s.create_with(Some(&auth), json!({ "user": "nobody@contoso.example" }))
        .await
        .error(400, "bad_request");
    s.create_with(Some(&auth), json!({ "username": ALEX }))
        .await
        .error(400, "bad_request");
}

#[tokio::test]
async fn each_host_gets_assertions_for_its_own_audience() {
    let (shop_key, shop) = Host::new_with_key("shop", "https://shop.test");
    let (blog_key, blog) = Host::new_with_key("blog", "https://blog.test");
    let s = server(Config {
        hosts: hosts_of(&[shop, blog]),
        ..Config::default()
    })
    .await;
    let hosts = [
        (&shop_key, "https://shop.test"),
        (&blog_key, "https://blog.test"),
    ];
    for (later, (key, audience)) in (0..).step_by(30).zip(hosts) {
        let c = s.start_as_host(key, "kim@contoso.example").await;
        let code =
            twostep_server::totp::Authenticator::from_base32("PMA5WWPQCM3FAPJAWALYFIJR7LDKGZLC")
                .unwrap()
                .code_at(crate::common::T0 + later);
        let ok: VerifyResponse = s.verify(&c.session_handle, "totp", &code).await.ok();
        assert_eq!(s.verified(&ok.assertion, audience).await.aud, audience);
        s.advance(30);
    }
}

#[tokio::test]
async fn without_hosts_every_key_is_refused_and_dev_keeps_the_call() {
    let s = server(Config::default()).await;
    refused(
        &s.create_with(Some("Bearer tsk_anything"), json!({ "user": ALEX }))
            .await,
    );
    // With --dev the server-to-server call works the same.
    let (key, host) = Host::new_with_key("shop", AUDIENCE);
    let d = server(Config {
        hosts: hosts_of(&[host]),
        ..dev_config()
    })
    .await;
    let c = d.start_as_host(&key, ALEX).await;
    assert_eq!(c.user, ALEX);
    refused(&d.create_with(None, json!({ "user": ALEX })).await);
}

#[tokio::test]
async fn the_session_keeps_the_hosts_audience_across_a_resume() {
    let (s, key) = production_with(Config {
        remember_device_days: 0,
        ..Config::default()
    })
    .await;
    let c = s.start_as_host(&key, ALEX).await;
    assert_eq!(c.remember_device_days, None);
    // Resuming with a hint changes nothing outside dev.
    let again: Challenge = s
        .post(
            "/v1/start",
            json!({ "session_handle": c.session_handle, "user_hint": "kim@contoso.example" }),
        )
        .await
        .ok();
    assert_eq!((again.session_ref, again.user), (c.session_ref, c.user));
}
