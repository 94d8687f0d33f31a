//! A small blocking client for the contract's calls.

use std::time::Duration;

use serde_json::Value;
use twostep_protocol::CORRELATION_ID_HEADER;

/// One HTTP answer, kept whole for the checks.
#[derive(Debug)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// `X-Correlation-ID` response header.
    pub correlation_id: Option<String>,
    /// `Retry-After` response header.
    pub retry_after: Option<String>,
    /// `WWW-Authenticate` response header.
    pub www_authenticate: Option<String>,
    /// The body as text.
    pub body: String,
}

impl Reply {
    /// The body as JSON, or why not.
    pub fn json(&self) -> Result<Value, String> {
        serde_json::from_str(&self.body)
            .map_err(|e| format!("body is not JSON ({e}): {}", clip(&self.body)))
    }
}

/// The start of a body, for messages.
pub fn clip(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(120) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// Talks to one backend, and keeps the body of every error answer it got
/// (see [`Client::error_bodies`]).
pub struct Client {
    agent: ureq::Agent,
    base: String,
    counter: std::cell::Cell<u32>,
    errors: std::cell::RefCell<Vec<String>>,
}

impl Client {
    /// A client for `base_url` (the part before `/v1/...`).
    pub fn new(base_url: &str) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(15)))
            .build();
        Client {
            agent: config.into(),
            base: base_url.trim_end_matches('/').to_string(),
            counter: std::cell::Cell::new(0),
            errors: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The bodies of every non-2xx answer so far, oldest first.
    pub fn error_bodies(&self) -> Vec<String> {
        self.errors.borrow().clone()
    }

    /// A fresh correlation ID, recognisable in the backend's logs.
    pub fn next_correlation_id(&self) -> String {
        let n = self.counter.get() + 1;
        self.counter.set(n);
        format!("c0ffee00-0000-4000-8000-{n:012}")
    }

    /// POSTs raw `body` to `path` with `correlation_id`.
    pub fn post_raw(
        &self,
        path: &str,
        body: &str,
        correlation_id: Option<&str>,
    ) -> Result<Reply, String> {
        self.post_authorized(path, body, correlation_id, None)
    }

    /// POSTs raw `body` to `path` with `correlation_id` and an
    /// `Authorization` header.
    pub fn post_authorized(
        &self,
        path: &str,
        body: &str,
        correlation_id: Option<&str>,
        authorization: Option<&str>,
    ) -> Result<Reply, String> {
        let url = format!("{}{}", self.base, path);
        let mut req = self
            .agent
            .post(&url)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
        if let Some(id) = correlation_id {
            req = req.header(CORRELATION_ID_HEADER, id);
        }
        if let Some(value) = authorization {
            req = req.header("Authorization", value);
        }
        let resp = req
            .send(body)
            .map_err(|e| format!("POST {url} failed: {e}"))?;
        self.read(&url, resp)
    }

    /// GETs `path`.
    pub fn get(&self, path: &str) -> Result<Reply, String> {
        let url = format!("{}{}", self.base, path);
        let resp = self
            .agent
            .get(&url)
            .header("Accept", "application/json")
            .call()
            .map_err(|e| format!("GET {url} failed: {e}"))?;
        self.read(&url, resp)
    }

    fn read(&self, url: &str, mut resp: ureq::http::Response<ureq::Body>) -> Result<Reply, String> {
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let correlation_id = header(CORRELATION_ID_HEADER);
        let retry_after = header("Retry-After");
        let www_authenticate = header("WWW-Authenticate");
        let status = resp.status().as_u16();
        let body = resp
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("reading the answer of {url} failed: {e}"))?;
        if !(200..300).contains(&status) {
            self.errors.borrow_mut().push(body.clone());
        }
        Ok(Reply {
            status,
            correlation_id,
            retry_after,
            www_authenticate,
            body,
        })
    }

    /// POSTs `body` as JSON to `path` with a fresh correlation ID; returns it too.
    pub fn post(&self, path: &str, body: &Value) -> Result<(String, Reply), String> {
        let id = self.next_correlation_id();
        let reply = self.post_raw(path, &body.to_string(), Some(&id))?;
        Ok((id, reply))
    }
}
