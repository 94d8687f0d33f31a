//! Entering the end screens: timed out, failed, verified. Each leaves the
//! screen before it the same way ([`Flow::leave_for`]).

use twostep_protocol::{ApiError, ErrorCode};

use crate::effect::{Effect, Focus};
use crate::failure::FailureDetails;
use crate::host_event::HostEvent;
use crate::reminder::Reminder;
use crate::state::{Flow, Phase, Retry};
use crate::timer::{Millis, Timer};

impl Flow {
    /// Times out when the window has passed (checked before every event).
    pub(super) fn expire_if_due(&mut self, now: Millis, fx: &mut Vec<Effect>) {
        let Some(session) = &self.session else { return };
        if now < session.expires_at
            || matches!(self.phase, Phase::Verified { .. } | Phase::TimedOut(_))
        {
            return;
        }
        let method_id = self.current_method().map(|m| m.id.clone());
        let expired = ApiError::new(ErrorCode::SessionExpired, String::new());
        let failure = self.failure(expired, method_id.as_deref(), now);
        self.enter_timed_out(failure, fx);
    }

    pub(super) fn enter_timed_out(&mut self, failure: FailureDetails, fx: &mut Vec<Effect>) {
        let event = HostEvent::TimedOut(failure.clone());
        self.leave_for(Phase::TimedOut(failure), true, event, fx);
    }

    pub(super) fn enter_failed(
        &mut self,
        failure: FailureDetails,
        retry: Retry,
        fx: &mut Vec<Effect>,
    ) {
        let event = HostEvent::Error(failure.clone());
        self.leave_for(Phase::Failed { failure, retry }, false, event, fx);
    }

    /// Done; `remember_device` is what the successful call asked for.
    pub(super) fn enter_verified(
        &mut self,
        assertion: String,
        remember_device: bool,
        fx: &mut Vec<Effect>,
    ) {
        // Decided before the phase changes: the method verified with is the
        // current one.
        self.reminder = match (&self.session, self.current_method()) {
            (Some(s), _) if s.challenge.methods.len() == 1 => Some(Reminder::AddSecond),
            (Some(s), Some(m)) if m.id != s.challenge.default_method => Some(Reminder::OtherOption),
            _ => None,
        };
        let event = HostEvent::Verified {
            assertion: assertion.clone(),
            session_ref: self.session_ref(),
            remember_device,
            reminder: self.reminder,
        };
        self.leave_for(Phase::Verified { assertion }, true, event, fx);
    }

    /// The cleanup every end screen shares: forget the call in flight and
    /// any open panel, stop the request and poll timers (and the window's,
    /// when `window_over`: verified or timed out), move focus to the new
    /// heading, and tell the host.
    fn leave_for(
        &mut self,
        phase: Phase,
        window_over: bool,
        event: HostEvent,
        fx: &mut Vec<Effect>,
    ) {
        self.pending = None;
        self.overlay = None;
        self.phase = phase;
        fx.extend([Effect::Cancel(Timer::Request), Effect::Cancel(Timer::Poll)]);
        if window_over {
            fx.push(Effect::Cancel(Timer::Window));
        }
        fx.extend([Effect::Focus(Focus::Heading), Effect::Emit(event)]);
    }
}
