//! What can happen to the flow.

use twostep_protocol::{ApiError, Challenge, PollResponse, SendResponse, VerifyResponse};

use crate::Timer;

/// Names one backend call, so that a late answer to an abandoned call is ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u32);

/// A backend's successful answer to a [`crate::Call`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// Answer to `Call::Start`.
    Started(Challenge),
    /// Answer to `Call::Send`.
    Sent(SendResponse),
    /// Answer to `Call::Verify`.
    Verified(VerifyResponse),
    /// Answer to `Call::Poll`.
    Polled(PollResponse),
}

/// Everything the flow reacts to: user actions, backend answers and timers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The widget was mounted: start (or resume) the verification.
    Begin {
        /// A session to resume.
        session_id: Option<String>,
        /// What the login page knows about the user.
        user_hint: Option<String>,
        /// Random bits from a cryptographic source; correlation IDs are
        /// derived from them (the flow itself has no randomness, like no clock).
        entropy: u64,
    },
    /// A backend call finished.
    Response {
        /// The call this answers.
        id: RequestId,
        /// Its outcome.
        result: Result<Reply, ApiError>,
    },
    /// A timer armed with [`crate::Effect::Schedule`] went off.
    TimerFired(Timer),
    /// The code field changed (typed or pasted), raw.
    CodeChanged(String),
    /// The user pressed the verify button.
    SubmitCode,
    /// The user asked for a new code.
    Resend,
    /// The user asked to use a different verification option.
    OpenPicker,
    /// The user picked a method in the list.
    PickMethod(String),
    /// The user closed the list of options.
    ClosePicker,
    /// The user said they cannot use any of the options (lost phone, no method).
    OpenRecovery,
    /// The user left the recovery guidance.
    CloseRecovery,
    /// The user ticked (`true`) or unticked "don't ask again on this device".
    /// Ignored unless [`crate::Flow::remember_offer`] is `Some`.
    RememberDevice(bool),
    /// The user asked to try the failed step again.
    Retry,
    /// The user asked to start over after a timeout or failure.
    Restart,
}
