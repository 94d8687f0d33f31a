//! Languages: which one a user gets, its catalogue, and its plural rules.
//!
//! English is built into the bundle; each other language is a JSON file in
//! `crates/widget/locales/`, fetched when a user needs it (see
//! `docs/translations.md`). [`negotiate`] picks the language from what the
//! host and the browser ask for; [`Catalogue`] holds its messages.

pub mod catalogue;
#[cfg(test)]
mod catalogue_test;
mod fetch;
pub mod plural;

pub use catalogue::{Catalogue, CatalogueError};
pub use fetch::fetch;

/// The catalogue's languages, as BCP 47 tags; English first.
pub const SUPPORTED: [&str; 12] = [
    "en", "nl", "de", "fr", "es", "pt-BR", "it", "pl", "ja", "zh-Hans", "ar", "he",
];

/// The supported language for one requested BCP 47 tag, if any: the one of
/// its primary language (`en-GB` gets English, `pt-PT` and `pt-BR`
/// Brazilian Portuguese, `zh-CN` and `zh-Hans-SG` Simplified Chinese, `iw`
/// Hebrew, but the Traditional Chinese tags none).
pub fn supported(requested: &str) -> Option<&'static str> {
    let requested = requested.trim().replace('_', "-").to_ascii_lowercase();
    let mut subtags = requested.split('-');
    // "iw" is Hebrew's withdrawn code, which some systems still send.
    let primary = match subtags.next()? {
        "iw" => "he",
        primary => primary,
    };
    if primary == "zh" && subtags.any(|s| ["hant", "tw", "hk", "mo"].contains(&s)) {
        return None;
    }
    SUPPORTED
        .iter()
        .find(|tag| tag.split('-').next() == Some(primary))
        .copied()
}

/// The language for a list of requests in order of preference (the host's
/// `locale` option, the page's `<html lang>`, then `navigator.languages`):
/// the first one supported, else English.
pub fn negotiate<'a>(requests: impl IntoIterator<Item = &'a str>) -> &'static str {
    requests
        .into_iter()
        .find_map(supported)
        .unwrap_or(SUPPORTED[0])
}

/// The writing direction of a supported language: `"rtl"` or `"ltr"`.
pub fn direction(tag: &str) -> &'static str {
    if matches!(tag, "ar" | "he") {
        "rtl"
    } else {
        "ltr"
    }
}

#[cfg(test)]
mod tests {
    use super::{direction, negotiate, supported};

    /// The cases the JavaScript API's negotiation is tested with too.
    const CASES: &str = include_str!("../../locales/negotiation.json");

    #[test]
    fn regional_tags_get_their_language_and_unknown_ones_fall_through() {
        assert_eq!(supported("EN-gb"), Some("en"));
        assert_eq!(supported("nl_BE"), Some("nl"));
        assert_eq!(supported("pt-PT"), Some("pt-BR"));
        assert_eq!(supported("zh-CN"), Some("zh-Hans"));
        assert_eq!(supported("zh-Hant-TW"), None);
        assert_eq!(supported("sv"), None);
        assert_eq!(supported(""), None);
        assert_eq!(negotiate(["sv", "", "fr-CA", "de"]), "fr");
        assert_eq!(negotiate(["sv"]), "en");
        assert_eq!(
            (direction("ar"), direction("he"), direction("fr")),
            ("rtl", "rtl", "ltr")
        );
    }

    #[test]
    fn the_shared_cases_negotiate_as_listed() {
        let cases: Vec<(Vec<String>, String)> = serde_json::from_str(CASES).unwrap();
        assert!(cases.len() >= 10);
        for (requests, want) in cases {
            assert_eq!(
                negotiate(requests.iter().map(String::as_str)),
                want,
                "{requests:?}"
            );
        }
    }
}
