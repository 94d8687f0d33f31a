//! The four calls of twostep's contract, as the simulated server answers
//! them: it keeps the rules a real backend keeps (only the newest code works,
//! cool-downs, attempt limits, lockout, expiry).

use twostep_protocol::{
    ApiError, Challenge, Delivery, ErrorCode, MethodKind, PollRequest, PollResponse, PollStatus,
    SendRequest, SendResponse, StartRequest, VerifyRequest, VerifyResponse,
};

use super::phone_message::PhoneKind;
use super::scenario::Scenario;
use super::state::{APP_STEP_MS, Approval, Code, State};

/// How long a texted code stays valid, in ms.
pub(super) const CODE_TTL_MS: u64 = 5 * 60_000;
/// When the simulated user answers an approval by themselves, in ms.
pub(super) const AUTO_ANSWER_MS: u64 = 2_500;
/// Lockout after the last wrong code, in seconds.
pub(super) const LOCKOUT_SECS: u32 = 30;
impl State {
    /// Like the reference server in development mode: a handle resumes its
    /// session while it lasts (an ended one is `session_expired`, an unknown
    /// one `bad_request`); without a handle, a new session starts.
    pub(super) fn start(&mut self, req: StartRequest) -> Result<Challenge, ApiError> {
        match req.session_handle {
            Some(handle) => {
                let known = self.session.as_ref().is_some_and(|s| s.handle == handle);
                if !known {
                    return Err(ApiError::new(
                        ErrorCode::BadRequest,
                        "No such sign-in session.",
                    ));
                }
                self.session(&handle)?;
            }
            None => {
                self.create();
            }
        }
        Ok(self.challenge())
    }

    pub(super) fn send(&mut self, req: SendRequest) -> Result<SendResponse, ApiError> {
        let now = self.now();
        let scenario = self.scenario;
        let method = scenario
            .methods()
            .into_iter()
            .find(|m| m.id == req.method_id)
            .ok_or_else(|| {
                ApiError::new(ErrorCode::MethodUnavailable, "No such verification method.")
            })?;
        self.session(&req.session_handle)?;
        if scenario == Scenario::ServerError && !self.failed_once {
            self.failed_once = true;
            return Err(ApiError::new(
                ErrorCode::Internal,
                "The text service did not answer.",
            ));
        }
        let cool_down = u64::from(scenario.resend_after_secs()) * 1000;
        let code = (method.kind != MethodKind::Totp).then(|| self.digits(6));
        let number = (scenario == Scenario::NumberMatch).then(|| self.digits(2));
        let s = self.session(&req.session_handle)?;
        if let Some((_, last)) = s.last_send.iter().find(|(m, _)| *m == req.method_id)
            && req.resend
            && now < last + cool_down
        {
            let mut e = ApiError::new(ErrorCode::RateLimited, "Wait before asking again.");
            e.retry_after_secs = Some(((last + cool_down - now).div_ceil(1000)) as u32);
            return Err(e);
        }
        s.last_send.retain(|(m, _)| *m != req.method_id);
        s.last_send.push((req.method_id.clone(), now));
        let target = method.target.clone();
        let delivery = match method.kind {
            MethodKind::Totp => Delivery::Code {
                target: None,
                code_length: 6,
                resend_after_secs: None,
                suggest_other_after_secs: None,
            },
            MethodKind::Push | MethodKind::Voice => {
                let to = target.clone().unwrap_or_default();
                let kind = if method.kind == MethodKind::Voice {
                    PhoneKind::Call { to }
                } else {
                    PhoneKind::Push {
                        number: number.clone(),
                    }
                };
                let message = self.deliver(kind);
                let s = self.session(&req.session_handle)?;
                s.approval = Some(Approval {
                    method_id: req.method_id.clone(),
                    sent_at: now,
                    number: number.clone(),
                    message,
                });
                Delivery::Approval {
                    target: target.clone(),
                    poll_interval_ms: 1_000,
                    number_to_match: number,
                }
            }
            _ => {
                // A new code replaces the old one: only the newest works.
                let digits = code.unwrap_or_default();
                s.code = Some(Code {
                    method_id: req.method_id.clone(),
                    digits: digits.clone(),
                    sent_at: now,
                });
                if !scenario.loses_texts_to(&req.method_id) {
                    let to = target.clone().unwrap_or_default();
                    self.deliver(PhoneKind::Text { to, code: digits });
                }
                Delivery::Code {
                    target,
                    code_length: 6,
                    resend_after_secs: Some(scenario.resend_after_secs()),
                    suggest_other_after_secs: Some(scenario.suggest_other_after_secs()),
                }
            }
        };
        Ok(SendResponse {
            method_id: req.method_id,
            delivery,
        })
    }

