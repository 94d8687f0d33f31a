//! Secrets from the operating system's CSPRNG: codes, numbers to match,
//! session IDs, assertions and correlation IDs.

/// Fills `buf` from the operating system's CSPRNG.
///
/// # Panics
///
/// If the operating system cannot supply randomness: the server must not
/// carry on with guessable secrets.
fn fill(buf: &mut [u8]) {
    getrandom::fill(buf).expect("the operating system's random source failed");
}

/// A uniformly random number in `0..bound` (rejection sampling, no modulo bias).
pub fn below(bound: u32) -> u32 {
    assert!(bound > 0, "below(0) has no answer");
    let zone = u32::MAX - (u32::MAX % bound);
    loop {
        let mut bytes = [0u8; 4];
        fill(&mut bytes);
        let n = u32::from_le_bytes(bytes);
        if n < zone {
            return n % bound;
        }
    }
}

/// `len` random decimal digits (a one-time code).
pub fn digits(len: usize) -> String {
    (0..len)
        .map(|_| char::from(b'0' + below(10) as u8))
        .collect()
}

/// A random two-digit number from 10 to 99, for number matching.
pub fn number_to_match() -> String {
    (10 + below(90)).to_string()
}

/// 32 random bytes as 64 lowercase hex digits: an opaque, unguessable token.
pub fn token() -> String {
    let mut bytes = [0u8; 32];
    fill(&mut bytes);
    hex(&bytes)
}

/// 16 random bytes as 32 hex digits, for session IDs.
pub fn session_id() -> String {
    let mut bytes = [0u8; 16];
    fill(&mut bytes);
    format!("sess-{}", hex(&bytes))
}

/// A random (version 4) UUID in its usual hyphenated form.
pub fn uuid_v4() -> String {
    let mut bytes = [0u8; 16];
    fill(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: Vec<String> = (0..50).map(|_| digits(6)).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()))
        );
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert!(distinct.len() > 40);
    }

    #[test]
    fn numbers_to_match_have_two_digits() {
        for _ in 0..200 {
            let n: u32 = number_to_match().parse().unwrap();
            assert!((10..=99).contains(&n));
        }
    }

    #[test]
    fn below_stays_below() {
        for bound in [1, 2, 7, 10, 90, 1_000_000] {
            for _ in 0..50 {
                assert!(below(bound) < bound);
            }
        }
    }

    #[test]
    fn uuids_are_version_4() {
        let id = uuid_v4();
        assert_eq!(id.len(), 36);
        assert_eq!(id.as_bytes()[14], b'4');
        assert!(matches!(id.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
    }

    #[test]
    fn tokens_and_session_ids_are_long_hex() {
        let t = token();
        assert_eq!(t.len(), 64);
        assert!(t.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(t, token());
        assert_eq!(session_id().len(), 5 + 32);
    }
}
