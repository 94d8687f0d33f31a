//! Turning an HTTP answer into a result: the contract's success shape, or an
//! [`ApiError`] for every way an answer can be wrong. Pure, so each case is
//! tested natively.

use twostep_protocol::json::{ReadError, ReadJson};
use twostep_protocol::{ApiError, ErrorCode};

/// The most of a bad body quoted in an error message.
const QUOTE_LIMIT: usize = 80;

/// What came back over HTTP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<&'a str>,
    /// The body as text.
    pub body: &'a str,
}

/// An answer as read off the wire (or from a bridge), before its JSON is read:
/// the status, the `Retry-After` header and the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<String>,
    /// The body as text.
    pub body: String,
}

impl HttpResponse {
    /// The body read as `T`, or the error it is (see [`interpret`]).
    pub fn read<T: ReadJson>(&self, correlation_id: &str) -> Result<T, ApiError> {
        interpret(
            &Answer {
                status: self.status,
                retry_after: self.retry_after.as_deref(),
                body: &self.body,
            },
            correlation_id,
        )
    }
}

/// Reads `answer` as the success type `T` or as an error envelope. Anything
/// else becomes a `bad_response` (or `internal` for a bare 5xx) that names the
/// problem. `correlation_id` fills in errors that lack one.
pub fn interpret<T: ReadJson>(answer: &Answer<'_>, correlation_id: &str) -> Result<T, ApiError> {
    let parse_error = if (200..300).contains(&answer.status) {
        match T::read_json(answer.body) {
            Ok(value) => return Ok(value),
            Err(e) => Some(e),
        }
    } else {
        None
    };
    Err(failure(answer, parse_error, correlation_id))
}

/// The error for `answer`: a 2xx whose body failed to parse as the success
/// type (`parse_error`), or any other status. Not generic, so the bundle holds
/// it once rather than once per success type.
#[inline(never)]
fn failure(answer: &Answer<'_>, parse_error: Option<ReadError>, correlation_id: &str) -> ApiError {
    // The member at fault tells support where to look. A well-formed JSON
    // answer is never quoted: a challenge of the wrong shape still holds the
    // secret session handle, and this message reaches the screen and the
    // details.
    let mut err = match parse_error {
        Some(ReadError::NotJson(_)) => ApiError::new(
            ErrorCode::BadResponse,
            format!("The answer is not JSON: {}", quote(answer.body)),
        ),
        Some(ReadError::Shape(e)) => ApiError::new(
            ErrorCode::BadResponse,
            if e.field.is_empty() {
                "The answer is not a JSON object".to_string()
            } else {
                format!(
                    "The answer has an unexpected shape: `{}{}` {}",
                    e.within,
                    e.field,
                    e.problem.words()
                )
            },
        ),
        None => match ApiError::read_json(answer.body) {
            Ok(envelope) => envelope,
            Err(_) => bare_status(answer),
        },
    };
    if err.retry_after_secs.is_none() {
        err.retry_after_secs = answer.retry_after.and_then(|v| v.trim().parse().ok());
    }
    if err.correlation_id.as_deref().is_none_or(str::is_empty) {
        err.correlation_id = Some(correlation_id.to_string());
    }
    err
}

/// An error for a non-2xx answer without an envelope.
fn bare_status(answer: &Answer<'_>) -> ApiError {
    let code = match answer.status {
        429 => ErrorCode::RateLimited,
        500..=599 => ErrorCode::Internal,
        _ => ErrorCode::BadResponse,
    };
    ApiError::new(
        code,
        format!(
            "HTTP {} without an error envelope: {}",
            answer.status,
            quote(answer.body)
        ),
    )
}

/// The start of `body`, on one line, for a message.
fn quote(body: &str) -> String {
    let one_line: String = body
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = one_line.trim();
    if trimmed.is_empty() {
        return "(empty)".into();
    }
    let mut quoted: String = trimmed.chars().take(QUOTE_LIMIT).collect();
    if trimmed.chars().nth(QUOTE_LIMIT).is_some() {
        quoted.push('…');
    }
    quoted
}

