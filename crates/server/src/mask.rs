//! Masking targets before they leave the server.

/// The mask in front of the last digits of a phone number.
const DOTS: &str = "••••••";

/// A phone number as the browser may see it: six dots and its last two
/// digits (`+1 555 0100 112` → `••••••12`). Nothing else of the number is kept.
pub fn phone(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits[digits.len().saturating_sub(2)..].iter().collect();
    format!("{DOTS}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_last_two_digits() {
        assert_eq!(phone("+1 555 0100 112"), "••••••12");
        assert_eq!(phone("+1 (555) 0100-178"), "••••••78");
        assert_eq!(phone("7"), "••••••7");
        assert_eq!(phone(""), "••••••");
    }
}
