//! `send`: texts a code, places a call, pushes to the app, or readies an app
//! code; within each method's cool-down and the user's hourly caps.

use std::time::{Duration, SystemTime};

use twostep_protocol::{
    Delivery as WireDelivery, ErrorCode, MethodKind, SendRequest, SendResponse,
};

use super::{CODE_LENGTH, ensure_live, live_session, method_of, secs, user_of, wait_secs};
use crate::delivery::{Call, Push, Text};
use crate::directory::{Contact, MethodRecord, User};
use crate::failure::Failure;
use crate::limits::{Cooling, DeliveryKind, Limits, UserRecord};
use crate::random;
use crate::session::{Approval, IssuedCode, Session};
use crate::state::AppState;

/// What a send answered, and the time left of the cool-down when it
/// answered as sent without sending (the route puts it in `Retry-After`).
#[derive(Debug)]
pub struct Sent {
    /// The answer.
    pub response: SendResponse,
    /// Set when nothing was sent: the cool-down's time left.
    pub cooling_secs: Option<u32>,
}

/// Uses the requested method of the session's user.
pub async fn send(state: &AppState, req: SendRequest) -> Result<Sent, Failure> {
    let now = state.now();
    let session = live_session(state, &req.session_handle, now)?;
    let user = user_of(state, &session)?;
    let method = method_of(user, &req.method_id, &session.reference)?;
    let (delivery, cooling_secs) = match (&method.contact, method.kind) {
        (Contact::Phone(number), MethodKind::Voice) => {
            approval(state, &session, user, method, Some(number), now).await?
        }
        (Contact::Phone(number), _) => {
            text(state, &session, user, method, number, req.resend, now).await?
        }
        (Contact::App, _) => approval(state, &session, user, method, None, now).await?,
        (Contact::Authenticator(_), _) => (
            WireDelivery::Code {
                target: None,
                code_length: CODE_LENGTH,
                resend_after_secs: None,
                suggest_other_after_secs: None,
            },
            None,
        ),
    };
    Ok(Sent {
        response: SendResponse {
            method_id: method.id.clone(),
            delivery,
        },
        cooling_secs,
    })
}

/// What to do about a delivery, decided under the store's locks.
enum Plan<T> {
    /// Deliver; `T` is what goes out (a code, a number to match).
    Fresh(T),
    /// The same session's delivery by this method went out moments ago and
    /// still works: answer as if sent, sending nothing.
    AlreadySent { wait: u32, what: T },
}

/// `rate_limited` inside a method's cool-down.
fn cooling_down(s: &Session, c: &Cooling, what: &str) -> Failure {
    Failure::new(
        ErrorCode::RateLimited,
        format!("{what} was sent moments ago. Wait a little before asking for another."),
    )
    .session(&s.reference)
    .retry_after(wait_secs(c.wait))
}

/// `rate_limited` at the hourly cap of texts or calls.
fn capped(s: &Session, wait: Duration, what: &str) -> Failure {
    Failure::new(
        ErrorCode::RateLimited,
        format!("Too many {what} went to this account in the last hour. Verify another way, or try again later."),
    )
    .session(&s.reference)
    .retry_after(wait_secs(wait))
}

/// Checks the cap of `kind` and records a delivery in the user's record.
fn admit(
    u: &mut UserRecord,
    limits: &Limits,
    kind: DeliveryKind,
    s: &Session,
    method_id: &str,
    now: SystemTime,
) -> Result<(), Failure> {
    if let Some(wait) = u.capped(limits, kind, now) {
        let what = if kind == DeliveryKind::Call {
            "calls"
        } else {
            "texts"
        };
        return Err(capped(s, wait, what));
    }
    u.record_sent(kind, method_id, &s.key, now);
    Ok(())
}

async fn text(
    state: &AppState,
    session: &Session,
    user: &User,
    method: &MethodRecord,
    number: &str,
    resend: bool,
    now: SystemTime,
) -> Result<(WireDelivery, Option<u32>), Failure> {
    let config = state.config();
    let limits = &config.limits;
    let store = state.store();
    let mid = method.id.as_str();
    let kind = DeliveryKind::Text;
    let plan = store
        .modify(&session.key, |s| {
            ensure_live(s, now)?;
            let plan = store.modify_user(&user.email, |u| {
                if let Some(c) = u.cooling(limits, kind, mid, &s.key, now) {
                    let still_works = s
                        .code
                        .as_ref()
                        .is_some_and(|c| c.method_id == mid && now < c.expires_at);
                    if c.same_session && !resend && still_works {
                        return Ok(Plan::AlreadySent {
                            wait: wait_secs(c.wait),
                            what: (),
                        });
                    }
                    return Err(cooling_down(s, &c, "A code"));
                }
                admit(u, limits, kind, s, mid, now)?;
                Ok(Plan::Fresh(()))
            })?;
            Ok(match plan {
                Plan::Fresh(()) => {
                    let code = random::digits(usize::from(CODE_LENGTH));
                    s.code = Some(IssuedCode {
                        method_id: mid.to_string(),
                        code: code.clone(),
                        expires_at: now + config.code_ttl,
                    });
                    Plan::Fresh(code)
                }
                Plan::AlreadySent { wait, .. } => Plan::AlreadySent {
                    wait,
                    what: String::new(),
                },
            })
        })
        .ok_or_else(Failure::unknown_session)??;
    let masked = method.masked_target().unwrap_or_default();
    let (resend_after_secs, cooling) = match plan {
        Plan::AlreadySent { wait, .. } => (wait, Some(wait)),
        Plan::Fresh(code) => {
            let text = Text {
                session_ref: &session.reference,
                method_id: mid,
                to: number,
                masked_to: &masked,
                code: &code,
            };
            if let Err(e) = state.delivery().send_text(&text).await {
                tracing::error!(method_id = mid, error = %e, "the text could not be sent");
                store.modify(&session.key, |s| {
                    if s.code.as_ref().is_some_and(|c| c.code == code) {
                        s.code = None;
                    }
                });
                store.modify_user(&user.email, |u| u.unrecord_sent(kind, mid, now));
                return Err(Failure::internal(
                    "The text could not be sent. Try again, or choose another option.",
                )
                .session(&session.reference));
            }
            tracing::info!(method_id = mid, to = %masked, resend, "code texted");
            (secs(limits.text_cooldown), None)
        }
    };
    Ok((
        WireDelivery::Code {
            target: Some(masked),
            code_length: CODE_LENGTH,
            resend_after_secs: Some(resend_after_secs),
            suggest_other_after_secs: Some(secs(config.suggest_other_after)),
        },
        cooling,
    ))
}

