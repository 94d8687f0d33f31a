//! The server's limits against abuse: their settings with the documented
//! defaults and safe ranges ([`Limits`]), the per-user record they keep
//! ([`UserRecord`], held by the [`crate::Store`]), and the rate limits per
//! client address and per user ([`RateLimits`]).

mod rate;
mod settings;

pub use rate::{RateLimits, client_address_middleware};
pub use settings::{Limits, Rate};
pub mod user;
pub use user::{Cooling, Counted, DeliveryKind, Sent, UserRecord};
