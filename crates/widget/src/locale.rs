//! Which of the catalogue's languages a host's locale gets.
//!
//! The catalogue ships English only today. A requested locale falls back to
//! the nearest language the catalogue has, and the widget's `lang` attribute
//! names the language its text is actually in, so that a screen reader never
//! reads English with another language's voice.

/// The languages the message catalogue has, as BCP 47 tags.
pub const SUPPORTED: [&str; 1] = ["en"];

/// The catalogue language for a requested BCP 47 tag such as `"en-GB"` or
/// `"fr"`: an exact match, else its primary language, else English.
pub fn negotiate(requested: &str) -> &'static str {
    let requested = requested.trim();
    let primary = requested.split(['-', '_']).next().unwrap_or_default();
    SUPPORTED
        .iter()
        .find(|tag| tag.eq_ignore_ascii_case(requested))
        .or_else(|| {
            SUPPORTED
                .iter()
                .find(|tag| tag.eq_ignore_ascii_case(primary))
        })
        .copied()
        .unwrap_or(SUPPORTED[0])
}

#[cfg(test)]
mod tests {
    use super::negotiate;

    #[test]
    fn regional_and_unknown_tags_fall_back() {
        assert_eq!(negotiate("en"), "en");
        assert_eq!(negotiate("EN-gb"), "en");
        assert_eq!(negotiate("en_US"), "en");
        assert_eq!(negotiate("fr-CA"), "en");
        assert_eq!(negotiate(""), "en");
    }
}
