//! The flow's state: what the widget shows and what it waits for.

use twostep_protocol::{Challenge, ErrorCode, Method, MethodKind};

use crate::{Call, FlowConfig, Millis, RequestId, SessionOrigin};

/// The loaded challenge and when its window closes on the driver's clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// What the backend sent.
    pub challenge: Challenge,
    /// When the verification window ends.
    pub expires_at: Millis,
}

/// Something the user should know about the code they typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeNotice {
    /// The code was wrong; this many attempts are left, if the backend said.
    Wrong {
        /// Attempts left before a lockout.
        attempts_left: Option<u32>,
    },
    /// Too many wrong codes: locked until `until`.
    Locked {
        /// When the user may try again.
        until: Millis,
    },
    /// The code had expired; a new one is needed.
    Expired,
    /// Too many requests; wait until `until`.
    RateLimited {
        /// When the user may try again.
        until: Millis,
    },
    /// Only digits count; letters or symbols were left out.
    DigitsOnly,
    /// The verify button was pressed before all digits were in.
    Incomplete,
}

/// Waiting for the user to type a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeEntry {
    /// The method the code comes from.
    pub method_id: String,
    /// Where the code went, masked; `None` for app codes.
    pub target: Option<String>,
    /// How many digits the code has.
    pub code_length: u8,
    /// When the code was sent; `None` when nothing is sent (app codes).
    pub sent_at: Option<Millis>,
    /// When another code may be requested; `None` when resending makes no sense.
    pub resend_at: Option<Millis>,
    /// When to suggest another option if nothing has arrived.
    pub suggest_other_at: Option<Millis>,
    /// How many codes were sent for this method; above 1, only the newest works.
    pub sends: u32,
    /// The digits typed so far.
    pub code: String,
    /// True while the code is being checked.
    pub submitting: bool,
    /// What to tell the user about the code, if anything.
    pub notice: Option<CodeNotice>,
}

/// Waiting for the user to approve on another device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approval {
    /// The method used.
    pub method_id: String,
    /// Where the request went, masked.
    pub target: Option<String>,
    /// When it was sent.
    pub sent_at: Millis,
    /// Poll interval in ms, already bounded by the config.
    pub poll_interval_ms: u64,
    /// The number to enter in the app, if the backend uses number matching.
    pub number_to_match: Option<String>,
}

/// Everything support needs about a failure (the details panel).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The stable reason.
    pub code: ErrorCode,
    /// The server's message, if any (plain text).
    pub message: String,
    /// The failing request's correlation ID.
    pub correlation_id: Option<String>,
    /// The public reference of the verification, when known (never its
    /// secret handle).
    pub session_ref: Option<String>,
    /// The server's timestamp, if it sent one.
    pub server_timestamp: Option<String>,
    /// When the widget saw the failure.
    pub at: Millis,
    /// The method being attempted, if any.
    pub method: Option<Method>,
}

/// What "Try again" does on the failure screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Retry {
    /// Load the challenge again, the way the first load went (the same
    /// handle, the host's function, or the user hint).
    Start {
        /// Ask the host's function for a new session rather than the one it
        /// gave: the backend did not know the handle (it restarted, or the
        /// session is gone), so the same handle would fail the same way.
        fresh: bool,
    },
    /// Send with this method again.
    Send {
        /// The method to send with.
        method_id: String,
    },
    /// Go back to the screen the failure interrupted, as it was.
    Resume(Box<Phase>),
    /// Use another option: the backend paused the method for a while (app
    /// notifications after several denials), so sending with it again would
    /// only be refused. "Try again" opens the list of options, or the
    /// recovery guidance when the user has no other.
    Paused {
        /// The paused method.
        method_id: String,
        /// When the backend said it may be used again.
        until: Millis,
    },
}

/// The screen the flow is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Loading the challenge.
    Loading,
    /// Asking the backend to send with a method.
    Sending {
        /// The method.
        method_id: String,
        /// True for "send me a new code".
        resend: bool,
        /// The code entry to return to if a resend is refused.
        previous: Option<Box<CodeEntry>>,
    },
    /// Waiting for a code.
    Code(CodeEntry),
    /// Waiting for an approval.
    Approval(Approval),
    /// Done: hand over to the host.
    Verified {
        /// The backend's proof.
        assertion: String,
    },
    /// The window ran out.
    TimedOut(Failure),
    /// Something failed.
    Failed {
        /// What failed, for the details panel.
        failure: Failure,
        /// What "Try again" does.
        retry: Retry,
    },
}

/// A panel shown over the current screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The list of other verification options.
    Picker,
    /// Guidance for a lost phone or no usable method.
    Recovery,
}

/// A backend call in flight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pending {
    pub(crate) id: RequestId,
    pub(crate) call: Call,
    pub(crate) deadline: Millis,
}

