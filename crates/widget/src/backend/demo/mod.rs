//! An in-browser backend with deterministic scenarios, for the demo page and
//! browser tests. It keeps the rules a real backend keeps (only the newest code
//! works, cool-downs, attempt limits, expiry), and "delivers" texts, calls and
//! pushes to a simulated phone that the demo page shows.

mod phone;
mod scenario;

use std::cell::RefCell;
use std::rc::Rc;

use twostep_protocol::{
    ApiError, Challenge, CreatedSession, Delivery, ErrorCode, MethodKind, PollRequest,
    PollResponse, PollStatus, SendRequest, SendResponse, StartRequest, VerifyRequest,
    VerifyResponse,
};

pub use phone::{DemoPhone, PhoneKind, PhoneMessage};
pub use scenario::{ALTERNATE, PRIMARY, Scenario};

use super::{Backend, BackendFuture};
use crate::format::rfc3339;

/// The demo user's ID.
pub const DEMO_USER: &str = "alex@contoso.com";
/// How long a texted code stays valid, in ms.
const CODE_TTL_MS: u64 = 5 * 60_000;
/// How long a push or call waits for an answer, in ms.
const APPROVAL_TTL_MS: u64 = 60_000;
/// When the simulated user answers an approval by themselves, in ms.
const AUTO_ANSWER_MS: u64 = 2_500;
/// Lockout after the last wrong code, in seconds.
const LOCKOUT_SECS: u32 = 30;
/// Length of an app-code time step, in ms.
const APP_STEP_MS: u64 = 30_000;

/// A clock returning Unix milliseconds.
pub type Clock = Rc<dyn Fn() -> u64>;

struct Code {
    method_id: String,
    digits: String,
    sent_at: u64,
}

struct Approval {
    method_id: String,
    sent_at: u64,
    number: Option<String>,
    /// Index of the phone message that shows it.
    message: usize,
}

struct Session {
    /// The secret the browser acts on the session with.
    handle: String,
    /// The public reference, for support and errors.
    reference: String,
    expires_at: u64,
    code: Option<Code>,
    approval: Option<Approval>,
    attempts_left: u32,
    locked_until: Option<u64>,
    last_send: Vec<(String, u64)>,
}

pub(crate) struct State {
    scenario: Scenario,
    clock: Clock,
    rng: u64,
    /// The authenticator app's secret, fixed for the backend's life.
    app_seed: u64,
    session: Option<Session>,
    failed_once: bool,
    pub(crate) phone: Vec<PhoneMessage>,
    pub(crate) listeners: Vec<Rc<dyn Fn()>>,
}

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
    ) -> BackendFuture<'_, T> {
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

impl State {
    pub(crate) fn now(&self) -> u64 {
        (self.clock)()
    }

