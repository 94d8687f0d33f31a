//! The contract's four calls (and the dev answer), independent of HTTP: each
//! takes the state and a request and returns the answer or a [`Failure`].

mod approval;
mod check;
mod send;
mod start;

pub use approval::{answer, poll};
pub use check::verify;
pub use send::{Sent, send};
pub use start::{create, start};

use std::time::{Duration, SystemTime};

use twostep_protocol::{ErrorCode, MethodKind};

use crate::assertion;
use crate::config::Config;
use crate::digest::sha256_hex;
use crate::directory::{MethodRecord, User};
use crate::failure::Failure;
use crate::session::Session;
use crate::state::AppState;

/// Digits in a texted code.
pub const CODE_LENGTH: u8 = 6;

/// The session whose secret handle is `handle`, live or not. The store is
/// looked up by the handle's digest.
fn find_session(state: &AppState, handle: &str) -> Result<Session, Failure> {
    state
        .store()
        .get(&sha256_hex(handle))
        .ok_or_else(Failure::unknown_session)
}

/// The session whose secret handle is `handle`, if it exists and is still
/// live at `now`, after the rate limit of its user.
fn live_session(state: &AppState, handle: &str, now: SystemTime) -> Result<Session, Failure> {
    let session = find_session(state, handle)?;
    ensure_live(&session, now)?;
    limit_user(state, &session)?;
    Ok(session)
}

/// One request for the session's user, against their rate limit.
fn limit_user(state: &AppState, session: &Session) -> Result<(), Failure> {
    state
        .rate_limits()
        .check_user(&session.user)
        .map_err(|f| f.session(&session.reference))
}

/// The digest a code attempt is remembered by, for retries: the SHA-256 of
/// the method and the code, so a copy of the store shows neither code.
fn attempt_digest(method_id: &str, code: &str) -> String {
    sha256_hex(&format!("{method_id}\n{code}"))
}

/// Whether something that happened `at` is within the retry window at `now`.
fn within_retry(state: &AppState, at: SystemTime, now: SystemTime) -> bool {
    now.duration_since(at)
        .is_ok_and(|d| d < state.config().limits.retry_window)
}

/// Whole seconds of `d`, rounded up, at least 1: a wait for the wire.
fn wait_secs(d: Duration) -> u32 {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    u32::try_from(secs.max(1)).unwrap_or(u32::MAX)
}

/// Refuses a session that ended while the request was on its way in (checked
/// again under the store's lock).
fn ensure_live(session: &Session, now: SystemTime) -> Result<(), Failure> {
    if session.is_live(now) {
        Ok(())
    } else {
        Err(Failure::session_expired(&session.reference))
    }
}

/// The session's user.
fn user_of<'a>(state: &'a AppState, session: &Session) -> Result<&'a User, Failure> {
    state.config().directory.user(&session.user).ok_or_else(|| {
        Failure::internal("This user is no longer known to the server.").session(&session.reference)
    })
}

/// The user's method with this ID (`method_unavailable` when there is none).
fn method_of<'a>(user: &'a User, id: &str, reference: &str) -> Result<&'a MethodRecord, Failure> {
    user.method(id).ok_or_else(|| {
        Failure::new(
            ErrorCode::MethodUnavailable,
            "This verification option is not available for this account.",
        )
        .session(reference)
    })
}

/// The days to remember the device for: the offer, when the request asked
/// for it (`remember_device: true`) and the server makes one. A request that
/// asks when nothing was offered is served as if it had not asked.
fn remember_days(config: &Config, asked: bool) -> Option<u32> {
    Some(config.remember_device_days).filter(|days| asked && *days > 0)
}

/// Finishes the session with a new signed assertion (see
/// [`crate::assertion`]) for a method of `kind`. With `remember` days, the
/// session records until when the device is remembered and the assertion
/// carries `remember_device_days`. Nothing changes when signing fails.
fn finish(
    state: &AppState,
    s: &mut Session,
    kind: MethodKind,
    remember: Option<u32>,
    now: SystemTime,
) -> Result<String, Failure> {
    let assertion = assertion::issue(state, s, kind, remember, now)?;
    s.finished = true;
    state.store().modify_user(&s.user, |u| u.succeed(now));
    if let Some(days) = remember {
        s.device_remembered_until = Some(now + Duration::from_secs(u64::from(days) * 86_400));
    }
    Ok(assertion)
}

/// The log line of a finished verification (`what` happened), naming a
/// remembered device. Never the assertion.
fn log_finished(what: &str, session_ref: &str, method_id: &str, remember: Option<u32>) {
    match remember {
        Some(days) => tracing::info!(
            session_ref,
            method_id,
            remember_device_days = days,
            "{what}; verification finished; device remembered for {days} days"
        ),
        None => tracing::info!(session_ref, method_id, "{what}; verification finished"),
    }
}

/// Whole seconds of a configured duration, for the wire.
fn secs(d: std::time::Duration) -> u32 {
    u32::try_from(d.as_secs()).unwrap_or(u32::MAX)
}
