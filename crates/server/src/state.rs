//! What every request handler shares: the settings, the store, the delivery,
//! the dev outbox and the clock.

use std::sync::Arc;
use std::time::SystemTime;

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::delivery::{Delivery, LogDelivery};
use crate::outbox::DevOutbox;
use crate::store::{MemoryStore, Store};

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
    /// system clock, and deliveries into the dev outbox with `--dev` (else
    /// only logged).
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
        let delivery = self.delivery.unwrap_or_else(|| {
            if self.config.dev {
                outbox.clone() as Arc<dyn Delivery>
            } else {
                Arc::new(LogDelivery)
            }
        });
        AppState {
            inner: Arc::new(Inner {
                config: self.config,
                store: self.store.unwrap_or_else(|| Arc::new(MemoryStore::new())),
                delivery,
                outbox,
                clock,
            }),
        }
    }
}