/// True for failures worth another try of an idempotent read.
pub fn is_transient(err: &ApiError) -> bool {
    matches!(
        err.code,
        ErrorCode::Network | ErrorCode::Timeout | ErrorCode::Internal
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use twostep_protocol::{PollResponse, PollStatus};

    fn poll(status: u16, body: &str, retry_after: Option<&str>) -> Result<PollResponse, ApiError> {
        interpret(
            &Answer {
                status,
                retry_after,
                body,
            },
            "cid-1",
        )
    }

    #[test]
    fn a_good_answer_parses() {
        let p = poll(200, r#"{"status":"pending"}"#, None).unwrap();
        assert_eq!(p.status, PollStatus::Pending);
    }

    #[test]
    fn html_instead_of_json_is_a_bad_response() {
        let e = poll(200, "<html><body>Gateway login</body></html>", None).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadResponse);
        assert!(
            e.message.starts_with("The answer is not JSON: <html>"),
            "{}",
            e.message
        );
        assert_eq!(e.correlation_id.as_deref(), Some("cid-1"));
    }

    #[test]
    fn json_of_the_wrong_shape_is_a_bad_response() {
        let e = poll(200, r#"{"state":"pending"}"#, None).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadResponse);
        assert_eq!(
            e.message,
            "The answer has an unexpected shape: `status` is missing"
        );
        let e = poll(200, r#"[{"status":"pending"}]"#, None).unwrap_err();
        assert_eq!(e.message, "The answer is not a JSON object");
        let e = poll(200, "", None).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadResponse);
        assert!(e.message.ends_with("(empty)"));
    }

    #[test]
    fn a_challenge_of_the_wrong_shape_never_shows_its_handle() {
        // An older backend: no session_ref. The message reaches the screen.
        let body = r#"{"session_handle":"sh_secret","user":"u","methods":[],"default_method":"m","expires_in_secs":60}"#;
        let e = interpret::<twostep_protocol::Challenge>(
            &Answer {
                status: 200,
                retry_after: None,
                body,
            },
            "cid-1",
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::BadResponse);
        assert!(!e.message.contains("sh_secret"), "{}", e.message);
    }

    #[test]
    fn an_envelope_is_passed_on_with_its_own_id() {
        let e = poll(
            422,
            r#"{"code":"invalid_code","message":"Wrong.","correlation_id":"srv-9","attempts_left":2}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidCode);
        assert_eq!(e.attempts_left, Some(2));
        assert_eq!(e.correlation_id.as_deref(), Some("srv-9"));
    }

    #[test]
    fn retry_after_comes_from_the_header_when_the_body_lacks_it() {
        let e = poll(
            429,
            r#"{"code":"rate_limited","message":"Slow down."}"#,
            Some("17"),
        )
        .unwrap_err();
        assert_eq!(e.retry_after_secs, Some(17));
        let e = poll(429, "Too Many Requests", Some(" 5 ")).unwrap_err();
        assert_eq!(e.code, ErrorCode::RateLimited);
        assert_eq!(e.retry_after_secs, Some(5));
    }

    #[test]
    fn bare_statuses_map_by_class() {
        let e = poll(502, "Bad Gateway", None).unwrap_err();
        assert_eq!(e.code, ErrorCode::Internal);
        assert!(
            e.message
                .starts_with("HTTP 502 without an error envelope: Bad Gateway")
        );
        assert!(is_transient(&e));
        let e = poll(404, "", None).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadResponse);
        assert!(!is_transient(&e));
    }

    #[test]
    fn long_bodies_are_cut_and_kept_on_one_line() {
        let body = format!("oops\n{}", "x".repeat(500));
        let e = poll(200, &body, None).unwrap_err();
        assert!(!e.message.contains('\n'));
        assert!(e.message.ends_with('…'));
        assert!(e.message.chars().count() < 140);
    }

    #[test]
    fn quotes_count_characters_not_bytes() {
        let exact = "é".repeat(QUOTE_LIMIT);
        assert_eq!(quote(&exact), exact);
        let over = format!("{exact}ü");
        assert_eq!(quote(&over), format!("{exact}…"));
        assert_eq!(quote(" \n "), "(empty)");
    }
}
