//! The contract's four calls (and the dev answer), independent of HTTP: each
//! takes the state and a request and returns the answer or a [`Failure`].

mod approval;
mod check;
mod send;
mod start;

pub use approval::{answer, poll};
pub use check::verify;
pub use send::send;
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

/// The session whose secret handle is `handle`, if it exists and is still
/// live at `now`. The store is looked up by the handle's digest.
fn live_session(state: &AppState, handle: &str, now: SystemTime) -> Result<Session, Failure> {
    let session = state
        .store()
        .get(&sha256_hex(handle))
        .ok_or_else(Failure::unknown_session)?;
    if session.is_live(now) {
        Ok(session)
    } else {
        Err(Failure::session_expired(&session.reference))
    }
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
