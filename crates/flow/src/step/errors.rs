//! The backend's refusals and failures, and the failure record for support.

use twostep_protocol::{ApiError, ErrorCode, SendRequest};

use crate::call::Call;
use crate::effect::{Effect, Focus};
use crate::failure::FailureDetails;
use crate::state::{CodeNotice, Flow, Phase, Retry};
use crate::timer::Millis;

impl Flow {
    pub(super) fn on_error(
        &mut self,
        call: Call,
        err: ApiError,
        now: Millis,
        fx: &mut Vec<Effect>,
    ) {
        // An ended session, also one the page tried to resume: start over.
        let resuming = matches!(call, Call::Start(_));
        if err.code == ErrorCode::SessionExpired && (self.session.is_some() || resuming) {
            let method_id = match &call {
                Call::Send(r) => Some(r.method_id.clone()),
                Call::Verify(r) => Some(r.method_id.clone()),
                Call::Poll(r) => Some(r.method_id.clone()),
                Call::Session { .. } | Call::Start(_) => None,
            };
            let failure = self.failure(err, method_id.as_deref(), now);
            self.enter_timed_out(failure, fx);
            return;
        }
        match call {
            Call::Session { .. } | Call::Start(_) => {
                let fresh = matches!(call, Call::Start(_)) && err.code == ErrorCode::BadRequest;
                let failure = self.failure(err, None, now);
                self.enter_failed(failure, Retry::Start { fresh }, fx);
            }
            Call::Send(req) => self.on_send_error(req, err, now, fx),
            Call::Verify(_) => self.on_verify_error(err, now, fx),
            Call::Poll(req) => {
                let failure = self.failure(err, Some(&req.method_id), now);
                let resume = match &self.phase {
                    Phase::Approval(_) => Retry::Resume(Box::new(self.phase.clone())),
                    _ => Retry::Send {
                        method_id: req.method_id,
                    },
                };
                self.enter_failed(failure, resume, fx);
            }
        }
    }

    pub(super) fn on_send_error(
        &mut self,
        req: SendRequest,
        err: ApiError,
        now: Millis,
        fx: &mut Vec<Effect>,
    ) {
        // A refused resend goes back to the code entry the user had (a first
        // send's empty entry is no screen to go back to).
        if let Phase::Sending {
            previous: Some(prev),
            ..
        } = &self.phase
            && req.resend
            && matches!(
                err.code,
                ErrorCode::RateLimited | ErrorCode::TooManyAttempts
            )
        {
            let mut entry = (**prev).clone();
            let wait = retry_after_ms(&err).unwrap_or(self.config.default_lockout_ms);
            entry.resend_at = Some(now + wait);
            entry.notice = Some(CodeNotice::RateLimited { until: now + wait });
            self.phase = Phase::Code(entry);
            fx.push(Effect::Focus(Focus::CodeInput));
            return;
        }
        let method_id = req.method_id;
        // A method that cannot be used now, for a while: say until when, and
        // lead to another option rather than to a send that would be refused.
        let retry = match retry_after_ms(&err) {
            Some(wait) if err.code == ErrorCode::MethodUnavailable => Retry::Paused {
                method_id: method_id.clone(),
                until: now + wait,
            },
            _ => Retry::Send {
                method_id: method_id.clone(),
            },
        };
        let failure = self.failure(err, Some(&method_id), now);
        self.enter_failed(failure, retry, fx);
    }

    pub(super) fn on_verify_error(&mut self, err: ApiError, now: Millis, fx: &mut Vec<Effect>) {
        let default_lockout = self.config.default_lockout_ms;
        let Phase::Code(entry) = &mut self.phase else {
            return;
        };
        entry.submitting = false;
        let notice = match err.code {
            ErrorCode::InvalidCode if err.attempts_left == Some(0) => Some(CodeNotice::Locked {
                until: now + retry_after_ms(&err).unwrap_or(default_lockout),
            }),
            ErrorCode::InvalidCode => Some(CodeNotice::Wrong {
                attempts_left: err.attempts_left,
            }),
            ErrorCode::TooManyAttempts => Some(CodeNotice::Locked {
                until: now + retry_after_ms(&err).unwrap_or(default_lockout),
            }),
            ErrorCode::RateLimited => Some(CodeNotice::RateLimited {
                until: now + retry_after_ms(&err).unwrap_or(default_lockout),
            }),
            ErrorCode::Expired => {
                // A new code is needed: allow it at once.
                if entry.resend_at.is_some() {
                    entry.resend_at = Some(now);
                }
                Some(CodeNotice::Expired)
            }
            _ => None,
        };
        if let Some(notice) = notice {
            if let CodeNotice::Locked { until } = notice {
                // A new code is needed once the lockout ends.
                entry.resend_at = entry.resend_at.map(|_| until);
            }
            entry.code.clear();
            entry.notice = Some(notice);
            fx.push(Effect::Focus(Focus::CodeInput));
            return;
        }
        // Anything else: show it, and let the user come back to the same screen.
        let resume = Retry::Resume(Box::new(self.phase.clone()));
        let method_id = match &self.phase {
            Phase::Code(c) => Some(c.method_id.clone()),
            _ => None,
        };
        let failure = self.failure(err, method_id.as_deref(), now);
        self.enter_failed(failure, resume, fx);
    }

    /// Builds the failure record for an error seen at `now`.
    pub(crate) fn failure(
        &self,
        err: ApiError,
        method_id: Option<&str>,
        now: Millis,
    ) -> FailureDetails {
        let session_ref = err
            .session_ref
            .filter(|r| !r.is_empty())
            .or_else(|| self.session.as_ref().map(|_| self.session_ref()));
        FailureDetails {
            code: err.code,
            message: err.message,
            correlation_id: err
                .correlation_id
                .filter(|c| !c.is_empty())
                .or_else(|| self.last_correlation_id.clone()),
            session_ref,
            server_timestamp: err.timestamp,
            at: now,
            method: method_id.and_then(|id| self.method(id)).cloned(),
            user: self.user().map(str::to_owned),
        }
    }
}

pub(super) fn bad_response(why: &str) -> ApiError {
    ApiError::new(ErrorCode::BadResponse, why)
}

pub(super) fn retry_after_ms(err: &ApiError) -> Option<u64> {
    err.retry_after_secs.map(|s| u64::from(s) * 1000)
}
