//! The session handle is a secret: no error envelope may carry it.

use crate::checks::{Outcomes, Verdict};
use crate::client::Client;

/// The fewest error answers the run must have provoked for the check to
/// mean something.
const ENOUGH_ERRORS: usize = 3;

/// Searches every error answer of the run for each session handle (of the
/// main session, and of the finished one when there is one).
pub(crate) fn check(client: &Client, handles: &[&str], finished: Option<&str>, out: &mut Outcomes) {
    let bodies = client.error_bodies();
    let all: Vec<&str> = handles.iter().copied().chain(finished).collect();
    out.record(
        "the session handle appears in no error envelope",
        (|| {
            if bodies.len() < ENOUGH_ERRORS {
                return Ok(Verdict::Skip(format!(
                    "only {} error answers were provoked",
                    bodies.len()
                )));
            }
            for body in &bodies {
                if let Some(h) = all.iter().find(|h| !h.is_empty() && body.contains(**h)) {
                    let at = body.find(h).unwrap_or(0);
                    return Err(format!(
                        "an error answer carries the handle at byte {at} of {} ({} errors searched)",
                        body.len(),
                        bodies.len()
                    ));
                }
            }
            Ok(Verdict::Pass)
        })(),
    );
}
