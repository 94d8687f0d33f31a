//! twostep's verification flow as a pure state machine.
//!
//! [`Flow::step`] takes the current state, an [`Event`] and the current time, and
//! returns the next state and the [`Effect`]s to carry out: calls to the backend,
//! timers to arm, fields to focus, events for the host page. There is no DOM, no
//! timer and no IO in this crate; the widget's driver does those, and tests pass
//! time in by hand (the sans-IO style of quinn-proto and rustls).

mod code_input;
mod config;
mod effect;
mod event;
mod state;
mod step;

pub use code_input::{CodeInput, normalize_code};
pub use config::FlowConfig;
pub use effect::{Call, Effect, Focus, HostEvent, Timer};
pub use event::{Event, Reply, RequestId, SessionOrigin};
pub use state::{Approval, CodeEntry, CodeNotice, Failure, Flow, Overlay, Phase, Retry, Session};

/// Milliseconds on the driver's clock (in the browser: `Date.now()`).
pub type Millis = u64;
