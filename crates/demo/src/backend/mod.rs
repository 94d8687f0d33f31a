//! An in-browser backend with deterministic scenarios, for the demo page and
//! browser tests. It keeps the rules a real backend keeps (only the newest code
//! works, cool-downs, attempt limits, expiry), and "delivers" texts, calls and
//! pushes to a simulated phone that the demo page shows.

mod calls;
mod phone;
mod phone_message;
mod scenario;
mod state;

use std::cell::RefCell;
use std::rc::Rc;

use twostep_protocol::{
    ApiError, Challenge, CreatedSession, PollRequest, PollResponse, SendRequest, SendResponse,
    StartRequest, VerifyRequest, VerifyResponse,
};
use twostep_widget::{Backend, BackendFuture};

pub use phone::DemoPhone;
pub use phone_message::{PhoneKind, PhoneMessage};
pub use scenario::{ALTERNATE, DEMO_USER, PRIMARY, Scenario};
pub use state::Clock;

use state::State;

/// The demo backend. Clone it freely: clones share one simulated server.
#[derive(Clone)]
pub struct DemoBackend {
    state: Rc<RefCell<State>>,
    latency_ms: u32,
}

impl DemoBackend {
    /// A demo server playing `scenario`, with the browser's clock and a short
    /// latency so that "sending" states are visible.
    pub fn new(scenario: Scenario) -> Self {
        Self::with_clock(scenario, Rc::new(|| js_sys::Date::now() as u64), 250)
    }

    /// A demo server with a given clock and latency (tests use a fake clock).
    pub fn with_clock(scenario: Scenario, clock: Clock, latency_ms: u32) -> Self {
        let seed = 0x2545_f491_4f6c_dd1d ^ (scenario as u64 + 1).wrapping_mul(0x9e37_79b9);
        DemoBackend {
            state: Rc::new(RefCell::new(State {
                scenario,
                clock,
                rng: seed,
                app_seed: seed.rotate_left(7),
                session: None,
                failed_once: false,
                phone: Vec::new(),
                listeners: Vec::new(),
            })),
            latency_ms,
        }
    }

    /// The simulated phone that receives this server's texts, calls and pushes.
    pub fn phone(&self) -> DemoPhone {
        DemoPhone::new(self.state.clone())
    }

    /// The scenario being played.
    pub fn scenario(&self) -> Scenario {
        self.state.borrow().scenario
    }

    fn run<T: 'static>(
        &self,
        correlation_id: String,
        f: impl FnOnce(&mut State) -> Result<T, ApiError> + 'static,
    ) -> BackendFuture<T> {
        let state = self.state.clone();
        let latency = self.latency_ms;
        Box::pin(async move {
            sleep(latency).await;
            let (result, listeners) = {
                let mut s = state.borrow_mut();
                let before = s.phone.clone();
                let result = f(&mut s).map_err(|e| s.decorate(e, correlation_id));
                let changed = s.phone != before;
                (result, changed.then(|| s.listeners.clone()))
            };
            for l in listeners.into_iter().flatten() {
                l();
            }
            result
        })
    }
}

#[cfg(target_arch = "wasm32")]
async fn sleep(ms: u32) {
    if ms > 0 {
        gloo_timers::future::TimeoutFuture::new(ms).await;
    }
}

#[cfg(not(target_arch = "wasm32"))]
async fn sleep(_ms: u32) {}

impl DemoBackend {
    /// Starts a session the way a host's server does (`POST /v1/sessions`),
    /// replacing any other: hand its handle to the widget, for example from
    /// a [`twostep_widget::SessionSource::fetch`] function.
    pub fn create_session(&self) -> CreatedSession {
        let mut state = self.state.borrow_mut();
        let now = state.now();
        let s = state.create();
        CreatedSession {
            session_handle: s.handle.clone(),
            session_ref: s.reference.clone(),
            expires_in_secs: (s.expires_at.saturating_sub(now) / 1000) as u32,
        }
    }
}

impl Backend for DemoBackend {
    fn start(&self, req: StartRequest, cid: String) -> BackendFuture<Challenge> {
        self.run(cid, move |s| s.start(req))
    }

    fn send(&self, req: SendRequest, cid: String) -> BackendFuture<SendResponse> {
        self.run(cid, move |s| s.send(req))
    }

    fn verify(&self, req: VerifyRequest, cid: String) -> BackendFuture<VerifyResponse> {
        self.run(cid, move |s| s.verify(req))
    }

    fn poll(&self, req: PollRequest, cid: String) -> BackendFuture<PollResponse> {
        self.run(cid, move |s| s.poll(req))
    }
}

#[cfg(test)]
mod tests;
