//! twostep's demo login page, as its own crate: the widget crate knows nothing
//! of it.
//!
//! - [`backend`]: the in-browser demo backend, a [`twostep_widget::Backend`]
//!   with deterministic scenarios and a simulated phone, for the page and the
//!   browser tests of the widget's screens (`tests/web.rs`).
//! - [`messages`]: the page's own message catalogue.
//! - the page itself (login form, simulated phone panel, the reference
//!   server's dev endpoints), which [`mount_into_app`] mounts.
//!
//! The root crate `twostep` links it in with its `demo` feature; the
//! embeddable bundle is built without.

pub mod backend;
pub mod messages;
mod page;

pub use page::mount_into_app;
