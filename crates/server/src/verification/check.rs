//! `verify`: checks a texted or app code against the attempt limit.

use std::time::SystemTime;

use subtle::ConstantTimeEq;
use twostep_protocol::{ErrorCode, MethodKind, VerifyRequest, VerifyResponse};

use super::{
    ensure_live, finish, live_session, log_finished, method_of, remember_days, secs, user_of,
};
use crate::clock::{secs_until, unix_secs};
use crate::config::Config;
use crate::directory::Contact;
use crate::failure::Failure;
use crate::session::Session;
use crate::state::AppState;
use crate::store::Store;
use crate::totp::Authenticator;

/// Accepts the code and finishes the session with an assertion (remembering
/// the device when asked and offered), or counts a wrong attempt (locking the
/// session out at the limit).
pub fn verify(state: &AppState, req: VerifyRequest) -> Result<VerifyResponse, Failure> {
    let now = state.now();
    let session = live_session(state, &req.session_handle, now)?;
    let user = user_of(state, &session)?;
    let method = method_of(user, &req.method_id, &session.reference)?;
    let config = state.config();
    let store = state.store();
    let totp_key = format!("{}#{}", user.email.to_lowercase(), method.id);
    let remember = remember_days(config, req.remember_device);
    let outcome = store
        .modify(&session.key, |s| {
            ensure_live(s, now)?;
            check_lockout(s, config, now)?;
            let right = match (&method.contact, method.kind) {
                (Contact::Phone(_), MethodKind::Sms) => {
                    text_matches(s, &method.id, &req.code, now)?
                }
                (Contact::Authenticator(a), _) => totp_matches(store, &totp_key, a, &req.code, now),
                _ => {
                    return Err(Failure::new(
                        ErrorCode::MethodUnavailable,
                        "This option is approved on a device, not with a code.",
                    )
                    .session(&s.reference));
                }
            };
            if !right {
                return Err(wrong_attempt(s, config, now));
            }
            let assertion = finish(state, s, method.kind, remember, now)?;
            s.code = None;
            Ok(assertion)
        })
        .ok_or_else(Failure::unknown_session)?;
    match &outcome {
        Ok(_) => log_finished("code accepted", &session.reference, &method.id, remember),
        Err(f) => tracing::info!(method_id = %method.id, code = f.code.as_str(), "code refused"),
    }
    outcome.map(|assertion| VerifyResponse { assertion })
}

/// Refuses every attempt during a lockout; once it is over, allows the full
/// number of attempts again.
fn check_lockout(s: &mut Session, config: &Config, now: SystemTime) -> Result<(), Failure> {
    match s.locked_until {
        Some(until) if now < until => Err(Failure::new(
            ErrorCode::TooManyAttempts,
            "Too many wrong codes. Wait, then ask for a new code.",
        )
        .session(&s.reference)
        .retry_after(secs_until(now, until))
        .attempts_left(0)),
        Some(_) => {
            s.locked_until = None;
            s.attempts_left = config.max_attempts;
            Ok(())
        }
        None => Ok(()),
    }
}

/// Whether `code` is the session's newest texted code for this method
/// (constant-time comparison); `expired` once that code is too old.
fn text_matches(
    s: &Session,
    method_id: &str,
    code: &str,
    now: SystemTime,
) -> Result<bool, Failure> {
    match &s.code {
        Some(c) if c.method_id == method_id => {
            if now >= c.expires_at {
                return Err(Failure::new(
                    ErrorCode::Expired,
                    "This code has expired. Ask for a new one.",
                )
                .session(&s.reference));
            }
            Ok(bool::from(c.code.as_bytes().ct_eq(code.as_bytes())))
        }
        _ => Ok(false),
    }
}

/// Whether `code` is a current app code whose time-step was never used.
fn totp_matches(
    store: &dyn Store,
    key: &str,
    a: &Authenticator,
    code: &str,
    now: SystemTime,
) -> bool {
    a.matching_step(code, unix_secs(now))
        .is_some_and(|step| store.claim_totp_step(key, step))
}

/// Counts a wrong code: `invalid_code` with the attempts left, or at the limit
/// `too_many_attempts` and a lockout (the current code stops working).
fn wrong_attempt(s: &mut Session, config: &Config, now: SystemTime) -> Failure {
    s.attempts_left = s.attempts_left.saturating_sub(1);
    if s.attempts_left > 0 {
        return Failure::new(ErrorCode::InvalidCode, "That code is not right.")
            .session(&s.reference)
            .attempts_left(s.attempts_left);
    }
    s.locked_until = Some(now + config.lockout);
    s.code = None;
    Failure::new(
        ErrorCode::TooManyAttempts,
        "Too many wrong codes. Wait, then ask for a new code.",
    )
    .session(&s.reference)
    .retry_after(secs(config.lockout).max(1))
    .attempts_left(0)
}
