//! `poll` for calls and app notifications, and the dev answer to them.

use std::time::SystemTime;

use twostep_protocol::{ErrorCode, MethodKind, PollRequest, PollResponse, PollStatus};

use super::{ensure_live, finish, live_session, log_finished, method_of, remember_days, user_of};
use crate::failure::Failure;
use crate::session::Answer;
use crate::state::AppState;

/// Where the approval sent with this method stands. An approval that was
/// replaced by a newer one, or never sent, polls as `expired`. The poll that
/// finds it approved finishes the session, remembering the device when that
/// poll asks (`remember_device: true`) and the server offers it.
pub fn poll(state: &AppState, req: PollRequest) -> Result<PollResponse, Failure> {
    let now = state.now();
    let session = live_session(state, &req.session_handle, now)?;
    let user = user_of(state, &session)?;
    let method = method_of(user, &req.method_id, &session.reference)?;
    if !matches!(method.kind, MethodKind::Push | MethodKind::Voice) {
        return Err(Failure::new(
            ErrorCode::MethodUnavailable,
            "This option works with a code; there is nothing to wait for.",
        )
        .session(&session.reference));
    }
    let remember = remember_days(state.config(), req.remember_device);
    let response = state
        .store()
        .modify(&session.key, |s| {
            ensure_live(s, now)?;
            let Some(a) = s.approval.as_ref().filter(|a| a.method_id == method.id) else {
                return Ok(status(PollStatus::Expired));
            };
            Ok(match a.answer {
                Some(Answer::Approved) => {
                    let assertion = finish(state, s, method.kind, remember, now)?;
                    s.approval = None;
                    log_finished("approved", &s.reference, &method.id, remember);
                    PollResponse {
                        status: PollStatus::Approved,
                        assertion: Some(assertion),
                    }
                }
                Some(Answer::Denied) => status(PollStatus::Denied),
                None if now >= a.expires_at => status(PollStatus::Expired),
                None => status(PollStatus::Pending),
            })
        })
        .ok_or_else(Failure::unknown_session)??;
    Ok(response)
}

fn status(status: PollStatus) -> PollResponse {
    PollResponse {
        status,
        assertion: None,
    }
}

/// Answers the waiting call or notification of the session with this public
/// reference, as the user's phone would. With number matching, approving with
/// the wrong number (or none) counts as a denial.
pub fn answer(
    state: &AppState,
    session_ref: &str,
    approve: bool,
    number: Option<&str>,
) -> Result<Answer, Failure> {
    let now: SystemTime = state.now();
    let unknown = || Failure::bad_request("There is no verification with that reference.");
    let session = state.store().get_by_ref(session_ref).ok_or_else(unknown)?;
    let reference = session.reference.as_str();
    let answer = state
        .store()
        .modify(&session.key, |s| {
            ensure_live(s, now)?;
            let nothing = || {
                Failure::new(
                    ErrorCode::MethodUnavailable,
                    "Nothing is waiting for an answer.",
                )
                .session(reference)
            };
            let a = s.approval.as_mut().ok_or_else(nothing)?;
            if a.answer.is_some() {
                return Err(nothing());
            }
            if now >= a.expires_at {
                return Err(
                    Failure::new(ErrorCode::Expired, "This request has expired.")
                        .session(reference),
                );
            }
            let right_number = a.number.as_deref().is_none_or(|n| Some(n) == number);
            let answer = if approve && right_number {
                Answer::Approved
            } else {
                Answer::Denied
            };
            a.answer = Some(answer);
            Ok(answer)
        })
        .ok_or_else(unknown)??;
    state.outbox().record_answer(reference, answer);
    tracing::info!(
        session_ref = reference,
        answer = answer.as_str(),
        "approval answered (dev)"
    );
    Ok(answer)
}
