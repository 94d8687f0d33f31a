//! Masking targets (phone numbers) so that the browser never sees them whole.

/// The most digits a target may show and still count as masked.
pub const MAX_VISIBLE_DIGITS: usize = 4;

/// The mask a server puts in front of the last digits of a phone number.
const DOTS: &str = "••••••";

/// A phone number as a server should send it: six dots and its last two
/// digits (`+1 555 0100 112` → `••••••12`). Nothing else of the number is kept.
pub fn mask_phone(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits[digits.len().saturating_sub(2)..].iter().collect();
    format!("{DOTS}{tail}")
}

/// Whether `target` shows few enough digits to count as masked (at most
/// [`MAX_VISIBLE_DIGITS`]). A backend that sends more breaks the contract.
pub fn is_masked(target: &str) -> bool {
    digit_count(target) <= MAX_VISIBLE_DIGITS
}

/// Masks a target that arrived with too much of it visible, for display:
/// when it holds more than [`MAX_VISIBLE_DIGITS`] digits, every digit but the
/// last two becomes a bullet. Targets already masked (`••••••12`) pass
/// through unchanged.
pub fn mask_target(target: &str) -> String {
    let digits = digit_count(target);
    if digits <= MAX_VISIBLE_DIGITS {
        return target.to_string();
    }
    let mut seen = 0;
    target
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen <= digits - 2 { '•' } else { c }
            } else {
                c
            }
        })
        .collect()
}

fn digit_count(target: &str) -> usize {
    target.chars().filter(char::is_ascii_digit).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_keep_only_the_last_two_digits() {
        assert_eq!(mask_phone("+1 555 0100 112"), "••••••12");
        assert_eq!(mask_phone("+1 (555) 0100-178"), "••••••78");
        assert_eq!(mask_phone("7"), "••••••7");
        assert_eq!(mask_phone(""), "••••••");
    }

    #[test]
    fn unmasked_numbers_are_masked() {
        assert_eq!(mask_target("+1 555 010 0112"), "+• ••• ••• ••12");
        assert_eq!(mask_target("••••••12"), "••••••12");
        assert_eq!(mask_target("a•••@contoso.com"), "a•••@contoso.com");
    }

    #[test]
    fn at_most_four_digits_count_as_masked() {
        assert!(is_masked("••••••12"));
        assert!(is_masked("•••• 0112"));
        assert!(is_masked("a•••@contoso.com"));
        assert!(!is_masked("+1 555 0100 112"));
        assert!(!is_masked("12345"));
        for target in ["+1 555 0100 112", "12345"] {
            assert!(is_masked(&mask_target(target)));
            assert!(is_masked(&mask_phone(target)));
        }
    }
}
