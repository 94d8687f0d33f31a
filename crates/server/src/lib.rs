//! twostep-server: a reference backend for the twostep widget.
//!
//! This first part holds the domain: the user directory, sessions and their
//! store, code generation, TOTP, deliveries and the dev outbox.

pub mod clock;
pub mod config;
pub mod delivery;
pub mod directory;
pub mod mask;
pub mod outbox;
pub mod random;
pub mod session;
pub mod store;
pub mod timestamp;
pub mod totp;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::Config;
pub use delivery::{Delivery, DeliveryError, LogDelivery};
pub use directory::Directory;
pub use outbox::DevOutbox;
pub use store::{MemoryStore, Store};
