//! What the flow refuses in a challenge.

use twostep_protocol::Challenge;

/// Rejects challenges the flow cannot work with.
pub(super) fn check_challenge(c: &Challenge) -> Result<(), &'static str> {
    if c.session_handle.is_empty() || c.session_ref.is_empty() {
        return Err("the challenge has no session handle or reference");
    }
    if c.methods.is_empty() {
        return Err("no verification methods are set up for this account");
    }
    if c.expires_in_secs == 0 {
        return Err("the verification window is already over");
    }
    Ok(())
}
