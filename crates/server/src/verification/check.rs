//! `verify`: checks a texted or app code against the user's attempt limit,
//! which counts across all of their sessions.

use std::time::{Duration, SystemTime};

use subtle::ConstantTimeEq;
use twostep_protocol::{ErrorCode, MethodKind, VerifyRequest, VerifyResponse};

use super::{
    attempt_digest, ensure_live, find_session, finish, limit_user, log_finished, method_of,
    remember_days, user_of, wait_secs, within_retry,
};
use crate::clock::unix_secs;
use crate::directory::Contact;
use crate::failure::Failure;
use crate::limits::user::Counted;
use crate::session::{Finish, Refusal, Session};
use crate::state::AppState;
use crate::store::Store;
use crate::totp::Authenticator;

/// Accepts the code and finishes the session with an assertion (remembering
/// the device when asked and offered), or counts a wrong attempt against
/// the user (locking them out at the limit, for longer each time). A retry
/// of the same request within the retry window gets the same answer, and
/// uses neither the code nor an attempt again.
pub fn verify(state: &AppState, req: VerifyRequest) -> Result<VerifyResponse, Failure> {
    let now = state.now();
    let session = find_session(state, &req.session_handle)?;
    let attempt = attempt_digest(&req.method_id, &req.code);
    if let Some(assertion) = replayed(state, &session, &attempt, now) {
        tracing::info!(session_ref = %session.reference, "verify retried: the same assertion again");
        return Ok(VerifyResponse { assertion });
    }
    ensure_live(&session, now)?;
    limit_user(state, &session)?;
    let user = user_of(state, &session)?;
    let method = method_of(user, &req.method_id, &session.reference)?;
    let limits = &state.config().limits;
    let store = state.store();
    let totp_key = format!("{}#{}", user.email.to_lowercase(), method.id);
    let remember = remember_days(state.config(), req.remember_device);
    let outcome = store
        .modify(&session.key, |s| {
            ensure_live(s, now)?;
            if let Some(r) = s.last_refusal.as_ref()
                && same(&r.attempt, &attempt)
                && within_retry(state, r.at, now)
            {
                return Err(r.failure.clone());
            }
            let verdict = store.modify_user(&user.email, |u| {
                u.attempts_left(limits, now)
                    .map_err(|wait| locked_out(s, wait))?;
                let right = match (&method.contact, method.kind) {
                    (Contact::Phone(_), MethodKind::Sms) => {
                        text_matches(s, &method.id, &req.code, now)?
                    }
                    (Contact::Authenticator(a), _) => {
                        totp_matches(store, &totp_key, a, &req.code, now)
                    }
                    _ => {
                        return Err(Failure::new(
                            ErrorCode::MethodUnavailable,
                            "This option is approved on a device, not with a code.",
                        )
                        .session(&s.reference));
                    }
                };
                if right {
                    return Ok(());
                }
                let refused = match u.fail(limits, now) {
                    Counted::Left(n) => {
                        Failure::new(ErrorCode::InvalidCode, "That code is not right.")
                            .session(&s.reference)
                            .attempts_left(n)
                    }
                    Counted::LockedFor(length) => {
                        s.code = None;
                        locked_out(s, length)
                    }
                };
                s.last_refusal = Some(Refusal {
                    attempt: attempt.clone(),
                    failure: refused.clone(),
                    at: now,
                });
                Err(refused)
            });
            verdict?;
            let assertion = finish(state, s, method.kind, remember, now)?;
            s.code = None;
            s.finished_by = Some(Finish {
                method_id: method.id.clone(),
                attempt: Some(attempt.clone()),
                assertion: assertion.clone(),
                at: now,
            });
            Ok(assertion)
        })
        .ok_or_else(Failure::unknown_session)?;
    match &outcome {
        Ok(_) => log_finished("code accepted", &session.reference, &method.id, remember),
        Err(f) => tracing::info!(method_id = %method.id, code = f.code.as_str(), "code refused"),
    }
    outcome.map(|assertion| VerifyResponse { assertion })
}

/// The assertion a finished session was answered with, when this is a
/// retry of that very request (same method and code) within the window.
fn replayed(state: &AppState, s: &Session, attempt: &str, now: SystemTime) -> Option<String> {
    let f = s.finished_by.as_ref()?;
    let again = f.attempt.as_deref().is_some_and(|a| same(a, attempt));
    (again && within_retry(state, f.at, now)).then(|| f.assertion.clone())
}

/// Two attempt digests compared in constant time.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// `too_many_attempts` for a lockout that lasts `wait` more.
fn locked_out(s: &Session, wait: Duration) -> Failure {
    Failure::new(
        ErrorCode::TooManyAttempts,
        "Too many wrong codes. Wait, then ask for a new code.",
    )
    .session(&s.reference)
    .retry_after(wait_secs(wait))
    .attempts_left(0)
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
