//! Starting a verification: server to server with an API key, and in the
//! browser only in development mode.

use serde_json::json;
use twostep_protocol::{Challenge, CreatedSession, ErrorCode, Operation, SESSIONS_PATH};

use crate::checks::{Check, Outcomes, Verdict, envelope, success};
use crate::client::{Client, Reply, clip};
use crate::options::Options;

/// An API key no backend issued.
const WRONG_KEY: &str = "tsk_conformance-not-a-key-000000000000000000000";

/// `POST /v1/sessions` for the test user with `authorization`; the
/// correlation ID sent and the answer.
fn create(client: &Client, user: &str, authorization: Option<&str>) -> Check<(String, Reply)> {
    let id = client.next_correlation_id();
    let body = json!({ "user": user }).to_string();
    let reply = client.post_authorized(SESSIONS_PATH, &body, Some(&id), authorization)?;
    Ok((id, reply))
}

/// The handle of a `201` answer to `POST /v1/sessions`.
fn created(reply: &Reply) -> Check<CreatedSession> {
    if reply.status != 201 {
        return Err(format!(
            "expected 201, got {}: {}",
            reply.status,
            clip(&reply.body)
        ));
    }
    let c: CreatedSession = serde_json::from_str(&reply.body).map_err(|e| {
        format!(
            "the answer does not match the contract ({e}): {}",
            clip(&reply.body)
        )
    })?;
    if c.session_handle.is_empty() || c.session_ref.is_empty() || c.session_handle == c.session_ref
    {
        return Err("the handle and the reference must be present and differ".into());
    }
    if c.expires_in_secs == 0 {
        return Err("expires_in_secs is 0".into());
    }
    Ok(c)
}

/// The server-to-server checks (with `--api-key`).
pub(crate) fn server_to_server(client: &Client, options: &Options, out: &mut Outcomes) {
    let Some(key) = options.api_key.as_deref() else {
        let skip = || Ok(Verdict::Skip("no --api-key to start sessions with".into()));
        out.record(
            "the server-to-server start refuses a missing or wrong API key",
            skip(),
        );
        out.record("the server-to-server start creates a session", skip());
        return;
    };
    out.record(
        "the server-to-server start refuses a missing or wrong API key",
        (|| {
            for authorization in [None, Some(format!("Bearer {WRONG_KEY}"))] {
                let (id, reply) = create(client, &options.user, authorization.as_deref())?;
                envelope(&reply, &id, &[401], &[ErrorCode::Unauthorized])?;
                let challenge = reply.www_authenticate.as_deref().unwrap_or_default();
                if !challenge.to_ascii_lowercase().starts_with("bearer") {
                    return Err(format!(
                        "a 401 needs WWW-Authenticate: Bearer, got {challenge:?}"
                    ));
                }
            }
            Ok(Verdict::Pass)
        })(),
    );
    out.record(
        "the server-to-server start creates a session",
        create(client, &options.user, Some(&format!("Bearer {key}")))
            .and_then(|(_, reply)| created(&reply))
            .map(|_| Verdict::Pass),
    );
}

/// A browser `start` without a session: it works from a `user_hint` in
/// development mode only.
pub(crate) fn browser_start(client: &Client, options: &Options, out: &mut Outcomes) {
    let sent = client.post(
        Operation::Start.path(),
        &json!({ "user_hint": options.user }),
    );
    if options.dev {
        out.record(
            "a browser start from a user_hint works in dev mode",
            sent.and_then(|(_, reply)| success::<Challenge>(&reply))
                .map(|_| Verdict::Pass),
        );
    } else {
        out.record(
            "a browser start without a session is refused",
            sent.and_then(|(id, reply)| {
                envelope(
                    &reply,
                    &id,
                    &[400, 401, 403],
                    &[ErrorCode::BadRequest, ErrorCode::Unauthorized],
                )
                .map_err(|e| format!("{e} (a backend in dev mode passes with --dev)"))
            })
            .map(|_| Verdict::Pass),
        );
    }
}

/// Asks for a session for the test user: with the API key, else (dev mode)
/// from a hint. The correlation ID sent and the answer, whatever it is.
pub(crate) fn ask(client: &Client, options: &Options) -> Check<(String, Reply)> {
    if let Some(key) = &options.api_key {
        return create(client, &options.user, Some(&format!("Bearer {key}")));
    }
    if options.dev {
        return client.post(
            Operation::Start.path(),
            &json!({ "user_hint": options.user }),
        );
    }
    Err("no way to start a session: give --api-key KEY, or --dev for a backend in dev mode".into())
}

/// The session handle in the answer to [`ask`].
pub(crate) fn handle_of(options: &Options, reply: &Reply) -> Check<String> {
    if options.api_key.is_some() {
        Ok(created(reply)?.session_handle)
    } else {
        Ok(success::<Challenge>(reply)?.session_handle)
    }
}

/// A new session for the test user: its handle.
pub(crate) fn begin(client: &Client, options: &Options) -> Check<String> {
    let (_, reply) = ask(client, options)?;
    handle_of(options, &reply)
}
