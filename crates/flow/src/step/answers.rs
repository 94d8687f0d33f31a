//! The backend's answers: a challenge, a send, a verify, a poll.

use twostep_protocol::{
    ApiError, Challenge, Delivery, ErrorCode, MethodKind, PollRequest, PollResponse, PollStatus,
    SendRequest, SendResponse,
};

use super::calls::start_with;
use super::errors::bad_response;
use crate::call::{Answer, Call, RequestId};
use crate::effect::{Effect, Focus};
use crate::host_event::HostEvent;
use crate::state::{Approval, CodeEntry, Flow, Phase, Retry, Session};
use crate::timer::{Millis, Timer};

/// Longest code the flow accepts from a backend.
const MAX_CODE_LENGTH: u8 = 12;

impl Flow {
    pub(super) fn on_response(
        &mut self,
        id: RequestId,
        result: Result<Answer, ApiError>,
        now: Millis,
        fx: &mut Vec<Effect>,
    ) {
        let Some(pending) = self.pending.take_if(|p| p.id == id) else {
            return; // An answer to a call the flow no longer waits for.
        };
        fx.push(Effect::Cancel(Timer::Request));
        match (pending.call, result) {
            (Call::Session { .. }, Ok(Answer::Session(handle))) => {
                if handle.trim().is_empty() {
                    // Never echo what the host gave: it may be a secret.
                    let err = ApiError::new(ErrorCode::Internal, "the host gave no session");
                    self.on_error(Call::Session { fresh: false }, err, now, fx);
                } else {
                    self.call(start_with(handle), now, fx);
                }
            }
            (Call::Start(_), Ok(Answer::Started(c))) => self.on_started(c, now, fx),
            (Call::Send(req), Ok(Answer::Sent(r))) => self.on_sent(req, r, now, fx),
            (Call::Verify(req), Ok(Answer::Verified(v))) => {
                if v.assertion.is_empty() {
                    let err = bad_response("the verify answer has no assertion");
                    self.on_verify_error(err, now, fx);
                } else {
                    self.enter_verified(v.assertion, req.remember_device, fx);
                }
            }
            (Call::Poll(req), Ok(Answer::Polled(p))) => self.on_polled(req, p, now, fx),
            (call, Ok(_)) => {
                let err = bad_response("the answer does not match the request");
                self.on_error(call, err, now, fx);
            }
            (call, Err(err)) => self.on_error(call, err, now, fx),
        }
    }

    /// Counts one more code sent in this session, and returns the count.
    fn count_code_sent(&mut self) -> u32 {
        self.session.as_mut().map_or(1, |s| {
            s.codes_sent += 1;
            s.codes_sent
        })
    }

    pub(super) fn on_started(&mut self, challenge: Challenge, now: Millis, fx: &mut Vec<Effect>) {
        if let Err(why) = challenge.check_usable() {
            let failure = self.failure(bad_response(why.summary()), None, now);
            self.enter_failed(failure, Retry::Start { fresh: false }, fx);
            return;
        }
        let window_ms = u64::from(challenge.expires_in_secs) * 1000;
        let default = challenge
            .method(&challenge.default_method)
            .unwrap_or(&challenge.methods[0])
            .clone();
        let user = challenge.user.clone();
        self.session = Some(Session {
            challenge,
            expires_at: now + window_ms,
            codes_sent: 0,
        });
        fx.push(Effect::Schedule {
            timer: Timer::Window,
            after_ms: window_ms,
        });
        fx.push(Effect::Emit(HostEvent::Ready {
            session_ref: self.session_ref(),
            user,
            method: default.clone(),
        }));
        self.send(default.id, None, now, fx);
    }

    pub(super) fn on_sent(
        &mut self,
        req: SendRequest,
        r: SendResponse,
        now: Millis,
        fx: &mut Vec<Effect>,
    ) {
        if r.method_id != req.method_id {
            let err = bad_response("the send answer names another method");
            self.on_send_error(req, err, now, fx);
            return;
        }
        match r.delivery {
            Delivery::Code {
                target,
                code_length,
                resend_after_secs,
                suggest_other_after_secs,
            } => {
                if code_length == 0 || code_length > MAX_CODE_LENGTH {
                    let err = bad_response("the code length is out of range");
                    self.on_send_error(req, err, now, fx);
                    return;
                }
                let kind = self.method(&req.method_id).map(|m| m.kind);
                // App codes are not sent anywhere: nothing to resend or wait for.
                let delivered = kind != Some(MethodKind::Totp);
                let suggest_ms = suggest_other_after_secs
                    .map(|s| u64::from(s) * 1000)
                    .unwrap_or(self.config.suggest_other_after_ms);
                let target =
                    target.or_else(|| self.method(&req.method_id).and_then(|m| m.target.clone()));
                self.phase = Phase::Code(CodeEntry {
                    method_id: req.method_id,
                    target,
                    code_length,
                    sent_at: delivered.then_some(now),
                    resend_at: resend_after_secs
                        .filter(|_| delivered)
                        .map(|s| now + u64::from(s) * 1000),
                    suggest_other_at: delivered.then_some(now + suggest_ms),
                    sends: if delivered { self.count_code_sent() } else { 0 },
                    code: String::new(),
                    submitting: false,
                    notice: None,
                });
                // Not while the user is in the list of options or the
                // recovery guidance: that screen keeps their focus.
                if self.overlay.is_none() {
                    fx.push(Effect::Focus(Focus::CodeInput));
                }
            }
            Delivery::Approval {
                target,
                poll_interval_ms,
                number_to_match,
            } => {
                let interval = u64::from(poll_interval_ms)
                    .clamp(self.config.min_poll_ms, self.config.max_poll_ms);
                let target =
                    target.or_else(|| self.method(&req.method_id).and_then(|m| m.target.clone()));
                self.phase = Phase::Approval(Approval {
                    method_id: req.method_id,
                    target,
                    sent_at: now,
                    poll_interval_ms: interval,
                    number_to_match,
                });
                fx.push(Effect::Schedule {
                    timer: Timer::Poll,
                    after_ms: interval,
                });
                fx.push(Effect::Focus(Focus::Heading));
            }
        }
    }

    pub(super) fn on_polled(
        &mut self,
        req: PollRequest,
        p: PollResponse,
        now: Millis,
        fx: &mut Vec<Effect>,
    ) {
        let Phase::Approval(a) = &self.phase else {
            return;
        };
        if a.method_id != req.method_id {
            return;
        }
        let interval = a.poll_interval_ms;
        let method_id = req.method_id;
        match p.status {
            PollStatus::Pending => fx.push(Effect::Schedule {
                timer: Timer::Poll,
                after_ms: interval,
            }),
            PollStatus::Approved => match p.assertion.filter(|s| !s.is_empty()) {
                Some(assertion) => self.enter_verified(assertion, req.remember_device, fx),
                None => {
                    let err = bad_response("the approval has no assertion");
                    let failure = self.failure(err, Some(&method_id), now);
                    self.enter_failed(failure, Retry::Send { method_id }, fx);
                }
            },
            PollStatus::Denied | PollStatus::Expired => {
                let code = if p.status == PollStatus::Denied {
                    ErrorCode::Denied
                } else {
                    ErrorCode::Expired
                };
                let failure =
                    self.failure(ApiError::new(code, String::new()), Some(&method_id), now);
                self.enter_failed(failure, Retry::Send { method_id }, fx);
            }
        }
    }
}
