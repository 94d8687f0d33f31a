//! The delivery hook: texts, calls and notifications as a JSON `POST` to a
//! URL the operator points at its provider (or a small relay in front of
//! it), signed with HMAC-SHA256 so the receiver knows the server sent it.
//!
//! The body is one [`HookMessage`]. The `X-Twostep-Signature` header is
//! `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`;
//! a receiver recomputes it, compares in constant time, and refuses a `t`
//! more than a few minutes from its own clock ([`check_signature`]). Any
//! 2xx answer means delivered; anything else, or no answer within the
//! timeout, is a failed delivery that the user is told about.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::clock::rfc3339;
use crate::clock::{Clock, unix_secs};
use crate::delivery::{Call, Delivery, DeliveryError, Push, Sending, Text};
use crate::random;

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = "X-Twostep-Signature";

/// The shortest secret accepted, in bytes.
pub const MIN_SECRET_LEN: usize = 32;

/// Where the hook goes and how it is signed.
#[derive(Clone)]
pub struct HookConfig {
    /// The URL every delivery is `POST`ed to (`https://`, or `http://` on a
    /// loopback host).
    pub url: String,
    /// The HMAC key, at least [`MIN_SECRET_LEN`] bytes.
    pub secret: Vec<u8>,
    /// How long the receiver may take to answer (default 10 s).
    pub timeout: Duration,
}

impl std::fmt::Debug for HookConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HookConfig")
            .field("url", &self.url)
            .field("secret", &"<redacted>")
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The JSON body of one delivery.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct HookMessage {
    /// A unique ID: a receiver that gets it twice delivers once.
    pub id: String,
    /// `text`, `call` or `push`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The public reference of the session it belongs to.
    pub session_ref: String,
    /// The method it goes by.
    pub method_id: String,
    /// The full phone number (texts and calls).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The user (notifications).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// The code to text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The number the user must pick in the app, or key in during the call,
    /// with number matching.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_to_match: Option<String>,
    /// When the server asked for it (RFC 3339).
    pub requested_at: String,
}

/// The delivery that `POST`s to the hook.
pub struct WebhookDelivery {
    config: HookConfig,
    agent: ureq::Agent,
    clock: Arc<dyn Clock>,
}

impl WebhookDelivery {
    /// A delivery to `config`'s URL, stamping messages with `clock`.
    pub fn new(config: HookConfig, clock: Arc<dyn Clock>) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        WebhookDelivery {
            config,
            agent,
            clock,
        }
    }

    fn message(&self, kind: &'static str, session_ref: &str, method_id: &str) -> HookMessage {
        HookMessage {
            id: random::uuid_v4(),
            kind,
            session_ref: session_ref.to_string(),
            method_id: method_id.to_string(),
            to: None,
            user: None,
            code: None,
            number_to_match: None,
            requested_at: rfc3339(self.clock.now()),
        }
    }

    /// Signs and posts `message` on the blocking pool; resolves with the
    /// receiver's verdict.
    fn post(&self, message: HookMessage) -> Sending<'_> {
        let body = serde_json::to_string(&message).expect("a hook message always serializes");
        let t = unix_secs(self.clock.now());
        let signature = signature_header(&self.config.secret, t, &body);
        let agent = self.agent.clone();
        let url = self.config.url.clone();
        let kind = message.kind;
        Box::pin(async move {
            let posted = tokio::task::spawn_blocking(move || {
                agent
                    .post(&url)
                    .header("Content-Type", "application/json")
                    .header(SIGNATURE_HEADER, &signature)
                    .send(body)
                    .map(|r| r.status().as_u16())
            })
            .await;
            match posted {
                Ok(Ok(status)) if (200..300).contains(&status) => {
                    tracing::info!(kind, status, "delivery hook accepted");
                    Ok(())
                }
                Ok(Ok(status)) => Err(DeliveryError(format!(
                    "the delivery hook answered {status}"
                ))),
                Ok(Err(e)) => Err(DeliveryError(format!("the delivery hook failed: {e}"))),
                Err(e) => Err(DeliveryError(format!("the delivery hook task failed: {e}"))),
            }
        })
    }
}

impl Delivery for WebhookDelivery {
    fn send_text<'a>(&'a self, text: &'a Text<'a>) -> Sending<'a> {
        let mut m = self.message("text", text.session_ref, text.method_id);
        m.to = Some(text.to.to_string());
        m.code = Some(text.code.to_string());
        self.post(m)
    }

    fn place_call<'a>(&'a self, call: &'a Call<'a>) -> Sending<'a> {
        let mut m = self.message("call", call.session_ref, call.method_id);
        m.to = Some(call.to.to_string());
        m.number_to_match = call.number_to_match.map(str::to_string);
        self.post(m)
    }

    fn push<'a>(&'a self, push: &'a Push<'a>) -> Sending<'a> {
        let mut m = self.message("push", push.session_ref, push.method_id);
        m.user = Some(push.user.to_string());
        m.number_to_match = push.number_to_match.map(str::to_string);
        self.post(m)
    }
}

fn mac(secret: &[u8], t: u64, body: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    mac
}

/// The `X-Twostep-Signature` value for `body` sent at `t` (Unix seconds).
pub fn signature_header(secret: &[u8], t: u64, body: &str) -> String {
    let digest = mac(secret, t, body).finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("t={t},v1={hex}")
}

/// What a receiver checks: the header's signature of `body` with `secret`,
/// compared in constant time, and its time within `tolerance` of `now`.
pub fn check_signature(
    secret: &[u8],
    header: &str,
    body: &str,
    now: SystemTime,
    tolerance: Duration,
) -> bool {
    let mut t = None;
    let mut v1 = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => t = value.parse::<u64>().ok(),
            Some(("v1", value)) => v1 = Some(value),
            _ => {}
        }
    }
    let (Some(t), Some(v1)) = (t, v1) else {
        return false;
    };
    if unix_secs(now).abs_diff(t) > tolerance.as_secs() {
        return false;
    }
    let expected = signature_header(secret, t, body);
    let given = format!("t={t},v1={v1}");
    expected.len() == given.len() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn a_signature_checks_only_with_its_secret_body_and_time() {
        let secret = [7u8; 32];
        let header = signature_header(&secret, 1000, r#"{"a":1}"#);
        assert!(header.starts_with("t=1000,v1=") && header.len() == "t=1000,v1=".len() + 64);
        // The check of `header` with `secret` and `body`, at `now` seconds.
        let checks = |secret: &[u8], header: &str, body: &str, now: u64| {
            let now = UNIX_EPOCH + Duration::from_secs(now);
            check_signature(secret, header, body, now, Duration::from_secs(300))
        };
        assert!(checks(&secret, &header, r#"{"a":1}"#, 1100));
        assert!(
            !checks(&secret, &header, r#"{"a":2}"#, 1100),
            "another body"
        );
        assert!(
            !checks(&[8u8; 32], &header, r#"{"a":1}"#, 1100),
            "another secret"
        );
        assert!(!checks(&secret, &header, r#"{"a":1}"#, 1301), "too late");
        let moved = header.replace("t=1000", "t=1001");
        assert!(!checks(&secret, &moved, r#"{"a":1}"#, 1001), "another time");
        assert!(!checks(&secret, "v1=00", r#"{"a":1}"#, 1000), "no time");
    }
}
