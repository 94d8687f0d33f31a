//! Cleaning up what the user types or pastes into the code field.

/// A code field's content after cleaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeInput {
    /// The digits kept, at most the code's length.
    pub digits: String,
    /// True when something other than digits, spaces and dashes was dropped.
    pub dropped_other: bool,
}

/// Keeps the digits of `raw` (up to `max_len`), ignoring the spaces and dashes
/// that texted codes and pasted codes often carry ("123 456", "123-456").
/// Full-width and other Unicode decimal digits are read as ASCII digits.
pub fn normalize_code(raw: &str, max_len: usize) -> CodeInput {
    let mut digits = String::with_capacity(max_len);
    let mut dropped_other = false;
    for c in raw.chars() {
        if let Some(d) = ascii_digit(c) {
            if digits.len() < max_len {
                digits.push(d);
            }
        } else if !(c.is_whitespace() || is_dash(c)) {
            dropped_other = true;
        }
    }
    CodeInput {
        digits,
        dropped_other,
    }
}

fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    // Full-width digits (U+FF10..U+FF19), as typed by some IMEs.
    let fw = c as u32;
    if (0xFF10..=0xFF19).contains(&fw) {
        return char::from_digit(fw - 0xFF10, 10);
    }
    None
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '−')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_spaces_and_dashes() {
        assert_eq!(normalize_code(" 123-456 ", 6).digits, "123456");
        assert_eq!(normalize_code("123 – 456", 6).digits, "123456");
        assert!(!normalize_code("12 34-56", 6).dropped_other);
    }

    #[test]
    fn flags_letters_and_keeps_the_digits() {
        let c = normalize_code("G-123456", 6);
        assert_eq!(c.digits, "123456");
        assert!(c.dropped_other);
    }

    #[test]
    fn stops_at_the_code_length() {
        assert_eq!(normalize_code("1234567890", 6).digits, "123456");
    }

    #[test]
    fn reads_full_width_digits() {
        assert_eq!(normalize_code("１２３４５６", 6).digits, "123456");
    }
}
