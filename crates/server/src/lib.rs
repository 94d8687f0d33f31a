//! twostep-server: a reference backend for the twostep widget.
//!
//! It speaks the v1 HTTP contract of `twostep-protocol` (`POST /v1/start`,
//! `/v1/send`, `/v1/verify`, `/v1/poll`) over an in-memory [`Store`], with a
//! [`Delivery`] trait for texts, calls and app notifications. With `--dev`
//! (`Config::dev`) deliveries land in a [`DevOutbox`] that `/dev/outbox`
//! shows and `/dev/answer` answers, and `/dev/totp` tells the current app
//! code, so tests and the demo can play the user's phone.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let mut config = twostep_server::Config::default();
//! config.dev = true;
//! twostep_server::serve(listener, config).await
//! # }
//! ```

#![warn(missing_docs)]

pub mod assertion;
pub mod cli;
pub mod clock;
pub mod config;
pub mod correlation;
pub mod delivery;
pub mod digest;
pub mod directory;
pub mod envelope;
pub mod failure;
pub mod hosts;
pub mod json_body;
pub mod mask;
pub mod outbox;
pub mod random;
mod routes;
pub mod session;
pub mod signing;
pub mod state;
pub mod store;
pub mod timestamp;
pub mod totp;
pub mod verification;

use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::Config;
pub use delivery::{Delivery, DeliveryError, LogDelivery};
pub use directory::Directory;
pub use failure::Failure;
pub use outbox::DevOutbox;
pub use routes::{CONTENT_SECURITY_POLICY_VALUE, router};
pub use state::{AppState, AppStateBuilder};
pub use store::{MemoryStore, Store};

/// The audience (`aud`) of sessions started without a host: from a user hint
/// or `POST /dev/sessions`, with `--dev` only.
pub const DEV_AUDIENCE: &str = "twostep-dev";

/// How often sessions long past their window are dropped.
const PURGE_EVERY: Duration = Duration::from_secs(60);

/// Serves `config` on `listener` until the future is dropped or an I/O error.
pub async fn serve(listener: TcpListener, config: Config) -> std::io::Result<()> {
    serve_state(listener, AppState::new(config)).await
}

/// Serves an already built state (a custom clock, store or delivery) on
/// `listener`, dropping sessions once they are `retain_expired` past their
/// window. Without a configured issuer, assertions name `http://` and the
/// listener's address.
pub async fn serve_state(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    state.bound_to(listener.local_addr()?);
    let _purger = AbortOnDrop(tokio::spawn(purge(state.clone())));
    axum::serve(listener, router(state)).await
}

async fn purge(state: AppState) {
    let mut every = tokio::time::interval(PURGE_EVERY);
    loop {
        every.tick().await;
        let before = state.now().checked_sub(state.config().retain_expired);
        if let Some(before) = before {
            let n = state.store().purge(before);
            if n > 0 {
                tracing::debug!(sessions = n, "old sessions dropped");
            }
        }
    }
}

struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
