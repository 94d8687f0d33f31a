//! The transition function: state + event + now -> new state + effects.

use twostep_protocol::{
    ApiError, Challenge, Delivery, ErrorCode, MethodKind, PollRequest, PollResponse, PollStatus,
    SendRequest, SendResponse, StartRequest, VerifyRequest,
};

use crate::state::Pending;
use crate::{
    Approval, Call, CodeEntry, CodeNotice, Effect, Event, Failure, Flow, Focus, HostEvent, Millis,
    Overlay, Phase, Reply, RequestId, Retry, Session, SessionOrigin, Timer, normalize_code,
};

/// Longest code the flow accepts from a backend.
const MAX_CODE_LENGTH: u8 = 12;

impl Flow {
    /// Handles one event at time `now`, returning the next state and the effects
    /// the driver must carry out, in order.
    pub fn step(mut self, event: Event, now: Millis) -> (Flow, Vec<Effect>) {
        let mut fx = Vec::new();
        self.expire_if_due(now, &mut fx);
        self.handle(event, now, &mut fx);
        (self, fx)
    }

    fn handle(&mut self, event: Event, now: Millis, fx: &mut Vec<Effect>) {
        match event {
            Event::Begin {
                session,
                user_hint,
                entropy,
            } => {
                if matches!(self.phase, Phase::Loading) && self.pending.is_none() {
                    self.entropy = entropy;
                    self.origin = session;
                    self.user_hint = user_hint;
                    self.load(false, now, fx);
                }
            }
            Event::Response { id, result } => self.on_response(id, result, now, fx),
            Event::TimerFired(timer) => self.on_timer(timer, now, fx),
            Event::CodeChanged(raw) => self.on_code_changed(&raw, now, fx),
            Event::SubmitCode => self.submit_code(now, fx),
            Event::Resend => {
                if self.can_resend(now)
                    && let Phase::Code(entry) = &self.phase
                {
                    let entry = entry.clone();
                    self.send(entry.method_id.clone(), Some(entry), now, fx);
                }
            }
            Event::OpenPicker => {
                if self.session.is_some() && self.is_interactive() {
                    self.overlay = Some(Overlay::Picker);
                    fx.push(Effect::Focus(Focus::Picker));
                }
            }
            Event::ClosePicker | Event::CloseRecovery => {
                if self.overlay.take().is_some() {
                    fx.push(Effect::Focus(Focus::Heading));
                }
            }
            Event::OpenRecovery => {
                if self.is_interactive() || matches!(self.phase, Phase::TimedOut(_)) {
                    self.overlay = Some(Overlay::Recovery);
                    fx.push(Effect::Focus(Focus::Heading));
                }
            }
            Event::PickMethod(method_id) => self.pick(method_id, now, fx),
            Event::RememberDevice(ticked) => {
                if self.remember_offer().is_some() {
                    self.remember_device = ticked;
                }
            }
            Event::Retry => self.retry(now, fx),
            Event::Restart => {
                if !matches!(self.phase, Phase::TimedOut(_) | Phase::Failed { .. }) {
                    return;
                }
                if let SessionOrigin::Handle(_) = self.origin {
                    // Only the host's server can start another session.
                    fx.push(Effect::Reload);
                    return;
                }
                self.session = None;
                self.overlay = None;
                fx.push(Effect::Cancel(Timer::Window));
                self.load(true, now, fx);
                fx.push(Effect::Focus(Focus::Heading));
            }
        }
    }

    /// True on screens where the user can pick another option.
    fn is_interactive(&self) -> bool {
        matches!(
            self.phase,
            Phase::Sending { .. } | Phase::Code(_) | Phase::Approval(_) | Phase::Failed { .. }
        ) && self.session.is_some()
    }

    fn expire_if_due(&mut self, now: Millis, fx: &mut Vec<Effect>) {
        let Some(session) = &self.session else { return };
        if now < session.expires_at
            || matches!(self.phase, Phase::Verified { .. } | Phase::TimedOut(_))
        {
            return;
        }
        let failure = Failure {
            code: ErrorCode::SessionExpired,
            message: String::new(),
            correlation_id: self.last_correlation_id.clone(),
            session_ref: Some(session.challenge.session_ref.clone()),
            server_timestamp: None,
            at: now,
            method: self.current_method().cloned(),
        };
        self.enter_timed_out(failure, fx);
    }

