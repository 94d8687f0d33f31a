//! A map split into shards, each behind its own lock, so that no call (the
//! purge included) holds one lock over the whole store.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, RandomState};
use std::sync::{Mutex, MutexGuard};

/// How many shards each map has.
pub const SHARDS: usize = 64;

/// A sharded map from `K` to `V`, with whatever else a shard keeps (`X`).
#[derive(Debug)]
pub struct Sharded<T> {
    shards: Box<[Mutex<T>]>,
    hasher: RandomState,
}

impl<T: Default> Default for Sharded<T> {
    fn default() -> Self {
        Sharded {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            hasher: RandomState::new(),
        }
    }
}

impl<T> Sharded<T> {
    /// The shard that holds `key`, locked. A shard whose holder panicked is
    /// used as it is: every change leaves it consistent.
    pub fn lock<Q: Hash + ?Sized>(&self, key: &Q) -> MutexGuard<'_, T> {
        let i = (self.hasher.hash_one(key) as usize) % self.shards.len();
        lock(&self.shards[i])
    }

    /// Every shard, one at a time.
    pub fn each(&self) -> impl Iterator<Item = MutexGuard<'_, T>> {
        self.shards.iter().map(lock)
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A plain sharded hash map.
pub type ShardedMap<K, V> = Sharded<HashMap<K, V>>;
