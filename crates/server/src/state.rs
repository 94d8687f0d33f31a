//! What every request handler shares: the settings, the store, the delivery,
//! the dev outbox and the clock.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::delivery::{Delivery, NoDelivery};
use crate::hook::WebhookDelivery;
use crate::limits::RateLimits;
use crate::outbox::DevOutbox;
use crate::signing::SigningKey;
use crate::store::{MemoryStore, SessionCaps, Store};

/// The shared state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    store: Arc<dyn Store>,
    delivery: Arc<dyn Delivery>,
    outbox: Arc<DevOutbox>,
    clock: Arc<dyn Clock>,
    rate_limits: RateLimits,
    signing_key: SigningKey,
    bound_issuer: OnceLock<String>,
}

/// Builds an [`AppState`], replacing any of its parts.
pub struct AppStateBuilder {
    config: Config,
    store: Option<Arc<dyn Store>>,
    delivery: Option<Arc<dyn Delivery>>,
    clock: Option<Arc<dyn Clock>>,
}

impl AppState {
    /// The state for `config` with the defaults: an in-memory store, the
    /// system clock, and deliveries to the delivery hook when one is
    /// configured, else into the dev outbox with `--dev`, else nowhere (every
    /// delivery fails).
    pub fn new(config: Config) -> Self {
        AppState::builder(config).build()
    }

    /// A builder to replace the store, delivery or clock.
    pub fn builder(config: Config) -> AppStateBuilder {
        AppStateBuilder {
            config,
            store: None,
            delivery: None,
            clock: None,
        }
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The session store.
    pub fn store(&self) -> &dyn Store {
        self.inner.store.as_ref()
    }

    /// The rate limits per client address and per user.
    pub fn rate_limits(&self) -> &RateLimits {
        &self.inner.rate_limits
    }

    /// The caps on sessions a new one must fit in.
    pub fn session_caps(&self) -> SessionCaps {
        let limits = &self.inner.config.limits;
        SessionCaps {
            total: limits.max_sessions,
            per_user: limits.max_sessions_per_user,
        }
    }

    /// Where texts, calls and notifications go.
    pub fn delivery(&self) -> &dyn Delivery {
        self.inner.delivery.as_ref()
    }

    /// The dev outbox (filled only when it is the delivery).
    pub fn outbox(&self) -> &DevOutbox {
        &self.inner.outbox
    }

    /// The current time.
    pub fn now(&self) -> SystemTime {
        self.inner.clock.now()
    }

    /// The key assertions are signed with: the configured one, or the one
    /// generated when the state was built.
    pub fn signing_key(&self) -> &SigningKey {
        &self.inner.signing_key
    }

    /// The assertion's `iss`: the configured issuer, else `http://` and the
    /// address [`crate::serve_state`] is bound to (`http://localhost` for a
    /// router that was never served).
    pub fn issuer(&self) -> &str {
        match &self.inner.config.issuer {
            Some(issuer) => issuer,
            None => self
                .inner
                .bound_issuer
                .get()
                .map_or("http://localhost", String::as_str),
        }
    }

    /// Records the address the server is bound to, for the default issuer.
    pub(crate) fn bound_to(&self, addr: SocketAddr) {
        let _ = self.inner.bound_issuer.set(format!("http://{addr}"));
    }
}

impl AppStateBuilder {
    /// Keeps sessions in `store`.
    pub fn store(mut self, store: Arc<dyn Store>) -> Self {
        self.store = Some(store);
        self
    }

    /// Sends through `delivery` instead of the default.
    pub fn delivery(mut self, delivery: Arc<dyn Delivery>) -> Self {
        self.delivery = Some(delivery);
        self
    }

    /// Reads the time from `clock`.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// The state.
    pub fn build(self) -> AppState {
        let clock = self.clock.unwrap_or_else(|| Arc::new(SystemClock));
        let outbox = Arc::new(DevOutbox::new(clock.clone()));
        let delivery =
            self.delivery
                .unwrap_or_else(|| match (&self.config.delivery_hook, self.config.dev) {
                    (Some(hook), _) => Arc::new(WebhookDelivery::new(hook.clone(), clock.clone())),
                    (None, true) => outbox.clone() as Arc<dyn Delivery>,
                    (None, false) => Arc::new(NoDelivery),
                });
        let store = self.store.unwrap_or_else(|| Arc::new(MemoryStore::new()));
        let limits = &self.config.limits;
        let rate_limits = RateLimits::new(
            limits.address_rate,
            limits.user_rate,
            store.clone(),
            clock.clone(),
        );
        let signing_key = self
            .config
            .signing_key
            .clone()
            .unwrap_or_else(SigningKey::generate);
        AppState {
            inner: Arc::new(Inner {
                signing_key,
                bound_issuer: OnceLock::new(),
                config: self.config,
                store,
                rate_limits,
                delivery,
                outbox,
                clock,
            }),
        }
    }
}
