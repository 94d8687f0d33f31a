//! SHA-256 digests of bearer secrets (session handles, API keys): the server
//! keeps and compares only these, so nothing it stores can be used to act.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The SHA-256 of `secret` as 64 lowercase hex digits.
pub fn sha256_hex(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `secret` hashes to `expected_hex`, compared in constant time.
pub fn matches(secret: &str, expected_hex: &str) -> bool {
    let actual = sha256_hex(secret);
    actual.len() == expected_hex.len()
        && bool::from(
            actual
                .as_bytes()
                .ct_eq(expected_hex.to_ascii_lowercase().as_bytes()),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_sha256_in_hex() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn only_the_same_secret_matches() {
        let stored = sha256_hex("tsk_one");
        assert!(matches("tsk_one", &stored));
        assert!(matches("tsk_one", &stored.to_uppercase()));
        assert!(!matches("tsk_two", &stored));
        assert!(!matches("tsk_one", &stored[..63]));
        assert!(!matches("", &stored));
    }
}
