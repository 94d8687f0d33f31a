//! The signed assertion that ends a verification: the claims of
//! `twostep_protocol::AssertionClaims`, signed by the server's current key.

use std::time::SystemTime;

use twostep_protocol::{AssertionClaims, MethodKind, amr};

use crate::clock::unix_secs;
use crate::failure::Failure;
use crate::random;
use crate::session::Session;
use crate::state::AppState;

/// The claims for `session`, verified at `now` with a method of `kind`:
/// `iss` the server's issuer, `aud` the session's host, `sub` its user,
/// `sid` its reference, `amr` the RFC 8176 values of `kind`, `exp` the
/// assertion lifetime after `iat`, a random `jti`, and the days to remember
/// the device when the user asked.
pub fn claims(
    state: &AppState,
    session: &Session,
    kind: MethodKind,
    remember_device_days: Option<u32>,
    now: SystemTime,
) -> AssertionClaims {
    let iat = unix_secs(now);
    AssertionClaims {
        iss: state.issuer().to_string(),
        aud: session.audience.clone(),
        sub: session.user.clone(),
        sid: session.reference.clone(),
        amr: amr(kind).iter().map(|v| v.to_string()).collect(),
        auth_time: iat,
        iat,
        exp: iat + state.config().assertion_ttl.as_secs(),
        jti: random::unique_id(),
        remember_device_days,
    }
}

/// The claims of [`claims`] as a compact JWS signed with the current key.
pub fn issue(
    state: &AppState,
    session: &Session,
    kind: MethodKind,
    remember_device_days: Option<u32>,
    now: SystemTime,
) -> Result<String, Failure> {
    let claims = claims(state, session, kind, remember_device_days, now);
    state.signing_key().sign(&claims).map_err(|e| {
        tracing::error!(error = %e, "the assertion could not be signed");
        Failure::internal("The verification could not be completed. Try again.")
            .session(&session.reference)
    })
}
