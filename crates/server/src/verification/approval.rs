//! `poll` for calls and app notifications, and the dev answer to them.

use std::time::SystemTime;

use twostep_protocol::{ErrorCode, MethodKind, PollRequest, PollResponse, PollStatus};

use super::{
    ensure_live, find_session, finish, limit_user, log_finished, method_of, remember_days, user_of,
    wait_secs, within_retry,
};
use crate::failure::Failure;
use crate::session::{Answer, Finish};
use crate::state::AppState;

/// Where the approval sent with this method stands. An approval that was
/// replaced by a newer one, or never sent, polls as `expired`. The poll that
/// finds it approved finishes the session, remembering the device when that
/// poll asks (`remember_device: true`) and the server offers it. A poll of
/// the same method within the retry window after that gets the same
/// approval and assertion again.
pub fn poll(state: &AppState, req: PollRequest) -> Result<PollResponse, Failure> {
    let now = state.now();
    let session = find_session(state, &req.session_handle)?;
    if let Some(f) = session.finished_by.as_ref()
        && f.attempt.is_none()
        && f.method_id == req.method_id
        && within_retry(state, f.at, now)
    {
        tracing::info!(session_ref = %session.reference, "poll retried: the same assertion again");
        return Ok(PollResponse {
            status: PollStatus::Approved,
            assertion: Some(f.assertion.clone()),
        });
    }
    ensure_live(&session, now)?;
    limit_user(state, &session)?;
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
                    s.finished_by = Some(Finish {
                        method_id: method.id.clone(),
                        attempt: None,
                        assertion: assertion.clone(),
                        at: now,
                    });
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
            let method_id = s.approval.as_ref().map(|a| a.method_id.clone());
            let push = method_id.is_some_and(|m| !is_call(state, s, &m));
            Ok((answer, push))
        })
        .ok_or_else(unknown)??;
    let (answer, push) = answer;
    if push {
        let limits = &state.config().limits;
        let paused = state.store().modify_user(&session.user, |u| match answer {
            Answer::Approved => {
                u.approve(now);
                false
            }
            Answer::Denied => u.deny(limits, now),
        });
        if paused {
            tracing::warn!(
                session_ref = reference,
                pause_secs = wait_secs(limits.push_pause),
                "notifications paused: too many denied in a row"
            );
        }
    }
    state.outbox().record_answer(reference, answer);
    tracing::info!(
        session_ref = reference,
        answer = answer.as_str(),
        "approval answered (dev)"
    );
    Ok(answer)
}

/// Whether the approval's method is a phone call (denials of calls are not
/// counted towards pausing notifications).
fn is_call(state: &AppState, s: &crate::session::Session, method_id: &str) -> bool {
    state
        .config()
        .directory
        .user(&s.user)
        .and_then(|u| u.method(method_id))
        .is_some_and(|m| m.kind == MethodKind::Voice)
}