    pub(super) fn verify(&mut self, req: VerifyRequest) -> Result<VerifyResponse, ApiError> {
        let now = self.now();
        let scenario = self.scenario;
        let is_app = scenario
            .methods()
            .iter()
            .any(|m| m.id == req.method_id && m.kind == MethodKind::Totp);
        let app_ok = is_app
            && (req.code == self.app_code(now)
                || req.code == self.app_code(now.saturating_sub(APP_STEP_MS)));
        let assertion = self.id("demo-assertion");
        let s = self.session(&req.session_handle)?;
        if let Some(until) = s.locked_until.filter(|u| now < *u) {
            let mut e = ApiError::new(ErrorCode::TooManyAttempts, "Too many wrong codes.");
            e.retry_after_secs = Some((until - now).div_ceil(1000) as u32);
            return Err(e);
        }
        if s.locked_until.is_some() {
            s.locked_until = None;
            s.attempts_left = scenario.attempts();
        }
        let right = if is_app {
            app_ok
        } else {
            match &s.code {
                Some(c) if c.method_id == req.method_id && c.digits == req.code => {
                    if now >= c.sent_at + CODE_TTL_MS {
                        s.code = None;
                        return Err(ApiError::new(ErrorCode::Expired, "The code has expired."));
                    }
                    true
                }
                _ => false,
            }
        };
        if right {
            s.code = None;
            return Ok(VerifyResponse { assertion });
        }
        s.attempts_left = s.attempts_left.saturating_sub(1);
        if s.attempts_left == 0 {
            s.locked_until = Some(now + u64::from(LOCKOUT_SECS) * 1000);
            s.code = None;
            let mut e = ApiError::new(ErrorCode::TooManyAttempts, "Too many wrong codes.");
            e.retry_after_secs = Some(LOCKOUT_SECS);
            e.attempts_left = Some(0);
            return Err(e);
        }
        let mut e = ApiError::new(ErrorCode::InvalidCode, "The code is not right.");
        e.attempts_left = Some(s.attempts_left);
        Err(e)
    }

    pub(super) fn poll(&mut self, req: PollRequest) -> Result<PollResponse, ApiError> {
        let now = self.now();
        let scenario = self.scenario;
        let assertion = self.id("demo-assertion");
        let s = self.session(&req.session_handle)?;
        let Some(a) = s.approval.as_ref().filter(|a| a.method_id == req.method_id) else {
            return Err(ApiError::new(
                ErrorCode::MethodUnavailable,
                "Nothing was sent with this method.",
            ));
        };
        let (sent_at, index, has_number) = (a.sent_at, a.message, a.number.is_some());
        // The simulated user answers by themselves, except for number matching,
        // where the demo page's phone panel must be used.
        if self.phone[index].answer.is_none()
            && !has_number
            && scenario.answers_by_itself()
            && now >= sent_at + AUTO_ANSWER_MS
        {
            self.phone[index].answer = Some(scenario != Scenario::PushDenied);
        }
        let status = match self.phone[index].answer {
            Some(true) => PollStatus::Approved,
            Some(false) => PollStatus::Denied,
            None if now >= sent_at + scenario.approval_ttl_ms() => PollStatus::Expired,
            None => PollStatus::Pending,
        };
        if status != PollStatus::Pending
            && let Some(s) = self.session.as_mut()
        {
            s.approval = None;
        }
        Ok(PollResponse {
            status,
            assertion: (status == PollStatus::Approved).then_some(assertion),
        })
    }
}