/// The whole state of one verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    /// Settings.
    pub config: FlowConfig,
    /// The loaded challenge, once there is one.
    pub session: Option<Session>,
    /// The current screen.
    pub phase: Phase,
    /// A panel over the screen, if open.
    pub overlay: Option<Overlay>,
    pub(crate) pending: Option<Pending>,
    pub(crate) next_request: u32,
    /// Seed of correlation IDs, from `Event::Begin`.
    pub(crate) entropy: u64,
    /// Where sessions come from, from `Event::Begin`.
    pub(crate) origin: SessionOrigin,
    /// The host's user hint, from `Event::Begin`.
    pub(crate) user_hint: Option<String>,
    /// The correlation ID of the latest call, shown when a failure has none.
    pub(crate) last_correlation_id: Option<String>,
    /// The user's "don't ask again on this device" choice. It outlives method
    /// switches, resends and restarts; it is sent only while the offer stands.
    pub(crate) remember_device: bool,
}

impl Flow {
    /// A flow that has not begun; send `Event::Begin` to start it.
    pub fn new(config: FlowConfig) -> Self {
        Flow {
            config,
            session: None,
            phase: Phase::Loading,
            overlay: None,
            pending: None,
            next_request: 0,
            entropy: 0,
            origin: SessionOrigin::Hint,
            user_hint: None,
            last_correlation_id: None,
            remember_device: false,
        }
    }

    /// The "don't ask again on this device" offer, when there is one: the
    /// number of days the backend offers and whether the user ticked it.
    /// `None` before a challenge is loaded, when the challenge offers nothing
    /// (or 0 days), and when [`FlowConfig::offer_remember_device`] is off.
    pub fn remember_offer(&self) -> Option<(u32, bool)> {
        if !self.config.offer_remember_device {
            return None;
        }
        let days = self.session.as_ref()?.challenge.remember_device_days?;
        (days > 0).then_some((days, self.remember_device))
    }

    /// What verify and poll calls send as `remember_device` now: true only
    /// when the offer stands and the user ticked it.
    pub(crate) fn remembers_device(&self) -> bool {
        self.remember_offer().is_some_and(|(_, ticked)| ticked)
    }

    /// The method with this id in the loaded challenge.
    pub fn method(&self, id: &str) -> Option<&Method> {
        self.session.as_ref()?.challenge.method(id)
    }

    /// The method the current screen is about.
    pub fn current_method(&self) -> Option<&Method> {
        let id = match &self.phase {
            Phase::Sending { method_id, .. } => method_id,
            Phase::Code(c) => &c.method_id,
            Phase::Approval(a) => &a.method_id,
            Phase::Failed {
                retry: Retry::Send { method_id } | Retry::Paused { method_id, .. },
                ..
            } => method_id,
            _ => return None,
        };
        self.method(id)
    }

    /// The kind of the current method, if any.
    pub fn current_kind(&self) -> Option<MethodKind> {
        self.current_method().map(|m| m.kind)
    }

    /// True while a backend call is in flight.
    pub fn is_busy(&self) -> bool {
        self.pending.is_some()
    }

    /// Milliseconds left in the verification window, if a challenge is loaded.
    pub fn window_left_ms(&self, now: Millis) -> Option<u64> {
        match self.phase {
            Phase::Verified { .. } | Phase::TimedOut(_) => None,
            _ => self
                .session
                .as_ref()
                .map(|s| s.expires_at.saturating_sub(now)),
        }
    }

    /// True when the user may ask for a new code now.
    pub fn can_resend(&self, now: Millis) -> bool {
        match &self.phase {
            Phase::Code(c) => {
                !c.submitting
                    && self.pending.is_none()
                    && c.resend_at.is_some_and(|t| now >= t)
                    && !c.is_locked(now)
            }
            _ => false,
        }
    }

    /// True when the flow should suggest another option: nothing arrived,
    /// the request was denied, or the method is paused.
    pub fn suggests_other(&self, now: Millis) -> bool {
        match &self.phase {
            Phase::Code(c) => c.suggest_other_at.is_some_and(|t| now >= t),
            Phase::Approval(a) => now >= a.sent_at + self.config.suggest_other_after_ms,
            Phase::Failed { failure, retry } => {
                failure.code == ErrorCode::Denied || matches!(retry, Retry::Paused { .. })
            }
            _ => false,
        }
    }

    /// When the method the failure is about may be used again, if the
    /// backend paused it (see [`Retry::Paused`]).
    pub fn paused_until(&self) -> Option<Millis> {
        match self.phase {
            Phase::Failed {
                retry: Retry::Paused { until, .. },
                ..
            } => Some(until),
            _ => None,
        }
    }

    /// True when the user has at least one other method to switch to.
    pub fn has_other_methods(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.challenge.methods.len() > 1)
    }

    /// True when the user can move on from here: act, or wait for something that
    /// is sure to happen (an answer under a deadline, or a scheduled poll).
    pub fn has_way_forward(&self) -> bool {
        match &self.phase {
            Phase::Verified { .. } | Phase::TimedOut(_) | Phase::Failed { .. } => true,
            Phase::Loading | Phase::Sending { .. } => self.pending.is_some(),
            Phase::Code(c) => !c.submitting || self.pending.is_some(),
            Phase::Approval(_) => true,
        }
    }
}

impl CodeEntry {
    /// True while a lockout is in force.
    pub fn is_locked(&self, now: Millis) -> bool {
        matches!(self.notice, Some(CodeNotice::Locked { until }) if now < until)
    }

    /// True when the code field should accept input.
    pub fn accepts_input(&self, now: Millis) -> bool {
        !self.submitting && !self.is_locked(now)
    }
}
