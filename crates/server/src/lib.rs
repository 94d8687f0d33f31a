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
pub mod hook;
pub mod hosts;
pub mod json_body;
pub mod limits;
mod listener;
pub mod outbox;
pub mod random;
mod routes;
pub mod session;
pub mod signing;
pub mod state;
pub mod store;
pub mod totp;
pub mod verification;

use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::Config;
pub use delivery::{Delivery, DeliveryError, NoDelivery};
pub use directory::Directory;
pub use failure::Failure;
pub use limits::Limits;
pub use outbox::DevOutbox;
pub use routes::router;
pub use state::{AppState, AppStateBuilder};
pub use store::{MemoryStore, Store};

/// The audience (`aud`) of sessions started without a host: from a user hint
/// or `POST /dev/sessions`, with `--dev` only.
pub const DEV_AUDIENCE: &str = "twostep-dev";

/// How often sessions long past their window are dropped.
const PURGE_EVERY: Duration = Duration::from_secs(10);

/// How long a user's record is kept without a change: longer than the
/// longest lockout, pause of notifications or hour of a cap.
pub const USER_IDLE: Duration = Duration::from_secs(86_400);

/// Serves `config` on `listener` until the future is dropped or an I/O error.
pub async fn serve(listener: TcpListener, config: Config) -> std::io::Result<()> {
    serve_state(listener, AppState::new(config)).await
}

/// Serves an already built state (a custom clock, store or delivery) on
/// `listener`, within the limits of its configuration (connections, header
/// timeout), dropping sessions once they are `retain_expired` past their
/// window. Without a configured issuer, assertions name `http://` and the
/// listener's address.
pub async fn serve_state(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    state.bound_to(listener.local_addr()?);
    let _purger = AbortOnDrop(tokio::spawn(purge(state.clone())));
    let limits = state.config().limits.clone();
    listener::run(listener, router(state), &limits).await;
    Ok(())
}

/// Drops what the store no longer needs, every [`PURGE_EVERY`]. The store
/// does it shard by shard (see [`Store::purge`]), on the blocking pool: tens
/// of thousands of sessions ending together take tens of milliseconds, which
/// on an async worker held up the requests queued on it (a 73 ms wait was
/// measured); now a request waits at most for the one shard it needs.
async fn purge(state: AppState) {
    let mut every = tokio::time::interval(PURGE_EVERY);
    loop {
        every.tick().await;
        let retain = state.config().retain_expired;
        let started = std::time::Instant::now();
        let shared = state.clone();
        let Ok(purged) = tokio::task::spawn_blocking(move || {
            shared.store().purge(shared.now(), retain, USER_IDLE)
        })
        .await
        else {
            tracing::error!("the purge failed; it runs again at the next tick");
            continue;
        };
        if purged != store::Purged::default() {
            tracing::debug!(
                sessions = purged.sessions,
                users = purged.users,
                rates = purged.rates,
                us = started.elapsed().as_micros() as u64,
                "purged"
            );
        }
    }
}

struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
