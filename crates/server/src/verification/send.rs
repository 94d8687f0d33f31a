//! `send`: texts a code, places a call, pushes to the app, or readies an app
//! code.

use std::time::SystemTime;

use twostep_protocol::{
    Delivery as WireDelivery, ErrorCode, MethodKind, SendRequest, SendResponse,
};

use super::{CODE_LENGTH, ensure_live, live_session, method_of, secs, user_of};
use crate::clock::secs_until;
use crate::delivery::{Call, Push, Text};
use crate::directory::{Contact, MethodRecord, User};
use crate::failure::Failure;
use crate::random;
use crate::session::{Approval, IssuedCode, Session};
use crate::state::AppState;

/// Uses the requested method of the session's user.
pub fn send(state: &AppState, req: SendRequest) -> Result<SendResponse, Failure> {
    let now = state.now();
    let session = live_session(state, &req.session_handle, now)?;
    let user = user_of(state, &session)?;
    let method = method_of(user, &req.method_id, &session.reference)?;
    let delivery = match (&method.contact, method.kind) {
        (Contact::Phone(number), MethodKind::Voice) => {
            approval(state, &session, user, method, Some(number), now)?
        }
        (Contact::Phone(number), _) => text(state, &session, method, number, req.resend, now)?,
        (Contact::App, _) => approval(state, &session, user, method, None, now)?,
        (Contact::Authenticator(_), _) => WireDelivery::Code {
            target: None,
            code_length: CODE_LENGTH,
            resend_after_secs: None,
            suggest_other_after_secs: None,
        },
    };
    Ok(SendResponse {
        method_id: method.id.clone(),
        delivery,
    })
}

/// What to do about a text, decided under the store's lock.
enum Plan {
    /// Text this new code.
    Fresh(String),
    /// The method's code went out moments ago and still works: answer as if
    /// sent, without another text (the widget coming back to a method).
    AlreadySent { resend_after_secs: u32 },
}

fn text(
    state: &AppState,
    session: &Session,
    method: &MethodRecord,
    number: &str,
    resend: bool,
    now: SystemTime,
) -> Result<WireDelivery, Failure> {
    let config = state.config();
    let mid = method.id.as_str();
    let plan = state
        .store()
        .modify(&session.key, |s| {
            ensure_live(s, now)?;
            if let Some(&last) = s.last_text.get(mid) {
                let open_at = last + config.resend_cooldown;
                if now < open_at {
                    let wait = secs_until(now, open_at);
                    let still_works = s
                        .code
                        .as_ref()
                        .is_some_and(|c| c.method_id == mid && now < c.expires_at);
                    if !resend && still_works {
                        return Ok(Plan::AlreadySent {
                            resend_after_secs: wait,
                        });
                    }
                    return Err(Failure::new(
                        ErrorCode::RateLimited,
                        "A code was sent moments ago. Wait a little before asking for another.",
                    )
                    .session(&s.reference)
                    .retry_after(wait));
                }
            }
            let code = random::digits(usize::from(CODE_LENGTH));
            s.code = Some(IssuedCode {
                method_id: mid.to_string(),
                code: code.clone(),
                expires_at: now + config.code_ttl,
            });
            s.last_text.insert(mid.to_string(), now);
            Ok(Plan::Fresh(code))
        })
        .ok_or_else(Failure::unknown_session)??;
    let masked = method.masked_target().unwrap_or_default();
    let resend_after_secs = match plan {
        Plan::AlreadySent { resend_after_secs } => resend_after_secs,
        Plan::Fresh(code) => {
            let sent = state.delivery().send_text(&Text {
                session_ref: &session.reference,
                method_id: mid,
                to: number,
                masked_to: &masked,
                code: &code,
            });
            if let Err(e) = sent {
                tracing::error!(method_id = mid, error = %e, "the text could not be sent");
                state.store().modify(&session.key, |s| {
                    if s.code.as_ref().is_some_and(|c| c.code == code) {
                        s.code = None;
                    }
                    s.last_text.remove(mid);
                });
                return Err(Failure::internal(
                    "The text could not be sent. Try again, or choose another option.",
                )
                .session(&session.reference));
            }
            tracing::info!(method_id = mid, to = %masked, resend, "code texted");
            secs(config.resend_cooldown)
        }
    };
    Ok(WireDelivery::Code {
        target: Some(masked),
        code_length: CODE_LENGTH,
        resend_after_secs: Some(resend_after_secs),
        suggest_other_after_secs: Some(secs(config.suggest_other_after)),
    })
}

/// A call (`phone` given) or an app notification, replacing any approval
/// the session was waiting for.
fn approval(
    state: &AppState,
    session: &Session,
    user: &User,
    method: &MethodRecord,
    phone: Option<&str>,
    now: SystemTime,
) -> Result<WireDelivery, Failure> {
    let config = state.config();
    let number = (phone.is_none() && user.number_matching).then(random::number_to_match);
    let mid = method.id.as_str();
    state
        .store()
        .modify(&session.key, |s| {
            ensure_live(s, now)?;
            s.approval = Some(Approval {
                method_id: mid.to_string(),
                number: number.clone(),
                expires_at: now + config.approval_ttl,
                answer: None,
            });
            Ok(())
        })
        .ok_or_else(Failure::unknown_session)??;
    let masked = method.masked_target();
    let sent = match phone {
        Some(to) => state.delivery().place_call(&Call {
            session_ref: &session.reference,
            method_id: mid,
            to,
            masked_to: masked.as_deref().unwrap_or_default(),
        }),
        None => state.delivery().push(&Push {
            session_ref: &session.reference,
            method_id: mid,
            user: &user.email,
            number_to_match: number.as_deref(),
        }),
    };
    if let Err(e) = sent {
        tracing::error!(method_id = mid, error = %e, "the approval request could not be sent");
        state.store().modify(&session.key, |s| {
            if s.approval.as_ref().is_some_and(|a| a.method_id == mid) {
                s.approval = None;
            }
        });
        return Err(Failure::internal(
            "The request could not be sent. Try again, or choose another option.",
        )
        .session(&session.reference));
    }
    tracing::info!(
        method_id = mid,
        number_matching = number.is_some(),
        "approval requested"
    );
    Ok(WireDelivery::Approval {
        target: masked,
        poll_interval_ms: u32::try_from(config.poll_interval.as_millis()).unwrap_or(u32::MAX),
        number_to_match: number,
    })
}
