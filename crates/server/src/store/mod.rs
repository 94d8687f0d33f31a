//! Where sessions and the limits' state are kept: a trait, so that a shared
//! store can hold them when the server runs as several instances, and the
//! in-memory implementation the server uses ([`MemoryStore`]).

mod memory;
mod shards;

use std::time::{Duration, SystemTime};

pub use memory::MemoryStore;

use crate::limits::UserRecord;
use crate::session::Session;

/// The caps a [`Store::insert`] keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionCaps {
    /// Sessions kept at once, live or recently ended.
    pub total: usize,
    /// Live sessions per user; a new one ends the oldest beyond it.
    pub per_user: usize,
}

/// The store holds as many sessions as it may: a new one is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Full;

/// What a purge dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    /// Sessions past their window and the time they are kept after it.
    pub sessions: usize,
    /// Idle user records.
    pub users: usize,
    /// Rate-limit states that no longer limit anything.
    pub rates: usize,
}

/// Storage for sessions, per-user limits, rate-limit states and TOTP replay
/// protection. Every method is atomic.
///
/// **Lock order.** [`Store::update`] runs its closure while no other call
/// can see or change that session; the closure may call
/// [`Store::update_user`], [`Store::claim_totp_step`] and
/// [`Store::rate`] (in that order when nested), never `update` or
/// `insert`. `update_user`'s closure may call `claim_totp_step` and nothing
/// else. Implementations keep the four under separate locks (or none).
pub trait Store: Send + Sync {
    /// Adds a session under its `key`, within `caps`: the oldest live
    /// sessions of its user beyond `caps.per_user` are dropped, and their
    /// public references returned. At `caps.total`, refuses with [`Full`].
    fn insert(
        &self,
        session: Session,
        caps: SessionCaps,
        now: SystemTime,
    ) -> Result<Vec<String>, Full>;

    /// A copy of the session with this key (the digest of its handle).
    fn get(&self, key: &str) -> Option<Session>;

    /// A copy of the session with this public reference (for the dev
    /// endpoints, which name sessions by reference).
    fn get_by_ref(&self, reference: &str) -> Option<Session>;

    /// Runs `change` on the session with this key; false if there is none.
    fn update(&self, key: &str, change: &mut dyn FnMut(&mut Session)) -> bool;

    /// Runs `change` on the record of `user` (made empty the first time).
    fn update_user(&self, user: &str, change: &mut dyn FnMut(&mut UserRecord));

    /// Runs `decide` on the rate-limit state under `key` (a GCRA
    /// "theoretical arrival time", in nanoseconds since the Unix epoch;
    /// `None` when there is none) and stores what it returns, if anything.
    /// Calls `decide` exactly once.
    fn rate(&self, key: &str, decide: &mut dyn FnMut(Option<u64>) -> Option<u64>);

    /// Records that `key` (a user's authenticator) used time-step `step`.
    /// Refuses (returns false) a step at or before the last one recorded, so a
    /// code is accepted once and never an older one after a newer.
    fn claim_totp_step(&self, key: &str, step: u64) -> bool;

    /// Drops sessions whose window ended more than `retain` before `now`,
    /// user records idle for `idle`, and rate states in the past.
    fn purge(&self, now: SystemTime, retain: Duration, idle: Duration) -> Purged;

    /// How many sessions are kept.
    fn len(&self) -> usize;

    /// Whether no session is kept.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
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

    /// Runs `f` on the record of `user` and returns its result.
    pub fn modify_user<R>(&self, user: &str, f: impl FnOnce(&mut UserRecord) -> R) -> R {
        let mut f = Some(f);
        let mut out = None;
        self.update_user(user, &mut |u| {
            if let Some(f) = f.take() {
                out = Some(f(u));
            }
        });
        out.expect("update_user runs its closure once")
    }
}