    fn enter_timed_out(&mut self, failure: Failure, fx: &mut Vec<Effect>) {
        self.pending = None;
        self.overlay = None;
        self.phase = Phase::TimedOut(failure.clone());
        fx.extend([
            Effect::Cancel(Timer::Request),
            Effect::Cancel(Timer::Poll),
            Effect::Cancel(Timer::Window),
            Effect::Focus(Focus::Heading),
            Effect::Emit(HostEvent::TimedOut(failure)),
        ]);
    }

    fn enter_failed(&mut self, failure: Failure, retry: Retry, fx: &mut Vec<Effect>) {
        self.pending = None;
        self.overlay = None;
        self.phase = Phase::Failed {
            failure: failure.clone(),
            retry,
        };
        fx.extend([
            Effect::Cancel(Timer::Request),
            Effect::Cancel(Timer::Poll),
            Effect::Focus(Focus::Heading),
            Effect::Emit(HostEvent::Error(failure)),
        ]);
    }

    /// Done; `remember_device` is what the successful call asked for.
    fn enter_verified(&mut self, assertion: String, remember_device: bool, fx: &mut Vec<Effect>) {
        self.pending = None;
        self.overlay = None;
        self.phase = Phase::Verified {
            assertion: assertion.clone(),
        };
        fx.extend([
            Effect::Cancel(Timer::Request),
            Effect::Cancel(Timer::Poll),
            Effect::Cancel(Timer::Window),
            Effect::Focus(Focus::Heading),
            Effect::Emit(HostEvent::Verified {
                assertion,
                session_ref: self.session_ref(),
                remember_device,
            }),
        ]);
    }

    /// Builds the failure record for an error seen at `now`.
    fn failure(&self, err: ApiError, method_id: Option<&str>, now: Millis) -> Failure {
        let session_ref = err
            .session_ref
            .filter(|r| !r.is_empty())
            .or_else(|| self.session.as_ref().map(|_| self.session_ref()));
        Failure {
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
        }
    }

    /// The secret handle, for calls to the backend only.
    fn session_handle(&self) -> String {
        self.session
            .as_ref()
            .map(|s| s.challenge.session_handle.clone())
            .unwrap_or_default()
    }

    /// The public reference, for the host and the details panel.
    fn session_ref(&self) -> String {
        self.session
            .as_ref()
            .map(|s| s.challenge.session_ref.clone())
            .unwrap_or_default()
    }

    /// Loads the challenge the way `Event::Begin` said: asks the host's
    /// function for a handle (`fresh` on starting over), or starts with the
    /// host's handle, or from the user hint.
    fn load(&mut self, fresh: bool, now: Millis, fx: &mut Vec<Effect>) {
        self.phase = Phase::Loading;
        let call = match &self.origin {
            SessionOrigin::Host => Call::Session { fresh },
            SessionOrigin::Handle(handle) => start_with(handle.clone()),
            SessionOrigin::Hint => Call::Start(StartRequest {
                session_handle: None,
                user_hint: self.user_hint.clone(),
            }),
        };
        self.call(call, now, fx);
    }

    fn call(&mut self, call: Call, now: Millis, fx: &mut Vec<Effect>) {
        let id = RequestId(self.next_request);
        self.next_request = self.next_request.wrapping_add(1);
        let correlation_id = correlation_id(self.entropy, id.0);
        self.last_correlation_id = Some(correlation_id.clone());
        let after_ms = self.config.request_timeout_ms;
        self.pending = Some(Pending {
            id,
            call: call.clone(),
            deadline: now + after_ms,
        });
        fx.push(Effect::Call {
            id,
            call,
            correlation_id,
        });
        fx.push(Effect::Schedule {
            timer: Timer::Request,
            after_ms,
        });
    }

    fn send(
        &mut self,
        method_id: String,
        previous: Option<CodeEntry>,
        now: Millis,
        fx: &mut Vec<Effect>,
    ) {
        let resend = previous.is_some();
        fx.push(Effect::Cancel(Timer::Poll));
        let call = Call::Send(SendRequest {
            session_handle: self.session_handle(),
            method_id: method_id.clone(),
            resend,
        });
        self.phase = Phase::Sending {
            method_id,
            resend,
            previous: previous.map(Box::new),
        };
        self.call(call, now, fx);
    }

    fn pick(&mut self, method_id: String, now: Millis, fx: &mut Vec<Effect>) {
        if !self.is_interactive() || self.method(&method_id).is_none() {
            return;
        }
        self.overlay = None;
        let same = match &self.phase {
            Phase::Code(c) => c.method_id == method_id,
            Phase::Approval(a) => a.method_id == method_id,
            Phase::Sending { method_id: m, .. } => *m == method_id,
            _ => false,
        };
        if same {
            fx.push(Effect::Focus(Focus::Heading));
            return;
        }
        fx.push(Effect::Emit(HostEvent::MethodChanged {
            method_id: method_id.clone(),
        }));
        self.send(method_id, None, now, fx);
        fx.push(Effect::Focus(Focus::Heading));
    }

