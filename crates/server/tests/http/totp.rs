//! Authenticator-app codes over HTTP: nothing is sent, the current code
//! verifies, a used time-step is refused, one step of skew is allowed.

use serde_json::Value;
use twostep_protocol::{Delivery, SendResponse, VerifyResponse};

use crate::common::dev;

const ALEX: &str = "alex@contoso.example";

async fn current_code(s: &crate::common::Server, user: &str) -> String {
    let v: Value = s.get(&format!("/dev/totp?user={user}")).await.ok();
    v["code"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn sending_an_app_code_delivers_nothing() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    let sent: SendResponse = s.send(&c.session_handle, "totp", false).await.ok();
    assert_eq!(
        sent.delivery,
        Delivery::Code {
            target: None,
            code_length: 6,
            resend_after_secs: None,
            suggest_other_after_secs: None,
        }
    );
    assert!(s.outbox(&c.session_ref).await.is_empty());
}

#[tokio::test]
async fn the_current_app_code_verifies_once() {
    let s = dev().await;
    let code = current_code(&s, ALEX).await;
    assert_eq!(code.len(), 6);

    let c = s.start(ALEX).await;
    s.verify(&c.session_handle, "totp", &code)
        .await
        .ok::<VerifyResponse>();

    // Replay: the same time-step in a new session is refused.
    let c2 = s.start(ALEX).await;
    let e = s
        .verify(&c2.session_handle, "totp", &code)
        .await
        .error(422, "invalid_code");
    assert_eq!(e.attempts_left, Some(4));

    // The next step's code works.
    s.advance(30);
    let next = current_code(&s, ALEX).await;
    s.verify(&c2.session_handle, "totp", &next)
        .await
        .ok::<VerifyResponse>();
}

#[tokio::test]
async fn one_step_of_skew_is_allowed_and_no_more() {
    let s = dev().await;
    let code = current_code(&s, "kim@contoso.example").await;
    s.advance(30);
    let c = s.start("kim@contoso.example").await;
    s.verify(&c.session_handle, "totp", &code)
        .await
        .ok::<VerifyResponse>();

    let old = current_code(&s, ALEX).await;
    s.advance(60);
    let c = s.start(ALEX).await;
    let e = s
        .verify(&c.session_handle, "totp", &old)
        .await
        .error(422, "invalid_code");
    assert_eq!(e.attempts_left, Some(4));
}

#[tokio::test]
async fn dev_totp_gives_the_code_and_the_otpauth_uri() {
    let s = dev().await;
    let v: Value = s.get("/dev/totp?user=ALEX@contoso.example").await.ok();
    let uri = v["otpauth"].as_str().unwrap();
    assert!(
        uri.starts_with("otpauth://totp/twostep:alex@contoso.example?secret="),
        "{uri}"
    );
    assert!(uri.ends_with("&issuer=twostep"), "{uri}");
    s.get("/dev/totp?user=sam@contoso.example")
        .await
        .error(400, "bad_request");
    s.get("/dev/totp?user=nobody@contoso.example")
        .await
        .error(400, "bad_request");
    s.get("/dev/totp").await.error(400, "bad_request");
}
