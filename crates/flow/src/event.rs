//! What can happen to the flow.

use twostep_protocol::ApiError;

use crate::call::{Answer, RequestId};
use crate::timer::Timer;

/// Where the verification's session comes from (see [`Event::Begin`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SessionOrigin {
    /// No session: the backend starts one from the user hint. Only a backend
    /// in development mode does; every other refuses such a start.
    #[default]
    Hint,
    /// The secret handle of a session the host's server started. Starting
    /// over needs a new one from the host: the driver reloads the page.
    Handle(String),
    /// The host's function gives the handle, asked for with
    /// [`crate::Call::Session`]: at the start, on a retry and on starting over.
    Host,
}

/// Everything the flow reacts to: user actions, backend answers and timers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The widget was mounted: start (or resume) the verification.
    Begin {
        /// Where the session comes from; kept for retries and starting over.
        session: SessionOrigin,
        /// What the login page knows about the user. Sent to the backend
        /// only when there is no session handle to send.
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
        result: Result<Answer, ApiError>,
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
    /// The user asked to start over after a timeout or failure: with a fresh
    /// session from the host, again from the user hint, or (when the host
    /// gave one fixed handle) by reloading the page.
    Restart,
}
