//! Talking to the twostep backend server to server: starting a verification
//! with the API key, and keeping its public keys.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::JwkSet;
use reqwest::header::AUTHORIZATION;
use twostep_protocol::{ApiError, CreateSessionRequest, CreatedSession, JWKS_PATH, SESSIONS_PATH};

/// The least time between two fetches of the key set, so that tokens with
/// made-up `kid`s cannot make this server hammer the backend.
const REFETCH_AFTER: Duration = Duration::from_secs(10);

/// A client for one twostep backend.
pub struct Twostep {
    http: reqwest::Client,
    base: String,
    api_key: String,
    keys: Mutex<Option<(JwkSet, Instant)>>,
}

impl Twostep {
    /// A client for the backend at `base` (the part before `/v1/…`),
    /// starting sessions with `api_key`.
    pub fn new(base: &str, api_key: String) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("a plain HTTP client builds");
        Twostep {
            http,
            base: base.trim_end_matches('/').to_string(),
            api_key,
            keys: Mutex::new(None),
        }
    }

    /// The backend's base URL, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The HTTP client, for forwarding the widget's calls.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// Starts a verification for `user`, whose password this host checked.
    pub async fn create_session(&self, user: &str) -> Result<CreatedSession, String> {
        let url = format!("{}{SESSIONS_PATH}", self.base);
        let answer = self
            .http
            .post(&url)
            .header(AUTHORIZATION, format!("Bearer {}", self.api_key))
            .json(&CreateSessionRequest {
                user: user.to_string(),
            })
            .send()
            .await
            .map_err(|e| format!("POST {url}: {e}"))?;
        let status = answer.status();
        let body = answer.bytes().await.map_err(|e| e.to_string())?;
        if status.is_success() {
            return serde_json::from_slice(&body).map_err(|e| format!("POST {url}: {e}"));
        }
        Err(match serde_json::from_slice::<ApiError>(&body) {
            Ok(e) => format!("POST {url}: {status} {}: {}", e.code.as_str(), e.message),
            Err(_) => format!("POST {url}: {status}"),
        })
    }

    /// The backend's public keys: the cached set, fetched (again) when there
    /// is none yet or `refresh` asks and the last fetch is not too recent.
    pub async fn keys(&self, refresh: bool) -> Result<JwkSet, String> {
        {
            let cached = self.keys.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((set, at)) = cached.as_ref()
                && (!refresh || at.elapsed() < REFETCH_AFTER)
            {
                return Ok(set.clone());
            }
        }
        let url = format!("{}{JWKS_PATH}", self.base);
        let set: JwkSet = self
            .http
            .get(&url)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| format!("GET {url}: {e}"))?
            .json()
            .await
            .map_err(|e| format!("GET {url}: {e}"))?;
        *self.keys.lock().unwrap_or_else(|e| e.into_inner()) = Some((set.clone(), Instant::now()));
        Ok(set)
    }
}
