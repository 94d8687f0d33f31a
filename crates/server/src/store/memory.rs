//! The in-memory store: sessions in shards, each with a queue of window
//! ends, so that the purge pops what has expired shard by shard instead of
//! scanning every session under one lock.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::shards::{Sharded, ShardedMap};
use super::{Full, Purged, SessionCaps, Store};
use crate::limits::UserRecord;
use crate::session::Session;

/// Sessions and limits in memory, lost at restart.
#[derive(Debug, Default)]
pub struct MemoryStore {
    sessions: Sharded<SessionShard>,
    refs: ShardedMap<String, String>,
    users: ShardedMap<String, UserRecord>,
    rates: ShardedMap<String, u64>,
    totp_steps: ShardedMap<String, u64>,
    count: AtomicUsize,
}

/// One shard of sessions, and when each one's window ends, soonest first.
#[derive(Debug, Default)]
struct SessionShard {
    map: HashMap<String, Session>,
    ends: BinaryHeap<Reverse<(SystemTime, String)>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    /// Removes the session with this key; its reference, if it was there.
    fn remove(&self, key: &str) -> Option<String> {
        let removed = self.sessions.lock(key).map.remove(key)?;
        self.count.fetch_sub(1, Ordering::Relaxed);
        self.refs
            .lock(&removed.reference)
            .remove(&removed.reference);
        Some(removed.reference)
    }
}

impl Store for MemoryStore {
    fn insert(
        &self,
        session: Session,
        caps: SessionCaps,
        now: SystemTime,
    ) -> Result<Vec<String>, Full> {
        if self.count.fetch_add(1, Ordering::Relaxed) >= caps.total {
            self.count.fetch_sub(1, Ordering::Relaxed);
            return Err(Full);
        }
        let over = self
            .users
            .lock(&session.user)
            .entry(session.user.clone())
            .or_default()
            .add_session(&session.key, session.expires_at, caps.per_user, now);
        let ended = over.iter().filter_map(|k| self.remove(k)).collect();
        self.refs
            .lock(&session.reference)
            .insert(session.reference.clone(), session.key.clone());
        let key = session.key.clone();
        let mut shard = self.sessions.lock(&key);
        shard.ends.push(Reverse((session.expires_at, key.clone())));
        if shard.map.insert(key, session).is_some() {
            self.count.fetch_sub(1, Ordering::Relaxed);
        }
        Ok(ended)
    }

    fn get(&self, key: &str) -> Option<Session> {
        self.sessions.lock(key).map.get(key).cloned()
    }

    fn get_by_ref(&self, reference: &str) -> Option<Session> {
        let key = self.refs.lock(reference).get(reference).cloned()?;
        self.get(&key)
    }

    fn update(&self, key: &str, change: &mut dyn FnMut(&mut Session)) -> bool {
        match self.sessions.lock(key).map.get_mut(key) {
            Some(s) => {
                change(s);
                true
            }
            None => false,
        }
    }

    fn update_user(&self, user: &str, change: &mut dyn FnMut(&mut UserRecord)) {
        let mut shard = self.users.lock(user);
        change(shard.entry(user.to_string()).or_default());
    }

    fn rate(&self, key: &str, decide: &mut dyn FnMut(Option<u64>) -> Option<u64>) {
        let mut shard = self.rates.lock(key);
        if let Some(next) = decide(shard.get(key).copied()) {
            shard.insert(key.to_string(), next);
        }
    }

    fn claim_totp_step(&self, key: &str, step: u64) -> bool {
        let mut steps = self.totp_steps.lock(key);
        match steps.get(key) {
            Some(&last) if step <= last => false,
            _ => {
                steps.insert(key.to_string(), step);
                true
            }
        }
    }

