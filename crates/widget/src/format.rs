//! Pure formatting: countdowns, clock times, timestamps, masking.
//!
//! Nothing here touches the browser: local times come written by `Intl`
//! (`crate::browser`). The UTC calendar is the contract's, from
//! `twostep-protocol`.

/// "m:ss" for a duration in milliseconds, rounded up to the next second.
pub fn countdown(ms: u64) -> String {
    let secs = ms.div_ceil(1000);
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// RFC 3339 in UTC: "2026-11-28T19:42:05Z".
pub fn rfc3339(ms: u64) -> String {
    twostep_protocol::rfc3339((ms / 1000) as i64)
}

/// The details panel's timestamp: the local time as `Intl` wrote it (with
/// its zone), the IANA zone when known, then UTC in ISO 8601:
/// "28 nov 2026, 20:42:05 CET (Europe/Amsterdam) / 2026-11-28T19:42:05Z".
pub fn timestamp(ms: u64, local: &str, zone: Option<&str>) -> String {
    let utc = rfc3339(ms);
    match zone.filter(|z| !z.is_empty()) {
        Some(z) => format!("{local} ({z}) / {utc}"),
        None => format!("{local} / {utc}"),
    }
}

/// Masks a target that arrived with too much of it visible, for display: the
/// contract's rule, from the protocol crate.
pub use twostep_protocol::mask_target;

/// The page address without query or fragment, which may carry tokens.
pub fn page_url(href: &str) -> String {
    href.split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// `url` if it is safe to put in a link: `https:`, `http:` or `mailto:` only,
/// so that a `javascript:` URL can never become a link.
pub fn safe_link(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len())
        .then_some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-28T19:42:05Z
    const T: u64 = 1_795_894_925_000;

    #[test]
    fn countdowns_round_up() {
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(1), "0:01");
        assert_eq!(countdown(59_001), "1:00");
        assert_eq!(countdown(600_000), "10:00");
    }

    #[test]
    fn timestamps_keep_the_local_time_and_add_zone_and_utc() {
        assert_eq!(
            timestamp(T, "28 nov 2026, 20:42:05 CET", Some("Europe/Amsterdam")),
            "28 nov 2026, 20:42:05 CET (Europe/Amsterdam) / 2026-11-28T19:42:05Z"
        );
        assert_eq!(
            timestamp(T, "Nov 28, 2026, 2:12:05 PM GMT-5:30", Some("")),
            "Nov 28, 2026, 2:12:05 PM GMT-5:30 / 2026-11-28T19:42:05Z"
        );
        // Across a year boundary, and a leap day.
        assert_eq!(
            timestamp(1_767_225_600_000, "x", None),
            "x / 2026-01-01T00:00:00Z"
        );
        assert_eq!(
            timestamp(1_835_438_400_000, "x", None),
            "x / 2028-02-29T12:00:00Z"
        );
    }

    #[test]
    fn unmasked_numbers_are_masked() {
        assert_eq!(mask_target("+1 555 010 0112"), "+• ••• ••• ••12");
        assert_eq!(mask_target("••••••12"), "••••••12");
        assert_eq!(mask_target("a•••@contoso.com"), "a•••@contoso.com");
    }

    #[test]
    fn only_web_and_mail_links_pass() {
        assert_eq!(
            safe_link(" https://help.example "),
            Some("https://help.example")
        );
        assert_eq!(
            safe_link("mailto:it@contoso.com"),
            Some("mailto:it@contoso.com")
        );
        assert_eq!(safe_link("javascript:alert(1)"), None);
        assert_eq!(safe_link("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_link("data:text/html,hi"), None);
        assert_eq!(safe_link("https://"), None);
    }

    #[test]
    fn page_urls_lose_query_and_fragment() {
        assert_eq!(
            page_url("https://login.example/mfa?token=abc#x"),
            "https://login.example/mfa"
        );
        assert_eq!(page_url("http://127.0.0.1:8460/"), "http://127.0.0.1:8460/");
    }
}
