//! `start` (the browser resumes the session its page was given, or with
//! `--dev` starts one from a user hint) and [`create`], which every way of
//! starting a verification goes through.

use std::time::SystemTime;

use twostep_protocol::{Challenge, ErrorCode, StartRequest};

use super::{limit_user, user_of};
use crate::DEV_AUDIENCE;
use crate::clock::secs_until;
use crate::config::Config;
use crate::digest::sha256_hex;
use crate::directory::User;
use crate::failure::Failure;
use crate::random;
use crate::session::{Owner, Session};
use crate::state::AppState;
use crate::store::Full;

/// The wait suggested when the store is full: about one purge.
const BUSY_RETRY_SECS: u32 = 10;

/// A session just created, with its secret handle (known only to the
/// caller: the store keeps its digest).
#[derive(Debug)]
pub struct Created {
    /// The secret handle, for the browser.
    pub handle: String,
    /// The session as stored.
    pub session: Session,
}

/// Starts a verification for the directory user named `user` (compared
/// without regard to case), for the host with `audience`.
pub fn create(state: &AppState, user: &str, audience: &str) -> Result<Created, Failure> {
    let config = state.config();
    let user = config
        .directory
        .user(user)
        .ok_or_else(|| Failure::bad_request("There is no account with that name."))?;
    let handle = random::session_handle();
    let now = state.now();
    let session = Session::new(
        sha256_hex(&handle),
        random::session_ref(),
        Owner {
            user: user.email.clone(),
            audience: audience.to_string(),
        },
        now + config.window,
    );
    let ended = state
        .store()
        .insert(session.clone(), state.session_caps(), now)
        .map_err(|Full| {
            tracing::warn!("session refused: the server holds as many as --max-sessions allows");
            Failure::new(
                ErrorCode::RateLimited,
                "The sign-in service is busy. Try again in a moment.",
            )
            .retry_after(BUSY_RETRY_SECS)
        })?;
    for reference in ended {
        tracing::info!(
            session_ref = %reference,
            "verification ended: its user started more than --max-sessions-per-user"
        );
    }
    tracing::info!(
        session_ref = %session.reference,
        user = %user.email,
        audience,
        "verification started"
    );
    Ok(Created { handle, session })
}

/// Resumes the session of `session_handle` while it is live. Outside
/// `--dev` that is all it does: a verification starts on the host's server
/// ([`create`] through `POST /v1/sessions`). With `--dev`, a request with a
/// `user_hint` and no live session (or a live one of another user) starts a
/// new verification for the hint.
pub fn start(state: &AppState, req: StartRequest) -> Result<Challenge, Failure> {
    let now = state.now();
    let config = state.config();
    let hint = req
        .user_hint
        .as_deref()
        .map(str::trim)
        .filter(|h| !h.is_empty());
    let dev_hint = hint.filter(|_| config.dev);
    if let Some(handle) = req.session_handle.as_deref() {
        match state.store().get(&sha256_hex(handle)) {
            Some(session)
                if session.is_live(now)
                    && dev_hint.is_none_or(|h| h.eq_ignore_ascii_case(&session.user)) =>
            {
                limit_user(state, &session)?;
                let user = user_of(state, &session)?;
                tracing::info!(session_ref = %session.reference, "verification resumed");
                return Ok(challenge(config, user, handle, &session, now));
            }
            Some(session) if dev_hint.is_none() => {
                return Err(Failure::session_expired(&session.reference));
            }
            None if dev_hint.is_none() => return Err(Failure::unknown_session()),
            _ => {}
        }
    }
    if !config.dev {
        return Err(Failure::bad_request(
            "A verification starts on the host's server: the page must be given its session.",
        ));
    }
    let hint = hint.ok_or_else(|| {
        Failure::bad_request("Say who is signing in: the request has no user_hint.")
    })?;
    state.rate_limits().check_user(hint)?;
    let created = create(state, hint, DEV_AUDIENCE)?;
    let user = user_of(state, &created.session)?;
    Ok(challenge(
        config,
        user,
        &created.handle,
        &created.session,
        now,
    ))
}

fn challenge(
    config: &Config,
    user: &User,
    handle: &str,
    session: &Session,
    now: SystemTime,
) -> Challenge {
    Challenge {
        session_handle: handle.to_string(),
        session_ref: session.reference.clone(),
        user: user.email.clone(),
        methods: user.methods.iter().map(|m| m.to_wire()).collect(),
        default_method: user.default_method.clone(),
        expires_in_secs: secs_until(now, session.expires_at),
        remember_device_days: Some(config.remember_device_days).filter(|days| *days > 0),
    }
}
