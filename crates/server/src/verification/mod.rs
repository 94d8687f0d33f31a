//! The contract's four calls (and the dev answer), independent of HTTP: each
//! takes the state and a request and returns the answer or a [`Failure`].

mod approval;
mod check;
mod send;
mod start;

pub use approval::{answer, poll};
pub use check::verify;
pub use send::send;
pub use start::start;

use std::time::SystemTime;

use twostep_protocol::ErrorCode;

use crate::directory::{MethodRecord, User};
use crate::failure::Failure;
use crate::session::Session;
use crate::state::AppState;

/// Digits in a texted code.
pub const CODE_LENGTH: u8 = 6;

/// The session, if it exists and is still live at `now`.
fn live_session(state: &AppState, id: &str, now: SystemTime) -> Result<Session, Failure> {
    let session = state
        .store()
        .get(id)
        .ok_or_else(|| Failure::unknown_session(id))?;
    if session.is_live(now) {
        Ok(session)
    } else {
        Err(Failure::session_expired(id))
    }
}

/// Refuses a session that ended while the request was on its way in (checked
/// again under the store's lock).
fn ensure_live(session: &Session, now: SystemTime) -> Result<(), Failure> {
    if session.is_live(now) {
        Ok(())
    } else {
        Err(Failure::session_expired(&session.id))
    }
}

/// The session's user.
fn user_of<'a>(state: &'a AppState, session: &Session) -> Result<&'a User, Failure> {
    state.config().directory.user(&session.user).ok_or_else(|| {
        Failure::internal("This user is no longer known to the server.").session(&session.id)
    })
}

/// The user's method with this ID (`method_unavailable` when there is none).
fn method_of<'a>(user: &'a User, id: &str, session_id: &str) -> Result<&'a MethodRecord, Failure> {
    user.method(id).ok_or_else(|| {
        Failure::new(
            ErrorCode::MethodUnavailable,
            "This verification option is not available for this account.",
        )
        .session(session_id)
    })
}

/// Whole seconds of a configured duration, for the wire.
fn secs(d: std::time::Duration) -> u32 {
    u32::try_from(d.as_secs()).unwrap_or(u32::MAX)
}
