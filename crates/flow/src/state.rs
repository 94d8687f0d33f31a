//! The flow's state: what the widget shows and what it waits for.

use twostep_protocol::Challenge;

use crate::call::{Call, RequestId};
use crate::config::FlowConfig;
use crate::event::SessionOrigin;
use crate::failure::FailureDetails;
use crate::reminder::Reminder;
use crate::timer::Millis;

/// The loaded challenge and when its window closes on the driver's clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// What the backend sent.
    pub challenge: Challenge,
    /// When the verification window ends.
    pub expires_at: Millis,
    /// Codes sent to the user in this session so far, to any method: each
    /// new one replaces the last, so from the second on only the newest works.
    pub codes_sent: u32,
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
    /// How many codes this session has sent, to any method, counting this
    /// one (0 for app codes, which are not sent); above 1, only the newest
    /// works, so a switch to another method says so as a resend does.
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
        /// The code entry shown meanwhile: the one a resend came from (and
        /// returns to if refused), or an empty one while a first code is on
        /// its way, so that the field is up before the backend answers.
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
    TimedOut(FailureDetails),
    /// Something failed.
    Failed {
        /// What failed, for the details panel.
        failure: FailureDetails,
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
    /// Once verified: what to remind the user of ([`Flow::reminder`]).
    pub(crate) reminder: Option<Reminder>,
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
            reminder: None,
        }
    }
}

impl CodeNotice {
    /// True when the notice says the code the user typed is wrong (the field
    /// shows as invalid); false for waits and hints.
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            CodeNotice::Wrong { .. } | CodeNotice::Expired | CodeNotice::Incomplete
        )
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

    /// How long until another code may be requested, at `now`: `None` when
    /// it may be now, or when resending makes no sense (app codes).
    pub fn resend_wait(&self, now: Millis) -> Option<Millis> {
        self.resend_at.filter(|at| *at > now).map(|at| at - now)
    }

    /// True when the current notice is an error (see [`CodeNotice::is_error`]).
    pub fn has_error(&self) -> bool {
        self.notice.as_ref().is_some_and(CodeNotice::is_error)
    }
}
