//! The simulated server's state: its one session, its random numbers, its
//! clock and what it delivered to the phone. The contract's calls that change
//! it are in `calls.rs`.

use std::rc::Rc;

use twostep_protocol::{ApiError, Challenge, ErrorCode};
use twostep_widget::format::rfc3339;

use super::phone_message::{PhoneKind, PhoneMessage};
use super::scenario::{DEMO_USER, Scenario};

/// Length of an app-code time step, in ms.
pub(super) const APP_STEP_MS: u64 = 30_000;

/// A clock returning Unix milliseconds.
pub type Clock = Rc<dyn Fn() -> u64>;

pub(super) struct Code {
    pub(super) method_id: String,
    pub(super) digits: String,
    pub(super) sent_at: u64,
}

pub(super) struct Approval {
    pub(super) method_id: String,
    pub(super) sent_at: u64,
    pub(super) number: Option<String>,
    /// Index of the phone message that shows it.
    pub(super) message: usize,
}

pub(super) struct Session {
    /// The secret the browser acts on the session with.
    pub(super) handle: String,
    /// The public reference, for support and errors.
    pub(super) reference: String,
    pub(super) expires_at: u64,
    pub(super) code: Option<Code>,
    pub(super) approval: Option<Approval>,
    pub(super) attempts_left: u32,
    pub(super) locked_until: Option<u64>,
    pub(super) last_send: Vec<(String, u64)>,
}

pub(super) struct State {
    pub(super) scenario: Scenario,
    pub(super) clock: Clock,
    pub(super) rng: u64,
    /// The authenticator app's secret, fixed for the backend's life.
    pub(super) app_seed: u64,
    pub(super) session: Option<Session>,
    pub(super) failed_once: bool,
    pub(super) phone: Vec<PhoneMessage>,
    pub(super) listeners: Vec<Rc<dyn Fn()>>,
}

impl State {
    pub(super) fn now(&self) -> u64 {
        (self.clock)()
    }

    pub(super) fn next_random(&mut self) -> u64 {
        // xorshift64*: deterministic per scenario, which is what a demo wants.
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub(super) fn digits(&mut self, n: u32) -> String {
        let v = self.next_random() % 10u64.pow(n);
        format!("{v:0width$}", width = n as usize)
    }

    pub(super) fn id(&mut self, prefix: &str) -> String {
        format!("{prefix}-{:016x}", self.next_random())
    }

    /// A public session reference shaped like the reference server's:
    /// `TS-` and 60 random bits in Crockford base32, grouped by four.
    pub(super) fn reference(&mut self) -> String {
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
    pub(super) fn decorate(&mut self, mut e: ApiError, correlation_id: String) -> ApiError {
        e.correlation_id = Some(correlation_id);
        if e.session_ref.is_none() {
            e.session_ref = self.session.as_ref().map(|s| s.reference.clone());
        }
        e.timestamp = Some(rfc3339(self.now()));
        e
    }

    pub(super) fn session(&mut self, handle: &str) -> Result<&mut Session, ApiError> {
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
    pub(super) fn create(&mut self) -> &Session {
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

    pub(super) fn challenge(&self) -> Challenge {
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

    pub(super) fn deliver(&mut self, kind: PhoneKind) -> usize {
        let at = self.now();
        self.phone.push(PhoneMessage {
            at,
            kind,
            answer: None,
        });
        self.phone.len() - 1
    }

    /// The authenticator app's code for the time step containing `at`.
    pub(super) fn app_code(&self, at: u64) -> String {
        let step = at / APP_STEP_MS;
        let mut x = step ^ 0x5eed_cafe_f00d ^ self.app_seed;
        x = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        format!("{:06}", (x >> 20) % 1_000_000)
    }

    /// The phone's answer to the pending approval. With number matching, the
    /// approval counts only when `number` is the one the server issued.
    pub(super) fn answer(&mut self, approve: bool, number: Option<&str>) {
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