/// A call (`phone` given) or an app notification, replacing any approval
/// the session was waiting for; inside the method's cool-down the same
/// session gets its waiting approval back, with nothing sent.
async fn approval(
    state: &AppState,
    session: &Session,
    user: &User,
    method: &MethodRecord,
    phone: Option<&str>,
    now: SystemTime,
) -> Result<(WireDelivery, Option<u32>), Failure> {
    let config = state.config();
    let limits = &config.limits;
    let store = state.store();
    let kind = if phone.is_some() {
        DeliveryKind::Call
    } else {
        DeliveryKind::Push
    };
    // Every call carries a number to key in (the call asks for the number on
    // the user's screen, so a call someone else triggered cannot be approved
    // with one key); notifications as `--push-number-matching` says.
    let matching = phone.is_some() || limits.number_match_every_push || user.number_matching;
    let mid = method.id.as_str();
    let plan = store
        .modify(&session.key, |s| {
            ensure_live(s, now)?;
            let plan = store.modify_user(&user.email, |u| {
                if kind == DeliveryKind::Push
                    && let Some(until) = u.pushes_paused(now)
                {
                    let wait = until.duration_since(now).unwrap_or_default();
                    return Err(paused(s, wait));
                }
                if let Some(c) = u.cooling(limits, kind, mid, &s.key, now) {
                    let waiting = s
                        .approval
                        .as_ref()
                        .filter(|a| a.method_id == mid && a.answer.is_none() && now < a.expires_at);
                    return match waiting {
                        Some(a) if c.same_session => Ok(Plan::AlreadySent {
                            wait: wait_secs(c.wait),
                            what: a.number.clone(),
                        }),
                        _ => Err(cooling_down(s, &c, "A request")),
                    };
                }
                admit(u, limits, kind, s, mid, now)?;
                Ok(Plan::Fresh(matching.then(random::number_to_match)))
            })?;
            if let Plan::Fresh(number) = &plan {
                s.approval = Some(Approval {
                    method_id: mid.to_string(),
                    number: number.clone(),
                    expires_at: now + config.approval_ttl,
                    answer: None,
                });
            }
            Ok(plan)
        })
        .ok_or_else(Failure::unknown_session)??;
    let masked = method.masked_target();
    let (number, cooling) = match plan {
        Plan::AlreadySent { wait, what } => (what, Some(wait)),
        Plan::Fresh(number) => {
            let sent = match phone {
                Some(to) => {
                    let call = Call {
                        session_ref: &session.reference,
                        method_id: mid,
                        to,
                        masked_to: masked.as_deref().unwrap_or_default(),
                        number_to_match: number.as_deref(),
                    };
                    state.delivery().place_call(&call).await
                }
                None => {
                    let push = Push {
                        session_ref: &session.reference,
                        method_id: mid,
                        user: &user.email,
                        number_to_match: number.as_deref(),
                    };
                    state.delivery().push(&push).await
                }
            };
            if let Err(e) = sent {
                tracing::error!(method_id = mid, error = %e, "the approval request could not be sent");
                store.modify(&session.key, |s| {
                    if s.approval.as_ref().is_some_and(|a| a.method_id == mid) {
                        s.approval = None;
                    }
                });
                store.modify_user(&user.email, |u| u.unrecord_sent(kind, mid, now));
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
            (number, None)
        }
    };
    Ok((
        WireDelivery::Approval {
            target: masked,
            poll_interval_ms: u32::try_from(config.poll_interval.as_millis()).unwrap_or(u32::MAX),
            number_to_match: number,
        },
        cooling,
    ))
}

/// `method_unavailable` while the user's notifications are paused after
/// denials, with the time left; the widget offers another option.
fn paused(s: &Session, wait: Duration) -> Failure {
    let minutes = wait.as_secs().div_ceil(60).max(1);
    Failure::new(
        ErrorCode::MethodUnavailable,
        format!(
            "App notifications are paused for {minutes} min because several were denied. Verify another way."
        ),
    )
    .session(&s.reference)
    .retry_after(wait_secs(wait))
}
