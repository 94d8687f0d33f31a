//! twostep's Leptos widget: the components, the backends, and the driver that
//! runs the pure flow from `twostep-flow` against the browser.
//!
//! Use [`TwoStep`] in a Leptos app, with a [`TwoStepOptions`]; or load the
//! drop-in bundle, which wraps it.

pub mod backend;
pub mod details;
pub mod format;
pub mod locale;
pub mod messages;

pub use backend::{AdapterBackend, Backend, BackendFuture, EarlyStart, HttpBackend, HttpOptions};
pub mod browser;
pub mod components;
pub mod driver;
pub mod options;

pub use components::TwoStep;
pub use options::{
    ContactLinks, EventHandler, HelpTopic, SessionFuture, SessionSource, TwoStepOptions,
};
pub use twostep_flow::{FlowConfig, HostEvent, Reminder};
