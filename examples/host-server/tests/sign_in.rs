//! The host example against a real twostep reference server in production
//! mode (API keys, a signing key, an issuer; no dev endpoints), both on
//! loopback: a whole sign-in, and each assertion the host must refuse.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use tokio::net::TcpListener;
use twostep_host_server::{HostConfig, Users};
use twostep_protocol::AssertionClaims;
use twostep_server::hosts::{Host, Hosts};
use twostep_server::signing::SigningKey;
use twostep_server::totp::Authenticator;
use twostep_server::{Config, Directory};

const ISSUER: &str = "https://mfa.contoso.example";
const AUDIENCE: &str = "https://shop.contoso.example";
const PASSWORD: &str = "correct-horse-battery";
/// The app-code secrets of this test's directory.
const ALEX_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const KIM_SECRET: &str = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";

/// A running pair: the twostep backend and the host in front of it.
struct Stack {
    host: String,
    twostep: String,
    api_key: String,
    signing_key: SigningKey,
}

fn directory() -> Directory {
    Directory::from_json(
        &json!({"users": [
            {"email": "alex@contoso.example", "default_method": "totp",
             "methods": [{"id": "totp", "kind": "totp", "secret": ALEX_SECRET}]},
            {"email": "kim@contoso.example", "default_method": "totp",
             "methods": [{"id": "totp", "kind": "totp", "secret": KIM_SECRET}]}
        ]})
        .to_string(),
    )
    .unwrap()
}

async fn stack() -> Stack {
    let (api_key, host) = Host::new_with_key("shop", AUDIENCE);
    let signing_key = SigningKey::generate();
    let config = Config {
        directory: directory(),
        hosts: Hosts::from_json(&json!({ "hosts": [host] }).to_string()).unwrap(),
        issuer: Some(ISSUER.into()),
        signing_key: Some(signing_key.clone()),
        ..Config::default()
    };
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let twostep = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(twostep_server::serve(listener, config));

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let host = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(twostep_host_server::serve(
        listener,
        HostConfig {
            twostep_url: twostep.clone(),
            api_key: api_key.clone(),
            issuer: ISSUER.into(),
            audience: AUDIENCE.into(),
            users: Users::demo(),
            bundle_dir: std::env::temp_dir(),
            secure_cookies: false,
        },
    ));
    Stack {
        host,
        twostep,
        api_key,
        signing_key,
    }
}

