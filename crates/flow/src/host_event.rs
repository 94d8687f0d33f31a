//! What the flow tells the host page. Each event carries all a host needs
//! (the user, the method, the session's public reference), so handlers never
//! read the flow's state.

use twostep_protocol::Method;

use crate::failure::FailureDetails;
use crate::reminder::Reminder;

/// Events for the host page. None carries the session's secret handle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostEvent {
    /// The challenge loaded and the widget is usable.
    Ready {
        /// The public reference of the verification (never its secret
        /// handle): what support and the details panel call the session ID.
        session_ref: String,
        /// The user, as the backend names them.
        user: String,
        /// The method the widget starts with.
        method: Method,
    },
    /// The user verified; `assertion` is the backend's proof for the host.
    Verified {
        /// The backend's proof.
        assertion: String,
        /// The public reference of the verification.
        session_ref: String,
        /// True when the successful verify or poll asked the backend to
        /// remember this device (the user ticked the offer).
        remember_device: bool,
        /// What the verified screen reminds the user of, if anything; a host
        /// that moves on at once can say it on its own page.
        reminder: Option<Reminder>,
    },
    /// Something failed; the same details as the details panel, the user and
    /// the method included.
    Error(FailureDetails),
    /// The verification window ran out.
    TimedOut(FailureDetails),
    /// The user switched to another method.
    MethodChanged {
        /// The method now in use.
        method: Method,
    },
}
