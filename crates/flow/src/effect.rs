//! What the flow asks its driver to do.

use crate::call::{Call, RequestId};
use crate::host_event::HostEvent;
use crate::timer::Timer;

/// Which element should get keyboard focus after the screen changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The new screen's heading (a screen change for screen readers).
    Heading,
    /// The code field.
    CodeInput,
    /// The first entry of the list of options.
    Picker,
    /// What opened the list of options or the recovery guidance, on the
    /// screen it closed back to ("Use a different verification option"), else
    /// the heading.
    Opener,
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
