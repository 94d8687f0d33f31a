//! Settings of the HTTP backend.

use twostep_protocol::Operation;

/// Where each call of the contract is sent, relative to the base URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// Default: `/v1/start`.
    pub start: String,
    /// Default: `/v1/send`.
    pub send: String,
    /// Default: `/v1/verify`.
    pub verify: String,
    /// Default: `/v1/poll`.
    pub poll: String,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            start: Operation::Start.path().into(),
            send: Operation::Send.path().into(),
            verify: Operation::Verify.path().into(),
            poll: Operation::Poll.path().into(),
        }
    }
}

/// Whether requests carry cookies (the fetch `credentials` mode).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Credentials {
    /// Never send cookies.
    Omit,
    /// Send cookies to the page's own origin only. The default.
    #[default]
    SameOrigin,
    /// Send cookies to any origin (the backend must allow it in CORS).
    Include,
}

/// Options of [`super::HttpBackend`]. `HttpOptions::new(base_url)` gives every
/// default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpOptions {
    /// The backend's base URL, such as `https://login.example.com/mfa` or `/`
    /// for the page's own origin. Required.
    pub base_url: String,
    /// Per-call paths. Default: [`Paths::default()`].
    pub paths: Paths,
    /// Extra headers on every request, such as a CSRF token. Default: none.
    pub headers: Vec<(String, String)>,
    /// Cookie mode. Default: [`Credentials::SameOrigin`].
    pub credentials: Credentials,
    /// Time allowed for one request before it is aborted, in ms. Default: 10 000.
    pub timeout_ms: u32,
    /// Extra tries for a failed poll (the only call retried: it is an
    /// idempotent read). Default: 2.
    pub poll_retries: u32,
    /// Wait before the first retry, doubled for each next one, in ms.
    /// Default: 500.
    pub retry_backoff_ms: u32,
}

impl HttpOptions {
    /// Options for `base_url` with every default.
    pub fn new(base_url: impl Into<String>) -> Self {
        HttpOptions {
            base_url: base_url.into(),
            paths: Paths::default(),
            headers: Vec::new(),
            credentials: Credentials::default(),
            timeout_ms: 10_000,
            poll_retries: 2,
            retry_backoff_ms: 500,
        }
    }

    /// The full URL for `path`: the base URL and the path joined by one `/`.
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}/{}",
            self.base_url.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_join_with_one_slash() {
        assert_eq!(
            HttpOptions::new("https://a.example/mfa/").url("/v1/start"),
            "https://a.example/mfa/v1/start"
        );
        assert_eq!(
            HttpOptions::new("https://a.example").url("v1/send"),
            "https://a.example/v1/send"
        );
        assert_eq!(HttpOptions::new("").url("/v1/poll"), "/v1/poll");
    }
}
