//! twostep's verification flow as a pure state machine.
//!
//! [`Flow::step`] takes the current state, an [`Event`] and the current time, and
//! returns the next state and the [`Effect`]s to carry out: calls to the backend,
//! timers to arm, fields to focus, events for the host page. There is no DOM, no
//! timer and no IO in this crate; the widget's driver does those, and tests pass
//! time in by hand (the sans-IO style of quinn-proto and rustls).
//!
//! The flow also makes every decision the widget's screens render: which
//! [`Screen`] to show, which code notices are errors, how long until a resend,
//! who the user is, and the [`PrimaryAction`] after a failure.
//!
//! Modules depend in one direction: `timer`, `config`, `call` and `failure`
//! at the bottom (with `reminder`); `event`, then `state`, `host_event` and `effect` on them;
//! the readings of the state (`queries`, `screen`, `action`) and `step` on top.

mod action;
mod call;
mod code_input;
mod config;
mod effect;
mod event;
mod failure;
mod host_event;
mod queries;
mod reminder;
mod screen;
mod state;
mod step;
mod timer;

pub use action::PrimaryAction;
pub use call::{Answer, Call, RequestId};
pub use code_input::{CodeInput, normalize_code};
pub use config::FlowConfig;
pub use effect::{Effect, Focus};
pub use event::{Event, SessionOrigin};
pub use failure::FailureDetails;
pub use host_event::HostEvent;
pub use reminder::Reminder;
pub use screen::Screen;
pub use state::{Approval, CodeEntry, CodeNotice, Flow, Overlay, Phase, Retry, Session};
pub use timer::{Millis, Timer};
