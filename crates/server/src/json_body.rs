//! A JSON body extractor whose rejections are `bad_request` envelopes
//! (413 for a body over the limit) instead of axum's plain-text errors.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Json, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::failure::Failure;

/// The request body, parsed as `T`.
#[derive(Clone, Copy, Debug)]
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Failure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Failure> {
        Json::<T>::from_request(req, state)
            .await
            .map(|Json(value)| JsonBody(value))
            .map_err(rejected)
    }
}

/// The envelope for each way a JSON body can be refused.
fn rejected(rejection: JsonRejection) -> Failure {
    match rejection {
        JsonRejection::JsonDataError(e) => Failure::bad_request(format!(
            "The JSON does not have the expected shape: {}",
            e.body_text()
                .trim_start_matches("Failed to deserialize the JSON body into the target type: ")
        )),
        JsonRejection::JsonSyntaxError(_) => Failure::bad_request("The body is not valid JSON."),
        JsonRejection::MissingJsonContentType(_) => {
            Failure::bad_request("Send the body as JSON, with Content-Type: application/json.")
        }
        other if timed_out(&other) => {
            Failure::bad_request("The request body did not arrive in time.")
                .with_status(StatusCode::REQUEST_TIMEOUT)
        }
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            Failure::bad_request("The request body is too large.")
                .with_status(StatusCode::PAYLOAD_TOO_LARGE)
        }
        other => Failure::bad_request(format!("The body could not be read: {}", other.body_text())),
    }
}

/// Whether the body stopped arriving (`--body-timeout-secs`).
fn timed_out(rejection: &JsonRejection) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(rejection);
    while let Some(e) = cause {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = e.source();
    }
    false
}