    fn retry(&mut self, now: Millis, fx: &mut Vec<Effect>) {
        let Phase::Failed { retry, .. } = &self.phase else {
            return;
        };
        match retry.clone() {
            Retry::Start { fresh } => self.load(fresh, now, fx),
            Retry::Send { method_id } => self.send(method_id, None, now, fx),
            Retry::Paused { .. } => {
                let (overlay, focus) = if self.has_other_methods() {
                    (Overlay::Picker, Focus::Picker)
                } else {
                    (Overlay::Recovery, Focus::Heading)
                };
                self.overlay = Some(overlay);
                fx.push(Effect::Focus(focus));
                return;
            }
            Retry::Resume(phase) => {
                self.phase = *phase;
                match &self.phase {
                    Phase::Approval(_) => fx.push(Effect::Schedule {
                        timer: Timer::Poll,
                        after_ms: 0,
                    }),
                    Phase::Code(_) => fx.push(Effect::Focus(Focus::CodeInput)),
                    _ => {}
                }
            }
        }
        fx.push(Effect::Focus(Focus::Heading));
    }

    fn on_timer(&mut self, timer: Timer, now: Millis, fx: &mut Vec<Effect>) {
        match timer {
            // Expiry itself is handled before every event.
            Timer::Window => {}
            Timer::Request => {
                let Some(p) = &self.pending else { return };
                if now < p.deadline {
                    return;
                }
                let err = ApiError::new(ErrorCode::Timeout, String::new());
                let id = p.id;
                self.on_response(id, Err(err), now, fx);
            }
            Timer::Poll => {
                if self.pending.is_some() {
                    return;
                }
                if let Phase::Approval(a) = &self.phase {
                    let call = Call::Poll(PollRequest {
                        session_handle: self.session_handle(),
                        method_id: a.method_id.clone(),
                        remember_device: self.remembers_device(),
                    });
                    self.call(call, now, fx);
                }
            }
        }
    }

    fn on_code_changed(&mut self, raw: &str, now: Millis, fx: &mut Vec<Effect>) {
        let auto_submit = self.config.auto_submit;
        let Phase::Code(entry) = &mut self.phase else {
            return;
        };
        if !entry.accepts_input(now) {
            return;
        }
        let input = normalize_code(raw, usize::from(entry.code_length));
        entry.code = input.digits;
        entry.notice = if input.dropped_other {
            Some(CodeNotice::DigitsOnly)
        } else {
            match entry.notice {
                // Keep what the user still needs to know while they retype.
                Some(CodeNotice::Wrong { .. } | CodeNotice::Expired) => entry.notice.clone(),
                _ => None,
            }
        };
        if auto_submit && entry.code.len() == usize::from(entry.code_length) {
            self.submit_code(now, fx);
        }
    }

    fn submit_code(&mut self, now: Millis, fx: &mut Vec<Effect>) {
        if self.pending.is_some() {
            return;
        }
        let session_handle = self.session_handle();
        let remember_device = self.remembers_device();
        let Phase::Code(entry) = &mut self.phase else {
            return;
        };
        if !entry.accepts_input(now) {
            return;
        }
        if entry.code.len() != usize::from(entry.code_length) {
            entry.notice = Some(CodeNotice::Incomplete);
            fx.push(Effect::Focus(Focus::CodeInput));
            return;
        }
        entry.submitting = true;
        let call = Call::Verify(VerifyRequest {
            session_handle,
            method_id: entry.method_id.clone(),
            code: entry.code.clone(),
            remember_device,
        });
        self.call(call, now, fx);
    }