    fn next_random(&mut self) -> u64 {
        // xorshift64*: deterministic per scenario, which is what a demo wants.
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn digits(&mut self, n: u32) -> String {
        let v = self.next_random() % 10u64.pow(n);
        format!("{v:0width$}", width = n as usize)
    }

    fn id(&mut self, prefix: &str) -> String {
        format!("{prefix}-{:016x}", self.next_random())
    }

    /// A public session reference shaped like the reference server's:
    /// `TS-` and 60 random bits in Crockford base32, grouped by four.
    fn reference(&mut self) -> String {
        const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        let bits = self.next_random();
        let chars: Vec<char> = (0..12)
            .map(|i| char::from(CROCKFORD[((bits >> (5 * i)) & 31) as usize]))
            .collect();
        let groups: Vec<String> = chars.chunks(4).map(|g| g.iter().collect()).collect();
        format!("TS-{}", groups.join("-"))
    }

    /// Adds the correlation ID (echoed), session reference and timestamp every
    /// error carries.
    fn decorate(&mut self, mut e: ApiError, correlation_id: String) -> ApiError {
        e.correlation_id = Some(correlation_id);
        if e.session_ref.is_none() {
            e.session_ref = self.session.as_ref().map(|s| s.reference.clone());
        }
        e.timestamp = Some(rfc3339(self.now()));
        e
    }

    fn session(&mut self, handle: &str) -> Result<&mut Session, ApiError> {
        let now = self.now();
        match &mut self.session {
            Some(s) if s.handle == handle && now < s.expires_at => Ok(s),
            _ => Err(ApiError::new(
                ErrorCode::SessionExpired,
                "This sign-in session has ended.",
            )),
        }
    }

    /// A new session, replacing any other (the demo has one user).
    fn create(&mut self) -> &Session {
        let now = self.now();
        let handle = format!(
            "sh_demo{:016x}{:016x}",
            self.next_random(),
            self.next_random()
        );
        let reference = self.reference();
        self.session.insert(Session {
            handle,
            reference,
            expires_at: now + u64::from(self.scenario.window_secs()) * 1000,
            code: None,
            approval: None,
            attempts_left: self.scenario.attempts(),
            locked_until: None,
            last_send: Vec::new(),
        })
    }

    fn challenge(&self) -> Challenge {
        let s = self.session.as_ref().expect("a session");
        Challenge {
            session_handle: s.handle.clone(),
            session_ref: s.reference.clone(),
            user: DEMO_USER.into(),
            methods: self.scenario.methods(),
            default_method: self.scenario.default_method().into(),
            expires_in_secs: (s.expires_at.saturating_sub(self.now()) / 1000) as u32,
            // The demo remembers nothing, but shows the offer as a backend would.
            remember_device_days: Some(30),
        }
    }

    /// Like the reference server in development mode: a handle resumes its
    /// session while it lasts (an ended one is `session_expired`, an unknown
    /// one `bad_request`); without a handle, a new session starts.
    fn start(&mut self, req: StartRequest) -> Result<Challenge, ApiError> {
        match req.session_handle {
            Some(handle) => {
                let known = self.session.as_ref().is_some_and(|s| s.handle == handle);
                if !known {
                    return Err(ApiError::new(
                        ErrorCode::BadRequest,
                        "No such sign-in session.",
                    ));
                }
                self.session(&handle)?;
            }
            None => {
                self.create();
            }
        }
        Ok(self.challenge())
    }

    fn send(&mut self, req: SendRequest) -> Result<SendResponse, ApiError> {
        let now = self.now();
        let scenario = self.scenario;
        let method = scenario
            .methods()
            .into_iter()
            .find(|m| m.id == req.method_id)
            .ok_or_else(|| {
                ApiError::new(ErrorCode::MethodUnavailable, "No such verification method.")
            })?;
        self.session(&req.session_handle)?;
        if scenario == Scenario::ServerError && !self.failed_once {
            self.failed_once = true;
            return Err(ApiError::new(
                ErrorCode::Internal,
                "The text service did not answer.",
            ));
        }
        let cool_down = u64::from(scenario.resend_after_secs()) * 1000;
        let code = (method.kind != MethodKind::Totp).then(|| self.digits(6));
        let number = (scenario == Scenario::NumberMatch).then(|| self.digits(2));
        let s = self.session(&req.session_handle)?;
        if let Some((_, last)) = s.last_send.iter().find(|(m, _)| *m == req.method_id)
            && req.resend
            && now < last + cool_down
        {
            let mut e = ApiError::new(ErrorCode::RateLimited, "Wait before asking again.");
            e.retry_after_secs = Some(((last + cool_down - now).div_ceil(1000)) as u32);
            return Err(e);
        }
        s.last_send.retain(|(m, _)| *m != req.method_id);
        s.last_send.push((req.method_id.clone(), now));
        let target = method.target.clone();
        let delivery = match method.kind {
            MethodKind::Totp => Delivery::Code {
                target: None,
                code_length: 6,
                resend_after_secs: None,
                suggest_other_after_secs: None,
            },
            MethodKind::Push | MethodKind::Voice => {
                let to = target.clone().unwrap_or_default();
                let kind = if method.kind == MethodKind::Voice {
                    PhoneKind::Call { to }
                } else {
                    PhoneKind::Push {
                        number: number.clone(),
                    }
                };
                let message = self.deliver(kind);
                let s = self.session(&req.session_handle)?;
                s.approval = Some(Approval {
                    method_id: req.method_id.clone(),
                    sent_at: now,
                    number: number.clone(),
                    message,
                });
                Delivery::Approval {
                    target: target.clone(),
                    poll_interval_ms: 1_000,
                    number_to_match: number,
                }
            }
            _ => {
                // A new code replaces the old one: only the newest works.
                let digits = code.unwrap_or_default();
                s.code = Some(Code {
                    method_id: req.method_id.clone(),
                    digits: digits.clone(),
                    sent_at: now,
                });
                if !scenario.loses_texts_to(&req.method_id) {
                    let to = target.clone().unwrap_or_default();
                    self.deliver(PhoneKind::Text { to, code: digits });
                }
                Delivery::Code {
                    target,
                    code_length: 6,
                    resend_after_secs: Some(scenario.resend_after_secs()),
                    suggest_other_after_secs: Some(scenario.suggest_other_after_secs()),
                }
            }
        };
        Ok(SendResponse {
            method_id: req.method_id,
            delivery,
        })
    }

    fn deliver(&mut self, kind: PhoneKind) -> usize {
        let at = self.now();
        self.phone.push(PhoneMessage {
            at,
            kind,
            answer: None,
        });
        self.phone.len() - 1
    }

    /// The authenticator app's code for the time step containing `at`.
    pub(crate) fn app_code(&self, at: u64) -> String {
        let step = at / APP_STEP_MS;
        let mut x = step ^ 0x5eed_cafe_f00d ^ self.app_seed;
        x = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        format!("{:06}", (x >> 20) % 1_000_000)
    }

    fn verify(&mut self, req: VerifyRequest) -> Result<VerifyResponse, ApiError> {
        let now = self.now();
        let scenario = self.scenario;
        let is_app = scenario
            .methods()
            .iter()
            .any(|m| m.id == req.method_id && m.kind == MethodKind::Totp);
        let app_ok = is_app
            && (req.code == self.app_code(now)
                || req.code == self.app_code(now.saturating_sub(APP_STEP_MS)));
        let assertion = self.id("demo-assertion");
        let s = self.session(&req.session_handle)?;
        if let Some(until) = s.locked_until.filter(|u| now < *u) {
            let mut e = ApiError::new(ErrorCode::TooManyAttempts, "Too many wrong codes.");
            e.retry_after_secs = Some((until - now).div_ceil(1000) as u32);
            return Err(e);
        }
        if s.locked_until.is_some() {
            s.locked_until = None;
            s.attempts_left = scenario.attempts();
        }
        let right = if is_app {
            app_ok
        } else {
            match &s.code {
                Some(c) if c.method_id == req.method_id && c.digits == req.code => {
                    if now >= c.sent_at + CODE_TTL_MS {
                        s.code = None;
                        return Err(ApiError::new(ErrorCode::Expired, "The code has expired."));
                    }
                    true
                }
                _ => false,
            }
        };
        if right {
            s.code = None;
            return Ok(VerifyResponse { assertion });
        }
        s.attempts_left = s.attempts_left.saturating_sub(1);
        if s.attempts_left == 0 {
            s.locked_until = Some(now + u64::from(LOCKOUT_SECS) * 1000);
            s.code = None;
            let mut e = ApiError::new(ErrorCode::TooManyAttempts, "Too many wrong codes.");
            e.retry_after_secs = Some(LOCKOUT_SECS);
            e.attempts_left = Some(0);
            return Err(e);
        }
        let mut e = ApiError::new(ErrorCode::InvalidCode, "The code is not right.");
        e.attempts_left = Some(s.attempts_left);
        Err(e)
    }

    fn poll(&mut self, req: PollRequest) -> Result<PollResponse, ApiError> {
        let now = self.now();
        let scenario = self.scenario;
        let assertion = self.id("demo-assertion");
        let s = self.session(&req.session_handle)?;
        let Some(a) = s.approval.as_ref().filter(|a| a.method_id == req.method_id) else {
            return Err(ApiError::new(
                ErrorCode::MethodUnavailable,
                "Nothing was sent with this method.",
            ));
        };
        let (sent_at, index, has_number) = (a.sent_at, a.message, a.number.is_some());
        // The simulated user answers by themselves, except for number matching,
        // where the demo page's phone panel must be used.
        if self.phone[index].answer.is_none() && !has_number && now >= sent_at + AUTO_ANSWER_MS {
            self.phone[index].answer = Some(scenario != Scenario::PushDenied);
        }
        let status = match self.phone[index].answer {
            Some(true) => PollStatus::Approved,
            Some(false) => PollStatus::Denied,
            None if now >= sent_at + APPROVAL_TTL_MS => PollStatus::Expired,
            None => PollStatus::Pending,
        };
        if status != PollStatus::Pending
            && let Some(s) = self.session.as_mut()
        {
            s.approval = None;
        }
        Ok(PollResponse {
            status,
            assertion: (status == PollStatus::Approved).then_some(assertion),
        })
    }

    /// The phone's answer to the pending approval. With number matching, the
    /// approval counts only when `number` is the one the server issued.
    pub(crate) fn answer(&mut self, approve: bool, number: Option<&str>) {
        let Some(a) = self.session.as_ref().and_then(|s| s.approval.as_ref()) else {
            return;
        };
        let index = a.message;
        let ok = match &a.number {
            Some(expected) => approve && number == Some(expected.as_str()),
            None => approve,
        };
        if self.phone[index].answer.is_none() {
            self.phone[index].answer = Some(ok);
        }
    }
}

impl DemoBackend {
    /// Starts a session the way a host's server does (`POST /v1/sessions`),
    /// replacing any other: hand its handle to the widget, for example from
    /// a [`crate::SessionSource::fetch`] function.
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
    fn start(&self, req: StartRequest, cid: String) -> BackendFuture<'_, Challenge> {
        self.run(cid, move |s| s.start(req))
    }

    fn send(&self, req: SendRequest, cid: String) -> BackendFuture<'_, SendResponse> {
        self.run(cid, move |s| s.send(req))
    }

    fn verify(&self, req: VerifyRequest, cid: String) -> BackendFuture<'_, VerifyResponse> {
        self.run(cid, move |s| s.verify(req))
    }

    fn poll(&self, req: PollRequest, cid: String) -> BackendFuture<'_, PollResponse> {
        self.run(cid, move |s| s.poll(req))
    }
}

#[cfg(test)]
mod tests;