/// The current app code for `secret`, at `offset` time steps from now (so
/// that two sign-ins in one test never reuse a step, which is refused).
fn app_code(secret: &str, offset: i64) -> String {
    let app = Authenticator::from_base32(secret).unwrap();
    app.code_at(now().saturating_add_signed(offset * 30))
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

async fn post(client: &reqwest::Client, url: String, body: Value) -> (u16, Value) {
    let answer = client.post(url).json(&body).send().await.unwrap();
    let status = answer.status().as_u16();
    (status, answer.json().await.unwrap_or(Value::Null))
}

/// Passes the host's password step and gets the twostep session handle the
/// page's widget would get.
async fn pending_sign_in(s: &Stack, client: &reqwest::Client, email: &str) -> String {
    let (status, _) = post(
        client,
        format!("{}/login/password", s.host),
        json!({"email": email, "password": PASSWORD}),
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = post(
        client,
        format!("{}/login/mfa-session", s.host),
        json!({"fresh": false}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["session"].as_str().unwrap().to_string()
}

/// Verifies `handle` with an app code, through the host's forwarding, as the
/// widget does; returns the assertion and the session reference.
async fn verify(s: &Stack, client: &reqwest::Client, handle: &str, code: &str) -> (String, String) {
    let (status, challenge) = post(
        client,
        format!("{}/mfa/v1/start", s.host),
        json!({"session_handle": handle}),
    )
    .await;
    assert_eq!(status, 200, "{challenge}");
    let session = json!({"session_handle": handle, "method_id": "totp"});
    let (status, _) = post(client, format!("{}/mfa/v1/send", s.host), session.clone()).await;
    assert_eq!(status, 200);
    let mut request = session;
    request["code"] = code.into();
    let (status, body) = post(client, format!("{}/mfa/v1/verify", s.host), request).await;
    assert_eq!(status, 200, "{body}");
    (
        body["assertion"].as_str().unwrap().to_string(),
        challenge["session_ref"].as_str().unwrap().to_string(),
    )
}

async fn finish(s: &Stack, client: &reqwest::Client, assertion: &str) -> (u16, Value) {
    post(
        client,
        format!("{}/login/assertion", s.host),
        json!({ "assertion": assertion }),
    )
    .await
}

fn claims(sub: &str, sid: &str, iat: u64) -> AssertionClaims {
    AssertionClaims {
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        sub: sub.into(),
        sid: sid.into(),
        amr: vec!["otp".into()],
        auth_time: iat,
        iat,
        exp: iat + 120,
        jti: format!("test-{iat}-{sub}"),
        remember_device_days: None,
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn a_whole_sign_in_then_every_refusal() {
    let s = stack().await;

    // A wrong password gets nowhere, and gives no session.
    let intruder = browser();
    let (status, _) = post(
        &intruder,
        format!("{}/login/password", s.host),
        json!({"email": "alex@contoso.example", "password": "guess"}),
    )
    .await;
    assert_eq!(status, 401);
    let (status, _) = post(
        &intruder,
        format!("{}/login/mfa-session", s.host),
        json!({}),
    )
    .await;
    assert_eq!(status, 401);

    // The whole sign-in.
    let alex = browser();
    let handle = pending_sign_in(&s, &alex, "alex@contoso.example").await;
    assert!(handle.starts_with("sh_"));
    let (assertion, session_ref) = verify(&s, &alex, &handle, &app_code(ALEX_SECRET, 0)).await;
    let (status, body) = finish(&s, &alex, &assertion).await;
    assert_eq!(status, 200, "{body}");
    let page = alex
        .get(format!("{}/account", s.host))
        .send()
        .await
        .unwrap();
    assert_eq!(page.url().path(), "/account", "signed in: no redirect");
    let page = page.text().await.unwrap();
    assert!(
        page.contains(r#"id="signed-in" data-user="alex@contoso.example""#),
        "{page}"
    );

    // Replayed, by a new sign-in of the same user.
    let again = browser();
    pending_sign_in(&s, &again, "alex@contoso.example").await;
    assert_eq!(finish(&s, &again, &assertion).await.1["error"], "replayed");

    // Another user's genuine assertion.
    let kim = browser();
    let kim_handle = pending_sign_in(&s, &kim, "kim@contoso.example").await;
    let (kims, _) = verify(&s, &kim, &kim_handle, &app_code(KIM_SECRET, 0)).await;
    assert_eq!(finish(&s, &again, &kims).await.1["error"], "wrong_user");

    // Signed by another key under the real key's ID: the forger has no key the
    // backend publishes.
    let forger = SigningKey::generate();
    let forged = forger
        .sign(&claims("alex@contoso.example", &session_ref, now()))
        .unwrap();
    let (status, body) = finish(&s, &again, &forged).await;
    assert_eq!(status, 401);
    assert!(
        matches!(
            body["error"].as_str(),
            Some("unknown_key" | "bad_signature")
        ),
        "{body}"
    );

    // Well signed, but expired.
    let expired = s
        .signing_key
        .sign(&claims("alex@contoso.example", &session_ref, now() - 600))
        .unwrap();
    assert_eq!(finish(&s, &again, &expired).await.1["error"], "expired");

    // Well signed, for another host.
    let mut elsewhere = claims("alex@contoso.example", &session_ref, now());
    elsewhere.aud = "https://blog.contoso.example".into();
    let elsewhere = s.signing_key.sign(&elsewhere).unwrap();
    assert_eq!(
        finish(&s, &again, &elsewhere).await.1["error"],
        "wrong_audience"
    );

    // Nothing that was refused signed anyone in.
    let page = again
        .get(format!("{}/account", s.host))
        .send()
        .await
        .unwrap();
    assert_ne!(page.url().path(), "/account");
}

#[tokio::test]
async fn the_backend_only_starts_sessions_for_the_hosts_key() {
    let s = stack().await;
    let client = reqwest::Client::new();
    let (status, _) = post(
        &client,
        format!("{}/v1/start", s.twostep),
        json!({"user_hint": "alex@contoso.example"}),
    )
    .await;
    assert_eq!(
        status, 400,
        "a browser cannot start a session in production"
    );
    let refused = client
        .post(format!("{}/v1/sessions", s.twostep))
        .bearer_auth("tsk_not-the-key")
        .json(&json!({"user": "alex@contoso.example"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 401);
    let created = client
        .post(format!("{}/v1/sessions", s.twostep))
        .bearer_auth(&s.api_key)
        .json(&json!({"user": "alex@contoso.example"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
}
