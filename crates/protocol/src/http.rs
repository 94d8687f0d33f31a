//! The HTTP facts of the contract: the paths of its calls, the headers it
//! names and the Content-Security-Policy the widget runs under.

/// The prefix every call of this contract version lives under.
pub const API_PREFIX: &str = "/v1";

/// The header that carries a request's correlation ID, echoed on the answer
/// (and in error envelopes). Written in lower case, as HTTP/2 sends it and as
/// header-name constructors that take static strings require; HTTP header
/// names are case-insensitive, so it matches `X-Correlation-ID`.
pub const CORRELATION_ID_HEADER: &str = "x-correlation-id";

/// The strict Content-Security-Policy the widget runs under: no inline script
/// or style, no eval, no nonce; only wasm compilation is allowed. The
/// reference server, the host example and the demo send it with every page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

/// A call the browser makes to a backend, each a `POST` of JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Resumes (or, in development, starts) a verification: `/v1/start`.
    Start,
    /// Sends a code or a prompt with one method: `/v1/send`.
    Send,
    /// Checks a code: `/v1/verify`.
    Verify,
    /// Asks whether a call or notification was answered: `/v1/poll`.
    Poll,
}

impl Operation {
    /// Every browser call, in the order a verification makes them.
    pub const ALL: [Operation; 4] = [
        Operation::Start,
        Operation::Send,
        Operation::Verify,
        Operation::Poll,
    ];

    /// The last segment of its path: `start`, `send`, `verify` or `poll`.
    pub const fn name(self) -> &'static str {
        match self {
            Operation::Start => "start",
            Operation::Send => "send",
            Operation::Verify => "verify",
            Operation::Poll => "poll",
        }
    }

    /// Its path from the backend's base URL, such as `/v1/start`.
    pub const fn path(self) -> &'static str {
        match self {
            Operation::Start => "/v1/start",
            Operation::Send => "/v1/send",
            Operation::Verify => "/v1/verify",
            Operation::Poll => "/v1/poll",
        }
    }

    /// The call whose [`Operation::name`] is `name`.
    pub fn from_name(name: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|o| o.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_the_prefix_and_the_name() {
        for op in Operation::ALL {
            assert_eq!(op.path(), format!("{API_PREFIX}/{}", op.name()));
            assert_eq!(Operation::from_name(op.name()), Some(op));
        }
        assert_eq!(Operation::Start.path(), "/v1/start");
        assert_eq!(Operation::from_name("sessions"), None);
        assert_eq!(Operation::from_name("Start"), None);
    }

    #[test]
    fn the_paths_of_the_server_calls_share_the_prefix() {
        assert!(crate::SESSIONS_PATH.starts_with(API_PREFIX));
    }

    #[test]
    fn the_header_name_is_lower_case() {
        assert_eq!(
            CORRELATION_ID_HEADER,
            "X-Correlation-ID".to_ascii_lowercase()
        );
    }

    #[test]
    fn the_policy_allows_no_inline_code() {
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
        assert!(!CONTENT_SECURITY_POLICY.contains("'unsafe-eval'"));
        assert!(CONTENT_SECURITY_POLICY.contains("script-src 'self' 'wasm-unsafe-eval'"));
    }
}
