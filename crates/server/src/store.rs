//! Where sessions and used TOTP steps are kept: a trait, and the in-memory
//! implementation the server uses.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

use crate::session::Session;

/// Storage for sessions and TOTP replay protection. Every method is atomic:
/// [`Store::update`] runs its closure while no other call can see or change
/// the session, so attempt counts cannot be raced past. The server calls
/// [`Store::claim_totp_step`] from inside such a closure, so implementations
/// must guard the two with separate locks (or none).
pub trait Store: Send + Sync {
    /// Adds a session under its `key` (replacing one with the same key).
    fn insert(&self, session: Session);

    /// A copy of the session with this key (the digest of its handle).
    fn get(&self, key: &str) -> Option<Session>;

    /// A copy of the session with this public reference (for the dev
    /// endpoints, which name sessions by reference).
    fn get_by_ref(&self, reference: &str) -> Option<Session>;

    /// Runs `change` on the session with this key; false if there is none.
    fn update(&self, key: &str, change: &mut dyn FnMut(&mut Session)) -> bool;

    /// Records that `key` (a user's authenticator) used time-step `step`.
    /// Refuses (returns false) a step at or before the last one recorded, so a
    /// code is accepted once and never an older one after a newer.
    fn claim_totp_step(&self, key: &str, step: u64) -> bool;

    /// Drops sessions whose window ended before `before`; returns how many.
    fn purge(&self, before: SystemTime) -> usize;
}

impl dyn Store + '_ {
    /// Runs `f` on the session with this key and returns its result, or
    /// `None` if there is no such session.
    pub fn modify<R>(&self, key: &str, f: impl FnOnce(&mut Session) -> R) -> Option<R> {
        let mut f = Some(f);
        let mut out = None;
        self.update(key, &mut |s| {
            if let Some(f) = f.take() {
                out = Some(f(s));
            }
        });
        out
    }
}

/// Sessions in memory, lost at restart.
#[derive(Debug, Default)]
pub struct MemoryStore {
    sessions: Mutex<HashMap<String, Session>>,
    totp_steps: Mutex<HashMap<String, u64>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    fn sessions(&self) -> MutexGuard<'_, HashMap<String, Session>> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Store for MemoryStore {
    fn insert(&self, session: Session) {
        self.sessions().insert(session.key.clone(), session);
    }

    fn get(&self, key: &str) -> Option<Session> {
        self.sessions().get(key).cloned()
    }

    fn get_by_ref(&self, reference: &str) -> Option<Session> {
        self.sessions()
            .values()
            .find(|s| s.reference == reference)
            .cloned()
    }

    fn update(&self, key: &str, change: &mut dyn FnMut(&mut Session)) -> bool {
        match self.sessions().get_mut(key) {
            Some(s) => {
                change(s);
                true
            }
            None => false,
        }
    }

    fn claim_totp_step(&self, key: &str, step: u64) -> bool {
        let mut steps = self.totp_steps.lock().unwrap_or_else(|e| e.into_inner());
        match steps.get(key) {
            Some(&last) if step <= last => false,
            _ => {
                steps.insert(key.to_string(), step);
                true
            }
        }
    }

    fn purge(&self, before: SystemTime) -> usize {
        let mut sessions = self.sessions();
        let n = sessions.len();
        sessions.retain(|_, s| s.expires_at >= before);
        n - sessions.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Owner;
    use std::time::{Duration, UNIX_EPOCH};

    fn session(key: &str, expires: u64) -> Session {
        let owner = Owner {
            user: "a@x".into(),
            audience: "aud".into(),
        };
        Session::new(
            key.into(),
            format!("TS-{key}"),
            owner,
            UNIX_EPOCH + Duration::from_secs(expires),
            5,
        )
    }

    #[test]
    fn modify_changes_in_place_and_reports_missing_sessions() {
        let store: Box<dyn Store> = Box::new(MemoryStore::new());
        store.insert(session("s1", 100));
        let left = store.modify("s1", |s| {
            s.attempts_left -= 1;
            s.attempts_left
        });
        assert_eq!(left, Some(4));
        assert_eq!(store.get("s1").unwrap().attempts_left, 4);
        assert_eq!(store.modify("nope", |_| ()), None);
        assert_eq!(store.get_by_ref("TS-s1").unwrap().key, "s1");
        assert!(store.get_by_ref("s1").is_none());
    }

    #[test]
    fn totp_steps_are_claimed_once_and_only_forward() {
        let store = MemoryStore::new();
        assert!(store.claim_totp_step("alex", 10));
        assert!(!store.claim_totp_step("alex", 10));
        assert!(!store.claim_totp_step("alex", 9));
        assert!(store.claim_totp_step("alex", 11));
        assert!(store.claim_totp_step("kim", 10));
    }

    #[test]
    fn purge_drops_only_old_sessions() {
        let store = MemoryStore::new();
        store.insert(session("old", 100));
        store.insert(session("new", 300));
        assert_eq!(store.purge(UNIX_EPOCH + Duration::from_secs(200)), 1);
        assert!(store.get("old").is_none());
        assert!(store.get("new").is_some());
    }
}
