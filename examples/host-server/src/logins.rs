//! What the host remembers between requests: sign-ins waiting for the second
//! step, signed-in sessions, and the assertions already used. In memory, as
//! an example; a real host keeps them in its database.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::assertion::UsedAssertions;

/// How long a sign-in may wait between the password and the second step.
const PENDING_FOR: Duration = Duration::from_secs(15 * 60);
/// How long a signed-in session lasts.
const SIGNED_IN_FOR: Duration = Duration::from_secs(8 * 3600);

/// A sign-in whose password was right, waiting for the second step.
#[derive(Clone, Debug)]
pub struct Pending {
    /// The user, as the host's user file writes them.
    pub user: String,
    /// The twostep session started for it: (handle, reference).
    pub session: Option<(String, String)>,
    started: Instant,
}

/// A signed-in session of this host.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// Who.
    pub user: String,
    /// How they verified (the assertion's `amr`).
    pub amr: Vec<String>,
    /// Days to skip the second step on this device, when the user asked.
    pub remember_device_days: Option<u32>,
    started: Instant,
}

#[cfg(test)]
impl SignedIn {
    /// A session for page tests.
    pub fn example() -> Self {
        SignedIn {
            user: "alex@contoso.example".into(),
            amr: vec!["otp".into()],
            remember_device_days: Some(30),
            started: Instant::now(),
        }
    }
}

/// Every sign-in and session, by the random ID in its cookie.
#[derive(Default)]
pub struct Logins {
    pending: Mutex<HashMap<String, Pending>>,
    signed_in: Mutex<HashMap<String, SignedIn>>,
    used: Mutex<UsedAssertions>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A fresh cookie value: 32 random bytes as hex.
pub fn new_id() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Logins {
    /// Records a right password for `user`; returns the sign-in's cookie value.
    pub fn begin(&self, user: &str) -> String {
        let id = new_id();
        let mut pending = lock(&self.pending);
        pending.retain(|_, p| p.started.elapsed() < PENDING_FOR);
        pending.insert(
            id.clone(),
            Pending {
                user: user.to_string(),
                session: None,
                started: Instant::now(),
            },
        );
        id
    }

    /// The sign-in with this cookie value, if it is still waiting.
    pub fn pending(&self, id: &str) -> Option<Pending> {
        lock(&self.pending)
            .get(id)
            .filter(|p| p.started.elapsed() < PENDING_FOR)
            .cloned()
    }

    /// Records the twostep session started for a sign-in.
    pub fn set_session(&self, id: &str, handle: String, reference: String) {
        if let Some(p) = lock(&self.pending).get_mut(id) {
            p.session = Some((handle, reference));
        }
    }

    /// Ends a sign-in (it succeeded, or the user left).
    pub fn forget_pending(&self, id: &str) {
        lock(&self.pending).remove(id);
    }

    /// The assertions accepted so far.
    pub fn used(&self) -> MutexGuard<'_, UsedAssertions> {
        lock(&self.used)
    }

    /// Starts a signed-in session; returns its cookie value.
    pub fn sign_in(
        &self,
        user: String,
        amr: Vec<String>,
        remember_device_days: Option<u32>,
    ) -> String {
        let id = new_id();
        let mut sessions = lock(&self.signed_in);
        sessions.retain(|_, s| s.started.elapsed() < SIGNED_IN_FOR);
        sessions.insert(
            id.clone(),
            SignedIn {
                user,
                amr,
                remember_device_days,
                started: Instant::now(),
            },
        );
        id
    }

    /// The signed-in session with this cookie value.
    pub fn session(&self, id: &str) -> Option<SignedIn> {
        lock(&self.signed_in)
            .get(id)
            .filter(|s| s.started.elapsed() < SIGNED_IN_FOR)
            .cloned()
    }

    /// Signs out.
    pub fn sign_out(&self, id: &str) {
        lock(&self.signed_in).remove(id);
    }
}
