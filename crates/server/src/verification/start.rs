//! `start`: a new verification, or the one the page already has.

use twostep_protocol::{Challenge, StartRequest};

use super::user_of;
use crate::clock::secs_until;
use crate::config::Config;
use crate::directory::User;
use crate::failure::Failure;
use crate::random;
use crate::session::Session;
use crate::state::AppState;

/// Resumes `session_id` if it is live (and belongs to `user_hint`, when one is
/// given), else starts a new verification for `user_hint`.
pub fn start(state: &AppState, req: StartRequest) -> Result<Challenge, Failure> {
    let now = state.now();
    let hint = req
        .user_hint
        .as_deref()
        .map(str::trim)
        .filter(|h| !h.is_empty());
    if let Some(id) = req.session_id.as_deref()
        && let Some(session) = state.store().get(id)
        && session.is_live(now)
        && hint.is_none_or(|h| h.eq_ignore_ascii_case(&session.user))
    {
        let user = user_of(state, &session)?;
        tracing::info!(session_id = %session.id, "verification resumed");
        return Ok(challenge(state.config(), user, &session, now));
    }
    let hint = hint.ok_or_else(|| {
        Failure::bad_request("Say who is signing in: the request has no user_hint.")
    })?;
    let user = state
        .config()
        .directory
        .user(hint)
        .ok_or_else(|| Failure::bad_request("There is no account with that name."))?;
    let config = state.config();
    let session = Session::new(
        random::session_id(),
        user.email.clone(),
        now + config.window,
        config.max_attempts,
    );
    state.store().insert(session.clone());
    tracing::info!(session_id = %session.id, user = %user.email, "verification started");
    Ok(challenge(config, user, &session, now))
}

fn challenge(
    config: &Config,
    user: &User,
    session: &Session,
    now: std::time::SystemTime,
) -> Challenge {
    Challenge {
        session_id: session.id.clone(),
        user: user.email.clone(),
        methods: user.methods.iter().map(|m| m.to_wire()).collect(),
        default_method: user.default_method.clone(),
        expires_in_secs: secs_until(now, session.expires_at),
        remember_device_days: Some(config.remember_device_days).filter(|days| *days > 0),
    }
}
