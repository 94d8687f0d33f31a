//! The signed assertion a backend hands out when a verification succeeds: a
//! compact JWS (a JWT) that the host's server checks against the backend's
//! published keys before it signs the user in.

use serde::{Deserialize, Serialize};

use crate::MethodKind;

/// Where a backend publishes its public keys, as a JWKS (`GET`).
pub const JWKS_PATH: &str = "/.well-known/jwks.json";

/// The JWS `typ` header of every assertion, so that no other JWT the host
/// accepts can pass for one (RFC 8725, section 3.11).
pub const ASSERTION_TYPE: &str = "twostep+jwt";

/// The longest an assertion may live (`exp - iat`), in seconds.
pub const MAX_ASSERTION_LIFETIME_SECS: u64 = 300;

/// The claims of an assertion. Times are seconds since the Unix epoch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssertionClaims {
    /// The backend that signed it.
    pub iss: String,
    /// The host it is for: the audience configured for the API key that
    /// started the session.
    pub aud: String,
    /// The user who verified, as the host named them when it started the
    /// session.
    pub sub: String,
    /// The public session reference ([`crate::CreatedSession::session_ref`]).
    pub sid: String,
    /// How the user verified, as RFC 8176 values (see [`amr`]).
    pub amr: Vec<String>,
    /// When the user verified.
    pub auth_time: u64,
    /// When the assertion was issued.
    pub iat: u64,
    /// When it stops being valid: at most [`MAX_ASSERTION_LIFETIME_SECS`]
    /// after `iat`.
    pub exp: u64,
    /// A unique ID: the host accepts each assertion once.
    pub jti: String,
    /// Present when the user ticked "don't ask again on this device": the
    /// days the host may skip the second step on this device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remember_device_days: Option<u32>,
}

/// The RFC 8176 authentication method references for a method kind: `sms`
/// for a texted code, `tel` for a call, `swk` (a key in the app) and `user`
/// (the user approved) for an app notification, `otp` for an app code or an
/// emailed code, and `mfa` alone for a kind RFC 8176 has no value for.
pub fn amr(kind: MethodKind) -> &'static [&'static str] {
    match kind {
        MethodKind::Sms => &["sms"],
        MethodKind::Voice => &["tel"],
        MethodKind::Push => &["swk", "user"],
        MethodKind::Totp | MethodKind::Email => &["otp"],
        MethodKind::Other => &["mfa"],
    }
}
