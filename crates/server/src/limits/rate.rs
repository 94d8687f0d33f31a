//! Rate limits per client address and per user, with `governor`'s GCRA. The
//! state of each limit (one timestamp per key) lives in the [`Store`], so a
//! shared store limits all instances together.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::Clock as GovernorClock;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::StateStore;
use governor::{Quota, RateLimiter};
use twostep_protocol::ErrorCode;

use super::Rate;
use crate::clock::Clock;
use crate::failure::Failure;
use crate::state::AppState;
use crate::store::Store;

type Limiter = RateLimiter<String, StoreState, ClockTime, NoOpMiddleware<Duration>>;

/// The two rate limits.
pub struct RateLimits {
    address: Limiter,
    user: Limiter,
    clock: ClockTime,
}

impl RateLimits {
    /// Limits with these rates, their state in `store`, timed by `clock`.
    pub fn new(address: Rate, user: Rate, store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Self {
        let clock = ClockTime(clock);
        let limiter = |rate: Rate| {
            // governor keeps times relative to when the limiter was made;
            // the store keeps them absolute (since the Unix epoch).
            let origin = clock.now();
            let state = StoreState {
                store: store.clone(),
                origin: nanos(origin),
            };
            RateLimiter::new(quota(rate), state, clock.clone())
        };
        RateLimits {
            address: limiter(address),
            user: limiter(user),
            clock: clock.clone(),
        }
    }

    /// One request from `ip`; `rate_limited` with the wait when over.
    pub fn check_address(&self, ip: IpAddr) -> Result<(), Failure> {
        self.check(&self.address, format!("ip:{ip}"))
    }

    /// One request for `user`; `rate_limited` with the wait when over.
    pub fn check_user(&self, user: &str) -> Result<(), Failure> {
        self.check(&self.user, format!("user:{}", user.to_lowercase()))
    }

    fn check(&self, limiter: &Limiter, key: String) -> Result<(), Failure> {
        limiter.check_key(&key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            Failure::new(
                ErrorCode::RateLimited,
                "Too many requests. Wait a little, then try again.",
            )
            .retry_after(whole_secs_up(wait))
        })
    }
}

fn quota(rate: Rate) -> Quota {
    let one = NonZeroU32::MIN;
    Quota::per_second(NonZeroU32::new(rate.per_sec).unwrap_or(one))
        .allow_burst(NonZeroU32::new(rate.burst).unwrap_or(one))
}

/// Seconds, rounded up, at least 1.
fn whole_secs_up(d: Duration) -> u32 {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    u32::try_from(secs.max(1)).unwrap_or(u32::MAX)
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// The server's clock as governor reads it: the time since the Unix epoch.
#[derive(Clone)]
struct ClockTime(Arc<dyn Clock>);

impl GovernorClock for ClockTime {
    type Instant = Duration;

    fn now(&self) -> Duration {
        self.0.now().duration_since(UNIX_EPOCH).unwrap_or_default()
    }
}

/// governor's state, kept in the [`Store`].
struct StoreState {
    store: Arc<dyn Store>,
    origin: u64,
}

impl StateStore for StoreState {
    type Key = String;

    fn measure_and_replace<T, F, E>(&self, key: &String, f: F) -> Result<T, E>
    where
        F: Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
    {
        let mut out = None;
        self.store.rate(key, &mut |absolute| {
            let relative = absolute.map(|a| Nanos::from(a.saturating_sub(self.origin)));
            match f(relative) {
                Ok((t, next)) => {
                    out = Some(Ok(t));
                    Some(u64::from(next).saturating_add(self.origin))
                }
                Err(e) => {
                    out = Some(Err(e));
                    None
                }
            }
        });
        out.expect("Store::rate calls its closure once")
    }
}

/// The client's address: the last one in the header named by
/// `--client-ip-header` (set by the operator's proxy), else the peer's.
pub fn client_ip(state: &AppState, req: &Request) -> Option<IpAddr> {
    if let Some(name) = &state.config().client_ip_header {
        let from_proxy = req
            .headers()
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            // Only the last entry is the proxy's: never fall back to one the
            // client wrote before it.
            .and_then(|v| v.trim().parse::<IpAddr>().ok());
        if from_proxy.is_some() {
            return from_proxy;
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
}

/// The rate limit per client address, on every request. A refusal closes
/// the connection, and says so (`Connection: close`): its request body was
/// never read, so the connection cannot carry another request, and a
/// keep-alive client that was not told would write its next request into a
/// closed socket (seen as broken pipes under a flood).
pub async fn client_address_middleware(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if let Some(ip) = client_ip(&state, &req)
        && let Err(refused) = state.rate_limits().check_address(ip)
    {
        tracing::warn!("rate limited: too many requests from one address");
        let mut response = refused.into_response();
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::store::MemoryStore;

    #[test]
    fn a_burst_then_the_sustained_rate_per_key() {
        let clock = Arc::new(ManualClock::at_unix(1_000));
        let store: Arc<dyn Store> = Arc::new(MemoryStore::new());
        let rate = Rate {
            per_sec: 2,
            burst: 3,
        };
        let limits = RateLimits::new(rate, rate, store.clone(), clock.clone());
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..3 {
            limits.check_address(ip).unwrap();
        }
        let refused = limits.check_address(ip).unwrap_err();
        assert_eq!(
            (refused.code, refused.retry_after_secs),
            (ErrorCode::RateLimited, Some(1))
        );
        // Another key, and the per-user limit, are not touched.
        limits.check_address("127.0.0.2".parse().unwrap()).unwrap();
        limits.check_user("Alex@x").unwrap();
        clock.advance(Duration::from_millis(500));
        limits.check_address(ip).unwrap();
        assert!(limits.check_address(ip).is_err());
        // A second limiter on the same store (another instance) sees it.
        let other = RateLimits::new(rate, rate, store, clock.clone());
        assert!(other.check_address(ip).is_err());
        let mut allowed = 0;
        while other.check_user("alex@x").is_ok() {
            allowed += 1;
        }
        assert!(allowed <= 3, "{allowed}");
        assert!(limits.check_user("ALEX@x").is_err());
    }
}
