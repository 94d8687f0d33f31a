//! The signed assertion: a compact JWS that verifies against the JWKS, with
//! the documented claims, the configured lifetime and issuer, and key
//! rotation.

use std::time::Duration;

use jsonwebtoken::jwk::JwkSet;
use serde_json::Value;
use twostep_protocol::{JWKS_PATH, MAX_ASSERTION_LIFETIME_SECS, VerifyResponse};
use twostep_server::signing::SigningKey;
use twostep_server::totp::Authenticator;
use twostep_server::{Config, DEV_AUDIENCE};

use crate::common::{AUDIENCE, ISSUER, Server, T0, check_with, dev, production, production_with};

const ALEX: &str = "alex@contoso.example";
/// Alex's app secret in the demo directory.
const ALEX_TOTP: &str = "NQO7FR22BGFRYXBJZVSFWQWMBJSF5SOX";

/// Alex's app code at the test clock's time `T0 + later`.
fn app_code(later: u64) -> String {
    Authenticator::from_base32(ALEX_TOTP)
        .unwrap()
        .code_at(T0 + later)
}

/// A session for Alex started by the host, verified with the app code;
/// the assertion and the session reference.
async fn verified_as_host(s: &Server, key: &str, later: u64) -> (String, String) {
    let c = s.start_as_host(key, ALEX).await;
    let ok: VerifyResponse = s
        .verify(&c.session_handle, "totp", &app_code(later))
        .await
        .ok();
    (ok.assertion, c.session_ref)
}

#[tokio::test]
async fn the_assertion_verifies_against_the_jwks_with_the_documented_claims() {
    let (s, key) = production().await;
    let (assertion, sref) = verified_as_host(&s, &key, 0).await;
    assert_eq!(assertion.split('.').count(), 3, "a compact JWS");
    let claims = s.verified(&assertion, AUDIENCE).await;
    assert_eq!(claims.iss, ISSUER);
    assert_eq!(claims.aud, AUDIENCE);
    assert_eq!(claims.sub, ALEX);
    assert_eq!(claims.sid, sref);
    assert_eq!(claims.amr, ["otp"]);
    assert_eq!((claims.iat, claims.auth_time), (T0, T0));
    assert_eq!(claims.exp, T0 + 120);
    assert!(claims.jti.len() >= 16, "{}", claims.jti);
    assert_eq!(claims.remember_device_days, None);
    // Exactly the documented claims, nothing else.
    let payload = assertion.split('.').nth(1).unwrap();
    use base64::Engine;
    let raw: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    let mut names: Vec<&str> = raw
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "amr",
            "aud",
            "auth_time",
            "exp",
            "iat",
            "iss",
            "jti",
            "sid",
            "sub"
        ]
    );

    // Another verification: another jti.
    s.advance(30);
    let (second, _) = verified_as_host(&s, &key, 30).await;
    assert_ne!(s.verified(&second, AUDIENCE).await.jti, claims.jti);
}

#[tokio::test]
async fn a_dev_session_names_the_dev_audience_and_the_bound_address() {
    let s = dev().await;
    let c = s.start(ALEX).await;
    let ok: VerifyResponse = s.verify(&c.session_handle, "totp", &app_code(0)).await.ok();
    let claims = s.verified(&ok.assertion, DEV_AUDIENCE).await;
    assert_eq!(claims.aud, "twostep-dev");
    assert_eq!(claims.iss, s.base);
    // Any other audience is refused by a checking host.
    let jwks: JwkSet = s.get(JWKS_PATH).await.ok();
    let e = check_with(&jwks, &ok.assertion, AUDIENCE).unwrap_err();
    assert!(e.contains("Audience"), "{e}");
}

#[tokio::test]
async fn the_lifetime_follows_the_setting() {
    let (s, key) = production_with(Config {
        assertion_ttl: Duration::from_secs(MAX_ASSERTION_LIFETIME_SECS),
        ..Config::default()
    })
    .await;
    let (assertion, _) = verified_as_host(&s, &key, 0).await;
    let claims = s.verified(&assertion, AUDIENCE).await;
    assert_eq!(claims.exp - claims.iat, 300);
}

#[tokio::test]
async fn the_jwks_publishes_the_current_key_then_the_previous_one() {
    let old = SigningKey::generate();
    let new = SigningKey::generate();
    // Before the rotation: the old key signs.
    let (before, key) = production_with(Config {
        signing_key: Some(old.clone()),
        ..Config::default()
    })
    .await;
    let (old_assertion, _) = verified_as_host(&before, &key, 0).await;
    let jwks: Value = before.get(JWKS_PATH).await.ok();
    assert_eq!(jwks["keys"].as_array().unwrap().len(), 1);
    assert_eq!(jwks["keys"][0]["kid"], old.kid());

    // After it: the new key signs, the old one is still published.
    let (after, key) = production_with(Config {
        signing_key: Some(new.clone()),
        previous_key: Some(old.public().clone()),
        ..Config::default()
    })
    .await;
    let r = after.get(JWKS_PATH).await;
    assert_eq!(r.header("content-type"), Some("application/json"));
    let jwks: Value = r.ok();
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0]["kid"], new.kid());
    assert_eq!(keys[1]["kid"], old.kid());
    for k in keys {
        assert_eq!(
            (&k["kty"], &k["crv"], &k["alg"], &k["use"]),
            (
                &"OKP".into(),
                &"Ed25519".into(),
                &"EdDSA".into(),
                &"sig".into()
            )
        );
        assert!(k.get("d").is_none(), "no private key in the JWKS: {k}");
    }
    // An assertion signed before the rotation verifies through the new JWKS.
    let claims = after.verified(&old_assertion, AUDIENCE).await;
    assert_eq!(claims.sub, ALEX);
    // New assertions carry the new kid.
    after.advance(30);
    let (new_assertion, _) = verified_as_host(&after, &key, 30).await;
    let header = jsonwebtoken::decode_header(&new_assertion).unwrap();
    assert_eq!(header.kid.as_deref(), Some(new.kid()));
    after.verified(&new_assertion, AUDIENCE).await;
    // Once the old key is dropped, its assertions no longer verify.
    let (dropped, _) = production_with(Config {
        signing_key: Some(new),
        ..Config::default()
    })
    .await;
    let jwks: JwkSet = dropped.get(JWKS_PATH).await.ok();
    assert!(jwks.find(old.kid()).is_none());
}

#[tokio::test]
async fn a_forged_or_foreign_assertion_does_not_verify() {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let (s, key) = production().await;
    let (assertion, _) = verified_as_host(&s, &key, 0).await;
    let jwks: JwkSet = s.get(JWKS_PATH).await.ok();
    assert!(check_with(&jwks, &assertion, AUDIENCE).is_ok());
    // Another user put in the claims, the signature kept.
    let parts: Vec<&str> = assertion.split('.').collect();
    let mut claims: Value = serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
    claims["sub"] = "kim@contoso.example".into();
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        b64.encode(claims.to_string()),
        parts[2]
    );
    let e = check_with(&jwks, &forged, AUDIENCE).unwrap_err();
    assert!(e.contains("Signature"), "{e}");
    // An assertion of another server (another key) is not one of these.
    let (other, other_key) = production().await;
    let (foreign, _) = verified_as_host(&other, &other_key, 0).await;
    let e = check_with(&jwks, &foreign, AUDIENCE).unwrap_err();
    assert!(e.contains("no key"), "{e}");
}