    fn purge(&self, now: SystemTime, retain: Duration, idle: Duration) -> Purged {
        let mut purged = Purged::default();
        let mut refs = Vec::new();
        for mut shard in self.sessions.each() {
            while let Some(Reverse((end, _))) = shard.ends.peek() {
                if *end + retain > now {
                    break;
                }
                let Some(Reverse((end, key))) = shard.ends.pop() else {
                    break;
                };
                if shard.map.get(&key).is_some_and(|s| s.expires_at == end)
                    && let Some(s) = shard.map.remove(&key)
                {
                    refs.push(s.reference);
                }
            }
        }
        purged.sessions = refs.len();
        self.count.fetch_sub(refs.len(), Ordering::Relaxed);
        for r in refs {
            self.refs.lock(&r).remove(&r);
        }
        for mut shard in self.users.each() {
            let before = shard.len();
            shard.retain(|_, u| !u.is_idle(now, idle));
            purged.users += before - shard.len();
        }
        let now_nanos = now
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        for mut shard in self.rates.each() {
            let before = shard.len();
            shard.retain(|_, tat| *tat > now_nanos);
            purged.rates += before - shard.len();
        }
        purged
    }

    fn len(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Owner;

    fn session(key: &str, user: &str, expires: u64) -> Session {
        let owner = Owner {
            user: user.into(),
            audience: "aud".into(),
        };
        Session::new(
            key.into(),
            format!("TS-{key}"),
            owner,
            UNIX_EPOCH + Duration::from_secs(expires),
        )
    }

    const CAPS: SessionCaps = SessionCaps {
        total: 100,
        per_user: 5,
    };

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn modify_changes_in_place_and_reports_missing_sessions() {
        let store: Box<dyn Store> = Box::new(MemoryStore::new());
        store
            .insert(session("s1", "a@x", 100), CAPS, at(0))
            .unwrap();
        let finished = store.modify("s1", |s| {
            s.finished = true;
            s.finished
        });
        assert_eq!(finished, Some(true));
        assert!(store.get("s1").unwrap().finished);
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
    fn purge_drops_only_sessions_past_their_window_and_the_retention() {
        let store = MemoryStore::new();
        store
            .insert(session("old", "a@x", 100), CAPS, at(0))
            .unwrap();
        store
            .insert(session("new", "b@x", 300), CAPS, at(0))
            .unwrap();
        let retain = Duration::from_secs(50);
        let idle = Duration::from_secs(10_000);
        assert_eq!(store.purge(at(149), retain, idle).sessions, 0);
        assert_eq!(store.purge(at(150), retain, idle).sessions, 1);
        assert!(store.get("old").is_none() && store.get_by_ref("TS-old").is_none());
        assert!(store.get("new").is_some());
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn the_caps_end_a_users_oldest_session_and_refuse_past_the_total() {
        let store = MemoryStore::new();
        let caps = SessionCaps {
            total: 3,
            per_user: 2,
        };
        assert!(
            store
                .insert(session("a1", "a@x", 100), caps, at(0))
                .unwrap()
                .is_empty()
        );
        assert!(
            store
                .insert(session("a2", "a@x", 100), caps, at(1))
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            store
                .insert(session("a3", "a@x", 100), caps, at(2))
                .unwrap(),
            ["TS-a1"]
        );
        assert!(store.get("a1").is_none() && store.get("a3").is_some());
        store
            .insert(session("b1", "b@x", 100), caps, at(3))
            .unwrap();
        assert_eq!(
            store.insert(session("c1", "c@x", 100), caps, at(4)),
            Err(Full)
        );
        assert_eq!(store.len(), 3);
    }

    #[test]
    fn idle_users_and_spent_rate_states_are_purged() {
        let store: Box<dyn Store> = Box::new(MemoryStore::new());
        store.modify_user("a@x", |u| u.succeed(at(0)));
        store.rate(
            "k",
            &mut |_| Some(Duration::from_secs(10).as_nanos() as u64),
        );
        let p = store.purge(at(5), Duration::ZERO, Duration::from_secs(60));
        assert_eq!((p.users, p.rates), (0, 0));
        let p = store.purge(at(60), Duration::ZERO, Duration::from_secs(60));
        assert_eq!((p.users, p.rates), (1, 1));
    }
}
