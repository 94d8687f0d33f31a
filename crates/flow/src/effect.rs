//! What the flow asks its driver to do.

use twostep_protocol::{PollRequest, SendRequest, StartRequest, VerifyRequest};

use crate::{Failure, RequestId};

/// A backend call to make; its answer comes back as `Event::Response` with the id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    /// Ask the host's function for a session handle, answered with
    /// `Reply::Session`. `fresh` is true when the user starts over: the host
    /// should start a new verification rather than hand back the last one.
    Session {
        /// True on starting over; false at the start and on a retry.
        fresh: bool,
    },
    /// Start or resume the verification.
    Start(StartRequest),
    /// Send a code or a push by method.
    Send(SendRequest),
    /// Check a code. Never repeated automatically.
    Verify(VerifyRequest),
    /// Ask whether an approval was answered.
    Poll(PollRequest),
}

/// The flow's timers. Scheduling one replaces the previous timer of that kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Timer {
    /// The verification window ends.
    Window,
    /// The pending backend call has taken too long.
    Request,
    /// Time to poll an approval again.
    Poll,
}

/// Which element should get keyboard focus after the screen changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The new screen's heading (a screen change for screen readers).
    Heading,
    /// The code field.
    CodeInput,
    /// The first entry of the list of options.
    Picker,
}

/// Events for the host page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostEvent {
    /// The challenge loaded and the widget is usable.
    Ready {
        /// The public reference of the verification (never its secret
        /// handle): what support and the details panel call the session ID.
        session_ref: String,
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
    },
    /// Something failed; the same details as the details panel.
    Error(Failure),
    /// The verification window ran out.
    TimedOut(Failure),
    /// The user switched to another method.
    MethodChanged {
        /// The method now in use.
        method_id: String,
    },
}

/// One thing for the driver to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Make a backend call.
    Call {
        /// Echo this in the `Event::Response`.
        id: RequestId,
        /// The call.
        call: Call,
        /// The ID to send with the call (a header), for support to trace it.
        correlation_id: String,
    },
    /// Arm a timer; fire `Event::TimerFired(timer)` after `after_ms`.
    Schedule {
        /// Which timer.
        timer: Timer,
        /// Delay in milliseconds.
        after_ms: u64,
    },
    /// Disarm a timer.
    Cancel(Timer),
    /// Move keyboard focus.
    Focus(Focus),
    /// Tell the host page.
    Emit(HostEvent),
    /// Reload the page: the way to start over when the host gave one fixed
    /// session handle, since only the host's server can start another.
    Reload,
}