    fn on_response(
        &mut self,
        id: RequestId,
        result: Result<Reply, ApiError>,
        now: Millis,
        fx: &mut Vec<Effect>,
    ) {
        let Some(pending) = self.pending.take_if(|p| p.id == id) else {
            return; // An answer to a call the flow no longer waits for.
        };
        fx.push(Effect::Cancel(Timer::Request));
        match (pending.call, result) {
            (Call::Session { .. }, Ok(Reply::Session(handle))) => {
                if handle.trim().is_empty() {
                    // Never echo what the host gave: it may be a secret.
                    let err = ApiError::new(ErrorCode::Internal, "the host gave no session");
                    self.on_error(Call::Session { fresh: false }, err, now, fx);
                } else {
                    self.call(start_with(handle), now, fx);
                }
            }
            (Call::Start(_), Ok(Reply::Started(c))) => self.on_started(c, now, fx),
            (Call::Send(req), Ok(Reply::Sent(r))) => self.on_sent(req, r, now, fx),
            (Call::Verify(req), Ok(Reply::Verified(v))) => {
                if v.assertion.is_empty() {
                    let err = bad_response("the verify answer has no assertion");
                    self.on_verify_error(err, now, fx);
                } else {
                    self.enter_verified(v.assertion, req.remember_device, fx);
                }
            }
            (Call::Poll(req), Ok(Reply::Polled(p))) => self.on_polled(req, p, now, fx),
            (call, Ok(_)) => {
                let err = bad_response("the answer does not match the request");
                self.on_error(call, err, now, fx);
            }
            (call, Err(err)) => self.on_error(call, err, now, fx),
        }
    }

    fn on_error(&mut self, call: Call, err: ApiError, now: Millis, fx: &mut Vec<Effect>) {
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

    fn on_started(&mut self, challenge: Challenge, now: Millis, fx: &mut Vec<Effect>) {
        if let Err(why) = check_challenge(&challenge) {
            let failure = self.failure(bad_response(why), None, now);
            self.enter_failed(failure, Retry::Start { fresh: false }, fx);
            return;
        }
        let window_ms = u64::from(challenge.expires_in_secs) * 1000;
        let default = if challenge.method(&challenge.default_method).is_some() {
            challenge.default_method.clone()
        } else {
            challenge.methods[0].id.clone()
        };
        self.session = Some(Session {
            challenge,
            expires_at: now + window_ms,
        });
        fx.push(Effect::Schedule {
            timer: Timer::Window,
            after_ms: window_ms,
        });
        fx.push(Effect::Emit(HostEvent::Ready {
            session_ref: self.session_ref(),
        }));
        self.send(default, None, now, fx);
    }

    fn on_sent(&mut self, req: SendRequest, r: SendResponse, now: Millis, fx: &mut Vec<Effect>) {
        if r.method_id != req.method_id {
            let err = bad_response("the send answer names another method");
            self.on_send_error(req, err, now, fx);
            return;
        }
        let previous_sends = match &self.phase {
            Phase::Sending {
                previous: Some(p), ..
            } => p.sends,
            _ => 0,
        };
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
                    sends: if delivered { previous_sends + 1 } else { 0 },
                    code: String::new(),
                    submitting: false,
                    notice: None,
                });
                fx.push(Effect::Focus(Focus::CodeInput));
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

    fn on_send_error(
        &mut self,
        req: SendRequest,
        err: ApiError,
        now: Millis,
        fx: &mut Vec<Effect>,
    ) {
        // A refused resend goes back to the code entry the user had.
        if let Phase::Sending {
            previous: Some(prev),
            ..
        } = &self.phase
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

    fn on_verify_error(&mut self, err: ApiError, now: Millis, fx: &mut Vec<Effect>) {
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

    fn on_polled(&mut self, req: PollRequest, p: PollResponse, now: Millis, fx: &mut Vec<Effect>) {
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

/// A UUID-shaped correlation ID for call number `n`, derived from the
/// cryptographically random `entropy` with SipHash, so IDs are unique within a
/// flow and neither guessable across flows nor invertible back to the seed.
fn correlation_id(entropy: u64, n: u32) -> String {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let derive = |part: u8| {
        let mut h = DefaultHasher::new();
        (entropy, n, part).hash(&mut h);
        h.finish()
    };
    let (a, b) = (derive(0), derive(1));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

/// A start that resumes the session with this handle. The user hint is left
/// out: the session already names the user.
fn start_with(handle: String) -> Call {
    Call::Start(StartRequest {
        session_handle: Some(handle),
        user_hint: None,
    })
}

fn bad_response(why: &str) -> ApiError {
    ApiError::new(ErrorCode::BadResponse, why)
}

fn retry_after_ms(err: &ApiError) -> Option<u64> {
    err.retry_after_secs.map(|s| u64::from(s) * 1000)
}

/// Rejects challenges the flow cannot work with.
fn check_challenge(c: &Challenge) -> Result<(), &'static str> {
    if c.session_handle.is_empty() || c.session_ref.is_empty() {
        return Err("the challenge has no session handle or reference");
    }
    if c.methods.is_empty() {
        return Err("no verification methods are set up for this account");
    }
    if c.expires_in_secs == 0 {
        return Err("the verification window is already over");
    }
    Ok(())
}
